import { ts } from 'ts-morph';
import type { AstRuleContext } from '../rules/types.js';
import { literalText, property, stringValue, unwrap } from './expression-text.js';
import { lifetimeOf, localConstInitializer, secretSource } from './facts.js';

const STORES: ReadonlyArray<readonly [RegExp, string]> = [
  [/redis/, 'redis'],
  [/mongo/, 'mongodb'],
  [/pg|postgres/, 'postgres'],
  [/mysql/, 'mysql'],
  [/sqlite/, 'sqlite'],
  [/sequelize/, 'sequelize'],
  [/prisma/, 'prisma'],
  [/typeorm/, 'typeorm'],
  [/knex/, 'knex'],
  [/dynamo/, 'dynamodb'],
  [/memcache/, 'memcached'],
  [/firestore/, 'firestore'],
  [/file/, 'file'],
  [/memory/, 'memory'],
];

/** The kind of server-side session store an options value creates, from its text. */
export function storeName(node: ts.Node | undefined, sourceFile: ts.SourceFile): string | undefined {
  if (!node) return undefined;
  const text = node.getText(sourceFile).toLowerCase();
  for (const [pattern, name] of STORES) if (pattern.test(text)) return name;
  return 'custom';
}

/** The options object of a call argument, following a local `const` when the argument names one. */
export function objectArgument(node: ts.Node | undefined, sourceFile: ts.SourceFile): ts.Node | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (ts.isIdentifier(inner)) return localConstInitializer(inner.text, sourceFile) ?? inner;
  return inner;
}

/**
 * Records a session fact and the session cookie (name, flags, lifetime) from a session
 * middleware's options. `maxAgeUnit` is how the library counts a numeric maxAge.
 */
export function recordSessionOptions(
  node: ts.Node,
  options: ts.Node | undefined,
  shape: {
    library: string;
    nameKey?: string;
    defaultCookieName?: string;
    cookieKey?: string;
    maxAgeKeys?: readonly string[];
    maxAgeUnit: 'seconds' | 'milliseconds';
    secretKeys?: readonly string[];
    defaultStore?: string;
    store?: string;
  },
  context: AstRuleContext,
): void {
  const at = context.at(node);
  const cookieOptions = shape.cookieKey ? objectArgument(property(options, shape.cookieKey), context.sourceFile) : options;
  const cookieName = stringValue(property(options, shape.nameKey ?? 'name')) ?? stringValue(property(cookieOptions, 'name')) ?? shape.defaultCookieName;
  let maxAge: string | undefined;
  for (const key of shape.maxAgeKeys ?? ['maxAge']) {
    const value = property(cookieOptions, key) ?? property(options, key);
    const fact = lifetimeOf(value, 'session', shape.maxAgeUnit, context);
    if (value && fact) {
      maxAge = fact.value;
      context.facts.lifetime(fact, context.at(value));
      break;
    }
  }
  let secretNode: ts.Node | undefined;
  for (const key of shape.secretKeys ?? ['secret']) secretNode ??= property(options, key);
  if (secretNode && ts.isArrayLiteralExpression(unwrap(secretNode))) secretNode = (unwrap(secretNode) as ts.ArrayLiteralExpression).elements[0];
  const secret = secretSource(secretNode, context);
  const store = shape.store ?? storeName(property(options, 'store'), context.sourceFile) ?? shape.defaultStore;
  context.facts.session(
    {
      library: shape.library,
      ...(store ? { store } : {}),
      ...(cookieName ? { cookieName } : {}),
      ...(secret ? { secret } : {}),
      ...(maxAge ? { maxAge } : {}),
    },
    at,
  );
  if (cookieName) recordCookie(cookieName, cookieOptions, maxAge, at, context);
}

export function recordCookie(
  name: string,
  options: ts.Node | undefined,
  maxAge: string | undefined,
  at: { line: number; column: number },
  context: AstRuleContext,
): void {
  const flag = (key: string) => {
    const text = literalText(property(options, key), context.sourceFile);
    return text === 'true' ? true : text === 'false' ? false : undefined;
  };
  const httpOnly = flag('httpOnly');
  const secure = flag('secure');
  const sameSiteText = literalText(property(options, 'sameSite'), context.sourceFile);
  context.facts.cookie(
    {
      name,
      ...(httpOnly !== undefined ? { httpOnly } : {}),
      ...(secure !== undefined ? { secure } : {}),
      ...(sameSiteText ? { sameSite: sameSiteText } : {}),
      ...(maxAge ? { maxAge } : {}),
    },
    at,
  );
}
