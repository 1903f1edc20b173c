import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { NextStep } from '../../api/inbox';
import { useHouseholdNext } from '../../api/inbox';
import { useLang } from '../../i18n';

/** One household's steps as links (compact on 我的帮扶户, a card on the household page). */
export function NextStepLinks({ steps, compact }: { steps: readonly NextStep[]; compact?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (steps.length === 0)
    return compact ? null : <Typography.Text type="secondary">{t('inbox.next.none')}</Typography.Text>;
  const shown = compact ? steps.slice(0, 3) : steps;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="next-steps">
      {shown.map((s, i) => (
        <li key={i} style={{ fontSize: compact ? 12 : undefined }}>
          <Link to={s.link} data-testid={`next-step-${s.kind}`}>
            {lang === 'en' ? s.title_en : s.title_zh}
          </Link>
        </li>
      ))}
      {compact && steps.length > shown.length && <li style={{ fontSize: 12 }}>…</li>}
    </ol>
  );
}

/** The household page's card "what to do next". */
export function HouseholdNextSteps({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const next = useHouseholdNext(householdId);
  return (
    <Card
      size="small"
      title={t('inbox.next.title')}
      style={{ marginBottom: 16 }}
      data-testid="household-next"
    >
      {next.isLoading ? (
        <Typography.Text type="secondary">{t('inbox.next.loading')}</Typography.Text>
      ) : (
        <List>
          <NextStepLinks steps={next.data?.steps ?? []} />
        </List>
      )}
    </Card>
  );
}
