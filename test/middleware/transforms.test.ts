import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSFORMS } from '../../src/middleware/transforms/index.js';
import { middlewareFixtures } from '../helpers/fixture-app.js';
import { readText, runTransformOn, type TransformRun } from '../helpers/transform-fixture.js';

/**
 * Input/output fixture pairs per transform (`<case>.input.<ext>` -> `<case>.output.<ext>` in dual mode,
 * `<case>.scalekit.output.<ext>` in scalekit mode, `<case>.expect.json` for the rewrites and follow-ups),
 * and for every pair: running the transform again on its output changes nothing.
 * `UPDATE_FIXTURES=1` writes the outputs (review them before committing).
 */
const root = join(middlewareFixtures, 'transforms');
const update = process.env.UPDATE_FIXTURES === '1';

interface Expectation {
  rewrites: number;
  followUps: string[];
}

function summary(run: TransformRun): Expectation {
  return { rewrites: run.rewrites, followUps: run.followUps.map((followUp) => followUp.kind) };
}

describe('transform fixtures', () => {
  it('every transform has fixtures', () => {
    for (const transform of TRANSFORMS) expect(existsSync(join(root, transform.id)), transform.id).toBe(true);
  });

  for (const transform of TRANSFORMS) {
    const dir = join(root, transform.id);
    if (!existsSync(dir)) continue;
    for (const input of readdirSync(dir).filter((name) => /\.input\./.test(name))) {
      const [caseName, extension] = input.split('.input.') as [string, string];
      describe(`${transform.id}: ${caseName}`, () => {
        const expectPath = join(dir, `${caseName}.expect.json`);
        for (const mode of ['dual', 'scalekit'] as const) {
          const outputPath = join(dir, mode === 'dual' ? `${caseName}.output.${extension}` : `${caseName}.scalekit.output.${extension}`);
          if (!update && !existsSync(outputPath)) continue;
          it(`rewrites the input (${mode})`, () => {
            const run = runTransformOn(transform.id, join(dir, input), mode);
            expect(run.failures).toBe(0);
            if (update) {
              writeFileSync(outputPath, run.output);
              const expected = existsSync(expectPath) ? (JSON.parse(readText(expectPath)) as Record<string, Expectation>) : {};
              expected[mode] = summary(run);
              writeFileSync(expectPath, JSON.stringify(expected, null, 2) + '\n');
              return;
            }
            expect(run.output).toBe(readText(outputPath));
            expect(summary(run)).toEqual((JSON.parse(readText(expectPath)) as Record<string, Expectation>)[mode]);
          });
          it(`is idempotent (${mode})`, () => {
            const output = readText(outputPath);
            const again = runTransformOn(transform.id, join(dir, input), mode, output);
            expect(again.output).toBe(output);
            expect(again.rewrites).toBe(0);
          });
        }
      });
    }
  }
});
