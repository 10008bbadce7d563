import { App, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../../../api/client';
import { invalidatePolicyVersions, policyVersionKeys } from '../../../api/policy-versions';
import { queryClient } from '../../../api/query-client';
import type { Ok, PolicyVersionDetail, PolicyVersionSummary } from '../../../api/types';
import { formatChineseDate } from '../../../utils/format';

interface PublishOptions {
  /** Runs before the publication (the editor saves unsaved changes first); a rejection stops it. */
  before?: () => Promise<void>;
  /** Effective date to announce, when the editor holds a newer one than the saved version. */
  effectiveFrom?: string;
  onError?: (e: unknown) => void;
}

/** 新建修订稿 / 发布 / 删除, shared by the version list and the version page. */
export function usePolicyActions() {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();

  const createDraft = useMutation({
    mutationFn: (base: PolicyVersionSummary) =>
      api.post<PolicyVersionDetail>('/policy-versions', { basedOnId: base.id }),
    onSuccess: async (draft) => {
      message.success(`已新建修订稿“${draft.code}”，请修改后保存`);
      queryClient.setQueryData(policyVersionKeys.detail(draft.id), draft);
      await invalidatePolicyVersions();
      navigate(`/app/policies/${draft.id}`);
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const publish = useMutation({
    mutationFn: (v: PolicyVersionSummary) =>
      api.post<PolicyVersionDetail>(`/policy-versions/${v.id}/publish`),
    onSuccess: async (published) => {
      message.success(`政策版本“${published.code}”已发布，自 ${published.effectiveFrom} 起施行`);
      queryClient.setQueryData(policyVersionKeys.detail(published.id), published);
      await invalidatePolicyVersions();
    },
  });

  const remove = useMutation({
    mutationFn: (v: PolicyVersionSummary) => api.delete<Ok>(`/policy-versions/${v.id}`),
    onSuccess: async (_r, v) => {
      message.success(`修订稿“${v.code}”已删除`);
      queryClient.removeQueries({ queryKey: policyVersionKeys.detail(v.id) });
      await invalidatePolicyVersions();
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  /** Asks first: from which day it applies, and that past decisions keep their version. */
  const confirmPublish = (v: PolicyVersionSummary, today: string, options: PublishOptions = {}) => {
    const effectiveFrom = options.effectiveFrom ?? v.effectiveFrom;
    if (effectiveFrom < today) {
      modal.warning({
        title: '生效日期已过，不能发布',
        content: `修订稿“${v.code}”的生效日期 ${effectiveFrom} 早于今天（${today}）。请在修订稿中把生效日期改为今天或以后，再发布。`,
        okText: '知道了',
      });
      return;
    }
    modal.confirm({
      title: `发布政策版本“${v.code}”？`,
      width: 520,
      content: (
        <>
          <Typography.Paragraph>
            发布后，本版本自 <Typography.Text strong>{formatChineseDate(effectiveFrom)}</Typography.Text>{' '}
            起施行：此后的申报条件判断和自测均按本版本的规则进行（通知 三、（八）：以最新政策为准）。
          </Typography.Paragraph>
          <Typography.Paragraph>
            此前已作出的审查、认定结论仍保留当时所依据的政策版本，不受本次发布影响。
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }} type="secondary">
            已发布的版本不能再修改；如需调整，请以它为基础新建修订稿。
            {options.before ? '尚未保存的修改将先保存。' : ''}
          </Typography.Paragraph>
        </>
      ),
      okText: '确认发布',
      cancelText: '取消',
      onOk: async () => {
        try {
          await options.before?.();
          await publish.mutateAsync(v);
        } catch (e) {
          if (options.onError) options.onError(e);
          else message.error(errorMessage(e));
        }
      },
    });
  };

  return { createDraft, publish, remove, confirmPublish };
}
