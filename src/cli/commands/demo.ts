import type { Command } from 'commander';
import { renderDemoSummary, stepResultLine, stepStartLine } from '../../demo/render.js';
import type { DemoEvent } from '../../demo/steps.js';
import { emitResult } from '../output.js';
import { createProgressBar, type ProgressBar } from '../progress-bar.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('migrate a bundled sample app (Express + jsonwebtoken + SQLite) to a local Scalekit emulator, end to end, and write the report')
    .option('--workspace <dir>', 'a new or empty folder for the demo (default: a fresh temporary folder, kept afterwards)')
    .option('--json', 'print the result as one JSON document')
    .action(async (flags: { workspace?: string; json?: boolean }) => {
      // Loaded when asked for: the demo brings every phase (and the TypeScript compiler of the codemod).
      const { runDemo } = await import('../../demo/run-demo.js');
      const result = await runDemo({ workspace: flags.workspace, onEvent: stderrProgress() });
      emitResult(flags, result, renderDemoSummary(result), !result.ok);
    });
}

/** Each step's title, progress and one-line result on stderr. */
function stderrProgress(): (event: DemoEvent) => void {
  let bar: ProgressBar | undefined;
  let indent = 0;
  return (event) => {
    switch (event.kind) {
      case 'step':
        indent = stepStartLine(event.index, event.total, '').length;
        process.stderr.write(`${stepStartLine(event.index, event.total, event.title)}\n`);
        return;
      case 'progress':
        bar ??= createProgressBar();
        bar.listener(event.event);
        return;
      case 'step-done':
        bar?.finish();
        bar = undefined;
        process.stderr.write(`${stepResultLine(event.step, indent)}\n`);
        return;
      case 'note':
        return;
    }
  };
}
