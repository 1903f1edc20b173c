import { useMemo } from 'react';
import { Card, Col, Descriptions, Flex, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuditLog, type AuditEvent, type AuditFilters } from '../api/audit';
import { useFormat } from '../i18n/format';
import { useLang } from '../i18n';
import { menuEn, menuZhCN } from '../components/pickers/messages';
import { ErrorResult } from '../components/ErrorResult';
import { FilterInput } from '../components/FilterInput';
import { PageHeader } from '../components/PageHeader';
import { useIsMobile } from '../components/responsive';

const PAGE_SIZES = [20, 50, 100];
const DEFAULT_PAGE_SIZE = 50;
// Suggestions only: the filters accept any value the server records.
const ENTITY_TYPES = ['household', 'region', 'user'];
const ACTIONS = [
  'login',
  'logout',
  'household.unmask',
  'household.update',
  'household.status',
  'household.income',
  'household.member.update',
  'household.member.add',
  'household.member.remove',
  'household.export',
  'household.export.unmask',
  'region.flags',
];

function filtersFrom(params: URLSearchParams): AuditFilters {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    entityType: params.get('entityType') || undefined,
    action: params.get('action') || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

function toParams(f: AuditFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.entityType) p.set('entityType', f.entityType);
  if (f.action) p.set('action', f.action);
  if (f.page !== 1) p.set('page', String(f.page));
  if (f.pageSize !== DEFAULT_PAGE_SIZE) p.set('pageSize', String(f.pageSize));
  return p;
}

const union = (base: string[], seen: (string | undefined)[]) =>
  [...new Set([...base, ...seen.filter((s): s is string => !!s)])].sort();

/** Labels of audit action and entity codes in the page's language; an unknown code shows as itself. */
function useAuditLabels() {
  const { t } = useTranslation();
  const lang = useLang();
  const l = (lang === 'en' ? menuEn : menuZhCN).auditLabels;
  const tr = t as unknown as (key: string, o: Record<string, unknown>) => string;
  const action = (code: string): string => {
    const known = (l.actions as Record<string, string>)[code];
    if (known) return known;
    const [head, ...rest] = code.split('.');
    const tail = rest.join('.');
    if (head === 'safety_net') return (l.safetyNet as Record<string, string>)[tail] ?? code;
    if (head === 'case') return tr(`caseAction.${tail}`, { defaultValue: code });
    return code;
  };
  const entity = (code: string): string => (l.entities as Record<string, string>)[code] ?? code;
  const actor = (name: string): string => (name === 'system' ? l.system : name);
  return { action, entity, actor };
}

/** The tamper-evident change log: `?entityType&action&page&pageSize`. */
export default function AuditPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useAuditLabels();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const log = useAuditLog(filters);
  const items = useMemo(() => log.data?.items ?? [], [log.data]);
  const update = (patch: Partial<AuditFilters>) => setParams(toParams({ ...filters, page: 1, ...patch }));

  if (log.isError && !log.data) return <ErrorResult error={log.error} onRetry={() => void log.refetch()} />;

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      render: (v: string) => <span translate="no">{labels.actor(v)}</span>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string) => (
        <Tag color="geekblue" title={v}>
          {labels.action(v)}
        </Tag>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_: unknown, e) => (
        <span>
          {labels.entity(e.entityType)}
          {e.entityId ? (
            <Typography.Text type="secondary" translate="no">
              {' '}
              #{e.entityId}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    ...(mobile
      ? []
      : [
          { title: t('audit.region'), dataIndex: 'regionCode', render: (v: string | null) => v ?? '—' },
          { title: t('audit.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
        ]),
  ];

  return (
    <div data-testid="audit-page">
      <PageHeader title={t('audit.title')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={8} align="baseline" wrap>
          <SafetyCertificateOutlined />
          <Typography.Text strong>{t('audit.headHash')}</Typography.Text>
          <Typography.Text
            code
            copyable
            style={{ wordBreak: 'break-all', minWidth: 0 }}
            data-testid="audit-head-hash"
            translate="no"
          >
            {log.data?.headHash ?? '—'}
          </Typography.Text>
        </Flex>
      </Card>
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <FilterInput
          key={`e:${filters.entityType ?? ''}`}
          testId="audit-filter-entity-type"
          value={filters.entityType}
          suggestions={union(
            ENTITY_TYPES,
            items.map((i) => i.entityType),
          )}
          placeholder={t('audit.filterEntityType')}
          width={mobile ? '100%' : 220}
          onCommit={(v) => update({ entityType: v })}
        />
        <FilterInput
          key={`a:${filters.action ?? ''}`}
          testId="audit-filter-action"
          value={filters.action}
          suggestions={union(
            ACTIONS,
            items.map((i) => i.action),
          )}
          placeholder={t('audit.filterAction')}
          width={mobile ? '100%' : 220}
          onCommit={(v) => update({ action: v })}
        />
      </Flex>
      <Table<AuditEvent>
        rowKey="id"
        size={mobile ? 'small' : 'middle'}
        loading={log.isFetching}
        dataSource={items}
        columns={columns}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (e) => <EventDetail e={e} /> }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: log.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: !mobile,
          size: mobile ? 'small' : 'medium',
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) =>
            setParams(toParams({ ...filters, page: pageSize !== filters.pageSize ? 1 : page, pageSize })),
        }}
        onRow={(e) => ({ 'data-testid': `audit-row-${e.id}` }) as React.HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}

const preStyle: React.CSSProperties = {
  margin: 0,
  padding: 8,
  background: 'rgba(0,0,0,0.03)',
  borderRadius: 4,
  fontSize: 12,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
  maxHeight: 360,
  overflow: 'auto',
};

function EventDetail({ e }: { e: AuditEvent }) {
  const { t } = useTranslation();
  const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));
  return (
    <Flex vertical gap={8} data-testid={`audit-detail-${e.id}`} style={{ maxWidth: 'calc(100vw - 64px)' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'region', label: t('audit.region'), children: e.regionCode ?? '—' },
          { key: 'reason', label: t('audit.reason'), children: e.reason ?? '—' },
          {
            key: 'hash',
            label: t('audit.hash'),
            children: <code style={{ wordBreak: 'break-all', fontSize: 12 }}>{e.hash}</code>,
          },
        ]}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <pre style={preStyle}>{json(e.before)}</pre>
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <pre style={preStyle}>{json(e.after)}</pre>
        </Col>
      </Row>
    </Flex>
  );
}
