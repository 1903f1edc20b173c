import type { ReactNode } from 'react';
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { BoardNeed, OfficerNeed } from '../../api/participation';
import { STATUS_COLOR } from './labels';
import { COMPACT_TABLE } from './compactTable';
import { chinaDay } from '../../i18n/format';

/**
 * Who looks at the needs: `officer` sees village, household and organisation; `board` is an
 * organisation's anonymised board (township only, its own pledges marked); `pledges` is the
 * organisation's own pledges.
 */
export type NeedsView = 'officer' | 'board' | 'pledges';

interface Props<N extends BoardNeed> {
  view: NeedsView;
  items: N[] | undefined;
  loading: boolean;
  /** The buttons of a row (confirm, pledge, deliver), or nothing. */
  actions: (need: N) => ReactNode;
  pagination?: TablePaginationConfig;
  testId?: string;
}

/** The needs of the participation board, one table for the officers' page and the organisation's portal. */
export function NeedsTable<N extends BoardNeed>({
  view,
  items,
  loading,
  actions,
  pagination,
  testId,
}: Props<N>) {
  const { t } = useTranslation();
  const officer = view === 'officer';
  const columns: ColumnsType<N> = [
    { title: t('part.col.kind'), dataIndex: 'kind', render: (k: string) => t(`part.needKind.${k}` as never) },
    officer
      ? { title: t('part.col.title'), dataIndex: 'title' }
      : {
          title: t('part.col.title'),
          dataIndex: 'title',
          render: (_: string, n) => (
            <div style={{ minWidth: 180, maxWidth: 320 }}>
              <Typography.Text strong>{n.title}</Typography.Text>
              <div>
                <Typography.Text type="secondary">{n.description}</Typography.Text>
              </div>
            </div>
          ),
        },
    ...(officer
      ? [
          { title: t('part.col.village'), dataIndex: ['village', 'name'] },
          { title: t('part.col.household'), dataIndex: 'householdNo' },
        ]
      : [{ title: t('part.col.township'), dataIndex: ['township', 'name'] }]),
    { title: t('part.col.amount'), dataIndex: 'amount', align: 'right' },
    ...(officer
      ? [
          {
            title: t('part.col.organisation'),
            render: (_: unknown, n: N) => (n as unknown as OfficerNeed).organisation?.name,
          },
        ]
      : []),
    {
      title: t('part.col.status'),
      dataIndex: 'status',
      render: (s: string, n) =>
        officer ? (
          <Tag color={STATUS_COLOR[s]} data-testid={`officer-need-status-${n.id}`}>
            {t(`part.needStatus.${s}` as never)}
          </Tag>
        ) : (
          <span data-testid={`need-status-${n.id}`}>
            <Tag color={STATUS_COLOR[s]}>{t(`part.needStatus.${s}` as never)}</Tag>
            {n.pledgedByMe && view === 'board' && <Tag>{t('part.portal.mine')}</Tag>}
          </span>
        ),
    },
    ...(officer
      ? []
      : [{ title: t('part.col.published'), dataIndex: 'publishedAt', render: (d: string) => chinaDay(d) }]),
    { title: t('part.col.actions'), render: (_: unknown, n) => actions(n) },
  ];
  return (
    <Table<N>
      {...COMPACT_TABLE}
      loading={loading}
      dataSource={items}
      columns={columns}
      pagination={pagination}
      data-testid={testId}
    />
  );
}
