import type { printingZhCN } from './printing.zh-CN';

export const printingEn: typeof printingZhCN = {
  print: {
    year: '{{year}}',
    reportTitle: '{{region}} {{year}} {{title}}',
    unit: 'Reporting unit (seal)',
    head: 'Person in charge',
    preparer: 'Prepared by',
    date: 'Date',
    pdf: 'Download PDF',
    hotline: 'Supervision hotline: {{phone}}',
    hotlineDefault:
      'Supervision hotline: {{phone}} (government service hotline; the county has not set its own)',
    national: 'National poverty-alleviation supervision line: {{phone}}',
    hotlineUnset:
      'The county has not set its supervision hotline; notices print the government service hotline 12345. A county officer sets "Supervision hotline" among the policy parameters.',
    batch: {
      title: 'Batch notice (village or township)',
      open: 'Batch notice',
      region: 'Village or township',
      kind: 'Kind',
      none: 'No case of this kind is in its notice period in this village or township.',
      village: 'Village',
      period: 'Notice period',
      periodEach: 'Notice period per household in the table',
      count: '{{count}} households',
      pickRegion: 'Choose a village or a township',
    },
  },
};
