import { Alert, Descriptions, Flex, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { downloadUrl } from '../../../api/client';
import { queryClient } from '../../../api/query-client';
import {
  socialInsuranceKeys,
  useSocialInsuranceImports,
  useSocialInsuranceRecords,
} from '../../../api/social-insurance';
import type {
  SocialInsuranceImport,
  SocialInsuranceImportResult,
  SocialInsuranceRecord,
} from '../../../api/types';
import { useAccess } from '../../../auth/use-access';
import { FileImportPanel } from '../../../components/file-import-panel';
import { PageHeader } from '../../../components/page-header';
import { SearchBox } from '../../../components/search-box';
import { usePaging } from '../../../hooks/use-paging';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatInstant } from '../../../utils/format';

function RecordsTab() {
  const [q, setQ] = useState('');
  const paging = usePaging();
  const { data, isPending, isFetching, isError, error, refetch } = useSocialInsuranceRecords(
    q,
    paging.page,
    paging.pageSize,
  );
  return (
    <>
      <SearchBox
        aria-label="搜索参保信息"
        placeholder="姓名、参保单位或完整身份证号"
        enterButton="查询"
        onSearch={(v) => {
          setQ(v);
          paging.firstPage();
        }}
        style={{ maxWidth: 420, marginBottom: 16 }}
      />
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<SocialInsuranceRecord>
        rowKey="id"
        size="middle"
        dataSource={data?.items ?? []}
        loading={isPending || isFetching}
        scroll={{ x: 'max-content' }}
        aria-label="社保参保信息"
        pagination={paging.pagination(data?.total ?? 0, '条')}
        locale={{ emptyText: q ? '没有符合条件的参保信息' : '暂无参保信息，请先导入' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          {
            title: '身份证号',
            dataIndex: 'idNumberMasked',
            render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
          },
          { title: '参保单位', dataIndex: 'insuredUnitName' },
          { title: '缴费月数', dataIndex: 'months', align: 'right', render: (v: number) => `${v} 个月` },
          { title: '导入机构', dataIndex: 'importedByOrganisation' },
          {
            title: '导入时间',
            dataIndex: 'importedAt',
            render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(v)}</span>,
          },
        ]}
      />
    </>
  );
}

function ImportTab() {
  const [result, setResult] = useState<SocialInsuranceImportResult | null>(null);
  const { canImportSocialInsurance } = useAccess();
  if (!canImportSocialInsurance) {
    return (
      <Alert
        type="info"
        showIcon
        title="当前账号不能导入参保信息"
        description="参保信息须以人社部门或职称办的名义导入。系统管理员账号不属于任何人社部门，请使用人社部门或职称办的账号导入。"
        style={{ maxWidth: 760 }}
      />
    );
  }
  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      {result ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setResult(null) }}
          title="导入成功"
          description={
            <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
              <Descriptions.Item label="文件行数">{result.rows}</Descriptions.Item>
              <Descriptions.Item label="新增">{result.inserted}</Descriptions.Item>
              <Descriptions.Item label="更新">{result.updated}</Descriptions.Item>
            </Descriptions>
          }
        />
      ) : null}
      <FileImportPanel<SocialInsuranceImportResult>
        templateUrl={downloadUrl('/social-insurance/template.xlsx')}
        templateName="社保参保信息导入模板"
        uploadPath="/social-insurance/imports"
        accept=".xlsx,.csv"
        acceptHint="支持 Excel（.xlsx）或 CSV（UTF-8 编码）文件"
        hint={
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            参保信息用于创建申报账号时的实名核验，以及申报时自动关联“个人社保参保缴费证明”（通知
            三、（四））。同一身份证号再次导入时将更新原记录。任何一行有误时整个文件都不会导入。
          </Typography.Paragraph>
        }
        onImported={async (r) => {
          setResult(r);
          await queryClient.invalidateQueries({ queryKey: socialInsuranceKeys.all });
        }}
      />
    </Flex>
  );
}

function ImportsTab() {
  const { data, isPending, isError, error, refetch } = useSocialInsuranceImports();
  return (
    <>
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<SocialInsuranceImport>
        rowKey="id"
        dataSource={data ?? []}
        loading={isPending}
        scroll={{ x: 'max-content' }}
        aria-label="导入记录"
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 次导入` }}
        locale={{ emptyText: '暂无导入记录' }}
        columns={[
          {
            title: '导入时间',
            dataIndex: 'importedAt',
            render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(v)}</span>,
          },
          { title: '文件名', dataIndex: 'fileName' },
          { title: '行数', dataIndex: 'rows', align: 'right' },
          { title: '新增', dataIndex: 'inserted', align: 'right' },
          { title: '更新', dataIndex: 'updated', align: 'right' },
          { title: '导入机构', dataIndex: 'organisation' },
          { title: '操作人', dataIndex: 'importedBy' },
        ]}
      />
    </>
  );
}

export function SocialInsurancePage() {
  const [tab, setTab] = useState('records');
  return (
    <div className="page-card">
      <PageHeader
        title="社保参保信息"
        description="社保参保缴费信息库：导入、查询和导入记录。列表中身份证号已脱敏；按完整身份证号可精确查询。"
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'records', label: '参保信息查询', children: <RecordsTab /> },
          { key: 'import', label: '导入参保信息', children: <ImportTab /> },
          { key: 'history', label: '导入记录', children: <ImportsTab /> },
        ]}
      />
    </div>
  );
}
