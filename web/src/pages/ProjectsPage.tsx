import { useState } from 'react';
import { Button, Card, Flex, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssistanceLabel } from '../components/assistance/labels';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useProjects, type ProjectItem } from '../api/assistance';
import { useFormat } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { useIsMobile } from '../components/responsive';
import { useIsManager } from '../components/assistance/manager';
import { NewProjectModal } from '../components/assistance/NewProjectModal';

/** The project library: `/projects?region&filter=idle|bonsai` (the idle list is a gap list to work through). */
export default function ProjectsPage() {
  const { t } = useTranslation();
  const L = useAssistanceLabel();
  const fmt = useFormat();
  const mobile = useIsMobile();
  const manager = useIsManager();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const filter = params.get('filter') ?? undefined;
  const list = useProjects(region, filter);
  const [creating, setCreating] = useState(false);
  if (list.isError && !list.data)
    return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const d = list.data;
  const signals = (p: ProjectItem) => (
    <Flex wrap gap={4}>
      {p.bonsai && <Tag color="magenta">{t('assistance.bonsai', { ratio: fmt.number(p.costRatio, 1) })}</Tag>}
      {p.idle.map((r) => (
        <Tag key={r} color="orange">
          {L('idleReason', r)}
        </Tag>
      ))}
    </Flex>
  );
  const columns: TableColumnsType<ProjectItem> = [
    {
      title: t('assistance.name'),
      key: 'name',
      render: (_: unknown, p) => <Link to={`/projects/${p.id}`}>{p.name}</Link>,
    },
    ...(mobile
      ? []
      : [
          {
            title: t('assistance.type'),
            dataIndex: 'projectType',
            render: (k: string) => L('projectType', k),
          },
          { title: t('assistance.village'), dataIndex: 'villageName' },
          {
            title: t('assistance.allocated'),
            dataIndex: 'allocated',
            align: 'right' as const,
            render: (n: number) => fmt.money(n),
          },
          {
            title: t('assistance.disbursedPct'),
            key: 'dp',
            align: 'right' as const,
            render: (_: unknown, p: ProjectItem) =>
              fmt.percent(p.allocated ? p.disbursed / p.allocated : null, 0),
          },
          { title: t('assistance.beneficiaries'), dataIndex: 'beneficiaries', align: 'right' as const },
          {
            title: t('assistance.costPerBeneficiary'),
            dataIndex: 'costPerBeneficiary',
            align: 'right' as const,
            render: (n: number | null) => fmt.money(n),
          },
          {
            title: t('assistance.latestStatus'),
            dataIndex: 'latestStatus',
            render: (s: string | null) => (s ? L('opStatus', s) : ''),
          },
        ]),
    { title: t('assistance.signals'), key: 'signals', render: (_: unknown, p) => signals(p) },
  ];
  const top = d?.concentration.top[0];
  return (
    <div data-testid="projects-page">
      <PageHeader
        title={t('assistance.projectsTitle')}
        subtitle={t('assistance.projectsSubtitle')}
        extra={
          manager && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="project-new">
              {t('assistance.newProject')}
            </Button>
          )
        }
      />
      {d && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Flex wrap gap={24}>
            <span data-testid="projects-funds">
              {t('assistance.summaryFunds')}: {fmt.money(d.funds.disbursed)} / {fmt.money(d.funds.allocated)}
            </span>
            <span>
              {t('assistance.concentration')}:{' '}
              {t('assistance.hhi', {
                hhi: fmt.number(d.concentration.hhi, 3),
                villages: d.concentration.villages,
              })}
            </span>
            {top && (
              <span>
                {t('assistance.topVillage', { name: top.villageName, share: fmt.percent(top.share, 1) })}
              </span>
            )}
          </Flex>
        </Card>
      )}
      <Tabs
        activeKey={filter ?? 'all'}
        onChange={(k) => setParams({ ...(region ? { region } : {}), ...(k === 'all' ? {} : { filter: k }) })}
        items={[
          { key: 'all', label: t('assistance.tabAll', { n: d?.counts.all ?? 0 }) },
          {
            key: 'idle',
            label: <span data-testid="tab-idle">{t('assistance.tabIdle', { n: d?.counts.idle ?? 0 })}</span>,
          },
          { key: 'bonsai', label: t('assistance.tabBonsai', { n: d?.counts.bonsai ?? 0 }) },
        ]}
      />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={d?.items}
        loading={list.isFetching}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
      />
      {creating && (
        <NewProjectModal
          onClose={() => setCreating(false)}
          onCreated={(id) => void navigate(`/projects/${id}`)}
        />
      )}
    </div>
  );
}
