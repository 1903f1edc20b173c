import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssistanceLabel } from '../components/assistance/labels';
import { useParams } from 'react-router-dom';
import { useProject, type ProjectDetail } from '../api/assistance';
import { useFormat } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { FullPageSpin } from '../components/RequireAuth';
import { StatusTag } from '../components/StatusTag';
import { useIsManager } from '../components/assistance/manager';
import { FollowUpModal } from '../components/assistance/FollowUpModal';
import { AttachmentPanel } from '../components/attachments/AttachmentPanel';
import {
  BeneficiaryModal,
  BenefitModal,
  CompleteModal,
  FundModal,
} from '../components/assistance/ProjectForms';
import { HouseholdLink } from '../components/household/HouseholdLink';
import { PracticeFromFinding } from '../components/practice/PracticeFromFinding';
import { RelevantPractices } from '../components/practice/RelevantPractices';

type Beneficiary = ProjectDetail['beneficiaryList'][number];

/** One project: indicators, linkage, funds by source, beneficiaries with yearly benefit, follow-ups, signals. */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const L = useAssistanceLabel();
  const fmt = useFormat();
  const manager = useIsManager();
  const q = useProject(id);
  const [dialog, setDialog] = useState<'followup' | 'fund' | 'beneficiary' | 'benefit' | 'complete' | null>(
    null,
  );
  const close = () => setDialog(null);
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <FullPageSpin />;
  const p = q.data;
  const years = [...new Set(p.beneficiaryList.flatMap((b) => Object.keys(b.benefits)))].sort().slice(-4);
  return (
    <div data-testid="project-page">
      <PageHeader
        title={p.name}
        subtitle={`${p.villageName} · ${L('projectType', p.projectType)}`}
        extra={
          manager && (
            <>
              {!p.completedOn && (
                <Button onClick={() => setDialog('complete')} data-testid="complete-open">
                  {t('assistance.markCompleted')}
                </Button>
              )}
              <Button type="primary" onClick={() => setDialog('followup')} data-testid="followup-open">
                {t('assistance.recordFollowUp')}
              </Button>
            </>
          )
        }
      />
      <Flex wrap gap={4} style={{ marginBottom: 12 }} data-testid="project-signals">
        {p.bonsai && (
          <Tag color="magenta">{t('assistance.bonsai', { ratio: fmt.number(p.costRatio, 1) })}</Tag>
        )}
        {p.idle.map((r) => (
          <Tag key={r} color="orange">
            {L('idleReason', r)}
          </Tag>
        ))}
        {p.idle.length > 0 && (
          <PracticeFromFinding
            testId="idle-to-practice"
            draft={{
              kind: 'failure',
              regionCode: p.villageCode,
              title: `${p.name}：${p.idle.map((r) => L('idleReason', r)).join('、')}`.slice(0, 200),
              summary:
                `${p.villageName} ${p.name}：${p.idle.map((r) => L('idleReason', r)).join('、')}`.slice(
                  0,
                  1000,
                ),
              projectIds: [p.id],
            }}
          />
        )}
      </Flex>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('assistance.startYear')}>{p.startYear}</Descriptions.Item>
          <Descriptions.Item label={t('assistance.completed')}>
            {p.completedOn ? fmt.date(p.completedOn) : t('assistance.notCompleted')}
          </Descriptions.Item>
          <Descriptions.Item label={t('assistance.operator')}>{p.operator}</Descriptions.Item>
          <Descriptions.Item label={t('assistance.allocated')}>
            <span data-testid="project-allocated">{fmt.money(p.allocated)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('assistance.disbursed')}>
            <span data-testid="project-disbursed">{fmt.money(p.disbursed)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('assistance.costPerBeneficiary')}>
            {fmt.money(p.costPerBeneficiary)} ({t('assistance.peerMedian')} {fmt.money(p.peerMedian)})
          </Descriptions.Item>
          <Descriptions.Item label={t('assistance.linkages')}>
            {p.linkages.map((l) => L('linkage', l)).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('assistance.linkageNote')} span={2}>
            {p.linkageNote}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('assistance.indicators')} style={{ marginBottom: 12 }}>
        {p.indicators.map((i) => (
          <div key={i.id}>
            {i.name}：{fmt.number(i.targetValue)} {i.unit}
          </div>
        ))}
      </Card>
      <Card
        size="small"
        title={t('assistance.funds')}
        style={{ marginBottom: 12 }}
        extra={
          manager && (
            <Button size="small" onClick={() => setDialog('fund')} data-testid="fund-open">
              {t('assistance.addFund')}
            </Button>
          )
        }
      >
        <Table
          data-testid="fund-table"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p.funds}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('assistance.source'),
              dataIndex: 'source',
              render: (s: string) => L('fundSource', s),
            },
            { title: t('assistance.year'), dataIndex: 'year' },
            {
              title: t('assistance.allocated'),
              dataIndex: 'allocated',
              align: 'right',
              render: (n: number) => fmt.money(n),
            },
            {
              title: t('assistance.disbursed'),
              dataIndex: 'disbursed',
              align: 'right',
              render: (n: number) => fmt.money(n),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={`${t('assistance.followups')} (${p.followups.length})`}
        style={{ marginBottom: 12 }}
      >
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 5 }}
          dataSource={p.followups}
          scroll={{ x: 'max-content' }}
          data-testid="followup-table"
          expandable={{
            expandedRowRender: (f) => <AttachmentPanel ownerKind="project_followup" ownerId={String(f.id)} />,
          }}
          columns={[
            { title: t('assistance.checkedOn'), dataIndex: 'checkedOn', render: (d: string) => fmt.date(d) },
            {
              title: t('assistance.operatingStatus'),
              dataIndex: 'operatingStatus',
              render: (s: string) => L('opStatus', s),
            },
            {
              title: t('assistance.assetStatus'),
              dataIndex: 'assetStatus',
              render: (s: string) => L('asset', s),
            },
            {
              title: t('assistance.incomePersists'),
              dataIndex: 'incomePersists',
              render: (b: boolean) => (b ? t('assistance.yes') : t('assistance.no')),
            },
            { title: t('assistance.revivalPlan'), dataIndex: 'revivalPlan' },
          ]}
        />
      </Card>
      <Card size="small" title={`${t('assistance.beneficiaryList')} (${p.beneficiaries})`}>
        {manager && (
          <Flex wrap gap={8} style={{ marginBottom: 8 }}>
            <Button size="small" onClick={() => setDialog('beneficiary')} data-testid="beneficiary-open">
              {t('assistance.addBeneficiary')}
            </Button>
            {p.beneficiaryList.length > 0 && (
              <Button size="small" onClick={() => setDialog('benefit')} data-testid="benefit-open">
                {t('assistance.recordBenefit')}
              </Button>
            )}
          </Flex>
        )}
        <Table<Beneficiary>
          rowKey="householdId"
          size="small"
          pagination={{ pageSize: 10 }}
          dataSource={p.beneficiaryList}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('assistance.household'),
              key: 'h',
              render: (_: unknown, b) => (
                <HouseholdLink
                  householdId={b.householdId}
                  headName={b.headName}
                  householdNo={b.householdNo}
                />
              ),
            },
            { title: '', dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
            {
              title: t('assistance.linkages'),
              dataIndex: 'linkageType',
              render: (l: string) => L('linkage', l),
            },
            ...years.map((y) => ({
              title: `${y}`,
              key: y,
              align: 'right' as const,
              render: (_: unknown, b: Beneficiary) => fmt.number(b.benefits[y] ?? null),
            })),
          ]}
        />
      </Card>
      <AttachmentPanel ownerKind="project" ownerId={id} />
      <div style={{ marginTop: 12 }}>
        <RelevantPractices projectId={id} />
      </div>
      {dialog === 'followup' && <FollowUpModal projectId={id} onClose={close} />}
      {dialog === 'fund' && <FundModal projectId={id} onClose={close} />}
      {dialog === 'beneficiary' && <BeneficiaryModal project={p} onClose={close} />}
      {dialog === 'benefit' && <BenefitModal project={p} onClose={close} />}
      {dialog === 'complete' && <CompleteModal project={p} onClose={close} />}
    </div>
  );
}
