import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Spin, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useUser } from '../../api/auth';
import type { Reason } from '../../api/rules';
import { HouseholdLink } from '../../components/household/HouseholdLink';
import { ErrorResult, errorMessage } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { ReasonList } from '../../components/rules/ReasonList';
import { useFormat } from '../../i18n/format';
import { useRollDecision, useRollEntry, type CeaseBody, type RollDetail, type ReviewResult } from './api';
import { ComputationView } from './ComputationView';
import { monthAfter, monthOf, todayIso, useCodeLabel } from './labels';

type Change = RollDetail['changes'][number];

/** One roll entry: who, what, its computation, every decision; the review form and (county) cessation. */
export default function RollEntryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const user = useUser();
  const entry = useRollEntry(id);
  const [params] = useSearchParams();
  // a review that stops the entry closes it: its result stays shown
  const [reviewed, setReviewed] = useState<ReviewResult | null>(null);
  if (entry.isError) return <ErrorResult error={entry.error} onRetry={() => void entry.refetch()} />;
  if (!entry.data) return <Spin />;
  const e = entry.data;
  const open = e.state !== 'ceased';
  return (
    <div data-testid="roll-entry-page">
      <PageHeader
        title={
          <>
            {label('safetyNet.programme', e.programme)} · {e.headName}
          </>
        }
        subtitle={`${e.villageName} · ${e.householdNo}`}
        extra={<Link to="/safety-net?tab=rolls">{t('safetyNet.tabs.rolls')}</Link>}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('safetyNet.household')}>
            <HouseholdLink householdId={e.householdId} headName={e.headName} householdNo={e.householdNo} />
          </Descriptions.Item>
          <Descriptions.Item label={t('safetyNet.category')}>
            {e.category}
            {e.careLevel && ` · ${label('safetyNet.careLevel', e.careLevel)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('safetyNet.persons')}>{e.persons}</Descriptions.Item>
          <Descriptions.Item label={t('safetyNet.monthly')}>
            <strong data-testid="entry-amount" data-amount={e.monthlyAmount}>
              {fmt.money(e.monthlyAmount)}
            </strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('safetyNet.startMonth')}>{monthOf(e.startMonth)}</Descriptions.Item>
          <Descriptions.Item label={t('safetyNet.nextReview')}>
            <span data-testid="entry-next-review">{fmt.date(e.nextReviewOn)}</span>
            {e.reviewDue && <Tag color="orange">{t('safetyNet.reviewDue')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="">
            <Tag data-testid="entry-state" data-state={e.state}>
              {label('safetyNet.state', e.state)}
            </Tag>
            {e.gradualExitUntil && `${t('safetyNet.entry.gradualExitUntil')} ${monthOf(e.gradualExitUntil)}`}
            {e.cessationReason &&
              t('safetyNet.entry.ceased', {
                reason: label('safetyNet.cease.reasons', e.cessationReason),
                date: fmt.date(e.ceasedOn),
              })}
          </Descriptions.Item>
          {e.caseId && (
            <Descriptions.Item label={t('safetyNet.entry.caseLink')}>
              <Link to={`/cases/${e.caseId}`}>#{e.caseId}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {(open || reviewed) && e.programme === 'dibao' && user.permissions.runSafetyNet && (
        <ReviewCard
          id={id}
          startOpen={params.get('review') === '1'}
          due={e.nextReviewOn}
          result={reviewed}
          onResult={setReviewed}
        />
      )}
      {open && user.permissions.decideSafetyNet && <CeaseButton id={id} />}
      <Card size="small" title={t('safetyNet.entry.computation')} style={{ marginBottom: 12 }}>
        <ComputationView computation={e.computation} />
      </Card>
      <Changes changes={e.changes} />
    </div>
  );
}

function ReviewCard({
  id,
  startOpen,
  due,
  result,
  onResult,
}: {
  id: string;
  startOpen: boolean;
  due: string | null;
  result: ReviewResult | null;
  onResult: (r: ReviewResult) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [open, setOpen] = useState(startOpen);
  const { review } = useRollDecision(id);
  // the server takes next month when none is chosen (its clock decides what "next" is)
  const months = [1, 2, 3].map((n) => monthAfter(due ?? todayIso(), n));
  const [form] = Form.useForm<{ effectiveMonth?: string; note?: string }>();
  const submit = (v: { effectiveMonth?: string; note?: string }) =>
    review.mutate(
      { effectiveMonth: v.effectiveMonth || undefined, note: v.note || undefined },
      { onSuccess: onResult },
    );
  return (
    <Card
      size="small"
      title={t('safetyNet.review.title')}
      style={{ marginBottom: 12 }}
      data-testid="review-card"
    >
      {result && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="review-result"
          data-decision={result.decision}
          title={t('safetyNet.review.result', {
            decision: t(`safetyNet.review.decision.${result.decision}`),
            month: monthOf(result.effectiveMonth),
            amount: fmt.money(result.entry.monthlyAmount),
          })}
        />
      )}
      {review.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(review.error)} />
      )}
      {!open && !result && (
        <Button type="primary" onClick={() => setOpen(true)} data-testid="review-start">
          {t('safetyNet.review.button')}
        </Button>
      )}
      {open && !result && (
        <Form form={form} layout="vertical" onFinish={submit}>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('safetyNet.review.hint')} />
          <Form.Item name="effectiveMonth" label={t('safetyNet.review.effectiveMonth')}>
            <Select
              allowClear
              placeholder={t('safetyNet.review.nextMonth')}
              style={{ maxWidth: 200 }}
              options={months.map((m) => ({ value: m, label: monthOf(m) }))}
              data-testid="review-month"
            />
          </Form.Item>
          <Form.Item name="note" label={t('safetyNet.review.note')}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="review-note" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={review.isPending} data-testid="review-submit">
            {t('safetyNet.review.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function CeaseButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { cease } = useRollDecision(id);
  const [form] = Form.useForm<CeaseBody>();
  const reasons = ['income', 'death', 'moved', 'refusal', 'fraud', 'other'] as const;
  return (
    <Flex style={{ marginBottom: 12 }}>
      <Button danger onClick={() => setOpen(true)} data-testid="cease-start">
        {t('safetyNet.cease.button')}
      </Button>
      <Modal
        open={open}
        title={t('safetyNet.cease.button')}
        okText={t('safetyNet.cease.submit')}
        okButtonProps={{ danger: true, loading: cease.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          void form.validateFields().then((v) => cease.mutate(v, { onSuccess: () => setOpen(false) }))
        }
      >
        {cease.isError && <Alert type="error" showIcon title={errorMessage(cease.error)} />}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('safetyNet.cease.reason')} rules={[{ required: true }]}>
            <Select options={reasons.map((r) => ({ value: r, label: t(`safetyNet.cease.reasons.${r}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('safetyNet.cease.note')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

function Changes({ changes }: { changes: Change[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const columns: TableColumnsType<Change> = [
    { title: t('safetyNet.entry.effective'), dataIndex: 'effectiveMonth', render: monthOf },
    { title: t('safetyNet.entry.kind'), dataIndex: 'kind' },
    {
      title: t('safetyNet.entry.decision'),
      dataIndex: 'decision',
      render: (d: string) => <Tag color="blue">{label('safetyNet.review.decision', d)}</Tag>,
    },
    { title: t('safetyNet.entry.before'), dataIndex: 'amountBefore', align: 'right', render: fmt.money },
    { title: t('safetyNet.entry.after'), dataIndex: 'amountAfter', align: 'right', render: fmt.money },
    { title: t('safetyNet.entry.note'), dataIndex: 'note' },
  ];
  return (
    <Card size="small" title={t('safetyNet.entry.changes')}>
      <Table<Change>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={changes}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="entry-changes"
        expandable={{
          rowExpandable: (c) => c.reasons.length > 0,
          expandedRowRender: (c) => <ReasonList reasons={c.reasons as Reason[]} />,
        }}
      />
    </Card>
  );
}
