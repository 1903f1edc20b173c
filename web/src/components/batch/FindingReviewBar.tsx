import { App as AntApp, Button, Flex, Input, Modal, Tag, Tooltip } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReviewFindings } from '../../api/batch';
import type { QualityFinding } from '../../api/quality';
import { useFormat } from '../../i18n/format';
import { errorMessage } from '../ErrorResult';

/** The selected findings confirmed, or dismissed with a reason, in one request (one transaction). */
export function FindingReviewBar({ selected, onDone }: { selected: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const review = useReviewFindings();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const n = selected.length;
  const send = (decision: 'confirmed' | 'dismissed') =>
    review.mutate(
      { findingIds: selected, decision, ...(decision === 'dismissed' ? { reason } : {}) },
      {
        onSuccess: (r) => {
          void message.success(t('batch.review.done', { n: r.reviewed }));
          setDismissing(false);
          setReason('');
          onDone();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Flex gap={8} style={{ marginBottom: 8 }}>
      <Button
        disabled={n === 0}
        loading={review.isPending}
        onClick={() => send('confirmed')}
        data-testid="review-confirm"
      >
        {t('batch.review.confirm', { n })}
      </Button>
      <Button disabled={n === 0} onClick={() => setDismissing(true)} data-testid="review-dismiss">
        {t('batch.review.dismiss', { n })}
      </Button>
      <Modal
        open={dismissing}
        title={t('batch.review.dismissTitle', { n })}
        okButtonProps={
          {
            disabled: reason.trim().length < 2,
            loading: review.isPending,
            'data-testid': 'review-dismiss-ok',
          } as ButtonProps
        }
        onOk={() => send('dismissed')}
        onCancel={() => setDismissing(false)}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          placeholder={t('batch.review.reasonPlaceholder')}
          aria-label={t('batch.review.reason')}
          onChange={(e) => setReason(e.target.value)}
          data-testid="review-reason"
        />
      </Modal>
    </Flex>
  );
}

/** A finding's review decision as a tag (with who and when, and the reason of a dismissal). */
export function ReviewTag({ review }: { review: QualityFinding['review'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!review) return <Tag>{t('batch.review.open')}</Tag>;
  const tip = [
    t('batch.review.by', { who: review.reviewedBy, at: fmt.dateTime(review.reviewedAt) }),
    review.reason,
  ]
    .filter(Boolean)
    .join('：');
  return (
    <Tooltip title={tip}>
      <Tag color={review.decision === 'confirmed' ? 'red' : 'default'} data-testid="review-tag">
        {t(review.decision === 'confirmed' ? 'batch.review.confirmed' : 'batch.review.dismissed')}
      </Tag>
    </Tooltip>
  );
}
