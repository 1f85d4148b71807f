import type { Finding } from '../report.js';
import { ruleCategories, type EmitContext, type FactSink, type Rule } from '../rules/types.js';
import { emptyFacts, type FileFacts, type Position, type ReportOverrides, type TableDraft } from './file-result.js';

/** Gathers what the rules emit for one file; one finding per rule, line and category. */
export class FileCollector {
  readonly findings: Finding[] = [];
  readonly tables: TableDraft[] = [];
  readonly facts: FileFacts = emptyFacts();
  private readonly seen = new Set<string>();

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  contextFor(rule: Rule): EmitContext {
    const collector = this;
    return {
      file: this.file,
      text: this.text,
      reportAt(position, overrides) {
        collector.add(rule, position, overrides);
      },
      facts: this.factSink(),
      table(draft) {
        collector.tables.push({ ...draft, ruleId: rule.id, file: collector.file });
      },
    };
  }

  add(rule: Rule, position: Position, overrides: ReportOverrides = {}): void {
    const categories = ruleCategories(rule);
    const category = overrides.category ?? categories[0]!;
    if (!categories.includes(category)) {
      throw new Error(`rule ${rule.id} reported category "${category}", which it does not declare`);
    }
    const key = `${rule.id}\0${position.line}\0${category}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push({
      ruleId: rule.id,
      category,
      file: this.file,
      line: position.line,
      column: position.column,
      message: overrides.message ?? rule.message,
      confidence: overrides.confidence ?? rule.confidence,
    });
  }

  private factSink(): FactSink {
    const { facts, file } = this;
    return {
      jwt: (fact, at) => facts.jwt.push({ ...fact, file, line: at.line }),
      session: (fact, at) => facts.sessions.push({ ...fact, file, line: at.line }),
      cookie: (fact, at) => facts.cookies.push({ ...fact, file, line: at.line }),
      lifetime: (fact, at) => facts.lifetimes.push({ ...fact, file, line: at.line }),
      secret: (name, at) => facts.secrets.push({ name, file, line: at.line }),
      role: (name, at) => facts.roles.push({ name, file, line: at.line }),
      permission: (name, at) => facts.permissions.push({ name, file, line: at.line }),
    };
  }
}
