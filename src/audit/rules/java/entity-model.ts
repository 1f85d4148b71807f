import { jpaDrafts } from '../../data-model/orm/jpa.js';
import { modelClassRule } from '../../text/kit.js';

/** JPA/Hibernate entities and Spring Data documents named like users, organizations, roles or memberships; JPA entities go into the data model. */
export default modelClassRule({
  id: 'java.jpa.entity',
  ecosystem: 'java',
  confidence: 'medium',
  keywords: ['@Entity', '@Table', '@Document'],
  requires: /@Entity\b|@Table\b|@Document\b/,
  pattern: /^\s*(?:public\s+|open\s+|data\s+|abstract\s+)*class\s+(\w+)/,
  tables: (lines, index, context) => (context.file.endsWith('.java') ? jpaDrafts(lines, index) : []),
});
