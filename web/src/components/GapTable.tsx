import type { HTMLAttributes, Key } from 'react';
import { Button, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';

/** The fix a gap row offers: a button opening the dialog that closes the gap. */
export interface GapFix<T> {
  label: string;
  testId: (row: T) => string;
  onFix: (row: T) => void;
}

interface Props<T> {
  /** One page of the gap list. */
  data: { items: T[]; total: number } | undefined;
  loading: boolean;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  page: number;
  onPage: (page: number) => void;
  fix?: GapFix<T>;
  testId?: string;
  rowTestId?: (row: T) => string;
  size?: 'small' | 'middle';
  /** Horizontal scrolling of wide tables (off on a phone, where columns are dropped instead). */
  scroll?: boolean;
  /** Show "N in all" under the table. */
  showTotal?: boolean;
}

/**
 * A paged gap list (households without a cadre, overdue visits, villages without a team, plans that
 * do not fit), 20 a page, each row with an optional fix button.
 */
export function GapTable<T extends object>({
  data,
  loading,
  columns,
  rowKey,
  page,
  onPage,
  fix,
  testId,
  rowTestId,
  size = 'small',
  scroll = true,
  showTotal = false,
}: Props<T>) {
  const { t } = useTranslation();
  const fixColumn: TableColumnsType<T> = fix
    ? [
        {
          key: 'fix',
          render: (_: unknown, row: T) => (
            <Button size="small" type="primary" onClick={() => fix.onFix(row)} data-testid={fix.testId(row)}>
              {fix.label}
            </Button>
          ),
        },
      ]
    : [];
  return (
    <Table<T>
      rowKey={(row) => row[rowKey] as Key}
      size={size}
      loading={loading}
      dataSource={data?.items ?? []}
      columns={[...columns, ...fixColumn]}
      data-testid={testId}
      scroll={scroll ? { x: 'max-content' } : undefined}
      onRow={rowTestId && ((row) => ({ 'data-testid': rowTestId(row) }) as HTMLAttributes<HTMLElement>)}
      pagination={{
        current: page,
        pageSize: 20,
        total: data?.total ?? 0,
        onChange: onPage,
        showSizeChanger: false,
        showTotal: showTotal ? (total) => t('common.total', { total }) : undefined,
      }}
    />
  );
}
