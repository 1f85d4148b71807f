import { ts } from 'ts-morph';
import type { Category } from '../../categories.js';
import type { AstRule } from '../types.js';
import { declaredNamesGate } from '../../js/gates.js';

/**
 * Auth flows written without a library, found by what their functions and methods are called:
 * `register`, `forgotPassword`, `confirmEmail`, `refreshToken`, `logout` in a service or controller.
 * Names only count when the function has a body (not an interface or an abstract declaration).
 */
const NAMES: ReadonlyArray<readonly [Category, RegExp]> = [
  ['password-reset', /^(?:forgot|reset|recover|request(?:Password)?Reset)Password(?:Request|Token|Email)?$|^(?:send|create|verify|validate|check)(?:Password)?Reset(?:Token|Link|Email)?$|^passwordReset\w*$|^\w+(?:PasswordReset|ResetPassword)Token$|^(?:generate|email|send|mail)\w*ResetToken$|^setNew(?:User)?Password$/],
  // Not an organisation's email *domain* (`verifyEmailDomain`): that is domain verification.
  ['email-verification', /^(?:confirm|verify|activate|resend(?:Confirmation|Verification)?)(?:New)?(?:Email|Account|Confirmation|Verification)(?!\w*Domain)\w*$|^(?:send|create)(?:Email)?(?:Confirmation|Verification)(?:Email|Token|Link)?$|^userSignUp(?:Email|Mail)?$/],
  ['refresh-token', /^refresh(?:Access)?Tokens?$|^(?:rotate|revoke)RefreshTokens?$/],
  ['signup', /^(?:register|signUp|signup|registerUser|createAccount|createNewUser)$|^register(?:New)?(?:User|Account|Admin|Member)(?:And\w+)?$|^(?:register|signUp|signup)(?:Page|View|Screen)$/],
  ['logout', /^(?:logout|logOut|signOut|signout)$/],
  ['rbac', /^(?:has|check|require|ensure)(?:Authorization|Ownership|Permissions?|Access)$|^(?:isOwner|canEdit|canDelete|canManage)$/],
  ['oauth-provider', /^(?:auth|oauth|oAuth|sso|social|provider)Callback$|^(?:validate|handle|verify|process)?(?:Social|OAuth|OAuth2|Sso|SSO|Oidc|OIDC|Google|Github|GitHub|Facebook|Apple|Microsoft)(?:Login|SignIn|Signin|Callback)$/],
  ['login', /^(?:login|logIn|signIn|signin|loginUser|authenticateUser)$|^(?:login|logIn|signIn|signin)(?:Page|View|Screen)$/],
];

/** Request validators and forms named for a flow (`RegisterValidator`, `UserLoginForm`). */
const CLASS_NAMES: ReadonlyArray<readonly [Category, RegExp]> = [
  ['signup', /^\w*(?:Register|Registration|SignUp|Signup)\w*(?:Validator|Form)$/],
  ['login', /^\w*(?:Login|LogIn|SignIn|Signin)\w*(?:Validator|Form)$/],
  ['password-reset', /^\w*(?:ResetPassword|PasswordReset|ForgotPassword)\w*(?:Validator|Form)$/],
];

function categoryOf(name: string): Category | undefined {
  return NAMES.find(([, pattern]) => pattern.test(name))?.[0];
}

function nameOf(node: ts.Node): ts.Identifier | undefined {
  if ((ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node)) && node.body && node.name && ts.isIdentifier(node.name)) return node.name;
  // `exports.signup = function (...) {}` and `exports.authCallback = login` (CommonJS controllers).
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && /^(?:module\.)?exports$/.test(node.left.expression.getText())) {
    const value = node.right;
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value) || ts.isIdentifier(value) || ts.isCallExpression(value)) return ts.isIdentifier(node.left.name) ? node.left.name : undefined;
  }
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) return node.name;
  if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) return node.name;
  return undefined;
}

const rule: AstRule = {
  id: 'js.flow.function-name',
  kind: 'ast',
  ecosystem: 'javascript',
  category: NAMES.map(([category]) => category),
  confidence: 'medium',
  message: 'Auth flow implemented by the app (named for it): it moves to Scalekit or goes away',
  gate: declaredNamesGate(NAMES.map(([, pattern]) => pattern), CLASS_NAMES.map(([, pattern]) => pattern)),
  keywords: ['register', 'signUp', 'signup', 'Password', 'password', 'Email', 'refresh', 'logout', 'logOut', 'signOut', 'signout', 'Account', 'login', 'logIn', 'signIn', 'signin', 'authenticateUser', 'Login', 'SignIn', 'Signin', 'Callback', 'Register', 'SignUp', 'Signup', 'LogIn', 'Authorization', 'Ownership', 'Permission', 'Access', 'isOwner', 'canEdit', 'canDelete', 'canManage'],
  create(context) {
    const visit = (node: ts.Node) => {
      const name = nameOf(node);
      const category = name ? categoryOf(name.text) : undefined;
      // A bare `register()` also subscribes listeners or plugins: it is a sign-up only when it handles accounts.
      if (name?.text === 'register' && !/password|email|user|account|credential|sign-?up/i.test(node.getText(context.sourceFile))) return;
      if (name && category) context.report(name, { category, message: `${name.text}: ${category} flow implemented by the app; it moves to Scalekit or goes away` });
    };
    return {
      [ts.SyntaxKind.MethodDeclaration]: visit,
      [ts.SyntaxKind.FunctionDeclaration]: visit,
      [ts.SyntaxKind.VariableDeclaration]: visit,
      [ts.SyntaxKind.PropertyAssignment]: visit,
      [ts.SyntaxKind.BinaryExpression]: visit,
      [ts.SyntaxKind.ClassDeclaration](node) {
        const name = (node as ts.ClassDeclaration).name;
        const category = name ? CLASS_NAMES.find(([, pattern]) => pattern.test(name.text))?.[0] : undefined;
        if (name && category) context.report(name, { category, message: `${name.text}: ${category} form or validator of the app; it goes away when the flow moves to Scalekit` });
      },
    };
  },
};

export default rule;
