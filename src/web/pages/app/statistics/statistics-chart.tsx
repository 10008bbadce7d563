/**
 * The statistics chart: ECharts from its tree-shaken core (bar and line only), so the library lands
 * in the statistics page's chunk and nowhere else.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { statisticsColumnNames, type StatisticsCounts } from '../../../../contract/reports';
import type { Statistics } from '../../../api/reports';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

const METRICS = Object.keys(statisticsColumnNames) as (keyof StatisticsCounts)[];
const COLORS = ['#1677ff', '#faad14', '#52c41a', '#ff4d4f', '#722ed1'];

export function StatisticsChart({ data, height = 380 }: { data: Statistics; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const line = data.groupBy === 'month';
    const many = data.rows.length > 12;
    chart.current?.setOption(
      {
        color: COLORS,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 40, bottom: many ? 56 : 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: data.rows.map((r) => r.label),
          axisLabel: { interval: 0, rotate: data.rows.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' },
        },
        yAxis: { type: 'value', minInterval: 1 },
        dataZoom: many ? [{ type: 'slider', startValue: 0, endValue: 11, bottom: 8 }] : [],
        series: METRICS.map((m) => ({
          name: statisticsColumnNames[m],
          type: line ? 'line' : 'bar',
          data: data.rows.map((r) => r[m]),
        })),
      },
      { notMerge: true },
    );
  }, [data]);

  return <div ref={el} role="img" aria-label="统计图" style={{ width: '100%', height }} />;
}
