import { useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../api/auth';
import { isApiError } from '../api/client';
import { useMyHouseholds, useVisits } from '../api/responsibility';
import { useFormat } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { RegisterLink } from '../components/registration/RegisterLink';
import { FullPageSpin } from '../components/RequireAuth';
import { StatusTag } from '../components/StatusTag';
import { NextTags } from '../components/responsibility/NextTags';
import { useNextFor } from '../api/inbox';
import { NextStepLinks } from '../components/inbox/NextSteps';
import { VisitForm, type Purpose } from '../components/responsibility/VisitForm';
import { BulkAssignModal } from '../components/batch/BulkAssignModal';

/** "My households" (`/my-households`): the signed-in cadre's households, what each needs next, quick visit entry. */
export default function MyHouseholdsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mine = useMyHouseholds();
  const next = useNextFor(mine.data?.households.map((h) => h.householdId) ?? []);
  const cadreId = mine.data?.cadre.id;
  const visits = useVisits({ cadreId, pageSize: 10 }, !!cadreId);
  const [selected, setSelected] = useState<string>();
  // hand-over of several of one's households to another cadre: only a role that may assign
  const mayAssign = useUser().permissions.manageResponsibility;
  const [picked, setPicked] = useState<string[]>([]);
  const [assigning, setAssigning] = useState(false);
  const formRef = useRef<HTMLDivElement>(null);

  if (mine.isError) {
    if (isApiError(mine.error) && mine.error.status === 404)
      return <Alert type="info" showIcon title={t('resp.noCadre')} data-testid="my-no-cadre" />;
    return <ErrorResult error={mine.error} onRetry={() => void mine.refetch()} />;
  }
  if (!mine.data) return <FullPageSpin />;
  const { cadre, households } = mine.data;
  const choices = households.map((h) => ({
    value: h.householdId,
    label: `${h.headName ?? ''} ${h.householdNo}`,
  }));

  const pick = (id: string) => {
    setSelected(id);
    formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <div data-testid="my-households" style={{ maxWidth: 900, overflowWrap: 'anywhere' }}>
      <PageHeader
        title={t('resp.myTitle')}
        subtitle={`${cadre.name} · ${cadre.workUnit}`}
        extra={<RegisterLink />}
      />
      {mayAssign && households.length > 0 && (
        <Flex wrap align="center" gap={8} style={{ marginBottom: 8 }}>
          <Button
            disabled={picked.length === 0}
            onClick={() => setAssigning(true)}
            data-testid="my-bulk-assign-open"
          >
            {t('batch.assign.button', { n: picked.length })}
          </Button>
          {picked.length === 0 && (
            <Typography.Text type="secondary">{t('batch.assign.selectHint')}</Typography.Text>
          )}
        </Flex>
      )}
      {assigning && (
        <BulkAssignModal
          households={households
            .filter((h) => picked.includes(h.householdId))
            .map((h) => ({ id: h.householdId, villageCode: h.villageCode }))}
          onClose={(done) => {
            setAssigning(false);
            if (done) setPicked([]);
          }}
        />
      )}
      <List
        bordered
        dataSource={households}
        locale={{ emptyText: <Empty description={t('resp.households')} /> }}
        renderItem={(h) => (
          <List.Item data-testid={`my-household-${h.householdId}`}>
            <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                {mayAssign && (
                  <Checkbox
                    checked={picked.includes(h.householdId)}
                    onChange={(e) =>
                      setPicked((p) =>
                        e.target.checked ? [...p, h.householdId] : p.filter((x) => x !== h.householdId),
                      )
                    }
                    aria-label={`${h.headName ?? ''} ${h.householdNo}`}
                    data-testid={`my-pick-${h.householdId}`}
                  />
                )}
                <Link to={`/households/${h.householdId}`}>
                  <Typography.Text strong>{h.headName}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{h.householdNo}</Typography.Text>
                </Link>
                <Button
                  size="small"
                  type="primary"
                  onClick={() => pick(h.householdId)}
                  data-testid={`visit-btn-${h.householdId}`}
                >
                  {t('resp.record')}
                </Button>
              </Flex>
              <Flex wrap gap={4} align="center">
                <StatusTag status={h.status} />
                <NextTags h={h} />
              </Flex>
              <NextStepLinks steps={next.data?.households[h.householdId] ?? []} compact />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('resp.lastVisit')}：
                {h.visit.lastVisit ? fmt.date(h.visit.lastVisit) : t('resp.neverVisited')}
                {h.visit.dueOn && ` · ${t('resp.dueOn')}：${fmt.date(h.visit.dueOn)}`}
                {h.visit.visitsPerYear !== null &&
                  ` · ${t('resp.visitsThisYear', { n: h.visit.visitsThisYear, plan: h.visit.visitsPerYear })}`}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <div ref={formRef} style={{ marginTop: 16 }}>
        <Card size="small" title={t('resp.recordVisit')}>
          <VisitForm households={choices} householdId={selected} />
        </Card>
      </div>
      <Card size="small" title={t('resp.recentVisits')} style={{ marginTop: 16 }}>
        <List
          dataSource={visits.data?.items ?? []}
          loading={visits.isLoading}
          locale={{ emptyText: t('resp.noVisits') }}
          data-testid="recent-visits"
          renderItem={(v) => (
            <List.Item data-testid={`visit-${v.id}`}>
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text>
                  {fmt.date(v.visitDate)} · {v.headName} · {t(`resp.purposes.${v.purpose as Purpose}`)}
                </Typography.Text>
                <Typography.Text type="secondary">{v.findings}</Typography.Text>
                {v.followUp && <Typography.Text type="secondary">→ {v.followUp}</Typography.Text>}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
