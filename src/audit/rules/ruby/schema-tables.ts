import { activeRecordDrafts } from '../../data-model/orm/activerecord.js';
import { classifyTable } from '../../data-model/classify.js';
import { fieldHints } from '../../data-model/field-hints.js';
import type { Column } from '../../report.js';
import { modelClassRule } from '../../text/kit.js';

/** Columns that matter to auth beyond the export's fields: Devise/OmniAuth tokens and identities, admin flags. */
const AUTH_COLUMN = /^(?:(?:reset_password|confirmation|remember|unlock|authentication|api|access|refresh)_token|(?:encrypted_)?otp_\w+|provider|uid|\w+_uid|(?:github|google|facebook|twitter|gitlab|linkedin|apple|microsoft)(?:_\w+)?|(?:is_)?admin|superuser|\w*_sign_in_\w+|sign_in_count|failed_attempts|locked_at|unconfirmed_email|confirmed_at)$/;

/**
 * Tables in db/schema.rb and migrations (`create_table "users"`, `create_table :roles`), reported by
 * name and read into the data model (columns, keys, later `add_column`/`add_reference`/`add_foreign_key`).
 * A migration that only alters a user, organization or role table is reported when a column it adds
 * matters to the migration (an exported field, a Devise/OmniAuth column, a role or admin flag).
 */
export default modelClassRule({
  id: 'ruby.schema.table',
  ecosystem: 'ruby',
  confidence: 'high',
  keywords: ['create_table', 'add_column', 'change_table', 'add_reference', 'add_foreign_key', 'add_index'],
  pattern: /^\s*(?:create_table|change_table|add_column|add_reference|add_belongs_to|add_foreign_key|add_index)\s*\(?\s*[:"'](\w+)/,
  reportOnly(line, drafts) {
    // Columns can say a name misleads (an `accounts` table owned by one user is no organization).
    if (/^\s*create_table\b/.test(line)) return drafts.some((draft) => classifyTable([draft.name], draft.columns)?.kind !== undefined);
    if (!/^\s*(?:change_table|add_column|add_reference)\b/.test(line)) return false;
    return drafts.some((draft) => {
      const kind = classifyTable([draft.name], [])?.kind;
      return kind !== undefined && draft.columns.some((column) => mattersToAuth(kind, column));
    });
  },
  tables: (lines, index, context) => activeRecordDrafts(lines, index).map((draft) => (/(?:^|\/)schema\.rb$/.test(context.file) ? { ...draft, schemaDump: true } : draft)),
});

function mattersToAuth(kind: NonNullable<ReturnType<typeof classifyTable>>['kind'] & string, column: Column): boolean {
  if (AUTH_COLUMN.test(column.name)) return true;
  const hints = fieldHints(kind, [column], []);
  return Object.keys(hints).length > 0;
}
