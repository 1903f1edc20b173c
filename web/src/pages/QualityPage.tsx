import { Alert, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import {
  useQualityChecks,
  useQualityFindings,
  useQualitySummary,
  type QualityCheck,
  type QualityFinding,
  type QualitySummary,
} from '../api/quality';
import { ErrorResult } from '../components/ErrorResult';
import { FindingReviewBar, ReviewTag } from '../components/batch/FindingReviewBar';
import { JobPanel } from '../components/jobs/JobPanel';
import { PageHeader } from '../components/PageHeader';
import { FindingGuidance } from '../components/guidance/FindingGuidance';
import { RegionBreadcrumb } from '../components/RegionBreadcrumb';
import { useLang } from '../i18n';
import { useFormat } from '../i18n/format';

const SEVERITY_COLOR = { high: 'red', medium: 'orange', low: 'blue' } as const;
const PAGE_SIZE = 20;

/** A value of a finding or statistic in words: numbers without exponents, codes by their labels. */
function useValueText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tr = t as unknown as (key: string, o?: Record<string, unknown>) => string;
  const one = (k: string, v: unknown): string => {
    if (typeof v === 'number') {
      if (k === 'p' && v < 0.0001) return t('quality.pBelow');
      return Math.abs(v) < 0.0001 && v !== 0 ? v.toFixed(6) : fmt.number(v, 4);
    }
    if (typeof v === 'boolean' || (typeof v === 'string' && /^[a-z_]+$/.test(v)))
      return tr(`quality.valueCodes.${String(v)}`, { defaultValue: String(v) });
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map((x) => one(k, x)).join('、');
    if (v && typeof v === 'object')
      return Object.entries(v as Record<string, unknown>)
        .map(([kk, vv]) => `${tr(`quality.valueKeys.${kk}`, { defaultValue: kk })} ${one(kk, vv)}`)
        .join('，');
    return '—';
  };
  return (k: string, v: unknown) => ({
    label: tr(`quality.valueKeys.${k}`, { defaultValue: k }),
    value: one(k, v),
  });
}

