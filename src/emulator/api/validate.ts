import type { DescField, DescMessage } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { invalidArguments, type FieldViolation } from './errors.js';

/**
 * The request rules the API declares in its own descriptors: `buf.validate.field` options
 * (extension 1159 of FieldOptions), kept by protobuf-es as unknown fields because the SDK ships
 * only a stub of buf/validate. Decoding the subset the Scalekit descriptors use (required, string
 * lengths/pattern/prefix/email/in, int ranges, map pair counts with key/value rules, repeated item
 * counts) lets the emulator reject what the service rejects without hand-copying limits.
 */
const BUF_VALIDATE_FIELD = 1159;
const IGNORE_ALWAYS = 3;

interface StringRules {
  minLen?: number;
  maxLen?: number;
  pattern?: RegExp;
  prefix?: string;
  email?: boolean;
  in?: string[];
}
interface IntRules {
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
}
interface FieldRules {
  required?: boolean;
  ignore?: number;
  string?: StringRules;
  int?: IntRules;
  map?: { minPairs?: number; maxPairs?: number; keys?: FieldRules; values?: FieldRules };
  repeated?: { minItems?: number; maxItems?: number; unique?: boolean; items?: FieldRules };
}
interface CompiledField {
  field: DescField;
  rules: FieldRules | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const compiled = new Map<string, CompiledField[]>();

/** Throws INVALID_ARGUMENT naming every violated field (proto field paths, e.g. `user.email`). */
export function validateRequest(schema: DescMessage, message: object): void {
  const violations: FieldViolation[] = [];
  validateMessage(schema, message as Record<string, unknown>, '', violations);
  if (violations.length) throw invalidArguments(violations);
}

function validateMessage(schema: DescMessage, message: Record<string, unknown>, path: string, out: FieldViolation[]): void {
  for (const { field, rules } of compile(schema)) {
    const name = path ? `${path}.${field.name}` : field.name;
    if (rules?.ignore === IGNORE_ALWAYS) continue;
    let value: unknown;
    if (field.oneof) {
      const oneof = message[field.oneof.localName] as { case?: string; value?: unknown } | undefined;
      if (oneof?.case !== field.localName) continue;
      value = oneof.value;
    } else {
      value = message[field.localName];
    }
    if (value === undefined) {
      if (rules?.required) out.push({ field: name, description: 'is required', constraint: 'required' });
      continue;
    }
    switch (field.fieldKind) {
      case 'message':
        validateMessage(field.message, value as Record<string, unknown>, name, out);
        break;
      case 'map':
        if (rules?.map) checkMap(rules.map, value as Record<string, unknown>, name, out);
        if (rules?.required && Object.keys(value as object).length === 0) out.push({ field: name, description: 'is required', constraint: 'required' });
        break;
      case 'list':
        if (rules?.repeated) checkList(rules.repeated, value as unknown[], name, out);
        if (rules?.required && (value as unknown[]).length === 0) out.push({ field: name, description: 'is required', constraint: 'required' });
        if (field.listKind === 'message') (value as Record<string, unknown>[]).forEach((item, i) => validateMessage(field.message, item, `${name}[${i}]`, out));
        break;
      default:
        if (rules) checkScalar(rules, value, name, out, field.presence === 2 /* implicit */);
    }
  }
}

function checkScalar(rules: FieldRules, value: unknown, name: string, out: FieldViolation[], implicit: boolean): void {
  if (typeof value === 'string') {
    if (rules.required && value === '') out.push({ field: name, description: 'is required', constraint: 'required' });
    else if (rules.string) checkString(rules.string, value, name, out);
  } else if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    // An implicit zero means "not given" (e.g. page_size 0 = the server's default page size).
    if (rules.int && !(implicit && n === 0)) checkInt(rules.int, n, name, out);
  }
}

