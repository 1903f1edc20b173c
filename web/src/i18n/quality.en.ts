import type { qualityZhCN } from './quality.zh-CN';

/** English messages of the data-quality page; same keys as quality.zh-CN.ts. */
export const qualityEn: typeof qualityZhCN = {
  quality: {
    title: 'Data quality and fabrication signals',
    subtitle: 'The check catalogue, counts by region, and a drill-down to the households',
    run: 'Run now',
    running: 'Running…',
    ran: 'Run finished: {{findings}} findings',
    noRun: 'No run covers this region yet. Press "Run now".',
    lastRun: 'Latest run: {{at}} by {{actor}} ({{trigger}}), {{findings}} findings',
    trigger: { manual: 'manual', schedule: 'scheduled', cli: 'command line' },
    catalogue: 'Check catalogue',
    check: 'Check',
    kind: { rule: 'rule', signal: 'signal' },
    severity: { high: 'high', medium: 'medium', low: 'low' },
    statistic: 'Statistic and threshold',
    fix: 'Expected fix',
    findings: 'Findings',
    households: 'Households',
    tested: '{{n}} groups tested',
    regions: 'Sub-regions',
    region: 'Region',
    total: 'Total',
    drill: 'Drill-down: {{check}}',
    chooseCheck: 'Click a check in the catalogue to see its households and values.',
    household: 'Household',
    subject: 'Subject',
    detail: 'Values that triggered it',
    groupStatistic: 'Statistic of its group',
    none: 'No findings',
  },
};
