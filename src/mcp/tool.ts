import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { NextStep } from './next-step.js';

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error';

/** What a tool handler may use besides its input: never the MCP objects themselves. */
export interface ToolContext {
  /** The workspace the server was started for; a tool's `workspace` input must stay inside it. */
  serverRoot: string;
  signal: AbortSignal;
  /** Sends a progress notification when the client asked for them. */
  progress(done: number, total?: number, message?: string): Promise<void>;
  log(level: LogLevel, message: string): Promise<void>;
}

export interface ToolOutcome<Output> {
  structured: Output;
  /** The readable text block shown beside the structured result (without its next line). */
  text: string;
  /** What to do next: rendered as the text's last line (next-step.ts). */
  next?: NextStep;
}

type Hints = Required<Pick<ToolAnnotations, 'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint'>>;

export interface ToolDefinition<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  inputSchema: Input;
  outputSchema: Output;
  annotations: Hints;
  /**
   * What `mcp --read-only` registers instead of a writing tool, when the tool has a form that
   * writes nothing (readOnlyHint true). A writing tool without one is left out of a read-only server.
   */
  readOnlyVariant?: ToolDefinition;
  run(input: z.output<Input>, context: ToolContext): Promise<ToolOutcome<z.output<Output>>>;
}

/** Identity with types: lets each tool file declare its schemas once and get typed handlers. */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  definition: ToolDefinition<Input, Output>,
): ToolDefinition<Input, Output> {
  return definition;
}
