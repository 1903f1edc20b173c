import { useState } from 'react';
import { App, Button, Card, Flex, InputNumber, Modal, Progress, Select, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssistanceLabel } from '../components/assistance/labels';
import { Link, useSearchParams } from 'react-router-dom';
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

const INDICATORS = ['exit_households', 'exit_persons', 'measure_households'] as const;

function Bar({ p }: { p: IndicatorProgress | undefined }) {
  const fmt = useFormat();
  if (!p) return null;
  return (
    <div style={{ minWidth: 120 }}>
      <Typography.Text>
        {fmt.number(p.actual)} / {p.target === null ? '—' : fmt.number(p.target)}
      </Typography.Text>
      {p.pct !== null && (
        <Progress
          percent={Math.min(100, p.pct)}
          format={() => `${p.pct}%`}
          size="small"
          status={p.pct >= 100 ? 'success' : 'active'}
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
  const L = useAssistanceLabel();
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
            {L('indicatorName', indicator)} · {t('assistance.parentValue')}
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
        <Typography.Text type={sum === parent ? 'success' : 'danger'} data-testid="split-sum">
          {t('assistance.childSum', { sum, parent })}
        </Typography.Text>
      </Flex>
    </Modal>
  );
}

/** Targets of a region and its sub-regions: `/targets?region&year`; progress computed, with quality signals. */
export default function TargetsPage() {
  const { t } = useTranslation();
  const L = useAssistanceLabel();
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
  const columns: TableColumnsType<TargetNode> = [
    {
      title: t('assistance.region'),
      key: 'name',
      fixed: 'left',
      render: (_: unknown, n) => <Link to={`/targets?region=${n.code}&year=${year}`}>{n.name}</Link>,
    },
    ...INDICATORS.map((k) => ({
      title: L('indicatorName', k),
      key: k,
      render: (_: unknown, n: TargetNode) => <Bar p={ind(n, k)} />,
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
              </Typography.Text>
            }
            style={{ marginBottom: 16 }}
            data-testid="targets-node"
          >
            <Flex wrap gap={24}>
              {INDICATORS.map((k) => (
                <div key={k} style={{ minWidth: 200 }}>
                  <Flex justify="space-between" gap={8}>
                    <b>{L('indicatorName', k)}</b>
                    {manager && d.children.length > 0 && (
                      <Button size="small" onClick={() => setSplitting(k)} data-testid={`split-open-${k}`}>
                        {t('assistance.split')}
                      </Button>
                    )}
                  </Flex>
                  <Bar p={ind(d.node, k)} />
                </div>
              ))}
              <Quality n={d.node} tree={d} />
            </Flex>
            {d.splitProblems.map((p) => (
              <Typography.Paragraph key={p.indicator} type="danger" style={{ margin: '8px 0 0' }}>
                {t('assistance.splitProblem', {
                  indicator: L('indicatorName', p.indicator),
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