function checkString(rules: StringRules, value: string, name: string, out: FieldViolation[]): void {
  const length = [...value].length;
  if (rules.minLen !== undefined && length < rules.minLen) {
    out.push({ field: name, description: lengthText(rules, length), constraint: 'string.min_len' });
  } else if (rules.maxLen !== undefined && length > rules.maxLen) {
    out.push({ field: name, description: lengthText(rules, length), constraint: 'string.max_len' });
  } else if (rules.prefix !== undefined && !value.startsWith(rules.prefix)) {
    out.push({ field: name, description: `must start with "${rules.prefix}"`, constraint: 'string.prefix' });
  } else if (rules.email && !EMAIL.test(value)) {
    out.push({ field: name, description: `"${value}" is not a valid email address`, constraint: 'string.email' });
  } else if (rules.pattern && !rules.pattern.test(value)) {
    out.push({ field: name, description: `must match ${rules.pattern.source}`, constraint: 'string.pattern' });
  } else if (rules.in && value !== '' && !rules.in.includes(value)) {
    out.push({ field: name, description: `must be one of ${rules.in.join(', ')}`, constraint: 'string.in' });
  }
}

function lengthText(rules: StringRules, length: number): string {
  const { minLen, maxLen } = rules;
  const range = minLen !== undefined && maxLen !== undefined ? `between ${minLen} and ${maxLen}` : minLen !== undefined ? `at least ${minLen}` : `at most ${maxLen}`;
  return `must be ${range} characters long (got ${length})`;
}

function checkInt(rules: IntRules, n: number, name: string, out: FieldViolation[]): void {
  const low = rules.gte ?? (rules.gt !== undefined ? rules.gt + 1 : undefined);
  const high = rules.lte ?? (rules.lt !== undefined ? rules.lt - 1 : undefined);
  if ((low !== undefined && n < low) || (high !== undefined && n > high)) {
    const range = low !== undefined && high !== undefined ? `between ${low} and ${high}` : low !== undefined ? `at least ${low}` : `at most ${high}`;
    out.push({ field: name, description: `must be ${range} (got ${n})`, constraint: 'int.range' });
  }
}

function checkMap(rules: NonNullable<FieldRules['map']>, map: Record<string, unknown>, name: string, out: FieldViolation[]): void {
  const entries = Object.entries(map);
  if (rules.maxPairs !== undefined && entries.length > rules.maxPairs) {
    out.push({ field: name, description: `at most ${rules.maxPairs} pairs allowed (got ${entries.length})`, constraint: 'map.max_pairs' });
  }
  if (rules.minPairs !== undefined && entries.length < rules.minPairs) {
    out.push({ field: name, description: `at least ${rules.minPairs} pairs required (got ${entries.length})`, constraint: 'map.min_pairs' });
  }
  for (const [key, value] of entries) {
    if (rules.keys?.string) checkString(rules.keys.string, key, `${name} key "${key}"`, out);
    if (rules.values?.string && typeof value === 'string') checkString(rules.values.string, value, `${name}["${key}"]`, out);
  }
}

function checkList(rules: NonNullable<FieldRules['repeated']>, list: unknown[], name: string, out: FieldViolation[]): void {
  if (rules.maxItems !== undefined && list.length > rules.maxItems) {
    out.push({ field: name, description: `at most ${rules.maxItems} items allowed (got ${list.length})`, constraint: 'repeated.max_items' });
  }
  if (rules.minItems !== undefined && list.length < rules.minItems) {
    out.push({ field: name, description: `at least ${rules.minItems} items required (got ${list.length})`, constraint: 'repeated.min_items' });
  }
  if (rules.unique && new Set(list).size !== list.length) {
    out.push({ field: name, description: 'items must be unique', constraint: 'repeated.unique' });
  }
  if (rules.items) list.forEach((item, i) => checkScalar(rules.items!, item, `${name}[${i}]`, out, false));
}

function compile(schema: DescMessage): CompiledField[] {
  let fields = compiled.get(schema.typeName);
  if (fields) return fields;
  fields = [];
  compiled.set(schema.typeName, fields); // set first: recursive message types terminate
  for (const field of schema.fields) {
    const rules = rulesOf(field);
    const nested = field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message');
    if (rules || (nested && field.message && compile(field.message).length > 0)) fields.push({ field, rules });
  }
  return fields;
}

