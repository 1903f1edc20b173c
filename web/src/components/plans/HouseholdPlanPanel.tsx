import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { PlusOutlined, PrinterOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useCodeLabel } from '../../api/codeLists';
import {
  AGREEMENT_METHODS,
  MEASURE_STATUSES,
  planRequests,
  useCatalogue,
  usePlan,
  usePlanMutation,
  type Measure,
  type MeasureStatus,
  type Plan,
  type PlanView,
} from '../../api/plans';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorMessage } from '../ErrorResult';
import { LinkButton } from '../LinkButton';

const STATUS_COLOR: Record<MeasureStatus, string> = {
  planned: 'default',
  in_progress: 'processing',
  completed: 'success',
  cancelled: 'error',
};
const PLAN_COLOR = { draft: 'gold', agreed: 'green', declined: 'red' } as const;

/**
 * The household's plan (一户一策) on the household page: the year's plan with its measures, the fit
 * check against the causes, the household's agreement; generate a draft, add measures, update a
 * measure's status (completion asks for the outcome, cancelling for a reason), record agreement.
 */
export function HouseholdPlanPanel({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number>(thisYear);
  const q = usePlan(householdId, year);
  const view = q.data;
  const years = [...new Set([thisYear, ...(view?.years ?? [])])].sort((a, b) => b - a);

  return (
    <Card
      title={t('plans.panelTitle')}
      data-testid="plan-panel"
      extra={
        <Space wrap>
          <Select
            size="small"
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: y }))}
            aria-label={t('plans.year')}
            data-testid="plan-year"
            style={{ width: 90 }}
          />
          {view?.plan && (
            <LinkButton
              size="small"
              icon={<PrinterOutlined />}
              to={`/households/${householdId}/card?year=${year}`}
              data-testid="plan-print-card"
            >
              {t('plans.printCard')}
            </LinkButton>
          )}
        </Space>
      }
    >
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {view && <PlanBody view={view} year={year} />}
    </Card>
  );
}

