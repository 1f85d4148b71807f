/** `dual` keeps the legacy path behind AUTH_PROVIDER; `scalekit` removes it. */
export const CODEMOD_MODES = ['dual', 'scalekit'] as const;
export type CodemodMode = (typeof CODEMOD_MODES)[number];

/** `jwks`: jose with a JWKS cache refetched on an unknown kid (default). `sdk`: the Scalekit SDK's validateToken. */
export const VERIFY_METHODS = ['jwks', 'sdk'] as const;
export type VerifyMethod = (typeof VERIFY_METHODS)[number];

export interface MiddlewareCodemodOptions {
  /** Where `.scalekit-migration/` lives (the audit, the migration package); paths stay inside it. */
  workspace: string;
  /** The application folder, relative to the workspace (default: the workspace). */
  dir?: string;
  mode?: CodemodMode;
  verify?: VerifyMethod;
  /** Write the changes; without it nothing is written (dry run). */
  apply?: boolean;
  /** Write even when the git tree has uncommitted changes. */
  force?: boolean;
  /** Migration package whose roles.ndjson names the legacy roles (default: the one export wrote last). */
  packageDir?: string;
  /** Refuse a packageDir outside the workspace (default; the CLI turns it off for the path a person typed). */
  confine?: boolean;
  signal?: AbortSignal;
}
