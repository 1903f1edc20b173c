import { useState } from 'react';
import { App, Button, Card, Flex, InputNumber, Modal, Progress, Select, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useLang } from '../i18n';
import {
  useSplitTargets,
  useTargets,
  type IndicatorProgress,
  type TargetNode,
  type TargetSplit,
  type TargetTree,
} from '../api/assistance';
import { thisYearChina, useFormat } from '../i18n/format';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { RegionBreadcrumb } from '../components/RegionBreadcrumb';
import { useIsManager } from '../components/assistance/manager';

type Kind = TargetTree['indicatorKinds'][number];

/** The indicator's name in the page's language (the kinds are data: GET /api/targets). */
function useKindName() {
  const en = useLang() === 'en';
  return (k: Kind | undefined, code: string) => (k ? (en ? k.name_en : k.name_zh) : code);
}

function Bar({ p, kind }: { p: IndicatorProgress | undefined; kind: Kind | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!p) return null;
  const unit = kind?.unit === 'percent' ? '%' : '';
  const value = (v: number | null) => (v === null ? '—' : `${fmt.number(v)}${unit}`);
  return (
    <div style={{ minWidth: 120 }}>
      <Typography.Text>
        {value(p.actual)} / {value(p.target)}
      </Typography.Text>
      {p.state === 'tracked' && <Tag style={{ marginLeft: 4 }}>{t('assistance.trackedOnly')}</Tag>}
      {p.pct !== null && (
        <Progress
          percent={Math.max(0, Math.min(100, p.pct))}
          format={() => `${p.pct}%`}
          size="small"
          status={p.state === 'met' ? 'success' : p.state === 'behind' ? 'exception' : 'normal'}
        />
      )}
    </div>
  );
}

function Quality({ n, tree }: { n: TargetNode; tree: TargetTree }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const h = n.quality.heaping;
  return (
    <Flex vertical gap={2}>
      <span
        title={t('assistance.heapingHint', {
          band: fmt.percent(tree.heapBand, 0),
          reference: fmt.percent(h.reference, 1),
        })}
      >
        {t('assistance.heaping')}: {fmt.percent(h.share, 1)}{' '}
        {h.flagged && <Tag color="red">{t('assistance.heapingFlag')}</Tag>}
      </span>
      <span>
        {t('assistance.withoutMeasures')}:{' '}
        {n.quality.exitsWithoutMeasures === null ? (
          t('assistance.measuresMissing')
        ) : (
          <Typography.Text type={n.quality.exitsWithoutMeasures > 0 ? 'danger' : undefined}>
            {fmt.number(n.quality.exitsWithoutMeasures)} / {fmt.number(n.quality.exits)}
          </Typography.Text>
        )}
      </span>
    </Flex>
  );
}

