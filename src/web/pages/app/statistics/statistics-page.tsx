/**
 * 统计分析: applications received, in review, recognised and not recognised, and certificates issued
 * in the person's own scope, grouped as chosen — a chart first, the table beside it, .xlsx export.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Segmented, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  statisticsColumnNames,
  statisticsGroupNames,
  statisticsGroups,
  type StatisticsCounts,
  type StatisticsRow,
} from '../../../../contract/reports';
import { statisticsXlsxUrl, useStatistics, type StatisticsGroup } from '../../../api/reports';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { YearSelect, currentYear } from '../reports/year-select';
import { StatisticsChart } from './statistics-chart';

const METRICS = Object.keys(statisticsColumnNames) as (keyof StatisticsCounts)[];

export function StatisticsPage() {
  const [year, setYear] = useState(currentYear);
  const [groupBy, setGroupBy] = useState<StatisticsGroup>('agency');
  const { data, isPending, isFetching, isError, error, refetch } = useStatistics(year, groupBy);

  const columns: TableColumnsType<StatisticsRow> = [
    { title: statisticsGroupNames[groupBy], dataIndex: 'label', fixed: 'left', width: 150, ellipsis: true },
    ...METRICS.map((m) => ({
      title: statisticsColumnNames[m],
      dataIndex: m,
      width: 72,
      align: 'right' as const,
    })),
  ];

  return (
    <div>
      <PageHeader
        title="统计分析"
        description="本范围内申报受理、审查、认定和发证情况（申报按批次年度、证书按发证日期统计）"
        extra={
          <Space wrap>
            <YearSelect value={year} onChange={setYear} />
            <Button icon={<DownloadOutlined />} href={statisticsXlsxUrl(year, groupBy)} disabled={!data}>
              导出
            </Button>
          </Space>
        }
      />
      <Segmented<StatisticsGroup>
        aria-label="分组"
        value={groupBy}
        onChange={setGroupBy}
        options={statisticsGroups.map((g) => ({ value: g, label: `按${statisticsGroupNames[g]}` }))}
        style={{ marginBottom: 16 }}
      />
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <Card size="small" title={`${year}年度 · 按${statisticsGroupNames[groupBy]}`} loading={isPending}>
            {data && data.rows.length > 0 ? (
              <StatisticsChart data={data} />
            ) : (
              <Empty description="本年度暂无数据" style={{ padding: 48 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card size="small" title="统计表" styles={{ body: { padding: 0 } }}>
            <Table<StatisticsRow>
              size="small"
              rowKey="key"
              aria-label="统计表"
              loading={isPending || isFetching}
              dataSource={data?.rows ?? []}
              columns={columns}
              pagination={false}
              scroll={{ x: 510, y: 420 }}
              summary={() =>
                data ? (
                  <Table.Summary fixed>
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>
                        <Typography.Text strong>合计</Typography.Text>
                      </Table.Summary.Cell>
                      {METRICS.map((m, i) => (
                        <Table.Summary.Cell key={m} index={i + 1} align="right">
                          <Typography.Text strong>{data.total[m]}</Typography.Text>
                        </Table.Summary.Cell>
                      ))}
                    </Table.Summary.Row>
                  </Table.Summary>
                ) : null
              }
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
