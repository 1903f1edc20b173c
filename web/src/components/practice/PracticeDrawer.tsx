import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Flex, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/auth';
import { useCodeLabel } from '../../api/codeLists';
import { usePractice, useReviewPractice } from '../../api/practices';
import { chinaDay } from '../../i18n/format';
import { ErrorResult, errorMessage } from '../ErrorResult';
import { KIND_COLOR, STATE_COLOR } from './kinds';

/** One practice entry; a county officer approves it or returns it with a note. */
export function PracticeDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const codeLabel = useCodeLabel();
  const { message } = App.useApp();
  const p = usePractice(id);
  const review = useReviewPractice();
  const [note, setNote] = useState('');
  const d = p.data;
  const canReview =
    d?.state === 'submitted' &&
    (user.role === 'county_officer' || user.role === 'admin') &&
    d.county.startsWith(user.scope.code);
  const decide = (decision: 'approve' | 'return') =>
    d &&
    review.mutate(
      { id: d.id, decision, note: note.trim() || undefined, version: d.version },
      {
        onSuccess: () => {
          void message.success(t('practice.reviewed'));
          setNote('');
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  const text = (label: string, value: string) =>
    value ? { key: label, label, children: <Typography.Paragraph>{value}</Typography.Paragraph> } : null;
  return (
    <Drawer open={id !== null} onClose={onClose} width={640} title={d?.title} data-testid="practice-drawer">
      {p.isError && <ErrorResult error={p.error} onRetry={() => void p.refetch()} />}
      {d && (
        <Flex vertical gap={12}>
          <Space wrap>
            <Tag color={KIND_COLOR[d.kind]}>{t(`practice.kind.${d.kind}`)}</Tag>
            <Tag color={STATE_COLOR[d.state]}>{t(`practice.state.${d.state}`)}</Tag>
            {d.tags.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </Space>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'place', label: t('practice.place'), children: d.regionName ?? d.region },
              { key: 'author', label: t('practice.author'), children: d.authorUnit },
              { key: 'date', label: t('practice.date'), children: chinaDay(d.createdAt) },
              text(t('practice.summary'), d.summary),
              text(t('practice.body'), d.body),
              text(t('practice.actions'), d.actions),
              text(t('practice.results'), d.results),
              text(t('practice.lessons'), d.lessons),
              d.causes.length
                ? {
                    key: 'causes',
                    label: t('practice.causes'),
                    children: d.causes.map((c) => codeLabel('poverty_cause', c)).join('、'),
                  }
                : null,
              d.measureCodes.length
                ? { key: 'measures', label: t('practice.measures'), children: d.measureCodes.join('、') }
                : null,
              d.source
                ? {
                    key: 'source',
                    label: t('practice.source'),
                    children: `${t(`practice.sourceKind.${d.source.kind}`)} #${d.source.id}`,
                  }
                : null,
              d.reviewNote ? { key: 'note', label: t('practice.reviewNote'), children: d.reviewNote } : null,
            ].filter((x) => x !== null)}
          />
          {canReview && (
            <Flex vertical gap={8}>
              <Input.TextArea
                rows={2}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('practice.returnNote')}
                data-testid="practice-review-note"
              />
              <Space>
                <Button
                  type="primary"
                  loading={review.isPending}
                  onClick={() => decide('approve')}
                  data-testid="practice-approve"
                >
                  {t('practice.approve')}
                </Button>
                <Button
                  danger
                  loading={review.isPending}
                  disabled={!note.trim()}
                  onClick={() => decide('return')}
                >
                  {t('practice.return')}
                </Button>
              </Space>
            </Flex>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
