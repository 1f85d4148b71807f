import type { ExportSource, SourceSink } from '../../src/export/model.js';
import type { PlainUserOptions } from '../../src/export/normalize/plain-user.js';

/** Reads a source with a sink that only notes which way each user came: as a plain line, or for normalizeUser. */
export async function readUserWays(source: ExportSource, plainUsers: PlainUserOptions): Promise<{ plain: string[]; general: string[] }> {
  const ways = { plain: [] as string[], general: [] as string[] };
  const sink: SourceSink = {
    plainUsers,
    plainUser: (user) => void ways.plain.push(user.externalId),
    user: (user) => void ways.general.push(String(user.externalId)),
    organization: () => undefined,
    role: () => undefined,
    membership: () => undefined,
    membershipWithoutUser: () => undefined,
    unreadable: () => undefined,
    checkpoint: async () => undefined,
  };
  await source.read(sink);
  return ways;
}
