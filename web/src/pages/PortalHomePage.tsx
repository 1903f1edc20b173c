import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { isUnauthenticated } from '../api/client';
import { usePortalLogout, usePortalMe } from '../api/portal';
import { ErrorResult } from '../components/ErrorResult';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { FullPageSpin } from '../components/RequireAuth';
import { DifficultyCard } from '../components/portal/DifficultyCard';
import { PortalGrievancesCard } from '../components/portal/PortalGrievancesCard';
import { PortalDecisionsCard } from '../components/portal/PortalDecisionsCard';
import { PortalNeedsCard } from '../components/portal/PortalNeedsCard';
import { PortalPlanCard } from '../components/portal/PortalPlanCard';
import { PortalRatingCard } from '../components/portal/PortalRatingCard';
import { PortalEffortLink } from '../components/effort/PortalEffortLink';
import { wrapText } from '../components/portal/wrapText';
import { useLang } from '../i18n';

/** /portal: the household's own page, one column for a phone: record, plan, help, needs, difficulties, grievances. */
export default function PortalHomePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const me = usePortalMe();
  const logout = usePortalLogout();

  if (me.isLoading) return <FullPageSpin />;
  if (me.error)
    return isUnauthenticated(me.error) || (me.error as { status?: number }).status === 403 ? (
      <Navigate to="/portal/login" replace />
    ) : (
      <ErrorResult error={me.error} />
    );
  const { card, year } = me.data!;

  return (
    <div style={{ maxWidth: 600, margin: '0 auto', padding: 12, ...wrapText }} data-testid="portal-home">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('portal.title')}
        </Typography.Title>
        <Space>
          <LanguageSwitch />
          <Button
            size="small"
            onClick={() => logout.mutate(undefined, { onSuccess: () => navigate('/portal/login') })}
          >
            {t('portal.signOut')}
          </Button>
        </Space>
      </div>

      <Card size="small" title={t('portal.myHousehold')} style={{ marginTop: 12 }}>
        <Typography.Text strong data-testid="portal-household-no-shown">
          {card.householdNo}
        </Typography.Text>
        <div>{me.data!.village.path}</div>
        <List
          size="small"
          header={t('portal.members')}
          dataSource={card.members}
          renderItem={(m) => (
            <List.Item>
              <div>
                {m.name} · {t('portal.age', { age: m.age })}
                <div style={{ color: '#888' }}>
                  {t('portal.idNumber')} {m.idNumber}
                </div>
              </div>
            </List.Item>
          )}
        />
      </Card>

      <PortalPlanCard card={card} year={year} />
      <PortalEffortLink />

      <Card size="small" title={t('portal.policies')} style={{ marginTop: 12 }}>
        {card.policies.length === 0 ? (
          <Empty />
        ) : (
          card.policies.map((p) => (
            <Tag key={p.code} style={{ marginBottom: 4 }}>
              {lang === 'en' ? p.en : p.zh}
            </Tag>
          ))
        )}
      </Card>

      <PortalDecisionsCard />

      <Card size="small" title={t('portal.cadre')} style={{ marginTop: 12 }}>
        {card.cadres.length === 0
          ? t('portal.noCadre')
          : card.cadres.map((c) => (
              <div key={c.name}>
                {c.name} · {c.workUnit}{' '}
                {c.phone && (
                  <a href={`tel:${c.phone}`}>
                    {t('portal.call')} {c.phone}
                  </a>
                )}
              </div>
            ))}
      </Card>

      <PortalNeedsCard />
      <PortalRatingCard me={me.data!} />
      <DifficultyCard />
      <PortalGrievancesCard />
    </div>
  );
}
