import { ts } from 'ts-morph';
import type { Category, Confidence } from '../categories.js';
import type { AstRule, AstRuleContext } from '../rules/types.js';
import { chainText, unwrap } from './expression-text.js';
import type { RuleMeta } from './kit.js';

export interface VendorMethod {
  category: Category;
  message: string;
}

/**
 * One rule per identity vendor SDK: calls (and `new`) of its auth methods, each method mapped to
 * the flow it serves. A call counts when it resolves to one of the vendor's modules (high confidence),
 * or when its member chain ends with a method key in a file that uses the vendor (`usedWhen`).
 * Keys are member-path suffixes: `signUp`, `auth.signUp`, `auth.mfa.enroll`.
 */
export function vendorRule(
  meta: Omit<RuleMeta, 'category'> & {
    modules: RegExp;
    /** The file uses the vendor: its imports match this, or the chain's root does. */
    usedWhen: RegExp;
    methods: Readonly<Record<string, VendorMethod>>;
    /** Method keys that only count when resolved through an import (generic names like `signIn`). */
    importOnly?: readonly string[];
    /** Also match bare calls (`loginWithRedirect()` destructured from a hook) in files that use the vendor. */
    bareCalls?: boolean;
    chainConfidence?: Confidence;
    /** Vendor checks that are not a method table (e.g. role checks); their categories go in `extraCategories`. */
    extraCategories?: readonly Category[];
    onCall?(call: ts.CallExpression, context: AstRuleContext): void;
  },
): AstRule {
  const { modules, usedWhen, methods, importOnly = [], bareCalls = false, chainConfidence = 'high', extraCategories = [], onCall, ...rest } = meta;
  const categories = [...new Set([...Object.values(methods).map((method) => method.category), ...extraCategories])];
  const lookup = (path: string): VendorMethod | undefined => {
    const segments = path.replace(/\(\)/g, '').split('.').filter(Boolean);
    for (let size = Math.min(4, segments.length); size >= 1; size -= 1) {
      const key = segments.slice(-size).join('.');
      if (Object.hasOwn(methods, key)) return methods[key];
    }
    return undefined;
  };
  return {
    ...rest,
    category: categories,
    kind: 'ast',
    ecosystem: 'javascript',
    create(context) {
      const fileUsesVendor = context.imports.has(usedWhen);
      const handle = (node: ts.Node) => {
        const call = node as ts.CallExpression | ts.NewExpression;
        if (onCall && ts.isCallExpression(call)) onCall(call, context);
        const resolved = context.imports.resolve(call.expression);
        if (resolved && modules.test(resolved.module)) {
          const method = lookup(resolved.path);
          if (method) context.report(call, { category: method.category, message: method.message });
          return;
        }
        if (resolved && !resolved.module.startsWith('.') && !resolved.module.startsWith('@/') && !usedWhen.test(resolved.module)) return;
        const text = chainText(unwrap(call.expression));
        if (!text || (!text.includes('.') && !(bareCalls && fileUsesVendor))) return;
        if (!fileUsesVendor && !usedWhen.test(text.split('.')[0]!)) return;
        const method = lookup(text);
        if (!method) return;
        const key = Object.entries(methods).find(([, entry]) => entry === method)?.[0];
        if (key && importOnly.includes(key) && !usedWhen.test(text.split('.')[0]!)) return;
        context.report(call, { category: method.category, message: method.message, confidence: chainConfidence });
      };
      return { [ts.SyntaxKind.CallExpression]: handle, [ts.SyntaxKind.NewExpression]: handle };
    },
  };
}
