import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CODE_LISTS } from '../../../../src/domain/code-lists';
import type { MemberRow } from '../../api/households';
import { isApiError } from '../../api/client';
import { useMemberEvents, useRecordMemberEvent, type MemberEvent } from '../../api/registration';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { DateField } from '../pickers/DateField';

const JOINING = ['birth', 'marriage_in', 'move_in'] as const;
const KINDS: MemberEvent['kind'][] = ['birth', 'marriage_in', 'move_in', 'marriage_out', 'move_out', 'death'];
const joins = (k: MemberEvent['kind']) => (JOINING as readonly string[]).includes(k);

/** The household's member changes as a timeline, and the dialog that records one (docs/field.md). */
export function MemberEventsPanel(props: {
  householdId: string;
  version: number;
  members: MemberRow[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const events = useMemberEvents(props.householdId);
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  return (
    <Card
      title={t('memberEvents.title')}
      data-testid="member-events"
      extra={
        props.canEdit && (
          <Button onClick={() => setOpen(true)} data-testid="member-event-open">
            {t('memberEvents.record')}
          </Button>
        )
      }
    >
      {events.data?.items.length ? (
        <Timeline
          items={events.data.items.map((e) => ({
            key: e.id,
            color: joins(e.kind) ? 'green' : e.kind === 'death' ? 'gray' : 'blue',
            children: (
              <div data-testid={`member-event-${e.id}`}>
                <Typography.Text strong>
                  {e.date} {t(`memberEvents.kinds.${e.kind}`)} · {e.memberName}
                </Typography.Text>
                {e.note && <div>{e.note}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('memberEvents.recordedBy', { who: e.recordedBy ?? '', at: fmt.dateTime(e.recordedAt) })}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      ) : (
        <Empty description={t('memberEvents.empty')} />
      )}
      {open && <MemberEventDialog {...props} onClose={() => setOpen(false)} />}
    </Card>
  );
}

interface Values {
  kind: MemberEvent['kind'];
  date: string;
  note?: string;
  memberId?: string;
  newHeadId?: string;
  name?: string;
  idNumber?: string;
  relation?: string;
}

function MemberEventDialog(props: {
  householdId: string;
  version: number;
  members: MemberRow[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const record = useRecordMemberEvent(props.householdId);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const memberId = Form.useWatch('memberId', form);
  const present = props.members.filter((m) => m.memberStatus === 'present');
  const leavingHead = present.find((m) => m.id === memberId)?.relation === 'head';
  const [error, setError] = useState<string | null>(null);

  const send = async (v: Values) => {
    setError(null);
    const body = joins(v.kind)
      ? { member: { name: v.name ?? '', idNumber: v.idNumber ?? '', relation: v.relation ?? '' } }
      : { memberId: v.memberId, ...(v.newHeadId && { newHeadId: v.newHeadId }) };
    try {
      await record.mutateAsync({
        version: props.version,
        kind: v.kind,
        date: v.date,
        note: v.note ?? '',
        ...body,
      });
      void message.success(t('memberEvents.saved'));
      props.onClose();
    } catch (e) {
      const d = isApiError(e)
        ? (e.details as { errors?: { messageZh?: string; message: string }[] } | undefined)
        : undefined;
      const first = d?.errors?.[0];
      setError(
        first
          ? lang === 'en'
            ? first.message
            : (first.messageZh ?? first.message)
          : isApiError(e)
            ? e.message
            : String(e),
      );
    }
  };
  return (
    <Modal
      open
      title={t('memberEvents.record')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void send(v)} initialValues={{ kind: 'birth' }}>
        <Form.Item name="kind" label={t('memberEvents.kind')} rules={[{ required: true }]}>
          <Select
            options={KINDS.map((k) => ({ value: k, label: t(`memberEvents.kinds.${k}`) }))}
            data-testid="member-event-kind"
          />
        </Form.Item>
        <Form.Item name="date" label={t('memberEvents.date')} rules={[{ required: true }]}>
          <DateField testId="member-event-date" />
        </Form.Item>
        {kind && joins(kind) ? (
          <>
            <Form.Item name="name" label={t('registration.f.name')} rules={[{ required: true }]}>
              <Input data-testid="member-event-name" />
            </Form.Item>
            <Form.Item name="idNumber" label={t('registration.f.id_number')} rules={[{ required: true }]}>
              <Input data-testid="member-event-id" />
            </Form.Item>
            <Form.Item name="relation" label={t('registration.f.relation')} rules={[{ required: true }]}>
              <Select
                options={CODE_LISTS.relation.map((e) => ({
                  value: e.code,
                  label: lang === 'en' ? e.en : e.zh,
                }))}
              />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="memberId" label={t('memberEvents.member')} rules={[{ required: true }]}>
              <Select
                options={present.map((m) => ({ value: m.id, label: m.name }))}
                data-testid="member-event-member"
              />
            </Form.Item>
            {leavingHead && (
              <Form.Item name="newHeadId" label={t('memberEvents.newHead')}>
                <Select
                  options={present
                    .filter((m) => m.id !== memberId)
                    .map((m) => ({ value: m.id, label: m.name }))}
                />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="note" label={t('memberEvents.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="member-event-error" />}
      </Form>
    </Modal>
  );
}
