import { DATA_MODEL_CATEGORIES } from '../../data-model/categories.js';
import { parsePythonModel } from '../../data-model/python-models.js';
import type { TextRule } from '../types.js';

/**
 * Django, SQLAlchemy, Flask-SQLAlchemy and SQLModel model classes, read into the data model
 * (table, columns, keys, relations); the data model reports the user, organization and role ones.
 * Mixins may come first (`class User(UserMixin, db.Model)`); a SQLModel class is a table only with `table=True`.
 */
const rule: TextRule = {
  id: 'python.orm.model',
  kind: 'text',
  ecosystem: 'python',
  category: DATA_MODEL_CATEGORIES,
  confidence: 'medium',
  message: 'Model of the auth data model',
  keywords: ['models.Model', 'Base)', 'db.Model', 'DeclarativeBase', 'table=True', 'AbstractBaseUser', 'AbstractUser'],
  pattern: /^\s*class\s+(\w+)\s*\((?:\s*[\w.]+\s*,)*\s*(?:models\.Model|Base|db\.Model|DeclarativeBase|Model|AbstractBaseUser|AbstractUser)\b|^\s*class\s+(\w+)\s*\([^)]*\btable\s*=\s*True/,
  classify(_match, _line, context) {
    const draft = parsePythonModel(context.text.split('\n'), context.line - 1, context.file);
    if (draft) context.table(draft);
    return null;
  },
};

export default rule;
