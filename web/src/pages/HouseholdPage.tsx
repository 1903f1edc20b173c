import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCodeLabel } from '../api/codeLists';
import { errorMessage, ErrorResult } from '../components/ErrorResult';
import { householdKey, useHousehold, type HouseholdRecord } from '../api/households';
import { LinkButton } from '../components/LinkButton';
import { FullPageSpin } from '../components/RequireAuth';
import { StatusTag } from '../components/StatusTag';
import { BasicInfo, LivingConditions } from '../components/household/HouseholdInfo';
import { IncomeSection } from '../components/household/IncomeSection';
import { HouseholdFactsPanel } from './household/HouseholdFactsPanel';
import { RulesPanel } from './household/RulesPanel';
import { MembersTable } from '../components/household/MembersTable';
import { StatusHistory } from '../components/household/StatusHistory';
import { HouseholdChanges } from '../components/household/HouseholdChanges';
import { EditDrawer } from '../components/household/edit/EditDrawer';
import { HouseholdFlags } from '../components/matching/HouseholdFlags';
import { HouseholdRulePanel } from '../components/rules/HouseholdRulePanel';
import { HouseholdPlanPanel } from '../components/plans/HouseholdPlanPanel';
import { AttachmentPanel } from '../components/attachments/AttachmentPanel';
import { MemberEventsPanel } from '../components/registration/MemberEvents';
import { HouseholdCadreCard } from '../components/responsibility/HouseholdCadreCard';
import { HouseholdWarnings } from '../components/warnings/HouseholdWarnings';
import { HouseholdNextSteps } from '../components/inbox/NextSteps';
import { PortalAccessCard } from '../components/portal/PortalAccessCard';
import { AssistanceHistory } from './safety-net/AssistanceHistory';
import { HouseholdEffortPanel } from '../components/effort/HouseholdEffortPanel';

/** One household: `/households/:id`. */
export default function HouseholdPage() {
  const { id = '' } = useParams();
  return <HouseholdView key={id} id={id} />;
}

function HouseholdView({ id }: { id: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [unmask, setUnmask] = useState(false);
  const [editing, setEditing] = useState(false);
  const masked = useHousehold(id, false);
  const full = useHousehold(id, true, unmask);

  if (masked.isError)
    return <ErrorResult error={masked.error} subject="household" onRetry={() => void masked.refetch()} />;
  if (!masked.data) return <FullPageSpin />;
  const record = unmask && full.data ? full.data : masked.data;

  const hide = () => {
    setUnmask(false);
    qc.removeQueries({ queryKey: householdKey(id, true) });
  };

  const unmaskControl = masked.data.canUnmask && (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {unmask && full.data ? (
        <Alert type="warning" showIcon title={t('household.unmaskedNotice')} data-testid="unmask-notice" />
      ) : (
        <Alert type="info" showIcon title={t('household.unmaskNotice')} data-testid="unmask-notice" />
      )}
      {full.isError && <Alert type="error" showIcon title={errorMessage(full.error)} />}
    </Space>
  );

  return (
    <Flex vertical gap={16} data-testid="household-page">
      <Header
        record={record}
        actions={
          <>
            <LinkButton to="/households" icon={<ArrowLeftOutlined />}>
              {t('household.back')}
            </LinkButton>
            {masked.data.canEdit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-open">
                {t('edit.open')}
              </Button>
            )}
            {masked.data.canUnmask &&
              (unmask ? (
                <Button icon={<EyeInvisibleOutlined />} onClick={hide} data-testid="hide-full">
                  {t('household.hideFull')}
                </Button>
              ) : (
                <Button
                  type="primary"
                  danger
                  icon={<EyeOutlined />}
                  onClick={() => setUnmask(true)}
                  data-testid="show-full"
                >
                  {t('household.showFull')}
                </Button>
              ))}
            {unmask && full.isFetching && (
              <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
            )}
          </>
        }
      />
      {unmaskControl}
      <HouseholdNextSteps householdId={id} />
      <BasicInfo h={record.household} villagePath={record.path.map((r) => r.name).join(' / ')} />
      <LivingConditions h={record.household} />
      <MembersTable members={record.members} masked={record.masked} />
      <MemberEventsPanel
        householdId={id}
        version={record.household.version}
        members={record.members}
        canEdit={masked.data.canEdit}
      />
      <IncomeSection years={record.years} />
      <HouseholdFactsPanel householdId={id} members={record.members} canEdit={masked.data.canEdit} />
      <HouseholdRulePanel householdId={id} />
      <RulesPanel householdId={id} />
      <HouseholdWarnings householdId={id} />
      <HouseholdPlanPanel householdId={id} />
      <HouseholdEffortPanel householdId={id} canEdit={masked.data.canEdit} members={record.members} />
      <AttachmentPanel ownerKind="household" ownerId={id} />
      <AssistanceHistory householdId={id} />
      <HouseholdCadreCard
        householdId={id}
        label={`${record.household.headName ?? ''} ${record.household.householdNo}`}
      />
      {masked.data.canEdit && <PortalAccessCard householdId={id} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Causes record={record} />
        </Col>
        <Col xs={24} lg={12}>
          <StatusHistory history={record.statusHistory} />
        </Col>
      </Row>
      <HouseholdChanges householdId={id} />
      {editing && <EditDrawer record={record} onClose={() => setEditing(false)} />}
      <HouseholdFlags householdId={id} />
    </Flex>
  );
}

function Header({ record, actions }: { record: HouseholdRecord; actions: React.ReactNode }) {
  const label = useCodeLabel();
  const h = record.household;
  const village = record.path[record.path.length - 1];
  return (
    <Card data-testid="household-header">
      <Flex wrap justify="space-between" gap={12}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
            <span data-testid="household-head-name">{h.headName ?? '—'}</span>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 16 }} data-testid="household-no">
              {h.householdNo}
            </Typography.Text>
          </Typography.Title>
          <div style={{ margin: '4px 0 8px' }}>
            {record.path.map((r, i) => (
              <span key={r.code}>
                {i > 0 && ' / '}
                {r === village ? <Link to={`/households?region=${r.code}`}>{r.name}</Link> : r.name}
              </span>
            ))}
          </div>
          <Space size={4} wrap>
            <StatusTag status={h.status} />
            <Tag>{label('household_type', h.householdType)}</Tag>
            {h.monitoringCategory && (
              <Tag color="orange">{label('monitoring_category', h.monitoringCategory)}</Tag>
            )}
          </Space>
        </div>
        <Flex wrap gap={8} align="flex-start">
          {actions}
        </Flex>
      </Flex>
    </Card>
  );
}

function Causes({ record }: { record: HouseholdRecord }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const h = record.household;
  return (
    <Card title={t('household.causes')} data-testid="household-causes">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'main',
            label: t('household.mainCause'),
            children: h.mainCause ? <Tag color="red">{label('poverty_cause', h.mainCause)}</Tag> : '—',
          },
          {
            key: 'other',
            label: t('household.otherCauses'),
            children: h.otherCauses.length
              ? h.otherCauses.map((c) => <Tag key={c}>{label('poverty_cause', c)}</Tag>)
              : '—',
          },
        ]}
      />
    </Card>
  );
}
