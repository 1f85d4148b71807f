import { afterEach, beforeEach } from 'vitest';
import { SCALEKIT_ENV_VARS } from '../../src/scalekit/client.js';

/** For files whose tests point SCALEKIT_* at an emulator: each test starts from, and leaves, the variables as they were. */
export function restoreScalekitEnvAfterEach(): void {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const name of SCALEKIT_ENV_VARS) saved[name] = process.env[name];
  });
  afterEach(() => {
    for (const name of SCALEKIT_ENV_VARS) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
}
