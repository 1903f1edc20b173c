import { Card, Collapse, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../api/plans';
import { useHouseholdEvaluation, type RuleResult } from '../../api/rules';
import { useCaseLabels } from '../../components/cases/labels';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import type { Item } from '../../api/generated/helpers';
import { SOURCE_LABELS } from './factFields';
import { TargetPolicyBasis } from '../../components/knowledge/TargetPolicyBasis';

type FactUse = Item<RuleResult['facts']>;
type Missing = Item<RuleResult['missing']>;
type Measures = NonNullable<RuleResult['measures']>;

function FactsTable({ facts, rule }: { facts: FactUse[]; rule: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const en = useLang() === 'en';
  const columns: TableColumnsType<FactUse> = [
    { title: t('ruleBasis.fact'), key: 'kind', render: (_, f) => (en ? f.label_en : f.label_zh) },
    {
      title: t('ruleBasis.observedOn'),
      key: 'observedOn',
      render: (_, f) => (f.observedOn ? fmt.date(f.observedOn) : '—'),
    },
    {
      title: t('ruleBasis.source'),
      key: 'source',
      render: (_, f) => {
        const label = (SOURCE_LABELS as Record<string, { zh: string; en: string } | undefined>)[f.source];
        return en ? (label?.en ?? f.source) : f.source_zh;
      },
    },
    { title: t('ruleBasis.sourceRef'), key: 'ref', render: (_, f) => f.sourceRef ?? '—' },
  ];
  if (facts.length === 0) return <Typography.Text type="secondary">{t('ruleBasis.noFacts')}</Typography.Text>;
  return (
    <Table
      size="small"
      rowKey="kind"
      pagination={false}
      columns={columns}
      dataSource={facts}
      data-testid={`basis-facts-${rule}`}
    />
  );
}

function MissingList({ missing, rule }: { missing: Missing[]; rule: string }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  return (
    <div data-testid={`basis-missing-${rule}`}>
      <Typography.Text strong type="warning">
        {t('ruleBasis.missing')}
      </Typography.Text>
      <ul style={{ margin: '2px 0 0', paddingInlineStart: 20 }}>
        {missing.map((m) => (
          <li key={m.fact}>
            {en ? m.label_en : m.label_zh}{' '}
            <Typography.Text type="secondary">
              （{t('ruleBasis.supplier')}：{t(`ruleBasis.suppliers.${m.supplier}`)}）
            </Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

function MeasureList({ measures, rule }: { measures: Measures; rule: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const en = useLang() === 'en';
  const catalogue = useCatalogue();
  const name = new Map((catalogue.data ?? []).map((c) => [c.code, en ? c.nameEn : c.nameZh]));
  const inferred = measures.basis === 'inferred';
  const status = (s: string) =>
    ['planned', 'in_progress', 'completed', 'cancelled'].includes(s)
      ? t(`ruleBasis.measureStatus.${s as 'planned'}`)
      : s;
  return (
    <div data-testid={`basis-measures-${rule}`}>
      <Typography.Text strong>{t('ruleBasis.measures')}</Typography.Text>{' '}
      {measures.basis && (
        <Typography.Text type="secondary">
          {inferred ? t('ruleBasis.basisInferred') : t('ruleBasis.basisPlan')}
        </Typography.Text>
      )}
      {measures.counted.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{t('ruleBasis.noMeasures')}</Typography.Text>
        </div>
      ) : (
        <ul style={{ margin: '2px 0 0', paddingInlineStart: 20 }}>
          {measures.counted.map((m) => (
            <li key={m.id} data-testid={`basis-measure-${m.id}`}>
              {name.get(m.catalogueCode) ?? m.catalogueCode} · {status(m.status)}
              {m.startDate && ` · ${fmt.date(m.startDate)}`}
              {m.deadline && ` – ${fmt.date(m.deadline)}`}{' '}
              {inferred && <Tag color="orange">{t('ruleBasis.inferred')}</Tag>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The household page's account of each rule's basis (issue 16 item 8): every recorded fact it used
 * with its date and source, the facts it lacks and who can supply them (the "verify" outcome), and
 * the plan measures it counted (inferred ones marked). Reads the same evaluation as the rules panel.
 */
export function RulesPanel({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const evaluation = useHouseholdEvaluation(householdId);
  const results = evaluation.data?.results ?? [];
  if (results.length === 0) return null;
  return (
    <Card title={t('ruleBasis.title')} size="small" data-testid="rules-basis">
      <Collapse
        size="small"
        items={results.map((r) => ({
          key: r.rule,
          label: (
            <Flex wrap gap={8} align="center" data-testid={`basis-${r.rule}`}>
              <Typography.Text strong>{labels.rule(r.rule)}</Typography.Text>
              <Tag>{t('ruleBasis.factsCount', { n: r.facts.length })}</Tag>
              {r.missing.length > 0 && (
                <Tag color="orange">{t('ruleBasis.missingCount', { n: r.missing.length })}</Tag>
              )}
              {r.measures && (
                <Tag color={r.measures.basis === 'inferred' ? 'orange' : 'blue'}>
                  {t('ruleBasis.measuresCount', { n: r.measures.counted.length })}
                </Tag>
              )}
            </Flex>
          ),
          children: (
            <Flex vertical gap={8}>
              <FactsTable facts={r.facts} rule={r.rule} />
              {r.missing.length > 0 && <MissingList missing={r.missing} rule={r.rule} />}
              {r.measures && <MeasureList measures={r.measures} rule={r.rule} />}
              <TargetPolicyBasis kind="rule" target={r.rule} />
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}
