import { ClockCircleOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Flex, Typography } from 'antd';
import type { Agency } from '../../../api/types';
import { useNow } from '../../../hooks/use-now';
import { currentOrNext } from '../../../utils/agency-windows';
import { durationUntil, formatChineseDate, formatDuration } from '../../../utils/format';

/**
 * When the chosen agency accepts applications: the window open now, else the next one to open (this
 * year's or, once this year's are over, next year's when published). `agency.windows` may hold both years.
 */
export function AgencyWindowNotice({ agency }: { agency: Agency }) {
  const now = useNow(60_000);
  const current = currentOrNext(agency, now);
  const phone = agency.phone ? (
    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
      <PhoneOutlined /> 咨询电话 {agency.phone}
    </Typography.Text>
  ) : null;

  if (!current) {
    return (
      <Alert
        type="warning"
        showIcon
        title={`${agency.name}：本年度网上受理已全部结束`}
        description={
          <Flex vertical gap={4}>
            <span>下一批受理时间以届时公布为准，请留意门户首页的受理时间公告。</span>
            {phone}
          </Flex>
        }
      />
    );
  }
  const { window: w, status } = current;
  const year = w.opens.slice(0, 4);
  if (status === 'open') {
    return (
      <Alert
        type="success"
        showIcon
        icon={<ClockCircleOutlined />}
        title={`${agency.name}：${year}年${w.name}正在受理`}
        description={
          <Flex vertical gap={4}>
            <span>
              受理时间 {formatChineseDate(w.opens)} 至 {formatChineseDate(w.closes)}（截止日 24
              时前），距截止还有 {formatDuration(durationUntil(Date.parse(w.closesAt), now))}；本批终算时间{' '}
              {formatChineseDate(w.cutoffDate)}。
            </span>
            {phone}
          </Flex>
        }
      />
    );
  }
  return (
    <Alert
      type="info"
      showIcon
      icon={<ClockCircleOutlined />}
      title={`${agency.name}：下一批（${year}年${w.name}）将于 ${formatChineseDate(w.opens)} 开始受理`}
      description={
        <Flex vertical gap={4}>
          <span>
            还有 {formatDuration(durationUntil(Date.parse(w.opensAt), now))}；受理至{' '}
            {formatChineseDate(w.closes)}，本批终算时间 {formatChineseDate(w.cutoffDate)}。
          </span>
          {phone}
        </Flex>
      }
    />
  );
}
