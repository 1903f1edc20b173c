import { useState } from 'react';
import { AttachmentPanel } from '../components/attachments/AttachmentPanel';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCase, type CaseAction, type CaseDetail } from '../api/cases';
import { useFormat } from '../i18n/format';
import { ActionForm } from '../components/cases/ActionForm';
import { NextSteps } from '../components/cases/NextSteps';
import { CaseTimeline } from '../components/cases/CaseTimeline';
import { stateColor, useCaseLabels } from '../components/cases/labels';
import { ErrorResult } from '../components/ErrorResult';
import { CaseStepGuidance } from '../components/guidance/CaseStepGuidance';
import { PassiveExitCaseNote } from '../components/effort/PassiveExitCaseNote';
import { LinkButton } from '../components/LinkButton';
import { FullPageSpin } from '../components/RequireAuth';
import { StatusTag } from '../components/StatusTag';

/** One case: `/cases/:id` — its steps so far, the next steps for the signed-in user, the notice. */
export default function CasePage() {
  const { id = '' } = useParams();
  const c = useCase(id);
  if (c.isError) return <ErrorResult error={c.error} onRetry={() => void c.refetch()} />;
  if (!c.data) return <FullPageSpin />;
  return <CaseView key={id} c={c.data} />;
}

function CaseView({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useCaseLabels();
  const final = c.finalStates.includes(c.state);
  return (
    <Flex vertical gap={16} data-testid="case-page">
      <Card>
        <Flex wrap justify="space-between" gap={12}>
          <div style={{ minWidth: 0 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {labels.kind(c.kind)} <Typography.Text type="secondary">#{c.id}</Typography.Text>
            </Typography.Title>
            <Flex wrap gap={8} align="center" style={{ marginTop: 8 }}>
              <Tag color={stateColor(c.state, final)} data-testid="case-state" data-state={c.state}>
                {labels.state(c.state)}
              </Tag>
              <Link to={`/households/${c.household.id}`} data-testid="case-household">
                {c.household.headName} · {c.household.householdNo}
              </Link>
              <span>{c.household.villageName}</span>
              <StatusTag status={c.household.status} />
            </Flex>
          </div>
          <Flex wrap gap={8} align="flex-start">
            <LinkButton to="/cases" icon={<ArrowLeftOutlined />}>
              {t('cases.backToList')}
            </LinkButton>
            {c.hasNotice && (
              <LinkButton to={`/cases/${c.id}/notice`} icon={<PrinterOutlined />} data-testid="print-notice">
                {t('cases.printNotice')}
              </LinkButton>
            )}
          </Flex>
        </Flex>
        {c.deadline && (
          <Alert
            style={{ marginTop: 12 }}
            type={c.deadline.overdue ? 'error' : 'info'}
            showIcon
            data-testid="case-deadline"
            title={
              c.deadline.overdue
                ? `${t('cases.overdue')}：${t('cases.overdueDays', { count: -c.deadline.daysLeft })}`
                : t('cases.deadlineAlert', { due: fmt.date(c.deadline.due) })
            }
          />
        )}
        <PassiveExitCaseNote c={c} />
        {c.outcomeReason && (
          <Descriptions
            style={{ marginTop: 12 }}
            size="small"
            items={[
              {
                key: 'o',
                label: t('cases.outcome'),
                children: <span data-testid="case-outcome">{c.outcomeReason}</span>,
              },
            ]}
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('cases.actions')}>
            <Actions c={c} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('cases.timeline')}>
            <CaseTimeline entries={c.timeline} />
          </Card>
        </Col>
      </Row>
      <AttachmentPanel ownerKind="case" ownerId={c.id} />
    </Flex>
  );
}

function Actions({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [chosen, setChosen] = useState<string | null>(null);
  const action = c.actions.find((a) => a.action === chosen);
  if (c.actions.length === 0)
    return <Typography.Text type="secondary">{t('cases.noActions')}</Typography.Text>;
  const button = (a: CaseAction) => {
    const b = (
      <Button
        key={a.action}
        type={chosen === a.action ? 'primary' : 'default'}
        disabled={!a.allowed}
        onClick={() => setChosen(a.action)}
        data-testid={`action-${a.action}`}
      >
        {labels.action(a.action)}
      </Button>
    );
    return a.allowed ? (
      b
    ) : (
      <Tooltip key={a.action} title={t('cases.needsRole', { roles: a.roles.map(labels.role).join('、') })}>
        <span>{b}</span>
      </Tooltip>
    );
  };
  return (
    <Flex vertical gap={12}>
      <NextSteps c={c} />
      <CaseStepGuidance kind={c.kind} actions={c.actions.map((a) => a.action)} chosen={chosen} />
      <Flex wrap gap={8}>
        {c.actions.map(button)}
      </Flex>
      {c.actions.some((a) => !a.allowed) && (
        <Typography.Text type="secondary">{t('cases.notAllowedHint')}</Typography.Text>
      )}
      {action && (
        <ActionForm
          key={`${action.action}-${c.timeline.length}`}
          c={c}
          action={action}
          onDone={() => setChosen(null)}
        />
      )}
    </Flex>
  );
}
