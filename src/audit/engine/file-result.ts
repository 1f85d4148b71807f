import type { Category, Confidence } from '../categories.js';
import type {
  Column,
  CookieFact,
  Finding,
  ForeignKey,
  JwtFact,
  LifetimeFact,
  ModelSource,
  Relation,
  SessionFact,
  SkippedFile,
} from '../report.js';
import type { FileLinks, LinkSummary } from '../js/links.js';

export interface Position {
  line: number;
  column: number;
}

/** A table, collection or model as one file declares it, before it is classified and merged. */
export interface TableDraft {
  ruleId: string;
  name: string;
  model?: string;
  source: ModelSource;
  file: string;
  line: number;
  column: number;
  columns: Column[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  relations: Relation[];
  /** What the table is when its class says so whatever its name (a Django AbstractBaseUser subclass is the user table). */
  kindHint?: 'user';
  /** True for ALTER TABLE / knex alterTable: columns to add to a table declared elsewhere. */
  alteration?: boolean;
  /** The rule already reported this declaration on its own line: the data model adds no finding for it. */
  reportedByRule?: boolean;
  /** A schema dump (Rails db/schema.rb): the table as it is now; migrations' drafts of it are dropped. */
  schemaDump?: boolean;
}

export interface NamedOccurrence {
  name: string;
  file: string;
  line: number;
}

export interface FileFacts {
  jwt: JwtFact[];
  sessions: SessionFact[];
  cookies: CookieFact[];
  lifetimes: LifetimeFact[];
  secrets: NamedOccurrence[];
  roles: NamedOccurrence[];
  permissions: NamedOccurrence[];
}

/** What one file contributes to the audit; small and plain, so a worker can post it back. */
export interface FileResult {
  file: string;
  /** Passed the keyword prefilter and went through the rules. */
  analyzed: boolean;
  findings: Finding[];
  tables: TableDraft[];
  facts: FileFacts;
  /** JS/TS and Python: imports of the app's own modules and top-level declarations (engine/wrappers.ts). */
  links?: FileLinks;
  /** JS/TS: what it imports, until engine/wrappers.ts needs the full links of the file. */
  linkSummary?: LinkSummary;
  skipped?: SkippedFile;
}

export interface ReportOverrides {
  category?: Category;
  message?: string;
  confidence?: Confidence;
}

export function emptyFacts(): FileFacts {
  return { jwt: [], sessions: [], cookies: [], lifetimes: [], secrets: [], roles: [], permissions: [] };
}
