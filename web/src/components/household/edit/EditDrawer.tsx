import { Drawer, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HouseholdRecord } from '../../../api/households';
import { useIsMobile } from '../../responsive';
import { HouseholdForm } from './HouseholdForm';
import { IncomeForm, StatusForm } from './IncomeStatusForms';
import { MembersTab } from './MemberForms';
import { useEditSubmit } from './useEditSubmit';

/**
 * 编辑 mode of a household page: household fields, members, a year's income and (for township
 * officers and above) the status, each saved with the household's version and a reason. Mount it only
 * while open: the version and the forms start from the record as it was when the user began.
 */
export function EditDrawer({ record, onClose }: { record: HouseholdRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const edit = useEditSubmit(record.household.id, record.household.version);
  const items = [
    {
      key: 'household',
      label: t('edit.tabHousehold'),
      children: <HouseholdForm record={record} edit={edit} />,
    },
    { key: 'members', label: t('edit.tabMembers'), children: <MembersTab record={record} edit={edit} /> },
    { key: 'income', label: t('edit.tabIncome'), children: <IncomeForm record={record} edit={edit} /> },
    ...(record.canChangeStatus
      ? [{ key: 'status', label: t('edit.tabStatus'), children: <StatusForm record={record} edit={edit} /> }]
      : []),
  ];
  return (
    <Drawer
      open
      onClose={onClose}
      size={mobile ? '100%' : 760}
      title={t('edit.title', { no: record.household.householdNo })}
      extra={<Tag data-testid="edit-version">{t('edit.version', { version: edit.version })}</Tag>}
      destroyOnHidden
    >
      <div data-testid="edit-drawer">
        {edit.banner}
        <Tabs
          items={items.map((i) => ({
            ...i,
            label: <span data-testid={`edit-tab-${i.key}`}>{i.label}</span>,
          }))}
        />
      </div>
    </Drawer>
  );
}
