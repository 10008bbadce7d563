import { Alert } from 'antd';
import { errorMessage } from '../api/client';

interface Props {
  error: unknown;
  /** With a title the server's message is the description; without one it is the title. */
  title?: string;
}

/** Announced (role="alert") error of a failed save or submit, above the form. */
export function ActionErrorAlert({ error, title }: Props) {
  const message = errorMessage(error);
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? message}
      description={title ? message : undefined}
      style={{ marginBottom: 16 }}
      role="alert"
    />
  );
}
