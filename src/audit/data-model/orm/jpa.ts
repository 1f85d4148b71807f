import type { Column, Relation } from '../../report.js';
import type { Draft } from './activerecord.js';
import { snakeCase } from './names.js';

const CLASS = /^\s*(?:(?:public|protected|private|abstract|final|static)\s+)*class\s+(\w+)/;
const RELATION = /@(ManyToOne|OneToOne|OneToMany|ManyToMany)\b/;

/**
 * A JPA entity (the class on `lines[index]`, annotated `@Entity` above it) as table drafts: the table of
 * `@Table(name=...)` or the snake_case class name Spring Boot's naming gives, its fields as columns
 * (`@Column(name, nullable, unique)`, `@Id`, `@Enumerated`, `@Transient` and static fields skipped),
 * `@ManyToOne`/`@OneToOne` join columns as foreign keys, collections as relations, and each `@JoinTable`.
 */
export function jpaDrafts(lines: readonly string[], index: number): Draft[] {
  const open = CLASS.exec(lines[index]!);
  if (!open) return [];
  const annotations = annotationsAbove(lines, index);
  if (!/@(?:jakarta\.persistence\.|javax\.persistence\.)?Entity\b/.test(annotations)) return [];
  const model = open[1]!;
  const name = attribute(/@Table\s*\(([\s\S]*?)\)\s*(?:@|$)/.exec(annotations + ' @')?.[1] ?? '', 'name') ?? attribute(/@Entity\s*\(([^)]*)\)/.exec(annotations)?.[1] ?? '', 'name') ?? snakeCase(model);
  const draft: Draft = { name, model, source: 'jpa', line: index + 1, column: open.index + 1 + lines[index]!.indexOf('class') - open.index, columns: [], primaryKey: [], foreignKeys: [], relations: [] };
  const joins: Draft[] = [];
  for (const member of members(lines, index)) {
    const declaration = /(?:^|\s)((?:[\w.]+)(?:<[^;=]*>)?(?:\[\])?)\s+(\w+)\s*(?:=[^;]*)?$/.exec(member.declaration);
    if (!declaration || /\bstatic\b/.test(member.declaration) || /@Transient\b/.test(member.annotations)) continue;
    const [, type, field] = declaration as unknown as [string, string, string];
    const relation = RELATION.exec(member.annotations)?.[1];
    const joinColumn = /@JoinColumn\s*\(([^)]*)\)/.exec(member.annotations)?.[1];
    if (relation) {
      const target = /<\s*(\w+)\s*>/.exec(type)?.[1] ?? type.replace(/<.*$/, '');
      const joinTableArgs = /@JoinTable\s*\(([\s\S]*)\)/.exec(member.annotations)?.[1];
      const through = joinTableArgs ? (attribute(joinTableArgs, 'name') ?? `${name}_${snakeCase(field)}`) : undefined;
      const many = relation === 'OneToMany' || relation === 'ManyToMany';
      draft.relations.push({ name: field, target, cardinality: many ? 'many' : 'one', ...(through ? { through } : {}) } satisfies Relation);
      if (!many && !/\bmappedBy\b/.test(member.annotations)) {
        const column = attribute(joinColumn ?? '', 'name') ?? `${snakeCase(field)}_id`;
        draft.columns.push({ name: column, field, type: 'foreign key', nullable: !/\bnullable\s*=\s*false\b|\boptional\s*=\s*false\b/.test(member.annotations), line: member.line });
        draft.foreignKeys.push({ columns: [column], references: { table: target, columns: [attribute(joinColumn ?? '', 'referencedColumnName') ?? 'id'] } });
      }
      if (through && joinTableArgs) {
        const own = attribute(/\bjoinColumns\s*=\s*\{?\s*@JoinColumn\s*\(([^)]*)\)/.exec(joinTableArgs)?.[1] ?? '', 'name') ?? `${snakeCase(model)}_id`;
        const other = attribute(/\binverseJoinColumns\s*=\s*\{?\s*@JoinColumn\s*\(([^)]*)\)/.exec(joinTableArgs)?.[1] ?? '', 'name') ?? `${snakeCase(field)}_id`;
        joins.push({
          name: through,
          source: 'jpa',
          line: member.line,
          column: 1,
          columns: [
            { name: own, type: 'foreign key', nullable: false, primaryKey: true, line: member.line },
            { name: other, type: 'foreign key', nullable: false, primaryKey: true, line: member.line },
          ],
          primaryKey: [own, other],
          foreignKeys: [
            { columns: [own], references: { table: model, columns: ['id'] } },
            { columns: [other], references: { table: target, columns: ['id'] } },
          ],
          relations: [],
        });
      }
      continue;
    }
    if (/@(?:Embedded|EmbeddedId|ElementCollection)\b/.test(member.annotations)) continue;
    const columnArgs = /@Column\s*\(([^)]*)\)/.exec(member.annotations)?.[1] ?? '';
    const column: Column = {
      name: attribute(columnArgs, 'name') ?? snakeCase(field),
      ...(snakeCase(field) !== field ? { field } : {}),
      type,
      nullable: !/\bnullable\s*=\s*false\b/.test(columnArgs) && !/@(?:Id|NotNull|NotBlank|NotEmpty)\b/.test(member.annotations) && !/^(?:int|long|short|byte|boolean|double|float|char)$/.test(type),
      ...(/\bunique\s*=\s*true\b/.test(columnArgs) ? { unique: true } : {}),
      ...(/@Id\b/.test(member.annotations) ? { primaryKey: true } : {}),
      line: member.line,
    };
    if (column.primaryKey) draft.primaryKey.push(column.name);
    draft.columns.push(column);
  }
  for (const unique of annotations.matchAll(/@UniqueConstraint\s*\(\s*columnNames\s*=\s*\{?\s*"(\w+)"\s*\}?\s*\)/g)) {
    const column = draft.columns.find((entry) => entry.name === unique[1]);
    if (column) column.unique = true;
  }
  return [draft, ...joins];
}

