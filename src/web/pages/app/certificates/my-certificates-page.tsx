import { DownloadOutlined, TrophyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { certificatePdfUrl, useMyCertificates, type MyCertificate } from '../../../api/certificates';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { formatInstant } from '../../../utils/format';
import { CertificateFields, CertificateStatusTag } from './certificate-fields';

type Verification = MyCertificate['verifications'][number];

function VerificationLog({ certificate: c }: { certificate: MyCertificate }) {
  const rows = [...c.verifications].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        查询记录
        <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginLeft: 8 }}>
          共 {rows.length} 次
        </Typography.Text>
      </Typography.Title>
      <Table<Verification & { key: number }>
        size="small"
        aria-label={`证书 ${c.number} 的查询记录`}
        dataSource={rows.map((r, i) => ({ ...r, key: i }))}
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无查询记录：还没有人通过编号或二维码查询过这本证书' }}
        columns={[
          {
            title: '时间',
            dataIndex: 'at',
            render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(v)}</span>,
          },
          {
            title: '方式',
            dataIndex: 'channel',
            render: (v: Verification['channel']) =>
              v === 'qr' ? <Tag color="blue">二维码</Tag> : <Tag>编号查询</Tag>,
          },
          { title: '来源', dataIndex: 'from' },
        ]}
      />
    </div>
  );
}

function CertificateCard({ certificate: c }: { certificate: MyCertificate }) {
  const isMobile = useIsMobile();
  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <TrophyOutlined style={{ color: '#d48806' }} />
          <span style={{ whiteSpace: 'normal' }}>{c.qualification}</span>
          <CertificateStatusTag status={c.status} />
        </Flex>
      }
      extra={
        isMobile ? null : (
          <Button icon={<DownloadOutlined />} href={certificatePdfUrl(c.id)} download>
            下载电子证书
          </Button>
        )
      }
    >
      {c.status === 'revoked' ? (
        <Alert
          type="error"
          showIcon
          title={`该证书已于 ${formatInstant(c.revokedAt)} 被撤销，不再有效`}
          description={c.revokeReason ? `撤销理由：${c.revokeReason}` : undefined}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {isMobile ? (
        <Button
          icon={<DownloadOutlined />}
          href={certificatePdfUrl(c.id)}
          download
          block
          style={{ marginBottom: 16 }}
        >
          下载电子证书（PDF）
        </Button>
      ) : null}
      <CertificateFields certificate={c} />
      <VerificationLog certificate={c} />
    </Card>
  );
}

/** 我的证书: the applicant's certificates, each with its download and who verified it. */
export function MyCertificatesPage() {
  const { data, isPending, isError, error, refetch } = useMyCertificates();
  const sorted = [...(data ?? [])].sort((a, b) => b.issuedOn.localeCompare(a.issuedOn));
  return (
    <div className="page-card">
      <PageHeader
        title="我的证书"
        description={
          <>
            认定机构签发批复后，您的职称电子证书会出现在这里。电子证书带认定机构电子签名和防伪二维码，任何人可在
            <Link to="/verify">证书查询</Link>页面按证书编号和姓名核验；每次查询都记入下方的“查询记录”。
          </>
        }
      />
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : sorted.length === 0 && !isError ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <div>暂无证书</div>
              <Typography.Text type="secondary">
                申报经认定通过、认定机构签发批复后，证书会自动发放到这里，并以站内消息通知您。
              </Typography.Text>
            </>
          }
        >
          <Link to="/app/my-applications">查看我的申报</Link>
        </Empty>
      ) : (
        <Flex vertical gap={16}>
          {sorted.map((c) => (
            <CertificateCard key={c.id} certificate={c} />
          ))}
        </Flex>
      )}
      {sorted.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
          查询记录中的来源地址已脱敏，仅供您了解证书被查询的情况；如发现异常查询，请联系发证的认定机构。
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
