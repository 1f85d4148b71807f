import { afterAll } from 'vitest';

// Files that share a worker's modules share its process.env too: each file leaves the environment as it found it
// (tests set SCALEKIT_* credentials for the emulator they start).
const atStart = { ...process.env };

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in atStart)) delete process.env[key];
  Object.assign(process.env, atStart);
});
