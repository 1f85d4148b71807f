/** `OrganizationID` -> organization_id, `UserRole` -> user_role, `emailVerifiedAt` -> email_verified_at. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}

const IRREGULAR: Record<string, string> = { person: 'people', child: 'children', man: 'men', woman: 'women' };

/** English plural of the last word of a snake_case name, as Rails, Laravel and gorm name tables. */
export function pluralTable(snake: string): string {
  const at = snake.lastIndexOf('_');
  const head = snake.slice(0, at + 1);
  const word = snake.slice(at + 1);
  if (IRREGULAR[word]) return head + IRREGULAR[word];
  if (/[^aeiou]y$/.test(word)) return head + word.slice(0, -1) + 'ies';
  if (/(?:s|x|z|ch|sh)$/.test(word)) return head + word + 'es';
  return head + word + 's';
}

/** `users` -> user, `companies` -> company: the model-side name of a table (for `user_id` columns). */
export function singularTable(name: string): string {
  for (const [single, plural] of Object.entries(IRREGULAR)) if (name.endsWith(plural)) return name.slice(0, -plural.length) + single;
  if (name.endsWith('ies')) return name.slice(0, -3) + 'y';
  if (/(?:ss|x|z|ch|sh)es$/.test(name)) return name.slice(0, -2);
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name;
}

/** Text of the quoted string literals in a piece of code: `['a', "b"]` -> a, b. */
export function quotedStrings(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"/g)].map((match) => match[1] ?? match[2]!);
}

/**
 * The lines of a brace-delimited block that opens on line `start` (0-based index into `lines`):
 * from the line after the opening brace to the line holding the closing one (exclusive).
 */
export function braceBlock(lines: readonly string[], start: number): { body: Array<{ text: string; index: number }>; end: number } {
  let depth = 0;
  let openedAt = -1;
  const body: Array<{ text: string; index: number }> = [];
  for (let index = start; index < lines.length; index += 1) {
    const line = lines[index]!;
    let from = 0;
    let cut = -1;
    for (let position = 0; position < line.length && cut === -1; position += 1) {
      const char = line[position];
      if (char === '"' || char === "'" || char === '`') {
        const close = line.indexOf(char, position + 1);
        if (close === -1) break;
        position = close;
      } else if (char === '{') {
        depth += 1;
        if (openedAt === -1) {
          openedAt = index;
          from = position + 1;
        }
      } else if (char === '}') {
        depth -= 1;
        if (openedAt !== -1 && depth === 0) cut = position;
      }
    }
    if (openedAt === -1) continue;
    body.push({ text: line.slice(from, cut === -1 ? undefined : cut), index });
    if (cut !== -1) return { body, end: index };
  }
  return { body, end: lines.length - 1 };
}
