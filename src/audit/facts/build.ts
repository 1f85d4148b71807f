import { comparePaths } from '../engine/discover.js';
import type { FileFacts, NamedOccurrence } from '../engine/file-result.js';
import type { AccessFacts, LifetimeFact, TokenFacts } from '../report.js';

interface Located {
  file: string;
  line: number;
}

function byLocation(a: Located, b: Located): number {
  return comparePaths(a.file, b.file) || a.line - b.line;
}

/** Token, session and access facts of the whole tree, in file:line order, with the longest lifetime picked out. */
export function buildFacts(perFile: readonly FileFacts[]): { tokenFacts: TokenFacts; accessFacts: AccessFacts } {
  const all = <K extends keyof FileFacts>(key: K): FileFacts[K][number][] => perFile.flatMap((facts) => facts[key] as FileFacts[K][number][]);
  const lifetimes = dedupe(all('lifetimes').sort(byLocation), (fact) => `${fact.file}:${fact.line}:${fact.what}:${fact.value}`);
  const secrets = dedupe(all('secrets').sort((a, b) => comparePaths(a.name, b.name) || byLocation(a, b)), (fact) => `${fact.name}:${fact.file}:${fact.line}`);
  return {
    tokenFacts: {
      jwt: all('jwt').sort(byLocation),
      sessions: all('sessions').sort(byLocation),
      cookies: dedupe(all('cookies').sort(byLocation), (fact) => `${fact.file}:${fact.line}:${fact.name}`),
      lifetimes,
      secrets,
      longestLifetime: longest(lifetimes),
    },
    accessFacts: { roles: tally(all('roles')), permissions: tally(all('permissions')) },
  };
}

function longest(lifetimes: readonly LifetimeFact[]): LifetimeFact | null {
  let best: LifetimeFact | null = null;
  for (const fact of lifetimes) if (fact.seconds !== null && fact.seconds > 0 && (best === null || fact.seconds > (best.seconds ?? 0))) best = fact;
  return best;
}

function tally(occurrences: readonly NamedOccurrence[]): AccessFacts['roles'] {
  const byName = new Map<string, { name: string; occurrences: number; file: string; line: number }>();
  for (const occurrence of [...occurrences].sort(byLocation)) {
    const entry = byName.get(occurrence.name);
    if (entry) entry.occurrences += 1;
    else byName.set(occurrence.name, { name: occurrence.name, occurrences: 1, file: occurrence.file, line: occurrence.line });
  }
  return [...byName.values()].sort((a, b) => comparePaths(a.name, b.name));
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = key(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
