import { activeRecordDrafts } from '../../data-model/orm/activerecord.js';
import { modelClassRule } from '../../text/kit.js';

/**
 * Tables in db/schema.rb and migrations (`create_table "users"`, `create_table :roles`), reported by
 * name and read into the data model (columns, keys, later `add_column`/`add_reference`/`add_foreign_key`).
 */
export default modelClassRule({
  id: 'ruby.schema.table',
  ecosystem: 'ruby',
  confidence: 'high',
  keywords: ['create_table', 'add_column', 'change_table', 'add_reference', 'add_foreign_key', 'add_index'],
  pattern: /^\s*(?:create_table|change_table|add_column|add_reference|add_belongs_to|add_foreign_key|add_index)\s*\(?\s*[:"'](\w+)/,
  reportOnly: /^\s*(?:create_table|change_table|add_column|add_reference)\b/,
  tables: (lines, index, context) => activeRecordDrafts(lines, index).map((draft) => (/(?:^|\/)schema\.rb$/.test(context.file) ? { ...draft, schemaDump: true } : draft)),
});
