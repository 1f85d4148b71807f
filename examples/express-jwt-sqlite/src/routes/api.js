import { Router } from 'express';
import { requireAuth, requireRole } from '../auth/middleware.js';
import { countMembers } from '../db.js';

export function apiRoutes(db) {
  const router = Router();
  router.use(requireAuth);

  router.get('/me', (req, res) => {
    res.json({ id: req.user.id, role: req.user.role, organization: req.user.organizationId });
  });

  router.get('/organizations/:id/stats', requireRole('admin', 'Billing Admin'), (req, res) => {
    if (req.params.id !== req.user.organizationId) return res.status(403).json({ error: 'another organization' });
    res.json({ organization: req.params.id, members: countMembers(db, req.params.id) });
  });

  return router;
}
