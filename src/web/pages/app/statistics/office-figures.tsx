/**
 * The title offices' 工作台 figures: this year's received / in review / recognised / not recognised
 * applications and certificates issued, and who has not reported the year yet (四、（七）).
 * No chart here, so the dashboard never loads ECharts.
 */
import { Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { statisticsColumnNames, type StatisticsCounts } from '../../../../contract/reports';
import { useStatistics, useYearEndList } from '../../../api/reports';
import { currentYear } from '../reports/year-select';

const METRICS = Object.keys(statisticsColumnNames) as (keyof StatisticsCounts)[];

export function OfficeFigures() {
  const year = currentYear();
  const stats = useStatistics(year, 'agency');
  const reports = useYearEndList(year);
  const missing = (reports.data?.items ?? []).filter(
    (i) => i.status !== 'submitted' && i.status !== 'accepted',
  );
  return (
    <>
      <Col xs={24}>
        <Card
          title={`${year}年度考核认定`}
          size="small"
          loading={stats.isPending}
          extra={<Link to="/app/statistics">统计分析</Link>}
        >
          <Row gutter={[12, 12]}>
            {METRICS.map((m) => (
              <Col key={m} xs={12} sm={8} lg={4} flex="auto">
                <Statistic title={statisticsColumnNames[m]} value={stats.data?.total[m] ?? 0} />
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          title={`${year}年度报送`}
          size="small"
          loading={reports.isPending}
          extra={<Link to="/app/reports">年度报送</Link>}
        >
          {reports.isError ? (
            <Typography.Text type="secondary">年度报送情况暂不可用</Typography.Text>
          ) : missing.length === 0 ? (
            <Typography.Text>应报送的 {reports.data?.items.length ?? 0} 个单位均已报送。</Typography.Text>
          ) : (
            <>
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                应报送 {reports.data?.items.length ?? 0} 个单位，尚未报送 {missing.length} 个
                {missing.some((m) => m.late) ? `，其中逾期 ${missing.filter((m) => m.late).length} 个` : ''}：
              </Typography.Paragraph>
              <Space size={[4, 8]} wrap>
                {missing.map((m) => (
                  <Tag key={m.agencyCode} color={m.late ? 'red' : undefined}>
                    {m.agencyName}
                    {m.status === 'returned' ? '（已退回）' : ''}
                  </Tag>
                ))}
              </Space>
            </>
          )}
        </Card>
      </Col>
    </>
  );
}
