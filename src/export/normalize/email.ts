import { domainToASCII } from 'node:url';
import { isValidEmail } from '../../package/email.js';

export type EmailResult = { ok: true; email: string; changed: boolean } | { ok: false; reason: string };

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
