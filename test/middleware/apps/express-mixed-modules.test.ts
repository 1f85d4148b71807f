import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADA, applyCodemod, prepareApp } from '../../helpers/app-scenario.js';
import { call, legacyToken, startApp } from '../../helpers/fixture-app.js';

const SECRET = 'legacy-test-secret';

/** Every file of a JavaScript app must still load: `node --check` each one (the type check of an app without types). */
function checkSyntax(app: string, files: string[]): void {
  for (const file of files) {
    const result = spawnSync(process.execPath, ['--check', join(app, file)], { encoding: 'utf8' });
    expect(result.status, `${file}: ${result.stderr}`).toBe(0);
  }
}

/** A JavaScript app mixing CommonJS (express-jwt, require) and ESM (.mjs, a callback-style jsonwebtoken check). */
describe('Express, CommonJS and ESM files in one JavaScript app, end to end', () => {
  it('generates a CommonJS module both kinds of file load, and both paths accept Scalekit and legacy tokens by AUTH_PROVIDER', { timeout: 300_000 }, async () => {
    const context = await prepareApp('express-mixed-modules');
    const { app, env: scalekitEnv, tokens } = context;
    const dual = await applyCodemod(context, 'dual', { typeCheck: false });
    expect(dual.generatedModule).toMatchObject({ auth: 'src/auth/scalekit.js', language: 'javascript', format: 'commonjs' });
    expect(readFileSync(join(app, 'src/server.js'), 'utf8')).toContain("const { expressAuth } = require('./auth/scalekit.js');");
    expect(readFileSync(join(app, 'src/reports.mjs'), 'utf8')).toContain("import { authenticateTokenCallback } from './auth/scalekit.js';");
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).dependencies.jose).toBe('^5.9.0');
    checkSyntax(app, ['src/server.js', 'src/reports.mjs', 'src/auth/scalekit.js', 'src/auth/scalekit-client.js']);
    const env = { ...scalekitEnv, JWT_SECRET: SECRET };
    const legacy = legacyToken({ sub: 'u-7', org: 'org-acme', role: 'Org Admin' }, SECRET);
    const adaBody = { id: ADA.legacyId, org: ADA.org, role: ADA.legacyRole };

    let server = await startApp(app, 'src/server.js', { ...env, AUTH_PROVIDER: 'dual' });
    for (const path of ['/api/me', '/reports/me']) {
      expect(await call(`${server.url}${path}`, tokens.ada)).toEqual({ status: 200, body: adaBody });
      expect(await call(`${server.url}${path}`, legacy)).toEqual({ status: 200, body: { id: 'u-7', org: 'org-acme', role: 'Org Admin' } });
      for (const token of [tokens.forged, tokens.expired, legacyToken({ sub: 'u-7' }, 'wrong')]) expect((await call(`${server.url}${path}`, token)).status).toBe(401);
    }
    await server.stop();
    server = await startApp(app, 'src/server.js', { ...env, AUTH_PROVIDER: 'scalekit' });
    for (const path of ['/api/me', '/reports/me']) expect((await call(`${server.url}${path}`, legacy)).status).toBe(401);
    await server.stop();

    await applyCodemod(context, 'scalekit', { typeCheck: false });
    checkSyntax(app, ['src/server.js', 'src/reports.mjs', 'src/auth/scalekit.js']);
    server = await startApp(app, 'src/server.js', { ...env, AUTH_PROVIDER: 'dual' });
    for (const path of ['/api/me', '/reports/me']) {
      expect((await call(`${server.url}${path}`, legacy)).status).toBe(401);
      expect(await call(`${server.url}${path}`, tokens.ada)).toEqual({ status: 200, body: adaBody });
      expect((await call(`${server.url}${path}`, tokens.forged)).status).toBe(401);
    }
    await server.stop();
  });
});
