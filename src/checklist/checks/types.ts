export interface CheckContext {
  workspace: string;
  signal?: AbortSignal;
  /** Lookups the checks of one checklist read share (the three redirect items read the client once); each read has its own. */
  shared?: Map<string, Promise<unknown>>;
}

export interface CheckResult {
  ok: boolean;
  /** What the check saw, in one line: shown beside the item. */
  detail: string;
}

/** A check a program can run instead of a person ticking the item. Runs on every checklist read. */
export type AutomaticCheck = (context: CheckContext) => Promise<CheckResult>;
