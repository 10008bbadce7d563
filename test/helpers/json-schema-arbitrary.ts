/**
 * fast-check arbitraries for request bodies, generated from a route's own zod schema (through
 * `z.toJSONSchema`, which is what the OpenAPI document shows). Two strengths:
 *  - `strict`: values the schema's JSON Schema accepts (refinements it cannot express — a valid date,
 *    a GB 11643 check character — may still fail, which is fine: the server must answer 4xx then);
 *  - `wild`: the same shapes, but any leaf may be a boundary value (empty, 10 000 characters, control
 *    characters, emoji, SQL-ish text, 0, -1, 2^31, floats, "NaN" as a string, wrong types), a required
 *    field may be missing and an unknown one present.
 * Shrinking is fast-check's own. Only the JSON Schema keywords zod emits for this project's contract are
 * handled (type, properties/required, items, anyOf/oneOf/allOf, enum/const, lengths, pattern, bounds,
 * additionalProperties/propertyNames); anything else is generated as an arbitrary JSON value.
 */
import fc from 'fast-check';
import { z } from 'zod';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: Json[];
  const?: Json;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
}

/** The JSON Schema of a zod schema as a request would send it (input side, unrepresentable as any). */
export function jsonSchemaOf(schema: unknown): JsonSchema {
  return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

const LONG = 'x'.repeat(10_000);

/** Strings that break naive code: sizes, encodings, control characters, injection-looking text. */
export const boundaryStrings: string[] = [
  '',
  ' ',
  '   \t\n',
  LONG,
  '长'.repeat(10_000),
  '\u0000',
  'a\u0000b',
  '\u0001\u0007\b\u001b[31m\u007f',
  '\r\n\t',
  '😀',
  '👨‍👩‍👧‍👦🇨🇳',
  '\ud83d', // a lone surrogate
  '\u202etxt.exe',
  '\u200b\ufeff',
  "'; DROP TABLE accounts; --",
  "' OR '1'='1",
  '%_\\',
  '$1',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '2147483648',
  '9007199254740993',
  '1e400',
  '1.5',
  'null',
  'true',
  '__proto__',
  'constructor',
  '0000-00-00',
  '2026-02-30',
  '2026-13-01',
  '9999-12-31',
  '1969-12-31',
  '2026-06-30T00:00:00Z',
];

export const boundaryNumbers: number[] = [
  0,
  -0,
  -1,
  1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 53 - 1,
  2 ** 53 + 2,
  1.5,
  -0.0001,
  1e308,
  Number.MIN_VALUE,
];

/** Any boundary value, of any type (what a wild leaf becomes). */
export const boundaryValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...boundaryStrings) },
  { weight: 3, arbitrary: fc.constantFrom(...boundaryNumbers) },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], { '': '' }) },
);

/** Text as people type it in this system, and as machines do. */
const cjk = fc.constantFrom(...'赣州市章贡区第一中学教师职称认定工程系列高级中级助理初级·王李陈刘');
const text = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ minLength, maxLength, unit: cjk }),
    fc.string({ minLength, maxLength, unit: 'grapheme' }),
    fc.string({ minLength, maxLength }),
  );

const toDate = (d: Date) => d.toISOString().slice(0, 10);

/** Hints that make generated values reach past validation: real ids, dates near the test's clock. */
export interface Hints {
  /** Real ids for an integer property whose name says it refers to a row (`parentId`, `applicationIds`). */
  idsFor?: (property: string) => number[];
  /** A valid value for a string property the schema cannot describe (an ID number's check character). */
  stringFor?: (property: string) => fc.Arbitrary<string> | undefined;
}

interface Ctx {
  wild: boolean;
  hints: Hints;
  property: string;
}

function clamp(n: number, lo: number, hi: number) {
  return Math.min(hi, Math.max(lo, n));
}

function integerArb(s: JsonSchema, c: Ctx): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -(2 ** 31));
  const max =
    s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : Number.MAX_SAFE_INTEGER);
  const lo = clamp(min, -(2 ** 31), 2 ** 31 - 1);
  const hi = clamp(max, lo, 2 ** 31 - 1);
  const edges = [min, max, min + 1, 2 ** 31 - 1, 2 ** 31].filter((n) => n >= min && n <= max);
  const options: fc.WeightedArbitrary<number>[] = [
    { weight: 2, arbitrary: fc.constantFrom(...edges) },
    { weight: 3, arbitrary: fc.integer({ min: lo, max: clamp(lo + 50, lo, hi) }) },
    { weight: 1, arbitrary: fc.integer({ min: lo, max: hi }) },
  ];
  const ids = /Ids?$/.test(c.property) ? c.hints.idsFor?.(c.property) : undefined;
  if (ids?.length) options.push({ weight: 6, arbitrary: fc.constantFrom(...ids) });
  return fc.oneof(...options);
}

