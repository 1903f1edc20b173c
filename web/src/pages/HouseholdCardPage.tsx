import { useState } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { useCodeLabel } from '../api/codeLists';
import { useCards, type AgreementMethod, type HouseholdCard } from '../api/plans';
import { useLang } from '../i18n';
import { useFormat } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { LinkButton } from '../components/LinkButton';
import { FullPageSpin } from '../components/RequireAuth';
import { CardAccessCode, IssueCardCodes, type CardCodes } from '../components/portal/CardAccessCodes';

const PRINT_CSS = `
@page { size: A4; margin: 10mm; }
@media print {
  .no-print { display: none !important; }
  body, .cards-root { background: #fff !important; }
  .card-sheet { box-shadow: none !important; margin: 0 !important; width: auto !important; min-height: auto !important; }
}
.card-sheet { width: 190mm; max-width: 100%; box-sizing: border-box; margin: 16px auto; padding: 8mm 10mm; background: #fff;
  color: #000; font-size: 12.5px; line-height: 1.5; box-shadow: 0 0 8px rgba(0,0,0,0.08);
  break-after: page; page-break-after: always; break-inside: avoid; }
.card-sheet:last-child { break-after: auto; page-break-after: auto; }
.card-sheet h2 { text-align: center; font-size: 19px; margin: 0 0 6px; }
.card-sheet h3 { font-size: 13.5px; margin: 8px 0 3px; border-left: 3px solid #c00; padding-left: 6px; }
.card-sheet table { width: 100%; border-collapse: collapse; table-layout: fixed; }
.card-sheet th, .card-sheet td { border: 1px solid #000; padding: 2px 4px; text-align: left; overflow-wrap: anywhere; vertical-align: top; }
.card-sheet th { background: #f2f2f2; font-weight: 600; }
.card-sheet .prov { margin-top: 6px; font-size: 9.5px; color: #444; overflow-wrap: anywhere; }
.card-sheet .sign { display: flex; justify-content: space-between; gap: 12px; margin-top: 10px; flex-wrap: wrap; }
@media (max-width: 600px) { .card-sheet { padding: 12px; margin: 0 0 12px; font-size: 12px; } }
`;

/**
 * Household cards 明白卡, one A4 page each: `/households/:id/card?year` or a village's batch
 * `/villages/:code/cards?year` (no app frame). Members masked; the audit chain's head hash at the
 * time the data was read is printed on every card.
 */
export default function HouseholdCardPage({ kind }: { kind: 'household' | 'village' }) {
  const { id = '', code = '' } = useParams();
  const [params] = useSearchParams();
  const year = Number(params.get('year')) || undefined;
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useCards(kind, kind === 'household' ? id : code, year);
  const [codes, setCodes] = useState<CardCodes | null>(null); // portal access codes, this page only
  if (q.isError) return <ErrorResult error={q.error} />;
  if (!q.data) return <FullPageSpin />;
  const d = q.data;
  const back = kind === 'household' ? `/households/${id}` : `/plans?region=${code}`;
  return (
    <div className="cards-root" style={{ background: '#f5f5f5', minHeight: '100vh', padding: 1 }}>
      <style>{PRINT_CSS}</style>
      <Flex className="no-print" gap={8} justify="center" align="center" wrap style={{ marginTop: 16 }}>
        <LinkButton to={back} icon={<ArrowLeftOutlined />}>
          {t('card.back')}
        </LinkButton>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          data-testid="card-print"
        >
          {t('card.print')}
        </Button>
        <Typography.Text data-testid="card-count">
          {d.village.path} · {t('card.count', { n: d.cards.length })}
        </Typography.Text>
        {kind === 'village' && (
          <IssueCardCodes villageCode={code} count={d.cards.length} issued={!!codes} onIssued={setCodes} />
        )}
      </Flex>
      {d.cards.length === 0 && (
        <Typography.Paragraph style={{ textAlign: 'center', marginTop: 24 }}>
          {t('card.empty')}
        </Typography.Paragraph>
      )}
      {d.cards.map((c) => (
        <CardSheet
          key={c.householdId}
          c={c}
          year={d.year}
          village={d.village.path}
          accessCode={codes?.[c.householdId]}
          provenance={t('card.provenance', {
            at: fmt.dateTime(d.generatedAt),
            by: d.generatedBy,
            hash: d.headHash,
          })}
        />
      ))}
    </div>
  );
}

