import { Alert, Button, Card, Empty, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { effortPaths, useEffort, useEffortWrite, useShop, type Effort } from '../../api/effort';
import { errorMessage } from '../ErrorResult';
import { useLang } from '../../i18n';
import { EffortEntryButton, type EffortMember } from './EffortForms';

type Commitment = Effort['commitments'][number];

/** The household's own effort on its page: employment, training, commitments, points, the passive-exit flag. */
export function HouseholdEffortPanel({
  householdId,
  canEdit,
  members = [],
}: {
  householdId: string;
  canEdit: boolean;
  /** The household's members, offered by name in the entry forms. */
  members?: EffortMember[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useEffort(householdId);
  if (q.isError) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  const e = q.data;
  const flag = e?.passiveExit;
  const reason = flag?.reasons[0];
  return (
    <Card title={t('effort.tab')} loading={q.isLoading} data-testid="household-effort">
      {flag && reason && (
        <Alert
          style={{ marginBottom: 12 }}
          type={flag.passive ? 'warning' : 'info'}
          showIcon
          title={`${t('effort.passiveExit')}（${flag.year}）：${flag.passive ? t('effort.passiveYes') : t('effort.passiveNo')}`}
          description={lang === 'en' ? reason.label_en : reason.label_zh}
          data-testid="passive-exit-flag"
        />
      )}
      {e && (
        <Tabs
          items={[
            {
              key: 'employment',
              label: t('effort.employment'),
              children: (
                <>
                  {canEdit && <Add kind="employment" householdId={householdId} members={members} />}
                  <Employment e={e} />
                </>
              ),
            },
            {
              key: 'training',
              label: t('effort.training'),
              children: (
                <>
                  {canEdit && <Add kind="training" householdId={householdId} members={members} />}
                  <Training e={e} />
                </>
              ),
            },
            {
              key: 'commitments',
              label: t('effort.commitments'),
              children: (
                <>
                  {canEdit && <Add kind="commitment" householdId={householdId} members={members} />}
                  <Commitments householdId={householdId} items={e.commitments} canEdit={canEdit} />
                </>
              ),
            },
            {
              key: 'ledger',
              label: t('effort.ledger'),
              children: <Ledger householdId={householdId} e={e} canEdit={canEdit} />,
            },
          ]}
        />
      )}
    </Card>
  );
}

function Add(props: Parameters<typeof EffortEntryButton>[0]) {
  return (
    <div style={{ marginBottom: 8 }}>
      <EffortEntryButton {...props} />
    </div>
  );
}

function Employment({ e }: { e: Effort }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={e.employment}
      locale={{ emptyText: t('effort.none') }}
      columns={[
        { title: t('effort.member'), dataIndex: 'memberName' },
        { title: t('effort.year'), dataIndex: 'year' },
        { title: t('effort.place'), dataIndex: 'workPlace' },
        { title: t('effort.employer'), dataIndex: 'employer', render: (v: string | null) => v ?? '—' },
        {
          title: t('effort.reach'),
          dataIndex: 'reach',
          render: (v: string) => t(`effort.reachOf.${v}` as never),
        },
        { title: t('effort.months'), dataIndex: 'months' },
        { title: t('effort.income'), dataIndex: 'income' },
      ]}
    />
  );
}

function Training({ e }: { e: Effort }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={e.training}
      locale={{ emptyText: t('effort.none') }}
      columns={[
        { title: t('effort.member'), dataIndex: 'memberName' },
        { title: t('effort.course'), dataIndex: 'course' },
        { title: t('effort.organiser'), dataIndex: 'organiser' },
        {
          title: t('effort.period'),
          render: (_: unknown, r: Effort['training'][number]) => `${r.startedOn} – ${r.endedOn}`,
        },
        { title: t('effort.certificate'), dataIndex: 'certificate', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

function Commitments(props: { householdId: string; items: Commitment[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const confirm = useEffortWrite<{ id: string }>((b) => `${effortPaths.household(b.id)}/commitments/confirm`);
  if (props.items.length === 0) return <Empty description={t('effort.none')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {confirm.isError && <Alert type="error" showIcon title={errorMessage(confirm.error)} />}
      {props.items.map((c) => (
        <Card
          key={c.id}
          size="small"
          title={c.text}
          extra={<Tag>{t(`effort.stateOf.${c.state}` as never)}</Tag>}
        >
          {c.dueOn && `${t('effort.dueOn')}：${c.dueOn}`}
          {c.progress.map((p) => (
            <div key={p.id}>
              {p.reportedOn} {t(`effort.reportedVia.${p.reportedVia}` as never)}：{p.text}{' '}
              {p.confirmed ? (
                <Tag color="green">
                  {t('effort.confirmed')}
                  {p.pointsEarned ? ` +${p.pointsEarned}` : ''}
                </Tag>
              ) : (
                props.canEdit && (
                  <Space size={4}>
                    <Button
                      size="small"
                      data-testid={`effort-confirm-${p.id}`}
                      onClick={() => confirm.mutate({ id: props.householdId, body: { progressId: p.id } })}
                    >
                      {t('effort.confirm')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() =>
                        confirm.mutate({ id: props.householdId, body: { progressId: p.id, kept: true } })
                      }
                    >
                      {t('effort.confirmKept')}
                    </Button>
                  </Space>
                )
              )}
            </div>
          ))}
        </Card>
      ))}
    </Space>
  );
}

function Ledger({ householdId, e, canEdit }: { householdId: string; e: Effort; canEdit: boolean }) {
  const { t } = useTranslation();
  const shop = useShop();
  const [item, setItem] = useState<string | null>(null);
  const redeem = useEffortWrite<{ id: string }>((b) => `${effortPaths.household(b.id)}/ledger/redeem`);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Statistic title={t('effort.balance')} value={e.ledger.balance} />
      {canEdit && (
        <Space>
          <Select
            style={{ minWidth: 200 }}
            placeholder={t('effort.item')}
            value={item}
            onChange={setItem}
            options={(shop.data ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.points}）` }))}
          />
          <Button
            disabled={!item}
            loading={redeem.isPending}
            onClick={() => item && redeem.mutate({ id: householdId, body: { itemId: item, quantity: 1 } })}
          >
            {t('effort.redeem')}
          </Button>
        </Space>
      )}
      {redeem.isError && <Alert type="error" showIcon title={errorMessage(redeem.error)} />}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={e.ledger.entries}
        locale={{ emptyText: t('effort.none') }}
        columns={[
          { title: t('effort.when'), dataIndex: 'recordedAt', render: (v: string) => v.slice(0, 10) },
          {
            title: t('effort.state'),
            dataIndex: 'kind',
            render: (v: string) => t(`effort.kindOf.${v}` as never),
          },
          { title: t('effort.points'), dataIndex: 'points' },
          {
            title: t('effort.rule'),
            render: (_: unknown, r: Effort['ledger']['entries'][number]) => r.ruleCode ?? r.itemName ?? '—',
          },
          { title: t('effort.balance'), dataIndex: 'balanceAfter' },
        ]}
      />
    </Space>
  );
}
