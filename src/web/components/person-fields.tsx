import { Form, Input } from 'antd';
import { Mobile, PersonName } from '../../contract/index';
import { idNumberRule, normaliseIdInput, required, zodRule } from '../utils/form-rules';

interface Props {
  /** Where the fields sit in the form's values: 'person' for `{ person: { name, … } }`; none for top level. */
  prefix?: string;
  /** inputMode of the 身份证号 input, where a form sets one. */
  idInputMode?: 'text';
}

/** 姓名 / 身份证号 / 手机号码 of a real-name person, with the rules the server applies. */
export function PersonFields({ prefix, idInputMode }: Props) {
  const name = (field: string) => (prefix ? [prefix, field] : field);
  return (
    <>
      <Form.Item name={name('name')} label="姓名" rules={[required('姓名'), zodRule(PersonName)]}>
        <Input maxLength={30} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={name('idNumber')}
        label="身份证号"
        getValueFromEvent={normaliseIdInput}
        rules={[required('身份证号'), idNumberRule]}
      >
        <Input maxLength={18} autoComplete="off" inputMode={idInputMode} />
      </Form.Item>
      <Form.Item name={name('mobile')} label="手机号码" rules={[required('手机号码'), zodRule(Mobile)]}>
        <Input maxLength={11} inputMode="numeric" autoComplete="off" />
      </Form.Item>
    </>
  );
}
