import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload } from 'jose';

type PrivateKey = Exclude<Awaited<ReturnType<typeof importJWK>>, Uint8Array>;

interface SigningKey {
  kid: string;
  privateKey: PrivateKey;
  publicJwk: JWK;
  privateJwk: JWK;
}

/**
 * The RS256 keys tokens are signed with. The newest signs; `/keys` publishes it and the one it
 * replaced, so tokens signed before a rotation still verify until the next one.
 */
export class KeyRing {
  private keys: SigningKey[] = [];

  static async create(saved: JWK[] = []): Promise<KeyRing> {
    const ring = new KeyRing();
    for (const jwk of saved.slice(0, 2)) ring.keys.push(await fromPrivateJwk(jwk));
    if (ring.keys.length === 0) await ring.rotate();
    return ring;
  }

  /** A new signing key; returns its kid. */
  async rotate(): Promise<string> {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const key = await fromPrivateJwk(privateJwk);
    this.keys = [key, ...this.keys].slice(0, 2);
    return key.kid;
  }

  get currentKid(): string {
    return this.keys[0]!.kid;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((k) => k.publicJwk) };
  }

  /** Private keys, newest first, for the state file only. */
  exportPrivate(): JWK[] {
    return this.keys.map((k) => k.privateJwk);
  }

  sign(payload: JWTPayload): Promise<string> {
    const key = this.keys[0]!;
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  }
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  const { n, e, kty } = jwk;
  const kid = jwk.kid ?? `snk_${(await calculateJwkThumbprint({ kty, n, e })).slice(0, 16)}`;
  const privateJwk = { ...jwk, kid, alg: 'RS256' };
  const privateKey = (await importJWK(privateJwk, 'RS256')) as PrivateKey;
  return { kid, privateKey, privateJwk, publicJwk: { kty, n, e, kid, alg: 'RS256', use: 'sig' } };
}
