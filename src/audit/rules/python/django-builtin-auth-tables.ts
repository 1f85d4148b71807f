import { DATA_MODEL_CATEGORIES } from '../../data-model/categories.js';
import { DJANGO_USER } from '../../data-model/python-models.js';
import type { TextRule } from '../types.js';

const column = (name: string, type: string, extra: object = {}) => ({ name, type, ...extra });

/**
 * Django's own auth tables, from `'django.contrib.auth'` in INSTALLED_APPS: `auth_user` (dropped from the data
 * model when the project has its own user model), `auth_group` (roles) and `auth_user_groups` (who has which).
 */
const rule: TextRule = {
  id: 'python.django.builtin-auth-tables',
  kind: 'text',
  ecosystem: 'python',
  category: DATA_MODEL_CATEGORIES,
  confidence: 'medium',
  message: "Django's own auth tables",
  keywords: ['django.contrib.auth'],
  pattern: /^\s*['"]django\.contrib\.auth['"]\s*,?/,
  classify(match, _line, context) {
    const at = { line: context.line, column: match.index + 1 };
    context.table({
      name: 'auth_user',
      model: 'auth.User',
      source: 'django',
      ...at,
      columns: [
        column('id', 'AutoField', { primaryKey: true }),
        column('password', 'CharField'),
        column('last_login', 'DateTimeField', { nullable: true }),
        column('is_superuser', 'BooleanField'),
        column('username', 'CharField', { unique: true }),
        column('first_name', 'CharField'),
        column('last_name', 'CharField'),
        column('email', 'EmailField'),
        column('is_staff', 'BooleanField'),
        column('is_active', 'BooleanField'),
        column('date_joined', 'DateTimeField'),
      ],
      primaryKey: ['id'],
      foreignKeys: [],
      relations: [],
    });
    context.table({ name: 'auth_group', model: 'auth.Group', source: 'django', ...at, columns: [column('id', 'AutoField', { primaryKey: true }), column('name', 'CharField', { unique: true })], primaryKey: ['id'], foreignKeys: [], relations: [] });
    context.table({
      name: 'auth_user_groups',
      model: 'auth.UserGroups',
      source: 'django',
      ...at,
      columns: [column('id', 'AutoField', { primaryKey: true }), column('user_id', 'ForeignKey'), column('group_id', 'ForeignKey')],
      primaryKey: ['id'],
      foreignKeys: [
        { columns: ['user_id'], references: { table: DJANGO_USER, columns: ['id'] } },
        { columns: ['group_id'], references: { table: 'auth_group', columns: ['id'] } },
      ],
      relations: [],
    });
    return null;
  },
};

export default rule;
