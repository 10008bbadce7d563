import { CheckCircleFilled, CloseCircleFilled, InfoCircleFilled, SafetyOutlined } from '@ant-design/icons';
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { PayloadVerification, VerifyResponse } from '../../../api/certificates';
import { formatChineseDate } from '../../../utils/format';

type Tone = 'valid' | 'revoked' | 'neutral' | 'warning';

const toneStyle: Record<Tone, { color: string; background: string; border: string; icon: ReactNode }> = {
  valid: {
    color: '#237804',
    background: '#f6ffed',
    border: '#b7eb8f',
    icon: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  },
  revoked: {
    color: '#a8071a',
    background: '#fff1f0',
    border: '#ffa39e',
    icon: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  },
  warning: {
    color: '#ad4e00',
    background: '#fffbe6',
    border: '#ffe58f',
    icon: <InfoCircleFilled style={{ color: '#faad14' }} />,
  },
  neutral: {
    color: '#1f2329',
    background: '#fafafa',
    border: '#e5e6eb',
    icon: <InfoCircleFilled style={{ color: '#8a94a3' }} />,
  },
};

/** The verdict line of a result: a large coloured headline and a sentence under it. */
function Verdict({ tone, title, children }: { tone: Tone; title: string; children?: ReactNode }) {
  const s = toneStyle[tone];
  return (
    <div
      style={{
        background: s.background,
        border: `1px solid ${s.border}`,
        borderRadius: 8,
        padding: '12px 16px',
        marginBottom: 16,
      }}
    >
      <Flex gap={10} align="flex-start">
        <span style={{ fontSize: 24, lineHeight: 1 }} aria-hidden>
          {s.icon}
        </span>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ color: s.color, fontSize: 18 }}>
            {title}
          </Typography.Text>
          {children ? (
            <Typography.Paragraph style={{ margin: '4px 0 0', color: s.color }}>
              {children}
            </Typography.Paragraph>
          ) : null}
        </div>
      </Flex>
    </div>
  );
}

interface Field {
  label: string;
  value: ReactNode;
}

function FieldList({ fields }: { fields: Field[] }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      styles={{ label: { whiteSpace: 'nowrap', width: 112 } }}
      items={fields.map((f) => ({ key: f.label, label: f.label, children: f.value }))}
    />
  );
}

const date = (v: string | null | undefined) => (v ? formatChineseDate(v) : '—');

/** The answer to a query by 证书编号 + 姓名: 有效, 已撤销 (with the date) or 未查到. */
export function QueryResult({ result }: { result: VerifyResponse }) {
  const c = result.certificate;
  if (!c) {
    return (
      <Card size="small" title="查询结果">
        <Verdict tone="neutral" title="未查到">
          未查询到与该证书编号和姓名相符的证书，请核对后重试。
        </Verdict>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          请注意：证书编号须与证书上印制的完全一致，姓名须为持证人的真实姓名。
        </Typography.Paragraph>
      </Card>
    );
  }
  const revoked = c.status === 'revoked';
  return (
    <Card size="small" title="查询结果">
      {revoked ? (
        <Verdict tone="revoked" title="已撤销">
          该证书已于 {date(c.revokedOn)} 被认定机构撤销，不再有效。
        </Verdict>
      ) : (
        <Verdict tone="valid" title="有效">
          该证书由 {c.agency} 依批复 {c.documentNumber} 发放，系统中状态为有效。
        </Verdict>
      )}
      <FieldList
        fields={[
          { label: '证书编号', value: <Typography.Text copyable>{c.number}</Typography.Text> },
          { label: '姓名', value: c.name },
          { label: '系列', value: c.series },
          { label: '专业', value: c.specialty || '—' },
          { label: '资格名称', value: c.qualification },
          { label: '级别', value: c.level },
          { label: '认定机构', value: c.agency },
          { label: '批复文号', value: c.documentNumber },
          { label: '发证日期', value: date(c.issuedOn) },
          {
            label: '证书状态',
            value: revoked ? (
              <Tag color="error">已撤销（{date(c.revokedOn)}）</Tag>
            ) : (
              <Tag color="success">有效</Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The answer for a scanned QR code: whether the signature holds, the signed fields and the state now. */
export function PayloadResult({ result }: { result: PayloadVerification }) {
  const c = result.claims;
  if (!result.valid || !c) {
    const [head, ...rest] = (result.reason ?? '签名无效').split('：');
    return (
      <Verdict tone="revoked" title={`二维码核验未通过：${head}`}>
        {rest.length ? `${rest.join('：')}。` : ''}
        请勿凭此二维码认定证书真实有效；可用下方表单按证书编号和姓名查询。
      </Verdict>
    );
  }
  const verdict =
    result.status === 'revoked' ? (
      <Verdict tone="revoked" title="签名有效 · 证书已撤销">
        二维码内容确由 {c.agency} 签发、未被篡改，但该证书已被撤销，不再有效。
      </Verdict>
    ) : result.status === 'not_found' ? (
      <Verdict tone="warning" title="签名有效 · 系统中未查到该证书">
        二维码内容确由 {c.agency} 签发，但系统中没有与之相符的证书记录，请联系认定机构核实。
      </Verdict>
    ) : (
      <Verdict tone="valid" title="签名有效 · 证书有效">
        二维码内容经 {c.agency} 的 SM2 公钥验签通过、未被篡改，系统中该证书状态为有效。
      </Verdict>
    );
  return (
    <>
      {verdict}
      <FieldList
        fields={[
          { label: '证书编号', value: <Typography.Text copyable>{c.number}</Typography.Text> },
          { label: '姓名', value: c.name },
          { label: '性别', value: c.gender },
          { label: '出生年月', value: c.birthMonth.replace('-', '年') + '月' },
          { label: '工作单位', value: c.employer },
          { label: '系列', value: c.series },
          { label: '专业', value: c.specialty || '—' },
          { label: '资格名称', value: c.qualification },
          { label: '级别', value: c.level },
          { label: '认定机构', value: c.agency },
          { label: '批复文号', value: c.documentNumber },
          { label: '资格取得时间', value: date(c.obtainedOn) },
          { label: '发证日期', value: date(c.issuedOn) },
          {
            label: '当前状态',
            value:
              result.status === 'revoked' ? (
                <Tag color="error">已撤销</Tag>
              ) : result.status === 'not_found' ? (
                <Tag>未查到</Tag>
              ) : (
                <Tag color="success">有效</Tag>
              ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        <SafetyOutlined /> 签名算法：SM2（国密），以认定机构公布的公钥核验。
      </Typography.Paragraph>
    </>
  );
}
