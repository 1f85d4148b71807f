import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { UserInputError } from '../errors.js';

export const ENTITY_KINDS = ['user', 'organization', 'role', 'membership'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * The part of the audit's report this export reads: for each entity kind, the table and its
 * column names. Both an array of entities with a `kind` and an object keyed by kind are
 * accepted; every other field of the audit is ignored.
 */
const entitySchema = z
  .object({
    kind: z.string().optional(),
    table: z.string().min(1),
    columns: z.array(z.union([z.string(), z.object({ name: z.string() }).loose()])).optional(),
  })
  .loose();
const dataModelSchema = z.union([
  z.array(entitySchema),
  z.object({ entities: z.array(entitySchema) }).loose(),
  z.record(z.string(), z.union([entitySchema, z.array(entitySchema)])),
]);

export interface DataModelHints {
  tables: Partial<Record<EntityKind, { table: string; columns: string[] }[]>>;
  from: string;
}

/** Reads `dataModel` from the audit's JSON report; undefined when the file is absent. */
export function readDataModel(path: string, required: boolean): DataModelHints | undefined {
  if (!existsSync(path)) {
    if (required) throw new UserInputError(`dataModel file ${path} does not exist`);
    return undefined;
  }
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserInputError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const model = typeof report === 'object' && report !== null && 'dataModel' in report ? (report as { dataModel: unknown }).dataModel : report;
  if (model === undefined || model === null) return undefined;
  const parsed = dataModelSchema.safeParse(model);
  if (!parsed.success) throw new UserInputError(`${path}: dataModel has a shape this export does not understand: ${parsed.error.issues[0]?.message}`);
  const hints: DataModelHints = { tables: {}, from: path };
  const add = (kind: string | undefined, entity: z.infer<typeof entitySchema>) => {
    const normalized = normalizeKind(kind ?? entity.kind);
    if (!normalized) return;
    const columns = (entity.columns ?? []).map((column) => (typeof column === 'string' ? column : column.name));
    (hints.tables[normalized] ??= []).push({ table: entity.table, columns });
  };
  const value = parsed.data;
  if (Array.isArray(value)) value.forEach((entity) => add(undefined, entity));
  else if ('entities' in value && Array.isArray(value.entities)) (value.entities as z.infer<typeof entitySchema>[]).forEach((entity) => add(undefined, entity));
  else for (const [kind, entry] of Object.entries(value)) (Array.isArray(entry) ? entry : [entry]).forEach((entity) => add(kind, entity as z.infer<typeof entitySchema>));
  return hints;
}

function normalizeKind(kind: string | undefined): EntityKind | undefined {
  const word = (kind ?? '').toLowerCase().replace(/s$/, '').replace(/-model$/, '');
  if (word === 'user') return 'user';
  if (word === 'organization' || word === 'org' || word === 'organisation') return 'organization';
  if (word === 'role') return 'role';
  if (word === 'membership' || word === 'member') return 'membership';
  return undefined;
}
