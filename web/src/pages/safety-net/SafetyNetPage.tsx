import { Result, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../../api/auth';
import { PageHeader } from '../../components/PageHeader';
import { PaymentsTab } from './PaymentsTab';
import { ReviewsTab, RollsTab } from './RollsTab';
import { TemporaryTab } from './TemporaryTab';

const TABS = ['reviews', 'rolls', 'temporary', 'payments'] as const;
type Tab = (typeof TABS)[number];

/** Civil affairs' desk: `/safety-net?tab=reviews|rolls|temporary|payments` (cases: /cases?kind=dibao|tekun). */
export default function SafetyNetPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'reviews';
  if (!user.permissions.runSafetyNet) return <Result status="403" subTitle={t('safetyNet.noRight')} />;
  const body: Record<Tab, React.ReactNode> = {
    reviews: <ReviewsTab />,
    rolls: <RollsTab />,
    temporary: <TemporaryTab />,
    payments: <PaymentsTab />,
  };
  return (
    <div data-testid="safety-net-page">
      <PageHeader title={t('safetyNet.title')} subtitle={t('safetyNet.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        destroyOnHidden
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`sn-tab-${k}`}>{t(`safetyNet.tabs.${k}`)}</span>,
          children: body[k],
        }))}
      />
    </div>
  );
}
