// Preloaded (node -r) into a real app whose Prisma client was generated with engineType "client" (prisma-offline.ts):
// every `new PrismaClient()` the app makes gets the PostgreSQL driver adapter for DATABASE_URL. The app's code is
// not changed.
const { createRequire } = require('node:module');
const { join } = require('node:path');

const appRequire = createRequire(join(process.cwd(), 'package.json'));
const client = appRequire('@prisma/client');
const { PrismaPg } = appRequire('@prisma/adapter-pg');
const AppPrismaClient = client.PrismaClient;
client.PrismaClient = class PrismaClient extends AppPrismaClient {
  constructor(options = {}) {
    super({ ...options, adapter: options.adapter ?? new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
  }
};
