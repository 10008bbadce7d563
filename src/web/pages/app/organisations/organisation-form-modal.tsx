import { App, Checkbox, Form, Input, Modal, Radio, Select, TreeSelect } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import {
  CreateOrganisationBody,
  CreditCode,
  employerKindNames,
  orgKindNames,
} from '../../../../contract/index';
import { api } from '../../../api/client';
import { organisationKeys } from '../../../api/organisations';
import { useRegions } from '../../../api/public';
import { queryClient } from '../../../api/query-client';
import type {
  EmployerKind,
  OrgKind,
  Organisation,
  Ownership,
  UpdateOrganisationBody,
} from '../../../api/types';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { formModalProps } from '../../../utils/form-modal';
import { applyServerErrors, required, zodRule } from '../../../utils/form-rules';
import { ownershipNames } from '../../../utils/format';
import { allowedChildKinds } from './organisation-kinds';
import { regionTree } from './region-tree';

export type OrganisationFormTarget =
  { mode: 'create'; parentId: number | null } | { mode: 'edit'; organisation: Organisation };

interface Props {
  target: OrganisationFormTarget | null;
  /** Organisations the person may create under (hr_bureau / supervisor in scope). */
  parents: Organisation[];
  onClose: () => void;
  onSaved?: (org: Organisation) => void;
}

interface Values {
  parentId?: number;
  kind?: OrgKind;
  name: string;
  regionId?: number;
  creditCode?: string;
  ownership?: Ownership;
  employerKind?: EmployerKind;
  actsAsSupervisor?: boolean;
}

const employerKindOptions = (Object.keys(employerKindNames) as EmployerKind[]).map((k) => ({
  value: k,
  label: employerKindNames[k],
}));

