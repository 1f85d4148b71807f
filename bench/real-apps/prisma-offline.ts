// Prisma without its downloaded engines, for the middleware bench's real apps: the client is generated with
// `engineType = "client"` (the WASM query compiler shipped in @prisma/client ≥ 6.16, no query-engine binary) from a
// copy of the app's schema, and run through the PostgreSQL driver adapter, which a preload (prisma-pg-adapter.cjs)
// hands to every `new PrismaClient()` the app makes. The migrations the app ships are applied with plain SQL (the
// schema engine, a binary, is not available either). Named in the bench's table as a harness substitution.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export const PRISMA_PG_PRELOAD = join(import.meta.dirname, 'prisma-pg-adapter.cjs');
export const PRISMA_MEMORY_PRELOAD = join(import.meta.dirname, 'prisma-memory-store.cjs');

/**
 * Generates the app's Prisma client into its node_modules (types included, so its type check sees them). `client`:
 * with engineType "client", run through a driver adapter (PostgreSQL apps); `types-only`: from the app's own schema,
 * for a database no driver adapter serves (MongoDB), whose runtime is then the in-process store of
 * prisma-memory-store.cjs.
 */
export function generatePrismaClient(dir: string, engine: 'client' | 'types-only' = 'client'): void {
  const schema = join(dir, 'prisma', 'schema.prisma');
  const copy = join(dir, 'prisma', 'bench-engine-client.prisma');
  if (engine === 'client') writeFileSync(copy, readFileSync(schema, 'utf8').replace(/(provider\s*=\s*"prisma-client-js")/, '$1\n  engineType = "client"'));
  // The CLI looks for its engine binaries before any command; generate never runs them.
  const placeholder = join(dir, 'node_modules', '.bench-no-engine');
  writeFileSync(placeholder, '');
  try {
    execFileSync('npx', ['prisma', 'generate', '--schema', engine === 'client' ? copy : schema], {
      cwd: dir,
      stdio: 'pipe',
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: placeholder, PRISMA_QUERY_ENGINE_LIBRARY: placeholder, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
    });
  } finally {
    rmSync(copy, { force: true });
  }
}

/** The app's own migrations (prisma/migrations/<name>/migration.sql, in name order) applied to `url`. */
export async function applyPrismaMigrations(dir: string, url: string): Promise<void> {
  const root = join(dir, 'prisma', 'migrations');
  if (!existsSync(root)) throw new Error(`${dir}: no prisma/migrations to apply`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const name of readdirSync(root).filter((entry) => existsSync(join(root, entry, 'migration.sql'))).sort()) {
      await client.query(readFileSync(join(root, name, 'migration.sql'), 'utf8'));
    }
  } finally {
    await client.end();
  }
}
