import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { assessRequest } from '../../domain/burden/catalogue.js';
import { AppError } from '../../kernel/errors.js';
import { assertInScope, assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { mayRegister } from './register-rights.js';
import { regionOf } from './report-service.js';
import { burdenRepository as repo } from './repository.js';

/** The register of data requests from higher levels, each assessed against what the system holds. */
export interface RequestInput {
  region: string;
  requester: string;
  requesterLevel: string;
  title: string;
  items: string[];
  receivedOn: string;
  dueOn?: string | null | undefined;
}

export interface RequestAnswer {
  version: number;
  status: 'answered_by_report' | 'answered_by_villages' | 'declined';
  note: string;
}

export function createRequestRegister(db: Kysely<DB>) {
  return {
    async requests(user: AuthUser, region: string | undefined, year: number) {
      return (await repo.requests(db, scopeFor(user, region), year)).map((r) => ({
        id: r.id,
        region: r.region_code,
        requester: r.requester,
        requesterLevel: r.requester_level,
        title: r.title,
        items: r.items,
        receivedOn: r.received_on,
        dueOn: r.due_on,
        status: r.status,
        responseNote: r.response_note,
        version: r.version,
        assessment: assessRequest(r.items),
      }));
    },

    async addRequest(user: AuthUser, input: RequestInput) {
      mayRegister(user);
      assertInScope(user, input.region);
      await regionOf(db, input.region);
      const assessment = assessRequest(input.items);
      if (assessment.unknown.length)
        throw new AppError(
          'E_VALIDATION',
          `items: not in the data-item catalogue: ${assessment.unknown.join(', ')}`,
        );
      return db.transaction().execute(async (trx) => {
        const row = await repo.insertRequest(trx, {
          region_code: input.region,
          requester: input.requester.trim(),
          requester_level: input.requesterLevel,
          title: input.title.trim(),
          items: input.items,
          received_on: input.receivedOn,
          due_on: input.dueOn ?? null,
          created_by: user.id,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'burden.request',
          entityType: 'data_request',
          entityId: row.id,
          regionCode: input.region,
          after: { ...input, answerableFromSystem: assessment.answerableFromSystem },
        });
        return { id: row.id, version: row.version, assessment };
      });
    },

    async answerRequest(user: AuthUser, id: string, input: RequestAnswer) {
      mayRegister(user);
      const cur = await repo.request(db, id);
      if (!cur) throw new AppError('E_NOT_FOUND', `No data request ${id}`);
      assertObjectInScope(user, cur.region_code, () => new AppError('E_NOT_FOUND', `No data request ${id}`));
      const note = input.note.trim();
      if (!note)
        throw new AppError('E_VALIDATION', 'note: say how the request was answered or why it was declined');
      return db.transaction().execute(async (trx) => {
        const row = await repo.answerRequest(trx, id, input.version, input.status, note);
        if (!row) throw new AppError('E_CONFLICT', `Data request ${id} was changed by someone else; reload`);
        await recordAudit(trx, actorOf(user), {
          action: 'burden.request_answer',
          entityType: 'data_request',
          entityId: id,
          regionCode: cur.region_code,
          before: { status: cur.status },
          after: { status: input.status, note },
        });
        return row;
      });
    },
  };
}
