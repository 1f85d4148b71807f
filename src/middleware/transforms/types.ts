import type { Node, Project, SourceFile } from 'ts-morph';
import type { CodemodMode } from '../options.js';
import type { FollowUp } from '../result.js';

/** Names the generated auth module exports that call sites import. */
export type AuthExport =
  | 'authenticateToken'
  | 'authenticateTokenCallback'
  | 'expressAuth'
  | 'isAuthenticatedRequest'
  | 'scalekitSessionUser'
  | 'scalekitKoaSessionUser'
  | 'koaAuth'
  | 'verifyFastifyRequest'
  | 'dualJwtStrategy'
  | 'ScalekitJwtStrategy'
  | 'scalekitJwtDecode'
  | 'scalekitSession'
  | 'hasRole'
  | 'hasAnyRole';

/** A rewrite that is not safe here: the transform leaves the code and the runner lists a follow-up. */
export class UnsafeRewrite extends Error {
  constructor(
    message: string,
    readonly kind: FollowUp['kind'] = 'not-rewritten',
  ) {
    super(message);
  }
}

export interface TransformContext {
  mode: CodemodMode;
  project: Project;
  /** Imports `name` from the generated auth module into `file` (reusing or aliasing as needed); returns the local name. */
  useAuth(file: SourceFile, name: AuthExport): string;
  /** Records an edit at `node` (call before replacing it, so the line is the original one). */
  rewrite(node: Node, message: string): void;
  /** Records a site this transform owns that is already in its final form (a second run). */
  alreadyDone(node: Node): void;
  followUp(node: Node, kind: FollowUp['kind'], message: string): void;
  /**
   * Makes the function around `node` async and awaits it at its callers (in any file); throws UnsafeRewrite when it
   * cannot. `rejects`: the awaited call throws on a bad credential, so middleware without a try block is listed for review.
   */
  makeAsync(node: Node, rejects?: boolean): void;
  /** Removes these import bindings and secret constants from the file once the transform is done, if nothing uses them any more. */
  dropIfUnused(file: SourceFile, names: Iterable<string>): void;
  /** Runs one site's rewrite; an UnsafeRewrite puts back what it touched and lists the site as a follow-up. */
  site(node: Node, rewrite: () => void): void;
}

/** One codemod step: finds one legacy pattern in a file and rewrites it for the mode. */
export interface Transform {
  id: string;
  description: string;
  /** Audit rules whose findings this transform settles in a file it rewrote (or found already rewritten). */
  settles: readonly string[];
  /** Audit rules that only wire the pattern up elsewhere (AuthGuard('jwt'), passport.authenticate('jwt')): settled in every file once this transform ran. */
  settlesEverywhere?: readonly string[];
  /** Cheap pre-check on the file's text. */
  appliesTo(file: SourceFile): boolean;
  run(file: SourceFile, context: TransformContext): void;
}
