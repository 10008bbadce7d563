import { Card, Checkbox, Empty, Flex, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { educationLevels, educationNames, levelCodes, levelNames } from '../../../../contract/index';
import type { EducationLevel, LevelCode, SeriesPolicy } from '../../../api/types';
import { useIsMobile } from '../../../hooks/use-is-mobile';

interface Row {
  code: string;
  name: string;
  policy: SeriesPolicy;
  changed: boolean;
}

interface Props {
  /** The version's flags, by series code. */
  series: Record<string, SeriesPolicy>;
  /** Series names by code, in catalogue order (GET /series). */
  names: ReadonlyMap<string, string>;
  /** Editing: called with the whole new entry of one series. Absent: read-only. */
  onChange?: (code: string, next: SeriesPolicy) => void;
  /** Flags to compare with (the version this draft is based on): differing rows are marked. */
  baseline?: { label: string; series: Record<string, SeriesPolicy> };
}

const educationOptions = educationLevels.map((e) => ({ value: e, label: educationNames[e] }));
const levelOptions = levelCodes.map((l) => ({ value: l, label: levelNames[l] }));

function samePolicy(a: SeriesPolicy | undefined, b: SeriesPolicy | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.minEducation === b.minEducation &&
    a.examBased === b.examBased &&
    (a.practiceLicence ?? '') === (b.practiceLicence ?? '') &&
    a.levels.length === b.levels.length &&
    a.levels.every((l) => b.levels.includes(l))
  );
}

function ChangedTag({ label }: { label?: string }) {
  return (
    <Tag color="orange" title={label ? `与 ${label} 不同` : undefined}>
      已改动
    </Tag>
  );
}

