import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMiddlewareCodemod } from '../src/middleware/run-codemod.js';

/**
 * The codemod (dry run and apply) on generated Express + jsonwebtoken apps of 200, 1,000 and 3,000
 * TypeScript files: one in ten is a protected router whose middleware calls a shared verify helper
 * (so every run also makes the helper async and awaits it across files) and checks a role.
 * Prints wall time and peak RSS of this process. Usage: npx tsx bench/middleware.ts [sizes...]
 */
const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0);
const SIZES = sizes.length ? sizes : [200, 1000, 3000];

function generateApp(root: string, files: number): void {
  mkdirSync(join(root, 'src', 'auth'), { recursive: true });
  mkdirSync(join(root, 'src', 'routes'), { recursive: true });
  mkdirSync(join(root, 'src', 'lib'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bench-app', type: 'module', dependencies: { express: '^5', jsonwebtoken: '^9' } }));
  writeFileSync(
    join(root, 'src/auth/tokens.ts'),
    "import jwt from 'jsonwebtoken';\nexport interface Claims { sub: string; org: string; role: string }\n" +
      "export function verifyToken(token: string): Claims {\n  return jwt.verify(token, process.env.JWT_SECRET ?? 'dev') as Claims;\n}\n" +
      "export function issue(user: { id: string; orgId: string; role: string }) {\n  return jwt.sign({ sub: user.id, org: user.orgId, role: user.role }, process.env.JWT_SECRET ?? 'dev');\n}\n",
  );
  for (let index = 0; index < files; index += 1) {
    if (index % 10 === 0) {
      writeFileSync(
        join(root, 'src/routes', `router${index}.ts`),
        "import { Router, type NextFunction, type Request, type Response } from 'express';\nimport { verifyToken } from '../auth/tokens.js';\n\n" +
          `export const router${index} = Router();\n\n` +
          `function guard${index}(req: Request, res: Response, next: NextFunction) {\n  try {\n    res.locals.user = verifyToken((req.headers.authorization ?? '').slice(7));\n    next();\n  } catch {\n    res.sendStatus(401);\n  }\n}\n\n` +
          `router${index}.get('/r${index}', guard${index}, (_req, res) => {\n  if (res.locals.user.role !== 'admin') return res.sendStatus(403);\n  res.json({ id: res.locals.user.sub });\n});\n`,
      );
    } else {
      writeFileSync(join(root, 'src/lib', `util${index}.ts`), `export function util${index}(value: number): number {\n  return value * ${index} + ${index % 7};\n}\n`);
    }
  }
  spawnSync('git', ['init', '-q'], { cwd: root });
  spawnSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=bench', 'add', '-A'], { cwd: root });
  spawnSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'app'], { cwd: root });
}

console.log('| files | protected routers | dry run (s) | apply (s) | second run (s) | files changed | rewrites | peak RSS (MB) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const size of SIZES) {
  const root = mkdtempSync(join(tmpdir(), 'skm-bench-mw-'));
  try {
    generateApp(root, size);
    let started = performance.now();
    const dry = await runMiddlewareCodemod({ workspace: root });
    const dryMs = performance.now() - started;
    started = performance.now();
    const applied = await runMiddlewareCodemod({ workspace: root, apply: true });
    const applyMs = performance.now() - started;
    spawnSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', 'commit', '-qam', 'codemod'], { cwd: root });
    started = performance.now();
    const again = await runMiddlewareCodemod({ workspace: root });
    const againMs = performance.now() - started;
    if (!again.unchanged || applied.failures.length || dry.summary.filesChanged !== applied.summary.filesChanged) throw new Error('unexpected result');
    const peak = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(`| ${size} | ${Math.ceil(size / 10)} | ${(dryMs / 1000).toFixed(2)} | ${(applyMs / 1000).toFixed(2)} | ${(againMs / 1000).toFixed(2)} | ${applied.summary.filesChanged} | ${applied.summary.rewrites} | ${peak} |`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
