import { Node, SyntaxKind, type ArrowFunction, type FunctionDeclaration, type FunctionExpression, type MethodDeclaration } from 'ts-morph';
import { UnsafeRewrite } from '../transforms/types.js';

export type FunctionLike = FunctionDeclaration | FunctionExpression | ArrowFunction | MethodDeclaration;

const MAX_DEPTH = 4;
/** Methods a framework calls and awaits: NestJS guards, interceptors, middleware, passport validate. */
const FRAMEWORK_METHODS = new Set(['canActivate', 'intercept', 'use', 'validate', 'handle', 'handler']);
const REQUEST_PARAM = /^(?:req|request|ctx|context|c|event)$/;

export interface AsyncPlan {
  /** Functions to make async, innermost first. */
  functions: FunctionLike[];
  /** Call sites to await. */
  calls: Node[];
}

export function enclosingFunction(node: Node): FunctionLike | undefined {
  return node.getFirstAncestor((ancestor): ancestor is FunctionLike =>
    Node.isFunctionDeclaration(ancestor) || Node.isFunctionExpression(ancestor) || Node.isArrowFunction(ancestor) || Node.isMethodDeclaration(ancestor),
  );
}

/**
 * Makes the function around `node` async so `node` may await, then awaits that function at every
 * call site the TypeScript language service finds (in any file of the project), recursively.
 * The whole ripple is planned first: UnsafeRewrite is thrown before anything is edited where it would
 * change behaviour (top-level code, generators, callback-style hooks with a `done` parameter, a function
 * passed around as a value that is not a framework callback, too many levels of callers).
 */
export function makeEnclosingAsync(node: Node): AsyncPlan {
  const plan: AsyncPlan = { functions: [], calls: [] };
  planAsync(node, plan, 0);
  for (const fn of plan.functions) if (!fn.wasForgotten()) setAsync(fn);
  for (const call of plan.calls) if (!call.wasForgotten()) awaitCall(call);
  return plan;
}

function planAsync(node: Node, plan: AsyncPlan, depth: number): void {
  const fn = enclosingFunction(node);
  if (!fn) throw new UnsafeRewrite('the check runs at module level, outside a function: it cannot wait for a Scalekit key fetch');
  if (fn.isAsync() || plan.functions.includes(fn)) return;
  if ((Node.isFunctionDeclaration(fn) || Node.isFunctionExpression(fn) || Node.isMethodDeclaration(fn)) && fn.isGenerator()) {
    throw new UnsafeRewrite('the check runs inside a generator function');
  }
  const params = fn.getParameters().map((parameter) => parameter.getName());
  if (params.at(-1) === 'done' || params.at(-1) === 'cb' || params.at(-1) === 'callback') {
    throw new UnsafeRewrite(`${functionName(fn)} is a callback-style hook (its last parameter is ${params.at(-1)}): make it async without the callback, then run the codemod again`);
  }
  if (depth > MAX_DEPTH) throw new UnsafeRewrite(`making ${functionName(fn)} async would ripple through more than ${MAX_DEPTH} levels of callers`);
  plan.functions.push(fn);
  if (isFrameworkCallback(fn)) return;
  for (const call of callSites(fn)) {
    if (plan.calls.includes(call)) continue;
    plan.calls.push(call);
    planAsync(call, plan, depth + 1);
  }
}

function setAsync(fn: FunctionLike): void {
  fn.setIsAsync(true);
  const returnType = fn.getReturnTypeNode();
  if (returnType && !/^Promise\s*</.test(returnType.getText())) returnType.replaceWithText(`Promise<${returnType.getText()}>`);
}

function functionName(fn: FunctionLike): string {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn.getName() ?? 'the default export';
  const declaration = fn.getParentIfKind(SyntaxKind.VariableDeclaration) ?? fn.getParentIfKind(SyntaxKind.PropertyAssignment);
  return declaration?.getName() ?? 'an anonymous function';
}

