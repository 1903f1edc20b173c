import { useState } from 'react';
import { Modal } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useGap, type GapHousehold, type NoTeamItem, type OverdueItem } from '../../api/responsibility';
import { useFormat } from '../../i18n/format';
import { GapTable } from '../GapTable';
import { HouseholdLink } from '../household/HouseholdLink';
import { StatusTag } from '../StatusTag';
import { AssignCadreModal } from './AssignCadreModal';
import { TeamModal } from './TeamModal';
import { VisitForm } from './VisitForm';

/** One page of a gap list of a region. */
export interface GapListProps {
  region: string;
  page: number;
  onPage: (p: number) => void;
}

/** The household, village and status columns every household gap list starts with. */
function useHouseholdColumns<T extends GapHousehold>(): TableColumnsType<T> {
  const { t } = useTranslation();
  return [
    {
      title: t('resp.household'),
      key: 'h',
      render: (_: unknown, h) => (
        <HouseholdLink householdId={h.householdId} headName={h.headName} householdNo={h.householdNo} />
      ),
    },
    { title: t('resp.village'), dataIndex: 'villageName' },
    { title: t('households.status'), dataIndex: 'status', render: (st: string) => <StatusTag status={st} /> },
  ];
}

/** Poor and monitored households without a responsible cadre; each one assigned in a dialog. */
export function NoCadreList({ region, page, onPage }: GapListProps) {
  const { t } = useTranslation();
  const gap = useGap<GapHousehold>('no-cadre', region, page);
  const [target, setTarget] = useState<GapHousehold>();
  const columns = useHouseholdColumns<GapHousehold>();
  return (
    <>
      <GapTable<GapHousehold>
        rowKey="householdId"
        data={gap.data}
        loading={gap.isFetching}
        columns={columns}
        fix={{ label: t('resp.assign'), testId: (h) => `assign-${h.householdId}`, onFix: setTarget }}
        testId="gap-no-cadre"
        page={page}
        onPage={onPage}
      />
      {target && <AssignCadreModal household={target} onClose={() => setTarget(undefined)} />}
    </>
  );
}

/** Households whose next visit is overdue; each visit recorded in a dialog. */
export function OverdueList({ region, page, onPage }: GapListProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const gap = useGap<OverdueItem>('overdue-visits', region, page);
  const [target, setTarget] = useState<OverdueItem>();
  const columns: TableColumnsType<OverdueItem> = [
    ...useHouseholdColumns<OverdueItem>(),
    {
      title: t('resp.lastVisit'),
      dataIndex: 'lastVisit',
      render: (d: string | null) => (d ? fmt.date(d) : t('resp.neverVisited')),
    },
    { title: t('resp.dueOn'), dataIndex: 'dueOn', render: (d: string | null) => fmt.date(d) },
    { title: t('resp.cadre'), dataIndex: 'cadreName', render: (n: string | null) => n ?? '—' },
  ];
  return (
    <>
      <GapTable<OverdueItem>
        rowKey="householdId"
        data={gap.data}
        loading={gap.isFetching}
        columns={columns}
        fix={{ label: t('resp.record'), testId: (h) => `visit-${h.householdId}`, onFix: setTarget }}
        testId="gap-overdue"
        page={page}
        onPage={onPage}
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

/** Villages without a resident work team; each team stationed in a dialog. */
export function NoTeamList({ region, page, onPage }: GapListProps) {
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
  ];
  return (
    <>
      <GapTable<NoTeamItem>
        rowKey="villageCode"
        data={gap.data}
        loading={gap.isFetching}
        columns={columns}
        fix={{ label: t('resp.createTeam'), testId: (v) => `team-${v.villageCode}`, onFix: setTarget }}
        testId="gap-no-team"
        page={page}
        onPage={onPage}
      />
      {target && <TeamModal village={target} onClose={() => setTarget(undefined)} />}
    </>
  );
}
