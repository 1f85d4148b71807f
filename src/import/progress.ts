/** What a long run reports while it works: the CLI draws a bar from it, the MCP tool sends notifications. */
export type ProgressPhase = 'recheck' | 'snapshot' | 'permissions' | 'roles' | 'organizations' | 'users' | 'verify' | 'rollback';

export type ProgressEvent =
  | { kind: 'phase'; phase: ProgressPhase; total?: number }
  | { kind: 'advance'; phase: ProgressPhase; done: number; total?: number }
  | { kind: 'retry'; message: string }
  | { kind: 'log'; level: 'info' | 'warning'; message: string };

export type ProgressListener = (event: ProgressEvent) => void;
