import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSummary } from '../api/stats';
import { ErrorResult } from '../components/ErrorResult';
import { MeasuresSection } from '../components/measures/MeasuresSection';
import { PageHeader } from '../components/PageHeader';
import { RegionBreadcrumb } from '../components/RegionBreadcrumb';
import { FullPageSpin } from '../components/RequireAuth';

/** Poverty, inequality and MPI measures: `?region=CODE` (default the user's scope), `?year=YYYY`. */
export default function MeasuresPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const y = params.get('year');
  const summary = useSummary(region, y && /^\d{4}$/.test(y) ? Number(y) : undefined);
  const urlOf = (code: string, year?: number) => {
    const next = new URLSearchParams();
    if (code) next.set('region', code);
    if (year) next.set('year', String(year));
    return `/measures?${next.toString()}`;
  };
  if (summary.isError)
    return <ErrorResult error={summary.error} subject="region" onRetry={() => void summary.refetch()} />;
  if (!summary.data) return <FullPageSpin />;
  const s = summary.data;
  return (
    <div data-testid="measures-page">
      <div style={{ marginBottom: 8 }}>
        <RegionBreadcrumb code={region} to={(code) => urlOf(code, s.year)} />
      </div>
      <PageHeader
        title={`${t('measures.title')} · ${s.region.code === '' ? t('region.country') : s.region.name}`}
        subtitle={t('measures.subtitle')}
        extra={
          <Select<number>
            aria-label={t('dashboard.year')}
            value={s.year}
            style={{ width: 110 }}
            options={[...s.years]
              .sort((a, b) => b - a)
              .map((v) => ({ value: v, label: t('common.yearValue', { year: v }) }))}
            onChange={(v) => {
              const next = new URLSearchParams(params);
              next.set('year', String(v));
              setParams(next);
            }}
          />
        }
      />
      <MeasuresSection region={s.region.code} year={s.year} />
    </div>
  );
}