/** Values of a finding or statistic as short "name: value" tags, named in the page's language. */
function Values({ values }: { values: Record<string, unknown> | null }) {
  const text = useValueText();
  if (!values) return null;
  return (
    <Flex wrap gap={4}>
      {Object.entries(values).map(([k, v]) => {
        const { label, value } = text(k, v);
        return (
          <Tag key={k} style={{ marginInlineEnd: 0, whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
            {label}：{value}
          </Tag>
        );
      })}
    </Flex>
  );
}

/** `/quality?region&check&page`: the check catalogue with counts, sub-regions, and the drill-down. */
export default function QualityPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const fmt = useFormat();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? user.scope.code;
  const check = params.get('check') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const checks = useQualityChecks();
  const summary = useQualitySummary(region);
  const findings = useQualityFindings({ region, check, page, pageSize: PAGE_SIZE });
  const [selected, setSelected] = useState<string[]>([]);
  const mayRun = user.permissions.runQualityChecks;
  const text = (x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    setParams(next);
  };

  if (summary.isError && !summary.data)
    return <ErrorResult error={summary.error} onRetry={() => void summary.refetch()} />;
  const counts = new Map((summary.data?.checks ?? []).map((c) => [c.id, c]));
  const titleOf = new Map((checks.data?.items ?? []).map((c) => [c.id, text(c.title)]));

  const catalogueColumns: TableColumnsType<QualityCheck> = [
    {
      title: t('quality.check'),
      key: 'check',
      render: (_, c) => (
        <div style={{ minWidth: 160 }}>
          <Typography.Text strong>{text(c.title)}</Typography.Text>{' '}
          <Tag color={SEVERITY_COLOR[c.severity]}>{t(`quality.severity.${c.severity}`)}</Tag>
          <Tag>{t(`quality.kind.${c.kind}`)}</Tag>
          <div>
            <Typography.Text type="secondary">{text(c.description)}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('quality.statistic'),
      key: 'statistic',
      responsive: ['md'],
      render: (_, c) => (
        <div style={{ minWidth: 140 }}>
          <div>{text(c.statistic)}</div>
          <Typography.Text type="secondary">
            {t('quality.fix')}: {text(c.fix)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('quality.findings'),
      key: 'findings',
      align: 'right',
      render: (_, c) => {
        const n = counts.get(c.id);
        return (
          <div>
            <Typography.Text strong type={n && n.findings > 0 ? 'danger' : undefined}>
              {fmt.number(n?.findings ?? 0)}
            </Typography.Text>
            {n?.tested ? (
              <div>
                <Typography.Text type="secondary">{t('quality.tested', { n: n.tested })}</Typography.Text>
              </div>
            ) : null}
          </div>
        );
      },
    },
  ];

  const childColumns: TableColumnsType<QualitySummary['children'][number]> = [
    {
      title: t('quality.region'),
      dataIndex: 'name',
      render: (name: string, r) =>
        r.code.length < 12 ? (
          <Link to={`/quality?region=${r.code}${check ? `&check=${check}` : ''}`}>{name}</Link>
        ) : (
          name
        ),
    },
    {
      title: t('quality.total'),
      key: 'total',
      align: 'right',
      render: (_, r) => fmt.number(Object.values(r.counts).reduce((s, n) => s + n, 0)),
    },
    {
      title: t('quality.findings'),
      key: 'counts',
      render: (_, r) => (
        <Flex wrap gap={4}>
          {Object.entries(r.counts).map(([id, n]) => (
            <Tag key={id} color={id === check ? 'processing' : undefined} style={{ whiteSpace: 'normal' }}>
              {titleOf.get(id) ?? id}: {n}
            </Tag>
          ))}
        </Flex>
      ),
    },
  ];

  const findingColumns: TableColumnsType<QualityFinding> = [
    {
      title: t('quality.household'),
      key: 'household',
      render: (_, f) =>
        f.householdId ? (
          <Link to={`/households/${f.householdId}`}>
            {f.householdNo} {f.headName}
          </Link>
        ) : (
          (f.subject ?? '—')
        ),
    },
    { title: t('quality.region'), key: 'region', render: (_, f) => f.regionName ?? f.regionCode },
    { title: t('quality.detail'), key: 'detail', render: (_, f) => <Values values={f.detail} /> },
    {
      title: t('quality.groupStatistic'),
      key: 'statistic',
      responsive: ['md'],
      render: (_, f) => <Values values={f.statistic} />,
    },
    { title: t('batch.review.column'), key: 'review', render: (_, f) => <ReviewTag review={f.review} /> },
  ];

  const r = summary.data?.run;
  return (
    <>
      <PageHeader title={t('quality.title')} subtitle={t('quality.subtitle')} />
      <RegionBreadcrumb code={region} to={(code) => `/quality?region=${code}`} />
      {mayRun && (
        <div style={{ marginTop: 12 }}>
          <JobPanel kind="quality" region={region} mayStart stepTitle={(id) => titleOf.get(id) ?? id} />
        </div>
      )}
      <div style={{ margin: '12px 0' }}>
        {r ? (
          <Alert
            type="info"
            showIcon
            title={t('quality.lastRun', {
              at: fmt.dateTime(r.finishedAt ?? r.startedAt),
              actor: r.actorName,
              trigger: t(`quality.trigger.${r.trigger as 'manual' | 'schedule' | 'cli'}`),
              findings: fmt.number(r.findings),
            })}
          />
        ) : (
          summary.data && <Alert type="warning" showIcon title={t('quality.noRun')} />
        )}
      </div>
      <Card title={t('quality.catalogue')} size="small" style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="small"
          loading={checks.isLoading}
          dataSource={checks.data?.items ?? []}
          columns={catalogueColumns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(c) => (c.id === check ? 'ant-table-row-selected' : '')}
          onRow={(c) => ({
            onClick: () => set({ check: c.id, page: undefined }),
            style: { cursor: 'pointer' },
          })}
        />
      </Card>
      {(summary.data?.children.length ?? 0) > 0 && (
        <Card title={t('quality.regions')} size="small" style={{ marginBottom: 16 }}>
          <Table
            rowKey="code"
            size="small"
            dataSource={summary.data?.children}
            columns={childColumns}
            pagination={false}
          />
        </Card>
      )}
      <Card
        title={
          check
            ? t('quality.drill', { check: titleOf.get(check) ?? check })
            : t('quality.drill', { check: '' })
        }
        size="small"
      >
        {!check ? (
          <Typography.Text type="secondary">{t('quality.chooseCheck')}</Typography.Text>
        ) : (
          <>
            {checks.data && (
              <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
                <Descriptions.Item label={t('quality.statistic')}>
                  {text(checks.data.items.find((c) => c.id === check)?.statistic ?? { zh: '', en: '' })}
                </Descriptions.Item>
              </Descriptions>
            )}
            <FindingGuidance checkId={check} />
            {mayRun && <FindingReviewBar selected={selected} onDone={() => setSelected([])} />}
            <Table
              rowKey="id"
              size="small"
              rowSelection={
                mayRun
                  ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }
                  : undefined
              }
              loading={findings.isFetching}
              dataSource={findings.data?.items ?? []}
              columns={findingColumns}
              locale={{ emptyText: t('quality.none') }}
              scroll={{ x: 'max-content' }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: findings.data?.total ?? 0,
                showSizeChanger: false,
                onChange: (p) => set({ page: String(p) }),
              }}
            />
          </>
        )}
      </Card>
    </>
  );
}