function PlanBody({ view, year }: { view: PlanView; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mutation = usePlanMutation(view.household.id, year);
  if (!view.household.planned && !view.plan)
    return <Typography.Text type="secondary">{t('plans.notPlanned')}</Typography.Text>;
  if (!view.plan)
    return (
      <Flex vertical gap={12} align="flex-start">
        <Typography.Text data-testid="plan-none">{t('plans.noPlan', { year })}</Typography.Text>
        {view.canEdit && (
          <Button
            type="primary"
            icon={<ThunderboltOutlined />}
            loading={mutation.isPending}
            data-testid="plan-generate"
            onClick={() =>
              mutation.mutate(planRequests.generate(view.household.id, year), {
                onSuccess: () => void message.success(t('plans.generated')),
                onError: (e) => void message.error(errorMessage(e)),
              })
            }
          >
            {t('plans.generate')}
          </Button>
        )}
      </Flex>
    );
  return <PlanDetail view={view} plan={view.plan} year={year} />;
}

function PlanDetail({ view, plan, year }: { view: PlanView; plan: Plan; year: number }) {
  const { t } = useTranslation();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const fmt = useFormat();
  const label = useCodeLabel();
  const { message } = App.useApp();
  const mutation = usePlanMutation(view.household.id, year);
  const catalogue = useCatalogue(view.canEdit);
  const [adding, setAdding] = useState<string | undefined>();
  const [note, setNote] = useState<{ measure: Measure; status: MeasureStatus } | null>(null);
  const [agreeing, setAgreeing] = useState(false);

  const onError = (e: unknown) => {
    if (isApiError(e) && e.status === 409 && e.code === 'E_CONFLICT') {
      void message.warning(t('plans.conflict'));
      return;
    }
    void message.error(errorMessage(e));
  };
  const send = (r: ReturnType<(typeof planRequests)[keyof typeof planRequests]>, done?: () => void) =>
    mutation.mutate(r, {
      onSuccess: () => {
        void message.success(t('plans.saved'));
        done?.();
      },
      onError,
    });

  const changeStatus = (m: Measure, status: MeasureStatus) => {
    if (status === 'completed' || status === 'cancelled') setNote({ measure: m, status });
    else send(planRequests.updateMeasure(m.id, { version: m.version, status }));
  };

  const used = new Set(plan.measures.filter((m) => m.status !== 'cancelled').map((m) => m.catalogueCode));
  const agreementText =
    plan.status === 'agreed' && plan.agreedBy
      ? t('plans.agreementSummary', {
          by: plan.agreedBy,
          at: plan.agreedAt ? fmt.date(plan.agreedAt) : '—',
          method: plan.agreementMethod ? t(`plans.method.${plan.agreementMethod}`) : '—',
        })
      : plan.status === 'declined'
        ? t('plans.declinedSummary', {
            by: plan.agreedBy ?? '—',
            at: plan.agreedAt ? fmt.date(plan.agreedAt) : '—',
            reason: plan.declineReason ?? '',
          })
        : null;

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center">
        <Tag color={PLAN_COLOR[plan.status]} data-testid="plan-status">
          {t(`plans.status.${plan.status}`)}
        </Tag>
        <Typography.Text type="secondary">
          {t('plans.ableToWork', { n: view.household.ableToWork })}
        </Typography.Text>
        {agreementText && <Typography.Text data-testid="plan-agreement">{agreementText}</Typography.Text>}
        {view.canEdit && (
          <Button size="small" onClick={() => setAgreeing(true)} data-testid="agreement-open">
            {t('plans.agreementOpen')}
          </Button>
        )}
      </Flex>
      {plan.fit.fits ? (
        <Alert type="success" showIcon title={t('plans.fits')} data-testid="plan-fit" data-fits="true" />
      ) : (
        <Alert
          type="warning"
          showIcon
          data-testid="plan-fit"
          data-fits="false"
          title={t('plans.notFits')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {plan.fit.problems.map((p, i) => (
                <li key={i} data-testid="plan-fit-problem">
                  {p.message[lang]}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <List
        size="small"
        bordered
        header={<Typography.Text strong>{t('plans.measures')}</Typography.Text>}
        locale={{ emptyText: <Empty description={t('plans.noMeasures')} /> }}
        dataSource={plan.measures}
        renderItem={(m) => (
          <List.Item key={m.id} data-testid={`measure-${m.id}`} style={{ display: 'block' }}>
            <Flex wrap justify="space-between" gap={8}>
              <div style={{ minWidth: 0, flex: '1 1 220px' }}>
                <Typography.Text
                  strong
                  delete={m.status === 'cancelled'}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {lang === 'en' ? m.nameEn : m.nameZh}
                </Typography.Text>{' '}
                <Tag>{t(`plans.batch.${m.batch}`, { defaultValue: m.batch })}</Tag>
                {m.overdue && (
                  <Tag color="red" data-testid={`measure-overdue-${m.id}`}>
                    {t('plans.overdue')}
                  </Tag>
                )}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                    {t('plans.amount')} {fmt.money(m.amount)} · {m.fundingSource ?? '—'} ·{' '}
                    {m.responsibleUnit ?? '—'} · {t('plans.deadline')}{' '}
                    {m.deadline ? fmt.date(m.deadline) : '—'}
                  </Typography.Text>
                </div>
                {m.outcome && (
                  <div style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                    {t('plans.outcome')}：{m.outcome}
                  </div>
                )}
              </div>
              {view.canEdit && m.status !== 'cancelled' ? (
                <Select
                  size="small"
                  value={m.status}
                  style={{ width: 110 }}
                  aria-label={t('plans.changeStatus')}
                  data-testid={`measure-status-${m.id}`}
                  onChange={(s: MeasureStatus) => changeStatus(m, s)}
                  options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`plans.measureStatus.${s}`) }))}
                />
              ) : (
                <Tag color={STATUS_COLOR[m.status]} data-testid={`measure-status-tag-${m.id}`}>
                  {t(`plans.measureStatus.${m.status}`)}
                </Tag>
              )}
            </Flex>
          </List.Item>
        )}
      />
      {view.canEdit && (
        <Flex wrap gap={8}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('plans.addPlaceholder')}
            value={adding}
            onChange={setAdding}
            style={{ flex: '1 1 220px', minWidth: 0 }}
            data-testid="measure-add-select"
            aria-label={t('plans.addMeasure')}
            options={(catalogue.data ?? [])
              .filter((e) => e.active && !used.has(e.code))
              .map((e) => ({
                value: e.code,
                label: `${lang === 'en' ? e.nameEn : e.nameZh}（${t(`plans.batch.${e.batch}`, { defaultValue: e.batch })}）`,
              }))}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!adding}
            loading={mutation.isPending}
            data-testid="measure-add"
            onClick={() =>
              adding &&
              send(planRequests.addMeasure(plan.id, { version: plan.version, catalogueCode: adding }), () =>
                setAdding(undefined),
              )
            }
          >
            {t('plans.add')}
          </Button>
        </Flex>
      )}
      {note && (
        <NoteModal
          status={note.status}
          pending={mutation.isPending}
          onCancel={() => setNote(null)}
          onOk={(text) =>
            send(
              planRequests.updateMeasure(note.measure.id, {
                version: note.measure.version,
                status: note.status,
                ...(note.status === 'completed' ? { outcome: text } : { reason: text }),
              }),
              () => setNote(null),
            )
          }
        />
      )}
      {agreeing && (
        <AgreementModal
          members={view.household.presentMembers}
          pending={mutation.isPending}
          onCancel={() => setAgreeing(false)}
          onOk={(body) =>
            send(planRequests.agreement(plan.id, { version: plan.version, ...body }), () =>
              setAgreeing(false),
            )
          }
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('plans.mainCause')}：{label('poverty_cause', view.household.mainCause)}
      </Typography.Text>
    </Flex>
  );
}

