import { Alert, Button, Card, Collapse, Dropdown, Flex, Tag, Typography } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { CASE_KINDS, useCases, type CaseKind } from '../../api/cases';
import { decisionKey, useHouseholdEvaluation, type RuleResult } from '../../api/rules';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { errorMessage } from '../ErrorResult';
import { useGuardedOpenCase } from '../cases/IneligibleConfirm';
import { stateColor, useCaseLabels } from '../cases/labels';
import { ReasonList } from './ReasonList';

const POSITIVE = new Set(['eligible', 'may_exit', 'may_remove', 'single_person']);
const WARNING = new Set(['unstable', 'marginal', 'sudden', 'needs_exception', 'gradual_exit']);

function decisionColor(r: RuleResult, k: string): string {
  if (k === 'verify') return 'gold';
  if (r.rule === 'linkage') return k === 'none' ? 'default' : 'red';
  return POSITIVE.has(k) ? 'green' : WARNING.has(k) ? 'orange' : 'default';
}

/**
 * The decision's keys: a rule lacking facts says "verify" — the linkage diagnostics too, whose
 * decision lists only the gaps known (a coverage gap that cannot be decided is a missing fact).
 */
function decisionKeys(r: RuleResult): string[] {
  const keys = decisionKey(r.decision).split(',');
  if (!r.missing?.length || keys.includes('verify')) return keys;
  return [...keys.filter((k) => k !== 'none'), 'verify'];
}

/** The facts a rule lacks and who supplies each. */
function MissingFacts({ r }: { r: RuleResult }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  if (!r.missing?.length) return null;
  return (
    <div data-testid={`rule-missing-${r.rule}`}>
      <Typography.Text strong type="warning">
        {t('ruleBasis.missing')}
      </Typography.Text>
      <ul style={{ margin: '2px 0 8px', paddingInlineStart: 20 }}>
        {r.missing.map((m) => (
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

/** Start a procedure for this household; an open case of that kind is shown instead of a second one. */
function OpenCaseMenu({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  // an ineligible household asks for a confirmation with the rule's reasons (IneligibleConfirm.tsx)
  const open = useGuardedOpenCase();
  const start = (kind: CaseKind) =>
    open.start(
      { kind, householdId, data: { channel: 'cadre_screening' } },
      (c) => void navigate(`/cases/${c.id}`),
      (e) => {
        const caseId = isApiError(e) ? (e.details as { caseId?: string } | undefined)?.caseId : undefined;
        if (caseId) void navigate(`/cases/${caseId}`);
      },
    );
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: CASE_KINDS.map((k) => ({
            key: k,
            label: <span data-testid={`open-case-${k}`}>{labels.kind(k)}</span>,
          })),
          onClick: ({ key }) => start(key as CaseKind),
        }}
      >
        <Button loading={open.isPending} data-testid="open-case">
          {t('rules.openCase')} <DownOutlined />
        </Button>
      </Dropdown>
      {open.modal}
      {open.isError && !(isApiError(open.error) && open.error.status === 409 && open.error.details) && (
        <Alert type="error" showIcon title={errorMessage(open.error)} data-testid="open-case-error" />
      )}
    </>
  );
}

function HouseholdCases({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const cases = useCases({ householdId, page: 1, pageSize: 50 });
  const items = cases.data?.items ?? [];
  return (
    <Flex wrap gap={8} align="center" data-testid="household-cases">
      <Typography.Text type="secondary">{t('rules.cases')}：</Typography.Text>
      {items.length === 0 && <Typography.Text type="secondary">{t('rules.noCases')}</Typography.Text>}
      {items.map((c) => (
        <Link key={c.id} to={`/cases/${c.id}`} data-testid={`household-case-${c.id}`}>
          <Tag color={stateColor(c.state, c.closed)}>
            {labels.kind(c.kind)} #{c.id} · {labels.state(c.state)}
          </Tag>
        </Link>
      ))}
    </Flex>
  );
}

/**
 * The household page's panel: the current evaluation of every policy rule with its reasons in plain
 * Chinese (or English), the procedures of the household, and a menu to start one.
 */
export function HouseholdRulePanel({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useCaseLabels();
  const evaluation = useHouseholdEvaluation(householdId);
  const e = evaluation.data;
  return (
    <Card
      title={t('rules.title')}
      extra={<OpenCaseMenu householdId={householdId} />}
      loading={evaluation.isLoading}
      data-testid="rule-panel"
    >
      <Flex vertical gap={12}>
        <HouseholdCases householdId={householdId} />
        {evaluation.isError && <Alert type="error" showIcon title={errorMessage(evaluation.error)} />}
        {e && e.results.length === 0 && (
          <Typography.Text type="secondary">{t('rules.noData')}</Typography.Text>
        )}
        {e?.params && e.year !== null && (
          <Typography.Text type="secondary" data-testid="rule-panel-basis">
            {t('rules.subtitle', {
              year: e.year,
              asOf: fmt.date(e.asOf),
              line: fmt.number(e.params.povertyLine),
              monitoring: fmt.number(e.params.monitoringLine),
            })}
          </Typography.Text>
        )}
        {e && e.results.length > 0 && (
          <Collapse
            size="small"
            items={e.results.map((r) => ({
              key: r.rule,
              label: (
                <Flex wrap gap={8} align="center" data-testid={`rule-${r.rule}`}>
                  <Typography.Text strong>{labels.rule(r.rule)}</Typography.Text>
                  {decisionKeys(r).map((d) => (
                    <Tag key={d} color={decisionColor(r, d)} data-testid={`rule-decision-${r.rule}`}>
                      {labels.decision(d)}
                    </Tag>
                  ))}
                </Flex>
              ),
              children: (
                <>
                  <MissingFacts r={r} />
                  <ReasonList reasons={r.reasons} testId={`rule-reasons-${r.rule}`} />
                </>
              ),
            }))}
          />
        )}
      </Flex>
    </Card>
  );
}
