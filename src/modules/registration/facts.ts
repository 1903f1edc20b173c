import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { FactKind } from '../../domain/facts/kinds.js';
import type { RegistrationForm } from '../../domain/registration/form.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';
import { checkFact, settingFor, writeFact } from '../household-facts/service.js';
import { formFactsOf } from './member-facts.js';
import { registrationRepository as repo } from './repository.js';

export interface FactDeps {
  clock: Clock;
  paramsFor: (region: string, date: string) => Promise<PolicyParams>;
}

const num = (v: unknown): number | null =>
  typeof v === 'number'
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : null;
const yes = (v: unknown): boolean | null =>
  v === true || v === '是' ? true : v === false || v === '否' ? false : null;

/** The household facts (src/domain/facts/kinds.ts) the form gives, as values of their kinds. */
export function factsOfForm(form: RegistrationForm): { kind: FactKind; value: Record<string, unknown> }[] {
  const h = form.household;
  const out: { kind: FactKind; value: Record<string, unknown> }[] = [];
  if (typeof form.facts.foodClothingSecure === 'boolean')
    out.push({ kind: 'food_clothing', value: { secure: form.facts.foodClothingSecure } });
  const water = yes(h.safe_water);
  if (water !== null) out.push({ kind: 'drinking_water', value: { safe: water } });
  const grade = typeof h.house_grade === 'string' ? h.house_grade.trim().toUpperCase().slice(0, 1) : '';
  if (['A', 'B', 'C', 'D'].includes(grade)) {
    const area = num(h.house_area_m2);
    const people = Math.max(1, form.members.length);
    out.push({
      kind: 'housing_safety',
      value: {
        grade,
        rebuilt: false,
        relocated: yes(h.relocated) ?? false,
        areaPerPerson: area === null ? null : Math.round((area / people) * 10) / 10,
      },
    });
  }
  const cultivated = num(h.land_cultivated_mu);
  const forest = num(h.land_forest_mu);
  if (cultivated !== null || forest !== null)
    out.push({ kind: 'land', value: { cultivated: cultivated ?? 0, forest: forest ?? 0 } });
  const f = form.facts;
  if ([f.declaredVehicles, f.declaredHouses, f.declaredDeposits].some((v) => typeof v === 'number'))
    out.push({
      kind: 'dibao_means',
      value: {
        declared: {
          vehicles: f.declaredVehicles ?? 0,
          houses: f.declaredHouses ?? 0,
          deposits: f.declaredDeposits ?? 0,
          spending12m: 0,
        },
      },
    });
  return out;
}

/**
 * Record the form's facts of a new household as of today, source `home_visit`: through the facts'
 * own check and write (maker–checker: a village cadre's decision-critical fact is a proposal), each
 * audited in the registration's transaction.
 */
export async function recordRegistrationFacts(
  trx: Kysely<DB>,
  deps: FactDeps,
  user: AuthUser,
  h: { id: string; village_code: string },
  form: RegistrationForm,
): Promise<void> {
  const today = deps.clock.today();
  const setting = await settingFor(deps, h.village_code, today);
  // the members as written, by their place on the form (the rows keep the form's order)
  const byNumber = new Map((await repo.memberNumbers(trx, h.id)).map((m) => [m.id_number, m.id]));
  const memberIdAt = (i: number) =>
    byNumber.get(
      String(form.members[i]?.id_number ?? '')
        .trim()
        .toUpperCase(),
    ) ?? null;
  const all = [
    ...factsOfForm(form).map((f) => ({ ...f, memberId: null, place: `facts.${f.kind}` })),
    ...formFactsOf(form).map((f) => ({
      kind: f.kind,
      value: f.value,
      memberId: f.memberIndex === null ? null : memberIdAt(f.memberIndex),
      place: f.place,
    })),
  ];
  for (const f of all) {
    const checked = await checkFact(
      trx,
      h.id,
      {
        kind: f.kind,
        memberId: f.memberId,
        observedOn: today,
        source: 'home_visit',
        sourceRef: null,
        value: f.value,
      },
      today,
      f.place,
    );
    if (!checked.ok) {
      const p = checked.problems[0]!;
      throw new AppError('E_VALIDATION', `Invalid ${p.field}: ${p.message}`, {
        errors: checked.problems,
        messageZh: `${p.field}：${p.messageZh}`,
      });
    }
    await writeFact(trx, user, h, checked.fact, {
      setting,
      now: deps.clock.now(),
      supersedes: null,
      note: '登记新农户',
    });
  }
}