/** The per-series flags of a policy version (最低学历, 以考代评, 从业资格, 设置的级别), searchable. */
export function SeriesFlagsTable({ series, names, onChange, baseline }: Props) {
  const isMobile = useIsMobile();
  const editable = onChange !== undefined;
  const [q, setQ] = useState('');
  const [onlyChanged, setOnlyChanged] = useState(false);

  const allRows = useMemo<Row[]>(() => {
    // Catalogue order first, then any code the catalogue no longer lists.
    const order = [...names.keys()];
    const codes = [...order.filter((c) => c in series), ...Object.keys(series).filter((c) => !names.has(c))];
    return codes.map((code) => ({
      code,
      name: names.get(code) ?? code,
      policy: series[code]!,
      changed: baseline !== undefined && !samePolicy(series[code], baseline.series[code]),
    }));
  }, [series, names, baseline]);

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return allRows.filter(
      (r) =>
        (!onlyChanged || r.changed) &&
        (!needle ||
          r.name.toLowerCase().includes(needle) ||
          r.code.toLowerCase().includes(needle) ||
          (r.policy.practiceLicence ?? '').toLowerCase().includes(needle)),
    );
  }, [allRows, q, onlyChanged]);
  const changedCount = allRows.filter((r) => r.changed).length;

  const set = (r: Row, patch: Partial<SeriesPolicy>) => onChange?.(r.code, { ...r.policy, ...patch });
  const sortLevels = (ls: LevelCode[]) => levelCodes.filter((l) => ls.includes(l));

  const minEducation = (r: Row) =>
    editable ? (
      <Select<EducationLevel>
        aria-label={`${r.name} 最低学历`}
        value={r.policy.minEducation}
        options={educationOptions}
        onChange={(v) => set(r, { minEducation: v })}
        style={{ width: isMobile ? '100%' : 140 }}
      />
    ) : (
      educationNames[r.policy.minEducation]
    );
  const examBased = (r: Row) =>
    editable ? (
      <Switch
        aria-label={`${r.name} 以考代评`}
        checked={r.policy.examBased}
        checkedChildren="是"
        unCheckedChildren="否"
        onChange={(v) => set(r, { examBased: v })}
      />
    ) : r.policy.examBased ? (
      <Tag color="red">是（不予认定）</Tag>
    ) : (
      <Tag>否</Tag>
    );
  const licence = (r: Row) =>
    editable ? (
      <Input
        aria-label={`${r.name} 从业资格`}
        value={r.policy.practiceLicence ?? ''}
        placeholder="不要求则留空"
        maxLength={50}
        allowClear
        onChange={(e) => set(r, { practiceLicence: e.target.value === '' ? null : e.target.value })}
        style={{ width: isMobile ? '100%' : 180 }}
      />
    ) : (
      (r.policy.practiceLicence ?? <Typography.Text type="secondary">不要求</Typography.Text>)
    );
  const levels = (r: Row) =>
    editable ? (
      <div role="group" aria-label={`${r.name} 设置的级别`}>
        <Checkbox.Group<LevelCode>
          options={levelOptions}
          value={r.policy.levels}
          onChange={(v) => set(r, { levels: sortLevels(v) })}
        />
      </div>
    ) : (
      <span style={{ whiteSpace: 'nowrap' }}>
        {levelCodes.map((l) =>
          r.policy.levels.includes(l) ? (
            <Tag key={l} color="blue">
              {levelNames[l]}
            </Tag>
          ) : null,
        )}
      </span>
    );

  const columns: TableColumnsType<Row> = [
    {
      title: '系列名称',
      dataIndex: 'name',
      render: (name: string, r) => (
        <Flex vertical>
          <Flex gap={4} align="center" wrap={false}>
            <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
              {name}
            </Typography.Text>
            {r.changed ? <ChangedTag label={baseline?.label} /> : null}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '最低学历', key: 'minEducation', render: (_v, r) => minEducation(r) },
    { title: '以考代评', key: 'examBased', render: (_v, r) => examBased(r) },
    { title: '从业资格（准入）', key: 'practiceLicence', render: (_v, r) => licence(r) },
    { title: '设置的级别', key: 'levels', render: (_v, r) => levels(r) },
  ];

  const empty = <Empty description={q || onlyChanged ? '没有符合条件的系列' : '暂无系列'} />;
  return (
    <div>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          aria-label="搜索系列"
          placeholder="系列名称、代码或从业资格"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 320 }}
        />
        {baseline ? (
          <Checkbox checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)}>
            只看与 {baseline.label} 不同的（{changedCount}）
          </Checkbox>
        ) : null}
        <Typography.Text type="secondary">
          共 {allRows.length} 个系列{rows.length !== allRows.length ? `，显示 ${rows.length} 个` : ''}
        </Typography.Text>
      </Flex>
      {isMobile ? (
        rows.length === 0 ? (
          empty
        ) : (
          <Flex vertical gap={8} role="list" aria-label="各系列参数">
            {rows.map((r) => (
              <Card
                key={r.code}
                size="small"
                role="listitem"
                title={
                  <Flex gap={4} align="center">
                    {r.name}
                    {r.changed ? <ChangedTag label={baseline?.label} /> : null}
                  </Flex>
                }
                extra={<Typography.Text type="secondary">{r.code}</Typography.Text>}
              >
                <Flex vertical gap={8}>
                  <Flex vertical gap={2}>
                    <Typography.Text type="secondary">最低学历</Typography.Text>
                    {minEducation(r)}
                  </Flex>
                  <Flex justify="space-between" align="center">
                    <Typography.Text type="secondary">以考代评</Typography.Text>
                    {examBased(r)}
                  </Flex>
                  <Flex vertical gap={2}>
                    <Typography.Text type="secondary">从业资格（准入）</Typography.Text>
                    {licence(r)}
                  </Flex>
                  <Flex vertical gap={2}>
                    <Typography.Text type="secondary">设置的级别</Typography.Text>
                    {levels(r)}
                  </Flex>
                </Flex>
              </Card>
            ))}
          </Flex>
        )
      ) : (
        <Table<Row>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          sticky={{ offsetHeader: 56 }}
          scroll={{ x: 'max-content' }}
          aria-label="各系列参数"
          rowClassName={(r) => (r.changed ? 'policy-row-changed' : '')}
          locale={{ emptyText: empty }}
        />
      )}
    </div>
  );
}
