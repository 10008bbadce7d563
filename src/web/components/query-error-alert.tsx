import { Alert, Button } from 'antd';
import { errorMessage } from '../api/client';

interface Props {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** Inline error for a failed load, with the server's (Chinese) message and a retry button. */
export function QueryErrorAlert({ error, title = '数据加载失败', onRetry }: Props) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
