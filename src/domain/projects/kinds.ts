/** Enumerations of paired assistance and projects (the SQL checks in migration 009 match). */
export const PAIR_KINDS = ['east_west', 'fixed_point', 'counterpart'] as const;
export const HELPER_LEVELS = [
  'province',
  'city',
  'county',
  'central_unit',
  'provincial_unit',
  'enterprise',
  'other',
] as const;
/** Commitment categories: funds and purchases (消费帮扶) in 10k yuan; projects, jobs and staff counted. */
export const COMMITMENT_CATEGORIES = ['funds', 'projects', 'purchases', 'jobs', 'staff'] as const;
export const PROJECT_TYPES = [
  'planting',
  'livestock',
  'processing',
  'workshop',
  'tourism',
  'pv_power',
  'infrastructure',
  'other',
] as const;
/** Benefit linkage: dividends/asset income, order purchasing, jobs and workshops, land rental, cooperatives. */
export const LINKAGE_TYPES = ['dividend', 'order_purchase', 'jobs', 'land_rental', 'cooperative'] as const;
export const FUND_SOURCES = ['central', 'provincial', 'county', 'integrated', 'paired', 'social'] as const;
export const OPERATING_STATUSES = ['operating', 'partial', 'idle', 'revival'] as const;
export const ASSET_STATUSES = ['good', 'damaged', 'lost'] as const;

export type PairKind = (typeof PAIR_KINDS)[number];
export type CommitmentCategory = (typeof COMMITMENT_CATEGORIES)[number];
export type ProjectType = (typeof PROJECT_TYPES)[number];
export type LinkageType = (typeof LINKAGE_TYPES)[number];
export type FundSource = (typeof FUND_SOURCES)[number];
export type OperatingStatus = (typeof OPERATING_STATUSES)[number];
