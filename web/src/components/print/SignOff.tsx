import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';

/** Styles of the official form's sign-off lines (part of each print sheet's CSS). */
export const SIGN_OFF_CSS = `
.sign-off { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 12px 24px; margin-top: 28px; }
.sign-off .blank { display: inline-block; min-width: 8em; border-bottom: 1px solid #000; }
`;

/**
 * The sign-off lines of an official form (填报单位（盖章）, 负责人, 填表人, 填报日期): the unit and the
 * person in charge left blank for the seal and the signature, the preparer and the date (China time,
 * through the one formatter) filled in.
 */
export function SignOff({ preparer, date }: { preparer: string; date: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const colon = useLang() === 'en' ? ': ' : '：';
  return (
    <div className="sign-off" data-testid="sign-off">
      <span>
        {t('print.unit')}
        {colon}
        <span className="blank" />
      </span>
      <span>
        {t('print.head')}
        {colon}
        <span className="blank" />
      </span>
      <span>
        {t('print.preparer')}
        {colon}
        <span translate="no">{preparer}</span>
      </span>
      <span>
        {t('print.date')}
        {colon}
        {fmt.date(date)}
      </span>
    </div>
  );
}
