import { modelClassRule } from '../../text/kit.js';

/** Go structs named like the auth tables (`type User struct`), gorm models and sqlc rows alike. */
export default modelClassRule({
  id: 'go.model.struct',
  ecosystem: 'go',
  confidence: 'medium',
  keywords: ['struct'],
  files: /(?<!\.pb|\.pb\.gw)\.go$/,
  pattern: /^type\s+(\w+)\s+struct\b/,
});
