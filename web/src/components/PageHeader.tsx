import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** A page's title row: title (and subtitle) on the left, controls on the right, wrapping on phones. */
export function PageHeader({
  title,
  subtitle,
  extra,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Flex wrap justify="space-between" align="center" gap={12} style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && (
        <Flex wrap gap={8} align="center">
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
