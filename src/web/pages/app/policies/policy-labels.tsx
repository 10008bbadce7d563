import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PolicyVersionSummary } from '../../../api/types';
import { PageHeader } from '../../../components/page-header';
import { formatInstant } from '../../../utils/format';

export const statusNames: Record<PolicyVersionSummary['status'], string> = {
  published: '已发布',
  draft: '修订稿',
};

export function StatusTag({ version }: { version: PolicyVersionSummary }) {
  return version.status === 'published' ? <Tag color="green">已发布</Tag> : <Tag color="orange">修订稿</Tag>;
}

/**
 * 现行 (in force today), 默认 (shipped with the system), and for published versions that are not in
 * force: 待生效 (effective date still ahead) or 已被取代 (a newer version took over).
 */
export function VersionMarks({ version, today }: { version: PolicyVersionSummary; today: string }) {
  const marks = [];
  if (version.inForce)
    marks.push(
      <Tag key="in-force" color="blue">
        现行
      </Tag>,
    );
  else if (version.status === 'published')
    marks.push(
      version.effectiveFrom > today ? (
        <Tag key="pending" color="cyan">
          待生效
        </Tag>
      ) : (
        <Tag key="superseded">已被取代</Tag>
      ),
    );
  if (version.isDefault) marks.push(<Tag key="default">默认</Tag>);
  return marks.length ? (
    <Flex gap={4} wrap={false}>
      {marks}
    </Flex>
  ) : null;
}

/** Drafts first (newest first), then published versions by effective date, newest first. */
export function sortVersions<T extends PolicyVersionSummary>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'draft' ? -1 : 1;
    return b.effectiveFrom.localeCompare(a.effectiveFrom) || b.id - a.id;
  });
}

/**
 * validatePolicyParameters (and the server) name series by code: “engineering”. Shows the catalogue
 * name instead, with the code after it: “工程技术（engineering）”.
 */
export function withSeriesNames(problems: readonly string[], names: ReadonlyMap<string, string>): string[] {
  return problems.map((p) =>
    p.replace(/“([A-Za-z][A-Za-z0-9_-]*)”/g, (whole, code: string) => {
      const name = names.get(code);
      return name ? `“${name}（${code}）”` : whole;
    }),
  );
}

/** Top of the version page: back link, code + tags, name, dates, and the page's actions. */
export function PolicyVersionHeading({
  version,
  today,
  basedOnId,
  extra,
}: {
  version: PolicyVersionSummary;
  today: string;
  /** Id of the version it was based on, for a link (when known). */
  basedOnId?: number;
  extra?: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <>
      <Button
        icon={<ArrowLeftOutlined />}
        onClick={() => navigate('/app/policies')}
        style={{ marginBottom: 12 }}
      >
        返回版本列表
      </Button>
      <PageHeader
        title={`政策版本 ${version.code}`}
        description={
          <Flex vertical gap={6} component="span">
            <Flex wrap gap={6} align="center" component="span">
              <StatusTag version={version} />
              <VersionMarks version={version} today={today} />
              <Typography.Text>{version.name}</Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              生效日期 {version.effectiveFrom}
              {version.basedOn ? (
                <>
                  {' · 依据版本 '}
                  {basedOnId ? (
                    <Link to={`/app/policies/${basedOnId}`}>{version.basedOn}</Link>
                  ) : (
                    version.basedOn
                  )}
                </>
              ) : null}
              {' · 创建于 '}
              {formatInstant(version.createdAt)}
              {version.publishedAt ? ` · 发布于 ${formatInstant(version.publishedAt)}` : null}
            </Typography.Text>
          </Flex>
        }
        extra={extra}
      />
    </>
  );
}
