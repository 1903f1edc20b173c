import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  Tabs,
  Typography,
} from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import {
  useAssignCadre,
  useCadres,
  useCreateTeam,
  useGap,
  usePlan,
  useSetPlanRule,
  useSummary,
  type Cadre,
  type GapHousehold,
  type NoTeamItem,
  type OverdueItem,
} from '../api/responsibility';
import { useFormat } from '../i18n/format';
import { errorMessage } from '../components/ErrorResult';
import { KpiCard } from '../components/KpiCard';
import { PageHeader } from '../components/PageHeader';
import { StatusTag } from '../components/StatusTag';
import { VisitForm } from '../components/responsibility/VisitForm';

type Level = 'province' | 'prefecture' | 'county' | 'township' | 'village';
type Kind = 'poor' | 'monitored' | 'exited';

const TABS = ['noCadre', 'overdue', 'noTeam', 'cadres', 'plan'] as const;
type Tab = (typeof TABS)[number];

const householdLink = (h: GapHousehold) => (
  <Link to={`/households/${h.householdId}`}>
    {h.headName} <Typography.Text type="secondary">{h.householdNo}</Typography.Text>
  </Link>
);

/** Gap lists and their fixes (`/responsibility?tab&region&page`): assign a cadre, record a visit, station a team. */
export default function ResponsibilityPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'noCadre';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (patch: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...patch });
  const summary = useSummary(region);
  const s = summary.data;

  return (
    <div data-testid="responsibility-page">
      <PageHeader title={t('resp.title')} subtitle={t('resp.subtitle')} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <KpiCard
            testId="resp-kpi-without"
            title={t('resp.kpi.without')}
            value={s ? fmt.number(s.cadres.householdsWithout) : '—'}
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            testId="resp-kpi-overdue"
            title={t('resp.kpi.overdue')}
            value={s ? fmt.number(s.visits.overdue) : '—'}
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            testId="resp-kpi-noteam"
            title={t('resp.kpi.villagesWithout')}
            value={s ? fmt.number(s.teams.villagesWithout) : '—'}
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            testId="resp-kpi-cadres"
            title={t('resp.kpi.cadres')}
            value={s ? fmt.number(s.cadres.active) : '—'}
          />
        </Col>
      </Row>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k, page: '1' })}
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`resp-tab-${k}`}>{t(`resp.tabs.${k}`)}</span>,
        }))}
      />
      {tab === 'noCadre' && (
        <NoCadreList region={region} page={page} onPage={(p) => set({ page: String(p) })} />
      )}
      {tab === 'overdue' && (
        <OverdueList region={region} page={page} onPage={(p) => set({ page: String(p) })} />
      )}
      {tab === 'noTeam' && (
        <NoTeamList region={region} page={page} onPage={(p) => set({ page: String(p) })} />
      )}
      {tab === 'cadres' && <CadreList region={region} page={page} onPage={(p) => set({ page: String(p) })} />}
      {tab === 'plan' && <PlanEditor region={region} />}
    </div>
  );
}

interface ListProps {
  region: string;
  page: number;
  onPage: (p: number) => void;
}

