/**
 * Worker thread of a file export: reads the source, parses and normalizes every record and encodes
 * its package line, and posts the results in batches; the main thread stages and writes them in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UserInputError } from '../errors.js';
import type { SourceSink, SourceUser } from './model.js';
import { prepareUser } from './prepare-user.js';
import { openSource } from './sources/index.js';
import { PackedBatch } from './worker-batch.js';
import type { ReadWorkerData, WorkerItem, WorkerMessage } from './worker-read.js';

const port = parentPort!;
const utf8 = new TextEncoder();
const data = workerData as ReadWorkerData;
let items: WorkerItem[] = [];
let packed = new PackedBatch();
let records = 0;
let batchesInFlight = 0;
let wake: (() => void) | undefined;
/** Once the source announced a membership apart from its users, users that claim some go to the main thread whole. */
let membershipsAnnounced = false;
const noSideMemberships = () => [];

port.on('message', () => {
  batchesInFlight -= 1;
  wake?.();
  wake = undefined;
});

const post = (message: WorkerMessage) => port.postMessage(message);

function flush(): void {
  if (records === 0) return;
  // As UTF-8 bytes whose buffer moves to the main thread: no copy on the way.
  const own = utf8.encode(packed.text).buffer;
  port.postMessage({ bytes: own, items } satisfies WorkerMessage, [own]);
  batchesInFlight += 1;
  items = [];
  packed = new PackedBatch();
  records = 0;
}

function push(item: WorkerItem): void {
  items.push(item);
  packed.cloned();
  if (++records >= data.batchRecords) flush();
}

const sink: SourceSink = {
  user(user: SourceUser) {
    if (membershipsAnnounced && (user.membershipKeys?.length ?? 0) > 0) push({ raw: { ...user, metadata: user.metadata ? [...user.metadata] : undefined } });
    else {
      const prepared = prepareUser(user, data.prepare, noSideMemberships);
      if (!packed.user(prepared)) push({ prepared });
      else if (++records >= data.batchRecords) flush();
    }
  },
  organization(org) {
    push({ organization: { ...org, metadata: org.metadata ? [...org.metadata] : undefined } });
  },
  role(role) {
    push({ role });
  },
  membership(userKey, membership) {
    membershipsAnnounced = true;
    push({ membership: { userKey, membership } });
  },
  membershipWithoutUser(sourceRef, userKey, orgExternalId) {
    push({ membershipWithoutUser: { sourceRef, userKey, orgExternalId } });
  },
  unreadable(sourceRef, reason, record) {
    push({ unreadable: { sourceRef, reason, record } });
  },
  async checkpoint() {
    flush();
    while (batchesInFlight >= data.queueBatches) await new Promise<void>((resolve) => (wake = resolve));
  },
};

try {
  const source = await openSource(data.options, data.workspace, data.confine);
  await source.read(sink);
  flush();
  post({ done: { recordsRead: source.recordsRead?.() } });
} catch (error) {
  post({ failed: { message: error instanceof Error ? error.message : String(error), userInput: error instanceof UserInputError, stack: error instanceof Error ? error.stack : undefined } });
}
