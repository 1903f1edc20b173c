import type { Kysely } from 'kysely';
import type { DB, Household } from '../../db/types.js';
import { maskPhone } from '../../domain/masking.js';
import { PLANNED_STATUSES } from '../../domain/plans/catalogue.js';
import { ableToWork } from '../../domain/plans/draft.js';
import { catalogueMap, checkFit } from '../../domain/plans/fit.js';
import { policiesEnjoyed } from '../../domain/plans/policies.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { auditRepository } from '../audit/repository.js';
import { currentCadres } from '../cadres/repository.js';
import { memberDto } from '../households/mapper.js';
import type { RegionService } from '../regions/service.js';
import { GENESIS_HASH } from '../../domain/audit-chain.js';
import { catalogueEntry, plansRepository as repo } from './repository.js';
import { draftMember, measureDto } from './service.js';
import type { Clock } from '../../kernel/clock.js';

/**
 * The household card 明白卡: one A4 page per household with its members (masked), causes, the
 * measures of the year's plan, the responsible cadre and phone, and the policies it enjoys — for one
 * household or every registered and monitored household of a village (printed in a batch). The
 * response carries the audit chain's head hash read before the data, so a printed card can be tied
 * to the state of the registry it shows.
 */
export function createCardService(db: Kysely<DB>, regions: RegionService, clock: Clock) {
  async function cards(households: Household[], year: number) {
    const today = clock.now();
    const todayIso = today.toISOString().slice(0, 10);
    const ids = households.map((h) => h.id);
    const [members, plans, cadres, eco, catRows] = await Promise.all([
      repo.members(db, ids),
      repo.plansOf(db, ids, year),
      currentCadres(db, ids),
      repo.ecoCompensation(db, ids, year),
      repo.catalogue(db),
    ]);
    const catalogue = catalogueMap(catRows.map(catalogueEntry));
    const measures = await repo.measures(
      db,
      plans.map((p) => p.id),
    );
    const planOf = new Map(plans.map((p) => [p.household_id, p]));
    return households.map((h) => {
      const ms = members.filter((m) => m.household_id === h.id);
      const plan = planOf.get(h.id);
      const pms = plan
        ? measures.filter((m) => m.plan_id === plan.id).map((m) => measureDto(m, catalogue, todayIso))
        : [];
      const cadre = cadres.get(h.id);
      const fit = checkFit(
        {
          mainCause: h.main_cause,
          otherCauses: h.other_causes,
          ableToWork: ableToWork(ms.map(draftMember)),
          measures: pms,
        },
        catalogue,
      );
      return {
        householdId: h.id,
        householdNo: h.household_no,
        headName: h.head_name,
        address: h.address,
        phone: maskPhone(h.phone),
        status: h.status,
        householdType: h.household_type,
        monitoringCategory: h.monitoring_category,
        mainCause: h.main_cause,
        otherCauses: h.other_causes,
        size: h.size,
        members: ms
          .filter((m) => m.member_status === 'present')
          .map((m) => {
            const d = memberDto(m, true, today);
            return {
              name: d.name,
              relation: d.relation,
              sex: d.sex,
              age: d.age,
              idNumber: d.idNumber,
              education: d.education,
              studentStatus: d.studentStatus,
              labourCapacity: d.labourCapacity,
            };
          }),
        plan: plan
          ? {
              year: plan.year,
              status: plan.status,
              agreedBy: plan.agreed_by,
              agreedAt: plan.agreed_at ? new Date(plan.agreed_at).toISOString() : null,
              agreementMethod: plan.agreement_method,
              declineReason: plan.decline_reason,
              fits: fit.fits,
            }
          : null,
        measures: pms
          .filter((m) => m.status !== 'cancelled')
          .map((m) => ({
            nameZh: m.nameZh,
            nameEn: m.nameEn,
            batch: m.batch,
            amount: m.amount,
            responsibleUnit: m.responsibleUnit,
            startDate: m.startDate,
            deadline: m.deadline,
            status: m.status,
          })),
        cadres: cadre ? [{ name: cadre.name, workUnit: cadre.workUnit, phone: cadre.phone }] : [],
        policies: policiesEnjoyed({
          members: ms.map((m) => ({
            name: m.name,
            status: m.member_status,
            isDibao: m.is_dibao,
            isTekun: m.is_tekun,
            insBasicMedical: m.ins_basic_medical,
            insCriticalIllness: m.ins_critical_illness,
            insMedicalAssistance: m.ins_medical_assistance,
            insPension: m.ins_pension,
            studentStatus: m.student_status,
            disabilityGrade: m.disability_grade,
            welfareJobMonths: m.welfare_job_months,
          })),
          relocated: h.relocated,
          ecoCompensation: eco.get(h.id) ?? 0,
          measures: pms,
        }),
      };
    });
  }

  async function frame(user: AuthUser, villageCode: string, year: number) {
    // the head hash first: the cards show the registry at this state or later, never earlier
    const headHash = (await auditRepository.headHash(db)) ?? GENESIS_HASH;
    const path = await regions.path(user, villageCode);
    return {
      year,
      village: {
        code: villageCode,
        name: path.at(-1)?.name ?? villageCode,
        path: path.map((r) => r.name).join(' '),
      },
      generatedAt: clock.now().toISOString(),
      generatedBy: user.displayName,
      headHash,
    };
  }

  return {
    async household(user: AuthUser, householdId: string, year: number) {
      const h = await repo.household(db, householdId);
      if (!h) throw notFound('household', householdId);
      assertInScope(user, h.village_code);
      const f = await frame(user, h.village_code, year);
      return { ...f, cards: await cards([h], year) };
    },

    async village(user: AuthUser, villageCode: string, year: number) {
      assertInScope(user, villageCode);
      if (villageCode.length !== 12)
        throw new AppError('E_VALIDATION', `Invalid params.code: cards are printed per village (12 digits)`);
      const f = await frame(user, villageCode, year);
      const hs = await repo.cardHouseholds(db, villageCode);
      return { ...f, statuses: [...PLANNED_STATUSES], cards: await cards(hs, year) };
    },
  };
}
export type CardService = ReturnType<typeof createCardService>;
