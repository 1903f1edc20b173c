import { useState } from 'react';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  useEffortWrite,
  useIncentiveRules,
  useShop,
  useWages,
  useWorkRelief,
  type IncentiveRules,
  type WorkReliefProject,
} from '../api/effort';

type Rule = IncentiveRules['rules'][number];
import { useHousehold } from '../api/households';
import { errorMessage } from '../components/ErrorResult';
import { HouseholdPicker } from '../components/pickers/HouseholdPicker';
import { RegionPickField } from '../components/RegionSearchSelect';
import { PageHeader } from '../components/PageHeader';
import { PendingProgressTable } from '../components/effort/PendingProgressTable';
import { useLang } from '../i18n';

/**
 * Commitment progress awaiting confirmation, work relief (以工代赈) wages and the points shop (积分超市)
 * with the county's rules: `/effort`.
 */
export default function EffortPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('effort.tab')} subtitle={t('effort.reachesIncome')} />
      <Tabs
        items={[
          { key: 'pending', label: t('effort.pending.title'), children: <PendingProgressTable /> },
          { key: 'work-relief', label: t('effort.workReliefTitle'), children: <WorkRelief /> },
          { key: 'shop', label: t('effort.shopTitle'), children: <Shop /> },
          { key: 'rules', label: t('effort.rulesTitle'), children: <Rules /> },
        ]}
      />
    </>
  );
}

function WorkRelief() {
  const { t } = useTranslation();
  const projects = useWorkRelief();
  const [picked, setPicked] = useState<string | null>(null);
  const wages = useWages(picked);
  if (projects.isError) return <Alert type="error" showIcon title={errorMessage(projects.error)} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="work-relief">
      <Table<WorkReliefProject>
        size="small"
        rowKey="id"
        loading={projects.isLoading}
        dataSource={projects.data ?? []}
        onRow={(r) => ({ onClick: () => setPicked(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('effort.project'), dataIndex: 'name' },
          { title: t('effort.year'), dataIndex: 'startYear' },
          { title: t('effort.wageCount'), dataIndex: 'wages' },
          { title: t('effort.workers'), dataIndex: 'workers' },
          { title: t('effort.paid'), dataIndex: 'paid' },
        ]}
      />
      {picked && <PayWage projectId={picked} />}
      {picked && (
        <Table
          size="small"
          rowKey="id"
          loading={wages.isLoading}
          dataSource={wages.data ?? []}
          columns={[
            { title: t('effort.member'), dataIndex: 'memberName' },
            { title: t('effort.wagePeriod'), dataIndex: 'period' },
            { title: t('effort.days'), dataIndex: 'days' },
            { title: t('effort.amount'), dataIndex: 'amount' },
            { title: t('effort.paidOn'), dataIndex: 'paidOn' },
          ]}
        />
      )}
    </Space>
  );
}

interface WageForm {
  householdId: string;
  memberId: string;
  period: string;
  days: number;
  amount: number;
  paidOn: Dayjs;
}

/** A wage paid to a member: the household found by name or number, the member picked by name. */
function PayWage({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WageForm>();
  const householdId = Form.useWatch('householdId', form);
  const household = useHousehold(householdId ?? '', false, !!householdId);
  const pay = useEffortWrite<{ id: string }>((b) => `/api/effort/projects/${encodeURIComponent(b.id)}/wages`);
  const need = (field: string) => ({
    required: true,
    message: t('effort.form.required', { field: t(field as never) }),
  });
  return (
    <Form<WageForm>
      form={form}
      layout="inline"
      onFinish={({ householdId: _h, paidOn, ...v }) =>
        pay.mutate({ id: projectId, body: { ...v, paidOn: paidOn.format('YYYY-MM-DD') } })
      }
      data-testid="pay-wage"
    >
      <Form.Item
        name="householdId"
        label={t('effort.pending.household')}
        rules={[need('effort.pending.household')]}
      >
        <HouseholdPicker testId="wage-household" />
      </Form.Item>
      <Form.Item name="memberId" label={t('effort.member')} rules={[need('effort.member')]}>
        <Select
          style={{ width: 120 }}
          disabled={!household.data}
          options={(household.data?.members ?? []).map((m) => ({ value: m.id, label: m.name }))}
        />
      </Form.Item>
      <Form.Item
        name="period"
        label={t('effort.wagePeriod')}
        rules={[
          need('effort.wagePeriod'),
          { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: t('effort.form.month') },
        ]}
      >
        <Input placeholder="2026-10" style={{ width: 100 }} />
      </Form.Item>
      <Form.Item name="days" label={t('effort.days')} rules={[need('effort.days')]}>
        <InputNumber min={1} max={31} />
      </Form.Item>
      <Form.Item name="amount" label={t('effort.amount')} rules={[need('effort.amount')]}>
        <InputNumber min={1} />
      </Form.Item>
      <Form.Item name="paidOn" label={t('effort.paidOn')} rules={[need('effort.paidOn')]}>
        <DatePicker />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={pay.isPending}>
        {t('effort.pay')}
      </Button>
      {pay.isError && <Typography.Text type="danger">{errorMessage(pay.error)}</Typography.Text>}
      {pay.isSuccess && <Tag color="green">{t('effort.saved')}</Tag>}
    </Form>
  );
}

function Shop() {
  const { t } = useTranslation();
  const shop = useShop();
  const add = useEffortWrite<object>(() => '/api/effort/shop');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="points-shop">
      <Form<{ regionCode: string; name: string; points: number }>
        layout="inline"
        onFinish={(v) => add.mutate({ body: v })}
      >
        <Form.Item
          name="regionCode"
          label={t('effort.shopRegion')}
          rules={[{ required: true, message: t('effort.form.required', { field: t('effort.shopRegion') }) }]}
        >
          <RegionPickField lengths={[9, 12]} testId="shop-region" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('effort.item')}
          rules={[{ required: true, message: t('effort.form.required', { field: t('effort.item') }) }]}
        >
          <Input style={{ width: 140 }} maxLength={100} />
        </Form.Item>
        <Form.Item
          name="points"
          label={t('effort.points')}
          rules={[{ required: true, message: t('effort.form.required', { field: t('effort.points') }) }]}
        >
          <InputNumber min={1} max={100000} />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {t('effort.addItem')}
        </Button>
        {add.isError && <Typography.Text type="danger">{errorMessage(add.error)}</Typography.Text>}
      </Form>
      <Table
        size="small"
        rowKey="id"
        loading={shop.isLoading}
        dataSource={shop.data ?? []}
        columns={[
          { title: t('effort.shopRegion'), dataIndex: 'regionCode' },
          { title: t('effort.item'), dataIndex: 'name' },
          { title: t('effort.points'), dataIndex: 'points' },
        ]}
      />
    </Space>
  );
}

function Rules() {
  const { t } = useTranslation();
  const lang = useLang();
  const rules = useIncentiveRules();
  if (rules.isError) return <Alert type="error" showIcon title={errorMessage(rules.error)} />;
  return (
    <Table
      size="small"
      rowKey="code"
      loading={rules.isLoading}
      dataSource={rules.data?.rules ?? []}
      columns={[
        {
          title: t('effort.rule'),
          render: (_: unknown, r: Rule) => (lang === 'en' ? r.labelEn : r.labelZh),
        },
        { title: t('effort.points'), dataIndex: 'points' },
        {
          title: t('effort.state'),
          render: (_: unknown, r: Rule) =>
            r.own && r.active ? (
              <Tag color="green">{t('effort.own')}</Tag>
            ) : (
              <Tag>{t('effort.template')}</Tag>
            ),
        },
      ]}
    />
  );
}
