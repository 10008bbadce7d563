import { Descriptions, Tag, Typography } from 'antd';
import type { CertificateView } from '../../../api/certificates';
import { formatChineseDate, formatInstant } from '../../../utils/format';

/** 有效 (green) or 已撤销 (red). */
export function CertificateStatusTag({ status }: { status: CertificateView['status'] }) {
  return status === 'valid' ? <Tag color="success">有效</Tag> : <Tag color="error">已撤销</Tag>;
}

/** The fields a certificate states (never the ID number), and its revocation if any. */
export function CertificateFields({
  certificate: c,
  column,
}: {
  certificate: CertificateView;
  column?: number;
}) {
  return (
    <Descriptions
      bordered
      size="small"
      column={column ?? { xs: 1, sm: 1, md: 2 }}
      styles={{ label: { whiteSpace: 'nowrap', width: 112 } }}
      items={[
        {
          key: 'number',
          label: '证书编号',
          children: <Typography.Text copyable>{c.number}</Typography.Text>,
        },
        { key: 'name', label: '姓名', children: c.name },
        { key: 'gender', label: '性别', children: c.gender || '—' },
        { key: 'birth', label: '出生年月', children: c.birthMonth || '—' },
        { key: 'employer', label: '工作单位', children: c.employer },
        { key: 'series', label: '系列', children: c.series },
        { key: 'specialty', label: '专业', children: c.specialty || '—' },
        { key: 'qualification', label: '资格名称', children: c.qualification },
        { key: 'level', label: '级别', children: c.levelName },
        { key: 'agency', label: '认定机构', children: c.agency },
        { key: 'doc', label: '批复文号', children: c.documentNumber },
        { key: 'obtained', label: '资格取得时间', children: formatChineseDate(c.obtainedOn) },
        { key: 'issued', label: '发证日期', children: formatChineseDate(c.issuedOn) },
        { key: 'status', label: '证书状态', children: <CertificateStatusTag status={c.status} /> },
        ...(c.status === 'revoked'
          ? [
              { key: 'revokedAt', label: '撤销时间', children: formatInstant(c.revokedAt) },
              { key: 'reason', label: '撤销理由', children: c.revokeReason ?? '—' },
            ]
          : []),
      ]}
    />
  );
}
