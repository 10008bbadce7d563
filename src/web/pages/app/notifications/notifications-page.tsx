import { Button, Empty, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useAccess } from '../../../auth/use-access';
import { useMarkRead, useNotifications } from '../../../api/review';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatInstant } from '../../../utils/format';

/** 站内消息: returned / decided applications, work arriving at a seat, reminders from the unit. */
export function NotificationsPage() {
  const list = useNotifications();
  const markRead = useMarkRead();
  const access = useAccess();
  const linkOf = (kind: string, applicationId: number | null) => {
    if (!applicationId) return null;
    if (kind.startsWith('review.') && access.canReview) return `/app/review/${applicationId}`;
    if (access.canApply) return `/app/my-applications/${applicationId}`;
    return `/app/unit-applications/${applicationId}`;
  };
  return (
    <div className="page-card">
      <PageHeader
        title="站内消息"
        description="最近 100 条消息"
        extra={
          <Button
            disabled={!list.data?.unread}
            loading={markRead.isPending}
            onClick={() => markRead.mutate(undefined)}
          >
            全部标为已读
          </Button>
        }
      />
      {list.isError ? <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description="暂无消息" /> }}
        renderItem={(n) => {
          const to = linkOf(n.kind, n.applicationId);
          return (
            <List.Item
              actions={
                n.read
                  ? []
                  : [
                      <Button key="r" size="small" type="link" onClick={() => markRead.mutate([n.id])}>
                        标为已读
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} align="center" wrap>
                    {n.read ? null : <Tag color="red">未读</Tag>}
                    {to ? (
                      <Link to={to} onClick={() => !n.read && markRead.mutate([n.id])}>
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </Flex>
                }
                description={
                  <>
                    <div>{n.body}</div>
                    <Typography.Text type="secondary">{formatInstant(n.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
    </div>
  );
}
