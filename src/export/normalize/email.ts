import { domainToASCII } from 'node:url';
import { isValidEmail } from '../../package/email.js';

export type EmailResult = { ok: true; email: string; changed: boolean } | { ok: false; reason: string };

/**
 * The usual shape of an address, a strict subset of what isValidEmail accepts (local part of at most 64 characters
 * from a-z 0-9 . _ % + - without leading, trailing or double dots; labels of 1-63 letters, digits and inner hyphens;
 * a top level of letters): one test instead of the full check for almost every address.
 */
const COMMON_ADDRESS = /^(?=[^@]{1,64}@)[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Trims and lowercases an address; an internationalized domain becomes its ASCII (punycode) form.
 * Anything that is then not a plain address is refused with the reason.
 */
export function normalizeEmail(value: unknown): EmailResult {
  if (value === null || value === undefined) return { ok: false, reason: 'missing email' };
  if (typeof value !== 'string') return { ok: false, reason: 'email is not a string' };
  const trimmed = value.trim();
  if (trimmed === '') return { ok: false, reason: 'missing email' };
  const lower = trimmed.toLowerCase();
  if (lower.length <= 254 && COMMON_ADDRESS.test(lower)) return { ok: true, email: lower, changed: lower !== value };
  const at = lower.lastIndexOf('@');
  if (at <= 0 || at === lower.length - 1) return { ok: false, reason: 'malformed email' };
  const local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  if (!isAscii(domain)) {
    const ascii = domainToASCII(domain);
    if (ascii === '') return { ok: false, reason: 'malformed email' };
    domain = ascii;
  }
  if (!isAscii(local)) return { ok: false, reason: 'email has non-ASCII characters before the @' };
  const email = `${local}@${domain}`;
  if (email.length > 254 || !isValidEmail(email)) return { ok: false, reason: 'malformed email' };
  return { ok: true, email, changed: email !== value };
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
