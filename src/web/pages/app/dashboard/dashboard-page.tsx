import {
  CalendarOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  KeyOutlined,
  RightOutlined,
} from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { orgKindNames, roleNames } from '../../../../contract/index';
import { useReviewSeats } from '../../../api/review';
import { useMe } from '../../../api/session';
import type { RoleAssignment } from '../../../api/types';
import { useAccess } from '../../../auth/use-access';
import { PageHeader } from '../../../components/page-header';
import { visibleMenu } from '../../../layouts/menu-config';
import { OfficeFigures } from '../statistics/office-figures';
import { displayUsername } from '../../../utils/format';

function greeting(): string {
  const h = new Date().getHours();
  if (h < 6) return '您好';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

interface ShortcutProps {
  to: string;
  icon: ReactNode;
  title: string;
  description: string;
}

/** The public pages, linked from every dashboard. */
const publicLinks: ShortcutProps[] = [
  {
    to: '/',
    icon: <CalendarOutlined />,
    title: '认定机构与受理时间',
    description: '各认定机构的认定范围、联系电话及本年度受理批次',
  },
  { to: '/policy', icon: <FileTextOutlined />, title: '政策文件', description: '考核认定相关通知与政策依据' },
  {
    to: '/self-check',
    icon: <ExperimentOutlined />,
    title: '申报条件自测',
    description: '按学历、资历等条件预先测算可申报的层级',
  },
];

function Shortcut({ to, icon, title, description }: ShortcutProps) {
  return (
    <Link to={to} style={{ display: 'block', height: '100%' }}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {icon} {title} <RightOutlined style={{ fontSize: 12 }} />
        </Typography.Text>
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {description}
        </Typography.Paragraph>
      </Card>
    </Link>
  );
}

/** 待审: what waits at each of the person's seats, with the applications whose window is about to close. */
function ReviewWork() {
  const seats = useReviewSeats();
  if (!seats.data?.length) return null;
  return (
    <Col xs={24}>
      <Card title="待审申报" size="small" extra={<Link to="/app/review">审查工作台</Link>}>
        <Row gutter={[12, 12]}>
          {seats.data.map((s) => (
            <Col key={`${s.organisationId}:${s.role}`} xs={24} sm={12} lg={8}>
              <Link to="/app/review">
                <Card size="small" hoverable>
                  <Statistic
                    title={`${s.organisationName}（${s.role === 'leader' ? '领导审查' : '经办人审查'}）`}
                    value={s.waiting}
                    suffix="份待审"
                  />
                  {s.overdue > 0 ? <Tag color="red">{s.overdue} 份所在批次即将截止</Tag> : null}
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </Col>
  );
}

export function DashboardPage() {
  const { data: me } = useMe();
  const access = useAccess();
  const location = useLocation();
  if (!me) return null;
  const shortcuts = visibleMenu(access).filter((m) => m.path !== '/app');
  const applicantRoles = me.roles.filter((r) => r.role === 'applicant');
  // The city and province title offices see this year's figures and who has not reported yet.
  const titleOffice = me.roles.some((r) => r.role === 'city_office' || r.role === 'province_office');

  return (
    <div>
      <PageHeader title="工作台" description={`${greeting()}，${me.person.name}。`} />
      <Row gutter={[16, 16]}>
        {titleOffice ? <OfficeFigures /> : null}
        {access.canReview ? <ReviewWork /> : null}
        {shortcuts.length > 0 ? (
          <Col xs={24}>
            <Card title="常用功能" size="small">
              <Row gutter={[12, 12]}>
                {shortcuts.map((m) => (
                  <Col key={m.path} xs={24} sm={12} lg={8}>
                    <Shortcut to={m.path} icon={m.icon} title={m.label} description={m.description} />
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
        ) : null}

        {applicantRoles.length > 0 ? (
          <Col xs={24} lg={12}>
            <Card title="所在申报单位" size="small" style={{ height: '100%' }}>
              {applicantRoles.map((r) => (
                <Descriptions key={r.id} column={1} size="small">
                  <Descriptions.Item label="申报单位">
                    {r.organisation?.name ?? '未关联单位'}
                  </Descriptions.Item>
                  {r.organisation ? (
                    <Descriptions.Item label="单位类型">
                      {orgKindNames[r.organisation.kind]}
                    </Descriptions.Item>
                  ) : null}
                </Descriptions>
              ))}
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 8 }}
                title="您的申报账号由所在单位创建。账号信息有误或需要重置密码，请联系单位经办人。"
              />
            </Card>
          </Col>
        ) : null}

        <Col xs={24} lg={12}>
          <Card
            title="我的账号"
            size="small"
            style={{ height: '100%' }}
            extra={
              <Link to={`/account/password?next=${encodeURIComponent(location.pathname)}`}>
                <KeyOutlined /> 修改密码
              </Link>
            }
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label="姓名">{me.person.name}</Descriptions.Item>
              <Descriptions.Item label="用户名">{displayUsername(me.username)}</Descriptions.Item>
              <Descriptions.Item label="身份证号">{me.person.idNumberMasked || '未登记'}</Descriptions.Item>
              <Descriptions.Item label="手机号码">{me.person.mobile ?? '未登记'}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>

        <Col xs={24} lg={12}>
          <Card title="我的身份" size="small" style={{ height: '100%' }}>
            <Table<RoleAssignment>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={me.roles}
              scroll={{ x: 'max-content' }}
              aria-label="我的身份"
              locale={{ emptyText: '暂无角色，请联系管理员分配' }}
              columns={[
                {
                  title: '角色',
                  dataIndex: 'role',
                  render: (r: RoleAssignment['role']) => <Tag color="blue">{roleNames[r]}</Tag>,
                },
                { title: '所属机构', key: 'org', render: (_v, r) => r.organisation?.name ?? '—' },
                {
                  title: '机构类型',
                  key: 'kind',
                  render: (_v, r) => (r.organisation ? orgKindNames[r.organisation.kind] : '—'),
                },
              ]}
            />
          </Card>
        </Col>

        <Col xs={24}>
          <Card title="公开信息" size="small">
            <Row gutter={[12, 12]}>
              {publicLinks.map((s) => (
                <Col key={s.to} xs={24} sm={8}>
                  <Shortcut {...s} />
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
