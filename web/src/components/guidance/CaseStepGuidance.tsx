import { Collapse } from 'antd';
import { caseStepGuidance } from '../../../../src/domain/guidance';
import type { CaseKind } from '../../../../src/domain/cases/types';
import { useCaseLabels } from '../cases/labels';
import { useLang } from '../../i18n';
import { GuidanceNote } from './GuidanceNote';

const TITLE = { zh: '办理指引', en: 'Guidance' };

/**
 * Guidance for the steps a case can take now (each action at its state): what to check and what to
 * tell the household. The chosen step opens; the others stay folded.
 */
export function CaseStepGuidance({
  kind,
  actions,
  chosen,
}: {
  kind: string;
  actions: readonly string[];
  chosen?: string | null;
}) {
  const labels = useCaseLabels();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const items = [...new Set(actions)]
    .map((a) => ({ a, g: caseStepGuidance(kind as CaseKind, a) }))
    .filter((x) => x.g !== null)
    .map(({ a, g }) => ({
      key: a,
      label: `${TITLE[lang]} · ${labels.action(a)}`,
      children: <GuidanceNote guidance={g} testId={`guidance-step-${a}`} />,
    }));
  if (items.length === 0) return null;
  return (
    <Collapse
      key={chosen ?? ''}
      size="small"
      items={items}
      defaultActiveKey={chosen ? [chosen] : []}
      data-testid="case-step-guidance"
    />
  );
}
