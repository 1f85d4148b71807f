import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/engine/run-audit.js';
import { writeAuditReports } from '../../src/audit/write-reports.js';
import { findAppRoutes } from '../../src/redirects/app-routes.js';
import { tempDir } from '../helpers/temp-dir.js';

async function app(files: Record<string, string>): Promise<string> {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  await writeAuditReports(root, await runAudit({ root }));
  return root;
}

describe('the app routes configureRedirects reads', () => {
  it('follows nested mounts through a tsconfig path alias to the full login path', async () => {
    const root = await app({
      'package.json': JSON.stringify({ name: 'shop', dependencies: { express: '^4.0.0', jsonwebtoken: '^9.0.0' } }),
      'tsconfig.json': '{\n  // aliases\n  "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["./src/*"], "~/session/*": ["./src/web/v2/session/*"], } }\n}',
      'src/web/v2/session/routes.ts': "import { Router } from 'express';\nimport jwt from 'jsonwebtoken';\nconst r = Router();\nr.post('/sign-in', (req, res) => res.json({ t: jwt.sign({}, 's') }));\nexport default r;\n",
      'src/web/v2/index.ts': "import { Router } from 'express';\nimport sessionRoutes from '~/session/routes';\nconst v2 = Router();\nv2.use('/session', sessionRoutes);\nexport default v2;\n",
      'src/main.ts': "import express from 'express';\nimport v2 from './web/v2';\nconst app = express();\napp.use('/v2', v2);\napp.listen(1);\n",
    });
    const { routes } = await findAppRoutes(root);
    expect(routes.initiateLogin.path).toBe('/v2/session/sign-in');
    expect(routes.initiateLogin.from).toContain('src/main.ts:4 + src/web/v2/index.ts:4');
    expect(routes.callback.path).toBe('/v2/session/callback');
  });

  it("does not reuse a social provider's OAuth callback for Scalekit's code, but does reuse a generic one", async () => {
    const social = await app({
      'package.json': JSON.stringify({ name: 'blog', dependencies: { express: '^4.0.0', passport: '^0.6.0' } }),
      'routes.js': "module.exports = (app, passport) => {\n  app.get('/login', (req, res) => res.render('login'));\n  app.get('/auth/gitlab/callback', passport.authenticate('gitlab'), (req, res) => res.redirect('/'));\n};\n",
    });
    expect((await findAppRoutes(social)).routes.callback.path).toBe('/callback');
    const generic = await app({
      'package.json': JSON.stringify({ name: 'blog', dependencies: { express: '^4.0.0', passport: '^0.6.0' } }),
      'routes.js': "module.exports = (app, passport) => {\n  app.get('/login', (req, res) => res.render('login'));\n  app.get('/sso/callback', passport.authenticate('oidc'), (req, res) => res.redirect('/'));\n};\n",
    });
    const found = (await findAppRoutes(generic)).routes.callback;
    expect(found.path).toBe('/sso/callback');
    expect(found.from).toContain('audit: routes.js:3');
  });
});