/** The annotation lines directly above a class declaration (multi-line annotations included), joined. */
function annotationsAbove(lines: readonly string[], index: number): string {
  const found: string[] = [];
  let unclosed = 0;
  for (let at = index - 1; at >= 0; at -= 1) {
    const line = lines[at]!.trim();
    if (!line) continue;
    if (unclosed <= 0 && !line.startsWith('@') && !/^[)}]/.test(line)) break;
    found.unshift(line);
    unclosed += (line.match(/[)}]/g)?.length ?? 0) - (line.match(/[({]/g)?.length ?? 0);
  }
  return found.join(' ') + ' ' + (lines[index]!.match(/@\w+(?:\([^)]*\))?/g) ?? []).join(' ');
}

/** Field declarations of the class body (depth 1), each with the annotations before it. */
function members(lines: readonly string[], start: number): Array<{ annotations: string; declaration: string; line: number }> {
  const found: Array<{ annotations: string; declaration: string; line: number }> = [];
  let depth = 0;
  let parens = 0;
  let opened = false;
  let current = '';
  let lineOf: number[] = [];
  const append = (piece: string, line: number) => {
    current += piece;
    for (let count = 0; count < piece.length; count += 1) lineOf.push(line);
  };
  const reset = () => {
    current = '';
    lineOf = [];
  };
  for (let index = start; index < lines.length; index += 1) {
    const text = lines[index]!;
    for (let position = 0; position < text.length; position += 1) {
      const char = text[position]!;
      if (char === '"') {
        const close = text.indexOf('"', position + 1);
        if (depth === 1) append(text.slice(position, close === -1 ? undefined : close + 1), index + 1);
        position = close === -1 ? text.length : close;
        continue;
      }
      if (char === '(') parens += 1;
      if (char === ')') parens -= 1;
      if (char === '{' && parens === 0) {
        depth += 1;
        if (!opened) {
          opened = true;
          continue;
        }
        if (depth === 2) reset();
        continue;
      }
      if (char === '}' && parens === 0) {
        depth -= 1;
        if (depth === 0 && opened) return found;
        if (depth === 1) reset();
        continue;
      }
      if (!opened || depth !== 1) continue;
      if (char === ';' && parens === 0) {
        const split = splitAnnotations(current);
        if (split.declaration) found.push({ annotations: split.annotations, declaration: split.declaration, line: lineOf[split.offset] ?? index + 1 });
        reset();
        continue;
      }
      append(char, index + 1);
    }
    if (opened && depth === 1) append(' ', index + 1);
  }
  return found;
}

/** `@Id @GeneratedValue(strategy = IDENTITY) private Long id` -> annotations, `private Long id`. */
function splitAnnotations(text: string): { annotations: string; declaration: string; offset: number } {
  let rest = text.trim();
  let annotations = '';
  for (;;) {
    const match = /^@[\w.]+\s*/.exec(rest);
    if (!match) break;
    let end = match[0].length;
    if (rest[end] === '(') {
      let depth = 0;
      for (let at = end; at < rest.length; at += 1) {
        if (rest[at] === '(') depth += 1;
        if (rest[at] === ')' && --depth === 0) {
          end = at + 1;
          break;
        }
      }
    }
    annotations += rest.slice(0, end) + ' ';
    rest = rest.slice(end).trim();
  }
  return { annotations, declaration: rest.replace(/\s+/g, ' '), offset: text.length - text.trimStart().length + text.trim().length - rest.length };
}

/** `name = "users", schema = "app"` -> users for `name`. */
function attribute(args: string, key: string): string | undefined {
  return new RegExp(String.raw`\b${key}\s*=\s*"([^"]*)"`).exec(args)?.[1];
}
