import { useState } from 'react';
import { Button, Card, Descriptions, Modal, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { VisitDue } from '../../api/responsibility';
import { useFormat } from '../../i18n/format';
import { VisitForm } from './VisitForm';

interface Assignment {
  id: string;
  cadreId: string;
  name: string;
  workUnit: string;
  phone: string | null;
  startDate: string;
  endDate: string | null;
  reason: string;
  endReason: string | null;
}
interface HouseholdResponsibility {
  householdId: string;
  needsCadre: boolean;
  current: Assignment | null;
  history: Assignment[];
  visit: VisitDue | null;
}

/** A household's responsible cadre, hand-over history and visit due; record a visit from here. */
export function HouseholdCadreCard({ householdId, label }: { householdId: string; label: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [visiting, setVisiting] = useState(false);
  const q = useQuery({
    queryKey: ['responsibility', 'household', householdId],
    queryFn: ({ signal }) =>
      api<HouseholdResponsibility>(`/api/households/${householdId}/responsibility`, { signal }),
  });
  const r = q.data;
  if (!r) return null;
  const c = r.current;
  return (
    <Card
      size="small"
      title={t('resp.cadre')}
      data-testid="household-cadre"
      extra={
        r.visit && (
          <Button size="small" onClick={() => setVisiting(true)} data-testid="household-visit">
            {t('resp.recordVisit')}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('resp.cadre')}>
          {c ? (
            `${c.name} · ${c.workUnit}`
          ) : r.needsCadre ? (
            <Typography.Text type="danger">{t('resp.kpi.without')}</Typography.Text>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        {c && <Descriptions.Item label={t('resp.phone')}>{c.phone ?? '—'}</Descriptions.Item>}
        {c && <Descriptions.Item label={t('resp.since')}>{fmt.date(c.startDate)}</Descriptions.Item>}
        {r.visit && (
          <Descriptions.Item label={t('resp.lastVisit')}>
            {r.visit.lastVisit ? fmt.date(r.visit.lastVisit) : t('resp.neverVisited')}
          </Descriptions.Item>
        )}
        {r.visit?.dueOn && (
          <Descriptions.Item label={t('resp.dueOn')}>
            <Typography.Text type={r.visit.overdue ? 'danger' : undefined}>
              {fmt.date(r.visit.dueOn)}
            </Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      {r.history.map((a) => (
        <Typography.Paragraph key={a.id} type="secondary" style={{ fontSize: 12, margin: 0 }}>
          {fmt.date(a.startDate)} – {fmt.date(a.endDate)} {a.name} · {a.workUnit} · {a.endReason ?? ''}
        </Typography.Paragraph>
      ))}
      {visiting && (
        <Modal open footer={null} title={t('resp.recordVisit')} onCancel={() => setVisiting(false)}>
          <VisitForm
            households={[{ value: householdId, label }]}
            householdId={householdId}
            onSaved={() => {
              setVisiting(false);
              void q.refetch();
            }}
          />
        </Modal>
      )}
    </Card>
  );
}
