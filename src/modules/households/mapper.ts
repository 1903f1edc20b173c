import type { Household, Member } from '../../db/types.js';
import type { ExportHousehold, ExportMember } from '../../domain/export/layouts.js';
import { povertyLine } from '../../domain/policy/defaults.js';
import {
  ageOn as ageOnDay,
  seen,
  seenAge,
  seenBirthDate,
  seenWhole,
  type Viewer,
} from '../../domain/visibility.js';
import type { ExportHouseholdRow } from './export-repository.js';
import type { householdRepository } from './repository.js';

type YearRow = Awaited<ReturnType<typeof householdRepository.years>>[number];
type HistoryRow = Awaited<ReturnType<typeof householdRepository.statusHistory>>[number];

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** Whole years on the UTC day of an instant (the rules' ages); see `ageOn` of the visibility table. */
export const ageOn = (birthDate: string, on: Date): number =>
  ageOnDay(birthDate, on.toISOString().slice(0, 10));

/** A household as the viewer sees it (the visibility table: address, phone, bank account, head's name). */
export function householdDto(h: Household, v: Viewer) {
  return {
    id: h.id,
    householdNo: h.household_no,
    villageCode: h.village_code,
    groupNo: h.group_no,
    address: seen(v, 'address', h.address),
    phone: seen(v, 'phone', h.phone),
    bankName: h.bank_name,
    bankAccount: seen(v, 'bankAccount', h.bank_account),
    idStandard: h.id_standard,
    householdType: h.household_type,
    status: h.status,
    statusDate: h.status_date,
    registeredYear: h.registered_year,
    exitYear: h.exit_year,
    monitoringCategory: h.monitoring_category,
    mainCause: h.main_cause,
    otherCauses: h.other_causes,
    size: h.size,
    headName: seen(v, 'name', h.head_name),
    landCultivatedMu: num(h.land_cultivated_mu),
    landForestMu: num(h.land_forest_mu),
    houseAreaM2: num(h.house_area_m2),
    houseStructure: h.house_structure,
    houseYear: h.house_year,
    houseGrade: h.house_grade,
    relocated: h.relocated,
    electricity: h.electricity,
    fuel: h.fuel,
    safeWater: h.safe_water,
    sanitaryToilet: h.sanitary_toilet,
    pavedAccess: h.paved_access,
    roadDistanceKm: num(h.road_distance_km),
    marketDistanceKm: num(h.market_distance_km),
    coopMember: h.coop_member,
    enterpriseTie: h.enterprise_tie,
    industryType: h.industry_type,
    version: h.version,
  };
}

/** A member as the viewer sees them (name, ID number, birth date or age, health, disability). */
export function memberDto(m: Member, v: Viewer) {
  return {
    id: m.id,
    name: seen(v, 'name', m.name) ?? '',
    sex: m.sex,
    idNumber: seen(v, 'idNumber', m.id_number),
    birthDate: seenBirthDate(v, m.birth_date),
    age: seenAge(v, m.birth_date),
    relation: m.relation,
    ethnicity: m.ethnicity,
    education: m.education,
    studentStatus: m.student_status,
    outOfSchoolReason: m.out_of_school_reason,
    health: seen(v, 'health', m.health),
    disabilityGrade: seenWhole(v, 'disability', m.disability_grade),
    labourCapacity: m.labour_capacity,
    migrantPlace: m.migrant_place,
    migrantMonths: m.migrant_months,
    migrantMonthlyWage: m.migrant_monthly_wage,
    welfareJobMonths: m.welfare_job_months,
    insBasicMedical: m.ins_basic_medical,
    insCriticalIllness: m.ins_critical_illness,
    insMedicalAssistance: m.ins_medical_assistance,
    insPension: m.ins_pension,
    isDibao: m.is_dibao,
    isTekun: m.is_tekun,
    memberStatus: m.member_status,
  };
}

export function yearDto(y: YearRow) {
  return {
    year: y.year,
    size: y.size,
    status: y.status,
    wageIncome: Number(y.wage_income),
    businessIncome: Number(y.business_income),
    productionCost: Number(y.production_cost),
    propertyIncome: Number(y.property_income),
    transferIncome: Number(y.transfer_income),
    transferDibao: Number(y.transfer_dibao),
    transferPension: Number(y.transfer_pension),
    transferEco: Number(y.transfer_eco),
    medicalCost: Number(y.medical_cost),
    netIncome: Number(y.net_income),
    perCapitaIncome: Number(y.per_capita_income),
    povertyLine: povertyLine(y.year),
  };
}

export const historyDto = (r: HistoryRow) => ({
  id: r.id,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  changedOn: r.changed_on,
  reason: r.reason,
});

/** A household row of the export, in the terms of the export layouts (values unmasked; layouts mask). */
export const exportHousehold = (r: ExportHouseholdRow): ExportHousehold => ({
  householdNo: r.household_no,
  villageCode: r.village_code,
  townshipName: r.township_name ?? '',
  villageName: r.village_name,
  groupNo: r.group_no,
  address: r.address,
  phone: r.phone,
  bankName: r.bank_name,
  bankAccount: r.bank_account,
  headName: r.head_name,
  headIdNumber: r.head_id_number,
  size: r.size,
  status: r.status,
  statusDate: r.status_date,
  householdType: r.household_type,
  idStandard: r.id_standard,
  monitoringCategory: r.monitoring_category,
  mainCause: r.main_cause,
  otherCauses: r.other_causes,
  registeredYear: r.registered_year,
  exitYear: r.exit_year,
  houseGrade: r.house_grade,
  landCultivatedMu: num(r.land_cultivated_mu),
  perCapitaIncome: num(r.per_capita_income),
});

export const exportMember = (m: Member): ExportMember => ({
  name: m.name,
  sex: m.sex,
  relation: m.relation,
  idNumber: m.id_number,
  birthDate: m.birth_date,
  ethnicity: m.ethnicity,
  education: m.education,
  studentStatus: m.student_status,
  health: m.health,
  labourCapacity: m.labour_capacity,
  migrantPlace: m.migrant_place,
  migrantMonths: m.migrant_months,
});
