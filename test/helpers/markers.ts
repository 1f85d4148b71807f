import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface Marker {
  kind: 'ruleid' | 'ok';
  ruleId: string;
  /** Optional category the finding must carry: `ruleid: js.passport.authenticate[login]`. */
  category?: string;
  file: string;
  /** The line the marker points at: the next line that is neither blank nor a marker. */
  line: number;
  markerLine: number;
}

const MARKER = /^\s*(?:\/\/|-?#|--|\/\*|<!--|\{\{--|\{\/\*)\s*(ruleid|ok):\s*(.+?)\s*(?:\*\/\}?|-->|--\}\})?\s*$/;

/**
 * semgrep-style markers in fixture files: a comment line `ruleid: <id>[, <id>...]` says the next code
 * line must be reported by that rule; `ok: <id>` says it must not be.
 */
export function collectMarkers(root: string): Marker[] {
  const markers: Marker[] = [];
  for (const path of walk(root)) {
    const file = relative(root, path).split(sep).join('/');
    const lines = readFileSync(path, 'utf8').split(/\r?\n/);
    let pending: Array<Omit<Marker, 'line'>> = [];
    lines.forEach((text, index) => {
      const match = MARKER.exec(text);
      if (match) {
        for (const entry of match[2]!.split(',').map((part) => part.trim()).filter(Boolean)) {
          const [, ruleId, category] = /^([\w.-]+)(?:\[([\w-]+)\])?$/.exec(entry) ?? [];
          if (!ruleId) throw new Error(`${file}:${index + 1}: bad marker "${entry}"`);
          pending.push({ kind: match[1] as Marker['kind'], ruleId, ...(category ? { category } : {}), file, markerLine: index + 1 });
        }
        return;
      }
      if (text.trim() === '' || pending.length === 0) return;
      for (const marker of pending) markers.push({ ...marker, line: index + 1 });
      pending = [];
    });
    if (pending.length) throw new Error(`${file}: marker at the end of the file points at nothing`);
  }
  return markers;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.scalekit-migration' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
