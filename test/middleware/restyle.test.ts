import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { detectStyle, restyle } from '../../src/middleware/edit/restyle.js';
import { authModuleSource } from '../../src/middleware/generated/auth-module.js';
import { completeMapping } from '../../src/middleware/generated/claims-mapping.js';
import { clientModuleSource } from '../../src/middleware/generated/client-module.js';

/** The syntax tree of a text as node kinds with literal values and names: what must not change when only the style does. */
function tokens(text: string): string[] {
  const file = ts.createSourceFile('module.ts', text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    const value = ts.isStringLiteral(node) || ts.isIdentifier(node) || ts.isNumericLiteral(node) || ts.isRegularExpressionLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node) ? (node as ts.LiteralLikeNode).text : '';
    out.push(`${ts.SyntaxKind[node.kind]}:${value}`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

describe('generated modules in the app\'s style', () => {
  it('reads the style most files use', () => {
    expect(detectStyle(['import a from "a"\nconst b = a()\n', 'import c from "c"\nexport const d = c\n'])).toEqual({ quote: 'double', semicolons: false });
    expect(detectStyle(["import a from 'a';\nconst b = a();\n"])).toEqual({ quote: 'single', semicolons: true });
  });

  it('switches quotes and drops line-ending semicolons without changing what the code does', () => {
    const mapping = completeMapping([{ name: 'account.id', source: 'user-id', type: 'number' }, { name: 'role', source: 'role' }], { org_admin: "Org 'Admin'" });
    for (const next of [false, true]) {
      for (const source of [authModuleSource({ mode: 'dual', verify: 'jwks', mapping, clientSpecifier: './scalekit-client', next }), clientModuleSource()]) {
        const styled = restyle(source, { quote: 'double', semicolons: false });
        const diagnostics = ts.transpileModule(styled, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } }).diagnostics ?? [];
        expect(diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))).toEqual([]);
        expect(tokens(styled)).toEqual(tokens(source));
        expect(styled).not.toMatch(/from '/);
        expect(styled.split('\n').filter((line) => /;\s*$/.test(line) && !/^\s*(?:\*|\/\/)/.test(line)).length).toBeLessThan(3);
        expect(restyle(styled, { quote: 'double', semicolons: false })).toBe(styled);
      }
    }
  });
});
