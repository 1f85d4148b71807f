import { z } from 'zod';
import { MANUAL_STATUSES } from './state.js';

/** The checklist as the CLI's --json prints it and the MCP tool returns it as structuredContent. */
export const itemReportSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(MANUAL_STATUSES),
  /** Who decided the status: an automatic check, a person (or assistant), or nobody yet. */
  source: z.enum(['automatic', 'manual', 'none']),
  tool: z.string().optional(),
  check: z.object({ ok: z.boolean(), detail: z.string() }).optional(),
  note: z.string().optional(),
  /** Set when a manual status and the automatic check disagree. */
  attention: z.string().optional(),
});

export const sectionReportSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['phase', 'review']),
  number: z.number().int().optional(),
  counts: z.record(z.enum(MANUAL_STATUSES), z.number().int()),
  items: z.array(itemReportSchema),
});

export const checklistReportSchema = z.object({
  workspace: z.string(),
  statePath: z.string(),
  currentPhase: z.object({ id: z.string(), number: z.number().int(), title: z.string() }).nullable(),
  nextAction: z.object({ itemId: z.string(), title: z.string(), tool: z.string().optional(), blocked: z.boolean() }).nullable(),
  /** Items still open in phases before the current one: steps for a person that no tool decides. */
  openBehind: z.array(z.object({ itemId: z.string(), title: z.string() })).optional(),
  counts: z.record(z.enum(MANUAL_STATUSES), z.number().int()),
  updated: z.array(z.string()),
  sections: z.array(sectionReportSchema),
  /** The migration report (report.html) this call wrote, when asked to. */
  report: z.string().optional(),
});

export type ItemReport = z.infer<typeof itemReportSchema>;
export type SectionReport = z.infer<typeof sectionReportSchema>;
export type ChecklistReport = z.infer<typeof checklistReportSchema>;
