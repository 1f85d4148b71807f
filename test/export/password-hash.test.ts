import { describe, expect, it } from 'vitest';
import { recognizePasswordHash } from '../../src/export/normalize/password-hash.js';

const recognize = (value: string) => {
  const hash = recognizePasswordHash({ value });
  return hash ? [hash.algorithm, hash.params] : undefined;
};

describe('password hash recognition', () => {
  it('names the algorithm and parameters of the formats legacy apps store', () => {
    expect(recognize('$2y$12$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy')).toEqual(['bcrypt', { variant: '2y', cost: 12 }]);
    expect(recognize('$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA')).toEqual(['argon2', { variant: 'argon2i', version: 19, memoryKiB: 4096, iterations: 3, parallelism: 1 }]);
    expect(recognize('$P$BQ1p6fRl0d9k5mQ2xbC7H8uYzWvTt0.')).toEqual(['phpass', { iterationsLog2: 13 }]);
    expect(recognize('pbkdf2_sha256$600000$c2FsdA$aGFzaA==')).toEqual(['pbkdf2', { digest: 'sha256', iterations: 600000 }]);
    expect(recognize('$pbkdf2-sha512$25000$c2FsdA$aGFzaA')).toEqual(['pbkdf2', { digest: 'sha512', iterations: 25000 }]);
    expect(recognize('pbkdf2:sha256:260000$salt$abcdef')).toEqual(['pbkdf2', { digest: 'sha256', iterations: 260000 }]);
    expect(recognize('scrypt:32768:8:1$salt$abcdef')).toEqual(['scrypt', { N: 32768, r: 8, p: 1 }]);
    expect(recognize('$6$rounds=5000$saltsalt$hashhash')).toEqual(['sha512', { format: 'sha512-crypt', rounds: 5000 }]);
    expect(recognize('$1$saltsalt$hashhashhashhashhash')).toEqual(['md5', { format: 'md5-crypt' }]);
    expect(recognize('sha1$a1976$a36cc8cbf81742a8fb52e221aaeab48ed7f58ab4')).toEqual(['sha1', { format: 'salted', salted: true }]);
    expect(recognize('{SSHA}K5IPeFLLUuOhclDb35MrtNUJoSYqgp8H')).toEqual(['sha1', { format: 'ldap', scheme: 'SSHA', salted: true }]);
    expect(recognize('5f4dcc3b5aa765d61d8327deb882cf99')).toEqual(['md5', { format: 'hex', salted: false }]);
    expect(recognize('5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8')).toEqual(['sha1', { format: 'hex', salted: false }]);
    expect(recognize('5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8')).toEqual(['sha256', { format: 'hex', salted: false }]);
    expect(recognize('b109f3bbbc244eb82441917ed06d618b9008dd09b3befd1b5e07394c706a8bb980b1d7785e5976ec049b46df5f1326af5a2ea6d103fd07c95385ffab0cacbc86')).toEqual([
      'sha512',
      { format: 'hex', salted: false },
    ]);
    expect(recognize('not-a-known-format')).toEqual(['unknown', undefined]);
    expect(recognize('   ')).toBeUndefined();
  });

  it('reads the framework wrappers: Django argon2, bcrypt, bcrypt_sha256, scrypt and unusable passwords; WordPress $wp$ and phpass', () => {
    const bcryptTail = '$2b$12$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';
    expect(recognize('argon2$argon2id$v=19$m=102400,t=2,p=8$c29tZXNhbHQ$aGFzaGhhc2hoYXNo')).toEqual([
      'argon2',
      { format: 'django', variant: 'argon2id', version: 19, memoryKiB: 102400, iterations: 2, parallelism: 8 },
    ]);
    expect(recognize(`bcrypt$${bcryptTail}`)).toEqual(['bcrypt', { format: 'django', variant: '2b', cost: 12 }]);
    expect(recognize(`bcrypt_sha256$${bcryptTail}`)).toEqual(['bcrypt', { format: 'django', variant: '2b', cost: 12, prehash: 'sha256-hex' }]);
    expect(recognize('scrypt$16384$c29tZXNhbHQ$8$1$aGFzaGhhc2hoYXNoaGFzaA==')).toEqual(['scrypt', { format: 'django', N: 16384, r: 8, p: 1 }]);
    // Django's set_unusable_password(): "!" and 40 random characters; the user has no password at all.
    expect(recognize('!Xq3kK0p7Vd2mN8bR5tY1wZ6cF4hJ9gL2sA7eU0i')).toBeUndefined();
    expect(recognize('$wp$2y$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy')).toEqual(['bcrypt', { format: 'wordpress', variant: '2y', cost: 10, prehash: 'hmac-sha384-base64' }]);
    expect(recognize('$P$B4cYtTWvZ1b7sGzM9xq1nE8hQe3L0a/')).toEqual(['phpass', { iterationsLog2: 13 }]);
  });

  it('trusts the algorithm the source names when the text does not say otherwise', () => {
    expect(recognizePasswordHash({ value: 'lSrfV15cpx95', algorithm: 'firebase-scrypt', params: { rounds: 8 } })).toEqual({ algorithm: 'firebase-scrypt', value: 'lSrfV15cpx95', params: { rounds: 8 } });
    expect(recognizePasswordHash({ value: '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy', algorithm: 'bcrypt', params: { clerk_hasher: 'bcrypt' } })?.params).toEqual({ variant: '2a', cost: 10, clerk_hasher: 'bcrypt' });
  });
});
