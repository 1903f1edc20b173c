import { parseWeights, weightedTable, type Rng } from '../../domain/random.js';

/** Synthetic phone numbers and bank accounts (never real ones; the digits are random). */

const PHONE_PREFIXES = [
  ...Array.from({ length: 10 }, (_, i) => `13${i}`),
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'],
  ...Array.from({ length: 10 }, (_, i) => `18${i}`),
];

export function drawPhone(rng: Rng): string {
  return rng.pick(PHONE_PREFIXES) + rng.digits(8);
}

const BANKS = weightedTable(parseWeights('rcb:45 abc:30 psbc:20 ccb:5'));

export function drawBankName(rng: Rng, countyName: string): string {
  switch (rng.weighted(BANKS)) {
    case 'rcb':
      return `${countyName}农村商业银行`;
    case 'abc':
      return `中国农业银行${countyName}支行`;
    case 'psbc':
      return `中国邮政储蓄银行${countyName}支行`;
    default:
      return `中国建设银行${countyName}支行`;
  }
}

/** Luhn check digit of a digit string. */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A 19-digit card-like account number with a valid Luhn digit. */
export function drawBankAccount(rng: Rng): string {
  const body = '62' + rng.digits(16);
  return body + luhnDigit(body);
}
