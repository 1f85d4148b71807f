import { z } from 'zod';

/**
 * The output schema a client is shown in `tools/list`: every top-level field with its type and a short
 * description, the fields of nested objects with their types, and anything deeper as a plain object or
 * array. The full schema stays the contract of the core (and of `--json`); this one only has to describe
 * the result well enough to read it, stay valid JSON Schema, and accept every result the full one accepts.
 */
export function compactOutputSchema(schema: z.ZodObject): z.ZodObject {
  let compacted = compactedSchemas.get(schema);
  if (!compacted) {
    compacted = z.looseObject(compactShape(schema, 0));
    compactedSchemas.set(schema, compacted);
  }
  return compacted;
}

/** Computed once per schema: every server of the process (tests start many) shares it. */
const compactedSchemas = new WeakMap<z.ZodObject, z.ZodObject>();

/** Levels of nesting shown field by field; deeper objects and arrays appear as their bare type. */
const SHOWN_DEPTH = 0;
const DESCRIPTION_MAX = 90;

/** Fields are listed, not required: which ones a result always has is the full schema's business, not the reader's. */
function compactShape(schema: z.ZodObject, depth: number): Record<string, z.ZodType> {
  return Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, compact(field as z.ZodType, depth + 1).optional()]));
}

function compact(schema: z.ZodType, depth: number): z.ZodType {
  const inner = compactType(schema, depth);
  const description = depth === 1 ? shortDescription(schema) : undefined;
  return description ? inner.describe(description) : inner;
}

function compactType(schema: z.ZodType, depth: number): z.ZodType {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'optional':
      return compactType(def.innerType as z.ZodType, depth);
    case 'nullable':
      return compactType(def.innerType as z.ZodType, depth).nullable();
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return compactType(def.innerType as z.ZodType, depth);
    case 'pipe':
      return compactType(def.out as z.ZodType, depth);
    case 'lazy':
      return compactType((def.getter as () => z.ZodType)(), depth);
    case 'string':
      return z.string();
    case 'number':
    case 'int':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'null':
      return z.null();
    case 'literal':
      return z.literal(def.values as [z.core.util.Literal]);
    case 'enum':
      return z.enum(Object.values(def.entries as Record<string, string>) as [string, ...string[]]);
    case 'object':
      return depth <= SHOWN_DEPTH ? z.looseObject(compactShape(schema as z.ZodObject, depth)) : bare('object');
    case 'record':
      return depth <= SHOWN_DEPTH ? z.record(z.string(), compactType(def.valueType as z.ZodType, depth + 1)) : bare('object');
    case 'array':
      return depth <= SHOWN_DEPTH ? z.array(compactType(def.element as z.ZodType, depth + 1)) : bare('array');
    case 'union': {
      const options = (def.options as z.ZodType[]).map((option) => compactType(option, depth));
      return options.length === 1 ? options[0]! : z.union(options as [z.ZodType, z.ZodType, ...z.ZodType[]]);
    }
    default:
      // Anything else (intersections, tuples, custom checks) is shown as "any value": never stricter than the full schema.
      return z.unknown();
  }
}

/**
 * A deeper object or array as "any value" ({}): the cheapest valid schema. The field's name is listed; its
 * shape is the text's and the full schema's business (measured: the type alone cost 1.2 K of tools/list).
 */
function bare(_type: 'object' | 'array'): z.ZodType {
  return z.unknown();
}

/** The first sentence of a field's description, when it is short enough to be worth its characters. */
function shortDescription(schema: z.ZodType): string | undefined {
  const text = schema.description ?? unwrapped(schema)?.description;
  if (!text) return undefined;
  const first = text.split(/(?<=[.;:])\s/)[0]!.replace(/[.;:]$/, '');
  return first.length <= DESCRIPTION_MAX ? first : undefined;
}

function unwrapped(schema: z.ZodType): z.ZodType | undefined {
  const def = schema._zod.def as unknown as { innerType?: z.ZodType };
  return def.innerType;
}
