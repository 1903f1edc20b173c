import { Button, Card, Flex, Select, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import {
  LIST_KINDS,
  useFlags,
  useMatchingSummary,
  useMatchLabel,
  type FlagFilters,
  type FlagStatus,
  type MatchType,
} from '../api/matching';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { RegionBreadcrumb } from '../components/RegionBreadcrumb';
import { RegionSearchSelect } from '../components/RegionSearchSelect';
import { DepartmentListsTable } from '../components/matching/DepartmentListsTable';
import { FlagSummary } from '../components/matching/FlagSummary';
import { FlagTable } from '../components/matching/FlagTable';
import { UploadListForm } from '../components/matching/UploadListForm';
import { useIsMobile } from '../components/responsive';

const STATUSES: readonly FlagStatus[] = ['pending', 'confirmed', 'dismissed'];
const MATCH_TYPES: readonly MatchType[] = ['exact_id', 'fuzzy_name_birth'];
const PAGE_SIZES = [20, 50, 100];

function positive(v: string | null, fallback: number) {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Filters in the query string; the queue shows pending flags unless asked otherwise. */
function filtersFrom(p: URLSearchParams): FlagFilters {
  const status = p.get('status');
  const pageSize = positive(p.get('pageSize'), 20);
  return {
    region: p.get('region') || undefined,
    status: status === 'all' ? undefined : (STATUSES.find((s) => s === status) ?? 'pending'),
    kind: LIST_KINDS.find((k) => k === p.get('kind')),
    matchType: MATCH_TYPES.find((m) => m === p.get('matchType')),
    listId: p.get('listId') || undefined,
    page: positive(p.get('page'), 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

/** 比对核查: `/matching?tab&region&status&kind&matchType&listId&page&pageSize`. */
export default function MatchingPage() {
  const { t } = useTranslation();
  const user = useUser();
  const mobile = useIsMobile();
  const label = useMatchLabel();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const tab = params.get('tab') === 'imports' ? 'imports' : 'queue';
  const flags = useFlags(filters);
  const summary = useMatchingSummary(filters.region);
  const canReview = user.permissions.reviewMatches;

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const queue = (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center">
        <Select
          style={{ width: mobile ? '100%' : 140 }}
          value={filters.status ?? 'all'}
          onChange={(v: string) => set({ status: v === 'pending' ? undefined : v })}
          data-testid="filter-status"
          options={[
            { value: 'all', label: t('common.all') },
            ...STATUSES.map((s) => ({ value: s, label: label('match_status', s) })),
          ]}
        />
        <Select
          allowClear
          style={{ width: mobile ? '100%' : 160 }}
          placeholder={t('matching.listKind')}
          value={filters.kind}
          onChange={(v?: string) => set({ kind: v })}
          data-testid="filter-kind"
          options={LIST_KINDS.map((k) => ({ value: k, label: label('match_list_kind', k) }))}
        />
        <Select
          allowClear
          style={{ width: mobile ? '100%' : 200 }}
          placeholder={t('matching.matchType')}
          value={filters.matchType}
          onChange={(v?: string) => set({ matchType: v })}
          options={MATCH_TYPES.map((m) => ({ value: m, label: label('match_type', m) }))}
        />
        <RegionSearchSelect
          onPick={(r) => set({ region: r.code })}
          style={{ width: mobile ? '100%' : 240 }}
        />
        {filters.listId && (
          <Tag closable onClose={() => set({ listId: undefined })}>
            {t('matching.imports')} #{filters.listId}
          </Tag>
        )}
      </Flex>
      {flags.isError ? (
        <ErrorResult error={flags.error} subject="region" onRetry={() => void flags.refetch()} />
      ) : (
        <FlagTable
          flags={flags.data?.items ?? []}
          loading={flags.isFetching}
          canReview={canReview}
          mobile={mobile}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: flags.data?.total ?? 0,
            onChange: (page, pageSize) => set({ page: String(page), pageSize: String(pageSize) }),
          }}
        />
      )}
    </Flex>
  );

  const imports = (
    <Flex vertical gap={16}>
      {canReview && (
        <Card size="small" title={t('matching.upload')}>
          <UploadListForm />
        </Card>
      )}
      <DepartmentListsTable onPick={(listId) => set({ tab: undefined, listId, status: 'all' })} />
    </Flex>
  );

  return (
    <div data-testid="matching-page">
      <PageHeader title={t('matching.title')} subtitle={t('matching.subtitle')} />
      <Flex wrap align="center" gap={8} style={{ marginBottom: 12 }}>
        <RegionBreadcrumb code={filters.region ?? ''} to={(code) => `/matching?region=${code}`} />
        {filters.region && (
          <Button size="small" onClick={() => set({ region: undefined })}>
            {t('households.clearRegion')}
          </Button>
        )}
      </Flex>
      <Card size="small" title={t('matching.summary')} style={{ marginBottom: 16 }}>
        {(summary.data?.items.length ?? 0) === 0 && !summary.isFetching ? (
          <Typography.Text type="secondary">{t('matching.noFlags')}</Typography.Text>
        ) : (
          <FlagSummary
            items={summary.data?.items ?? []}
            loading={summary.isFetching}
            onPick={(kind) => set({ tab: undefined, kind })}
          />
        )}
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'queue' ? undefined : k })}
        items={[
          {
            key: 'queue',
            label: <span data-testid="tab-queue">{t('matching.queue')}</span>,
            children: queue,
          },
          {
            key: 'imports',
            label: <span data-testid="tab-imports">{t('matching.imports')}</span>,
            children: imports,
          },
        ]}
      />
    </div>
  );
}
