import { modelClassRule } from '../../text/kit.js';

/** Django, SQLAlchemy, SQLModel, Flask-SQLAlchemy and MongoEngine model classes. */
export default modelClassRule({
  id: 'python.orm.model',
  ecosystem: 'python',
  confidence: 'medium',
  keywords: ['models.Model', 'Base)', 'db.Model', 'SQLModel', 'Document)', 'DeclarativeBase', 'table=True'],
  // Mixins may come first (`class User(UserMixin, db.Model)`); a SQLModel class is a table only with `table=True`.
  pattern: /^\s*class\s+(\w+)\s*\((?:\s*[\w.]+\s*,)*\s*(?:models\.Model|Base|db\.Model|Document|DeclarativeBase|Model)\b|^\s*class\s+(\w+)\s*\([^)]*\btable\s*=\s*True/,
});
