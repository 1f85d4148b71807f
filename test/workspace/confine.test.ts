import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../src/errors.js';
import { resolveInside, resolveWorkspace } from '../../src/workspace/confine.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('workspace confinement', () => {
  it('accepts relative and absolute paths inside the workspace, existing or not', () => {
    const ws = tempDir();
    mkdirSync(join(ws, 'src'));
    expect(resolveInside(ws, 'src', 'dir')).toBe(join(ws, 'src'));
    expect(resolveInside(ws, join(ws, 'out', 'pkg'), '--out')).toBe(join(ws, 'out', 'pkg'));
    expect(resolveInside(ws, '.', 'dir')).toBe(ws);
  });

  it('refuses a path that climbs out, naming the argument and the workspace', () => {
    const ws = tempDir();
    expect(() => resolveInside(ws, '../elsewhere', '--out')).toThrow(UserInputError);
    expect(() => resolveInside(ws, '../elsewhere', '--out')).toThrow(/--out "\.\.\/elsewhere" resolves to .* outside the workspace/);
    expect(() => resolveInside(ws, '/etc/passwd', 'file')).toThrow(/outside the workspace/);
  });

  it('follows symlinks: a link inside pointing outside is refused, also for a missing child', () => {
    const ws = tempDir();
    const outside = tempDir();
    symlinkSync(outside, join(ws, 'link'));
    expect(() => resolveInside(ws, 'link', 'dir')).toThrow(/outside the workspace/);
    expect(() => resolveInside(ws, 'link/new/file.json', 'dir')).toThrow(/outside the workspace/);
  });

  it('refuses a prefix sibling such as /ws-other for /ws', () => {
    const parent = tempDir();
    mkdirSync(join(parent, 'ws'));
    mkdirSync(join(parent, 'ws-other'));
    expect(() => resolveInside(join(parent, 'ws'), join(parent, 'ws-other'), 'dir')).toThrow(/outside the workspace/);
  });

  it('names a missing workspace', () => {
    expect(() => resolveWorkspace('/no/such/workspace')).toThrow('workspace "/no/such/workspace" does not exist');
  });
});