function stringArb(s: JsonSchema, patterns: string[], c: Ctx): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = s.maxLength ?? 200;
  const fits = (x: string) => x.length >= minLength && x.length <= maxLength;
  const hinted = c.hints.stringFor?.(c.property);
  let base: fc.Arbitrary<string>;
  if (patterns.length === 1 && patterns[0] === '^\\d{4}-\\d{2}-\\d{2}$') {
    // A date: mostly real ones around the test's clock (2026), some only digit-shaped.
    base = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .date({ min: new Date('2019-01-01'), max: new Date('2031-12-31'), noInvalidDate: true })
          .map(toDate),
      },
      { weight: 1, arbitrary: fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    );
  } else if (patterns.length) {
    // Every pattern must match: generate for the first, then append what the others need (the
    // password's "a letter" and "a digit"), and keep those within the length bounds.
    const [first, ...rest] = patterns.map((p) => new RegExp(p));
    base = fc
      .tuple(fc.stringMatching(first!), ...rest.map((r) => fc.stringMatching(r)))
      .map((parts) => parts.join(''))
      .map((x) => (x.length > maxLength ? x.slice(0, maxLength) : x.padEnd(minLength, 'a1')))
      .filter((x) => fits(x) && patterns.every((p) => new RegExp(p).test(x)));
  } else {
    base = text(minLength, Math.min(maxLength, 60));
  }
  const edges = [minLength > 0 ? 'a'.repeat(minLength) : '', 'b'.repeat(Math.min(maxLength, 10_000))];
  return fc.oneof(
    { weight: 6, arbitrary: base },
    { weight: 1, arbitrary: fc.constantFrom(...edges).filter(fits) },
    ...(hinted ? [{ weight: 6, arbitrary: hinted }] : []),
  );
}

function objectArb(s: JsonSchema, c: Ctx): fc.Arbitrary<Json> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const keys = Object.keys(props);
  if (!keys.length && (s.propertyNames || typeof s.additionalProperties === 'object')) {
    const keyArb = s.propertyNames
      ? (arb(s.propertyNames, { ...c, property: '' }) as fc.Arbitrary<string>)
      : text(1, 10);
    const valueSchema = typeof s.additionalProperties === 'object' ? s.additionalProperties : {};
    return fc.dictionary(
      keyArb.filter((k) => typeof k === 'string'),
      arb(valueSchema, { ...c, property: '' }),
      { maxKeys: 4 },
    ) as fc.Arbitrary<Json>;
  }
  const model: Record<string, fc.Arbitrary<Json>> = {};
  for (const k of keys) model[k] = arb(props[k]!, { ...c, property: k });
  const record = fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) }) as fc.Arbitrary<
    Record<string, Json>
  >;
  if (!c.wild) return record;
  // Wild: sometimes a required field is missing, sometimes an unknown one is added.
  return fc.oneof(
    { weight: 6, arbitrary: record },
    {
      weight: 1,
      arbitrary: fc.tuple(record, fc.nat()).map(([o, n]) => {
        const present = Object.keys(o);
        if (!present.length) return o;
        const copy = { ...o };
        delete copy[present[n % present.length]!];
        return copy;
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(record, fc.constantFrom('unknownField', 'id', '__proto__', 'constructor', ''), boundaryValue)
        .map(([o, k, v]) => ({ ...o, [k]: v })),
    },
  );
}

function exact(s: JsonSchema, c: Ctx): fc.Arbitrary<Json> {
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((x) => arb(x, c)));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  let patterns = s.pattern ? [s.pattern] : [];
  let merged = s;
  if (s.allOf?.length) {
    for (const part of s.allOf) if (part.pattern) patterns = [...patterns, part.pattern];
    merged = Object.assign({}, ...s.allOf.map((p) => ({ ...p, pattern: undefined })), s, {
      allOf: undefined,
    });
  }
  const types = [merged.type ?? []].flat();
  if (types.length > 1) return fc.oneof(...types.map((type) => exact({ ...merged, type }, c)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerArb(merged, c);
    case 'number':
      return fc.oneof(
        fc.double({
          min: merged.minimum ?? -1e9,
          max: merged.maximum ?? 1e9,
          noNaN: true,
          noDefaultInfinity: true,
        }),
        integerArb(merged, c),
      );
    case 'string':
      return stringArb(merged, patterns, c);
    case 'array': {
      const minLength = merged.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(merged.maxItems ?? 5, 5));
      return fc.array(arb(merged.items ?? {}, c), { minLength, maxLength });
    }
    case 'object':
      return objectArb(merged, c);
    default:
      return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
  }
}

function arb(s: JsonSchema, c: Ctx): fc.Arbitrary<Json> {
  const core = exact(s, c);
  return c.wild ? fc.oneof({ weight: 5, arbitrary: core }, { weight: 1, arbitrary: boundaryValue }) : core;
}

/** Values shaped by the JSON Schema: `wild` adds boundary values, missing and unknown fields. */
export function arbitraryFromJsonSchema(
  schema: JsonSchema,
  opts: { wild: boolean; hints?: Hints },
): fc.Arbitrary<Json> {
  return arb(schema, { wild: opts.wild, hints: opts.hints ?? {}, property: '' });
}
