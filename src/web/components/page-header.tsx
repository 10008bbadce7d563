import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../hooks/use-document-title';

interface Props {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
}

/** Title row of a work page; the actions wrap under the title on narrow screens. */
export function PageHeader({ title, description, extra }: Props) {
  useDocumentTitle(title);
  return (
    <div style={{ marginBottom: 16 }}>
      <Flex wrap justify="space-between" align="center" gap={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra ? (
          <Flex wrap gap={8}>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {description ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {description}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
