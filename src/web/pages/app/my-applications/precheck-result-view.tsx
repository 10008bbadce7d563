import { Alert, Card, Flex, Typography } from 'antd';
import { educationNames, levelNames } from '../../../../contract/index';
import type { PrecheckResult } from '../../../api/applications';
import { ruleNames, type EligibilityRule } from '../../../api/eligibility';

function Mark({ passed }: { passed: boolean | null }) {
  if (passed === true) return <Typography.Text type="success">✓ 符合</Typography.Text>;
  if (passed === false) return <Typography.Text type="danger">✗ 不符合</Typography.Text>;
  return <Typography.Text type="secondary">未核验</Typography.Text>;
}

/** Every rule of the precheck with ✓/✗/未核验, its message and clause, and what else blocks submission. */
export function PrecheckResultView({ result }: { result: PrecheckResult }) {
  const { eligibility, problems } = result;
  return (
    <section aria-labelledby="precheck-title" style={{ marginTop: 12 }}>
      <Typography.Title level={5} id="precheck-title">
        预检结果
      </Typography.Title>
      {result.canSubmit ? (
        <Alert type="success" showIcon title="预检通过，可以提交" style={{ marginBottom: 12 }} />
      ) : (
        <Alert
          type="error"
          showIcon
          title="预检未通过，请按下列提示修改后再预检"
          description={
            eligibility.highestLevel
              ? `按所填学历资历可认定的最高层级：${levelNames[eligibility.highestLevel]}`
              : undefined
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {problems.length ? (
        <Alert
          type="warning"
          showIcon
          title="尚需补充"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} aria-label="尚需补充的内容">
              {problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {result.educationUsed ? (
        <Typography.Paragraph data-testid="education-used">
          认定所依据的学历：第 {result.educationUsed.index + 1} 条，
          {result.educationUsed.fullTime ? '全日制' : '非全日制'}
          {educationNames[result.educationUsed.level]}（{result.educationUsed.school}
          {result.educationUsed.major ? `，${result.educationUsed.major}` : ''}，
          {result.educationUsed.graduationDate} 毕业）。终算时间之后取得的学历不计入（通知 三、（七））。
        </Typography.Paragraph>
      ) : null}
      {eligibility.checks.length === 0 ? (
        <Typography.Paragraph type="secondary">
          填写申报系列、学历、从事专业技术工作起始时间、专业是否相近后，才能按申报条件逐项核查。
        </Typography.Paragraph>
      ) : (
        <Flex vertical gap={8} role="list" aria-label="申报条件逐项核查">
          {eligibility.checks.map((c, i) => (
            <Card key={i} size="small" role="listitem" data-rule={c.rule}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{ruleNames[c.rule as EligibilityRule] ?? c.rule}</Typography.Text>
                <Mark passed={c.passed} />
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
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        依据的政策版本：{eligibility.policyVersion}。预检仅按所填内容核查，以各级审查结果为准。
      </Typography.Paragraph>
    </section>
  );
}
