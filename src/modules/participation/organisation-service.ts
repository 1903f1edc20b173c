import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { levelOf } from '../../domain/region-code.js';
import { ORG_KINDS_WITHOUT_CODE, type OrgKind } from '../../domain/participation/needs.js';
import { validateUscc } from '../../domain/participation/uscc.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { hashPassword } from '../auth/password.js';
import { organisationOf, paging, requireReviewer } from './access.js';
import { iso, num } from './mapper.js';
import { organisationRepository as repo } from './organisation-repository.js';
import { regionRepository } from './region-repository.js';

export interface Registration {
  name: string;
  kind: OrgKind;
  creditCode?: string | undefined;
  contactPerson: string;
  contactPhone: string;
  regionCode: string;
  username: string;
  password: string;
}

const invalid = (field: string, message: string, more: object = {}) =>
  new AppError('E_VALIDATION', message, { field, ...more });

/** The checks of a registration that need no transaction; returns the normalised credit code. */
async function checkRegistration(db: Kysely<DB>, r: Registration): Promise<string | null> {
  let code: string | null = null;
  if (r.creditCode?.trim()) {
    const v = validateUscc(r.creditCode);
    if (!v.ok) throw invalid('creditCode', `creditCode: ${v.problem.message}`, { problem: v.problem.code });
    code = v.code;
  } else if (!ORG_KINDS_WITHOUT_CODE.includes(r.kind)) {
    throw invalid('creditCode', `creditCode is required for kind ${r.kind}`);
  }
  if (!levelOf(r.regionCode) || !(await regionRepository.region(db, r.regionCode)))
    throw invalid('regionCode', `regionCode ${r.regionCode} is not a loaded division code`);
  if (!/^[\w.-]{2,40}$/.test(r.username))
    throw invalid('username', 'username must be 2–40 letters, digits, dot, dash or underscore');
  if (r.password.length < 8) throw invalid('password', 'password must have at least 8 characters');
  return code;
}

/** The account of an approved organisation: role organisation, scoped to the region it serves. */
async function createAccount(
  trx: Kysely<DB>,
  org: NonNullable<Awaited<ReturnType<typeof repo.organisationById>>>,
): Promise<string> {
  if (await repo.userExists(trx, org.username))
    throw new AppError('E_CONFLICT', `username ${org.username} is taken`, { field: 'username' });
  return repo.insertOrgUser(trx, {
    username: org.username,
    display_name: org.name,
    password_hash: org.password_hash,
    scope_code: org.region_code,
  });
}

type OrganisationRow = Awaited<ReturnType<typeof repo.organisations>>[0][number];
const organisationView = (o: OrganisationRow) => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  creditCode: o.credit_code,
  contactPerson: o.contact_person,
  contactPhone: o.contact_phone,
  region: { code: o.region_code, name: o.region_name },
  status: o.status,
  username: o.username,
  createdAt: iso(o.created_at)!,
  reviewedAt: iso(o.reviewed_at),
  rejectReason: o.reject_reason,
});

/** Organisations: public self-registration, review by county officers, the organisation's own page. */
export function createOrganisationService(db: Kysely<DB>, clock: Clock) {
  return {
    /** Public self-registration: validated, stored as pending with the hash of the chosen password. */
    async register(r: Registration): Promise<{ id: string; status: string }> {
      const code = await checkRegistration(db, r);
      const passwordHash = await hashPassword(r.password);
      return db.transaction().execute(async (trx) => {
        if (await repo.usernameTaken(trx, r.username))
          throw new AppError('E_CONFLICT', `username ${r.username} is taken`, { field: 'username' });
        if (code && (await repo.codeTaken(trx, code)))
          throw new AppError('E_CONFLICT', `an organisation with credit code ${code} is already registered`, {
            field: 'creditCode',
          });
        const row = await repo.insertOrganisation(trx, {
          name: r.name.trim(),
          kind: r.kind,
          credit_code: code,
          contact_person: r.contactPerson.trim(),
          contact_phone: r.contactPhone.trim(),
          region_code: r.regionCode,
          username: r.username,
          password_hash: passwordHash,
        });
        await recordAudit(
          trx,
          { id: null, name: `public:${r.username}` },
          {
            action: 'organisation.register',
            entityType: 'organisation',
            entityId: row.id,
            regionCode: r.regionCode,
            after: { name: r.name, kind: r.kind, creditCode: code },
          },
        );
        return row;
      });
    },

    /** Division codes below `parent` for the public form ('' → provinces). */
    publicRegions: (parent: string) => regionRepository.regionsUnder(db, parent || null),

    async organisations(
      user: AuthUser,
      q: { status?: string | undefined; region?: string | undefined; page: number; pageSize: number },
    ) {
      requireReviewer(user);
      const p = paging(q);
      const [rows, count] = await repo.organisations(
        db,
        scopeFor(user, q.region),
        q.status,
        p.limit,
        p.offset,
      );
      return { total: Number(count.n), items: rows.map(organisationView) };
    },

    /** Approve (creating the organisation's account) or reject with a reason. */
    async review(user: AuthUser, id: string, decision: 'approve' | 'reject', reason?: string) {
      requireReviewer(user);
      if (decision === 'reject' && !reason?.trim()) throw invalid('reason', 'a rejection needs a reason');
      return db.transaction().execute(async (trx) => {
        const org = await repo.organisationById(trx, id);
        if (!org) throw notFound('organisation', id);
        assertObjectInScope(user, org.region_code, 'organisation', id);
        if (org.status !== 'pending')
          throw new AppError('E_TRANSITION_NOT_ALLOWED', `organisation ${id} is already ${org.status}`);
        const userId = decision === 'approve' ? await createAccount(trx, org) : null;
        const status = decision === 'approve' ? 'approved' : 'rejected';
        await repo.setOrganisationReviewed(trx, id, {
          status,
          reviewed_by: user.id,
          reviewed_at: clock.now(),
          reject_reason: decision === 'reject' ? reason!.trim() : null,
          user_id: userId,
        });
        await recordAudit(trx, actorOf(user), {
          action: `organisation.${decision}`,
          entityType: 'organisation',
          entityId: id,
          regionCode: org.region_code,
          before: { status: org.status },
          after: { status, userId },
          reason: reason ?? null,
        });
        return { status };
      });
    },

    /** The signed-in organisation and its totals (income reached households: a total only). */
    async me(user: AuthUser) {
      const org = await organisationOf(db, user);
      const t = await repo.organisationTotals(db, org.id);
      return {
        id: org.id,
        name: org.name,
        kind: org.kind,
        region: { code: org.region_code, name: org.region_name },
        totals: {
          pledges: num(t.pledges),
          delivered: num(t.delivered),
          confirmed: num(t.confirmed),
          valueDelivered: num(t.value_delivered),
          orders: num(t.orders),
          orderAmount: num(t.order_amount),
          incomeReachedHouseholds: num(t.income_reached),
        },
      };
    },
  };
}
export type OrganisationService = ReturnType<typeof createOrganisationService>;
