import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { levelOf } from '../../domain/region-code.js';
import { permissionsOf } from '../../domain/roles.js';
import {
  allocateIncome,
  nextNeedStatus,
  ORG_KINDS_WITHOUT_CODE,
  personalDataIn,
  type NeedAction,
  type NeedKind,
  type NeedStatus,
  type OrgKind,
} from '../../domain/participation/needs.js';
import { validateUscc } from '../../domain/participation/uscc.js';
import { AppError, notFound, outOfScope } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import { hashPassword } from '../auth/password.js';
import type { AuthUser } from '../../kernel/user.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { participationRepository as repo, type NeedRow } from './repository.js';

const actorOf = (u: AuthUser): Actor => ({ id: u.id, name: u.username });
const num = (v: string | number | null | undefined): number =>
  v === null || v === undefined ? 0 : Number(v);
const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

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

export interface NewNeed {
  kind: NeedKind;
  source: 'household' | 'village';
  householdId?: string | undefined;
  villageCode?: string | undefined;
  title: string;
  description: string;
  amount: number;
}

export interface NewProduct {
  name: string;
  producerKind: 'household' | 'cooperative';
  producerName?: string | undefined;
  townshipCode: string;
  unit: string;
  price: number;
  quantityAvailable: number;
  season?: string | undefined;
  description?: string | undefined;
  householdIds: string[];
}

export interface ConfirmInput {
  by: 'household' | 'village';
  householdId?: string | undefined;
  note: string;
  rating?: number | undefined;
  /** Set when a village cadre confirms a household's need for the household. */
  onBehalfReason?: string | undefined;
  actor?: Actor | undefined;
}

function step(status: string, action: NeedAction, needId: string): NeedStatus {
  const next = nextNeedStatus(status as NeedStatus, action);
  if (!next)
    throw new AppError('E_TRANSITION_NOT_ALLOWED', `need ${needId} is ${status}: cannot ${action}`, {
      need: needId,
      status,
      action,
    });
  return next;
}

/**
 * Confirm that a need was delivered: by the household (the household portal calls this with the
 * household's id) or by the village (village needs, or a household need on the household's behalf
 * with a reason). Call inside a transaction; records the audit event in it.
 */
export async function confirmDelivery(trx: Kysely<DB>, needId: string, input: ConfirmInput): Promise<void> {
  const need = await repo.needForUpdate(trx, needId);
  if (!need) throw notFound('need', needId);
  if (input.by === 'household') {
    if (need.source !== 'household' || !input.householdId || need.household_id !== input.householdId)
      throw new AppError(
        'E_FORBIDDEN',
        `need ${needId} is not a need of household ${input.householdId ?? '?'}`,
      );
  } else if (need.source === 'household' && !input.onBehalfReason?.trim()) {
    throw new AppError(
      'E_VALIDATION',
      'a household need confirmed by the village needs the reason (onBehalfReason)',
      {
        field: 'onBehalfReason',
      },
    );
  }
  if (input.rating !== undefined && (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5))
    throw new AppError('E_VALIDATION', 'rating must be 1–5', { field: 'rating' });
  const status = step(need.status, 'confirm', needId);
  await repo.updateNeed(trx, needId, {
    status,
    confirmed_at: new Date(),
    confirmed_by: input.by,
    confirm_note: input.note,
    confirm_rating: input.rating ?? null,
    on_behalf_reason:
      input.by === 'village' && need.source === 'household' ? input.onBehalfReason!.trim() : null,
  });
  await recordAudit(trx, input.actor ?? { id: null, name: `household:${input.householdId ?? '?'}` }, {
    action: 'need.confirm',
    entityType: 'need',
    entityId: needId,
    regionCode: need.village_code,
    before: { status: need.status },
    after: { status, by: input.by, rating: input.rating ?? null },
    reason: input.onBehalfReason ?? input.note,
  });
}

/** What an organisation (and the board) may see of a need: no household, no village, no person. */
function boardNeed(r: NeedRow, myOrgId: string | null) {
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    title: r.title,
    description: r.description,
    amount: num(r.amount),
    township: { code: r.township_code, name: r.township_name },
    status: r.status,
    publishedAt: iso(r.published_at)!,
    pledgedByMe: myOrgId !== null && r.organisation_id === myOrgId,
    pledge:
      r.organisation_id !== null && myOrgId !== null && r.organisation_id === myOrgId
        ? {
            amount: num(r.pledge_amount),
            quantity: r.pledge_quantity,
            expectedDate: r.expected_date,
            note: r.pledge_note,
            pledgedAt: iso(r.pledged_at)!,
            deliveryNote: r.delivery_note,
          }
        : null,
    deliveredAt: iso(r.delivered_at),
    confirmedAt: iso(r.confirmed_at),
    confirmedBy: r.confirmed_by,
  };
}

