import type { Insertable, Kysely } from 'kysely';
import type { DB, MatchFlagTable } from '../../db/types.js';
import { deriveFlag, DEFAULT_MEDICAL_BILL_THRESHOLD, type MatchParams } from '../../domain/matching/flags.js';
import { redLineEffects, type ListKind, type MatchType } from '../../domain/matching/kinds.js';
import { chinaDate } from '../../domain/calendar.js';
import { defaultParams, type PolicyParams } from '../../domain/rules/params.js';
import { matchingRepository, type Candidate } from './repository.js';

/**
 * The policy parameters in force in a region on a date (red-line effects, school ages): the
 * signature of the policy service's `paramsFor`, which the composition root may pass in.
 */
export type ParamsFor = (regionCode: string, date: string) => Promise<PolicyParams>;

export interface MatchCounts {
  /** Hits: records on present members, by ID number and by name + birth date. */
  exact: number;
  fuzzy: number;
  /** Hits that are flags (the others agree with the registry, e.g. a dibao roll entry recorded as dibao). */
  flagged: number;
  created: number;
  existing: number;
}

function matchParamsCache(paramsFor: ParamsFor, date: string) {
  const cache = new Map<string, Promise<MatchParams>>();
  return (village: string) => {
    let p = cache.get(village);
    if (!p) {
      p = paramsFor(village, date).then((pp) => ({
        redLineEffects: redLineEffects(pp.redLines),
        compulsoryEducationAges: pp.compulsoryEducationAges,
        medicalBillThreshold: DEFAULT_MEDICAL_BILL_THRESHOLD,
      }));
      cache.set(village, p);
    }
    return p;
  };
}

/**
 * Match one imported list against the registry within `list.scope_code` and store the flags
 * (pending). Safe to run again: flags already raised are not duplicated.
 */
export async function runMatching(
  trx: Kysely<DB>,
  list: { id: string; kind: ListKind; scope_code: string },
  paramsFor: ParamsFor,
  on: Date,
): Promise<MatchCounts> {
  const exact = await matchingRepository.exactCandidates(trx, list.id, list.scope_code);
  const fuzzy = await matchingRepository.fuzzyCandidates(trx, list.id, list.scope_code);
  const paramsOf = matchParamsCache(paramsFor, chinaDate(on));
  const flags: Insertable<MatchFlagTable>[] = [];
  const add = async (c: Candidate, matchType: MatchType) => {
    const decision = deriveFlag(
      {
        listKind: list.kind,
        record: { attributes: c.attributes },
        member: {
          birthDate: c.birth_date,
          memberStatus: c.member_status,
          isDibao: c.is_dibao,
          isTekun: c.is_tekun,
        },
        household: { householdType: c.household_type, houseGrade: c.house_grade },
        on,
      },
      await paramsOf(c.village_code),
    );
    if (!decision.flag) return;
    flags.push({
      household_id: c.household_id,
      member_id: c.member_id,
      list_kind: list.kind,
      list_id: list.id,
      record_id: c.record_id,
      record_id_number: c.record_id_number,
      match_type: matchType,
      flag_kind: decision.flag.kind,
      effect: decision.flag.effect,
      reasons: JSON.stringify(decision.reasons),
    });
  };
  for (const c of exact) await add(c, 'exact_id');
  for (const c of fuzzy) await add(c, 'fuzzy_name_birth');
  let created = 0;
  for (let i = 0; i < flags.length; i += 500)
    created += await matchingRepository.insertFlags(trx, flags.slice(i, i + 500));
  return {
    exact: exact.length,
    fuzzy: fuzzy.length,
    flagged: flags.length,
    created,
    existing: flags.length - created,
  };
}

/** The national defaults of DOMAIN.md §4, when no policy service is connected. */
export const nationalDefaults: ParamsFor = async (_region, date) => defaultParams(Number(date.slice(0, 4)));
