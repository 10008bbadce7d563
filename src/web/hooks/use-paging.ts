import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';

/**
 * Page and page size of a list paged on the server, and the antd pagination that drives them (a new
 * page size starts again at page 1).
 */
export function usePaging(initialPageSize = 20) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const pagination = (total: number, unit: string): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100, 200],
    showTotal: (t) => `共 ${t} ${unit}`,
    onChange: (p, s) => {
      setPage(s !== pageSize ? 1 : p);
      setPageSize(s);
    },
  });
  return { page, pageSize, firstPage: () => setPage(1), pagination };
}
