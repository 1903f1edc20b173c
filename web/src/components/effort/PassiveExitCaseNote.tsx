import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePassiveExit, type PassiveExitFlag } from '../../api/effort';
import { useLang } from '../../i18n';

/** The exit procedure's deciding step: announced → closed (销号), docs/effort.md. */
const DECISION_STATE = 'announced';

type Flag = Pick<PassiveExitFlag, 'year' | 'passive' | 'perCapita' | 'perCapitaWithoutTransfers' | 'line'> & {
  reasons: { label_zh: string; label_en: string }[];
};

/**
 * On an exit case: before the decision, the household's passive-exit flag for the deciding level to
 * check; after it, the flag recorded with the decision (case data `passiveExit`).
 */
export function PassiveExitCaseNote({
  c,
}: {
  c: { kind: string; state: string; household: { id: string }; data: Record<string, unknown> };
}) {
  const recorded = (c.data.passiveExit ?? null) as Flag | null;
  const atDecision = c.kind === 'exit' && c.state === DECISION_STATE && !recorded;
  const live = usePassiveExit(c.household.id, atDecision);
  if (c.kind !== 'exit') return null;
  if (recorded) return <FlagAlert flag={recorded} recorded />;
  if (atDecision && live.data) return <FlagAlert flag={live.data} recorded={false} />;
  return null;
}

function FlagAlert({ flag, recorded }: { flag: Flag; recorded: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const reasons = flag.reasons.map((r) => (lang === 'en' ? r.label_en : r.label_zh)).join('; ');
  return (
    <Alert
      style={{ marginTop: 12 }}
      type={flag.passive ? 'warning' : 'info'}
      showIcon
      data-testid="case-passive-exit"
      data-passive={flag.passive}
      title={`${t('effort.caseFlag.title', { year: flag.year })}：${
        flag.passive ? t('effort.caseFlag.passive') : t('effort.caseFlag.notPassive')
      }`}
      description={
        <>
          <div>
            {recorded ? t('effort.caseFlag.recorded') : t('effort.caseFlag.pending')}
            {reasons}
          </div>
          <div>
            {t('effort.caseFlag.figures', {
              perCapita: flag.perCapita,
              without: flag.perCapitaWithoutTransfers,
              line: flag.line,
            })}
          </div>
        </>
      }
    />
  );
}