function SplitModal({
  tree,
  indicator,
  onClose,
}: {
  tree: TargetTree;
  indicator: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const name = useKindName();
  const kind = tree.indicatorKinds.find((k) => k.kind === indicator);
  const summed = kind?.aggregation !== 'rate';
  const { message } = App.useApp();
  const split = useSplitTargets();
  const of = (n: TargetNode) => n.indicators.find((i) => i.indicator === indicator)?.target ?? 0;
  const [parent, setParent] = useState<number>(of(tree.node));
  const [kids, setKids] = useState<Record<string, number>>(
    Object.fromEntries(tree.children.map((c) => [c.code, of(c)])),
  );
  const sum = Object.values(kids).reduce((s, v) => s + v, 0);
  const save = () =>
    split.mutate(
      {
        year: tree.year,
        indicator: indicator as TargetSplit['indicator'],
        regionCode: tree.node.code,
        value: parent,
        children: Object.entries(kids).map(([regionCode, value]) => ({ regionCode, value })),
      },
      {
        onSuccess: () => (void message.success(t('assistance.saved')), onClose()),
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Modal
      open
      title={t('assistance.splitTitle', { region: tree.node.name, year: tree.year })}
      onCancel={onClose}
      onOk={save}
      okText={t('assistance.submit')}
      cancelText={t('assistance.cancel')}
      confirmLoading={split.isPending}
      okButtonProps={{ 'data-testid': 'split-save' } as ButtonProps}
    >
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center">
          <b>
            {name(kind, indicator)} · {t('assistance.parentValue')}
          </b>
          <InputNumber
            min={0}
            value={parent}
            onChange={(v) => setParent(v ?? 0)}
            data-testid="split-parent"
          />
        </Flex>
        {tree.children.map((c) => (
          <Flex key={c.code} justify="space-between" align="center">
            <span>{c.name}</span>
            <InputNumber
              min={0}
              value={kids[c.code]}
              onChange={(v) => setKids({ ...kids, [c.code]: v ?? 0 })}
              data-testid={`split-${c.code}`}
            />
          </Flex>
        ))}
        {summed ? (
          <Typography.Text type={sum === parent ? 'success' : 'danger'} data-testid="split-sum">
            {t('assistance.childSum', { sum, parent })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('assistance.rateSplit')}</Typography.Text>
        )}
      </Flex>
    </Modal>
  );
}

/** Targets of a region and its sub-regions: `/targets?region&year`; progress computed, with quality signals. */
export default function TargetsPage() {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  const name = useKindName();
  const manager = useIsManager();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const year = Number(params.get('year')) || thisYearChina();
  const tree = useTargets(region || undefined, year);
  const [splitting, setSplitting] = useState<string | null>(null);
  const go = (patch: Record<string, string>) =>
    setParams({ ...(region ? { region } : {}), year: String(year), ...patch });
  if (tree.isError && !tree.data)
    return <ErrorResult error={tree.error} onRetry={() => void tree.refetch()} />;
  const d = tree.data;
  const years = [...new Set([year, ...(d?.years ?? [])])].sort((a, b) => b - a);
  const ind = (n: TargetNode, k: string) => n.indicators.find((i) => i.indicator === k);
  const kinds = d?.indicatorKinds ?? [];
  const kindOf = (k: string) => kinds.find((x) => x.kind === k);
  const columns: TableColumnsType<TargetNode> = [
    {
      title: t('assistance.region'),
      key: 'name',
      fixed: 'left',
      render: (_: unknown, n) => <Link to={`/targets?region=${n.code}&year=${year}`}>{n.name}</Link>,
    },
    ...kinds.map((k) => ({
      title: name(k, k.kind),
      key: k.kind,
      render: (_: unknown, n: TargetNode) => <Bar p={ind(n, k.kind)} kind={k} />,
    })),
    {
      title: t('assistance.quality'),
      key: 'q',
      render: (_: unknown, n: TargetNode) => d && <Quality n={n} tree={d} />,
    },
  ];
  return (
    <div data-testid="targets-page">
      <RegionBreadcrumb code={region} to={(c) => `/targets?${c ? `region=${c}&` : ''}year=${year}`} />
      <PageHeader
        title={t('assistance.targetsTitle')}
        subtitle={t('assistance.targetsSubtitle')}
        extra={
          <Select
            value={year}
            onChange={(y) => go({ year: String(y) })}
            options={years.map((y) => ({ value: y, label: y }))}
            data-testid="targets-year"
          />
        }
      />
      {d && (
        <>
          <Card
            size="small"
            title={`${d.node.name} · ${year}`}
            extra={
              <Typography.Text type="secondary">
                {t('assistance.line', { line: d.povertyLine })}
                {year > 2020 && ` · ${t('assistance.monitoringLine', { line: d.monitoringLine })}`}
              </Typography.Text>
            }
            style={{ marginBottom: 16 }}
            data-testid="targets-node"
          >
            <Flex wrap gap={24}>
              {kinds.map((k) => (
                <div key={k.kind} style={{ minWidth: 200 }} data-testid={`indicator-${k.kind}`}>
                  <Flex justify="space-between" gap={8}>
                    <b title={en ? k.definition_en : k.definition_zh}>{name(k, k.kind)}</b>
                    {manager && d.children.length > 0 && (
                      <Button
                        size="small"
                        onClick={() => setSplitting(k.kind)}
                        data-testid={`split-open-${k.kind}`}
                      >
                        {t('assistance.split')}
                      </Button>
                    )}
                  </Flex>
                  <Bar p={ind(d.node, k.kind)} kind={k} />
                </div>
              ))}
              <Quality n={d.node} tree={d} />
            </Flex>
            {d.splitProblems.map((p) => (
              <Typography.Paragraph key={p.indicator} type="danger" style={{ margin: '8px 0 0' }}>
                {t('assistance.splitProblem', {
                  indicator: name(kindOf(p.indicator), p.indicator),
                  sum: p.childSum,
                  parent: p.parentValue,
                  diff: p.difference,
                })}
              </Typography.Paragraph>
            ))}
          </Card>
          <Table
            rowKey="code"
            size="small"
            columns={columns}
            dataSource={d.children}
            pagination={false}
            scroll={{ x: 'max-content' }}
            loading={tree.isFetching}
          />
          {splitting && <SplitModal tree={d} indicator={splitting} onClose={() => setSplitting(null)} />}
        </>
      )}
    </div>
  );
}
