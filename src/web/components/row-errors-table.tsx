import { Alert, Table } from 'antd';
import type { RowError } from '../api/types';

interface Props {
  rows: RowError[];
  message?: string;
  /** How many problems the file has in all (the server may list only the first few hundred). */
  total?: number;
}

/** The rows of a rejected spreadsheet import; nothing was imported. */
export function RowErrorsTable({ rows, message, total }: Props) {
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  return (
    <div>
      <Alert
        type="error"
        showIcon
        title={message ?? '文件中有数据不符合要求，本次未导入任何数据'}
        description={
          total !== undefined && total > rows.length
            ? `共 ${total} 处问题，以下列出前 ${rows.length} 处。请修改表格后重新上传。`
            : message
              ? undefined
              : `共 ${rows.length} 处问题，请修改表格后重新上传。`
        }
        style={{ marginBottom: 12 }}
      />
      <Table<RowError & { key: number }>
        size="small"
        aria-label="导入错误明细"
        dataSource={sorted.map((r, i) => ({ ...r, key: i }))}
        pagination={sorted.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '行号', dataIndex: 'row', width: 80, render: (v: number) => `第 ${v} 行` },
          { title: '字段', dataIndex: 'field', width: 140 },
          { title: '问题说明', dataIndex: 'message' },
        ]}
      />
    </div>
  );
}
