import { makeIdNumber, type Sex } from '../../domain/id-number.js';
import { addDays } from './calendar.js';
import type { Rng } from '../../domain/random.js';

/**
 * Hands out synthetic citizen ID numbers that are unique within one county: for each birth date it
 * keeps a 1,000-bit map of the sequence codes (odd for men, even for women) already used. When all
 * 500 codes of one sex on a date are taken, the birth date moves by a day, so callers must use the
 * returned birth date.
 */
export class IdAllocator {
  private readonly used = new Map<string, Uint8Array>();

  constructor(private readonly addressCode: string) {
    if (!/^\d{6}$/.test(addressCode)) throw new Error(`county code must have 6 digits: ${addressCode}`);
  }

  allocate(rng: Rng, birthDate: string, sex: Sex): { idNumber: string; birthDate: string } {
    let date = birthDate;
    for (let shift = 0; shift < 366; shift++) {
      const seq = this.take(rng, date, sex);
      if (seq !== null) return { idNumber: makeIdNumber(this.addressCode, date, sex, seq), birthDate: date };
      date = addDays(birthDate, shift % 2 === 0 ? shift / 2 + 1 : -(shift + 1) / 2);
    }
    throw new Error(`no free ID sequence near ${birthDate}`);
  }

  private take(rng: Rng, date: string, sex: Sex): number | null {
    let bits = this.used.get(date);
    if (!bits) {
      bits = new Uint8Array(125);
      this.used.set(date, bits);
    }
    const parity = sex === '1' ? 1 : 0;
    const start = rng.int(0, 499);
    for (let k = 0; k < 500; k++) {
      const seq = 2 * ((start + k) % 500) + parity;
      const byte = seq >>> 3;
      const mask = 1 << (seq & 7);
      if ((bits[byte]! & mask) === 0) {
        bits[byte] = bits[byte]! | mask;
        return seq;
      }
    }
    return null;
  }
}
