import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { emptyForm } from '../../domain/registration/form.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { recordRegistrationFacts, type FactDeps } from './facts.js';
import { registrationRepository as repo, type DraftRow } from './repository.js';
import {
  checkRegistration,
  invalidForm,
  writeRegisteredHousehold,
  type NearDuplicate,
  type RegistrationDeps,
} from './write.js';
import type { RegistrationFormInput } from './schema.js';

export type { RegistrationDeps } from './write.js';

const refuse = () =>
  new AppError('E_FORBIDDEN', 'Your role may not register households', {
    messageZh: '您的角色不能登记农户',
  });

const unconfirmedNamesakes = (found: NearDuplicate[]) =>
  new AppError(
    'E_CONFLICT',
    `${found.length} person(s) of the county have the name and birth date of a member: confirm (confirmNearDuplicates) to register`,
    {
      field: 'body.confirmNearDuplicates',
      nearDuplicates: found,
      messageZh: `本县已有 ${found.length} 人与登记成员同名同出生日期，请核实后确认登记`,
    },
  );

function draftDto(d: DraftRow & { village_name?: string | null }) {
  return {
    id: d.id,
    villageCode: d.village_code,
    villageName: d.village_name ?? null,
    version: d.version,
    state: d.state as 'open' | 'submitted' | 'discarded',
    householdId: d.household_id,
    payload: { ...emptyForm(), ...(d.payload as Partial<RegistrationFormInput>) } as RegistrationFormInput,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}

/**
 * Registering a household in the app (docs/field.md): drafts of the 农户信息采集表 kept for their
 * owner, the check (the import's validation and registry checks, the red lines), and the submit —
 * the household written by the import's writer in one audited transaction, its facts recorded, and
 * an identification case opened with the household as applicant.
 */
export function createRegistrationService(deps: RegistrationDeps & FactDeps) {
  const { db, clock } = deps;

  /** The user's own draft (anyone else's, or one outside the scope, answers 404). */
  async function ownDraft(trx: Kysely<DB>, user: AuthUser, id: string, lock = false) {
    const d = await (lock ? repo.lockDraft(trx, id) : repo.draft(trx, id));
    if (!d || d.owner_id !== user.id) throw notFound('draft', id);
    assertObjectInScope(user, d.village_code, 'draft', id);
    return d;
  }

  const checkVersion = (d: DraftRow, version: number) => {
    if (d.state !== 'open')
      throw new AppError('E_CONFLICT', `Draft ${d.id} is ${d.state}`, { current: draftDto(d) });
    if (d.version !== version)
      throw new AppError(
        'E_CONFLICT',
        `Draft ${d.id} was saved meanwhile (now version ${d.version}, yours ${version})`,
        { current: draftDto(d), messageZh: '草稿已在别处保存，请重新打开' },
      );
  };

  return {
    /**
     * A new draft; one sent again under the same device key (`clientKey`: the outbox resending a
     * creation whose answer was lost) answers the draft stored the first time.
     */
    async createDraft(
      user: AuthUser,
      body: {
        villageCode: string;
        payload?: RegistrationFormInput | undefined;
        clientKey?: string | undefined;
      },
    ) {
      if (!permissionsOf(user.role).editHouseholds) throw refuse();
      assertObjectInScope(user, body.villageCode, 'village', body.villageCode);
      if (!(await repo.isVillage(db, body.villageCode)))
        throw new AppError('E_VALIDATION', `Invalid body.villageCode: ${body.villageCode} is not a village`, {
          messageZh: `${body.villageCode} 不是村`,
        });
      const key = body.clientKey ?? null;
      const d =
        (await repo.insertDraft(db, {
          village_code: body.villageCode,
          owner_id: user.id,
          payload: JSON.stringify(body.payload ?? emptyForm()),
          at: clock.now(),
          client_key: key,
        })) ?? (key === null ? undefined : await repo.draftByClientKey(db, user.id, key));
      if (!d) throw new AppError('E_INTERNAL', 'The draft was not stored');
      if (d.village_code !== body.villageCode)
        throw new AppError('E_CONFLICT', 'This draft key was already used for another village', {
          field: 'body.clientKey',
          messageZh: '此草稿编号已用于另一个村',
        });
      return draftDto(d);
    },

    async listDrafts(user: AuthUser) {
      const rows = await repo.openDrafts(db, user.id);
      return {
        items: rows.map((r) => {
          const { payload, ...rest } = draftDto(r);
          const head = payload.members.find((m) => m.relation === 'head' || m.relation === '户主');
          return {
            ...rest,
            headName: typeof head?.name === 'string' ? head.name : null,
            members: payload.members.length,
          };
        }),
      };
    },

    getDraft: async (user: AuthUser, id: string) => draftDto(await ownDraft(db, user, id)),

    saveDraft: (user: AuthUser, id: string, body: { version: number; payload: RegistrationFormInput }) =>
      db.transaction().execute(async (trx) => {
        checkVersion(await ownDraft(trx, user, id, true), body.version);
        return draftDto(
          await repo.updateDraft(trx, id, { payload: JSON.stringify(body.payload), at: clock.now() }),
        );
      }),

    discardDraft: (user: AuthUser, id: string, body: { version: number }) =>
      db.transaction().execute(async (trx) => {
        checkVersion(await ownDraft(trx, user, id, true), body.version);
        return draftDto(await repo.updateDraft(trx, id, { state: 'discarded', at: clock.now() }));
      }),

    async checkDraft(user: AuthUser, id: string) {
      const d = await ownDraft(db, user, id);
      const { ok, errors, redLines, nearDuplicates } = await checkRegistration(
        db,
        deps,
        user,
        d,
        draftDto(d).payload,
      );
      return { ok, errors, redLines, nearDuplicates };
    },

    /** Create the household (audited), record its facts, then open its identification case. */
    async submit(
      user: AuthUser,
      id: string,
      body: { version: number; confirmNearDuplicates?: boolean | undefined },
    ) {
      if (!permissionsOf(user.role).editHouseholds) throw refuse();
      const done = await db.transaction().execute(async (trx) => {
        const d = await ownDraft(trx, user, id, true);
        checkVersion(d, body.version);
        const c = await checkRegistration(trx, deps, user, d, draftDto(d).payload);
        if (!c.ok || !c.rows) throw invalidForm(c.errors);
        if (c.nearDuplicates.length && body.confirmNearDuplicates !== true)
          throw unconfirmedNamesakes(c.nearDuplicates);
        const householdId = await writeRegisteredHousehold(trx, deps, user, d, c.householdNo, c.rows, {
          nearDuplicates: c.nearDuplicates.length,
        });
        await recordRegistrationFacts(
          trx,
          deps,
          user,
          { id: householdId, village_code: d.village_code },
          draftDto(d).payload,
        );
        await repo.updateDraft(trx, id, { state: 'submitted', household_id: householdId, at: clock.now() });
        return { householdId, householdNo: c.householdNo, redLines: c.redLines };
      });
      let caseId: string | null = null;
      let caseError: string | null = null;
      try {
        const note = done.redLines.length
          ? `登记时发现：${done.redLines.map((r) => r.label_zh).join('；')}`
          : '新登记农户申请识别';
        caseId = await deps.openCase(user, {
          kind: 'identification',
          householdId: done.householdId,
          payload: { note },
          data: { channel: 'registration' },
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        caseError = err.message;
      }
      return { ...done, caseId, caseError };
    },
  };
}
export type RegistrationService = ReturnType<typeof createRegistrationService>;
