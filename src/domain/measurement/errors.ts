/**
 * Invalid input to a measure: a negative or non-finite weight, a non-finite value, a bad line or
 * cutoff. `index` is the 0-based position in the input arrays, when one element is at fault.
 */
export class MeasureInputError extends Error {
  readonly code = 'E_VALIDATION';

  constructor(
    message: string,
    readonly field: string,
    readonly index?: number,
  ) {
    super(index === undefined ? `${field}: ${message}` : `${field}[${index}]: ${message}`);
    this.name = 'MeasureInputError';
  }
}

/** A poverty line (or an indicator cutoff used as a divisor) must be a positive finite number. */
export function assertPositiveLine(line: number, field = 'line'): void {
  if (!Number.isFinite(line) || line <= 0) throw new MeasureInputError('must be a positive number', field);
}
