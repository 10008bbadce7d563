import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState, type Key } from 'react';
import { orgKindNames } from '../../../../contract/index';
import { useOrganisations } from '../../../api/organisations';
import type { OrgKind, Organisation } from '../../../api/types';
import { PageHeader } from '../../../components/page-header';
import { SearchBox } from '../../../components/search-box';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { canHaveChildren, kindColors, kindOptions } from './organisation-kinds';
import { OrganisationDrawer } from './organisation-drawer';
import { OrganisationFormModal, type OrganisationFormTarget } from './organisation-form-modal';

type OrgNode = Organisation & { children?: OrgNode[] };

/** Nests the scoped list by parentId; organisations whose parent is out of scope become roots. */
function buildTree(list: Organisation[]): OrgNode[] {
  const ids = new Set(list.map((o) => o.id));
  const children = new Map<number, Organisation[]>();
  const roots: Organisation[] = [];
  for (const o of list) {
    if (o.parentId !== null && ids.has(o.parentId)) {
      const l = children.get(o.parentId) ?? [];
      l.push(o);
      children.set(o.parentId, l);
    } else roots.push(o);
  }
  const byName = (a: Organisation, b: Organisation) => a.name.localeCompare(b.name, 'zh-CN');
  const node = (o: Organisation): OrgNode => {
    const kids = (children.get(o.id) ?? []).sort(byName).map(node);
    return kids.length > 0 ? { ...o, children: kids } : { ...o };
  };
  return roots.sort(byName).map(node);
}

export function OrganisationsPage() {
  const isMobile = useIsMobile();
  const [kind, setKind] = useState<OrgKind | undefined>();
  const [q, setQ] = useState('');
  const filtered = kind !== undefined || q !== '';
  const { data, isPending, isError, error, refetch, isFetching } = useOrganisations({
    kind,
    q: q || undefined,
  });
  // Parents for the create form come from the unfiltered list.
  const all = useOrganisations({}, true);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [formTarget, setFormTarget] = useState<OrganisationFormTarget | null>(null);
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);

  const tree = useMemo(() => (filtered ? (data ?? []) : buildTree(data ?? [])), [data, filtered]);
  const parents = useMemo(() => (all.data ?? []).filter((o) => canHaveChildren(o.kind)), [all.data]);
  const defaultExpanded = useMemo(() => (filtered ? [] : tree.map((n) => n.id)), [tree, filtered]);

  const columns: TableColumnsType<OrgNode> = [
    {
      title: '机构名称',
      dataIndex: 'name',
      render: (name: string, o) => (
        <Button
          type="link"
          size="small"
          onClick={() => setDetailId(o.id)}
          aria-label={`查看 ${name}`}
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
        >
          {name}
        </Button>
      ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      render: (k: OrgKind, o) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Tag color={kindColors[k]}>{orgKindNames[k]}</Tag>
          {o.agencyCode ? <Tag color="red">认定机构</Tag> : null}
        </span>
      ),
    },
    {
      title: '所属地区',
      dataIndex: 'regionName',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    ...(filtered
      ? [{ title: '上级机构', dataIndex: 'parentName', render: (v: string | null) => v ?? '—' }]
      : []),
    { title: '统一社会信用代码', dataIndex: 'creditCode', render: (v: string | null) => v ?? '—' },
    { title: '下级机构', dataIndex: 'childCount', align: 'right' as const },
    {
      title: '操作',
      key: 'actions',
      fixed: isMobile ? undefined : ('right' as const),
      render: (_v: unknown, o: OrgNode) => (
        <Flex gap={4} wrap={false}>
          <Button
            type="link"
            size="small"
            onClick={() => setDetailId(o.id)}
            aria-label={`${o.name} 详情与审查账号`}
          >
            详情
          </Button>
          {canHaveChildren(o.kind) ? (
            <Button
              type="link"
              size="small"
              onClick={() => setFormTarget({ mode: 'create', parentId: o.id })}
              aria-label={`在 ${o.name} 下新建机构`}
            >
              新建下级
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <div className="page-card">
      <PageHeader
        title="机构管理"
        description="本级及下属的人社部门、主管部门、用人单位等机构。点击机构名称查看详情，设置“经办人审查”“领导审查”账号。"
        extra={
          <>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={parents.length === 0}
              onClick={() =>
                setFormTarget({ mode: 'create', parentId: parents.length === 1 ? parents[0]!.id : null })
              }
            >
              新建机构
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void refetch()}
              loading={isFetching && !isPending}
            >
              刷新
            </Button>
          </>
        }
      />
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label="机构类型筛选"
          placeholder="全部类型"
          value={kind}
          onChange={(v?: OrgKind) => setKind(v)}
          options={kindOptions}
          style={{ width: 200 }}
        />
        <SearchBox
          aria-label="搜索机构"
          placeholder="机构名称或统一社会信用代码"
          onSearch={setQ}
          enterButton="搜索"
          style={{ maxWidth: 360 }}
        />
      </Flex>
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<OrgNode>
        rowKey="id"
        columns={columns}
        dataSource={tree}
        loading={isPending}
        scroll={{ x: 'max-content' }}
        pagination={filtered ? { pageSize: 20, showTotal: (t) => `共 ${t} 个机构` } : false}
        expandable={
          filtered
            ? undefined
            : {
                expandedRowKeys: expanded ?? defaultExpanded,
                onExpandedRowsChange: (keys) => setExpanded(keys),
              }
        }
        aria-label="机构列表"
        locale={{ emptyText: <Empty description={filtered ? '没有符合条件的机构' : '暂无机构'} /> }}
      />
      <OrganisationDrawer
        organisationId={detailId}
        onClose={() => setDetailId(null)}
        onEdit={(o) => setFormTarget({ mode: 'edit', organisation: o })}
      />
      <OrganisationFormModal
        target={formTarget}
        parents={parents}
        onClose={() => setFormTarget(null)}
        onSaved={(o) => {
          if (formTarget?.mode === 'create' && o.parentId !== null) {
            setExpanded((keys) => [...(keys ?? defaultExpanded), o.parentId!]);
          }
        }}
      />
    </div>
  );
}
