import { Checkbox } from 'antd';
import type { CheckboxGroupProps } from 'antd/es/checkbox';

type Props<T> = CheckboxGroupProps<T> & {
  /** What the group is, for assistive technology (the Form.Item's label does not name a div). */
  label: string;
  /** Set by Form.Item on a required item's control. */
  'aria-required'?: boolean | 'true' | 'false';
};

/**
 * A Checkbox.Group as a Form.Item's control: a group named by `label`. antd's Form.Item sets
 * aria-required on a required item's control, which ARIA does not allow on a group of checkboxes
 * (axe: aria-allowed-attr); it is left off here — the label's asterisk and the message under the group
 * say the choice is required.
 */
export function CheckboxGroupField<T>({ label, 'aria-required': _required, ...props }: Props<T>) {
  return <Checkbox.Group<T> role="group" aria-label={label} {...props} />;
}
