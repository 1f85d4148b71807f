/**
 * What one tool result may cost the assistant that reads it. Anything bigger (diffs, generated modules,
 * full reports, plan details) goes to a file under .scalekit-migration/ (artefact-files.ts) that the
 * result names with its size.
 */
export const RESULT_BUDGET = { textBytes: 4 * 1024, structuredBytes: 8 * 1024 } as const;

/** The whole `tools/list` answer, in characters of its JSON: what every conversation pays before any work starts. */
export const TOOLS_LIST_BUDGET_CHARS = 15_000;

export function byteSize(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function jsonSize(value: unknown): number {
  return byteSize(JSON.stringify(value ?? null));
}

/**
 * The lines that fit in `budget` bytes, in order; when some do not, the last kept line is followed by
 * `overflow(left)`, which says how many lines were left out and where they are.
 */
export function fitLines(lines: readonly string[], budget: number, overflow: (left: number) => string): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    const cost = byteSize(line) + 1;
    const reserve = index < lines.length - 1 ? byteSize(overflow(lines.length - index)) + 1 : 0;
    if (used + cost + reserve > budget) {
      kept.push(overflow(lines.length - index));
      return kept;
    }
    kept.push(line);
    used += cost;
  }
  return kept;
}

/**
 * Shortens the arrays at `paths` (dotted, e.g. "dataModel.entities"), the longest in bytes first, one item
 * at a time, until `value` serializes within `budget` bytes. Returns how many items each path lost; the
 * value is changed in place. The order of items is kept: callers put what matters most first.
 */
export function fitArrays(value: object, budget: number, paths: readonly string[]): Record<string, number> {
  const dropped: Record<string, number> = {};
  while (jsonSize(value) > budget) {
    const candidates = paths
      .map((path) => ({ path, array: arrayAt(value, path) }))
      .filter((entry): entry is { path: string; array: unknown[] } => Array.isArray(entry.array) && entry.array.length > 0)
      .sort((a, b) => jsonSize(b.array) - jsonSize(a.array));
    const longest = candidates[0];
    if (!longest) break;
    longest.array.pop();
    dropped[longest.path] = (dropped[longest.path] ?? 0) + 1;
  }
  return dropped;
}

function arrayAt(value: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** "12.3 KB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
