// A real Next.js app served by its own `next dev` for the middleware bench's HTTP checks (no `next build`: minutes
// on two shared cores, and it stops at the apps' own type errors; dev compiles each route on its first request).
// `.next` is removed first so nothing compiled before the codemod is served after it; the files `next dev` rewrites
// (next-env.d.ts, tsconfig.json) are put back when it stops, so the app's own checks see the app as it was.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAppProcess, type AppProcess } from './app-process.js';

const REWRITTEN_BY_NEXT = ['next-env.d.ts', 'tsconfig.json'];

export async function startNextDev(dir: string, env: Record<string, string | undefined>, ready: string): Promise<AppProcess> {
  rmSync(join(dir, '.next'), { recursive: true, force: true });
  const saved = REWRITTEN_BY_NEXT.filter((name) => existsSync(join(dir, name))).map((name) => [name, readFileSync(join(dir, name), 'utf8')] as const);
  const restore = () => {
    for (const [name, text] of saved) writeFileSync(join(dir, name), text);
  };
  let app: AppProcess;
  try {
    app = await startAppProcess(dir, [join(dir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'dev', '-H', '127.0.0.1'], { NEXT_TELEMETRY_DISABLED: '1', ...env }, ready);
  } catch (error) {
    restore();
    throw error;
  }
  return {
    ...app,
    async stop() {
      await app.stop();
      restore();
    },
  };
}