export function OrganisationFormModal({ target, parents, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const regions = useRegions();
  const treeData = useMemo(() => regionTree(regions.data ?? []), [regions.data]);
  const editing = target?.mode === 'edit' ? target.organisation : null;
  const parentId = Form.useWatch('parentId', form);
  const kind = Form.useWatch('kind', form) ?? editing?.kind;
  const parent = parents.find((p) => p.id === parentId) ?? null;
  const childKinds = parent ? allowedChildKinds[parent.kind] : [];

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const o = target.organisation;
      form.setFieldsValue({
        name: o.name,
        creditCode: o.creditCode ?? undefined,
        ownership: o.ownership ?? undefined,
        employerKind: o.employerKind ?? undefined,
        actsAsSupervisor: o.actsAsSupervisor,
      });
    } else if (target.parentId !== null) {
      const p = parents.find((x) => x.id === target.parentId);
      const kinds = p ? allowedChildKinds[p.kind] : [];
      form.setFieldsValue({
        parentId: target.parentId,
        regionId: p?.regionId,
        kind: kinds.length === 1 ? kinds[0] : undefined,
      });
    }
    // parents only matter at open time
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target, form]);

  const save = useMutation({
    mutationFn: async (v: Values): Promise<Organisation> => {
      const isEmployer = (editing?.kind ?? v.kind) === 'employer';
      const creditCode = v.creditCode?.trim() ? v.creditCode.trim().toUpperCase() : undefined;
      if (editing) {
        const body: UpdateOrganisationBody = {
          name: v.name.trim(),
          creditCode,
          ...(isEmployer ? { ownership: v.ownership, employerKind: v.employerKind } : {}),
          ...(editing.kind === 'hr_bureau' ? { actsAsSupervisor: v.actsAsSupervisor ?? true } : {}),
        };
        return api.patch<Organisation>(`/organisations/${editing.id}`, body);
      }
      const body: CreateOrganisationBody = {
        parentId: v.parentId!,
        kind: v.kind!,
        name: v.name.trim(),
        regionId: v.regionId!,
        creditCode,
        ...(isEmployer ? { ownership: v.ownership, employerKind: v.employerKind } : {}),
      };
      return api.post<Organisation>('/organisations', body);
    },
    onSuccess: async (org) => {
      message.success(editing ? '机构信息已保存' : `已创建：${org.name}`);
      await queryClient.invalidateQueries({ queryKey: organisationKeys.all });
      onSaved?.(org);
      onClose();
    },
    onError: (e) => {
      applyServerErrors(form, e);
    },
  });

  const shape = CreateOrganisationBody.shape;

  return (
    <Modal
      open={target !== null}
      title={editing ? `编辑机构信息：${editing.name}` : '新建机构'}
      okText={editing ? '保存' : '创建'}
      {...formModalProps(form, save, (v) => save.mutate(v), onClose)}
    >
      {save.isError ? (
        <ActionErrorAlert error={save.error} title={editing ? '保存失败' : '创建失败'} />
      ) : null}
      <Form<Values> name="organisation" form={form} layout="vertical">
        {!editing ? (
          <>
            <Form.Item name="parentId" label="上级机构" rules={[required('上级机构', '请选择')]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择要在其下创建的机构"
                options={parents.map((p) => ({ value: p.id, label: `${p.name}（${orgKindNames[p.kind]}）` }))}
                onChange={(id: number) => {
                  const p = parents.find((x) => x.id === id);
                  const kinds = p ? allowedChildKinds[p.kind] : [];
                  form.setFieldsValue({
                    kind: kinds.length === 1 ? kinds[0] : undefined,
                    regionId: p?.regionId,
                  });
                }}
                notFoundContent="没有可创建下级的机构"
              />
            </Form.Item>
            <Form.Item
              name="kind"
              label="机构类型"
              rules={[required('机构类型', '请选择')]}
              extra={parent?.kind === 'supervisor' ? '主管部门下只能创建用人单位' : undefined}
            >
              <Select
                placeholder={parent ? '请选择机构类型' : '请先选择上级机构'}
                disabled={!parent}
                options={childKinds.map((k) => ({ value: k, label: orgKindNames[k] }))}
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="name"
          label="机构名称"
          extra="请填写全称，与公章一致"
          rules={[required('机构名称'), zodRule(shape.name)]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {!editing ? (
          <Form.Item name="regionId" label="所属地区" rules={[required('所属地区', '请选择')]}>
            <TreeSelect
              treeData={treeData}
              placeholder={regions.isPending ? '正在加载地区…' : '请选择所属地区'}
              treeDefaultExpandAll
              showSearch={{ treeNodeFilterProp: 'title' }}
              loading={regions.isPending}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="creditCode"
          label="统一社会信用代码"
          extra="选填，18位"
          getValueFromEvent={(e: { target: { value: string } }) =>
            e.target.value.toUpperCase().replace(/\s/g, '')
          }
          rules={[zodRule(CreditCode)]}
        >
          <Input maxLength={18} />
        </Form.Item>
        {kind === 'employer' ? (
          <>
            <Form.Item
              name="ownership"
              label="所有制性质"
              extra="非国有企业的工程系列不组织考核认定（通知 三、（六））"
              rules={[required('所有制性质', '请选择')]}
            >
              <Radio.Group
                options={(Object.keys(ownershipNames) as Ownership[]).map((o) => ({
                  value: o,
                  label: ownershipNames[o],
                }))}
              />
            </Form.Item>
            <Form.Item
              name="employerKind"
              label="单位类型"
              extra="职业高中、职业教育教研机构教师只能申报中职教师系列（通知 三、（三））"
              rules={[required('单位类型', '请选择')]}
            >
              <Select options={employerKindOptions} placeholder="请选择单位类型" />
            </Form.Item>
          </>
        ) : null}
        {editing?.kind === 'hr_bureau' ? (
          <Form.Item
            name="actsAsSupervisor"
            valuePropName="checked"
            extra="直属本部门、没有主管部门的用人单位，其申报由本部门代行主管部门审查；取消后跳过主管部门审查环节（本部门即认定机构时总是跳过）"
          >
            <Checkbox>代行主管部门审查</Checkbox>
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
