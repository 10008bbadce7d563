import {
  AuditOutlined,
  ApartmentOutlined,
  BookOutlined,
  DashboardOutlined,
  FileTextOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserSwitchOutlined,
  CalendarOutlined,
  ControlOutlined,
  FileSearchOutlined,
  AuditOutlined as ReviewIcon,
  BellOutlined,
  ClusterOutlined,
  FolderOpenOutlined,
  StopOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  FileDoneOutlined,
  IdcardOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Access, AccessKey } from '../auth/access';

export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  /** Access flag required to see the entry; none = everyone signed in. */
  access?: AccessKey;
  /** One line for the dashboard shortcut. */
  description: string;
}

/** The work area's menu; entries appear only for people whose roles allow them. */
export const APP_MENU: MenuEntry[] = [
  { path: '/app', label: '工作台', icon: <DashboardOutlined />, description: '待办与常用功能入口' },
  {
    path: '/app/my-applications',
    label: '我的申报',
    icon: <FileTextOutlined />,
    access: 'canApply',
    description: '新建职称考核认定申报，填写表单、上传材料，预检后在受理时间内提交',
  },
  {
    path: '/app/certificates/mine',
    label: '我的证书',
    icon: <TrophyOutlined />,
    access: 'canApply',
    description: '已发放的职称电子证书：查看、下载，以及谁在何时查询过您的证书',
  },
  {
    path: '/app/review',
    label: '审查工作台',
    icon: <ReviewIcon />,
    access: 'canReview',
    description: '本岗位待审的申报：核验材料、审查、通过、退回修改或不予通过；登记单位内部公示',
  },
  {
    path: '/app/approvals',
    label: '批复管理',
    icon: <FileDoneOutlined />,
    access: 'canIssueApprovals',
    description:
      '将认定通过人员起草为批复，领导签发后分配文号、发放证书；查询本机构已办结的申报；设置机关代字',
  },
  {
    path: '/app/certificates',
    label: '证书管理',
    icon: <IdcardOutlined />,
    access: 'canManageCertificates',
    description: '查询已发放的职称证书，查看、下载、导出，必要时撤销证书',
  },
  {
    path: '/app/notifications',
    label: '站内消息',
    icon: <BellOutlined />,
    description: '退回、审查结果、待办到达和单位提醒',
  },
  {
    path: '/app/applicants',
    label: '申报人员',
    icon: <TeamOutlined />,
    access: 'canManageApplicants',
    description: '为本单位人员创建申报账号、批量导入，查看社保参保关联情况',
  },
  {
    path: '/app/unit-applications',
    label: '申报管理',
    icon: <FileSearchOutlined />,
    access: 'canManageApplicants',
    description: '查看本单位人员的申报草稿和已提交申报，为不能自行申报的人员代为申报',
  },
  {
    path: '/app/organisations',
    label: '机构管理',
    icon: <ApartmentOutlined />,
    access: 'canManageOrganisations',
    description: '管理下属单位和主管部门，设置“经办人审查”“领导审查”账号',
  },
  {
    path: '/app/social-insurance',
    label: '社保参保信息',
    icon: <SafetyCertificateOutlined />,
    access: 'canUseSocialInsurance',
    description: '导入、查询社保参保缴费信息，用于申报账号实名核验',
  },
  {
    path: '/app/accounts',
    label: '账号管理',
    icon: <UserSwitchOutlined />,
    access: 'canManageAccounts',
    description: '查询账号，重置密码，解除锁定',
  },
  {
    path: '/app/catalogue',
    label: '系列专业目录',
    icon: <BookOutlined />,
    access: 'canManageCatalogue',
    description: '维护职称系列、专业及各层级资格名称',
  },
  {
    path: '/app/policies',
    label: '政策版本',
    icon: <ControlOutlined />,
    access: 'canManageCatalogue',
    description: '维护申报条件判断规则（学历与年限、最低学历、以考代评等），设定生效日期发布',
  },
  {
    path: '/app/agencies',
    label: '认定机构与受理时间',
    icon: <CalendarOutlined />,
    access: 'canManageAgencies',
    description: '每年的受理时间安排：从上年复制、核对、发布，调整、新增或取消批次；维护联系电话',
  },
  {
    path: '/app/archive-hosted',
    label: '档案托管人员申报',
    icon: <FolderOpenOutlined />,
    access: 'canSeeArchiveHosted',
    description: '档案托管、社保缴纳未达要求人员的核实、汇总与审批',
  },
  {
    path: '/app/self-recognition',
    label: '职称自主评审',
    icon: <ClusterOutlined />,
    access: 'canSeeSelfRecognition',
    description: '自主评审单位申请与审批，自主评审批次报备与确认',
  },
  {
    path: '/app/blacklist',
    label: '黑名单',
    icon: <StopOutlined />,
    access: 'canSeeBlacklist',
    description: '弄虚作假人员黑名单及通报批评记录',
  },
  {
    path: '/app/reports',
    label: '年度报送',
    icon: <CarryOutOutlined />,
    access: 'canSeeYearEndReports',
    description: '年度考核认定的批复文件和证书信息报送市职称办；市职称办查看报送、逾期情况并接收或退回',
  },
  {
    path: '/app/statistics',
    label: '统计分析',
    icon: <BarChartOutlined />,
    access: 'canSeeStatistics',
    description: '按系列、级别、地区、学历、单位、月份、认定机构统计受理、认定和发证情况，可导出 Excel',
  },
  {
    path: '/app/audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    access: 'canReadAudit',
    description: '查阅系统全部操作留痕记录',
  },
];

export function visibleMenu(access: Access): MenuEntry[] {
  return APP_MENU.filter((m) => !m.access || access[m.access]);
}

/** The menu entry a location belongs to (longest matching prefix). */
export function selectedMenuKey(pathname: string, entries: MenuEntry[]): string | undefined {
  return entries
    .filter((m) => pathname === m.path || pathname.startsWith(`${m.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
}

export { SYSTEM_NAME } from '../hooks/use-document-title';
