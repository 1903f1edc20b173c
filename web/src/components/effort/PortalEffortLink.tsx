import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The portal home's way to the household's commitments and points (/portal/effort). */
export function PortalEffortLink() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('effort.portal.title')} style={{ marginTop: 12 }}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('effort.portal.entryHint')}</Typography.Paragraph>
      <Link to="/portal/effort" data-testid="portal-effort-link">
        {t('effort.portal.entry')}
      </Link>
    </Card>
  );
}
