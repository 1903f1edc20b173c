import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { RegionRef } from './regions';

export type HouseholdSort = 'household_no' | 'head_name' | 'size' | 'per_capita_income' | 'status';
export type SortOrder = 'asc' | 'desc';

export interface HouseholdFilters {
  region?: string;
  status?: string;
  type?: string;
  cause?: string;
  q?: string;
  sort?: HouseholdSort;
  order?: SortOrder;
  page: number;
  pageSize: number;
}

export interface HouseholdListItem {
  id: string;
  householdNo: string;
  villageCode: string;
  villageName: string;
  townshipName: string;
  headName: string;
  headIdNumber: string;
  size: number;
  status: string;
  householdType: string;
  mainCause: string | null;
  perCapitaIncome: number | null;
  incomeYear: number | null;
}

export interface HouseholdPage {
  total: number;
  page: number;
  pageSize: number;
  items: HouseholdListItem[];
}

export interface HouseholdDetail {
  id: string;
  householdNo: string;
  villageCode: string;
  groupNo: number | null;
  address: string | null;
  phone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  idStandard: string | null;
  householdType: string;
  status: string;
  statusDate: string | null;
  registeredYear: number | null;
  exitYear: number | null;
  monitoringCategory: string | null;
  mainCause: string | null;
  otherCauses: string[];
  size: number;
  headName: string | null;
  landCultivatedMu: number | null;
  landForestMu: number | null;
  houseAreaM2: number | null;
  houseStructure: string | null;
  houseYear: number | null;
  houseGrade: string | null;
  relocated: boolean | null;
  electricity: boolean | null;
  fuel: string | null;
  safeWater: boolean | null;
  sanitaryToilet: boolean | null;
  pavedAccess: boolean | null;
  roadDistanceKm: number | null;
  marketDistanceKm: number | null;
  coopMember: boolean | null;
  enterpriseTie: boolean | null;
  industryType: string | null;
  version: number;
}

export interface MemberRow {
  id: string;
  name: string;
  sex: string;
  idNumber: string;
  birthDate: string;
  age: number | null;
  relation: string;
  ethnicity: string | null;
  education: string | null;
  studentStatus: string | null;
  outOfSchoolReason: string | null;
  /** null when masked: health is sensitive. */
  health: string | null;
  disabilityGrade: number | null;
  labourCapacity: string | null;
  migrantPlace: string | null;
  migrantMonths: number | null;
  migrantMonthlyWage: number | null;
  welfareJobMonths: number | null;
  insBasicMedical: boolean;
  insCriticalIllness: boolean;
  insMedicalAssistance: boolean;
  insPension: boolean;
  isDibao: boolean;
  isTekun: boolean;
  memberStatus: string;
}

export interface YearRow {
  year: number;
  size: number;
  status: string;
  wageIncome: number;
  businessIncome: number;
  productionCost: number;
  propertyIncome: number;
  transferIncome: number;
  transferDibao: number;
  transferPension: number;
  transferEco: number;
  medicalCost: number;
  netIncome: number;
  perCapitaIncome: number;
  povertyLine: number;
}

export interface StatusChange {
  id: string;
  fromStatus: string | null;
  toStatus: string;
  changedOn: string;
  reason: string;
}

export interface HouseholdRecord {
  household: HouseholdDetail;
  members: MemberRow[];
  years: YearRow[];
  statusHistory: StatusChange[];
  path: RegionRef[];
  masked: boolean;
  canUnmask: boolean;
  canEdit: boolean;
  canChangeStatus: boolean;
}

export function useHouseholds(filters: HouseholdFilters) {
  return useQuery({
    queryKey: ['households', 'list', filters],
    queryFn: ({ signal }) => api<HouseholdPage>('/api/households', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export const householdKey = (id: string, unmask: boolean) => ['households', 'detail', id, unmask] as const;

/**
 * One household. With `unmask` the server returns full ID numbers, phone, bank account and
 * health, and logs the viewing; such an answer is not kept once nothing shows it.
 */
export function useHousehold(id: string, unmask: boolean, enabled = true) {
  return useQuery({
    queryKey: householdKey(id, unmask),
    enabled,
    queryFn: ({ signal }) =>
      api<HouseholdRecord>(`/api/households/${encodeURIComponent(id)}`, { query: { unmask }, signal }),
    staleTime: unmask ? 0 : 30_000,
    gcTime: unmask ? 0 : 5 * 60_000,
  });
}
