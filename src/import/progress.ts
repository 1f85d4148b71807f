/** What a long run reports while it works: the CLI draws a bar from it, the MCP tool sends notifications. */
export type ProgressPhase = 'recheck' | 'snapshot' | 'permissions' | 'roles' | 'organizations' | 'users' | 'verify' | 'rollback';

export type ProgressEvent =
  | { kind: 'phase'; phase: ProgressPhase; total?: number }
  | { kind: 'advance'; phase: ProgressPhase; done: number; total?: number }
  | { kind: 'retry'; message: string }
  | { kind: 'log'; level: 'info' | 'warning'; message: string };

export type ProgressListener = (event: ProgressEvent) => void;

/** Reports a listing of the environment as one growing count (every kind together), page by page. */
export function listingProgress(listener: ProgressListener | undefined): (what: string, listed: number) => void {
  const counts = new Map<string, number>();
  return (what, listed) => {
    counts.set(what, listed);
    let done = 0;
    for (const count of counts.values()) done += count;
    listener?.({ kind: 'advance', phase: 'snapshot', done });
  };
}
