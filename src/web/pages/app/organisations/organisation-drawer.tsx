import { EditOutlined, UserSwitchOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Row,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { employerKindNames, orgKindNames, roleNames } from '../../../../contract/index';
import { useOrganisation, useOrganisationSeats } from '../../../api/organisations';
import type { Organisation, Seat, SeatHistory, SeatRole } from '../../../api/types';
import { InitialPasswordModal, type InitialPasswordInfo } from '../../../components/initial-password-modal';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { displayUsername, formatInstant, ownershipNames } from '../../../utils/format';
import { kindColors } from './organisation-kinds';
import { SeatAssignModal, type SeatTarget } from './seat-assign-modal';

interface Props {
  organisationId: number | null;
  onClose: () => void;
  onEdit: (org: Organisation) => void;
}

const SEAT_ROLES: SeatRole[] = ['handler', 'leader'];

function SeatCard({ role, seat, onAssign }: { role: SeatRole; seat: Seat | null; onAssign: () => void }) {
  return (
    <Card
      size="small"
      title={roleNames[role]}
      data-testid={`seat-${role}`}
      extra={
        <Button
          size="small"
          type={seat ? 'default' : 'primary'}
          icon={<UserSwitchOutlined />}
          onClick={onAssign}
        >
          {seat ? `更换${roleNames[role]}` : `设置${roleNames[role]}`}
        </Button>
      }
      style={{ height: '100%' }}
    >
      {seat ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label="姓名">{seat.personName}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{seat.idNumberMasked}</Descriptions.Item>
          <Descriptions.Item label="手机号码">{seat.mobileMasked ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="用户名">{displayUsername(seat.username)}</Descriptions.Item>
          <Descriptions.Item label="任职起">{formatInstant(seat.since)}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未设置" />
      )}
    </Card>
  );
}

/** Detail of one organisation: its data, its two reviewer seats and their change history. */
export function OrganisationDrawer({ organisationId, onClose, onEdit }: Props) {
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const org = useOrganisation(organisationId);
  const seats = useOrganisationSeats(organisationId);
  const [seatTarget, setSeatTarget] = useState<SeatTarget | null>(null);
  const [issued, setIssued] = useState<InitialPasswordInfo | null>(null);

  const o = org.data;
  const current = (role: SeatRole) => seats.data?.current.find((s) => s.role === role) ?? null;
  const history = [...(seats.data?.history ?? [])].sort((a, b) => b.since.localeCompare(a.since));

  return (
    <Drawer
      open={organisationId !== null}
      onClose={onClose}
      title={o?.name ?? '机构详情'}
      size={isMobile ? '100%' : 820}
      extra={
        o ? (
          <Button icon={<EditOutlined />} onClick={() => onEdit(o)}>
            编辑
          </Button>
        ) : null
      }
    >
      {org.isError ? <QueryErrorAlert error={org.error} onRetry={() => void org.refetch()} /> : null}
      {org.isPending ? (
        <Skeleton active />
      ) : o ? (
        <Descriptions bordered size="small" column={isMobile ? 1 : 2} style={{ marginBottom: 24 }}>
          <Descriptions.Item label="机构名称" span={isMobile ? 1 : 2}>
            {o.name}
          </Descriptions.Item>
          <Descriptions.Item label="机构类型">
            <Tag color={kindColors[o.kind]}>{orgKindNames[o.kind]}</Tag>
            {o.agencyCode ? <Tag color="red">认定机构</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label="所属地区">{o.regionName}</Descriptions.Item>
          <Descriptions.Item label="上级机构">{o.parentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="统一社会信用代码">{o.creditCode ?? '—'}</Descriptions.Item>
          {o.kind === 'employer' ? (
            <>
              <Descriptions.Item label="所有制性质">
                {o.ownership ? ownershipNames[o.ownership] : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="单位类型">
                {o.employerKind ? employerKindNames[o.employerKind] : '—'}
              </Descriptions.Item>
            </>
          ) : null}
          <Descriptions.Item label="下级机构数">{o.childCount}</Descriptions.Item>
        </Descriptions>
      ) : null}

      <Typography.Title level={5}>审查账号</Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="“经办人审查”和“领导审查”须实名且不能为同一人；人员调整时请及时更换（通知 四、（二））。"
      />
      {seats.isError ? <QueryErrorAlert error={seats.error} onRetry={() => void seats.refetch()} /> : null}
      {seats.isPending ? (
        <Skeleton active />
      ) : o && seats.data ? (
        <Row gutter={[12, 12]} style={{ marginBottom: 24 }}>
          {SEAT_ROLES.map((role) => (
            <Col key={role} xs={24} md={12}>
              <SeatCard
                role={role}
                seat={current(role)}
                onAssign={() =>
                  setSeatTarget({
                    organisation: o,
                    role,
                    current: current(role),
                    other: current(role === 'handler' ? 'leader' : 'handler'),
                  })
                }
              />
            </Col>
          ))}
        </Row>
      ) : null}

      <Typography.Title level={5}>审查账号变更记录</Typography.Title>
      <Table<SeatHistory>
        size="small"
        rowKey="assignmentId"
        dataSource={history}
        loading={seats.isPending}
        pagination={history.length > 10 ? { pageSize: 10 } : false}
        scroll={{ x: 'max-content' }}
        aria-label="审查账号变更记录"
        locale={{ emptyText: '暂无变更记录' }}
        columns={[
          { title: '岗位', dataIndex: 'role', render: (r: SeatRole) => roleNames[r] },
          { title: '姓名', dataIndex: 'personName' },
          { title: '身份证号', dataIndex: 'idNumberMasked' },
          { title: '用户名', dataIndex: 'username', render: (v: string) => displayUsername(v) },
          { title: '起', dataIndex: 'since', render: (v: string) => formatInstant(v) },
          {
            title: '止',
            dataIndex: 'until',
            render: (v: string | null) => (v ? formatInstant(v) : <Tag color="green">现任</Tag>),
          },
        ]}
      />

      <SeatAssignModal
        target={seatTarget}
        onClose={() => setSeatTarget(null)}
        onAssigned={(result, target, personName) => {
          setSeatTarget(null);
          if (result.initialPassword) {
            setIssued({
              subject: `${personName}（${target.organisation.name} ${roleNames[target.role]}）`,
              username: result.username,
              initialPassword: result.initialPassword,
            });
          } else {
            message.success(
              `已设置${roleNames[target.role]}：${personName}。该人员已有账号（用户名 ${displayUsername(result.username)}），继续使用原密码登录。`,
              6,
            );
          }
        }}
      />
      <InitialPasswordModal info={issued} title="审查账号已设置" onClose={() => setIssued(null)} />
    </Drawer>
  );
}
