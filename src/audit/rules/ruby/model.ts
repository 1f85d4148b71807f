import { modelClassRule } from '../../text/kit.js';

export default modelClassRule({
  id: 'ruby.activerecord.model',
  ecosystem: 'ruby',
  confidence: 'medium',
  keywords: ['ApplicationRecord', 'ActiveRecord::Base'],
  pattern: /^\s*class\s+(\w+)\s*<\s*(?:ApplicationRecord|ActiveRecord::Base)\b/,
});