function NoCadreList({ region, page, onPage }: ListProps) {
  const { t } = useTranslation();
  const gap = useGap<GapHousehold>('no-cadre', region, page);
  const [target, setTarget] = useState<GapHousehold>();
  const columns: TableColumnsType<GapHousehold> = [
    { title: t('resp.household'), key: 'h', render: (_: unknown, h) => householdLink(h) },
    { title: t('resp.village'), dataIndex: 'villageName' },
    { title: t('households.status'), dataIndex: 'status', render: (st: string) => <StatusTag status={st} /> },
    {
      key: 'fix',
      render: (_: unknown, h) => (
        <Button
          size="small"
          type="primary"
          onClick={() => setTarget(h)}
          data-testid={`assign-${h.householdId}`}
        >
          {t('resp.assign')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<GapHousehold>
        rowKey="householdId"
        size="small"
        loading={gap.isFetching}
        dataSource={gap.data?.items}
        columns={columns}
        data-testid="gap-no-cadre"
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: gap.data?.total ?? 0,
          onChange: onPage,
          showSizeChanger: false,
        }}
      />
      {target && <AssignModal household={target} onClose={() => setTarget(undefined)} />}
    </>
  );
}

function AssignModal({ household, onClose }: { household: GapHousehold; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ cadreId: string; reason: string }>();
  const [q, setQ] = useState('');
  // cadres of the household's township (village and township units) and of units above it
  const cadres = useCadres(household.villageCode.slice(0, 9), 1, q || undefined, 200);
  const assign = useAssignCadre();
  const onOk = async () => {
    const v = await form.validateFields();
    assign.mutate(
      { householdId: household.householdId, ...v },
      {
        onSuccess: () => {
          void message.success(t('resp.assigned'));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('resp.assignTitle', { name: household.headName ?? household.householdNo })}
      onOk={() => void onOk()}
      onCancel={onClose}
      confirmLoading={assign.isPending}
      okButtonProps={{ 'data-testid': 'assign-ok' } as ButtonProps}
    >
      {assign.isError && (
        <Alert type="error" showIcon title={errorMessage(assign.error)} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="cadreId"
          label={t('resp.cadre')}
          rules={[{ required: true, message: t('resp.required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={cadres.isFetching}
            data-testid="assign-cadre"
            options={(cadres.data?.items ?? []).map((c: Cadre) => ({
              value: c.id,
              label: `${c.name} · ${c.workUnit} (${c.caseload})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('resp.reason')}
          rules={[{ required: true, min: 2, message: t('resp.reasonRequired') }]}
        >
          <Input data-testid="assign-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function OverdueList({ region, page, onPage }: ListProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const gap = useGap<OverdueItem>('overdue-visits', region, page);
  const [target, setTarget] = useState<OverdueItem>();
  const columns: TableColumnsType<OverdueItem> = [
    { title: t('resp.household'), key: 'h', render: (_: unknown, h) => householdLink(h) },
    { title: t('resp.village'), dataIndex: 'villageName' },
    { title: t('households.status'), dataIndex: 'status', render: (st: string) => <StatusTag status={st} /> },
    {
      title: t('resp.lastVisit'),
      dataIndex: 'lastVisit',
      render: (d: string | null) => (d ? fmt.date(d) : t('resp.neverVisited')),
    },
    { title: t('resp.dueOn'), dataIndex: 'dueOn', render: (d: string | null) => fmt.date(d) },
    { title: t('resp.cadre'), dataIndex: 'cadreName', render: (n: string | null) => n ?? '—' },
    {
      key: 'fix',
      render: (_: unknown, h) => (
        <Button
          size="small"
          type="primary"
          onClick={() => setTarget(h)}
          data-testid={`visit-${h.householdId}`}
        >
          {t('resp.record')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<OverdueItem>
        rowKey="householdId"
        size="small"
        loading={gap.isFetching}
        dataSource={gap.data?.items}
        columns={columns}
        data-testid="gap-overdue"
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: gap.data?.total ?? 0,
          onChange: onPage,
          showSizeChanger: false,
        }}
      />
      {target && (
        <Modal open footer={null} title={t('resp.recordVisit')} onCancel={() => setTarget(undefined)}>
          <VisitForm
            households={[
              { value: target.householdId, label: `${target.headName ?? ''} ${target.householdNo}` },
            ]}
            householdId={target.householdId}
            onSaved={() => setTarget(undefined)}
          />
        </Modal>
      )}
    </>
  );
}

function NoTeamList({ region, page, onPage }: ListProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const gap = useGap<NoTeamItem>('no-team', region, page);
  const [target, setTarget] = useState<NoTeamItem>();
  const columns: TableColumnsType<NoTeamItem> = [
    {
      title: t('resp.village'),
      key: 'v',
      render: (_: unknown, v) => <Link to={`/regions?parent=${v.villageCode}`}>{v.villageName}</Link>,
    },
    { title: t('resp.township'), dataIndex: 'townshipName' },
    { title: t('resp.lastTeamEnd'), dataIndex: 'lastTeamEnd', render: (d: string | null) => fmt.date(d) },
    {
      key: 'fix',
      render: (_: unknown, v) => (
        <Button
          size="small"
          type="primary"
          onClick={() => setTarget(v)}
          data-testid={`team-${v.villageCode}`}
        >
          {t('resp.createTeam')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<NoTeamItem>
        rowKey="villageCode"
        size="small"
        loading={gap.isFetching}
        dataSource={gap.data?.items}
        columns={columns}
        data-testid="gap-no-team"
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: gap.data?.total ?? 0,
          onChange: onPage,
          showSizeChanger: false,
        }}
      />
      {target && <TeamModal village={target} onClose={() => setTarget(undefined)} />}
    </>
  );
}

function TeamModal({ village, onClose }: { village: NoTeamItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateTeam();
  const [form] = Form.useForm<{
    sendingUnit: string;
    startDate: string;
    secretary: string;
    members?: string;
    reason: string;
  }>();
  const onOk = async () => {
    const v = await form.validateFields();
    const members = (v.members ?? '')
      .split(/[、,，\s]+/)
      .filter(Boolean)
      .map((name) => ({ name, role: 'member', workUnit: v.sendingUnit }));
    create.mutate(
      {
        villageCode: village.villageCode,
        sendingUnit: v.sendingUnit,
        startDate: v.startDate,
        reason: v.reason,
        members: [{ name: v.secretary, role: 'first_secretary', workUnit: v.sendingUnit }, ...members],
      },
      {
        onSuccess: () => {
          void message.success(t('resp.teamCreated'));
          onClose();
        },
      },
    );
  };
  const req = [{ required: true, message: t('resp.required') }];
  return (
    <Modal
      open
      title={t('resp.teamTitle', { name: village.villageName })}
      onOk={() => void onOk()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'team-ok' } as ButtonProps}
    >
      {create.isError && (
        <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ startDate: new Date().toISOString().slice(0, 10) }}
      >
        <Form.Item name="sendingUnit" label={t('resp.sendingUnit')} rules={req}>
          <Input data-testid="team-unit" />
        </Form.Item>
        <Form.Item
          name="startDate"
          label={t('resp.startDate')}
          rules={[...req, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}
        >
          <Input type="date" data-testid="team-start" />
        </Form.Item>
        <Form.Item name="secretary" label={t('resp.secretary')} rules={req}>
          <Input data-testid="team-secretary" />
        </Form.Item>
        <Form.Item name="members" label={t('resp.members')}>
          <Input data-testid="team-members" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('resp.reason')}
          rules={[{ required: true, min: 2, message: t('resp.reasonRequired') }]}
        >
          <Input data-testid="team-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CadreList({ region, page, onPage }: ListProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const cadres = useCadres(region, page, q || undefined);
  const columns: TableColumnsType<Cadre> = [
    { title: t('resp.cadre'), dataIndex: 'name' },
    { title: t('resp.workUnit'), dataIndex: 'workUnit' },
    {
      title: t('resp.unitLevel'),
      dataIndex: 'unitLevel',
      render: (l: string) => t(`resp.levels.${l as Level}`),
    },
    { title: t('resp.phone'), dataIndex: 'phone' },
    { title: t('resp.caseload'), dataIndex: 'caseload' },
    { title: t('resp.account'), dataIndex: 'username', render: (u: string | null) => u ?? '—' },
  ];
  return (
    <>
      <Input.Search
        allowClear
        style={{ maxWidth: 280, marginBottom: 12 }}
        onSearch={setQ}
        data-testid="cadre-search"
      />
      <Table<Cadre>
        rowKey="id"
        size="small"
        loading={cadres.isFetching}
        dataSource={cadres.data?.items}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: cadres.data?.total ?? 0,
          onChange: onPage,
          showSizeChanger: false,
        }}
      />
    </>
  );
}

function PlanEditor({ region }: { region: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const scope = region || user.scope.code;
  const plan = usePlan(scope);
  const setRule = useSetPlanRule();
  const [edit, setEdit] = useState<{ kind: string; n: number; reason: string }>();
  const mayEdit = user.permissions.editVisitPlan;
  return (
    <div data-testid="visit-plan">
      {setRule.isError && (
        <Alert type="error" showIcon title={errorMessage(setRule.error)} style={{ marginBottom: 12 }} />
      )}
      <Table
        rowKey="kind"
        size="small"
        pagination={false}
        dataSource={plan.data?.effective}
        columns={[
          {
            title: t('resp.household'),
            dataIndex: 'kind',
            render: (k: string) => t(`resp.kinds.${k as Kind}`),
          },
          { title: t('resp.visitsPerYear'), dataIndex: 'visitsPerYear' },
          {
            title: t('resp.regionPrefix'),
            dataIndex: 'regionPrefix',
            render: (p: string | null) => (p ? p : t('resp.national')),
          },
          {
            key: 'edit',
            render: (_: unknown, r: { kind: string; visitsPerYear: number | null }) =>
              mayEdit && (
                <Button
                  size="small"
                  onClick={() => setEdit({ kind: r.kind, n: r.visitsPerYear ?? 0, reason: '' })}
                  data-testid={`plan-edit-${r.kind}`}
                >
                  {t('resp.setRule')}
                </Button>
              ),
          },
        ]}
      />
      {edit && (
        <Modal
          open
          title={`${t(`resp.kinds.${edit.kind as Kind}`)} · ${t('resp.visitsPerYear')}`}
          onCancel={() => setEdit(undefined)}
          confirmLoading={setRule.isPending}
          okButtonProps={{ disabled: edit.reason.trim().length < 2 }}
          onOk={() =>
            setRule.mutate(
              { regionPrefix: scope, kind: edit.kind, visitsPerYear: edit.n, reason: edit.reason },
              {
                onSuccess: () => {
                  void message.success(t('resp.ruleSaved'));
                  setEdit(undefined);
                },
              },
            )
          }
        >
          <InputNumber min={0} max={52} value={edit.n} onChange={(n) => setEdit({ ...edit, n: n ?? 0 })} />
          <Input
            style={{ marginTop: 12 }}
            placeholder={t('resp.reason')}
            value={edit.reason}
            onChange={(e) => setEdit({ ...edit, reason: e.target.value })}
          />
        </Modal>
      )}
    </div>
  );
}
