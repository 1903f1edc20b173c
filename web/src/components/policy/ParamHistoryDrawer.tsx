import { Drawer, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePolicyHistory, type EffectiveParam, type ParamVersion } from '../../api/policy';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { formatValue, usePolicyTerms } from './paramValue';

/**
 * The texts the first migrations wrote for the national defaults (reason, "set by"), in Chinese on a
 * Chinese page; anything an officer typed is shown as typed.
 */
const SEEDED_ZH: Readonly<Record<string, string>> = {
  'system (migration 004)': '系统（初始数据）',
  system: '系统',
  'built-in national default (no stored version applies)': '内置国家默认值（无已设置的版本）',
  'national poverty line (2,300 yuan at 2010 prices), DOMAIN.md §4': '国家扶贫标准（2010 年不变价 2300 元）',
  'DOMAIN.md §4 national default': '国家默认值',
  'synthetic default: after 2020 the 2020 line kept in real terms (project estimate)':
    '模拟默认值：2020 年后按不变价保持 2020 年标准（本项目估算）',
  'synthetic default: 1.3 × rural dibao standard (common provincial practice)':
    '模拟默认值：农村低保标准的 1.3 倍（各省常见做法）',
  'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own':
    '模拟默认值：全国城市低保标准平均值（民政统计公报，近似）；各县自定',
  'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own':
    '模拟默认值：全国农村低保标准平均值（民政统计公报，近似）；各县自定',
  '村民委员会组织法 art. 26': '村民委员会组织法第二十六条',
};

/** A reason or "set by" of a parameter version in the page's language. */
export function useSeededText(): (text: string) => string {
  const lang = useLang();
  return (text) => (lang === 'en' ? text : (SEEDED_ZH[text] ?? text));
}

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
  const seeded = useSeededText();
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
    { title: t('policy.setBy'), dataIndex: 'setBy', render: (v: string) => seeded(v) },
    { title: t('policy.reason'), dataIndex: 'reason', render: (v: string) => seeded(v) },
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
