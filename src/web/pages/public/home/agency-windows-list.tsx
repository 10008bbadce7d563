import { Flex, Tag, Typography } from 'antd';
import type { AgencyWindow } from '../../../api/types';
import { formatMonthDay } from '../../../utils/format';
import { liveStatus, statusTag } from '../../../utils/agency-windows';

/** The four batches of an agency: 第N批 dates, 终算时间 and a live status tag each. */
export function AgencyWindowsList({ windows, now }: { windows: AgencyWindow[]; now: number }) {
  const sorted = [...windows].sort((a, b) => a.opens.localeCompare(b.opens));
  if (sorted.length === 0) return <Typography.Text type="secondary">暂未公布受理时间</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      {sorted.map((w) => {
        const tag = statusTag[liveStatus(w, now)];
        return (
          <div key={w.id} style={{ lineHeight: 1.6 }}>
            <Typography.Text style={{ whiteSpace: 'nowrap' }}>
              {w.name}：{formatMonthDay(w.opens)}-{formatMonthDay(w.closes)}
            </Typography.Text>{' '}
            <Tag color={tag.color} style={{ marginInlineEnd: 4 }}>
              {tag.text}
            </Tag>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
              终算时间 {formatMonthDay(w.cutoffDate)}
            </Typography.Text>
          </div>
        );
      })}
    </Flex>
  );
}
