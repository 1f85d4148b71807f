import { handOverUser } from '../normalize/plain-user.js';
import { basename } from 'node:path';
import { z } from 'zod';
import type { UserStatus } from '../../package/records.js';
import type { ExportSource, SourceSink, SourceUser } from '../model.js';
import { statusWord } from '../normalize/status.js';
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
  // Without a mapping a row's own members are the fields: read by name, not looked up field by field.
  const fieldsOf = mapping ? (row: Json) => mappedFields(row, mapping) : (row: Json) => row as FlatFields;
  const secretFields = mapping?.columns.password_hash ? [mapping.columns.password_hash] : undefined;
  const toUser = (row: unknown, sourceRef: string): SourceUser | undefined => {
    if (!isObject(row)) return undefined;
    const fields = fieldsOf(row);
    const org = fields.org_external_id;
    const hash = fields.password_hash;
    const noOrg = org === undefined || org === null || org === '';
    return {
      sourceRef,
      record: row,
      externalId: fields.external_id,
      email: fields.email,
      emailVerified: fields.email_verified,
      firstName: fields.first_name,
      lastName: fields.last_name,
      fullName: fields.name,
      status: statusOf(fields.status, isTrue(fields.disabled)),
      memberships: noOrg ? [] : [{ orgExternalId: org, orgDisplayName: fields.org_display_name, roles: fields.roles ?? fields.role }],
      rolesWithoutOrganization: noOrg ? (fields.roles ?? fields.role) : undefined,
      metadata: mapping?.metadata ? mapping.metadata.map((column): [string, unknown] => [column, pick(row, column)]) : row.metadata === undefined ? undefined : entriesOf(row.metadata),
      passwordHash: hash ? { value: hash, algorithm: undefined } : undefined,
      secretFields,
    };
  };
  const take = (sink: SourceSink) => (row: unknown, ref: string) => {
    const user = toUser(row, ref);
    if (user) handOverUser(sink, user);
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
      const takeRow = take(sink);
      for await (const batch of csvRowBatches(path, stats)) {
        for (const row of batch) {
          const ref = `${name}:${row.line}`;
          if (row.ok) takeRow(row.values, ref);
          else sink.unreadable(ref, row.reason, row.record);
          if (++n % 5000 === 0) await sink.checkpoint();
        }
      }
    },
  };
}

type FlatFields = Partial<Record<Field, unknown>>;

/** The fields a mapping names, each read from its column or dotted path; the others are absent. */
function mappedFields(row: Json, mapping: FlatMapping): FlatFields {
  const fields: FlatFields = {};
  for (const field of FIELDS) {
    const column = mapping.columns[field];
    if (column) fields[field] = pick(row, column);
  }
  return fields;
}

/** A `status` column in the source's words, or the `disabled` flag. */
function statusOf(value: unknown, disabled: boolean): UserStatus | undefined {
  const word = statusWord(value);
  return word ?? (disabled ? 'inactive' : undefined);
}

function isTrue(value: unknown): boolean {
  if (value === true || value === 1) return true;
  return typeof value === 'string' && ['true', '1', 'yes', 'y', 't'].includes(value.trim().toLowerCase());
}