function CardSheet({
  c,
  year,
  village,
  accessCode,
  provenance,
}: {
  c: HouseholdCard;
  year: number;
  village: string;
  accessCode?: string;
  provenance: string;
}) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const fmt = useFormat();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  return (
    <section className="card-sheet" data-testid={`card-${c.householdId}`}>
      <h2>{t('card.title', { year })}</h2>
      <div style={{ textAlign: 'center', marginBottom: 6 }}>{village}</div>
      <table>
        <tbody>
          <tr>
            <th>{t('card.head')}</th>
            <td data-testid="card-head">{c.headName ?? '—'}</td>
            <th>{t('card.householdNo')}</th>
            <td>{c.householdNo}</td>
          </tr>
          <tr>
            <th>{t('card.status')}</th>
            <td>
              {label('household_status', c.status)}
              {c.monitoringCategory ? ` · ${label('monitoring_category', c.monitoringCategory)}` : ''}
            </td>
            <th>{t('card.type')}</th>
            <td>{label('household_type', c.householdType)}</td>
          </tr>
          <tr>
            <th>{t('card.address')}</th>
            <td>{c.address ?? '—'}</td>
            <th>{t('card.phone')}</th>
            <td>{c.phone ?? '—'}</td>
          </tr>
          <tr>
            <th>{t('card.causes')}</th>
            <td colSpan={3} data-testid="card-causes">
              {t('card.mainCause')}：{label('poverty_cause', c.mainCause)}
              {c.otherCauses.length > 0 &&
                `；${t('card.otherCauses')}：${c.otherCauses.map((x) => label('poverty_cause', x)).join('、')}`}
            </td>
          </tr>
        </tbody>
      </table>

      <h3>
        {t('card.members')}（{c.members.length}）
      </h3>
      <table data-testid="card-members">
        <thead>
          <tr>
            <th style={{ width: '14%' }}>{t('card.name')}</th>
            <th style={{ width: '12%' }}>{t('card.relation')}</th>
            <th style={{ width: '7%' }}>{t('card.sex')}</th>
            <th style={{ width: '7%' }}>{t('card.age')}</th>
            <th style={{ width: '26%' }}>{t('card.idNumber')}</th>
            <th>{t('card.labour')}</th>
            <th>{t('card.student')}</th>
          </tr>
        </thead>
        <tbody>
          {c.members.map((m, i) => (
            <tr key={i}>
              <td>{m.name}</td>
              <td>{label('relation', m.relation)}</td>
              <td>{label('sex', m.sex)}</td>
              <td>{m.age}</td>
              <td>{m.idNumber}</td>
              <td>{label('labour_capacity', m.labourCapacity)}</td>
              <td>
                {m.studentStatus && m.studentStatus !== 'not_student'
                  ? label('student_status', m.studentStatus)
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t('card.measures')}</h3>
      {c.measures.length === 0 ? (
        <div>{t('card.noPlan')}</div>
      ) : (
        <table data-testid="card-measures">
          <thead>
            <tr>
              <th style={{ width: '30%' }}>{t('card.measure')}</th>
              <th style={{ width: '13%' }}>{t('plans.amount')}</th>
              <th>{t('plans.unit')}</th>
              <th style={{ width: '15%' }}>{t('plans.deadline')}</th>
              <th style={{ width: '11%' }}>{t('plans.changeStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {c.measures.map((m, i) => (
              <tr key={i}>
                <td>{lang === 'en' ? m.nameEn : m.nameZh}</td>
                <td>{fmt.money(m.amount)}</td>
                <td>{m.responsibleUnit ?? '—'}</td>
                <td>{m.deadline ? fmt.date(m.deadline) : '—'}</td>
                <td>{t(`plans.measureStatus.${m.status}`, { defaultValue: m.status })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('card.cadre')}</h3>
      <div data-testid="card-cadre">
        {c.cadres.length === 0
          ? t('card.noCadre')
          : c.cadres.map((x) => `${x.name}（${x.workUnit}）${x.phone ? ` ☎ ${x.phone}` : ''}`).join('；')}
      </div>

      <h3>{t('card.policies')}</h3>
      <div data-testid="card-policies">
        {c.policies.length === 0
          ? t('card.noPolicies')
          : c.policies
              .map((p) => `${lang === 'en' ? p.en : p.zh}${p.who.length ? `（${p.who.join('、')}）` : ''}`)
              .join('；')}
      </div>

      <h3>{t('card.agreement')}</h3>
      <div>
        {c.plan?.status === 'agreed' && c.plan.agreedBy
          ? t('plans.agreementSummary', {
              by: c.plan.agreedBy,
              at: c.plan.agreedAt ? fmt.date(c.plan.agreedAt) : '—',
              method: c.plan.agreementMethod
                ? t(`plans.method.${c.plan.agreementMethod as AgreementMethod}`)
                : '—',
            })
          : t('card.notAgreed')}
      </div>
      {accessCode && <CardAccessCode householdNo={c.householdNo} code={accessCode} />}
      <div className="sign">
        <span>{t('card.signHousehold')}＿＿＿＿＿＿</span>
        <span>{t('card.signCadre')}＿＿＿＿＿＿</span>
      </div>
      <div className="prov" data-testid="card-provenance">
        {provenance} · {t('card.masked')}
      </div>
    </section>
  );
}
