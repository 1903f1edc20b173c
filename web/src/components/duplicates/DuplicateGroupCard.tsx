import { useState } from 'react';
import { App, Button, Card, Flex, Radio, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCodeLabel } from '../../api/codeLists';
import {
  useDismissDuplicates,
  useMergeHouseholds,
  useMoveOutMember,
  type DuplicateGroup,
  type DuplicateHousehold,
  type DuplicatePerson,
} from '../../api/duplicates';
import { useFormat } from '../../i18n/format';
import { StatusTag } from '../StatusTag';
import { ReasonModal } from './ReasonModal';

type Action =
  | { kind: 'dismiss' }
  | { kind: 'merge' }
  | { kind: 'moveOut'; member: DuplicatePerson; household: DuplicateHousehold };

function GroupDetail({ g }: { g: DuplicateGroup }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const d = g.detail;
  const lines: string[] = [];
  if (d.idDistance !== null)
    lines.push(
      t('duplicates.idDistance', { distance: d.idDistance, positions: d.idDiffPositions.join('、') || '—' }),
    );
  if (d.shared) lines.push(t('duplicates.overlap', { shared: d.shared, share: fmt.percent(d.overlap, 0) }));
  if (d.sameComposition) lines.push(t('duplicates.sameComposition'));
  if (g.elsewhere.length)
    lines.push(
      t('duplicates.elsewhere', {
        villages: g.elsewhere.map((e) => e.villageName || e.villageCode).join('、'),
      }),
    );
  return <Typography.Text type="secondary">{lines.join('；')}</Typography.Text>;
}

/** One duplicate group: its households and members, with dismiss, merge or move-out. */
export function DuplicateGroupCard({ group: g, canResolve }: { group: DuplicateGroup; canResolve: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useCodeLabel();
  const [action, setAction] = useState<Action | null>(null);
  const [keep, setKeep] = useState(g.households[0]?.id ?? '');
  const dismiss = useDismissDuplicates();
  const merge = useMergeHouseholds();
  const moveOut = useMoveOutMember();
  const done = () => {
    setAction(null);
    void message.success(t('duplicates.done'));
  };
  const submit = (reason: string) => {
    if (action?.kind === 'dismiss')
      dismiss.mutate({ kind: g.kind, keys: [g.key], reason }, { onSuccess: done });
    if (action?.kind === 'moveOut')
      moveOut.mutate(
        { memberId: action.member.id, version: action.member.version, reason },
        { onSuccess: done },
      );
    if (action?.kind === 'merge') {
      const k = g.households.find((h) => h.id === keep)!;
      const r = g.households.find((h) => h.id !== keep)!;
      merge.mutate(
        {
          keepHouseholdId: k.id,
          removeHouseholdId: r.id,
          keepVersion: k.version,
          removeVersion: r.version,
          reason,
        },
        { onSuccess: done },
      );
    }
  };
  const memberColumns = (h: DuplicateHousehold): TableColumnsType<DuplicatePerson> => [
    { title: t('household.member.name'), dataIndex: 'name' },
    { title: t('household.member.idNumber'), dataIndex: 'idNumber', render: (v: string) => <code>{v}</code> },
    { title: t('household.member.birthDate'), dataIndex: 'birthDate' },
    {
      title: t('household.member.relation'),
      dataIndex: 'relation',
      render: (v: string) => label('relation', v),
    },
    ...(canResolve && g.kind !== 'same_household'
      ? [
          {
            title: t('common.actions'),
            key: 'a',
            render: (_: unknown, m: DuplicatePerson) => (
              <Button
                size="small"
                onClick={() => setAction({ kind: 'moveOut', member: m, household: h })}
                data-testid={`move-out-${m.id}`}
              >
                {t('duplicates.moveOut')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  const pending = dismiss.isPending || merge.isPending || moveOut.isPending;
  const error = dismiss.error ?? merge.error ?? moveOut.error;
  return (
    <Card
      size="small"
      data-testid={`dup-group-${g.key}`}
      title={
        <Space wrap>
          <span>{g.villageName}</span>
          <GroupDetail g={g} />
        </Space>
      }
      extra={
        canResolve && (
          <Space wrap>
            {g.kind === 'same_household' && g.households.length === 2 && (
              <Button
                size="small"
                type="primary"
                onClick={() => setAction({ kind: 'merge' })}
                data-testid={`merge-${g.key}`}
              >
                {t('duplicates.merge')}
              </Button>
            )}
            <Button
              size="small"
              onClick={() => setAction({ kind: 'dismiss' })}
              data-testid={`dismiss-${g.key}`}
            >
              {t('duplicates.dismiss')}
            </Button>
          </Space>
        )
      }
    >
      <Flex vertical gap={8}>
        {g.households.map((h) => (
          <div key={h.id}>
            <Space wrap style={{ marginBottom: 4 }}>
              <Link to={`/households/${h.id}`}>{h.householdNo}</Link>
              <span>
                {t('duplicates.head')}：{h.headName}
              </span>
              <span>
                {t('duplicates.size')}：{h.size}
              </span>
              <StatusTag status={h.status} />
            </Space>
            <Table<DuplicatePerson>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={h.members}
              columns={memberColumns(h)}
              scroll={{ x: 'max-content' }}
            />
          </div>
        ))}
      </Flex>
      {action && (
        <ReasonModal
          title={
            action.kind === 'dismiss'
              ? t('duplicates.dismissTitle')
              : action.kind === 'merge'
                ? t('duplicates.mergeTitle')
                : t('duplicates.moveOutTitle', {
                    name: action.member.name,
                    householdNo: action.household.householdNo,
                  })
          }
          okText={
            action.kind === 'merge'
              ? t('duplicates.merge')
              : action.kind === 'dismiss'
                ? t('duplicates.dismiss')
                : t('duplicates.moveOut')
          }
          pending={pending}
          error={error}
          onSubmit={submit}
          onCancel={() => setAction(null)}
        >
          {action.kind === 'merge' && (
            <Flex vertical gap={8} style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">{t('duplicates.mergeHint')}</Typography.Text>
              <Radio.Group
                value={keep}
                onChange={(e) => setKeep(e.target.value as string)}
                options={g.households.map((h) => ({
                  value: h.id,
                  label: `${t('duplicates.mergeKeep')} ${h.householdNo} ${h.headName}（${h.size}）`,
                }))}
              />
            </Flex>
          )}
        </ReasonModal>
      )}
    </Card>
  );
}
