import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli, runBuiltCli } from '../helpers/cli.js';
import { sdkFor, startTestEmulator } from '../helpers/emulator.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Starts `scalekit-migrate emulator ARGS`, resolves once it printed `lines` lines on stdout. */
function startCli(args: string[], lines: number) {
  const child = spawn(process.execPath, [builtCli, 'emulator', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split('\n').length > lines) resolve(stdout);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before it was ready: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, stderr: () => stderr };
}

describe('scalekit-migrate emulator (CLI)', () => {
  it('prints the three SCALEKIT_* export lines once ready, serves the SDK, saves the state and stops on SIGTERM', async () => {
    const dir = tempDir();
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify({ organizations: [{ external_id: 'acme', display_name: 'Acme' }] }));
    const state = join(dir, 'state.json');
    const run = startCli(['--port', '0', '--state', state, '--seed', seed, '--client-id', 'skc_test', '--client-secret', "it's secret"], 3);
    const stdout = await run.ready;
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^export SCALEKIT_ENVIRONMENT_URL=http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toBe('export SCALEKIT_CLIENT_ID=skc_test');
    expect(lines[2]).toBe(`export SCALEKIT_CLIENT_SECRET='it'\\''s secret'`);

    const url = lines[0]!.split('=')[1]!;
    const sk = sdkFor({ url, clientId: 'skc_test', clientSecret: "it's secret" });
    const acme = (await sk.organization.getOrganizationByExternalId('acme')).organization!;
    await sk.user.createUserAndMembership(acme.id, { email: 'cli@example.com', sendInvitationEmail: false });

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toContain(`Scalekit emulator listening on ${url}`);
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    expect(saved.state.users.map((u: { email: string }) => u.email)).toEqual(['cli@example.com']);
  });

  it('with --json prints one JSON document with the same settings', async () => {
    const run = startCli(['--port', '0', '--json'], 1);
    const doc = JSON.parse(await run.ready);
    expect(doc).toMatchObject({ SCALEKIT_CLIENT_ID: 'skc_emulator', SCALEKIT_CLIENT_SECRET: 'skcs_emulator_secret', state_file: null });
    expect((await fetch(`${doc.SCALEKIT_ENVIRONMENT_URL}/keys`)).status).toBe(200);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('exits 2 naming the bad flag, file or busy port', async () => {
    const busy = await startTestEmulator();
    const inUse = runBuiltCli(['emulator', '--port', String(busy.port)]);
    expect(inUse.status).toBe(2);
    expect(inUse.stderr).toContain(`cannot listen on 127.0.0.1:${busy.port} (EADDRINUSE)`);
    const mode = runBuiltCli(['emulator', '--port', '0', '--rate-limit-mode', 'sometimes']);
    expect(mode.status).toBe(2);
    expect(mode.stderr).toContain('--rate-limit-mode must be grpc or http (got "sometimes")');
    const port = runBuiltCli(['emulator', '--port', 'eighty']);
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port must be a number (got "eighty")');
    const fault = runBuiltCli(['emulator', '--port', '0', '--fault-rate', '3']);
    expect(fault.status).toBe(2);
    expect(fault.stderr).toContain('faultRate must be between 0 and 1 (got 3)');
    const seed = runBuiltCli(['emulator', '--port', '0', '--seed', join(tempDir(), 'missing.json')]);
    expect(seed.status).toBe(2);
    expect(seed.stderr).toMatch(/--seed .*missing\.json cannot be read/);
    const help = runBuiltCli(['emulator', '--help']);
    expect(help.stdout).toContain('--rate-limit-mode <mode>');
    expect(help.stdout).toContain('--state <file>');
  });
});