/** A function the framework calls: passed as an argument, a method the framework invokes, or a (req, res, next)-style middleware. */
function isFrameworkCallback(fn: FunctionLike): boolean {
  const parent = fn.getParent();
  if (Node.isCallExpression(parent) && parent.getArguments().includes(fn)) return true;
  if (Node.isMethodDeclaration(fn) && FRAMEWORK_METHODS.has(fn.getName())) return true;
  const params = fn.getParameters().map((parameter) => parameter.getName());
  if (params.length >= 2 && REQUEST_PARAM.test(params[0]!) && /^(?:res|response|reply|next|h)$/.test(params[1]!)) return true;
  if (params.length === 2 && params[0] === 'ctx' && params[1] === 'next') return true;
  return false;
}

/** Calls of the function found through the language service; a non-call use that is not an import, export or framework registration is refused. */
function callSites(fn: FunctionLike): Node[] {
  const name = nameNode(fn);
  if (!name) {
    throw new UnsafeRewrite('the function around the check has no name its callers could be found by: make it async and await it by hand');
  }
  const calls: Node[] = [];
  for (const reference of name.findReferencesAsNodes()) {
    if (reference === name) continue;
    const parent = reference.getParent();
    if (!parent) continue;
    if (isDeclarationOrModuleBinding(reference)) continue;
    const callee = Node.isPropertyAccessExpression(parent) && parent.getNameNode() === reference ? parent : reference;
    const call = callee.getParent();
    if (call && Node.isCallExpression(call) && call.getExpression() === callee) {
      if (!isAwaited(call)) calls.push(call);
      continue;
    }
    if (call && Node.isCallExpression(call) && call.getArguments().includes(callee)) continue; // registered as a callback, e.g. router.get('/', verify)
    throw new UnsafeRewrite(`${name.getText()} is used as a value at ${reference.getSourceFile().getBaseName()}:${reference.getStartLineNumber()}; await it there by hand`);
  }
  return calls;
}

function nameNode(fn: FunctionLike): (Node & { findReferencesAsNodes(): Node[] }) | undefined {
  const candidate = Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)
    ? fn.getNameNode()
    : (fn.getParentIfKind(SyntaxKind.VariableDeclaration) ?? fn.getParentIfKind(SyntaxKind.PropertyAssignment))?.getNameNode();
  return candidate && Node.isReferenceFindable(candidate) ? (candidate as Node & { findReferencesAsNodes(): Node[] }) : undefined;
}

function isDeclarationOrModuleBinding(reference: Node): boolean {
  return Boolean(
    reference.getFirstAncestorByKind(SyntaxKind.ImportDeclaration) ||
      reference.getFirstAncestorByKind(SyntaxKind.ExportDeclaration) ||
      reference.getFirstAncestorByKind(SyntaxKind.ExportAssignment) ||
      reference.getParentIfKind(SyntaxKind.ShorthandPropertyAssignment) ||
      reference.getParentIfKind(SyntaxKind.BindingElement) ||
      (Node.isPropertyAssignment(reference.getParent()) && reference.getParent()!.getChildAtIndex(2) === reference) ||
      isExportsAssignment(reference) ||
      reference.getParentIfKind(SyntaxKind.TypeQuery),
  );
}

/** `module.exports.x = x` / `exports.x = x` / `module.exports = x`. */
function isExportsAssignment(reference: Node): boolean {
  const parent = reference.getParent();
  if (!parent || !Node.isBinaryExpression(parent)) return false;
  return /^(?:module\.)?exports\b/.test(parent.getLeft().getText());
}

function isAwaited(call: Node): boolean {
  let parent = call.getParent();
  while (parent && Node.isParenthesizedExpression(parent)) parent = parent.getParent();
  return Boolean(parent && Node.isAwaitExpression(parent));
}

/** `f(x)` -> `await f(x)`, parenthesized where the call was an operand (`(await f(x)).user`). */
function awaitCall(call: Node): void {
  const parent = call.getParent();
  const needsParens =
    parent &&
    (Node.isPropertyAccessExpression(parent) || Node.isElementAccessExpression(parent) || (Node.isCallExpression(parent) && parent.getExpression() === call) || Node.isNonNullExpression(parent));
  call.replaceWithText(needsParens ? `(await ${call.getText()})` : `await ${call.getText()}`);
}
