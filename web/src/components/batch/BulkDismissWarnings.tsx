import { App as AntApp, Button, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmWarningsBulk, useDismissWarningsBulk } from '../../api/batch';
import { errorMessage } from '../ErrorResult';

/** Dismiss the open warnings of the selected households with one reason (one transaction). */
export function BulkDismissWarnings({
  householdIds,
  onDone,
}: {
  householdIds: string[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const dismiss = useDismissWarningsBulk();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const n = householdIds.length;
  return (
    <>
      <Button disabled={n === 0} onClick={() => setOpen(true)} data-testid="warnings-bulk-dismiss">
        {t('batch.warnings.dismiss', { n })}
      </Button>
      <Modal
        open={open}
        title={t('batch.warnings.title', { n })}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: dismiss.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          dismiss.mutate(
            { householdIds, reason: reason.trim() },
            {
              onSuccess: (r) => {
                void message.success(
                  t('batch.warnings.done', { households: r.households, signals: r.signals }),
                );
                setOpen(false);
                setReason('');
                onDone();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Input.TextArea
          rows={3}
          placeholder={t('warnings.dismissReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="warnings-bulk-reason"
        />
        {reason.trim().length < 2 && (
          <Typography.Text type="secondary">{t('warnings.dismissReasonRequired')}</Typography.Text>
        )}
      </Modal>
    </>
  );
}

/**
 * Confirm the warnings of the selected households (one transaction): for each, what the single
 * confirmation does — a monitoring case opened and its open signals marked with it.
 */
export function BulkConfirmWarnings({
  householdIds,
  onDone,
}: {
  householdIds: string[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const confirm = useConfirmWarningsBulk();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const n = householdIds.length;
  return (
    <>
      <Button
        type="primary"
        disabled={n === 0}
        onClick={() => setOpen(true)}
        data-testid="warnings-bulk-confirm"
      >
        {t('batch.warnings.confirm', { n })}
      </Button>
      <Modal
        open={open}
        title={t('batch.warnings.confirmTitle', { n })}
        okButtonProps={{ loading: confirm.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          confirm.mutate(
            { householdIds, ...(note.trim() && { note: note.trim() }) },
            {
              onSuccess: (r) => {
                void message.success(
                  t('batch.warnings.confirmDone', { households: r.households, signals: r.signals }),
                );
                setOpen(false);
                setNote('');
                onDone();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Input.TextArea
          rows={3}
          placeholder={t('batch.warnings.confirmNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="warnings-bulk-note"
        />
      </Modal>
    </>
  );
}
