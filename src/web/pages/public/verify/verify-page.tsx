import { QrcodeOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { VerifyQuery } from '../../../../contract/approvals';
import { useVerifyCertificate, useVerifyPayload } from '../../../api/certificates';
import { useMe } from '../../../api/session';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { required, zodRule } from '../../../utils/form-rules';
import { PayloadResult, QueryResult } from './verify-result';

interface Values {
  number: string;
  name: string;
}

/** The QR code of a certificate opens `/verify?c=<payload>`: checked at once, signature and state. */
function QrCheck({ payload }: { payload: string }) {
  // A signed-in browser sends its CSRF token with the POST: wait until the session is known.
  const me = useMe();
  const check = useVerifyPayload(payload, !me.isFetching);
  return (
    <Card
      size="small"
      title={
        <span>
          <QrcodeOutlined /> 二维码核验
        </span>
      }
      style={{ marginBottom: 16 }}
    >
      <div aria-live="polite">
        {check.isError ? (
          <QueryErrorAlert error={check.error} title="二维码核验失败" onRetry={() => void check.refetch()} />
        ) : check.data ? (
          <PayloadResult result={check.data} />
        ) : (
          <div role="status" aria-label="正在核验二维码">
            <Skeleton active paragraph={{ rows: 4 }} />
          </div>
        )}
      </div>
    </Card>
  );
}

/** 证书查询 (public): by 证书编号 + 姓名, or by the certificate's QR code. Never shows an ID number. */
export function VerifyPage() {
  const [params] = useSearchParams();
  const payload = params.get('c')?.trim() || null;
  const [form] = Form.useForm<Values>();
  const verify = useVerifyCertificate();
  const [asked, setAsked] = useState<Values | null>(null);

  const submit = (v: Values) => {
    const q = { number: v.number.trim(), name: v.name.trim() };
    setAsked(q);
    verify.mutate(q);
  };

  return (
    <div style={{ maxWidth: 880, margin: '0 auto' }}>
      <div className="page-card">
        <PageHeader
          title="证书查询"
          description="输入证书编号和持证人姓名，查询职称电子证书是否真实有效；用手机扫描证书上的二维码也可直接核验。查询结果不显示身份证号。"
        />
        {payload ? <QrCheck payload={payload} /> : null}
        <Card size="small" title={payload ? '按证书编号查询' : undefined} style={{ marginBottom: 16 }}>
          <Form<Values>
            form={form}
            name="certificateVerify"
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            onValuesChange={() => verify.isError && verify.reset()}
          >
            <Row gutter={16} align="bottom">
              <Col xs={24} md={10}>
                <Form.Item
                  name="number"
                  label="证书编号"
                  rules={[required('证书编号'), zodRule(VerifyQuery.shape.number)]}
                  normalize={(v: string) => v.replace(/\s/g, '').toUpperCase()}
                >
                  <Input
                    maxLength={40}
                    autoComplete="off"
                    autoCapitalize="characters"
                    spellCheck={false}
                    placeholder="证书上印制的编号"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="name"
                  label="姓名"
                  rules={[required('姓名'), zodRule(VerifyQuery.shape.name)]}
                >
                  <Input maxLength={50} autoComplete="off" placeholder="持证人姓名" />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item>
                  <Button
                    type="primary"
                    htmlType="submit"
                    icon={<SearchOutlined />}
                    loading={verify.isPending}
                    block
                  >
                    查询
                  </Button>
                </Form.Item>
              </Col>
            </Row>
          </Form>
          <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
            每次查询都会记入持证人可见的“查询记录”（时间、方式和经脱敏的来源地址）。
          </Typography.Paragraph>
        </Card>
        <div aria-live="polite">
          {verify.isError ? <ActionErrorAlert error={verify.error} title="查询失败" /> : null}
          {verify.data && asked ? (
            <div role="region" aria-label={`证书 ${asked.number} 的查询结果`}>
              <QueryResult result={verify.data} />
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
