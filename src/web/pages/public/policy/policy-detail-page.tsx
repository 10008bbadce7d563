import { ArrowLeftOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Divider, Flex, Result, Skeleton, Typography } from 'antd';
import { Suspense, lazy, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { usePolicyDocument } from '../../../api/public';
import { useAccess } from '../../../auth/use-access';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { formatChineseDate, formatInstant } from '../../../utils/format';

/** The editor (a form with a date picker) is loaded only for those who may edit, not for the public. */
const PolicyEditorModal = lazy(async () => ({
  default: (await import('./policy-editor-modal')).PolicyEditorModal,
}));

/** Paragraphs are separated by blank lines; line breaks inside a paragraph are kept. */
export function splitParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
}

export function PolicyDetailPage() {
  const params = useParams();
  const id = Number(params.id);
  const validId = Number.isInteger(id) && id > 0;
  const { data, isPending, isError, error, refetch } = usePolicyDocument(validId ? id : null);
  const access = useAccess();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  useDocumentTitle(data?.title ?? '政策文件');

  if (!validId || (isError && isApiError(error) && error.status === 404)) {
    return (
      <div className="page-card">
        <Result
          status="404"
          title="政策文件不存在"
          subTitle="该文件可能已被撤下，或链接有误。"
          extra={
            <Button type="primary" onClick={() => navigate('/policy')}>
              返回政策文件列表
            </Button>
          }
        />
      </div>
    );
  }

  return (
    <article className="page-card" aria-labelledby="policy-title">
      <Flex wrap justify="space-between" gap={8} className="no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/policy')}>
          返回列表
        </Button>
        <Flex gap={8} wrap>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!data}>
            打印
          </Button>
          {access.canEditPolicy && data ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑
            </Button>
          ) : null}
        </Flex>
      </Flex>
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} style={{ marginTop: 24 }} />
      ) : data ? (
        <>
          <Typography.Title
            level={2}
            id="policy-title"
            style={{ textAlign: 'center', marginTop: 24, lineHeight: 1.5 }}
          >
            {data.title}
          </Typography.Title>
          <Flex wrap justify="center" gap={16} style={{ color: '#667085' }}>
            {data.documentNumber ? <span>文号：{data.documentNumber}</span> : null}
            {data.issuer ? <span>发文机关：{data.issuer}</span> : null}
            <span>发布日期：{formatChineseDate(data.publishedOn)}</span>
          </Flex>
          <Divider />
          <div className="policy-body">
            {splitParagraphs(data.body).map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
          <Divider />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            最后更新：{formatInstant(data.updatedAt)}
          </Typography.Text>
        </>
      ) : null}
      {access.canEditPolicy ? (
        <Suspense fallback={null}>
          <PolicyEditorModal
            open={editing}
            documentId={validId ? id : null}
            onClose={() => setEditing(false)}
          />
        </Suspense>
      ) : null}
    </article>
  );
}
