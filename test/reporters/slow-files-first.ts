import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest start first, so that the last minutes of a run are not one long file alone on a core.
 * vitest orders by the durations it cached on earlier runs; a fresh checkout (CI) has none, hence this list, taken
 * from the "Slowest test files" lines the suite prints. A path prefix covers a folder.
 */
const SLOW_FIRST = [
  'test/install/pack-install.test.ts',
  'test/middleware/apps/',
  'test/middleware/cli-and-tool.test.ts',
  'test/middleware/run-codemod.test.ts',
  'test/cli/import-cli.test.ts',
  'test/install/plugin.test.ts',
  'test/mcp/result-budget.test.ts',
  'test/demo/demo-report.test.ts',
  'test/import/crash-resume.test.ts',
  'test/middleware/generated-module.test.ts',
  'test/cli/cli.test.ts',
  'test/import/lost-answers.test.ts',
];

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const rank = (file: TestSpecification) => {
      const path = relative(root, file.moduleId);
      const index = SLOW_FIRST.findIndex((prefix) => path.startsWith(prefix));
      return index < 0 ? SLOW_FIRST.length : index;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
