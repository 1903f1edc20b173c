import { Alert, Button, Flex, Select, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../api/client';
import { useOpenCase } from '../api/cases';
import { useWorklist, type WorklistFilters, type WorklistItem } from '../api/worklists';
import { useFormat } from '../i18n/format';
import { useCaseLabels } from '../components/cases/labels';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { ReasonList } from '../components/rules/ReasonList';
import { StatusTag } from '../components/StatusTag';
import { useIsMobile } from '../components/responsive';
import { HouseholdLink } from '../components/household/HouseholdLink';
import { JobPanel } from '../components/jobs/JobPanel';
import { useUser } from '../api/auth';

function filtersFrom(p: URLSearchParams): WorklistFilters {
  const page = Number(p.get('page'));
  return {
    region: p.get('region') ?? undefined,
    rule: p.get('rule') ?? undefined,
    decision: p.get('decision') ?? undefined,
    open: p.get('open') === 'true' ? true : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: 20,
  };
}

function toParams(f: WorklistFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f))
    if (v !== undefined && v !== '' && !(k === 'page' && v === 1) && k !== 'pageSize') p.set(k, String(v));
  return p;
}

/** Worklists of the latest batch evaluation: `/worklists?rule&decision&open&region&page`; a case opens in one click. */
export default function WorklistPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useCaseLabels();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const list = useWorklist(filters);
  const open = useOpenCase();
  const user = useUser();
  const mayRun = user.permissions.runBatchEvaluation === true;
  const update = (patch: Partial<WorklistFilters>) => setParams(toParams({ ...filters, page: 1, ...patch }));
  if (list.isError && !list.data)
    return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data;

  const openCase = (w: WorklistItem) =>
    w.caseKind &&
    open.mutate(
      { kind: w.caseKind, householdId: w.householdId, data: { worklistItemId: w.id, channel: 'worklist' } },
      {
        onSuccess: (c) => void navigate(`/cases/${c.id}`),
        onError: (e) => {
          const caseId = isApiError(e) ? (e.details as { caseId?: string } | undefined)?.caseId : undefined;
          if (caseId) void navigate(`/cases/${caseId}`);
        },
      },
    );

  const columns: TableColumnsType<WorklistItem> = [
    {
      title: t('cases.household'),
      key: 'household',
      render: (_: unknown, w) => (
        <HouseholdLink householdId={w.householdId} headName={w.headName} householdNo={w.householdNo} />
      ),
    },
    ...(mobile ? [] : [{ title: t('cases.village'), dataIndex: 'villageName' }]),
    {
      title: t('households.status'),
      dataIndex: 'householdStatus',
      render: (s: string) => <StatusTag status={s} />,
    },
    { title: t('worklist.rule'), dataIndex: 'rule', render: (r: string) => labels.rule(r) },
    {
      title: t('worklist.decision'),
      dataIndex: 'decision',
      render: (d: string) => <Tag color="blue">{labels.decision(d)}</Tag>,
    },
    {
      title: '',
      key: 'case',
      render: (_: unknown, w) =>
        w.caseId ? (
          <Link to={`/cases/${w.caseId}`} data-testid={`worklist-case-${w.id}`}>
            {t('worklist.viewCase')} {w.caseState ? `· ${labels.state(w.caseState)}` : ''}
          </Link>
        ) : w.caseKind ? (
          <Button
            size="small"
            type="primary"
            loading={open.isPending && open.variables?.data?.worklistItemId === w.id}
            onClick={() => openCase(w)}
            data-testid={`worklist-open-${w.id}`}
          >
            {t('worklist.openCase')}（{labels.kind(w.caseKind)}）
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid="worklist-page">
      <PageHeader
        title={t('worklist.title')}
        subtitle={
          data?.run
            ? t('worklist.run', {
                year: data.run.year,
                households: fmt.number(data.run.households),
                items: fmt.number(data.run.items),
                at: fmt.dateTime(data.run.finishedAt),
              })
            : undefined
        }
      />
      {(mayRun || data?.run) && (
        <JobPanel
          kind="evaluation"
          region={filters.region ?? user.scope.code}
          mayStart={mayRun}
          defaultYear={data?.run?.year}
        />
      )}
      {data && !data.run && (
        <Alert
          type="info"
          showIcon
          title={t(mayRun ? 'batch.job.noRun' : 'batch.job.noRunReadOnly')}
          data-testid="worklist-no-run"
        />
      )}
      {open.isError && !(isApiError(open.error) && open.error.status === 409) && (
        <Alert type="error" showIcon title={errorMessage(open.error)} style={{ marginBottom: 12 }} />
      )}
      {data?.run && (
        <Flex wrap gap={6} style={{ marginBottom: 12 }} data-testid="worklist-counts">
          {data.counts.map((c) => (
            <Tag.CheckableTag
              key={`${c.rule}/${c.decision}`}
              checked={filters.rule === c.rule && filters.decision === c.decision}
              onChange={(on) =>
                update(on ? { rule: c.rule, decision: c.decision } : { rule: undefined, decision: undefined })
              }
            >
              {labels.rule(c.rule)} · {labels.decision(c.decision)}：{fmt.number(c.n)}
            </Tag.CheckableTag>
          ))}
        </Flex>
      )}
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('worklist.rule')}
          style={{ width: mobile ? '100%' : 200 }}
          value={filters.rule}
          onChange={(rule?: string) => update({ rule, decision: undefined })}
          options={[...new Set((data?.counts ?? []).map((c) => c.rule))].map((r) => ({
            value: r,
            label: labels.rule(r),
          }))}
          data-testid="worklist-filter-rule"
        />
        <span>
          <Switch
            checked={filters.open === true}
            onChange={(on) => update({ open: on ? true : undefined })}
          />{' '}
          {t('worklist.onlyOpen')}
        </span>
      </Flex>
      <Table<WorklistItem>
        rowKey="id"
        size={mobile ? 'small' : 'middle'}
        loading={list.isFetching}
        dataSource={data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (w) => <ReasonList reasons={w.reasons} /> }}
        onRow={(w) => ({ 'data-testid': `worklist-row-${w.id}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page) => setParams(toParams({ ...filters, page })),
        }}
      />
    </div>
  );
}
