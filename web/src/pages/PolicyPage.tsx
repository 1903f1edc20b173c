import { useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import {
  usePolicy,
  usePolicyHistory,
  useSetPolicy,
  type EffectiveParam,
  type ParamVersion,
} from '../api/policy';
import { useLang } from '../i18n';
import { useFormat, type Formatters } from '../i18n/format';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { RegionSearchSelect } from '../components/RegionSearchSelect';
import { useIsMobile } from '../components/responsive';

/** A parameter value in one line: numbers grouped, shares as percentages, objects as key value pairs. */
export function formatValue(v: unknown, unit: string, fmt: Formatters, term: (s: string) => string): string {
  const one = (x: unknown): string =>
    typeof x === 'number' ? (unit === 'share' ? fmt.percent(x, 1) : fmt.number(x)) : term(String(x));
  if (Array.isArray(v))
    return v
      .map((x) =>
        x && typeof x === 'object'
          ? Object.values(x)
              .map((y) => term(String(y)))
              .join('：')
          : one(x),
      )
      .join('，');
  if (v && typeof v === 'object')
    return Object.entries(v)
      .map(([k, x]) => `${term(k)} ${one(x)}`)
      .join(' · ');
  return one(v);
}

/** Localised sub-keys, codes and units of parameter values (shown as they are when unknown). */
function usePolicyTerms() {
  const { t, i18n } = useTranslation();
  return {
    term: (s: string) => (i18n.exists(`policy.term.${s}`) ? t(`policy.term.${s}` as never) : s),
    unit: (u: string) => (i18n.exists(`policy.unit.${u}`) ? t(`policy.unit.${u}` as never) : ''),
  };
}

/** Effective policy parameters for a region and date, where each came from, and their history: `/policy?region&date`. */
export default function PolicyPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const fmt = useFormat();
  const mobile = useIsMobile();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const date = params.get('date') ?? undefined;
  const policy = usePolicy(region, date);
  const [historyOf, setHistoryOf] = useState<EffectiveParam | null>(null);
  const [editing, setEditing] = useState<EffectiveParam | null>(null);
  const terms = usePolicyTerms();
  const canEdit = user.role === 'admin' || (user.role === 'county_officer' && user.scope.code.length === 6);
  const set = (patch: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };
  if (policy.isError && !policy.data)
    return <ErrorResult error={policy.error} onRetry={() => void policy.refetch()} />;
  const data = policy.data;

  const columns: TableColumnsType<EffectiveParam> = [
    {
      title: t('policy.parameter'),
      key: 'label',
      render: (_: unknown, p) => p.label[lang === 'en' ? 'en' : 'zh'],
    },
    {
      title: t('policy.value'),
      key: 'value',
      onCell: () => ({ style: { maxWidth: 360, whiteSpace: 'normal', wordBreak: 'break-word' } }),
      render: (_: unknown, p) => (
        <span data-testid={`param-value-${p.key}`}>
          {formatValue(p.value, p.unit, fmt, terms.term)} {terms.unit(p.unit)}
        </span>
      ),
    },
    {
      title: t('policy.source'),
      key: 'source',
      render: (_: unknown, p) => (
        <Flex wrap gap={4} data-testid={`param-source-${p.key}`}>
          <Tag color={p.source.level === 'national' ? 'default' : 'blue'}>
            {t(`policy.level.${p.source.level}`)} {p.source.regionName}
          </Tag>
          {p.source.synthetic && <Tag color="orange">{t('policy.synthetic')}</Tag>}
          {p.source.derived && <Tag>{t('policy.derived')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('policy.effectiveFrom'),
      key: 'from',
      render: (_: unknown, p) => fmt.date(p.source.effectiveFrom),
    },
    ...(mobile
      ? []
      : [
          { title: t('policy.setBy'), key: 'by', render: (_: unknown, p: EffectiveParam) => p.source.setBy },
          {
            title: t('policy.reason'),
            key: 'reason',
            render: (_: unknown, p: EffectiveParam) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.source.reason}
              </Typography.Text>
            ),
          },
        ]),
    {
      title: '',
      key: 'actions',
      render: (_: unknown, p) => (
        <Flex gap={4}>
          {p.editable && (
            <Button
              size="small"
              icon={<HistoryOutlined />}
              onClick={() => setHistoryOf(p)}
              data-testid={`param-history-${p.key}`}
            >
              {mobile ? null : t('policy.history')}
            </Button>
          )}
          {p.editable && canEdit && (
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(p)}
              data-testid={`param-edit-${p.key}`}
            >
              {mobile ? null : t('policy.edit')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <div data-testid="policy-page">
      <PageHeader
        title={t('policy.title')}
        subtitle={
          data && (
            <span data-testid="policy-region">
              {data.region.code ? data.region.name : t('policy.national')} · {fmt.date(data.date)}
              {data.western ? ` · ${t('policy.western')}` : ''}
            </span>
          )
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <RegionSearchSelect
          testId="policy-region-pick"
          placeholder={t('policy.pickRegion')}
          style={{ width: mobile ? '100%' : 280 }}
          onPick={(r) => set({ region: r.code })}
        />
        {user.scope.code === '' && (
          <Button onClick={() => set({ region: undefined })}>{t('policy.national')}</Button>
        )}
        <Input
          type="date"
          style={{ width: 180 }}
          value={date ?? data?.date ?? ''}
          onChange={(e) => set({ date: e.target.value || undefined })}
          data-testid="policy-date"
          aria-label={t('policy.date')}
        />
      </Flex>
      <Table<EffectiveParam>
        rowKey="key"
        size="small"
        loading={policy.isFetching}
        dataSource={data?.params ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(p) => ({ 'data-testid': `param-row-${p.key}` }) as React.HTMLAttributes<HTMLElement>}
      />
      <HistoryDrawer param={historyOf} region={data?.region.code ?? ''} onClose={() => setHistoryOf(null)} />
      {editing && data && (
        <EditModal
          param={editing}
          region={data.region.code}
          date={data.date}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function HistoryDrawer({
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

function EditModal(props: { param: EffectiveParam; region: string; date: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = useLang();
  const user = useUser();
  const save = useSetPolicy();
  const [form] = Form.useForm<{
    regionPrefix: string;
    effectiveFrom: string;
    value: string;
    reason: string;
  }>();
  const [jsonError, setJsonError] = useState(false);
  const county = user.role === 'county_officer';
  const initial = {
    regionPrefix: county ? user.scope.code : props.region.slice(0, 6),
    effectiveFrom: props.date,
    value: JSON.stringify(props.param.value),
    reason: '',
  };
  const submit = (v: typeof initial) => {
    let value: unknown;
    try {
      value = JSON.parse(v.value);
    } catch {
      setJsonError(true);
      return;
    }
    setJsonError(false);
    save.mutate(
      {
        key: props.param.key,
        body: { regionPrefix: v.regionPrefix, effectiveFrom: v.effectiveFrom, value, reason: v.reason },
      },
      {
        onSuccess: () => {
          void message.success(t('policy.saved'));
          props.onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('policy.editTitle', { label: props.param.label[lang === 'en' ? 'en' : 'zh'] })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('policy.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'param-save' }}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="regionPrefix" label={t('policy.regionPrefix')}>
          <Input disabled={county} data-testid="param-region-prefix" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('policy.effectiveFrom')}>
          <Input type="date" data-testid="param-effective-from" />
        </Form.Item>
        <Form.Item name="value" label={t('policy.valueJson')}>
          <Input.TextArea rows={3} data-testid="param-value-input" />
        </Form.Item>
        <Form.Item name="reason" label={t('policy.reason')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="param-reason" />
        </Form.Item>
      </Form>
      {jsonError && <Alert type="error" showIcon title={t('policy.invalidJson')} />}
      {save.isError && (
        <Alert type="error" showIcon title={errorMessage(save.error)} data-testid="param-error" />
      )}
    </Modal>
  );
}
