import type { Household, HouseholdPlan, Member } from '../../db/types.js';
import type { CatalogueEntry } from '../../domain/plans/catalogue.js';
import { ableToWork } from '../../domain/plans/draft.js';
import { checkFit } from '../../domain/plans/fit.js';
import { policiesEnjoyed } from '../../domain/plans/policies.js';
import type { CurrentCadre } from '../cadres/service.js';
import { memberDto } from '../households/mapper.js';
import { draftMember, type MeasureDto } from './plan-view.js';
import { seen, type Viewer } from '../../domain/visibility.js';

/** What one household's card is made of (read for a batch of households at once). */
export interface CardFacts {
  members: Member[];
  plan: HouseholdPlan | undefined;
  measures: MeasureDto[];
  cadre: CurrentCadre | undefined;
  ecoCompensation: number;
  catalogue: ReadonlyMap<string, CatalogueEntry>;
  /** Who prints the card, in the everyday view (members' ages are taken on their `today`). */
  viewer: Viewer;
}

/** A present member as the card prints it (as the viewer sees them: ID number masked, an age). */
function memberLine(m: Member, v: Viewer) {
  const d = memberDto(m, v);
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
}

const measureLine = (m: MeasureDto) => ({
  nameZh: m.nameZh,
  nameEn: m.nameEn,
  batch: m.batch,
  amount: m.amount,
  responsibleUnit: m.responsibleUnit,
  startDate: m.startDate,
  deadline: m.deadline,
  status: m.status,
});

/** The policies the household enjoys: from its members' rolls and insurance, relocation, eco compensation, measures. */
function policiesOf(h: Household, f: CardFacts) {
  return policiesEnjoyed({
    members: f.members.map((m) => ({
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
    ecoCompensation: f.ecoCompensation,
    measures: f.measures,
  });
}

/** The plan's agreement and fit as the card prints it. */
function planLine(h: Household, plan: HouseholdPlan, f: CardFacts) {
  const fit = checkFit(
    {
      mainCause: h.main_cause,
      otherCauses: h.other_causes,
      ableToWork: ableToWork(f.members.map(draftMember)),
      measures: f.measures,
    },
    f.catalogue,
  );
  return {
    year: plan.year,
    status: plan.status,
    agreedBy: plan.agreed_by,
    agreedAt: plan.agreed_at ? new Date(plan.agreed_at).toISOString() : null,
    agreementMethod: plan.agreement_method,
    declineReason: plan.decline_reason,
    fits: fit.fits,
  };
}

/** One household's card 明白卡. */
export function cardOf(h: Household, f: CardFacts) {
  return {
    householdId: h.id,
    householdNo: h.household_no,
    headName: seen(f.viewer, 'name', h.head_name),
    address: seen(f.viewer, 'address', h.address),
    phone: seen(f.viewer, 'phone', h.phone),
    status: h.status,
    householdType: h.household_type,
    monitoringCategory: h.monitoring_category,
    mainCause: h.main_cause,
    otherCauses: h.other_causes,
    size: h.size,
    members: f.members.filter((m) => m.member_status === 'present').map((m) => memberLine(m, f.viewer)),
    plan: f.plan ? planLine(h, f.plan, f) : null,
    measures: f.measures.filter((m) => m.status !== 'cancelled').map(measureLine),
    cadres: f.cadre ? [{ name: f.cadre.name, workUnit: f.cadre.workUnit, phone: f.cadre.phone }] : [],
    policies: policiesOf(h, f),
  };
}
