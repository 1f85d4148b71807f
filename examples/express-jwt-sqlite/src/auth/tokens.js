import jwt from 'jsonwebtoken';

export const ACCESS_TOKEN_TTL = '1h';

export function jwtSecret() {
  const secret = process.env.JWT_SECRET;
  if (!secret) throw new Error('JWT_SECRET is not set');
  return secret;
}

/** The access token the login route hands out: who, in which organization, with which role. */
export function issueAccessToken(user, membership) {
  return jwt.sign(
    { sub: String(user.id), email: user.email, org: membership.organization_id, role: membership.role },
    jwtSecret(),
    { algorithm: 'HS256', expiresIn: ACCESS_TOKEN_TTL },
  );
}
