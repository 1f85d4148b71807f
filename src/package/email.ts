import { domainToASCII } from 'node:url';

/** RFC 5322 atext: what a dot-atom local part may hold besides dots. */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
/** A top-level domain: letters, or an internationalized one in its ASCII form (xn--...). */
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}(?<!-))$/;

/**
 * A mail address as mail servers accept it: a dot-atom local part (so `o'neil`, `a&b`, `x=y`,
 * `dept/sales` are valid) and a domain of letter-digit-hyphen labels whose top level may be an
 * internationalized one (`.рф` as `xn--p1ai`, or written in Unicode). Quoted local parts and
 * address literals (`[192.0.2.1]`) are refused: identity providers do not take them.
 */
export function isValidEmail(value: string): boolean {
  // Whitespace and control characters are never part of an address (domainToASCII would drop them).
  if (value.length > 254 || /[\s\x00-\x1f\x7f]/.test(value)) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return false;
  const local = value.slice(0, at);
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  const domain = asciiDomain(value.slice(at + 1));
  if (!domain || domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return false;
  return TOP_LEVEL.test(labels.at(-1)!);
}

function asciiDomain(domain: string): string | undefined {
  if (/^[\x21-\x7e]*$/.test(domain)) return domain;
  const ascii = domainToASCII(domain);
  return ascii === '' ? undefined : ascii;
}
