import { relative, sep } from 'node:path';
import { Node, type Project, type SourceFile } from 'ts-morph';
import { moduleSpecifier, type AppProfile } from './app-profile.js';
import { removeLeftovers } from './edit/call-sites.js';
import { importNamed, isCommonJsFile } from './edit/imports.js';
import { enclosingFunction, makeEnclosingAsync } from './edit/make-async.js';
import { matchFileStyle } from './edit/replace.js';
import type { CodemodMode } from './options.js';
import type { FollowUp, MiddlewareResult } from './result.js';
import { UnsafeRewrite, type AuthExport, type Transform, type TransformContext } from './transforms/types.js';

type Rewrite = MiddlewareResult['rewrites'][number];
type Failure = MiddlewareResult['failures'][number];

/**
 * One codemod run's state: what was rewritten, settled, left for a person, or failed; and the
 * context transforms edit through. Every edit is guarded: a site that cannot be rewritten safely, or a
 * transform that throws, has its files restored to the text they had before it started.
 */
export class CodemodSession implements TransformContext {
  readonly rewrites: Rewrite[] = [];
  readonly followUps: FollowUp[] = [];
  readonly failures: Failure[] = [];
  /** file -> audit rules settled there; `*` for rules settled in every file. */
  readonly settled = new Map<string, Set<string>>();
  private transform: Transform | undefined;
  private readonly leftovers = new Map<SourceFile, Set<string>>();

  constructor(
    readonly mode: CodemodMode,
    readonly project: Project,
    private readonly profile: AppProfile,
  ) {}

  relative(file: SourceFile): string {
    return relative(this.profile.root, file.getFilePath()).split(sep).join('/');
  }

  useAuth(file: SourceFile, name: AuthExport): string {
    const specifier = moduleSpecifier(this.profile, file, this.profile.authModulePath);
    return importNamed(file, specifier, name, isCommonJsFile(file, this.profile.packageType));
  }

  rewrite(node: Node, message: string): void {
    const file = node.getSourceFile();
    this.rewrites.push({ transform: this.transform?.id ?? 'unknown', file: this.relative(file), line: node.getStartLineNumber(), message });
    this.settle(file);
  }

  alreadyDone(node: Node): void {
    this.settle(node.getSourceFile());
  }

  followUp(node: Node, kind: FollowUp['kind'], message: string): void {
    this.followUps.push({ file: this.relative(node.getSourceFile()), line: node.getStartLineNumber(), kind, message });
  }

  dropIfUnused(file: SourceFile, names: Iterable<string>): void {
    const set = this.leftovers.get(file) ?? new Set<string>();
    for (const name of names) set.add(name);
    this.leftovers.set(file, set);
  }

  makeAsync(node: Node, rejects = false): void {
    const plan = makeEnclosingAsync(node);
    if (!rejects) return;
    for (const site of [node, ...plan.calls]) {
      if (site.wasForgotten()) continue;
      const fn = enclosingFunction(site);
      const takesNext = fn?.getParameters().some((parameter) => parameter.getName() === 'next');
      const guarded = site.getAncestors().some((ancestor) => {
        const parent = ancestor.getParent();
        return Node.isBlock(ancestor) && parent !== undefined && Node.isTryStatement(parent) && parent.getTryBlock() === ancestor;
      });
      if (takesNext && !guarded) {
        this.followUp(site, 'review', 'this middleware is async now and the check is not in a try block: Express 5 and Koa pass a rejection on, Express 4 does not (wrap it in try/catch and call next(error) there)');
      }
    }
  }

  /** Runs one site's rewrite; an UnsafeRewrite restores what it touched and becomes a follow-up at the site. */
  site(node: Node, rewrite: () => void): void {
    const line = node.getStartLineNumber();
    const file = node.getSourceFile();
    const before = this.snapshot();
    try {
      matchFileStyle(file);
      rewrite();
    } catch (error) {
      if (!(error instanceof UnsafeRewrite)) throw error;
      this.restore(before);
      this.followUps.push({ file: this.relative(file), line, kind: error.kind, message: error.message, ruleId: undefined });
      this.settle(file);
    }
  }

  /** Runs a transform on a file; if it throws, every file it changed is put back and the failure reported. */
  run(transform: Transform, file: SourceFile): void {
    this.transform = transform;
    const before = this.snapshot();
    try {
      matchFileStyle(file);
      transform.run(file, this);
      for (const [touched, names] of this.leftovers) if (!touched.wasForgotten()) removeLeftovers(touched, names);
    } catch (error) {
      const changed = this.restore(before);
      const files = [...new Set([this.relative(file), ...changed.map((changedFile) => this.relative(changedFile))])];
      const message = error instanceof Error ? error.message : String(error);
      this.failures.push({ transform: transform.id, files, error: message });
      this.followUps.push({ file: this.relative(file), line: 1, kind: 'transform-failed', message: `${transform.id} failed and this file was left as it was: ${message}. Rewrite it by hand.` });
    } finally {
      this.transform = undefined;
      this.leftovers.clear();
    }
  }

  /** Marks one audit rule settled in a file (by a check run after the transforms). */
  settleRule(file: string, ruleId: string): void {
    const rules = this.settled.get(file) ?? new Set<string>();
    rules.add(ruleId);
    this.settled.set(file, rules);
  }

  private settle(file: SourceFile): void {
    if (!this.transform) return;
    const key = this.relative(file);
    const rules = this.settled.get(key) ?? new Set<string>();
    for (const rule of this.transform.settles) rules.add(rule);
    this.settled.set(key, rules);
    const everywhere = this.settled.get('*') ?? new Set<string>();
    for (const rule of this.transform.settlesEverywhere ?? []) everywhere.add(rule);
    this.settled.set('*', everywhere);
  }

  private snapshot(): Map<SourceFile, string> {
    return new Map(this.project.getSourceFiles().map((file) => [file, file.getFullText()]));
  }

  private restore(snapshot: Map<SourceFile, string>): SourceFile[] {
    const changed: SourceFile[] = [];
    for (const [file, text] of snapshot) {
      if (file.wasForgotten() || file.getFullText() === text) continue;
      file.replaceWithText(text);
      changed.push(file);
    }
    return changed;
  }
}
