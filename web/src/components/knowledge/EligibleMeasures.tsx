import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Card, Collapse, Flex, List, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useEligibleMeasures, type Decision, type EligibleMeasure } from '../../api/knowledge';
import { useLang } from '../../i18n';
import { errorMessage } from '../ErrorResult';
import { PolicyBasisList } from './PolicyBasisList';

const COLOR: Record<Decision, string> = { eligible: 'green', verify: 'gold', not_eligible: 'default' };

/**
 * Plan drafting (issue 21): the measures of the household's regional catalogue it may have, each with
 * its eligibility check and reasons, how to apply, the documents, the unit and its policy basis.
 */
export function EligibleMeasures({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const q = useEligibleMeasures(householdId);
  const [all, setAll] = useState(false);
  const measures = q.data?.measures ?? [];
  const shown = all ? measures : measures.filter((m) => m.decision !== 'not_eligible');
  const hidden = measures.length - measures.filter((m) => m.decision !== 'not_eligible').length;
  return (
    <Card
      size="small"
      title={t('knowledge.eligibleTitle')}
      data-testid="eligible-measures"
      style={{ maxWidth: '100%', overflow: 'hidden' }}
    >
      <Typography.Paragraph type="secondary">{t('knowledge.eligibleHint')}</Typography.Paragraph>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Collapse
        size="small"
        items={shown.map((m) => ({
          key: m.code,
          label: <MeasureLabel m={m} />,
          children: <MeasureExplained m={m} />,
        }))}
      />
      {hidden > 0 && !all && (
        <Button
          type="link"
          onClick={() => setAll(true)}
          data-testid="eligible-show-all"
          style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'start' }}
        >
          {t('knowledge.showAll', { n: hidden })}
        </Button>
      )}
    </Card>
  );
}

function MeasureLabel({ m }: { m: EligibleMeasure }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Flex gap={8} wrap align="center" style={{ minWidth: 0 }} data-testid={`eligible-${m.code}`}>
      <Tag color={COLOR[m.decision]}>{t(`knowledge.decision.${m.decision}`)}</Tag>
      <Typography.Text strong>{lang === 'en' ? m.nameEn : m.nameZh}</Typography.Text>
      {m.region !== '' && <Tag>{m.region}</Tag>}
    </Flex>
  );
}

/** A measure explained: reasons of the check, description, how to apply, documents, unit, money, basis. */
export function MeasureExplained({ m }: { m: EligibleMeasure }) {
  const { t } = useTranslation();
  const lang = useLang();
  const en = lang === 'en';
  return (
    <Flex vertical gap={8} data-testid={`explained-${m.code}`}>
      <div>
        <Typography.Text type="secondary">{t('knowledge.reasons')}</Typography.Text>
        {m.reasons.length === 0 ? (
          <div>{t('knowledge.noRule')}</div>
        ) : (
          <List
            size="small"
            dataSource={m.reasons}
            renderItem={(r) => (
              <List.Item data-testid="eligibility-reason">
                {r.missing ? (
                  <QuestionCircleOutlined style={{ color: '#d4b106' }} />
                ) : r.passed ? (
                  <CheckCircleOutlined style={{ color: '#389e0d' }} />
                ) : (
                  <CloseCircleOutlined style={{ color: '#8c8c8c' }} />
                )}{' '}
                {en ? r.label_en : r.label_zh}
              </List.Item>
            )}
          />
        )}
      </div>
      <Field label={t('knowledge.description')}>{(en && m.descriptionEn) || m.descriptionZh || '—'}</Field>
      <Field label={t('knowledge.howToApply')}>
        <span data-testid="how-to-apply">{(en && m.howToApplyEn) || m.howToApplyZh || '—'}</span>
      </Field>
      <Field label={t('knowledge.documents')}>{m.documents.join('、') || '—'}</Field>
      <Field label={t('knowledge.contact')}>
        {[m.responsibleUnit, m.contact].filter(Boolean).join(' · ') || '—'}
      </Field>
      <Field label={t('knowledge.limits')}>
        {[m.defaultAmount === null ? null : `${m.defaultAmount} 元`, m.limitsZh].filter(Boolean).join('；') ||
          '—'}
      </Field>
      <Field label={t('knowledge.policyBasis')}>
        <PolicyBasisList documents={m.policyDocuments} />
      </Field>
    </Flex>
  );
}

/** One labelled part of a measure's explanation (plain blocks: they wrap on a phone). */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ overflowWrap: 'anywhere' }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div>{children}</div>
    </div>
  );
}
