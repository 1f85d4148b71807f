import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { profileApp } from '../../src/middleware/app-profile.js';
import type { CodemodMode } from '../../src/middleware/options.js';
import { loadProject } from '../../src/middleware/project.js';
import type { FollowUp } from '../../src/middleware/result.js';
import { CodemodSession } from '../../src/middleware/session.js';
import { TRANSFORMS } from '../../src/middleware/transforms/index.js';
import { tempDir } from './temp-dir.js';

export interface TransformRun {
  output: string;
  rewrites: number;
  followUps: Array<Pick<FollowUp, 'kind' | 'line'>>;
  failures: number;
}

/**
 * Runs one transform on one fixture file, as the codemod would (same session, imports, async ripple),
 * in a temp project whose generated auth module is `auth/scalekit` next to the file.
 * `inputText` overrides the file's content (the idempotency check runs on an expected output).
 */
export function runTransformOn(transformId: string, inputPath: string, mode: CodemodMode, inputText?: string): TransformRun {
  const transform = TRANSFORMS.find((candidate) => candidate.id === transformId);
  if (!transform) throw new Error(`no transform ${transformId}`);
  const dir = tempDir('skm-transform-');
  // `<case>--<file name>.input.ts` runs the case under that file name (e.g. Next.js's middleware.ts).
  const name = basename(inputPath).replace(/\.(?:scalekit\.)?(?:input|output)(?=\.)/, '').split('--').at(-1)!;
  const packageType = /\.c[jt]s$/.test(name) || /cjs/.test(basename(inputPath)) ? 'commonjs' : 'module';
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', type: packageType }));
  mkdirSync(join(dir, 'auth'));
  const target = join(dir, name);
  if (inputText === undefined) cpSync(inputPath, target);
  else writeFileSync(target, inputText);
  const { project, files } = loadProject(dir);
  const profile = profileApp(dir, files);
  const session = new CodemodSession(mode, project, { ...profile, authModulePath: join(dir, 'auth', /\.[cm]?js$/.test(name) ? 'scalekit.js' : 'scalekit.ts') });
  const file = files.find((candidate) => candidate.getFilePath() === target)!;
  if (transform.appliesTo(file)) session.run(transform, file);
  return {
    output: file.getFullText(),
    rewrites: session.rewrites.length,
    followUps: session.followUps.map((followUp) => ({ kind: followUp.kind, line: followUp.line })),
    failures: session.failures.length,
  };
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