function NoteModal({
  status,
  pending,
  onOk,
  onCancel,
}: {
  status: MeasureStatus;
  pending: boolean;
  onOk: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const completed = status === 'completed';
  return (
    <Modal
      open
      title={completed ? t('plans.outcomeTitle') : t('plans.cancelTitle')}
      onCancel={onCancel}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'measure-note-ok' } as ButtonProps}
      onOk={() => void form.validateFields().then((v) => onOk(v.text.trim()))}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="text"
          label={completed ? t('plans.outcome') : t('audit.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: completed ? t('plans.outcomeRequired') : t('plans.cancelRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="measure-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AgreementModal({
  members,
  pending,
  onOk,
  onCancel,
}: {
  members: string[];
  pending: boolean;
  onOk: (body: Record<string, unknown>) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{
    agreed: boolean;
    by: string;
    method?: string;
    at?: { toISOString(): string };
    declineReason?: string;
  }>();
  const agreed = Form.useWatch('agreed', form) ?? true;
  return (
    <Modal
      open
      title={t('plans.agreementOpen')}
      onCancel={onCancel}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'agreement-submit' } as ButtonProps}
      onOk={() =>
        void form.validateFields().then((v) =>
          onOk({
            agreed: v.agreed,
            by: v.by,
            method: v.method,
            at: v.at ? v.at.toISOString() : undefined,
            declineReason: v.agreed ? undefined : v.declineReason,
          }),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ agreed: true, by: members[0] }}>
        <Form.Item name="agreed">
          <Radio.Group
            data-testid="agreement-agreed"
            options={[
              { value: true, label: t('plans.agree') },
              { value: false, label: t('plans.decline') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="by"
          label={t('plans.agreedBy')}
          rules={[{ required: true, message: t('plans.byRequired') }]}
        >
          <Select data-testid="agreement-by" options={members.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item
          name="method"
          label={t('plans.agreementMethod')}
          rules={agreed ? [{ required: true, message: t('plans.methodRequired') }] : []}
        >
          <Select
            data-testid="agreement-method"
            options={AGREEMENT_METHODS.filter((m) => m !== 'portal').map((m) => ({
              value: m,
              label: t(`plans.method.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="at" label={t('plans.agreedAt')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        {!agreed && (
          <Form.Item
            name="declineReason"
            label={t('plans.declineReason')}
            rules={[{ required: true, whitespace: true, message: t('plans.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="agreement-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
