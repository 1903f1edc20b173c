import { Button, Dropdown, type MenuProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/auth';
import { exportUrl, type ExportChoice } from '../../api/householdEdit';
import type { HouseholdFilters } from '../../api/households';

const CHOICES: ExportChoice[] = [
  { layout: 'list', format: 'xlsx' },
  { layout: 'list', format: 'csv' },
  { layout: 'roster', format: 'xlsx' },
  { layout: 'roster', format: 'csv' },
];

/** 导出: the list as filtered, as CSV or XLSX, one row per household or the roster (花名册). */
export function ExportButton({ filters }: { filters: HouseholdFilters }) {
  const { t } = useTranslation();
  const user = useUser();
  const link = (c: ExportChoice) => {
    const id = `export-${c.layout}-${c.format}${c.unmask ? '-unmasked' : ''}`;
    return {
      key: id,
      label: (
        <a href={exportUrl(filters, c)} download data-testid={id}>
          {`${t(c.layout === 'list' ? 'export.list' : 'export.roster')} · ${c.format.toUpperCase()}`}
        </a>
      ),
    };
  };
  const items: MenuProps['items'] = [
    { key: 'hint', type: 'group', label: t('export.hint'), children: CHOICES.map(link) },
    ...(user.canUnmask
      ? [
          {
            key: 'unmasked',
            label: t('export.unmasked'),
            children: CHOICES.map((c) => link({ ...c, unmask: true })),
          },
        ]
      : []),
  ];
  return (
    <Dropdown menu={{ items, style: { maxWidth: 360 } }} trigger={['click']}>
      <Button icon={<DownloadOutlined />} data-testid="export-button">
        {t('export.button')}
      </Button>
    </Dropdown>
  );
}
