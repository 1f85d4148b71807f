import { Code } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/import/pacer.js';
import { OutcomeUnknownError, readSettled, sendSettled } from '../../src/import/settle-call.js';
import { ScalekitCallError, statusName } from '../../src/scalekit/call-error.js';

const policy = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 };
const instant = { now: () => 0, sleep: async () => undefined };
const context = () => ({ pacer: new Pacer({ rate: 100_000 }), policy, clock: instant });
const failing = (code: Code) => new ScalekitCallError('CreateOrganization', code, `CreateOrganization: ${statusName(code)}`);

/** A create whose sends answer with the given codes in turn (then succeed), and whose look-up says whether it exists. */
function fakeCreate(answers: Code[], exists: () => boolean | 'fail') {
  const calls = { sends: 0, probes: 0 };
  const call = {
    send: async () => {
      const code = answers[calls.sends++];
      if (code !== undefined) throw failing(code);
      return 'created';
    },
    probe: async () => {
      calls.probes += 1;
      const found = exists();
      if (found === 'fail') throw failing(Code.Internal);
      return found ? 'found' : undefined;
    },
  };
  return { call, calls };
}

describe('sending a write whose answer may be lost', () => {
  it('an INTERNAL answer is looked up: found, it is recovered without a resend', async () => {
    const { call, calls } = fakeCreate([Code.Internal], () => true);
    expect(await sendSettled(call, context())).toMatchObject({ value: 'found', recovered: true });
    expect(calls).toEqual({ sends: 1, probes: 1 });
  });

  it('INTERNAL, CANCELED and UNKNOWN not found are resent, within the policy attempts', async () => {
    const { call, calls } = fakeCreate([Code.Internal, Code.Canceled, Code.Unknown], () => false);
    expect(await sendSettled(call, context())).toMatchObject({ value: 'created', recovered: false });
    expect(calls).toEqual({ sends: 4, probes: 3 });
    const always = fakeCreate(Array(20).fill(Code.Internal), () => false);
    await expect(sendSettled(always.call, context())).rejects.toThrow('INTERNAL');
    expect(always.calls.sends).toBe(policy.maxAttempts);
  });

  it('UNAVAILABLE spends the retry budget once (not once per round), then one last look-up', async () => {
    const { call, calls } = fakeCreate(Array(20).fill(Code.Unavailable), () => false);
    await expect(sendSettled(call, context())).rejects.toThrow('UNAVAILABLE');
    expect(calls.sends).toBe(policy.maxAttempts);
    expect(calls.probes).toBe(policy.maxAttempts);
  });

  it('ALREADY_EXISTS is ours when the look-up finds it, someone else\'s (thrown, no resend) when not', async () => {
    const ours = fakeCreate([Code.AlreadyExists], () => true);
    expect(await sendSettled(ours.call, context())).toMatchObject({ recovered: true });
    const theirs = fakeCreate([Code.AlreadyExists], () => false);
    await expect(sendSettled(theirs.call, context())).rejects.toThrow('ALREADY_EXISTS');
    expect(theirs.calls.sends).toBe(1);
  });

  it('when the look-up cannot be made either, the outcome is unknown (the intent stays open)', async () => {
    const { call } = fakeCreate([Code.Internal], () => 'fail');
    const error = await sendSettled(call, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).cause).toBeInstanceOf(ScalekitCallError);
  });

  it('an INVALID_ARGUMENT refusal is a failure at once: not looked up, not resent', async () => {
    const { call, calls } = fakeCreate([Code.InvalidArgument], () => true);
    await expect(sendSettled(call, context())).rejects.toThrow('INVALID_ARGUMENT');
    expect(calls).toEqual({ sends: 1, probes: 0 });
  });

  it('reads are resent after a lost answer', async () => {
    let reads = 0;
    const value = await readSettled(async () => {
      reads += 1;
      if (reads < 3) throw failing(reads === 1 ? Code.Internal : Code.Canceled);
      return 'page';
    }, context());
    expect([value, reads]).toEqual(['page', 3]);
  });
});
