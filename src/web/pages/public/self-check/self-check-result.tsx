import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled } from '@ant-design/icons';
import { Alert, Card, Flex, Table, Tag, Typography } from 'antd';
import { levelNames } from '../../../../contract/index';
import { usePublishedPolicyVersions } from '../../../api/policy-versions';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { AgencyWindowNotice } from './agency-window-notice';
import type { Agency, AgencyWindow } from '../../../api/types';
import {
  ruleNames,
  type EligibilityCheck,
  type EligibilityResult,
  type EligibilityRule,
} from '../../../api/eligibility';

/** What the answer was computed for, shown with it. */
export interface SelfCheckContext {
  agency: Agency | null;
  cutoffDate: string;
  /** The batch the cutoff date came from, or null when typed in. */
  batch: AgencyWindow | null;
}

function Verdict({ passed }: { passed: boolean | null }) {
  if (passed === true)
    return (
      <Tag color="success" icon={<CheckCircleFilled />}>
        符合
      </Tag>
    );
  if (passed === false)
    return (
      <Tag color="error" icon={<CloseCircleFilled />}>
        不符合
      </Tag>
    );
  return (
    <Tag icon={<MinusCircleFilled />} color="default">
      未核查
    </Tag>
  );
}

export function SelfCheckResult({
  result,
  context,
}: {
  result: EligibilityResult;
  /** The agency, batch and cutoff date the answer was computed for. */
  context: SelfCheckContext | null;
}) {
  const isMobile = useIsMobile();
  const versions = usePublishedPolicyVersions();
  const version = versions.data?.find((v) => v.code === result.policyVersion);
  const rows = result.checks.map((c, i) => ({ ...c, key: i }));
  return (
    <section aria-labelledby="self-check-result-title">
      <Typography.Title level={4} id="self-check-result-title">
        自测结果
      </Typography.Title>
      {result.eligible ? (
        <Alert
          type="success"
          showIcon
          title="按所填信息，符合所选层级的考核认定条件"
          description={
            result.highestLevel
              ? `按学历资历可认定的最高层级：${levelNames[result.highestLevel]}。`
              : undefined
          }
          style={{ marginBottom: 12 }}
        />
      ) : (
        <Alert
          type="error"
          showIcon
          title="按所填信息，暂不符合所选层级的考核认定条件"
          description={
            result.highestLevel
              ? `按学历资历目前可认定的最高层级：${levelNames[result.highestLevel]}。请查看下方不符合的条目。`
              : '请查看下方不符合的条目。'
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {isMobile ? (
        <Flex vertical gap={8} role="list" aria-label="逐项核查结果">
          {rows.map((c) => (
            <Card key={c.key} size="small" role="listitem">
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{ruleNames[c.rule as EligibilityRule] ?? c.rule}</Typography.Text>
                <Verdict passed={c.passed} />
              </Flex>
              <Typography.Paragraph style={{ margin: '6px 0 0' }}>{c.message}</Typography.Paragraph>
              {c.clause ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  依据：{c.clause}
                </Typography.Text>
              ) : null}
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<EligibilityCheck & { key: number }>
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          aria-label="逐项核查结果"
          dataSource={rows}
          columns={[
            {
              title: '核查项',
              dataIndex: 'rule',
              render: (r: string) => ruleNames[r as EligibilityRule] ?? r,
            },
            { title: '结果', dataIndex: 'passed', render: (p: boolean | null) => <Verdict passed={p} /> },
            { title: '说明', dataIndex: 'message' },
            {
              title: '依据',
              dataIndex: 'clause',
              render: (c: string) => <span style={{ whiteSpace: 'nowrap' }}>{c}</span>,
            },
          ]}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 13 }}>
        {context?.cutoffDate ? (
          <>
            终算时间：{context.cutoffDate}
            {context.batch && context.agency
              ? `（${context.agency.name} ${context.batch.opens.slice(0, 4)}年${context.batch.name}）`
              : '（手动填写）'}
            。
            <br />
          </>
        ) : null}
        依据的政策版本：{result.policyVersion}
        {version ? `（${version.name}，自 ${version.effectiveFrom} 起施行）` : ''}
        。自测结果仅供参考，不作为认定依据；以认定机构审查结果为准。
      </Typography.Paragraph>
      {context?.agency ? (
        <section aria-label="申报受理时间" style={{ marginTop: 12 }}>
          <AgencyWindowNotice agency={context.agency} />
        </section>
      ) : null}
    </section>
  );
}
