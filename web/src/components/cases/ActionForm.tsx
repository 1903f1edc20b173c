import { Alert, Button, Checkbox, Flex, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import {
  useCaseAction,
  type CaseAction,
  type CaseDetail,
  type CasePayload,
  type Requirement,
} from '../../api/cases';
import { errorMessage } from '../ErrorResult';
import { useCaseLabels } from './labels';
import { DateField } from '../pickers/DateField';
import { IneligibleModal, ineligibleFinding, type IneligibleFinding } from './IneligibleConfirm';
import { todayChina } from '../../i18n/format';

interface Values {
  voteTotal?: number;
  votePresent?: number;
  voteFor?: number;
  voteAgainst?: number;
  noticeStart?: string;
  noticeEnd?: string;
  objections?: { text?: string; resolved?: boolean; resolution?: string }[];
  signatures?: Partial<Record<'household' | 'collector' | 'reviewer', string>>;
  consentBy?: string;
  consentDate?: string;
  note?: string;
  staff?: string;
  visitDate?: string;
  visitors?: string;
  lateReason?: string;
  category?: 'unstable' | 'marginal' | 'sudden';
}

const has = (a: CaseAction, kind: Requirement['kind']) => a.requires.some((r) => r.kind === kind);
const names = (s: string | undefined) =>
  (s ?? '')
    .split(/[,，、\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const localToday = () => todayChina();

/** Form values → the payload of the step, with only what its requirements ask for (and a note). */
function payloadOf(a: CaseAction, v: Values): CasePayload {
  const p: CasePayload = {};
  if (has(a, 'vote'))
    p.vote = {
      total: v.voteTotal ?? 0,
      present: v.votePresent ?? 0,
      for: v.voteFor ?? 0,
      against: v.voteAgainst ?? 0,
    };
  if (has(a, 'notice') && v.noticeStart && v.noticeEnd)
    p.notice = {
      start: v.noticeStart,
      end: v.noticeEnd,
      objections: (v.objections ?? [])
        .filter((o) => o.text?.trim())
        .map((o) => ({
          text: o.text!.trim(),
          resolved: !!o.resolved,
          ...(o.resolution ? { resolution: o.resolution } : {}),
        })),
    };
  const signers = a.requires.flatMap((r) => (r.kind === 'signature' ? [r.who] : []));
  if (signers.length) p.signatures = signers.map((who) => ({ who, name: v.signatures?.[who]?.trim() ?? '' }));
  if (has(a, 'dataConsent') && v.consentBy)
    p.dataConsent = { by: v.consentBy, signedOn: v.consentDate ?? localToday() };
  if (v.note?.trim()) p.note = v.note.trim();
  if (has(a, 'staff')) p.staff = names(v.staff);
  if (has(a, 'homeVisitIfStaffRelative') && v.visitDate)
    p.homeVisit = { date: v.visitDate, visitors: names(v.visitors) };
  if (v.lateReason?.trim()) p.lateReason = v.lateReason.trim();
  if (a.extra.includes('decision.category') && v.category) p.decision = { category: v.category };
  return p;
}

function RefusalAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const missing =
    isApiError(error) && error.details && typeof error.details === 'object' && 'missing' in error.details
      ? ((error.details as { missing: string[] }).missing ?? [])
      : [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="action-error"
      title={t('cases.failed')}
      description={
        <>
          {missing.length > 0 && (
            <div data-testid="action-missing">
              {t('cases.missing')}
              {missing.map(labels.missing).join('；')}
            </div>
          )}
          <Typography.Text type="secondary">{errorMessage(error)}</Typography.Text>
        </>
      }
    />
  );
}

/** The form of one step: fields for each of its requirements; the server checks them all. */
export function ActionForm({ c, action, onDone }: { c: CaseDetail; action: CaseAction; onDone: () => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const fire = useCaseAction(c.id);
  const [form] = Form.useForm<Values>();
  const evidence = has(action, 'evidence');
  const initial: Values = {
    noticeStart: c.noticeDefaults?.start,
    noticeEnd: c.noticeDefaults?.end,
    consentDate: localToday(),
    objections: [],
  };
  // a vote on a household the rules find ineligible answers 409 with the reasons: confirm, then fire again
  const [confirming, setConfirming] = useState<{ payload: CasePayload; finding: IneligibleFinding } | null>(
    null,
  );
  const submit = (v: Values) => {
    const payload = payloadOf(action, v);
    fire.mutate(
      { action: action.action, payload },
      {
        onSuccess: onDone,
        onError: (e) => {
          const finding = ineligibleFinding(e);
          if (finding) setConfirming({ payload, finding });
        },
      },
    );
  };
  const confirm = () =>
    confirming &&
    fire.mutate(
      { action: action.action, payload: confirming.payload, confirmIneligible: true },
      {
        onSuccess: () => {
          setConfirming(null);
          onDone();
        },
      },
    );
  const finding = ineligibleFinding(fire.error);
  const num = (name: keyof Values, label: string, testId: string) => (
    <Form.Item name={name} label={label} style={{ marginBottom: 8 }}>
      <InputNumber min={0} style={{ width: 110 }} data-testid={testId} />
    </Form.Item>
  );

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      data-testid={`action-form-${action.action}`}
    >
      <Typography.Title level={5}>{labels.action(action.action)}</Typography.Title>
      {has(action, 'vote') && (
        <Flex wrap gap={8}>
          {num('voteTotal', t('cases.field.voteTotal'), 'field-vote-total')}
          {num('votePresent', t('cases.field.votePresent'), 'field-vote-present')}
          {num('voteFor', t('cases.field.voteFor'), 'field-vote-for')}
          {num('voteAgainst', t('cases.field.voteAgainst'), 'field-vote-against')}
        </Flex>
      )}
      {has(action, 'notice') && (
        <>
          <Flex wrap gap={8}>
            <Form.Item name="noticeStart" label={t('cases.field.noticeStart')} style={{ marginBottom: 8 }}>
              <DateField testId="field-notice-start" />
            </Form.Item>
            <Form.Item name="noticeEnd" label={t('cases.field.noticeEnd')} style={{ marginBottom: 8 }}>
              <DateField testId="field-notice-end" />
            </Form.Item>
          </Flex>
          <Form.List name="objections">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Flex key={f.key} wrap gap={8} align="center">
                    <Form.Item name={[f.name, 'text']} style={{ marginBottom: 0, flex: 1, minWidth: 200 }}>
                      <Input
                        placeholder={t('cases.field.objectionText')}
                        data-testid={`objection-text-${f.name}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'resolved']}
                      valuePropName="checked"
                      style={{ marginBottom: 0 }}
                    >
                      <Checkbox data-testid={`objection-resolved-${f.name}`}>
                        {t('cases.field.resolved')}
                      </Checkbox>
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'resolution']}
                      style={{ marginBottom: 0, flex: 1, minWidth: 160 }}
                    >
                      <Input
                        placeholder={t('cases.field.resolution')}
                        data-testid={`objection-resolution-${f.name}`}
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ resolved: false })}
                  data-testid="add-objection"
                >
                  {t('cases.field.addObjection')}
                </Button>
              </Space>
            )}
          </Form.List>
        </>
      )}
      {action.requires.map((r) =>
        r.kind === 'signature' ? (
          <Form.Item
            key={r.who}
            name={['signatures', r.who]}
            label={`${t('cases.field.signature')}：${labels.signer(r.who)}`}
            style={{ marginBottom: 8 }}
          >
            <Input data-testid={`field-signature-${r.who}`} />
          </Form.Item>
        ) : null,
      )}
      {has(action, 'dataConsent') && (
        <Flex wrap gap={8}>
          <Form.Item name="consentBy" label={t('cases.field.consentBy')} style={{ marginBottom: 8 }}>
            <Input data-testid="field-consent-by" />
          </Form.Item>
          <Form.Item name="consentDate" label={t('cases.field.consentDate')} style={{ marginBottom: 8 }}>
            <DateField testId="field-consent-date" />
          </Form.Item>
        </Flex>
      )}
      {has(action, 'staff') && (
        <Form.Item name="staff" label={t('cases.field.staff')} style={{ marginBottom: 8 }}>
          <Input data-testid="field-staff" />
        </Form.Item>
      )}
      {has(action, 'homeVisitIfStaffRelative') && c.data.staffRelative === true && (
        <Flex wrap gap={8}>
          <Form.Item name="visitDate" label={t('cases.field.visitDate')} style={{ marginBottom: 8 }}>
            <DateField testId="field-visit-date" />
          </Form.Item>
          <Form.Item name="visitors" label={t('cases.field.visitors')} style={{ marginBottom: 8 }}>
            <Input data-testid="field-visitors" />
          </Form.Item>
        </Flex>
      )}
      {action.extra.includes('decision.category') && (
        <Form.Item name="category" label={t('cases.field.category')} style={{ marginBottom: 8 }}>
          <Select
            data-testid="field-category"
            style={{ maxWidth: 240 }}
            options={(['unstable', 'marginal', 'sudden'] as const).map((k) => ({
              value: k,
              label: labels.decision(k),
            }))}
          />
        </Form.Item>
      )}
      {has(action, 'deadline') && c.deadline?.overdue && (
        <Form.Item name="lateReason" label={t('cases.field.lateReason')} style={{ marginBottom: 8 }}>
          <Input.TextArea rows={2} data-testid="field-late-reason" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('cases.field.note')} required={evidence} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={2} data-testid="field-note" />
      </Form.Item>
      {fire.isError && !finding && <RefusalAlert error={fire.error} />}
      {confirming && (
        <IneligibleModal
          vote
          finding={confirming.finding}
          busy={fire.isPending}
          error={finding ? null : fire.error}
          onOk={confirm}
          onCancel={() => {
            setConfirming(null);
            fire.reset();
          }}
        />
      )}
      <Flex gap={8} style={{ marginTop: 8 }}>
        <Button type="primary" htmlType="submit" loading={fire.isPending} data-testid="action-submit">
          {t('cases.submit')}
        </Button>
        <Button onClick={onDone}>{t('cases.cancel')}</Button>
      </Flex>
    </Form>
  );
}
