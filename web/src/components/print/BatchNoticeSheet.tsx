import { useTranslation } from 'react-i18next';
import type { BatchRound, Supervision } from '../../api/printing';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { SupervisionLines } from './SupervisionLines';

export const NOTICE_CSS = `
@media print { .no-print { display: none !important; } body { background: #fff; } .notice-sheet { box-shadow: none; break-after: page; } }
.notice-sheet { max-width: 880px; margin: 24px auto; padding: 40px 48px; background: #fff; color: #000;
  font-size: 16px; line-height: 1.8; box-shadow: 0 0 8px rgba(0,0,0,0.08); }
.notice-sheet h2 { text-align: center; font-size: 26px; }
.notice-sheet table { width: 100%; border-collapse: collapse; margin: 16px 0; }
.notice-sheet th, .notice-sheet td { border: 1px solid #000; padding: 6px 8px; text-align: left; }
@media (max-width: 600px) { .notice-sheet { padding: 16px; margin: 0; overflow-x: auto; } }
`;

/**
 * One batch public notice: every household of one round (a stage of one kind, one issuer) on one
 * sheet — the place, the proposed decision, the households (with their village on a township's notice
 * and their own period when the cases entered the stage on different days), the period, where to
 * object, the supervision lines, the issuer and the date.
 */
export function BatchNoticeSheet({ round, supervision }: { round: BatchRound; supervision: Supervision }) {
  const { t } = useTranslation();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const fmt = useFormat();
  const villages = new Set(round.households.map((h) => h.village));
  const byTownship = villages.size > 1;
  const colon = lang === 'en' ? ': ' : '：';
  const paren = (s: string) => (lang === 'en' ? ` (${s})` : `（${s}）`);
  return (
    <div className="notice-sheet" data-testid="batch-notice">
      <h2>
        {byTownship ? round.place.township : round.place.village}
        {round.title[lang]}
      </h2>
      <p>
        {t('notice.proposed')}
        {colon}
        {round.decision[lang]}
        {paren(t('print.batch.count', { count: round.households.length }))}
      </p>
      <table data-testid="batch-notice-households">
        <thead>
          <tr>
            <th>{t('safetyNet.notice.no')}</th>
            {byTownship && <th>{t('print.batch.village')}</th>}
            <th>{t('notice.householdNo')}</th>
            <th>{t('notice.headName')}</th>
            <th>{t('notice.size')}</th>
            <th>{t('notice.members')}</th>
            {!round.period.same && <th>{t('print.batch.period')}</th>}
          </tr>
        </thead>
        <tbody>
          {round.households.map((h, i) => (
            <tr key={h.caseId}>
              <td>{i + 1}</td>
              {byTownship && <td>{h.village}</td>}
              <td>{h.householdNo}</td>
              <td>{h.headName}</td>
              <td>{h.size}</td>
              <td>{h.memberNames.join('、')}</td>
              {!round.period.same && (
                <td>
                  {fmt.date(h.start)} – {fmt.date(h.end)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t('print.batch.period')}
        {colon}
        {fmt.date(round.period.start)} – {fmt.date(round.period.end)}
        {!round.period.same && paren(t('print.batch.periodEach'))}
      </p>
      <p>{round.objection[lang]}</p>
      <SupervisionLines s={supervision} />
      <p style={{ textAlign: 'right', marginTop: 48 }}>
        {round.issuer[lang]}
        <br />
        {fmt.date(round.period.start)}
      </p>
    </div>
  );
}
