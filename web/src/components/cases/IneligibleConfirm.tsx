import { useState, type ReactNode } from 'react';
import { Alert, Modal, Typography } from 'antd';
import { isApiError } from '../../api/client';
import { useOpenCase, type CaseDetail } from '../../api/cases';
import { useLang } from '../../i18n';
import { errorMessage } from '../ErrorResult';
import { useCaseLabels } from './labels';

/**
 * Guidance in procedures (issue 20 item 7): opening a case on a household the rules find ineligible —
 * or cannot decide (`verify`) — answers 409 with the reasons (src/modules/cases/guidance.ts); this asks
 * the user to confirm, showing them, and opens with `confirmIneligible: true` (kept in the audit).
 */

interface Labelled {
  label_zh: string;
  label_en: string;
}
export interface IneligibleFinding {
  rule: string;
  outcome: 'ineligible' | 'verify';
  reasons: (Labelled & { criterion: string })[];
  missing: (Labelled & { fact: string })[];
}

/** The finding of a 409 "ineligible" answer, else null. */
export function ineligibleFinding(e: unknown): IneligibleFinding | null {
  if (!isApiError(e) || e.status !== 409) return null;
  const d = e.details as Partial<IneligibleFinding> & { reason?: string };
  if (!d || d.reason !== 'ineligible' || !Array.isArray(d.reasons)) return null;
  return {
    rule: d.rule ?? '',
    outcome: d.outcome === 'verify' ? 'verify' : 'ineligible',
    reasons: d.reasons,
    missing: Array.isArray(d.missing) ? d.missing : [],
  };
}

const TEXT = {
  'zh-CN': {
    title: { ineligible: '规则认为该户不符合条件', verify: '规则尚无法判定该户是否符合条件' },
    intro: '依据现有数据，以下条件未满足或缺少：',
    missing: '缺少的信息：',
    ask: '仍要发起此程序吗？确认将记入操作日志。',
    ok: '确认发起',
    askVote: '仍要按评议结果继续吗？确认将记入操作日志。',
    okVote: '确认提交评议',
    cancel: '取消',
  },
  en: {
    title: {
      ineligible: 'The rules find this household ineligible',
      verify: 'The rules cannot decide yet (verify)',
    },
    intro: 'On the data held, these conditions are not met or not known:',
    missing: 'Missing information:',
    ask: 'Open the procedure anyway? Your confirmation is recorded in the audit log.',
    ok: 'Confirm and open',
    askVote: 'Record the vote anyway? Your confirmation is recorded in the audit log.',
    okVote: 'Confirm the vote',
    cancel: 'Cancel',
  },
} as const;

type OpenBody = Parameters<ReturnType<typeof useOpenCase>['mutate']>[0];
interface Pending {
  body: OpenBody;
  finding: IneligibleFinding;
  onOpened: (c: CaseDetail) => void;
}

/**
 * `start(body, onOpened, onError)` opens a case; an "ineligible" answer shows `modal` with the reasons
 * and, when confirmed, opens again with `confirmIneligible: true`. Other errors go to `onError`.
 */
export function useGuardedOpenCase() {
  const open = useOpenCase();
  const [pending, setPending] = useState<Pending | null>(null);
  const start = (body: OpenBody, onOpened: (c: CaseDetail) => void, onError?: (e: unknown) => void) =>
    open.mutate(body, {
      onSuccess: onOpened,
      onError: (e) => {
        const finding = ineligibleFinding(e);
        if (finding) setPending({ body, finding, onOpened });
        else onError?.(e);
      },
    });
  const confirm = () => {
    if (!pending) return;
    const body: OpenBody = { ...pending.body, confirmIneligible: true };
    open.mutate(body, {
      onSuccess: (c) => {
        setPending(null);
        pending.onOpened(c);
      },
    });
  };
  const modal: ReactNode = pending ? (
    <IneligibleModal
      finding={pending.finding}
      busy={open.isPending}
      error={ineligibleFinding(open.error) ? null : open.error}
      onOk={confirm}
      onCancel={() => setPending(null)}
    />
  ) : null;
  return { start, modal, isPending: open.isPending, error: open.error, isError: open.isError };
}

/** The confirmation with the rule's reasons; `vote`: at a vote step (民主评议) rather than an opening. */
export function IneligibleModal(props: {
  finding: IneligibleFinding;
  vote?: boolean;
  busy: boolean;
  error: unknown;
  onOk: () => void;
  onCancel: () => void;
}) {
  const lang = useLang();
  const text = TEXT[lang];
  const labels = useCaseLabels();
  const label = (l: Labelled) => (lang === 'en' ? l.label_en : l.label_zh);
  const { finding } = props;
  return (
    <Modal
      open
      title={`${text.title[finding.outcome]}（${labels.rule(finding.rule)}）`}
      okText={props.vote ? text.okVote : text.ok}
      cancelText={text.cancel}
      okButtonProps={{ danger: finding.outcome === 'ineligible', 'data-testid': 'ineligible-confirm' }}
      confirmLoading={props.busy}
      onOk={props.onOk}
      onCancel={props.onCancel}
    >
      <div data-testid="ineligible-dialog" data-outcome={finding.outcome}>
        <Typography.Paragraph>{text.intro}</Typography.Paragraph>
        <ul data-testid="ineligible-reasons">
          {finding.reasons.map((r) => (
            <li key={r.criterion}>{label(r)}</li>
          ))}
        </ul>
        {finding.missing.length > 0 && (
          <Typography.Paragraph type="secondary">
            {text.missing}
            {finding.missing.map(label).join('；')}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph strong>{props.vote ? text.askVote : text.ask}</Typography.Paragraph>
        {props.error ? <Alert type="error" showIcon title={errorMessage(props.error)} /> : null}
      </div>
    </Modal>
  );
}