/** The officers' view of a need: the village and the household number (internal). */
function officerNeed(r: NeedRow) {
  return {
    ...boardNeed(r, null),
    village: { code: r.village_code, name: r.village_name },
    householdId: r.household_id,
    householdNo: r.household_no,
    organisation: r.organisation_id ? { id: r.organisation_id, name: r.organisation_name ?? '' } : null,
    pledgeAmount: r.organisation_id ? num(r.pledge_amount) : null,
    expectedDate: r.expected_date,
    deliveryNote: r.delivery_note,
    matchedAt: iso(r.matched_at),
    confirmNote: r.confirm_note,
    confirmRating: r.confirm_rating,
    onBehalfReason: r.on_behalf_reason,
  };
}

export function createParticipationService(db: Kysely<DB>) {
  function requireOfficer(user: AuthUser): void {
    if (user.role === 'organisation')
      throw new AppError('E_FORBIDDEN', 'Only officers and cadres may do this');
  }
  function requireEditor(user: AuthUser, region: string): void {
    requireOfficer(user);
    if (!permissionsOf(user.role).editHouseholds)
      throw new AppError('E_FORBIDDEN', 'Your role may not publish or change participation records');
    assertInScope(user, region);
  }
  /** A township overlaps the scope: inside it (county, township) or containing it (village cadre). */
  function requireEditorOfTownship(user: AuthUser, township: string): void {
    requireOfficer(user);
    if (!permissionsOf(user.role).editHouseholds)
      throw new AppError('E_FORBIDDEN', 'Your role may not publish or change participation records');
    if (!(township.startsWith(user.scopeCode) || user.scopeCode.startsWith(township)))
      throw outOfScope(township);
  }
  async function requireOrg(user: AuthUser) {
    if (user.role !== 'organisation')
      throw new AppError('E_FORBIDDEN', 'Only organisation accounts may do this');
    const org = await repo.organisationOfUser(db, user.id);
    if (!org) throw new AppError('E_FORBIDDEN', 'Your organisation is not approved');
    return org;
  }
  const scopeOf = (user: AuthUser, region: string | undefined): string => {
    const s = region || user.scopeCode;
    assertInScope(user, s);
    return s;
  };

  return {
    // ---- organisations ---------------------------------------------------------------------------
    /** Public self-registration: validated, stored as pending with the hash of the chosen password. */
    async register(r: Registration): Promise<{ id: string; status: string }> {
      let code: string | null = null;
      if (r.creditCode?.trim()) {
        const v = validateUscc(r.creditCode);
        if (!v.ok)
          throw new AppError('E_VALIDATION', `creditCode: ${v.problem.message}`, {
            field: 'creditCode',
            problem: v.problem.code,
          });
        code = v.code;
      } else if (!ORG_KINDS_WITHOUT_CODE.includes(r.kind)) {
        throw new AppError('E_VALIDATION', `creditCode is required for kind ${r.kind}`, {
          field: 'creditCode',
        });
      }
      if (!levelOf(r.regionCode) || !(await repo.region(db, r.regionCode)))
        throw new AppError('E_VALIDATION', `regionCode ${r.regionCode} is not a loaded division code`, {
          field: 'regionCode',
        });
      if (!/^[\w.-]{2,40}$/.test(r.username))
        throw new AppError('E_VALIDATION', 'username must be 2–40 letters, digits, dot, dash or underscore', {
          field: 'username',
        });
      if (r.password.length < 8)
        throw new AppError('E_VALIDATION', 'password must have at least 8 characters', { field: 'password' });
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
    publicRegions: (parent: string) => repo.regionsUnder(db, parent || null),

    async organisations(
      user: AuthUser,
      q: { status?: string | undefined; region?: string | undefined; page: number; pageSize: number },
    ) {
      requireOfficer(user);
      if (!permissionsOf(user.role).reviewOrganisations)
        throw new AppError('E_FORBIDDEN', 'Only county officers review organisations');
      const scope = scopeOf(user, q.region);
      const [rows, count] = await repo.organisations(
        db,
        scope,
        q.status,
        q.pageSize,
        (q.page - 1) * q.pageSize,
      );
      return {
        total: Number(count.n),
        items: rows.map((o) => ({
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
        })),
      };
    },

    /** Approve (creating the organisation's account) or reject with a reason. */
    async review(
      user: AuthUser,
      id: string,
      decision: 'approve' | 'reject',
      reason?: string,
    ): Promise<{ status: string }> {
      requireOfficer(user);
      if (!permissionsOf(user.role).reviewOrganisations)
        throw new AppError('E_FORBIDDEN', 'Only county officers review organisations');
      if (decision === 'reject' && !reason?.trim())
        throw new AppError('E_VALIDATION', 'a rejection needs a reason', { field: 'reason' });
      return db.transaction().execute(async (trx) => {
        const org = await repo.organisationById(trx, id);
        if (!org) throw notFound('organisation', id);
        assertInScope(user, org.region_code);
        if (org.status !== 'pending')
          throw new AppError('E_TRANSITION_NOT_ALLOWED', `organisation ${id} is already ${org.status}`);
        let userId: string | null = null;
        if (decision === 'approve') {
          if (
            await trx
              .selectFrom('app_user')
              .select('id')
              .where('username', '=', org.username)
              .executeTakeFirst()
          )
            throw new AppError('E_CONFLICT', `username ${org.username} is taken`, { field: 'username' });
          userId = await repo.insertOrgUser(trx, {
            username: org.username,
            display_name: org.name,
            password_hash: org.password_hash,
            scope_code: org.region_code,
          });
        }
        const status = decision === 'approve' ? 'approved' : 'rejected';
        await repo.setOrganisationReviewed(trx, id, {
          status,
          reviewed_by: user.id,
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
      const org = await requireOrg(user);
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

    // ---- needs -----------------------------------------------------------------------------------
    /** The anonymised board (organisations and officers alike). */
    async board(
      user: AuthUser,
      q: {
        kind?: string | undefined;
        township?: string | undefined;
        status?: string | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      const myOrg = user.role === 'organisation' ? (await requireOrg(user)).id : null;
      const f = {
        kind: q.kind,
        township: q.township,
        status: q.status,
        excludeWithdrawn: true,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      };
      const [rows, total] = await Promise.all([repo.needs(db, f), repo.countNeeds(db, f)]);
      return { total, items: rows.map((r) => boardNeed(r, myOrg)) };
    },

    async myPledges(user: AuthUser, q: { page: number; pageSize: number }) {
      const org = await requireOrg(user);
      const f = { organisationId: org.id, limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([repo.needs(db, f), repo.countNeeds(db, f)]);
      return { total, items: rows.map((r) => boardNeed(r, org.id)) };
    },

    /** Officers' list of needs in their scope, with village and household number. */
    async needs(
      user: AuthUser,
      q: {
        region?: string | undefined;
        kind?: string | undefined;
        status?: string | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      requireOfficer(user);
      const f = {
        scope: scopeOf(user, q.region),
        kind: q.kind,
        status: q.status,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      };
      const [rows, total] = await Promise.all([repo.needs(db, f), repo.countNeeds(db, f)]);
      return { total, items: rows.map(officerNeed) };
    },

    async publishNeed(user: AuthUser, n: NewNeed): Promise<{ id: string }> {
      requireOfficer(user);
      return db.transaction().execute(async (trx) => {
        let village: string;
        let known: string[] = [];
        if (n.source === 'household') {
          if (!n.householdId)
            throw new AppError('E_VALIDATION', 'householdId is required for a household need', {
              field: 'householdId',
            });
          const h = await repo.householdForNeed(trx, n.householdId);
          if (!h) throw notFound('household', n.householdId);
          village = h.village_code;
          known = [
            h.head_name ?? '',
            h.address ?? '',
            h.phone ?? '',
            h.household_no,
            ...(await repo.personalStringsOf(trx, h.id)),
          ];
        } else {
          if (!n.villageCode || levelOf(n.villageCode) !== 5)
            throw new AppError('E_VALIDATION', 'villageCode (12 digits) is required for a village need', {
              field: 'villageCode',
            });
          if (!(await repo.region(trx, n.villageCode))) throw notFound('region', n.villageCode);
          village = n.villageCode;
        }
        requireEditor(user, village);
        for (const field of ['title', 'description'] as const) {
          const found = personalDataIn(n[field], known);
          if (found.length)
            throw new AppError(
              'E_VALIDATION',
              `${field} must not contain personal data (${found.join(', ')}): the board is public to organisations`,
              {
                field,
                found,
              },
            );
        }
        const row = await repo.insertNeed(trx, {
          kind: n.kind,
          source: n.source,
          household_id: n.source === 'household' ? n.householdId! : null,
          village_code: village,
          township_code: village.slice(0, 9),
          title: n.title.trim(),
          description: n.description.trim(),
          amount: n.amount,
          published_by: user.id,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'need.publish',
          entityType: 'need',
          entityId: row.id,
          regionCode: village,
          after: { kind: n.kind, source: n.source, householdId: n.householdId ?? null, amount: n.amount },
        });
        return { id: row.id };
      });
    },

    async pledge(
      user: AuthUser,
      needId: string,
      p: {
        amount: number;
        quantity?: number | undefined;
        expectedDate?: string | undefined;
        note?: string | undefined;
      },
    ) {
      const org = await requireOrg(user);
      return db.transaction().execute(async (trx) => {
        const need = await repo.needForUpdate(trx, needId);
        if (!need) throw notFound('need', needId);
        const status = step(need.status, 'pledge', needId);
        const now = new Date();
        await repo.insertPledge(trx, {
          need_id: needId,
          organisation_id: org.id,
          amount: p.amount,
          quantity: p.quantity ?? null,
          expected_date: p.expectedDate ?? null,
          note: p.note ?? null,
        });
        await repo.updateNeed(trx, needId, { status, matched_at: now });
        await recordAudit(trx, actorOf(user), {
          action: 'need.pledge',
          entityType: 'need',
          entityId: needId,
          regionCode: need.township_code,
          before: { status: need.status },
          after: { status, organisationId: org.id, amount: p.amount, expectedDate: p.expectedDate ?? null },
        });
        return { status };
      });
    },

    async deliver(user: AuthUser, needId: string, note: string) {
      const org = await requireOrg(user);
      return db.transaction().execute(async (trx) => {
        const need = await repo.needForUpdate(trx, needId);
        if (!need) throw notFound('need', needId);
        const status = step(need.status, 'deliver', needId);
        const pledge = await repo.pledgeOf(trx, needId);
        if (!pledge || pledge.organisation_id !== org.id)
          throw new AppError('E_FORBIDDEN', `need ${needId} is not pledged by your organisation`);
        const now = new Date();
        await repo.updateNeed(trx, needId, { status, delivered_at: now });
        await repo.markPledgeDelivered(trx, needId, note, now);
        await recordAudit(trx, actorOf(user), {
          action: 'need.deliver',
          entityType: 'need',
          entityId: needId,
          regionCode: need.township_code,
          before: { status: need.status },
          after: { status },
          reason: note,
        });
        return { status };
      });
    },

    /** A village cadre (or officer above) confirms a village need, or a household need on its behalf. */
    async confirmByVillage(
      user: AuthUser,
      needId: string,
      c: { note: string; rating?: number | undefined; onBehalfReason?: string | undefined },
    ) {
      requireOfficer(user);
      return db.transaction().execute(async (trx) => {
        const need = await repo.needForUpdate(trx, needId);
        if (!need) throw notFound('need', needId);
        requireEditor(user, need.village_code);
        await confirmDelivery(trx, needId, {
          by: 'village',
          note: c.note,
          rating: c.rating,
          onBehalfReason: c.onBehalfReason,
          actor: actorOf(user),
        });
        return { status: 'confirmed' };
      });
    },

    async withdraw(user: AuthUser, needId: string, reason: string) {
      return db.transaction().execute(async (trx) => {
        const need = await repo.needForUpdate(trx, needId);
        if (!need) throw notFound('need', needId);
        requireEditor(user, need.village_code);
        const status = step(need.status, 'withdraw', needId);
        await repo.updateNeed(trx, needId, { status });
        await recordAudit(trx, actorOf(user), {
          action: 'need.withdraw',
          entityType: 'need',
          entityId: needId,
          regionCode: need.village_code,
          before: { status: need.status },
          after: { status },
          reason,
        });
        return { status };
      });
    },

    /** Matching statistics: share matched, median days to match, value delivered; by township, organisation, kind. */
    async stats(user: AuthUser, region: string | undefined) {
      requireOfficer(user);
      const scope = scopeOf(user, region);
      const s = await repo.needStats(db, scope);
      const line = (r: NonNullable<typeof s.total>) => ({
        key: r.key ?? '',
        name: r.name ?? '',
        total: num(r.total),
        matched: num(r.matched),
        delivered: num(r.delivered),
        confirmed: num(r.confirmed),
        shareMatched: num(r.total) ? num(r.matched) / num(r.total) : null,
        medianDaysToMatch: r.median_days === null ? null : Number(r.median_days),
        valuePledged: num(r.value_pledged),
        valueDelivered: num(r.value_delivered),
      });
      const empty = {
        key: '',
        name: '',
        total: '0',
        matched: '0',
        delivered: '0',
        confirmed: '0',
        median_days: null,
        value_pledged: null,
        value_delivered: null,
      };
      return {
        region: scope,
        total: line(s.total ?? empty),
        byTownship: s.byTownship.map(line),
        byOrganisation: s.byOrganisation.map(line),
        byKind: s.byKind.map(line),
      };
    },

    // ---- consumption assistance -------------------------------------------------------------------
    async products(user: AuthUser, q: { township?: string | undefined; page: number; pageSize: number }) {
      const officer = user.role !== 'organisation';
      if (!officer) await requireOrg(user);
      const [rows, count] = await repo.products(db, {
        township: q.township,
        activeOnly: !officer,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        total: Number(count.n),
        items: rows.map((p) => ({
          id: p.id,
          name: p.name,
          producerKind: p.producer_kind,
          producerName: p.producer_kind === 'cooperative' ? p.producer_name : null,
          township: { code: p.township_code, name: p.township_name },
          unit: p.unit,
          price: num(p.price),
          quantityAvailable: num(p.quantity_available),
          season: p.season,
          description: p.description,
          active: p.active,
          // how many households a product carries: officers only
          households: officer ? num(p.households) : null,
        })),
      };
    },

    async createProduct(user: AuthUser, p: NewProduct): Promise<{ id: string }> {
      if (levelOf(p.townshipCode) !== 4)
        throw new AppError('E_VALIDATION', 'townshipCode must be a 9-digit township code', {
          field: 'townshipCode',
        });
      requireEditorOfTownship(user, p.townshipCode);
      if (p.producerKind === 'cooperative' && !p.producerName?.trim())
        throw new AppError('E_VALIDATION', 'a cooperative product needs producerName', {
          field: 'producerName',
        });
      if (p.householdIds.length === 0)
        throw new AppError('E_VALIDATION', 'link at least one household whose income the product carries', {
          field: 'householdIds',
        });
      const text = `${p.name} ${p.producerName ?? ''} ${p.description ?? ''}`;
      if (personalDataIn(text).length)
        throw new AppError('E_VALIDATION', 'product text must not contain personal data', {
          field: 'description',
        });
      return db.transaction().execute(async (trx) => {
        if (!(await repo.region(trx, p.townshipCode))) throw notFound('region', p.townshipCode);
        const ids = [...new Set(p.householdIds)];
        const hs = await repo.householdsIn(trx, ids);
        for (const id of ids) {
          const h = hs.find((x) => x.id === id);
          if (!h) throw notFound('household', id);
          assertInScope(user, h.village_code);
          if (!h.village_code.startsWith(p.townshipCode))
            throw new AppError('E_VALIDATION', `household ${id} is not in township ${p.townshipCode}`, {
              field: 'householdIds',
            });
        }
        const row = await repo.insertProduct(trx, {
          name: p.name.trim(),
          producer_kind: p.producerKind,
          producer_name: p.producerKind === 'cooperative' ? p.producerName!.trim() : null,
          township_code: p.townshipCode,
          unit: p.unit,
          price: p.price,
          quantity_available: p.quantityAvailable,
          season: p.season ?? null,
          description: p.description ?? '',
          created_by: user.id,
        });
        await repo.linkHouseholds(
          trx,
          ids.map((h) => ({ product_id: row.id, household_id: h, share: 1 })),
        );
        await recordAudit(trx, actorOf(user), {
          action: 'product.create',
          entityType: 'product',
          entityId: row.id,
          regionCode: p.townshipCode,
          after: { name: p.name, producerKind: p.producerKind, price: p.price, households: ids.length },
        });
        return { id: row.id };
      });
    },

    async order(
      user: AuthUser,
      productId: string,
      o: { quantity: number; kind: 'order' | 'commitment'; note?: string | undefined },
    ) {
      const org = await requireOrg(user);
      return db.transaction().execute(async (trx) => {
        const p = await repo.productForUpdate(trx, productId);
        if (!p || !p.active) throw notFound('product', productId);
        const left = num(p.quantity_available);
        if (o.quantity > left)
          throw new AppError(
            'E_VALIDATION',
            `quantity ${o.quantity} exceeds the ${left} ${p.unit} available`,
            { field: 'quantity' },
          );
        const amount = Math.round(o.quantity * num(p.price) * 100) / 100;
        const row = await repo.insertOrder(trx, {
          product_id: productId,
          organisation_id: org.id,
          kind: o.kind,
          quantity: o.quantity,
          unit_price: p.price,
          amount,
          note: o.note ?? null,
        });
        await repo.setProductQuantity(trx, productId, String(Math.round((left - o.quantity) * 100) / 100));
        await recordAudit(trx, actorOf(user), {
          action: 'product.order',
          entityType: 'product_order',
          entityId: row.id,
          regionCode: p.township_code,
          after: { productId, kind: o.kind, quantity: o.quantity, amount },
        });
        return { id: row.id, amount };
      });
    },

    async orders(user: AuthUser, q: { status?: string | undefined; page: number; pageSize: number }) {
      const officer = user.role !== 'organisation';
      const org = officer ? null : await requireOrg(user);
      const [rows, count] = await repo.orders(db, {
        organisationId: org?.id,
        scope: officer ? user.scopeCode : undefined,
        status: q.status,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        total: Number(count.n),
        items: rows.map((r) => ({
          id: r.id,
          productId: r.product_id,
          productName: r.product_name,
          unit: r.unit,
          township: { code: r.township_code, name: r.township_name },
          organisation: { id: r.organisation_id, name: r.organisation_name },
          kind: r.kind,
          quantity: num(r.quantity),
          unitPrice: num(r.unit_price),
          amount: num(r.amount),
          status: r.status,
          note: r.note,
          orderedAt: iso(r.ordered_at)!,
          fulfilledAt: iso(r.fulfilled_at),
        })),
      };
    },

    /** An officer records an order as fulfilled (goods delivered, paid); its amount reaches the linked households. */
    async fulfil(user: AuthUser, orderId: string) {
      requireOfficer(user);
      return db.transaction().execute(async (trx) => {
        const o = await repo.orderForUpdate(trx, orderId);
        if (!o) throw notFound('order', orderId);
        requireEditorOfTownship(user, o.township_code);
        if (o.status !== 'ordered')
          throw new AppError('E_TRANSITION_NOT_ALLOWED', `order ${orderId} is ${o.status}`);
        const hs = await repo.productHouseholds(trx, o.product_id);
        const parts = allocateIncome(
          num(o.amount),
          hs.map((h) => num(h.share)),
        );
        await repo.fulfilOrder(trx, orderId, user.id);
        await repo.insertIncome(
          trx,
          hs.map((h, i) => ({ order_id: orderId, household_id: h.household_id, amount: parts[i]! })),
        );
        await recordAudit(trx, actorOf(user), {
          action: 'product.fulfil',
          entityType: 'product_order',
          entityId: orderId,
          regionCode: o.township_code,
          before: { status: o.status },
          after: { status: 'fulfilled', amount: num(o.amount), households: hs.length },
        });
        return { status: 'fulfilled', households: hs.length };
      });
    },

    /** Income that reached households (officers: by township and household; internal). */
    async income(user: AuthUser, region: string | undefined) {
      requireOfficer(user);
      const scope = scopeOf(user, region);
      const r = await repo.income(db, scope, 50);
      return {
        region: scope,
        total: num(r.total.amount),
        households: num(r.total.households),
        orders: num(r.total.orders),
        byTownship: r.byTownship.map((t) => ({
          code: t.code,
          name: t.name,
          amount: num(t.amount),
          households: num(t.households),
        })),
        topHouseholds: r.households.map((h) => ({
          householdId: h.household_id,
          householdNo: h.household_no,
          village: h.village_name,
          amount: num(h.amount),
        })),
      };
    },
  };
}
export type ParticipationService = ReturnType<typeof createParticipationService>;
