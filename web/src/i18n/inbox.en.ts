import type { inboxZhCN } from './inbox.zh-CN';

/** English messages of the to-do home, the header badge and "what to do next"; spread into en.ts. */
export const inboxEn: typeof inboxZhCN = {
  inbox: {
    title: 'To do',
    subtitle: 'Today {{today}} · {{total}} items, {{urgent}} urgent',
    empty: 'Nothing to do',
    badge: 'To do',
    badgeTitle: '{{total}} to do ({{urgent}} urgent)',
    due: 'due {{due}}',
    noDue: 'no deadline',
    daysLeft: '{{n}} working days left',
    dueToday: 'due today',
    overdue: '{{n}} working days overdue',
    open: 'Open',
    stats: 'Statistics overview',
    orgPledges: 'My pledges and deliveries',
    orgHint:
      'The needs your organisation pledged and its product orders are handled on the participation page.',
    kinds: {
      case_step: 'Case step',
      notice_ending: 'Notice period ends',
      monitoring_deadline: 'Monitoring deadline',
      self_report: 'Self-report to check',
      grievance: 'Grievance',
      visit_due: 'Visit due',
      dibao_review: 'Assistance review',
      fact_proposal: 'Fact to confirm',
      pledge: 'Pledge to deliver',
    },
    next: {
      title: 'What to do next',
      none: 'Nothing to do',
      loading: 'Loading…',
    },
  },
};
