import type { Notice } from '../cases/notice.js';

/** The notice shapes shared by the notice service and its PDF (notices.ts, notice-pdf.ts). */
export interface Supervision {
  /** The county's line, or the national default when no level set one (`isDefault`). */
  county: { phone: string; isDefault: boolean };
  national: string;
}

/** One batch notice: one stage of one kind with one issuer (a village committee or a township). */
export interface BatchNotice extends Omit<Notice, 'caseId' | 'households' | 'period' | 'current'> {
  households: (Notice['households'][number] & {
    village: string;
    caseId: string;
    start: string;
    end: string;
  })[];
  /** The common period, or the first start and last end when cases entered the stage on different days. */
  period: { start: string; end: string; same: boolean };
}
