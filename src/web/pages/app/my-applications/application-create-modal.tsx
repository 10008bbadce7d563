import { Alert, Empty, Flex, Form, Modal, Radio, Skeleton, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { levelCodes, levelNames } from '../../../../contract/index';
import { useCreateApplication, useRouting } from '../../../api/applications';
import type { LevelCode } from '../../../api/types';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { statusTag } from '../../../utils/agency-windows';
import { required } from '../../../utils/form-rules';

interface Values {
  targetLevel?: LevelCode;
  batchId?: number;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
  /** A unit clerk creating the application on behalf of one of its applicants (代为申报). */
  onBehalfOf?: { accountId: number; name: string };
}

/**
 * 新建申报: the target level decides the agency (annex); then an open or upcoming batch of it. With
 * onBehalfOf, a unit clerk's 代为申报 for that applicant (the server records it as such).
 */
export function ApplicationCreateModal({ open, onClose, onCreated, onBehalfOf }: Props) {
  const [form] = Form.useForm<Values>();
  const targetLevel = Form.useWatch('targetLevel', form) ?? null;
  const applicantAccountId = onBehalfOf?.accountId;
  const routing = useRouting(open ? targetLevel : null, applicantAccountId);
  const create = useCreateApplication();
  const batches = routing.data?.batches ?? [];
  // Exactly one batch accepting now: that is the one meant (an upcoming one stays a deliberate choice).
  const onlyOpen = batches.filter((b) => b.status === 'open');
  const preselect = onlyOpen.length === 1 ? onlyOpen[0]!.id : undefined;
  useEffect(() => {
    if (preselect !== undefined && form.getFieldValue('batchId') === undefined)
      form.setFieldValue('batchId', preselect);
  }, [preselect, routing.data, form]);

  const submit = async () => {
    const v = await form.validateFields();
    if (!v.targetLevel || !v.batchId) return;
    create.mutate(
      { targetLevel: v.targetLevel, batchId: v.batchId, applicantAccountId },
      {
        onSuccess: (detail) => {
          form.resetFields();
          onCreated(detail.id);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={onBehalfOf ? `代为申报：${onBehalfOf.name}` : '新建申报'}
      okText="创建并填写"
      cancelText="取消"
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={{ disabled: !routing.data || batches.length === 0 }}
      confirmLoading={create.isPending}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      afterClose={() => form.resetFields()}
      forceRender
    >
      {create.isError ? <ActionErrorAlert error={create.error} title="创建失败" /> : null}
      {onBehalfOf ? (
        <Typography.Paragraph type="secondary">
          为不能自行申报的人员代为创建并填写申报，系统记录为单位代为申报。
        </Typography.Paragraph>
      ) : null}
      <Form<Values>
        name={onBehalfOf ? 'applicationCreateOnBehalf' : 'applicationCreate'}
        form={form}
        layout="vertical"
        onValuesChange={(changed: Values) => {
          if ('targetLevel' in changed) form.setFieldValue('batchId', undefined);
        }}
      >
        <Form.Item name="targetLevel" label="申报层级" rules={[required('申报层级', '请选择')]}>
          <Radio.Group
            options={levelCodes.map((l) => ({ value: l, label: levelNames[l] }))}
            optionType="button"
            buttonStyle="solid"
          />
        </Form.Item>
        {targetLevel === null ? (
          <Typography.Paragraph type="secondary">
            {onBehalfOf
              ? '选择申报层级后，系统按申报人员所在单位和层级确定受理的认定机构。'
              : '选择申报层级后，系统按您所在单位和层级确定受理的认定机构。'}
          </Typography.Paragraph>
        ) : routing.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : routing.isError ? (
          <QueryErrorAlert
            error={routing.error}
            title="无法确定认定机构"
            onRetry={() => void routing.refetch()}
          />
        ) : routing.data ? (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={`认定机构：${routing.data.agency.name}`}
              description={`咨询电话：${routing.data.agency.phone}`}
            />
            {batches.length === 0 ? (
              <Empty description="该认定机构目前没有受理中或即将开始的批次，请关注认定机构公布的受理时间" />
            ) : (
              <Form.Item name="batchId" label="申报批次" rules={[required('申报批次', '请选择')]}>
                <Radio.Group>
                  <Flex vertical gap={8}>
                    {batches.map((b) => (
                      <Radio key={b.id} value={b.id}>
                        {b.year}年{b.name}{' '}
                        <Tag color={statusTag[b.status].color}>{statusTag[b.status].text}</Tag>
                        <br />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          受理 {b.opens} 至 {b.closes}，资历终算 {b.cutoffDate}
                        </Typography.Text>
                      </Radio>
                    ))}
                  </Flex>
                </Radio.Group>
              </Form.Item>
            )}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
