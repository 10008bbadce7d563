import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Result, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { usePolicyVersion, usePolicyVersions } from '../../../api/policy-versions';
import { useSeries } from '../../../api/public';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useNow } from '../../../hooks/use-now';
import { dayInSystemZone } from '../../../utils/format';
import { PolicyDraftEditor } from './policy-draft-editor';
import { PolicyVersionHeading } from './policy-labels';
import { PolicyParametersView } from './policy-parameters-view';
import { usePolicyActions } from './use-policy-actions';

/** One policy version: read-only when published, the editor when it is a draft. */
export function PolicyVersionPage() {
  const params = useParams();
  const id = Number(params.id);
  const validId = Number.isInteger(id) && id > 0;
  const { data, isPending, isError, error, refetch } = usePolicyVersion(validId ? id : null);
  const list = usePolicyVersions();
  const series = useSeries();
  const navigate = useNavigate();
  const today = dayInSystemZone(useNow(60_000));
  const { createDraft } = usePolicyActions();
  useDocumentTitle(data ? `政策版本 ${data.code}` : '政策版本');

  const names = useMemo(() => new Map((series.data ?? []).map((s) => [s.code, s.name])), [series.data]);
  const basedOnId = list.data?.find((v) => v.code === data?.basedOn)?.id;
  // A draft marks the series whose flags differ from the version it is based on.
  const base = usePolicyVersion(data?.status === 'draft' && basedOnId ? basedOnId : null);

  if (!validId || (isError && isApiError(error) && error.status === 404)) {
    return (
      <div className="page-card">
        <Result
          status="404"
          title="政策版本不存在"
          subTitle="该版本可能已被删除（修订稿可以删除），或链接有误。"
          extra={
            <Button type="primary" onClick={() => navigate('/app/policies')}>
              返回版本列表
            </Button>
          }
        />
      </div>
    );
  }

  return (
    <div className="page-card">
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {series.isError ? (
        <QueryErrorAlert
          error={series.error}
          title="系列目录加载失败，系列暂以代码显示"
          onRetry={() => void series.refetch()}
        />
      ) : null}
      {isPending || series.isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : !data ? null : data.status === 'draft' ? (
        <PolicyDraftEditor
          key={data.id}
          version={data}
          names={names}
          today={today}
          basedOnId={basedOnId}
          base={base.data}
        />
      ) : (
        <>
          <PolicyVersionHeading
            version={data}
            today={today}
            basedOnId={basedOnId}
            extra={
              <Button
                type="primary"
                icon={<CopyOutlined />}
                loading={createDraft.isPending}
                onClick={() => createDraft.mutate(data)}
              >
                以此为基础新建修订稿
              </Button>
            }
          />
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            title="已发布的版本不能修改"
            description="如需调整规则，请以它为基础新建修订稿，修改后设定生效日期发布。已作出的结论保留当时所依据的版本。"
          />
          {data.note ? (
            <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}>
              <Typography.Text type="secondary">说明：</Typography.Text>
              {data.note}
            </Typography.Paragraph>
          ) : null}
          <PolicyParametersView parameters={data.parameters} names={names} />
        </>
      )}
    </div>
  );
}
