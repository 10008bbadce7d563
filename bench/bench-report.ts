/** What the benches share to report their figures: one shape for a measurement, percentiles, tables. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One measurement: requests answered (or, for submissions, applications submitted), rate, latency, errors. */
export interface Figure {
  count: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** What the errors were (status and code, or the socket error), with how many of each. */
  problems: Record<string, number>;
}

/** The p-th quantile (0…1) of the values, rounded to a millisecond; 0 when there are none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!);
}

/** A share as a percentage: one decimal below 10 % (so that 0.4 % does not read as nothing). */
export function percent(share: number): string {
  const x = 100 * share;
  return `${x < 10 ? x.toFixed(1) : x.toFixed(0)} %`;
}

/** How many times each string occurs. */
export function tally(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** A markdown table, columns padded so that it reads as a table in a terminal as well. */
export function markdownTable(head: string[], rows: string[][]): string {
  // CJK characters take two columns in a terminal.
  const width = (s: string) =>
    [...s].reduce(
      (n, c) =>
        n +
        (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
          c,
        )
          ? 2
          : 1),
      0,
    );
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? '')), 3));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join(' | ')} |`;
  return (
    [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n') + '\n'
  );
}

/** Writes a results file formatted as the repository's prettier would (it checks bench/). */
export async function writeMarkdown(path: string, text: string): Promise<void> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(path)) ?? {};
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await prettier.format(text, { ...options, parser: 'markdown' }));
}
