import { PhoneOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Empty, Flex, Input, Segmented, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useAgencies } from '../../../api/public';
import { useScheduleOverview } from '../../../api/schedules';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { useNow } from '../../../hooks/use-now';
import { AgencyCountdown } from './agency-countdown';
import { type AgencyColumn, AgencyTable } from './agency-table';
import { LightCard } from './light-card';
import { matchesAgency } from '../../../utils/agency-windows';
import { AgencyWindowsList } from './agency-windows-list';

function PhoneLink({ phone }: { phone: string }) {
  if (!phone) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <a
      href={`tel:${phone.replace(/[^0-9+]/g, '')}`}
      aria-label={`拨打电话 ${phone}`}
      style={{ whiteSpace: 'nowrap' }}
    >
      <PhoneOutlined /> {phone}
    </a>
  );
}

/** 认定机构名录: every agency with its scope, phone, batches and a live countdown. */
export function AgencyDirectory() {
  // The server picks the year to show (open or next to open, else the latest published) and says
  // which schedule is still awaited; a visitor may look at another published year.
  const overview = useScheduleOverview();
  const [picked, setPicked] = useState<number | null>(null);
  const { data, isPending, isError, error, refetch } = useAgencies(picked ?? undefined);
  const [q, setQ] = useState('');
  const isMobile = useIsMobile();
  const now = useNow(30_000);

  const filtered = useMemo(() => (data ?? []).filter((a) => matchesAgency(a, q)), [data, q]);
  const year = picked ?? overview.data?.year ?? null;
  const awaited = overview.data?.awaitedYear ?? null;
  const years = overview.data?.publishedYears ?? [];

  const columns: AgencyColumn[] = [
    { title: '序号', key: 'index', width: 64, align: 'center', render: (_a, i) => i + 1 },
    {
      title: '认定机构名称',
      key: 'name',
      width: 210,
      render: (a) => <Typography.Text strong>{a.name}</Typography.Text>,
    },
    {
      title: '认定对象范围',
      key: 'scope',
      width: 150,
      render: (a) => <span style={{ whiteSpace: 'pre-line' }}>{a.scope.description}</span>,
    },
    {
      title: '网上受理时间',
      key: 'windows',
      render: (a) => (
        <Flex vertical gap={6}>
          <AgencyWindowsList windows={a.windows} now={now} />
          <AgencyCountdown agency={a} />
        </Flex>
      ),
    },
    { title: '联系电话', key: 'phone', width: 150, render: (a) => <PhoneLink phone={a.phone} /> },
  ];

  return (
    <section aria-labelledby="agency-directory-title" className="page-card">
      <Flex wrap justify="space-between" align="center" gap={12} style={{ marginBottom: 12 }}>
        <div>
          <Typography.Title level={3} id="agency-directory-title" style={{ margin: 0 }}>
            认定机构名录与网上受理时间
          </Typography.Title>
          <Typography.Text type="secondary">
            {year ? `${year}年度，` : ''}
            请在所属认定机构的受理时间内提交申报，逾期不予受理。时间均为北京时间，截止日当天 24 时前有效。
          </Typography.Text>
        </div>
        {years.length > 1 ? (
          <Segmented<number>
            aria-label="选择年度"
            value={year ?? undefined}
            onChange={(y) => setPicked(y === overview.data?.year ? null : y)}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
          />
        ) : null}
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder="按机构名称或地区筛选，如：章贡区"
          aria-label="搜索认定机构"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: isMobile ? '100%' : 300 }}
        />
      </Flex>
      {awaited !== null && picked === null ? (
        <Alert
          type="info"
          showIcon
          role="status"
          title={`${awaited}年受理时间尚未公布，请留意认定机构通知`}
          description={year ? `下表为${year}年度的受理时间，供参考。` : undefined}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {isError ? (
        <QueryErrorAlert error={error} title="认定机构名录加载失败" onRetry={() => void refetch()} />
      ) : null}
      {isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : isMobile ? (
        filtered.length === 0 ? (
          <Empty description={q ? '没有符合条件的认定机构' : '暂无认定机构'} />
        ) : (
          <Flex vertical gap={12} role="list" aria-label="认定机构列表">
            {filtered.map((a) => (
              <LightCard key={a.code} role="listitem" title={a.name}>
                <Flex vertical gap={8}>
                  <div>
                    <Typography.Text type="secondary">认定对象范围：</Typography.Text>
                    <span style={{ whiteSpace: 'pre-line' }}>{a.scope.description}</span>
                  </div>
                  <div>
                    <Typography.Text type="secondary">联系电话：</Typography.Text>
                    <PhoneLink phone={a.phone} />
                  </div>
                  <AgencyCountdown agency={a} />
                  <AgencyWindowsList windows={a.windows} now={now} />
                </Flex>
              </LightCard>
            ))}
          </Flex>
        )
      ) : (
        <AgencyTable
          agencies={filtered}
          columns={columns}
          label="认定机构名录"
          empty={<Empty description={q ? '没有符合条件的认定机构' : '暂无认定机构'} />}
        />
      )}
    </section>
  );
}
