import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import type { Clock } from '../../kernel/clock.js';
import { createCommitmentQueue } from '../plans/commitment-queue.js';
import { createCommitmentService } from '../plans/commitment-service.js';
import { createIncentiveSetupService, createLedgerService, earnIn } from './ledger-service.js';
import { createPortalPointsService } from './portal-service.js';
import { createEffortRecordsService } from './records-service.js';
import { createWorkReliefService } from './work-relief-service.js';

/** The household's own effort (内生动力, docs/effort.md): records, work relief, ledger, commitments. */
export function createEffortServices(
  db: Kysely<DB>,
  deps: { clock: Clock; paramsFor: (region: string, date: string) => Promise<PolicyParams> },
) {
  const commitments = createCommitmentService(db, deps.clock, earnIn);
  return {
    records: createEffortRecordsService(db, { ...deps, commitments: commitments.list }),
    ledger: createLedgerService(db, deps.clock),
    incentives: createIncentiveSetupService(db, deps.clock),
    workRelief: createWorkReliefService(db, deps),
    commitments,
    /** Reported progress awaiting its cadre's confirmation. */
    pendingProgress: createCommitmentQueue(db, deps.clock),
    portalPoints: createPortalPointsService(db, deps.clock),
  };
}
export type EffortServices = ReturnType<typeof createEffortServices>;
