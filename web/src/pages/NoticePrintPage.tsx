import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useNotice } from '../api/cases';
import { useLang } from '../i18n';
import { useFormat } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { LinkButton } from '../components/LinkButton';
import { FullPageSpin } from '../components/RequireAuth';
import { SupervisionBlock } from '../components/print/SupervisionLines';

const PRINT_CSS = `
@media print { .no-print { display: none !important; } body { background: #fff; } }
.notice-sheet { max-width: 780px; margin: 24px auto; padding: 40px 48px; background: #fff; color: #000;
  font-size: 16px; line-height: 1.8; box-shadow: 0 0 8px rgba(0,0,0,0.08); }
.notice-sheet table { width: 100%; border-collapse: collapse; margin: 16px 0; }
.notice-sheet th, .notice-sheet td { border: 1px solid #000; padding: 6px 8px; text-align: left; }
@media (max-width: 600px) { .notice-sheet { padding: 16px; margin: 0; } }
`;

/**
 * The printable public notice of a case (`/cases/:id/notice`, also `/notices/:id`): village, names,
 * household numbers, the proposed decision, the period, where to object and the supervision lines
 * (the county's 监督举报电话 and 12317). Built only from the notice API, which carries no ID number,
 * phone, bank account or health. A whole village's or township's round: BatchNoticePrintPage.
 */
export default function NoticePrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const fmt = useFormat();
  const notice = useNotice(id);
  if (notice.isError) return <ErrorResult error={notice.error} />;
  if (!notice.data) return <FullPageSpin />;
  const n = notice.data;
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', padding: 1 }}>
      <style>{PRINT_CSS}</style>
      <Flex className="no-print" gap={8} justify="center" style={{ marginTop: 16 }}>
        <LinkButton to={`/cases/${n.caseId}`} icon={<ArrowLeftOutlined />}>
          {t('notice.back')}
        </LinkButton>
        <LinkButton
          to={`/notices/batch?region=${n.place.villageCode}&kind=${n.kind}`}
          data-testid="notice-batch-link"
        >
          {t('print.batch.open')}
        </LinkButton>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="notice-print"
        >
          {t('notice.print')}
        </Button>
      </Flex>
      <div className="notice-sheet" data-testid="notice-page">
        <Typography.Title level={2} style={{ textAlign: 'center' }} data-testid="notice-title">
          {n.place.village}
          {n.title[lang]}
        </Typography.Title>
        <p>
          {t('notice.proposed')}：<span data-testid="notice-decision">{n.decision[lang]}</span>
        </p>
        <table data-testid="notice-households">
          <thead>
            <tr>
              <th>{t('notice.householdNo')}</th>
              <th>{t('notice.headName')}</th>
              <th>{t('notice.size')}</th>
              <th>{t('notice.members')}</th>
            </tr>
          </thead>
          <tbody>
            {n.households.map((h) => (
              <tr key={h.householdNo}>
                <td>{h.householdNo}</td>
                <td>{h.headName}</td>
                <td>{h.size}</td>
                <td>{h.memberNames.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-testid="notice-period">
          {t('notice.period', {
            start: fmt.date(n.period.start),
            end: fmt.date(n.period.end),
            days: n.period.days,
          })}
        </p>
        <p data-testid="notice-objection">{n.objection[lang]}</p>
        <SupervisionBlock region={n.place.villageCode} />
        <p style={{ textAlign: 'right', marginTop: 48 }}>
          {n.issuer[lang]}
          <br />
          {fmt.date(n.period.start)}
        </p>
      </div>
    </div>
  );
}
