import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { authModuleSource } from '../../src/middleware/generated/auth-module.js';
import { completeMapping } from '../../src/middleware/generated/claims-mapping.js';
import { pruneModule } from '../../src/middleware/generated/prune.js';
import { repoRoot } from '../helpers/cli.js';
import { middlewareFixtures, typeCheck } from '../helpers/fixture-app.js';
import { tempDir } from '../helpers/temp-dir.js';

const fixtures = join(middlewareFixtures, 'transforms', 'next-middleware');

/**
 * What the next-middleware transform writes must pass the type check `next build` runs: next-auth's own
 * types for getToken's and withAuth's decode (JWT fields are `string | null`), strict mode, no DOM-less gaps.
 */
describe('Next.js middleware after the codemod', () => {
  it('type-checks against next-auth and next in both modes (getToken and withAuth)', { timeout: 120_000 }, () => {
    const dir = tempDir('skm-next-types-');
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2017', lib: ['dom', 'dom.iterable', 'esnext'], module: 'esnext', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: true, isolatedModules: true, esModuleInterop: true, jsx: 'preserve' },
        include: ['**/*.ts'],
        exclude: ['node_modules'],
      }),
    );
    const mapping = completeMapping([{ name: 'role', source: 'role' }], {});
    for (const mode of ['dual', 'scalekit'] as const) {
      for (const [input, output] of [
        ['get-token--middleware', 'middleware.ts'],
        ['middleware', 'middleware.ts'],
      ] as const) {
        const variant = join(dir, `${mode}-${input}`);
        mkdirSync(join(variant, 'auth'), { recursive: true });
        writeFileSync(join(variant, output), readFileSync(join(fixtures, `${input}.${mode === 'dual' ? '' : 'scalekit.'}output.ts`), 'utf8'));
        writeFileSync(join(variant, 'auth', 'scalekit.ts'), pruneModule(authModuleSource({ mode, verify: 'jwks', mapping, clientSpecifier: './scalekit-client', next: true }), ['scalekitJwtDecode']));
      }
    }
    typeCheck(dir, false);
  });
});
