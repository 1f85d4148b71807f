import jwt from 'jsonwebtoken';
import { jwtSecret } from './tokens.js';

/** Every /api route: a valid Bearer token, whose claims become req.user. */
export function requireAuth(req, res, next) {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return res.status(401).json({ error: 'missing bearer token' });
  try {
    const claims = jwt.verify(header.slice('Bearer '.length), jwtSecret(), { algorithms: ['HS256'] });
    req.user = { id: claims.sub, email: claims.email, organizationId: claims.org, role: claims.role };
    next();
  } catch {
    res.status(401).json({ error: 'invalid or expired token' });
  }
}

export function requireRole(...roles) {
  return (req, res, next) => {
    if (!req.user || !roles.includes(req.user.role)) return res.status(403).json({ error: `needs role ${roles.join(' or ')}` });
    next();
  };
}
