import { Select } from 'antd';
import { serverNow } from '../../../api/client';
import { dayInSystemZone } from '../../../utils/format';

/** This year by the server's clock (Asia/Shanghai). */
export function currentYear(): number {
  return Number(dayInSystemZone(serverNow()).slice(0, 4));
}

/** The report year: this year and the four before it. */
export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const now = currentYear();
  const years = Array.from({ length: 5 }, (_, i) => now - i);
  return (
    <Select
      aria-label="年度"
      value={value}
      onChange={onChange}
      style={{ width: 120 }}
      options={years.map((y) => ({ value: y, label: `${y}年度` }))}
    />
  );
}
