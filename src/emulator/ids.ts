import { randomBytes } from 'node:crypto';

/**
 * Scalekit-shaped identifiers: a prefix and 18 digits (`usr_` ids must be 19-25 characters,
 * `org_` ids at most 32, per the descriptors' validation rules). A per-process random base plus
 * a counter keeps them unique and cheap; callers re-draw on the rare clash with loaded state.
 */
export class IdGenerator {
  private next = BigInt(randomBytes(6).readUIntBE(0, 6)) * 1000n + 100_000_000_000_000_000n;

  id(prefix: string): string {
    this.next += 1n + BigInt(randomBytes(1)[0]! & 7);
    return `${prefix}${this.next}`;
  }
}

/** An opaque random token (codes, refresh tokens, session ids). */
export function randomToken(prefix: string, bytes = 24): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}
