import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  conflictOf,
  fieldErrorsOf,
  useEditHousehold,
  type EditRequest,
  type EditResult,
} from '../../../api/householdEdit';
import { errorMessage } from '../../ErrorResult';

/**
 * Sending edits of one household with its version (optimistic concurrency). A 409 keeps the user's
 * input: the banner explains, and "load the latest version" takes the current version so the same
 * input can be checked and saved again. A 400 marks the fields the server named.
 */
export function useEditSubmit(householdId: string, initialVersion: number) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mutation = useEditHousehold(householdId);
  const [version, setVersion] = useState(initialVersion);
  const [conflict, setConflict] = useState<EditResult | null>(null);
  const [reloaded, setReloaded] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const top = useRef<HTMLDivElement>(null);
  // a conflict, or an error not shown at a field, is at the top of the drawer: bring it into view
  const [showTop, setShowTop] = useState(0);
  useEffect(() => {
    if (showTop) top.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [showTop]);

  async function submit(
    request: (version: number) => EditRequest,
    form?: FormInstance,
  ): Promise<EditResult | null> {
    setError(null);
    try {
      const result = await mutation.mutateAsync(request(version));
      setVersion(result.household.version);
      setConflict(null);
      setReloaded(null);
      void message.success(t('edit.saved'));
      return result;
    } catch (e) {
      const current = conflictOf(e);
      if (current) {
        setConflict(current);
        setShowTop((n) => n + 1);
      } else {
        setError(e);
        const names = new Set(Object.keys(form?.getFieldsValue(true) ?? {}));
        const fields = fieldErrorsOf(e).filter((x) => names.has(x.field));
        form?.setFields(fields.map((x) => ({ name: x.field, errors: [x.message] })));
        if (fields[0]) form?.scrollToField(fields[0].field);
        else setShowTop((n) => n + 1);
      }
      return null;
    }
  }

  function reload() {
    if (!conflict) return;
    setVersion(conflict.household.version);
    setReloaded(conflict.household.version);
    setConflict(null);
    void qc.invalidateQueries({ queryKey: ['households'] });
  }

  const details = fieldErrorsOf(error);
  const notice = conflict ? (
    <Alert
      type="warning"
      showIcon
      data-testid="edit-conflict"
      title={t('edit.conflictTitle')}
      description={t('edit.conflictText', { version: conflict.household.version })}
      action={
        <Button size="small" type="primary" onClick={reload} data-testid="edit-conflict-reload">
          {t('edit.conflictReload')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  ) : error ? (
    <Alert
      type="error"
      showIcon
      data-testid="edit-error"
      title={details.length ? t('edit.invalidTitle') : errorMessage(error)}
      description={
        details.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {details.map((d) => (
              <li key={`${d.field}:${d.message}`}>
                <code>{d.field}</code> {d.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  ) : reloaded !== null ? (
    <Alert
      type="info"
      showIcon
      title={t('edit.conflictReloaded', { version: reloaded })}
      style={{ marginBottom: 16 }}
    />
  ) : null;
  const banner = <div ref={top}>{notice}</div>;

  return { submit, version, pending: mutation.isPending, banner };
}
export type EditSubmit = ReturnType<typeof useEditSubmit>;
