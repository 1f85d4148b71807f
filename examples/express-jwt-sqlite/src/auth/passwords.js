import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// scrypt:N:r:p$salt$hash, the format the seed script writes.
const N = 1024;
const R = 8;
const P = 1;

export function hashPassword(password, salt = randomBytes(12).toString('hex')) {
  const hash = scryptSync(password, salt, 32, { N, r: R, p: P }).toString('hex');
  return `scrypt:${N}:${R}:${P}$${salt}$${hash}`;
}

export function checkPassword(stored, password) {
  const match = /^scrypt:(\d+):(\d+):(\d+)\$([^$]+)\$([0-9a-f]+)$/.exec(stored ?? '');
  if (!match) return false;
  const [, n, r, p, salt, hash] = match;
  const expected = Buffer.from(hash, 'hex');
  const actual = scryptSync(password, salt, expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(expected, actual);
}
