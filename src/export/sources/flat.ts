import { basename } from 'node:path';
import { z } from 'zod';
import type { UserStatus } from '../../package/records.js';
import type { ExportSource, SourceSink, SourceUser } from '../model.js';
import { STATUS_WORDS } from '../normalize/status.js';
import { csvRowBatches } from '../io/csv-rows.js';
import { assertReadableFile } from '../io/text-file.js';
import { eachJsonRecord } from './file-records.js';
import { readMappingFile } from './mapping-file.js';
import { entriesOf, isObject, pick, type Json } from './records.js';

const FIELDS = [
  'external_id',
  'email',
  'email_verified',
  'first_name',
  'last_name',
  'name',
  'org_external_id',
  'org_display_name',
  'roles',
  /** One role name (a `role` column); read when there is no `roles`. */
  'role',
  'password_hash',
  'password_algorithm',
  'disabled',
  'status',
] as const;
type Field = (typeof FIELDS)[number];

/** A json/csv column mapping: which column (or dotted JSON path) holds each field. */
export const flatMappingSchema = z
  .object({
    columns: z.partialRecord(z.enum(FIELDS), z.string().min(1)).default({}),
    /** Columns that become user metadata. */
    metadata: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type FlatMapping = z.infer<typeof flatMappingSchema>;

/**
 * The generic sources: the AUDIT-CHECKLIST flat JSON (one row per user per organization) and
 * CSV, both optionally with a column mapping. Rows of one user are merged later, by email.
 */
export function flatSource(kind: 'json' | 'csv', path: string, mappingPath: string | undefined): ExportSource {
  assertReadableFile(path);
  const mapping = mappingPath ? readMappingFile(mappingPath, flatMappingSchema) : undefined;
  const get = (row: Json, field: Field): unknown => {
    const column = mapping?.columns[field];
    if (column) return pick(row, column);
    return mapping ? undefined : row[field];
  };
  const secretFields = mapping?.columns.password_hash ? [mapping.columns.password_hash] : undefined;
  const toUser = (row: unknown, sourceRef: string): SourceUser | undefined => {
    if (!isObject(row)) return undefined;
    const org = get(row, 'org_external_id');
    const hash = get(row, 'password_hash');
    return {
      sourceRef,
      record: row,
      externalId: get(row, 'external_id'),
      email: get(row, 'email'),
      emailVerified: get(row, 'email_verified'),
      firstName: get(row, 'first_name'),
      lastName: get(row, 'last_name'),
      fullName: get(row, 'name'),
      status: statusOf(get(row, 'status'), isTrue(get(row, 'disabled'))),
      memberships: org === undefined || org === null || org === '' ? [] : [{ orgExternalId: org, orgDisplayName: get(row, 'org_display_name'), roles: get(row, 'roles') ?? get(row, 'role') }],
      rolesWithoutOrganization: org === undefined || org === null || org === '' ? (get(row, 'roles') ?? get(row, 'role')) : undefined,
      metadata: mapping?.metadata ? mapping.metadata.map((column): [string, unknown] => [column, pick(row, column)]) : entriesOf(row.metadata),
      passwordHash: hash ? { value: hash, algorithm: undefined } : undefined,
      secretFields,
    };
  };
  const take = (sink: SourceSink) => (row: unknown, ref: string) => {
    const user = toUser(row, ref);
    if (user) sink.user(user);
    else sink.unreadable(ref, 'record is not an object', row);
  };
  const stats = { records: 0, commentLines: 0 };
  return {
    kind,
    ref: basename(path),
    recordsRead: kind === 'csv' ? () => stats.records : undefined,
    async read(sink) {
      if (kind === 'json') return eachJsonRecord(path, sink, {}, take(sink));
      let n = 0;
      const name = basename(path);
      for await (const batch of csvRowBatches(path, stats)) {
        for (const row of batch) {
          const ref = `${name}:${row.line}`;
          if (row.ok) take(sink)(row.values, ref);
          else sink.unreadable(ref, row.reason, row.record);
          if (++n % 5000 === 0) await sink.checkpoint();
        }
      }
    },
  };
}

/** A `status` column in the source's words, or the `disabled` flag. */
function statusOf(value: unknown, disabled: boolean): UserStatus | undefined {
  const word = typeof value === 'string' ? STATUS_WORDS[value.trim().toLowerCase()] : undefined;
  return word ?? (disabled ? 'inactive' : undefined);
}

function isTrue(value: unknown): boolean {
  if (value === true || value === 1) return true;
  return typeof value === 'string' && ['true', '1', 'yes', 'y', 't'].includes(value.trim().toLowerCase());
}
