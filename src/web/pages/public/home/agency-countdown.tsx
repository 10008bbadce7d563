import { ClockCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { Agency } from '../../../api/types';
import { useNow } from '../../../hooks/use-now';
import { durationUntil, formatDuration, formatMonthDay } from '../../../utils/format';
import { currentOrNext } from '../../../utils/agency-windows';

/** Live line under an agency: time left in the open window, or when the next one opens. */
export function AgencyCountdown({ agency }: { agency: Agency }) {
  const now = useNow(1000);
  const current = currentOrNext(agency, now);
  if (!current) {
    return (
      <Typography.Text type="secondary">
        该年度网上受理已全部结束，下一年度受理时间以届时公布为准
      </Typography.Text>
    );
  }
  const { window: w, status } = current;
  if (status === 'open') {
    const left = durationUntil(Date.parse(w.closesAt), now);
    return (
      <Typography.Text type="success" strong role="timer" aria-live="off">
        <ClockCircleOutlined /> {w.name}受理中，距本批受理截止还有 {formatDuration(left)}
      </Typography.Text>
    );
  }
  const until = durationUntil(Date.parse(w.opensAt), now);
  return (
    <Typography.Text role="timer" aria-live="off">
      <ClockCircleOutlined /> {w.name}将于 {formatMonthDay(w.opens)} 开始受理（还有 {formatDuration(until)}）
    </Typography.Text>
  );
}
