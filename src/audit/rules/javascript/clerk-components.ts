import { ts } from 'ts-morph';
import { astRule } from '../../js/kit.js';
import type { Category } from '../../categories.js';

const COMPONENTS: Record<string, readonly [Category, string]> = {
  SignIn: ['login', 'Clerk <SignIn/> page: login becomes a redirect to Scalekit hosted login'],
  SignInButton: ['login', 'Clerk sign-in button: link to the Scalekit login redirect'],
  SignUp: ['signup', 'Clerk <SignUp/> page: Scalekit hosted sign-up replaces it'],
  SignUpButton: ['signup', 'Clerk sign-up button: link to Scalekit hosted sign-up'],
  SignOutButton: ['logout', 'Clerk sign-out button: log out through Scalekit (getLogoutUrl)'],
  UserButton: ['logout', 'Clerk user menu (includes sign-out): replace with your own menu and Scalekit logout'],
  OrganizationSwitcher: ['org-model', 'Clerk organization switcher: organizations move to Scalekit'],
};

export default astRule({
  id: 'js.clerk.components',
  category: ['login', 'signup', 'logout', 'org-model'],
  confidence: 'high',
  message: 'Clerk UI component',
  keywords: ['@clerk/'],
  create(context) {
    const handle = (node: ts.Node) => {
      const element = node as ts.JsxOpeningElement | ts.JsxSelfClosingElement;
      const resolved = context.imports.resolve(element.tagName);
      if (!resolved || !/^@clerk\//.test(resolved.module)) return;
      const entry = Object.hasOwn(COMPONENTS, resolved.path) ? COMPONENTS[resolved.path] : undefined;
      if (entry) context.report(element, { category: entry[0], message: entry[1] });
    };
    return { [ts.SyntaxKind.JsxOpeningElement]: handle, [ts.SyntaxKind.JsxSelfClosingElement]: handle };
  },
});
