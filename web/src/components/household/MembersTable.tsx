import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCodeLabel } from '../../api/codeLists';
import type { MemberRow } from '../../api/households';
import { useFormat } from '../../i18n/format';

/** Household members; ID numbers and health as the server returns them (masked unless unmasked). */
export function MembersTable({ members, masked }: { members: MemberRow[]; masked: boolean }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const fmt = useFormat();
  const columns: TableColumnsType<MemberRow> = [
    { title: t('household.member.name'), dataIndex: 'name', fixed: 'left' },
    {
      title: t('household.member.relation'),
      dataIndex: 'relation',
      render: (v: string) => label('relation', v),
    },
    { title: t('household.member.sex'), dataIndex: 'sex', render: (v: string) => label('sex', v) },
    {
      title: t('household.member.birthDate'),
      dataIndex: 'birthDate',
      render: (v: string, m) => (m.age === null ? fmt.date(v) : `${fmt.date(v)} (${fmt.number(m.age)})`),
    },
    {
      title: t('household.member.idNumber'),
      dataIndex: 'idNumber',
      render: (v: string, m) => (
        <Typography.Text code data-testid={`member-id-${m.id}`}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('household.member.health'),
      dataIndex: 'health',
      render: (v: string | null) =>
        v === null && masked ? (
          <Typography.Text type="secondary">{t('common.masked')}</Typography.Text>
        ) : (
          label('health', v)
        ),
    },
    {
      title: t('household.member.labourCapacity'),
      dataIndex: 'labourCapacity',
      render: (v: string | null) => label('labour_capacity', v),
    },
    {
      title: t('household.member.studentStatus'),
      dataIndex: 'studentStatus',
      render: (v: string | null) => label('student_status', v),
    },
    {
      title: t('household.member.migrantMonths'),
      dataIndex: 'migrantMonths',
      align: 'right',
      render: (v: number | null, m) =>
        v === null || v === 0
          ? '—'
          : `${t('common.months', { count: v })}${m.migrantPlace ? ` · ${m.migrantPlace}` : ''}`,
    },
    {
      title: t('household.member.memberStatus'),
      dataIndex: 'memberStatus',
      render: (v: string) => label('member_status', v),
    },
  ];
  return (
    <Card title={t('household.members')} data-testid="household-members">
      <Table<MemberRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={members}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
