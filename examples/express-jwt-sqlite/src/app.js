import express from 'express';
import { apiRoutes } from './routes/api.js';
import { authRoutes } from './routes/auth.js';

export function createApp(db) {
  const app = express();
  app.use(express.json());
  app.get('/health', (req, res) => res.json({ ok: true }));
  app.use('/auth', authRoutes(db));
  app.use('/api', apiRoutes(db));
  return app;
}
