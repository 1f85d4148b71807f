import type { PasswordHashRecord } from '../../package/records.js';

export type PasswordHashAlgorithm = PasswordHashRecord['algorithm'];

export interface RecognizedHash {
  algorithm: PasswordHashAlgorithm;
  value: string;
  params?: Record<string, unknown>;
}

/** What a source knows about a stored password besides the hash text itself. */
export interface PasswordHashInput {
  value: unknown;
  /** The algorithm the source names (Clerk's password_hasher, Keycloak's credentialData, Firebase). */
  algorithm?: PasswordHashAlgorithm;
  params?: Record<string, unknown>;
}

/**
 * Recognizes a stored password hash by its format: modular crypt strings ($2b$, $argon2id$,
 * $P$, $5$...), framework formats (Django's pbkdf2_sha256$..., Werkzeug's pbkdf2:sha256:...),
 * or bare hex digests by length. Records algorithm and parameters; never checks a password.
 */
export function recognizePasswordHash(input: PasswordHashInput): RecognizedHash | undefined {
  if (input.value === null || input.value === undefined) return undefined;
  const value = String(input.value).trim();
  // Django marks an account without a usable password with a leading "!" (set_unusable_password).
  if (value === '' || value.startsWith('!')) return undefined;
  const recognized = recognizeFormat(value);
  if (input.algorithm && input.algorithm !== recognized.algorithm) return { algorithm: input.algorithm, value, params: input.params };
  const params = input.params ? { ...recognized.params, ...input.params } : recognized.params;
  return params ? { algorithm: recognized.algorithm, value, params } : { algorithm: recognized.algorithm, value };
}

function recognizeFormat(value: string): { algorithm: PasswordHashAlgorithm; params?: Record<string, unknown> } {
  const framework = recognizeFrameworkFormat(value);
  if (framework) return framework;
  let match = /^\$(2[abxy]?)\$(\d{2})\$[./A-Za-z0-9]{53}$/.exec(value);
  if (match) return { algorithm: 'bcrypt', params: { variant: match[1], cost: Number(match[2]) } };
  match = /^\$(argon2(?:id|i|d))\$(?:v=(\d+)\$)?m=(\d+),t=(\d+),p=(\d+)\$/.exec(value);
  if (match) {
    return { algorithm: 'argon2', params: { variant: match[1], version: match[2] ? Number(match[2]) : undefined, memoryKiB: Number(match[3]), iterations: Number(match[4]), parallelism: Number(match[5]) } };
  }
  match = /^\$([PH])\$([./0-9A-Za-z])[./0-9A-Za-z]{30}$/.exec(value);
  if (match) return { algorithm: 'phpass', params: { iterationsLog2: ITOA64.indexOf(match[2]!) } };
  match = /^pbkdf2_(sha\d+)\$(\d+)\$/.exec(value) ?? /^\$pbkdf2-(sha\d+)\$(\d+)\$/.exec(value);
  if (match) return { algorithm: 'pbkdf2', params: { digest: match[1], iterations: Number(match[2]) } };
  match = /^pbkdf2:(sha\d+):(\d+)\$/.exec(value);
  if (match) return { algorithm: 'pbkdf2', params: { digest: match[1], iterations: Number(match[2]) } };
  match = /^scrypt:(\d+):(\d+):(\d+)\$/.exec(value);
  if (match) return { algorithm: 'scrypt', params: { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) } };
  if (value.startsWith('$scrypt$') || value.startsWith('$7$')) return { algorithm: 'scrypt' };
  match = /^\$([156])\$(?:rounds=(\d+)\$)?/.exec(value);
  if (match) {
    const algorithm = match[1] === '1' ? 'md5' : match[1] === '5' ? 'sha256' : 'sha512';
    return { algorithm, params: { format: `${algorithm}-crypt`, rounds: match[2] ? Number(match[2]) : undefined } };
  }
  match = /^(sha1|sha256|sha512|md5)\$([^$]*)\$[0-9a-f]+$/i.exec(value);
  if (match) return { algorithm: match[1]!.toLowerCase() as PasswordHashAlgorithm, params: { format: 'salted', salted: match[2] !== '' } };
  match = /^\{(SSHA|SHA|SSHA256|SHA256|SSHA512|SHA512|MD5|SMD5)\}/i.exec(value);
  if (match) {
    const scheme = match[1]!.toUpperCase();
    const algorithm = scheme.includes('512') ? 'sha512' : scheme.includes('256') ? 'sha256' : scheme.includes('MD5') ? 'md5' : 'sha1';
    return { algorithm, params: { format: 'ldap', scheme, salted: scheme.startsWith('S') } };
  }
  if (/^[0-9a-f]+$/i.test(value)) {
    const byLength: Record<number, PasswordHashAlgorithm> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };
    const algorithm = byLength[value.length];
    if (algorithm) return { algorithm, params: { format: 'hex', salted: false } };
  }
  return { algorithm: 'unknown' };
}

/**
 * Framework wrappers around standard hashes: Django's `<algorithm>$...` (argon2, bcrypt,
 * bcrypt_sha256, scrypt) and WordPress 6.8's `$wp$` (bcrypt of an HMAC-SHA384 of the password).
 */
function recognizeFrameworkFormat(value: string): { algorithm: PasswordHashAlgorithm; params?: Record<string, unknown> } | undefined {
  let match = /^argon2\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(value);
  if (match) {
    return { algorithm: 'argon2', params: { format: 'django', variant: match[1], version: Number(match[2]), memoryKiB: Number(match[3]), iterations: Number(match[4]), parallelism: Number(match[5]) } };
  }
  match = /^(bcrypt|bcrypt_sha256)\$\$(2[abxy]?)\$(\d{2})\$[./A-Za-z0-9]{53}$/.exec(value);
  if (match) {
    const params: Record<string, unknown> = { format: 'django', variant: match[2], cost: Number(match[3]) };
    if (match[1] === 'bcrypt_sha256') params.prehash = 'sha256-hex';
    return { algorithm: 'bcrypt', params };
  }
  match = /^scrypt\$(\d+)\$[^$]*\$(\d+)\$(\d+)\$[A-Za-z0-9+/=]+$/.exec(value);
  if (match) return { algorithm: 'scrypt', params: { format: 'django', N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) } };
  match = /^\$wp\$(2[abxy]?)\$(\d{2})\$[./A-Za-z0-9]{53}$/.exec(value);
  if (match) return { algorithm: 'bcrypt', params: { format: 'wordpress', variant: match[1], cost: Number(match[2]), prehash: 'hmac-sha384-base64' } };
  return undefined;
}

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
