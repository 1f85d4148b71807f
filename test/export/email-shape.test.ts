import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../src/export/normalize/email.js';
import { isValidEmail } from '../../src/package/email.js';

const long = (n: number) => 'a'.repeat(n);

describe('normalizeEmail: the quick test for common addresses never accepts what the full check refuses', () => {
  const addresses = [
    'ada@example.com', 'Ada.Lovelace+tag@Sub.Example.co.uk', ' grace@example.org ', 'o_neil%x@a-b.example', 'x-y@1a.example',
    '.ada@example.com', 'ada.@example.com', 'a..b@example.com', 'ada@-example.com', 'ada@example-.com', 'ada@example.c', 'ada@example.c0m',
    'ada@example', 'ada@@example.com', 'a@b@example.com', 'ada@.example.com', 'ada@example..com', 'ada@exa_mple.com',
    `${long(64)}@example.com`, `${long(65)}@example.com`, `ada@${long(63)}.com`, `ada@${long(64)}.com`, `ada@example.${long(63)}`, `ada@example.${long(64)}`,
    `${long(60)}@${[long(60), long(60), long(60)].join('.')}.com`, `${long(64)}@${[long(63), long(63), long(63)].join('.')}.com`,
    "o'neil@example.com", 'ada@xn--80ak6aa92e.com', 'ada@example.xn--p1ai', 'ada@bücher.example', 'adá@example.com', 'ada @example.com',
  ];
  for (const address of addresses) {
    it(JSON.stringify(address.length > 40 ? `${address.slice(0, 37)}...` : address), () => {
      const result = normalizeEmail(address);
      const lower = address.trim().toLowerCase();
      if (/^[\x20-\x7e]*$/.test(lower)) {
        expect(result.ok).toBe(lower.length <= 254 && isValidEmail(lower));
        if (result.ok) expect(result).toEqual({ ok: true, email: lower, changed: lower !== address });
      } else expect(result.ok ? isValidEmail(result.email) : true).toBe(true);
    });
  }
});
