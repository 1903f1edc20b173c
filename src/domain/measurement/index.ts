/** Poverty, inequality, multidimensional poverty and Benford measures: pure functions of typed arrays. */
export {
  alkireFoster,
  AF_TOLERANCE,
  type DeprivedIf,
  type GroupMpi,
  type Indicator,
  type MpiResult,
} from './alkire-foster.js';
export {
  benford,
  conformityOf,
  leadingDigits,
  NIGRINI_MAD,
  type BenfordDigits,
  type BenfordResult,
  type Conformity,
} from './benford.js';
export { chiSquarePValue, lnGamma, regularizedGammaQ } from './chi-square.js';
export { decomposeFgt, type GroupPoverty, type Groups } from './decomposition.js';
export { modifiedOecdScale, toPersons, type Households, type Persons } from './equivalence.js';
export { assertPositiveLine, MeasureInputError } from './errors.js';
export {
  DEFAULT_S80S20,
  giniSorted,
  inequality,
  inequalitySorted,
  quintileShareRatioEurostatSorted,
  quintileShareRatioLorenzSorted,
  quintileShareRatioSorted,
  S80S20_CONVENTIONS,
  theilAndMld,
  type Inequality,
  type S80S20Convention,
} from './inequality.js';
export { absolutePoverty, fgt, isPoor, POOR_IF, type AbsolutePoverty, type PoorIf } from './poverty.js';
export { countBelow, quantileIndex, weightedQuantile } from './quantile.js';
export { argsortFloat64 } from './radix-sort.js';
export {
  RELATIVE_SHARES,
  relativePovertySorted,
  type RelativeKey,
  type RelativePoverty,
} from './relative.js';
export { positiveWeights, sortSample, weightedTotals, type SortedSample, type Weighted } from './sample.js';
export { measureHouseholds, type MeasureConventions, type MeasureSummary } from './summary.js';
export { GrowableFloat64, LabelCoder, parseDecimal } from './columns.js';
export { CsvColumnReader, CsvInputError, type CsvColumns, type CsvNumberColumn } from './csv-columns.js';
export {
  benfordReport,
  measureReport,
  mpiReport,
  toJsonLine,
  toTextTables,
  type Json,
  type Report,
} from './report.js';
