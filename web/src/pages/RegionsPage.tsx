import { Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { BarChartOutlined, HomeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { parentCode, useRegionChildren, type RegionRow } from '../api/regions';
import { useFormat } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { LinkButton } from '../components/LinkButton';
import { PageHeader } from '../components/PageHeader';
import { RegionBreadcrumb } from '../components/RegionBreadcrumb';
import { RegionSearchSelect } from '../components/RegionSearchSelect';
import { useIsMobile } from '../components/responsive';

const VILLAGE_LEVEL = 5;
const regionsUrl = (code: string) => (code ? `/regions?parent=${code}` : '/regions');
const incidenceOf = (r: RegionRow) => (r.persons > 0 ? r.poorPersons / r.persons : null);

/** The region tree, one level at a time: `?parent=CODE` (default the user's scope). */
export default function RegionsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const fmt = useFormat();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const parent = params.get('parent') ?? '';
  const children = useRegionChildren(parent);

  if (children.isError)
    return <ErrorResult error={children.error} subject="region" onRetry={() => void children.refetch()} />;

  const parentRef = children.data?.parent;
  const title = parentRef ? parentRef.name : user.scope.code === '' ? t('region.country') : user.scope.name;
  const openRegion = (r: RegionRow) =>
    void navigate(r.hasChildren ? regionsUrl(r.code) : `/households?region=${r.code}`);

  const nameColumn: TableColumnsType<RegionRow>[number] = {
    title: t('regions.name'),
    dataIndex: 'name',
    sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    render: (_: unknown, r) => (
      <Space orientation="vertical" size={2}>
        <Typography.Link onClick={() => openRegion(r)} data-testid={`region-name-${r.code}`}>
          {r.name}
        </Typography.Link>
        <RegionFlags r={r} />
      </Space>
    ),
  };
  const actions: TableColumnsType<RegionRow>[number] = {
    title: t('common.actions'),
    key: 'actions',
    render: (_: unknown, r) => (
      <Space size={0} wrap>
        <LinkButton
          to={`/dashboard?region=${r.code}`}
          type="link"
          size="small"
          icon={<BarChartOutlined />}
          aria-label={t('regions.dashboard')}
          data-testid={`region-dashboard-${r.code}`}
        >
          {mobile ? null : t('regions.dashboard')}
        </LinkButton>
        <LinkButton
          to={`/households?region=${r.code}`}
          type="link"
          size="small"
          icon={<HomeOutlined />}
          aria-label={t('regions.householdList')}
          data-testid={`region-households-${r.code}`}
        >
          {mobile ? null : t('regions.householdList')}
        </LinkButton>
      </Space>
    ),
  };
  const num = (key: 'households' | 'persons' | 'poorHouseholds' | 'poorPersons', title: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    sorter: (a: RegionRow, b: RegionRow) => a[key] - b[key],
    render: (v: number) => fmt.number(v),
  });
  const incidence = {
    title: t('regions.incidence'),
    key: 'incidence',
    align: 'right' as const,
    sorter: (a: RegionRow, b: RegionRow) => (incidenceOf(a) ?? -1) - (incidenceOf(b) ?? -1),
    render: (_: unknown, r: RegionRow) => fmt.percent(incidenceOf(r)),
  };
  const columns: TableColumnsType<RegionRow> = mobile
    ? [nameColumn, num('poorHouseholds', t('regions.poorHouseholds')), incidence, actions]
    : [
        nameColumn,
        num('households', t('regions.households')),
        num('persons', t('regions.persons')),
        num('poorHouseholds', t('regions.poorHouseholds')),
        num('poorPersons', t('regions.poorPersons')),
        incidence,
        actions,
      ];

  const search = (
    <RegionSearchSelect
      testId="region-search"
      style={{ width: mobile ? '100%' : 320 }}
      onPick={(r) => void navigate(regionsUrl(r.level >= VILLAGE_LEVEL ? parentCode(r.code) : r.code))}
    />
  );

  return (
    <div data-testid="regions-page">
      <div style={{ marginBottom: 8 }}>
        <RegionBreadcrumb code={parent} to={regionsUrl} />
      </div>
      <PageHeader title={title} extra={mobile ? undefined : search} />
      {mobile && <div style={{ marginBottom: 12 }}>{search}</div>}
      <Table<RegionRow>
        rowKey="code"
        size={mobile ? 'small' : 'middle'}
        loading={children.isFetching}
        dataSource={children.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('regions.empty') }}
        onRow={(r) => ({ 'data-testid': `region-row-${r.code}` }) as React.HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}

function RegionFlags({ r }: { r: RegionRow }) {
  const { t } = useTranslation();
  if (!r.isPovertyCounty && !r.isPoorVillage && !r.isWestern) return null;
  return (
    <Space size={4} wrap>
      {r.isPovertyCounty && <Tag color="red">{t('region.povertyCounty')}</Tag>}
      {r.isPoorVillage && <Tag color="orange">{t('region.poorVillage')}</Tag>}
      {r.isWestern && <Tag color="blue">{t('region.western')}</Tag>}
    </Space>
  );
}
