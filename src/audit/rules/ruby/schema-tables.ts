import { modelClassRule } from '../../text/kit.js';

/** Tables in db/schema.rb and migrations (`create_table "users"`, `create_table :roles`), by name. */
export default modelClassRule({
  id: 'ruby.schema.table',
  ecosystem: 'ruby',
  confidence: 'high',
  keywords: ['create_table', 'add_column', 'change_table'],
  pattern: /^\s*(?:create_table|change_table|add_column|add_reference)\s+[:"'](\w+)/,
});
