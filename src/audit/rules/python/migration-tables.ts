import { classifyTable } from '../../data-model/classify.js';
import type { TextMatch, TextRule } from '../types.js';

const CATEGORY = { user: 'user-model', organization: 'org-model', role: 'role-model', membership: 'role-model' } as const;
const PURPOSE_CATEGORY = {
  session: 'token-issuance',
  'oauth-account': 'oauth-provider',
  'sso-connection': 'oauth-provider',
  'verification-token': 'email-verification',
  'password-reset': 'password-reset',
  'refresh-token': 'refresh-token',
  'api-key': 'api-key',
  mfa: 'mfa',
} as const;
/** Django writes `model_name` in lower case (`baseuser`): the entity word it ends with still names the table. */
const ENTITY_SUFFIX = /(user|organi[sz]ation|team|tenant|workspace|company|role|permission|membership)s?$/;
/** A column added to a user table that holds a token secret (`jwt_key`, `auth_token`) is part of token issuance. */
const TOKEN_COLUMN = /^(?:\w+_)?(?:jwt|token)(?:_\w+)?$/;
const TABLE = /(?:\bCreateModel\s*\(\s*(?:name\s*=\s*)?|\bop\.(?:create_table|add_column|alter_column|drop_column)\s*\(\s*|\b(?:AddField|AlterField|RemoveField)\s*\(\s*model_name\s*=\s*)['"](\w+)['"]/;

/** Django migrations and Alembic revisions that create or change user, organization and role tables. */
const rule: TextRule = {
  id: 'python.migration.auth-table',
  kind: 'text',
  ecosystem: 'python',
  category: ['user-model', 'org-model', 'role-model', 'token-issuance', ...new Set(Object.values(PURPOSE_CATEGORY))],
  confidence: 'medium',
  message: 'Migration of an auth table: the export reads this table',
  keywords: ['CreateModel', 'create_table', 'add_column', 'alter_column', 'AddField', 'AlterField'],
  files: /(?:^|\/)(?:migrations|alembic|versions)\//,
  pattern: /\bCreateModel\s*\(|\bop\.(?:create_table|add_column|alter_column|drop_column)\s*\(|\b(?:AddField|AlterField|RemoveField)\s*\(/,
  classify(match, line, context) {
    // `migrations.CreateModel(` often has `name="..."` on the next line.
    const next = context.text.split('\n', context.line + 1)[context.line] ?? '';
    const found = TABLE.exec(line) ?? TABLE.exec(line.slice(0, match.index + match[0].length) + next.trim());
    const name = found?.[1];
    if (!name) return null;
    const suffix = /^[a-z]+$/.test(name) ? ENTITY_SUFFIX.exec(name)?.[1] : undefined;
    const classification = classifyTable(suffix ? [name, suffix] : [name], []);
    if (!classification) return null;
    const column = match.index + 1;
    if (classification.purpose) {
      const category = PURPOSE_CATEGORY[classification.purpose];
      return { column, overrides: { category, message: `Migration of the ${name} table (${classification.purpose}): part of the legacy auth state Scalekit replaces` } };
    }
    const kind = classification.kind!;
    const findings: TextMatch[] = [{ column, overrides: { category: CATEGORY[kind], message: `Migration of the ${name} table (${kind}): the export reads it` } }];
    const field = kind === 'user' && /AddField|add_column/.test(match[0]) ? addedField(context.text, context.line) : undefined;
    if (field && TOKEN_COLUMN.test(field)) {
      findings.push({ column, overrides: { category: 'token-issuance', message: `Migration adds ${field} to the user table: a per-user token secret the legacy tokens depend on` } });
    }
    return findings;
  },
};

/** The field an `AddField(...)` or `op.add_column(...)` starting on `line` adds, read from it and the next lines. */
function addedField(text: string, line: number): string | undefined {
  const window = text.split('\n').slice(line - 1, line + 4).join(' ');
  return (/\bname\s*=\s*['"](\w+)['"]/.exec(window) ?? /add_column\s*\(\s*['"]\w+['"]\s*,\s*sa\.Column\s*\(\s*['"](\w+)['"]/.exec(window))?.[1];
}

export default rule;
