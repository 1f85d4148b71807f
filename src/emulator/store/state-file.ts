import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { emulatorStateSchema, type EmulatorState } from './state-json.js';

const FORMAT = 'scalekit-migrate-emulator-state';

const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  saved_at: z.string(),
  state: emulatorStateSchema,
  signing_keys: z.array(z.record(z.string(), z.unknown())),
});

export interface SavedState {
  state: EmulatorState;
  signingKeys: JWK[];
}

/** The saved state, or undefined when the file does not exist yet. */
export async function readStateFile(path: string): Promise<SavedState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserInputError(`emulator state file ${path} cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserInputError(`emulator state file ${path} is not JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserInputError(`emulator state file ${path} is not an emulator state (${FORMAT} v1): ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { state: parsed.data.state, signingKeys: parsed.data.signing_keys as JWK[] };
}

/**
 * Saves the state a while after it changes, atomically and owner-only (the file holds the
 * signing keys). Never two writes at once; between two writes at least `intervalMs`, and at
 * least ten times as long as the last write took, so a large state being imported into is not
 * re-serialized back to back.
 */
export class StatePersister {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  private delayMs: number;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => SavedState,
    private readonly intervalMs: number,
    private readonly onError: (error: Error) => void,
  ) {
    this.delayMs = intervalMs;
  }

  markDirty(): void {
    this.dirty = true;
    if (!this.timer && !this.writing) this.timer = setTimeout(() => void this.write(), this.delayMs);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    if (this.dirty) await this.write();
  }

  private async write(): Promise<void> {
    this.timer = undefined;
    this.dirty = false;
    const started = performance.now();
    const { state, signingKeys } = this.snapshot();
    const text = JSON.stringify({ format: FORMAT, version: 1, saved_at: new Date().toISOString(), state, signing_keys: signingKeys });
    this.writing = writeFileAtomic(this.path, text).catch((error: Error) => {
      this.dirty = true;
      this.onError(error);
    });
    await this.writing;
    this.writing = undefined;
    this.delayMs = Math.max(this.intervalMs, (performance.now() - started) * 10);
    if (this.dirty) this.markDirty();
  }
}
