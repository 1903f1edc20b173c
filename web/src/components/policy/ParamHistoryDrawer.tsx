import { Drawer, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePolicyHistory, type EffectiveParam, type ParamVersion } from '../../api/policy';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { formatValue, usePolicyTerms } from './paramValue';

/** Every version of one parameter along the region's line: when, where, what value, who set it and why. */
export function ParamHistoryDrawer({
  param,
  region,
  onClose,
}: {
  param: EffectiveParam | null;
  region: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const fmt = useFormat();
  const history = usePolicyHistory(param?.key ?? null, region);
  const terms = usePolicyTerms();
  const columns: TableColumnsType<ParamVersion> = [
    { title: t('policy.effectiveFrom'), dataIndex: 'effectiveFrom', render: (v: string) => fmt.date(v) },
    {
      title: t('policy.region'),
      dataIndex: 'regionPrefix',
      render: (v: string) => v || t('policy.national'),
    },
    {
      title: t('policy.value'),
      key: 'v',
      render: (_: unknown, v) => formatValue(v.value, param?.unit ?? '', fmt, terms.term),
    },
    { title: t('policy.setBy'), dataIndex: 'setBy' },
    { title: t('policy.reason'), dataIndex: 'reason' },
  ];
  return (
    <Drawer
      open={param !== null}
      onClose={onClose}
      size={720}
      title={param ? `${param.label[lang === 'en' ? 'en' : 'zh']} · ${t('policy.history')}` : ''}
    >
      <Table<ParamVersion>
        rowKey={(v) => `${v.regionPrefix}@${v.effectiveFrom}`}
        size="small"
        loading={history.isFetching}
        dataSource={history.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="param-history"
      />
    </Drawer>
  );
}
