import { DATA_MODEL_CATEGORIES } from '../../data-model/categories.js';
import { parsePrismaSchema, resolvePrismaReferences } from '../../data-model/prisma-schema.js';
import type { SchemaRule } from '../types.js';

const rule: SchemaRule = {
  id: 'prisma.schema.model',
  kind: 'schema',
  ecosystem: 'prisma',
  category: DATA_MODEL_CATEGORIES,
  confidence: 'high',
  message: 'Prisma model of the auth data model',
  keywords: ['model '],
  extract(context) {
    const tables = parsePrismaSchema(context.text);
    resolvePrismaReferences(tables);
    for (const table of tables) context.table(table);
  },
};

export default rule;