function rulesOf(field: DescField): FieldRules | undefined {
  const unknown = field.proto.options?.$unknown?.find((u) => u.no === BUF_VALIDATE_FIELD && u.wireType === WireType.LengthDelimited);
  return unknown ? decodeFieldRules(new BinaryReader(unknown.data).bytes()) : undefined;
}

function decodeFieldRules(bytes: Uint8Array): FieldRules {
  const rules: FieldRules = {};
  readFields(bytes, (no, wire, r) => {
    if (no === 25 && wire === WireType.Varint) rules.required = r.bool();
    else if (no === 27 && wire === WireType.Varint) rules.ignore = r.int32();
    else if (no === 14 && wire === WireType.LengthDelimited) rules.string = decodeStringRules(r.bytes());
    else if (no >= 3 && no <= 6 && wire === WireType.LengthDelimited) rules.int = decodeIntRules(r.bytes());
    else if (no === 19 && wire === WireType.LengthDelimited) rules.map = decodeMapRules(r.bytes());
    else if (no === 18 && wire === WireType.LengthDelimited) rules.repeated = decodeRepeatedRules(r.bytes());
    else return false;
    return true;
  });
  return rules;
}

function decodeStringRules(bytes: Uint8Array): StringRules {
  const rules: StringRules = {};
  readFields(bytes, (no, wire, r) => {
    if (no === 2 && wire === WireType.Varint) rules.minLen = Number(r.uint64());
    else if (no === 3 && wire === WireType.Varint) rules.maxLen = Number(r.uint64());
    else if (no === 6 && wire === WireType.LengthDelimited) rules.pattern = new RegExp(r.string(), 'u');
    else if (no === 7 && wire === WireType.LengthDelimited) rules.prefix = r.string();
    else if (no === 10 && wire === WireType.LengthDelimited) (rules.in ??= []).push(r.string());
    else if (no === 12 && wire === WireType.Varint) rules.email = r.bool();
    else return false;
    return true;
  });
  return rules;
}

function decodeIntRules(bytes: Uint8Array): IntRules {
  const rules: IntRules = {};
  const keys: Record<number, keyof IntRules> = { 2: 'lt', 3: 'lte', 4: 'gt', 5: 'gte' };
  readFields(bytes, (no, wire, r) => {
    const key = keys[no];
    if (!key || wire !== WireType.Varint) return false;
    rules[key] = Number(r.int64());
    return true;
  });
  return rules;
}

function decodeMapRules(bytes: Uint8Array): NonNullable<FieldRules['map']> {
  const rules: NonNullable<FieldRules['map']> = {};
  readFields(bytes, (no, wire, r) => {
    if (no === 1 && wire === WireType.Varint) rules.minPairs = Number(r.uint64());
    else if (no === 2 && wire === WireType.Varint) rules.maxPairs = Number(r.uint64());
    else if (no === 4 && wire === WireType.LengthDelimited) rules.keys = decodeFieldRules(r.bytes());
    else if (no === 5 && wire === WireType.LengthDelimited) rules.values = decodeFieldRules(r.bytes());
    else return false;
    return true;
  });
  return rules;
}

function decodeRepeatedRules(bytes: Uint8Array): NonNullable<FieldRules['repeated']> {
  const rules: NonNullable<FieldRules['repeated']> = {};
  readFields(bytes, (no, wire, r) => {
    if (no === 1 && wire === WireType.Varint) rules.minItems = Number(r.uint64());
    else if (no === 2 && wire === WireType.Varint) rules.maxItems = Number(r.uint64());
    else if (no === 3 && wire === WireType.Varint) rules.unique = r.bool();
    else if (no === 4 && wire === WireType.LengthDelimited) rules.items = decodeFieldRules(r.bytes());
    else return false;
    return true;
  });
  return rules;
}

/** Calls `read` for each field; fields it does not consume (returns false) are skipped. */
function readFields(bytes: Uint8Array, read: (no: number, wire: WireType, reader: BinaryReader) => boolean): void {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [no, wire] = reader.tag();
    if (!read(no, wire, reader)) reader.skip(wire, no);
  }
}
