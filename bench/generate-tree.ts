import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes a TypeScript monorepo of `count` files, the same for a given seed: mostly ordinary
 * product code (components, services, hooks, utilities, types, tests), about 10% files that
 * contain auth-sounding words without being auth (lexer tokens, ARIA roles, practice sessions,
 * password-strength widgets), and about 3% real auth code (JWT middleware, login and sign-up
 * handlers, session config, role checks, Drizzle user tables).
 */
export function generateTree(root: string, count: number, seed = 42): { bytes: number } {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let bytes = 0;
  const write = (path: string, text: string) => {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    bytes += Buffer.byteLength(text);
  };
  const packages = Math.max(4, Math.round(count / 120));
  write('package.json', JSON.stringify({ name: 'bench-monorepo', private: true, workspaces: ['packages/*'] }, null, 2));
  write('.gitignore', 'node_modules/\ndist/\ncoverage/\n*.log\n');
  for (let index = 0; index < count - 2; index += 1) {
    const pkg = `packages/${pick(PACKAGE_NAMES)}-${index % packages}`;
    const roll = random();
    const name = `${pick(NOUNS)}${pick(SUFFIXES)}${index}`;
    if (roll < 0.03) {
      const template = pick(AUTH_TEMPLATES);
      write(`${pkg}/src/auth/${name}.ts`, template(name, random));
    } else if (roll < 0.13) {
      const template = pick(NEAR_MISS_TEMPLATES);
      write(`${pkg}/src/${pick(AREAS)}/${name}.${template.ext}`, template.render(name, random));
    } else {
      const template = pick(ORDINARY_TEMPLATES);
      write(`${pkg}/src/${pick(AREAS)}/${name}.${template.ext}`, template.render(name, random));
    }
  }
  return { bytes };
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PACKAGE_NAMES = ['web', 'admin', 'billing', 'catalog', 'shipping', 'reports', 'design-system', 'api'];
const AREAS = ['components', 'features', 'services', 'hooks', 'lib', 'utils', 'pages', 'store', 'api', '__tests__'];
const NOUNS = ['order', 'invoice', 'product', 'cart', 'shipment', 'report', 'chart', 'table', 'filter', 'price', 'stock', 'review', 'coupon', 'address'];
const SUFFIXES = ['List', 'Card', 'Service', 'Utils', 'Panel', 'Form', 'Store', 'Api', 'Row', 'Dialog'];

function repeat(times: number, block: (index: number) => string): string {
  return Array.from({ length: times }, (_, index) => block(index)).join('\n');
}

function capital(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

type Render = (name: string, random: () => number) => string;

const ORDINARY_TEMPLATES: ReadonlyArray<{ ext: string; render: Render }> = [
  {
    ext: 'tsx',
    render: (name, random) => `import { useMemo, useState } from 'react';
import { formatMoney, formatDate } from '../lib/format';
import type { ${capital(name)}Item } from '../types';

export interface ${capital(name)}Props {
  items: ${capital(name)}Item[];
  currency: string;
  onSelect(id: string): void;
}

export function ${capital(name)}({ items, currency, onSelect }: ${capital(name)}Props) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<'name' | 'date' | 'amount'>('date');
  const visible = useMemo(
    () =>
      items
        .filter((item) => item.name.toLowerCase().includes(query.toLowerCase()))
        .sort((a, b) => (sort === 'amount' ? b.amount - a.amount : sort === 'name' ? a.name.localeCompare(b.name) : b.createdAt - a.createdAt)),
    [items, query, sort],
  );
  return (
    <section className="panel">
      <header className="panel__header">
        <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Search" />
        <select value={sort} onChange={(event) => setSort(event.target.value as typeof sort)}>
          <option value="date">Newest</option>
          <option value="name">Name</option>
          <option value="amount">Amount</option>
        </select>
      </header>
      <ul className="panel__list">
        {visible.map((item) => (
          <li key={item.id} onClick={() => onSelect(item.id)}>
            <span className="name">{item.name}</span>
            <span className="date">{formatDate(item.createdAt)}</span>
            <span className="amount">{formatMoney(item.amount, currency)}</span>
          </li>
        ))}
      </ul>
${repeat(Math.floor(random() * 6) + 1, (index) => `      <footer className="panel__footer-${index}">{visible.length} of {items.length} shown</footer>`)}
    </section>
  );
}
`,
  },
  {
    ext: 'ts',
    render: (name, random) => `import { z } from 'zod';
import { http } from '../lib/http';

const ${name}Schema = z.object({
  id: z.string().uuid(),
  reference: z.string().min(3),
  total: z.number().nonnegative(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive(), price: z.number() })),
  createdAt: z.string().datetime(),
});

export type ${capital(name)} = z.infer<typeof ${name}Schema>;

export class ${capital(name)}Client {
  constructor(private readonly baseUrl: string) {}

${repeat(Math.floor(random() * 8) + 3, (index) => `  async fetchPage${index}(page: number, pageSize = 50): Promise<${capital(name)}[]> {
    const response = await http.get(\`\${this.baseUrl}/${name}s?page=\${page}&size=\${pageSize}&variant=${index}\`);
    if (!response.ok) throw new Error(\`${name} page \${page} failed: \${response.status}\`);
    const body = (await response.json()) as unknown[];
    return body.map((entry) => ${name}Schema.parse(entry));
  }
`)}
  async total(ids: string[]): Promise<number> {
    const all = await Promise.all(ids.map((id) => http.get(\`\${this.baseUrl}/${name}s/\${id}\`).then((response) => response.json())));
    return all.reduce((sum, entry) => sum + ${name}Schema.parse(entry).total, 0);
  }
}
`,
  },
  {
    ext: 'ts',
    render: (name, random) => `/** Helpers for ${name}: pure functions, easy to test. */
${repeat(Math.floor(random() * 12) + 4, (index) => `export function ${name}Step${index}(values: readonly number[], factor = ${index + 1}): number[] {
  const result: number[] = [];
  for (const value of values) {
    const scaled = Math.round(value * factor * 100) / 100;
    if (Number.isFinite(scaled)) result.push(scaled);
  }
  return result.sort((a, b) => a - b);
}
`)}
export const ${name}Defaults = Object.freeze({ pageSize: 25, currency: 'EUR', locale: 'en-GB' });
`,
  },
  {
    ext: 'ts',
    render: (name, random) => `import { describe, expect, it } from 'vitest';
import { ${name}Step0 } from '../utils/${name}';

describe('${name}', () => {
${repeat(Math.floor(random() * 8) + 2, (index) => `  it('scales case ${index}', () => {
    expect(${name}Step0([${index}, ${index + 1}, ${index + 2}], 2)).toEqual([${index * 2}, ${(index + 1) * 2}, ${(index + 2) * 2}]);
  });
`)}
});
`,
  },
  {
    ext: 'ts',
    render: (name, random) => `export interface ${capital(name)}Item {
  id: string;
  name: string;
  amount: number;
  createdAt: number;
  tags: string[];
}

${repeat(Math.floor(random() * 10) + 3, (index) => `export interface ${capital(name)}Variant${index} extends ${capital(name)}Item {
  kind: 'variant-${index}';
  weight?: number;
  dimensions?: { width: number; height: number; depth: number };
}
`)}
export type Any${capital(name)} = ${capital(name)}Item;
`,
  },
  {
    ext: 'ts',
    render: (name, random) => `import { create } from 'zustand';

interface ${capital(name)}State {
  entries: Record<string, number>;
  add(key: string, amount: number): void;
  clear(): void;
}

export const use${capital(name)}Store = create<${capital(name)}State>((set) => ({
  entries: {},
  add: (key, amount) => set((state) => ({ entries: { ...state.entries, [key]: (state.entries[key] ?? 0) + amount } })),
  clear: () => set({ entries: {} }),
}));

${repeat(Math.floor(random() * 6) + 2, (index) => `export const select${capital(name)}${index} = (state: ${capital(name)}State) =>
  Object.entries(state.entries).filter(([, amount]) => amount > ${index}).length;
`)}`,
  },
];

const NEAR_MISS_TEMPLATES: ReadonlyArray<{ ext: string; render: Render }> = [
  {
    ext: 'ts',
    render: (name, random) => `/** Tokenizer for the ${name} filter language: "price > 10 and tag = sale". */
export type TokenKind = 'word' | 'number' | 'operator' | 'string';
export interface Token { kind: TokenKind; text: string; offset: number }

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\\s*(?:(\\d+(?:\\.\\d+)?)|("[^"]*")|([<>=!]=?|and|or)|(\\w+))/gy;
  for (let match = pattern.exec(input); match; match = pattern.exec(input)) {
    const [, number, string, operator, word] = match;
    if (number) tokens.push({ kind: 'number', text: number, offset: match.index });
    else if (string) tokens.push({ kind: 'string', text: string, offset: match.index });
    else if (operator) tokens.push({ kind: 'operator', text: operator, offset: match.index });
    else if (word) tokens.push({ kind: 'word', text: word, offset: match.index });
  }
  return tokens;
}
${repeat(Math.floor(random() * 5) + 1, (index) => `
export function nextToken${index}(tokens: Token[], position: number): Token | undefined {
  return tokens[position + ${index}];
}`)}
`,
  },
  {
    ext: 'tsx',
    render: (name) => `import { useState } from 'react';

/** Password strength hint on the "change delivery PIN" form (no accounts involved). */
export function ${capital(name)}PinStrength({ value }: { value: string }) {
  const score = [/[a-z]/, /[A-Z]/, /\\d/, /[^\\w]/].filter((pattern) => pattern.test(value)).length;
  const [visible, setVisible] = useState(false);
  return (
    <div role="status" aria-live="polite" className={\`strength strength--\${score}\`}>
      <button role="switch" aria-checked={visible} onClick={() => setVisible(!visible)}>Show</button>
      <label htmlFor="pin">Password-style PIN strength: {score}/4</label>
    </div>
  );
}
`,
  },
  {
    ext: 'ts',
    render: (name) => `/** Practice sessions for the ${name} training module (timers, not logins). */
export class ${capital(name)}Session {
  private started = 0;
  start() {
    this.started = Date.now();
    sessionStorage.setItem('${name}-session', String(this.started));
  }
  elapsed(): number {
    return Date.now() - this.started;
  }
  destroy() {
    sessionStorage.removeItem('${name}-session');
  }
}

export function trackLoginButtonShown(analytics: { track(event: string): void }) {
  analytics.track('login_button_shown');
}

export const refreshIntervalMs = 30_000;
`,
  },
  {
    ext: 'tsx',
    render: (name) => `interface MenuProps { role?: 'menu' | 'menubar'; items: string[] }

export function ${capital(name)}Menu({ role = 'menu', items }: MenuProps) {
  return (
    <ul role={role}>
      {items.map((item) => (
        <li role="menuitem" key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function isMenuBar(element: HTMLElement): boolean {
  return element.role === 'menubar';
}
`,
  },
];

const AUTH_TEMPLATES: readonly Render[] = [
  (name) => `import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';

export function ${name}Guard(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization ?? '';
  try {
    res.locals.user = jwt.verify(header.replace('Bearer ', ''), process.env.JWT_SECRET!, { algorithms: ['HS256'] });
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

export function ${name}RequireAdmin(req: Request, res: Response, next: NextFunction) {
  if (res.locals.user.role !== 'admin') return res.sendStatus(403);
  next();
}
`,
  (name) => `import { Router } from 'express';
import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { db } from '../lib/db';

export const ${name}Router = Router();

${name}Router.post('/login', async (req, res) => {
  const user = await db.user.findUnique({ where: { email: req.body.email } });
  if (!user || !(await bcrypt.compare(req.body.password, user.passwordHash))) return res.sendStatus(401);
  const token = jwt.sign({ sub: user.id, role: user.role }, process.env.JWT_SECRET!, { expiresIn: '1h' });
  res.cookie('session_token', token, { httpOnly: true, maxAge: 3_600_000 });
  res.json({ ok: true });
});

${name}Router.post('/signup', async (req, res) => {
  const passwordHash = await bcrypt.hash(req.body.password, 12);
  const user = await db.user.create({ data: { email: req.body.email, passwordHash } });
  res.status(201).json({ id: user.id });
});

${name}Router.post('/logout', (req, res) => {
  res.clearCookie('session_token');
  res.sendStatus(204);
});
`,
  (name) => `import { boolean, pgTable, serial, text, varchar } from 'drizzle-orm/pg-core';

export const users_${name} = pgTable('users', {
  id: serial('id').primaryKey(),
  email: varchar('email', { length: 320 }).notNull().unique(),
  passwordHash: text('password_hash'),
  emailVerified: boolean('email_verified').default(false),
});
`,
];
