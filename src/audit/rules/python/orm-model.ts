import { modelClassRule } from '../../text/kit.js';

/** Django, SQLAlchemy, SQLModel, Flask-SQLAlchemy and MongoEngine model classes. */
export default modelClassRule({
  id: 'python.orm.model',
  ecosystem: 'python',
  confidence: 'medium',
  keywords: ['models.Model', 'Base)', 'db.Model', 'SQLModel', 'Document)', 'DeclarativeBase'],
  pattern: /^\s*class\s+(\w+)\s*\(\s*(?:models\.Model|Base|db\.Model|SQLModel|Document|DeclarativeBase|Model)\b/,
});
