import { Flex, Tag, Typography } from 'antd';
import type { CaseAction, CaseDetail, Requirement } from '../../api/cases';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useCaseLabels } from './labels';

/**
 * Guidance in procedures (issue 20 item 7): each step open at the case's state says who acts next
 * (level and role) and what the step needs (vote, notice period, signatures, consent, note, staff,
 * home visit, deadline), from the procedure's requirements in the case detail; a step the user may
 * take is marked as awaiting them.
 */
const TEXT = {
  'zh-CN': {
    title: '下一步',
    level: { village: '村级', township: '乡镇', county: '县级' },
    yours: '待您办理',
    needs: '需要：',
    nothing: '无特别要求',
    vote: (q: string, a: string, more: boolean) =>
      `民主评议表决（到会不少于 ${q}，赞成${more ? '超过' : '不少于'} ${a}）`,
    notice: (d: number) => `公示不少于 ${d} 天`,
    signature: (who: string) => `签字：${who}`,
    signer: { household: '户主', collector: '信息采集人', reviewer: '审核人' },
    dataConsent: '家庭经济状况核对授权书',
    evidence: '书面说明',
    staff: (n: number) => `至少 ${n} 名工作人员入户调查`,
    homeVisit: '工作人员或村干部近亲属申请时须入户核实',
    deadline: (d: number) => `自开案起 ${d} 天内办理`,
    extra: (what: string) => `填写${what}`,
    voteCheck: '规则认为该户不符合条件时，提交评议前须确认',
  },
  en: {
    title: 'Next',
    level: { village: 'village', township: 'township', county: 'county' },
    yours: 'awaits you',
    needs: 'Needs: ',
    nothing: 'nothing particular',
    vote: (q: string, a: string, more: boolean) =>
      `a review vote (at least ${q} present, ${more ? 'more than' : 'at least'} ${a} in favour)`,
    notice: (d: number) => `a public notice of at least ${d} days`,
    signature: (who: string) => `signature of the ${who}`,
    signer: { household: 'household', collector: 'collector', reviewer: 'reviewer' },
    dataConsent: "the household's consent to check its data",
    evidence: 'a written note',
    staff: (n: number) => `at least ${n} staff at the home investigation`,
    homeVisit: 'a home visit when the applicant is related to staff or cadres',
    deadline: (d: number) => `within ${d} days of the opening`,
    extra: (what: string) => what,
    voteCheck: 'a confirmation when the rules find the household ineligible',
  },
} as const;

type Text = (typeof TEXT)[keyof typeof TEXT];

function needOf(r: Requirement, x: Text, pct: (f: number) => string): string {
  switch (r.kind) {
    case 'vote':
      return x.vote(pct(r.quorum), pct(r.approval), r.approvalRule === 'more_than');
    case 'notice':
      return x.notice(r.minDays);
    case 'signature':
      return x.signature(x.signer[r.who]);
    case 'dataConsent':
      return x.dataConsent;
    case 'evidence':
      return x.evidence;
    case 'staff':
      return x.staff(r.min);
    case 'homeVisitIfStaffRelative':
      return x.homeVisit;
    case 'deadline':
      return x.deadline(r.days);
  }
}

export function NextSteps({ c }: { c: CaseDetail }) {
  const lang = useLang();
  const x = TEXT[lang];
  const fmt = useFormat();
  const labels = useCaseLabels();
  if (c.closed || c.actions.length === 0) return null;
  const pct = (f: number) => fmt.percent(f, 0);
  const line = (a: CaseAction) => {
    const needs = [
      ...a.requires.map((r) => needOf(r, x, pct)),
      // what the service asks beyond the procedure (the county's monitoring category), and the rule check
      // at a vote (src/modules/cases/guidance.ts)
      ...a.extra.map((k) => x.extra(labels.missing(k))),
      ...(a.requires.some((r) => r.kind === 'vote') ? [x.voteCheck] : []),
    ];
    const level = x.level[a.level as keyof Text['level']] ?? a.level;
    return (
      <div key={a.action} data-testid={`next-step-${a.action}`}>
        <Typography.Text strong>{labels.action(a.action)}</Typography.Text>
        {' · '}
        {level} {a.roles.map(labels.role).join('、')}
        {a.allowed && (
          <Tag color="blue" style={{ marginInlineStart: 8 }}>
            {x.yours}
          </Tag>
        )}
        <br />
        <Typography.Text type="secondary">
          {x.needs}
          {needs.length > 0 ? needs.join('；') : x.nothing}
        </Typography.Text>
      </div>
    );
  };
  return (
    <Flex vertical gap={6} data-testid="next-steps">
      <Typography.Text type="secondary">{x.title}</Typography.Text>
      {c.actions.map(line)}
    </Flex>
  );
}
