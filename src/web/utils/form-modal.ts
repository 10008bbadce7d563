import type { FormInstance } from 'antd';

/**
 * The Modal props a save-form modal shares: OK validates the form and hands the values on
 * (a failed validation stays on the form), cancel clears the last save error and closes.
 */
export function formModalProps<V>(
  form: FormInstance<V>,
  save: { isPending: boolean; reset: () => void },
  onValid: (values: V) => void,
  onClose: () => void,
) {
  return {
    cancelText: '取消',
    confirmLoading: save.isPending,
    onOk: () =>
      void form
        .validateFields()
        .then(onValid)
        .catch(() => undefined),
    onCancel: () => {
      save.reset();
      onClose();
    },
    forceRender: true,
  };
}
