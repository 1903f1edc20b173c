/** Masking of sensitive fields for display (DESIGN.md §6): ID numbers, phones, bank accounts, health. */
export { maskIdNumber } from './id-number.js';

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export function maskAccount(account: string | null): string | null {
  if (!account) return account;
  return account.length > 4 ? `${'*'.repeat(Math.min(12, account.length - 4))}${account.slice(-4)}` : '****';
}
