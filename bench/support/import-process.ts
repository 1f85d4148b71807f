// Runs one import (or verify) in its own process and reports the result and this process's peak RSS,
// so the figure is the importer's alone. argv[2]: JSON { command: 'import' | 'verify', options }.
import { runImport } from '../../src/import/run-import.js';
import { runVerify } from '../../src/import/verify.js';

const { command, options } = JSON.parse(process.argv[2]!);
const started = performance.now();
const result = command === 'verify' ? await runVerify(options) : await runImport(options);
process.send!({ result, wallMs: performance.now() - started, maxRssKiB: process.resourceUsage().maxRSS });
process.disconnect();
