import { useTranslation } from 'react-i18next';
import { useSupervision, type Supervision } from '../../api/printing';

/**
 * The supervision lines every public notice prints: the county's 监督举报电话 (the policy parameter,
 * or the government service hotline 12345 with the words saying the county has set none) and 12317.
 */
export function SupervisionLines({ s }: { s: Supervision }) {
  const { t } = useTranslation();
  return (
    <p data-testid="notice-supervision">
      {t(s.county.isDefault ? 'print.hotlineDefault' : 'print.hotline', { phone: s.county.phone })}
      <br />
      {t('print.national', { phone: s.national })}
    </p>
  );
}

/** The supervision lines of a region's notice, fetched; nothing until they arrive. */
export function SupervisionBlock({ region }: { region: string }) {
  const s = useSupervision(region);
  return s.data ? <SupervisionLines s={s.data} /> : null;
}
