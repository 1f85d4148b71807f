import { modelClassRule } from '../../text/kit.js';

/** Eloquent/Doctrine models named like users, organizations, roles or memberships (a Laravel User extends Authenticatable; an app Role may extend a package's Role). */
export default modelClassRule({
  id: 'php.orm.model',
  ecosystem: 'php',
  confidence: 'high',
  keywords: ['extends Authenticatable', 'extends Model', 'ORM\\Entity', 'extends Pivot', 'Role', 'Permission'],
  pattern: /^\s*(?:final\s+)?class\s+(\w+)\s+extends\s+(?:Authenticatable|Model|Pivot|\\?Illuminate\\[\w\\]+|\w*(?:Role|Permission)\b)/,
});
