import type { TableDraft } from '../engine/file-result.js';
import type { Column, ForeignKey, Relation } from '../report.js';

type Draft = Omit<TableDraft, 'ruleId' | 'file'>;
type ModelFlavour = 'django' | 'sqlalchemy' | 'sqlmodel';

/** Stands for Django's settings.AUTH_USER_MODEL until the data model knows the user table. */
export const DJANGO_USER = '$AUTH_USER_MODEL';

const CLASS = /^(\s*)class\s+(\w+)\s*\(([^)]*)\)\s*:/;
const ASSIGNMENT = /^(\w+)\s*(?::\s*([^=]+?))?\s*=\s*(.+)$/;
const ANNOTATION_ONLY = /^(\w+)\s*:\s*([^=#]+?)\s*(?:#.*)?$/;

/**
 * Reads a Django, SQLAlchemy (plain or Flask-SQLAlchemy) or SQLModel model class into a table
 * draft: table name, columns with type, null, unique, primary key and default, foreign keys and
 * relations. `index` is the 0-based line of the `class` statement. Undefined for abstract models.
 */
export function parsePythonModel(lines: readonly string[], index: number, file: string, depth = 0, asFlavour?: ModelFlavour): Draft | undefined {
  const header = CLASS.exec(lines[index]!);
  if (!header || depth > 3) return undefined;
  const [, indent, model, bases] = header as unknown as [string, string, string, string];
  const flavour: ModelFlavour = asFlavour ?? (/\btable\s*=\s*True/.test(bases) ? 'sqlmodel' : /models\.Model|Abstract(?:Base)?User|PermissionsMixin/.test(bases) ? 'django' : 'sqlalchemy');
  const body = classBody(lines, index, indent.length);
  const columns: Column[] = [];
  const foreignKeys: ForeignKey[] = [];
  const relations: Relation[] = [];
  let tableName: string | undefined;
  let abstract = false;
  let inMeta = false;
  const fieldIndent = body.find((line) => line.text.trim())?.indent;
  for (const { text, indent: depth, line } of joinContinuations(body)) {
    const trimmed = text.trim();
    if (depth === fieldIndent && /^class\s+Meta\b/.test(trimmed)) {
      inMeta = true;
      continue;
    }
    if (depth === fieldIndent) inMeta = false;
    if (inMeta) {
      tableName = /^db_table\s*=\s*['"]([\w.]+)['"]/.exec(trimmed)?.[1] ?? tableName;
      abstract ||= /^abstract\s*=\s*True/.test(trimmed);
      continue;
    }
    if (depth !== fieldIndent) continue;
    const named = /^__tablename__\s*=\s*['"]([\w.]+)['"]/.exec(trimmed);
    if (named) {
      tableName = named[1];
      continue;
    }
    const assignment = ASSIGNMENT.exec(trimmed);
    const bare = assignment ? undefined : ANNOTATION_ONLY.exec(trimmed);
    if (bare && flavour === 'sqlmodel' && !/ClassVar|list\[|List\[/.test(bare[2]!)) {
      columns.push({ name: bare[1]!, type: bare[2]!.replace(/\s*\|\s*None/, ''), nullable: /None|Optional/.test(bare[2]!), line });
      continue;
    }
    if (!assignment) continue;
    const [, name, annotation, value] = assignment as unknown as [string, string, string | undefined, string];
    if (name.startsWith('_') || /^(?:objects|USERNAME_FIELD|EMAIL_FIELD|REQUIRED_FIELDS|model_config)$/.test(name)) continue;
    field(flavour, name, annotation, value, line, columns, foreignKeys, relations);
  }
  if (abstract) return undefined;
  // Fields declared on a base class of the same file (SQLModel `UserBase`, a Django abstract model).
  for (const base of bases.split(',').map((part) => part.trim())) {
    const at = lines.findIndex((text) => new RegExp(`^\\s*class\\s+${base}\\s*\\(`).test(text));
    if (at < 0 || at === index || !/^\w+$/.test(base)) continue;
    const inherited = parsePythonModel(lines.map((text, position) => (position === at ? text.replace(/abstract\s*=\s*True/, '') : text)), at, file, depth + 1, flavour);
    for (const column of inherited?.columns ?? []) if (!column.primaryKey && !columns.some((existing) => existing.name === column.name)) columns.push(column);
  }
  for (const inherited of inheritedColumns(bases)) if (!columns.some((column) => column.name === inherited.name)) columns.push(inherited);
  if (!columns.some((column) => column.primaryKey)) {
    if (flavour === 'django') columns.unshift({ name: 'id', type: 'AutoField', primaryKey: true });
  }
  const table = tableName ?? defaultTableName(flavour, model, file);
  return {
    name: table,
    model,
    source: flavour,
    line: index + 1,
    column: indent.length + 1,
    columns,
    primaryKey: columns.filter((column) => column.primaryKey).map((column) => column.name),
    foreignKeys,
    relations,
    ...(/Abstract(?:Base)?User\b/.test(bases) ? { kindHint: 'user' as const } : {}),
  };
}

function field(flavour: string, name: string, annotation: string | undefined, value: string, line: number, columns: Column[], foreignKeys: ForeignKey[], relations: Relation[]): void {
  const option = (key: string) => new RegExp(`\\b${key}\\s*=\\s*(True|False|[^,)]+)`).exec(value)?.[1]?.trim();
  const flag = (key: string) => option(key) === 'True';
  if (flavour === 'django') {
    const call = /^models\.(\w+)\s*\(\s*([^,)]*)/.exec(value);
    if (!call) return;
    const [, kind, first] = call as unknown as [string, string, string];
    const target = first.replace(/['"]/g, '').trim();
    if (kind === 'ManyToManyField') {
      const through = option('through')?.replace(/['"]/g, '');
      relations.push({ name, target: djangoTarget(target), cardinality: 'many', ...(through ? { through } : {}) });
      return;
    }
    if (kind === 'ForeignKey' || kind === 'OneToOneField') {
      const column = `${name}_id`;
      columns.push({ name: column, field: name, type: kind, nullable: flag('null'), unique: kind === 'OneToOneField' || undefined, primaryKey: flag('primary_key') || undefined, line });
      foreignKeys.push({ columns: [column], references: { table: djangoTarget(target), columns: ['id'] }, ...(option('on_delete') ? { onDelete: option('on_delete')!.replace(/^models\./, '') } : {}) });
      relations.push({ name, target: djangoTarget(target), cardinality: 'one' });
      return;
    }
    if (!/Field$/.test(kind)) return;
    const column = option('db_column')?.replace(/['"]/g, '') ?? name;
    const choices = option('choices');
    columns.push(clean({ name: column, field: column === name ? undefined : name, type: kind, nullable: flag('null'), unique: flag('unique') || undefined, primaryKey: flag('primary_key') || undefined, default: option('default'), line, ...(choices ? {} : {}) }));
    return;
  }
  if (/^(?:db\.)?relationship\s*\(|^Relationship\s*\(/.test(value)) {
    const target = /\(\s*['"]?(\w+)['"]?\s*(?:[,)])/.exec(value)?.[1] ?? /\[\s*(?:list\[|List\[)?\s*['"]?(\w+)/.exec(annotation ?? '')?.[1];
    const through = option('secondary')?.replace(/['"]/g, '');
    if (target) relations.push({ name, target, cardinality: /uselist\s*=\s*False/.test(value) || !/list|List|many/i.test(`${annotation} ${value}`) ? 'one' : 'many', ...(through ? { through } : {}) });
    return;
  }
  const isColumn = /^(?:db\.|sa\.)?(?:Column|mapped_column)\s*\(/.test(value) || (flavour === 'sqlmodel' && /^Field\s*\(/.test(value)) || (flavour === 'sqlmodel' && annotation !== undefined && !/\(/.test(value));
  if (!isColumn) return;
  const explicit = /^(?:db\.|sa\.)?(?:Column|mapped_column)\s*\(\s*['"](\w+)['"]/.exec(value)?.[1];
  const column = explicit ?? name;
  const type = /(?:db\.|sa\.)?\b(String|Integer|BigInteger|Boolean|DateTime|Date|Text|Float|Numeric|UUID|Uuid|JSON|Enum|LargeBinary|SmallInteger)\b/.exec(value)?.[1] ?? annotation?.replace(/Mapped\[|\]$/g, '').trim();
  const reference = /ForeignKey\s*\(\s*['"]([\w.]+)['"]/.exec(value)?.[1] ?? /foreign_key\s*=\s*['"]([\w.]+)['"]/.exec(value)?.[1];
  const nullable = option('nullable') !== undefined ? option('nullable') === 'True' : /None|Optional/.test(annotation ?? '');
  columns.push(clean({ name: column, field: column === name ? undefined : name, type, nullable, unique: flag('unique') || undefined, primaryKey: flag('primary_key') || undefined, default: option('default'), line }));
  if (reference) {
    const [table, referenced] = reference.includes('.') ? [reference.slice(0, reference.lastIndexOf('.')), reference.slice(reference.lastIndexOf('.') + 1)] : [reference, 'id'];
    foreignKeys.push({ columns: [column], references: { table: table!, columns: [referenced!] } });
  }
}

/** Columns Django's auth base classes add to a custom user model. */
function inheritedColumns(bases: string): Column[] {
  const names: string[] = [];
  if (/AbstractUser\b/.test(bases)) names.push('password', 'last_login', 'is_superuser', 'username', 'first_name', 'last_name', 'email', 'is_staff', 'is_active', 'date_joined');
  else {
    if (/AbstractBaseUser/.test(bases)) names.push('password', 'last_login');
    if (/PermissionsMixin/.test(bases)) names.push('is_superuser');
  }
  return names.map((name) => ({ name, type: 'inherited from ' + (/AbstractUser\b/.test(bases) ? 'AbstractUser' : 'AbstractBaseUser') }));
}

function clean(column: Column): Column {
  return Object.fromEntries(Object.entries(column).filter(([, value]) => value !== undefined)) as Column;
}

/** `settings.AUTH_USER_MODEL`, `'auth.User'`, `'accounts.Team'`, `Team`: the model name. */
function djangoTarget(target: string): string {
  if (/AUTH_USER_MODEL|get_user_model|^auth\.User$/.test(target)) return DJANGO_USER;
  return target.slice(target.lastIndexOf('.') + 1);
}

function defaultTableName(flavour: string, model: string, file: string): string {
  if (flavour === 'sqlmodel') return model.toLowerCase();
  const snake = model.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (flavour !== 'django') return snake;
  // Django: `<app label>_<model>`, the app label being the folder of models.py (or of a models/ package).
  const parts = file.split('/');
  parts.pop();
  if (parts[parts.length - 1] === 'models') parts.pop();
  return `${parts[parts.length - 1] ?? 'app'}_${model.toLowerCase()}`;
}

interface BodyLine {
  text: string;
  indent: number;
  line: number;
}

function classBody(lines: readonly string[], index: number, classIndent: number): BodyLine[] {
  const body: BodyLine[] = [];
  for (let at = index + 1; at < lines.length; at++) {
    const text = lines[at]!;
    if (!text.trim() || /^\s*#/.test(text)) continue;
    const indent = /^\s*/.exec(text)![0].length;
    if (indent <= classIndent && !/^\s*[)\]}]/.test(text)) break;
    body.push({ text, indent, line: at + 1 });
  }
  return body;
}

/** A field call spread over several lines becomes one logical line. */
function joinContinuations(body: BodyLine[]): BodyLine[] {
  const joined: BodyLine[] = [];
  let open: BodyLine | undefined;
  let depth = 0;
  for (const entry of body) {
    if (open) {
      open.text += ' ' + entry.text.trim();
      depth += balance(entry.text);
      if (depth <= 0) open = undefined;
      continue;
    }
    const copy = { ...entry };
    joined.push(copy);
    depth = balance(entry.text);
    if (depth > 0) open = copy;
  }
  return joined;
}

function balance(text: string): number {
  let depth = 0;
  for (const character of text.replace(/(['"])(?:\\.|(?!\1).)*\1/g, '')) {
    if (character === '(' || character === '[' || character === '{') depth++;
    else if (character === ')' || character === ']' || character === '}') depth--;
  }
  return depth;
}
