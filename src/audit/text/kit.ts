import type { Category, Confidence, Ecosystem } from '../categories.js';
import { classifyTable } from '../data-model/classify.js';
import { authPathCategory, AUTH_PATH_CATEGORIES } from '../shared/auth-paths.js';
import type { TableDraft } from '../engine/file-result.js';
import type { TextMatch, TextRule, TextRuleContext } from '../rules/types.js';
import { codeLinesOf } from './file-lines.js';

export interface LinePattern {
  pattern: RegExp;
  category: Category;
  message: string;
  confidence?: Confidence;
  /** Records facts from the match (algorithm, lifetime, role name...). */
  fact?(match: RegExpExecArray, context: TextRuleContext): void;
}

type PatternRuleMeta = Omit<TextRule, 'kind' | 'category' | 'pattern' | 'classify' | 'message'> & {
  ecosystem: Exclude<Ecosystem, 'javascript' | 'prisma' | 'sql'>;
  message?: string;
  patterns: readonly LinePattern[];
};

/**
 * A line rule built from a table of patterns, each with its own category and message.
 * Every pattern that matches a code line gives one finding (at most one per category and line).
 */
export function patternRule(meta: PatternRuleMeta): TextRule {
  const { patterns, ...rest } = meta;
  const categories = [...new Set(patterns.map((entry) => entry.category))];
  const strip = (pattern: RegExp) => new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  const compiled = patterns.map((entry) => ({ ...entry, pattern: strip(entry.pattern) }));
  return {
    ...rest,
    kind: 'text',
    category: categories,
    message: meta.message ?? patterns[0]!.message,
    pattern: new RegExp(compiled.map((entry) => `(?:${entry.pattern.source})`).join('|'), compiled.some((entry) => entry.pattern.flags.includes('i')) ? 'i' : ''),
    classify(_match, line, context) {
      const found: TextMatch[] = [];
      for (const entry of compiled) {
        const match = entry.pattern.exec(line);
        if (!match) continue;
        entry.fact?.(match, context);
        found.push({ column: match.index + 1, overrides: { category: entry.category, message: entry.message, ...(entry.confidence ? { confidence: entry.confidence } : {}) } });
      }
      return found.length ? found : null;
    },
  };
}

const ROUTE_MESSAGES: Partial<Record<Category, string>> = {
  login: 'Login route: it becomes a redirect to Scalekit plus a callback (authenticate with the code)',
  signup: 'Sign-up route: Scalekit hosted sign-up replaces it; move its side effects to the callback',
  logout: 'Logout route: clear app cookies, then redirect to the Scalekit logout URL',
  'password-reset': 'Password reset route: retired or redirected to the Scalekit hosted flow',
  'email-verification': 'Email verification route: Scalekit verifies addresses itself; this flow is retired',
  'refresh-token': 'Token refresh route: becomes a Scalekit refresh-token exchange',
  'oauth-provider': 'OAuth/SSO callback route: set up the connection in Scalekit and register its redirect URI',
  mfa: 'MFA route: factors are not migrated; decide how users re-enrol',
  'api-key': 'API key route: keep API keys working in dual and scalekit modes',
};

/**
 * A route rule: `pattern` captures the route path in a group; the path decides the category.
 * Paths must start with `/` unless `relativePaths` (Django's `path('login/')`).
 */
export function routeRule(
  meta: Omit<TextRule, 'kind' | 'category' | 'classify' | 'message' | 'confidence'> & { ecosystem: Exclude<Ecosystem, 'javascript' | 'prisma' | 'sql'>; relativePaths?: boolean },
): TextRule {
  const { relativePaths = false, ...rest } = meta;
  return {
    ...rest,
    kind: 'text',
    category: AUTH_PATH_CATEGORIES,
    confidence: 'medium',
    message: 'Auth route',
    classify(match) {
      const path = match.slice(1).find((group) => group !== undefined);
      if (path === undefined || (!relativePaths && !path.startsWith('/'))) return null;
      const category = authPathCategory(path.startsWith('/') ? path : '/' + path);
      if (!category) return null;
      return { column: match.index + 1, overrides: { category, message: `${ROUTE_MESSAGES[category] ?? 'Auth route'} (${path})` } };
    },
  };
}

/**
 * A rule for ORM model classes of the other stacks: `pattern` captures the class name in group 1,
 * and the name decides whether it is a user, organization, role or membership model. With `tables`,
 * the declaration starting on the matched line is also read into the data model (its finding stays
 * this rule's); `reportOnly` limits findings to the matched lines (and their drafts) it accepts.
 */
export function modelClassRule(
  meta: Omit<TextRule, 'kind' | 'category' | 'classify' | 'message'> & {
    ecosystem: Exclude<Ecosystem, 'javascript' | 'prisma' | 'sql'>;
    tables?(lines: readonly string[], index: number, context: TextRuleContext): Array<Omit<TableDraft, 'ruleId' | 'file'>>;
    /** Whether the matched line is reported, given the drafts `tables` read from it. */
    reportOnly?(line: string, drafts: ReadonlyArray<Omit<TableDraft, 'ruleId' | 'file'>>): boolean;
  },
): TextRule {
  const categories = { user: 'user-model', organization: 'org-model', role: 'role-model', membership: 'role-model' } as const;
  const { tables, reportOnly, ...rest } = meta;
  return {
    ...rest,
    kind: 'text',
    category: ['user-model', 'org-model', 'role-model'],
    message: 'Model of the auth data model',
    classify(match, line, context) {
      const drafts = tables ? tables(codeLinesOf(context.text, meta.ecosystem), context.line - 1, context) : [];
      for (const draft of drafts) context.table({ ...draft, reportedByRule: true });
      if (reportOnly && !reportOnly(line, drafts)) return null;
      const name = match[1] ?? match[2];
      const found = name ? classifyTable([name], []) : undefined;
      if (!found?.kind) return null;
      return {
        column: match.index + 1,
        overrides: { category: categories[found.kind], message: `${name} model (${found.kind}): map its fields for the export; its primary key becomes external_id` },
      };
    },
  };
}
