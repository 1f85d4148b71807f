import { Router } from 'express';
import { checkPassword } from '../auth/passwords.js';
import { issueAccessToken } from '../auth/tokens.js';
import { findMembership, findUserByEmail } from '../db.js';

export function authRoutes(db) {
  const router = Router();

  router.post('/login', (req, res) => {
    const { email, password, organization } = req.body ?? {};
    if (typeof email !== 'string' || typeof password !== 'string') return res.status(400).json({ error: 'email and password are required' });
    const user = findUserByEmail(db, email);
    if (!user || !checkPassword(user.password_hash, password)) return res.status(401).json({ error: 'wrong email or password' });
    const membership = findMembership(db, user.id, organization);
    if (!membership) return res.status(403).json({ error: 'no membership in that organization' });
    res.json({ accessToken: issueAccessToken(user, membership), tokenType: 'Bearer', expiresIn: 3600 });
  });

  return router;
}
