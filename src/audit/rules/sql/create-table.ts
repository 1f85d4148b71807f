import { DATA_MODEL_CATEGORIES } from '../../data-model/categories.js';
import { parseSqlSchema } from '../../data-model/sql-schema.js';
import type { SchemaRule } from '../types.js';

const rule: SchemaRule = {
  id: 'sql.schema.table',
  kind: 'schema',
  ecosystem: 'sql',
  category: DATA_MODEL_CATEGORIES,
  confidence: 'high',
  message: 'SQL table of the auth data model',
  keywords: ['CREATE TABLE', 'create table', 'Create Table', 'CREATE table', 'ALTER TABLE', 'alter table'],
  extract(context) {
    for (const table of parseSqlSchema(context.text)) context.table(table);
  },
};

export default rule;
