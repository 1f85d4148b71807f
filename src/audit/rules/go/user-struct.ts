import { gormDrafts } from '../../data-model/orm/gorm.js';
import { modelClassRule } from '../../text/kit.js';

/** Go structs named like the auth tables (`type User struct`), gorm models and sqlc rows alike; gorm models go into the data model. */
export default modelClassRule({
  id: 'go.model.struct',
  ecosystem: 'go',
  confidence: 'medium',
  keywords: ['struct'],
  files: /(?<!\.pb|\.pb\.gw)\.go$/,
  pattern: /^type\s+(\w+)\s+struct\b/,
  tables: (lines, index, context) => (/gorm\.io\/gorm|jinzhu\/gorm|\bgorm:"|\bgorm\.Model\b/.test(context.text) ? gormDrafts(lines, index, context.text) : []),
});
