/**
 * Malformed requests generated from a JSON schema (the OpenAPI request body of a route), for the
 * bad-input matrix (test/integration/bad-input-matrix.test.ts). Deterministic and bounded: at most
 * MAX_VARIANTS per operation, each breaking the body in one way.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

export interface Variant {
  name: string;
  /** The request payload as sent (already serialised). */
  raw: string;
  contentType: string;
  /** The query string appended to the URL ('?…'), if any. */
  query?: string;
  /** The field the refusal should name ('body.amount'), when it is a validation error of one field. */
  field?: string;
}

export const MAX_VARIANTS = 14;
const BAD_ID_NUMBER = '433124199001011230'; // right shape, wrong check character
const MIB = 2 ** 20;

interface Leaf {
  path: string[];
  schema: JsonSchema;
}

/** The one concrete schema of a union (nullable / optional unions take their non-null member). */
function concrete(s: JsonSchema): JsonSchema {
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return concrete(alt.find((a) => a.type !== 'null') ?? alt[0]!);
  if (s.allOf?.length) return concrete(s.allOf[0]!);
  return s;
}

const typeOf = (s: JsonSchema): string | undefined => {
  const c = concrete(s);
  if (c.enum || c.const !== undefined) return 'enum';
  return Array.isArray(c.type) ? c.type.find((t) => t !== 'null') : c.type;
};

const isDatePattern = (s: JsonSchema) =>
  s.format === 'date' || (s.pattern ?? '').includes('\\d{4}-\\d{2}-\\d{2}');

/** A plausible valid value of a schema: the base every variant breaks in one place. */
export function sample(s: JsonSchema, name = ''): unknown {
  const c = concrete(s);
  if (c.const !== undefined) return c.const;
  if (c.enum) return c.enum[0];
  switch (typeOf(c)) {
    case 'object':
      return Object.fromEntries(Object.entries(c.properties ?? {}).map(([k, v]) => [k, sample(v, k)]));
    case 'array':
      return Array.from({ length: Math.max(1, c.minItems ?? 1) }, () => sample(c.items ?? {}, name));
    case 'integer':
    case 'number':
      return c.minimum !== undefined && c.minimum >= 2000 && (c.maximum ?? 0) <= 2100
        ? 2025
        : (c.minimum ?? 1);
    case 'boolean':
      return false;
    case 'string':
      return sampleString(c, name);
    default:
      return null;
  }
}

function sampleString(c: JsonSchema, name: string): string {
  const p = c.pattern ?? '';
  if (isDatePattern(c)) return '2026-03-10';
  if (c.format === 'uuid') return '6f1c1f0e-7d2a-4c43-9d51-2b7f1a0c9e11'; // a device key (clientKey)
  if (/idNumber/i.test(name)) return '433124197003010011';
  if (p.includes('\\d{12}')) return '433124110226';
  if (p.includes('\\d{6}')) return '433124';
  if (p.includes('\\d{1,18}')) return '1';
  if (/phone/i.test(name)) return '13812345678';
  if (/bankAccount/i.test(name)) return '6217001234567890123';
  if (name === 'relation') return '户主';
  return 'test'.padEnd(c.minLength ?? 0, 't');
}

/** Every leaf field of the body schema with its path, depth first, arrays entered through item 0. */
function leaves(s: JsonSchema, path: string[] = []): Leaf[] {
  const c = concrete(s);
  const t = typeOf(c);
  if (t === 'object')
    return Object.entries(c.properties ?? {}).flatMap(([k, v]) => [
      ...(typeOf(v) === 'array' || typeOf(v) === 'object' ? [{ path: [...path, k], schema: v }] : []),
      ...leaves(v, [...path, k]),
    ]);
  if (t === 'array') return leaves(c.items ?? {}, [...path, '0']);
  return path.length ? [{ path, schema: s }] : [];
}

function setAt(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let cur = copy as Record<string, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return copy;
}

const json = (name: string, body: unknown, path?: string[]): Variant => ({
  name: path ? `${name}:${path.join('.')}` : name,
  raw: JSON.stringify(body),
  contentType: 'application/json',
  field: path ? ['body', ...path].join('.') : undefined,
});

/** The malformed requests of one operation: `schema` is its JSON request body (absent: none). */
export function variantsFor(schema: JsonSchema | undefined): Variant[] {
  const out: Variant[] = [
    {
      name: 'nul-in-query',
      raw: '{}',
      contentType: 'application/json',
      query: '?q=a%00b',
      field: 'querystring.q',
    },
    { name: 'wrong-content-type', raw: 'x=1', contentType: 'text/plain' },
  ];
  if (!schema) return out;
  const base = sample(schema);
  const all = leaves(schema);
  const of = (pred: (l: Leaf) => boolean) => all.find(pred);
  const str =
    of((l) => typeOf(l.schema) === 'string' && !concrete(l.schema).pattern) ??
    of((l) => typeOf(l.schema) === 'string');
  const isNum = (l: Leaf) => ['number', 'integer'].includes(typeOf(l.schema) ?? '');
  // the first number without an upper bound, where one exists: that is where a column overflows
  const num = of((l) => isNum(l) && concrete(l.schema).maximum === undefined) ?? of(isNum);
  const int = of(
    (l) => typeOf(l.schema) === 'integer' && (concrete(l.schema).maximum ?? Infinity) > 2 ** 31 - 1,
  );
  const nonNeg = of(
    (l) => (concrete(l.schema).minimum ?? -1) >= 0 && ['number', 'integer'].includes(typeOf(l.schema) ?? ''),
  );
  const date = of((l) => typeOf(l.schema) === 'string' && isDatePattern(concrete(l.schema)));
  const arr = of((l) => typeOf(l.schema) === 'array');
  const idn = of((l) => /idNumber/i.test(l.path[l.path.length - 1] ?? ''));
  const req = concrete(schema).required?.[0];
  const first = all[0];
  const candidates: (Variant | false | undefined)[] = [
    str && json('nul', setAt(base, str.path, 'a\u0000b'), str.path),
    str && json('lone-surrogate', setAt(base, str.path, 'a\ud800b'), str.path),
    date && json('impossible-date', setAt(base, date.path, '2026-02-30'), date.path),
    num && json('1e308', setAt(base, num.path, 1e308), num.path),
    num && json('2^64', setAt(base, num.path, 2 ** 64), num.path),
    int && json('int32-overflow', setAt(base, int.path, 2 ** 31), int.path),
    nonNeg && json('negative', setAt(base, nonNeg.path, -1), nonNeg.path),
    num && json('nan-string', setAt(base, num.path, 'NaN'), num.path),
    idn && json('bad-id-number', setAt(base, idn.path, BAD_ID_NUMBER), idn.path),
    arr && json('empty-array', setAt(base, arr.path, []), arr.path),
    arr &&
      json(
        'huge-array',
        setAt(base, arr.path, Array(10_000).fill(sample(concrete(arr.schema).items ?? {}))),
        arr.path,
      ),
    req !== undefined && json('missing', setAt(base, [req], undefined), [req]),
    first &&
      json(
        'wrong-type',
        setAt(base, first.path, typeOf(first.schema) === 'string' ? 12345 : 'abc'),
        first.path,
      ),
    str && { ...json('huge-string', setAt(base, str.path, 'x'.repeat(MIB + 1))), field: undefined },
    {
      name: 'proto-key',
      raw: `{"__proto__":{"admin":true},${JSON.stringify(base).slice(1)}`,
      contentType: 'application/json',
    },
  ];
  return [...out, ...candidates.filter((v): v is Variant => !!v)].slice(0, MAX_VARIANTS);
}
