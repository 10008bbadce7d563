import { Descriptions, Flex, Table, Tag, Typography } from 'antd';
import {
  educationLevels,
  educationNames,
  employerKindNames,
  levelCodes,
  levelNames,
} from '../../../../contract/index';
import type { EducationYearsRow, PolicyParameters } from '../../../api/types';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { SeriesFlagsTable } from './series-flags-table';

/** By level (员级 → 中级), then by education (中专 → 博士). */
export function sortEducationYears(rows: readonly EducationYearsRow[]): EducationYearsRow[] {
  return [...rows].sort(
    (a, b) =>
      levelCodes.indexOf(a.level) - levelCodes.indexOf(b.level) ||
      educationLevels.indexOf(a.education) - educationLevels.indexOf(b.education),
  );
}

export function SectionTitle({ children, id }: { children: string; id?: string }) {
  return (
    <Typography.Title level={5} id={id} style={{ marginTop: 24 }}>
      {children}
    </Typography.Title>
  );
}

const seriesName = (names: ReadonlyMap<string, string>, code: string) => names.get(code) ?? code;

/** Every parameter of a published version, read-only. */
export function PolicyParametersView({
  parameters: p,
  names,
}: {
  parameters: PolicyParameters;
  names: ReadonlyMap<string, string>;
}) {
  const isMobile = useIsMobile();
  return (
    <>
      <SectionTitle>学历与年限对应表</SectionTitle>
      <Typography.Paragraph type="secondary">
        具备某行学历、毕业后从事专业技术工作满规定周年数的，可申报该层级；所学专业与申报专业不相同不相近的，另加下方“专业不相近延长年限”。
      </Typography.Paragraph>
      <Table<EducationYearsRow & { key: string }>
        size="small"
        pagination={false}
        style={{ maxWidth: 560 }}
        aria-label="学历与年限对应表"
        dataSource={sortEducationYears(p.educationYears).map((r) => ({
          ...r,
          key: `${r.education}/${r.level}`,
        }))}
        columns={[
          {
            title: '学历',
            dataIndex: 'education',
            render: (e: EducationYearsRow['education']) => educationNames[e],
          },
          { title: '层级', dataIndex: 'level', render: (l: EducationYearsRow['level']) => levelNames[l] },
          {
            title: '工作年限',
            dataIndex: 'years',
            render: (y: number) => (y === 0 ? '毕业即可' : `满 ${y} 年`),
          },
        ]}
      />

      <SectionTitle>通用规则</SectionTitle>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: isMobile ? 120 : 260 } }}
        items={[
          {
            key: 'mismatch',
            label: '专业不相近延长年限',
            children: `${p.mismatchExtraYears} 年（通知 三、（二））`,
          },
          {
            key: 'fullTime',
            label: '是否要求全日制学历',
            children: p.fullTimeRequired ? '要求全日制学历' : '不要求',
          },
          {
            key: 'vocationalSeries',
            label: '职业学校教师适用系列（中职教师系列）',
            children: `${seriesName(names, p.vocationalTeacherSeries)}（通知 三、（三））`,
          },
          {
            key: 'vocationalKinds',
            label: '职业学校类单位',
            children: (
              <Flex wrap gap={4}>
                {p.vocationalEmployerKinds.map((k) => (
                  <Tag key={k}>{employerKindNames[k]}</Tag>
                ))}
              </Flex>
            ),
          },
          {
            key: 'nonState',
            label: '非国有企业不予认定的系列',
            children: p.nonStateExcludedSeries.length ? (
              <Flex wrap gap={4}>
                {p.nonStateExcludedSeries.map((c) => (
                  <Tag key={c}>{seriesName(names, c)}</Tag>
                ))}
              </Flex>
            ) : (
              '无'
            ),
          },
          {
            key: 'publicity',
            label: '单位内部公示期',
            children: `不少于 ${p.publicityWorkingDays} 个工作日（《职称评审管理暂行规定》（人力资源社会保障部令第40号））`,
          },
          {
            key: 'blacklist',
            label: '列入黑名单默认年限',
            children: `${p.blacklistYears} 年（通知 四、（四）未规定期限，此为职称办设定的默认值；处理决定可另定）`,
          },
          {
            key: 'basis',
            label: '依据文件文号',
            children: p.basisDocumentNumber ?? '未填写（承诺书等处使用通用表述）',
          },
        ]}
      />

      <SectionTitle>各系列参数</SectionTitle>
      <SeriesFlagsTable series={p.series} names={names} />
    </>
  );
}
