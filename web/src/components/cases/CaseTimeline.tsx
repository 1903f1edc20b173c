import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../api/cases';
import { useFormat } from '../../i18n/format';
import { useCaseLabels } from './labels';

/** What one step recorded, in short lines. */
function EntryDetails({ e }: { e: TimelineEntry }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useCaseLabels();
  const p = e.payload;
  const lines: React.ReactNode[] = [];
  if (p.vote) lines.push(t('cases.entry.vote', p.vote));
  if (p.notice)
    lines.push(t('cases.entry.notice', { start: fmt.date(p.notice.start), end: fmt.date(p.notice.end) }));
  for (const o of p.notice?.objections ?? [])
    lines.push(
      t('cases.entry.objection', { text: o.resolved ? `${o.text} → ${o.resolution ?? ''}` : o.text }),
    );
  if (p.signatures?.length)
    lines.push(
      t('cases.entry.signatures', {
        names: p.signatures.map((s) => `${labels.signer(s.who)} ${s.name}`).join('，'),
      }),
    );
  if (p.dataConsent)
    lines.push(t('cases.entry.consent', { by: p.dataConsent.by, date: fmt.date(p.dataConsent.signedOn) }));
  if (p.decision?.category)
    lines.push(t('cases.entry.category', { category: labels.decision(p.decision.category) }));
  if (e.late) lines.push(t('cases.entry.late', e.late));
  if (p.note) lines.push(p.note);
  return (
    <>
      {lines.map((l, i) => (
        <div key={i}>
          <Typography.Text type="secondary">{l}</Typography.Text>
        </div>
      ))}
    </>
  );
}

export function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useCaseLabels();
  return (
    <Timeline
      data-testid="case-timeline"
      items={entries.map((e) => ({
        key: e.seq,
        color: e.returned ? 'red' : 'blue',
        content: (
          <div data-testid={`timeline-${e.seq}`}>
            <Typography.Text strong>{labels.action(e.action)}</Typography.Text>{' '}
            {e.from !== null && e.from !== e.to && <Tag>{labels.state(e.to)}</Tag>}
            {e.returned && <Tag color="red">{t('cases.entry.returned')}</Tag>}
            <div>
              <Typography.Text type="secondary">
                {fmt.dateTime(e.at)} · {e.actor.name} ({labels.role(e.actor.role)})
              </Typography.Text>
            </div>
            <EntryDetails e={e} />
          </div>
        ),
      }))}
    />
  );
}
