import { Button, Flex, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorResult } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/RequireAuth';
import { SupervisionBlock } from '../../components/print/SupervisionLines';
import { useFormat } from '../../i18n/format';
import { useRolls, type RollItem } from './api';
import { monthOf, todayIso, useCodeLabel } from './labels';

const PRINT_CSS = `
@media print { .no-print { display: none !important; } body { background: #fff; } }
.notice-sheet { max-width: 880px; margin: 24px auto; padding: 40px 48px; background: #fff; color: #000;
  font-size: 16px; line-height: 1.8; box-shadow: 0 0 8px rgba(0,0,0,0.08); }
.notice-sheet table { width: 100%; border-collapse: collapse; margin: 16px 0; }
.notice-sheet th, .notice-sheet td { border: 1px solid #000; padding: 6px 8px; text-align: left; }
@media (max-width: 600px) { .notice-sheet { padding: 16px; margin: 0; overflow-x: auto; } }
`;

/**
 * The printable public notice of a village's dibao or 特困 roll (长期公示, `/safety-net/notice?region&programme&month`):
 * who is covered, how many persons, the category and the monthly amount, what changed in the month,
 * who ceased. Built only from the roll list API, which carries the head's name and household number —
 * never an ID number, phone, bank account, health or the 特困 care level.
 */
export default function RollNoticePrintPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const [params] = useSearchParams();
  const region = params.get('region') ?? '';
  const programme = params.get('programme') === 'tekun' ? 'tekun' : 'dibao';
  const month = params.get('month') ?? `${todayIso().slice(0, 7)}-01`;
  const rolls = useRolls({ region, programme, page: 1, pageSize: 200 }, region.length === 12);
  if (region.length !== 12) return <ErrorResult error={new Error(t('safetyNet.notice.pickVillage'))} />;
  if (rolls.isError) return <ErrorResult error={rolls.error} />;
  if (!rolls.data) return <FullPageSpin />;
  const items = rolls.data.items;
  const covered = items.filter((r) => r.state !== 'ceased' && r.startMonth <= month);
  const ceased = items.filter(
    (r) => r.state === 'ceased' && (r.ceasedOn ?? '').slice(0, 7) === month.slice(0, 7),
  );
  const village = items[0]?.villageName ?? region;
  const note = (r: RollItem) =>
    [
      r.startMonth.slice(0, 7) === month.slice(0, 7) ? t('safetyNet.notice.new') : '',
      r.state === 'gradual_exit' ? t('safetyNet.state.gradual_exit') : '',
      r.memberId ? t('safetyNet.single') : '',
    ]
      .filter(Boolean)
      .join('、');
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', padding: 1 }}>
      <style>{PRINT_CSS}</style>
      <Flex className="no-print" gap={8} justify="center" style={{ marginTop: 16 }}>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="roll-notice-print"
        >
          {t('notice.print')}
        </Button>
      </Flex>
      <div className="notice-sheet" data-testid="roll-notice">
        <Typography.Title level={2} style={{ textAlign: 'center' }} data-testid="roll-notice-title">
          {t(`safetyNet.notice.title.${programme}`, { village, month: monthOf(month) })}
        </Typography.Title>
        <p>{t(`safetyNet.notice.intro.${programme}`, { count: covered.length })}</p>
        <table data-testid="roll-notice-table">
          <thead>
            <tr>
              <th>{t('safetyNet.notice.no')}</th>
              <th>{t('notice.householdNo')}</th>
              <th>{t('notice.headName')}</th>
              <th>{t('safetyNet.persons')}</th>
              <th>{t('safetyNet.category')}</th>
              <th>{t('safetyNet.monthly')}</th>
              <th>{t('safetyNet.startMonth')}</th>
              <th>{t('safetyNet.entry.note')}</th>
            </tr>
          </thead>
          <tbody>
            {covered.map((r, i) => (
              <tr key={r.id}>
                <td>{i + 1}</td>
                <td>{r.householdNo}</td>
                <td>{r.headName}</td>
                <td>{r.persons}</td>
                <td>{r.category}</td>
                <td>{fmt.money(r.monthlyAmount)}</td>
                <td>{monthOf(r.startMonth)}</td>
                <td>{note(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {ceased.length > 0 && (
          <>
            <p>{t('safetyNet.notice.ceased', { month: monthOf(month) })}</p>
            <table data-testid="roll-notice-ceased">
              <tbody>
                {ceased.map((r) => (
                  <tr key={r.id}>
                    <td>{r.householdNo}</td>
                    <td>{r.headName}</td>
                    <td>{label('safetyNet.cease.reasons', r.cessationReason)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <p>{t('safetyNet.notice.objection')}</p>
        <SupervisionBlock region={region} />
        <p style={{ textAlign: 'right', marginTop: 48 }}>
          {t('safetyNet.notice.issuer')}
          <br />
          {fmt.date(todayIso())}
        </p>
      </div>
    </div>
  );
}
