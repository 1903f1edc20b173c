import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { useMeter } from '../api/burden';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { InspectionsCard } from '../components/burden/InspectionsCard';
import { MeterCard } from '../components/burden/MeterCard';
import { ReportsCard } from '../components/burden/ReportsCard';
import { RequestsCard } from '../components/burden/RequestsCard';
import { thisYearChina } from '../i18n/format';

const YEARS = Array.from({ length: thisYearChina() - 2013 }, (_, i) => thisYearChina() - i);

/** The burden meter: `/burden?region&year` — asked versus derived, standard reports, the registers. */
export default function BurdenPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYearChina();
  const region = params.get('region') ?? user.scope.code;
  const meter = useMeter(region, year);
  const setYear = (y: number) => setParams({ year: String(y), ...(region ? { region } : {}) });
  const mayRegister = user.permissions.keepBurdenRegisters;
  return (
    <>
      <PageHeader
        title={t('burden.title')}
        subtitle={t('burden.subtitle')}
        extra={
          <Select
            value={year}
            onChange={setYear}
            options={YEARS.map((y) => ({ value: y, label: y }))}
            aria-label={t('burden.year')}
            data-testid="burden-year"
          />
        }
      />
      {meter.isError ? (
        <ErrorResult error={meter.error} onRetry={() => void meter.refetch()} />
      ) : (
        <MeterCard meter={meter.data} loading={meter.isLoading} />
      )}
      <ReportsCard region={region} year={year === thisYearChina() ? year - 1 : year} />
      <RequestsCard region={region} year={year} mayRegister={mayRegister} />
      <InspectionsCard region={region} year={year} mayRegister={mayRegister} />
    </>
  );
}
