// A Scalekit emulator in its own process, so a benchmark's importer and the emulator each get a core.
// Started with fork(); argv[2] is the JSON of startEmulator's options (plus `seedFile`, a JSON seed on disk). Sends { url, clientId, clientSecret }
// once listening; answers 'counters' (with this process's peak RSS) and 'stop' messages.
import { readFileSync } from 'node:fs';
import { startEmulator } from '../../src/emulator/index.js';

const options = JSON.parse(process.argv[2] ?? '{}');
// A large seed comes as a file (`seedFile`): it does not fit in argv.
if (options.seedFile) options.seed = JSON.parse(readFileSync(options.seedFile, 'utf8'));
delete options.seedFile;
const emulator = await startEmulator({ log: () => undefined, ...options });
process.send!({ type: 'ready', url: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
process.on('message', async (message: { type: string }) => {
  if (message.type === 'counters') {
    process.send!({ type: 'counters', counters: emulator.counters(), maxRssKiB: process.resourceUsage().maxRSS, heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) });
  }
  if (message.type === 'stop') {
    await emulator.stop();
    process.exit(0);
  }
});
