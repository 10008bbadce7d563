import type { ReactNode } from 'react';
import type { Agency } from '../../../api/types';

export interface AgencyColumn {
  key: string;
  title: string;
  width?: number;
  align?: 'center';
  render: (agency: Agency, index: number) => ReactNode;
}

/**
 * The home page's agency table: a plain HTML table drawn like antd's (global.css `.light-table`). The home
 * shows 21 rows with nothing to sort, filter or page, and antd's Table would bring its pagination, select,
 * tree, dropdown and checkbox code (about 75 KB compressed) to the public page's first load.
 * Rows carry `data-row-key` as antd's do.
 */
export function AgencyTable({
  agencies,
  columns,
  label,
  empty,
}: {
  agencies: Agency[];
  columns: AgencyColumn[];
  label: string;
  empty: ReactNode;
}) {
  return (
    <div className="light-table-scroll">
      <table className="light-table" aria-label={label}>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" style={c.align ? { textAlign: c.align } : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {agencies.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="light-table-empty">
                {empty}
              </td>
            </tr>
          ) : (
            agencies.map((a, i) => (
              <tr key={a.code} data-row-key={a.code}>
                {columns.map((c) => (
                  <td key={c.key} style={c.align ? { textAlign: c.align } : undefined}>
                    {c.render(a, i)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
