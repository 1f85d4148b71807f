import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { SourceFile } from 'ts-morph';
import { runAudit } from '../audit/engine/run-audit.js';
import type { Finding } from '../audit/report.js';
import { UserInputError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { resolveInside, resolveWorkspace } from '../workspace/confine.js';
import { migrationDir } from '../workspace/paths.js';
import { profileApp, type AppProfile } from './app-profile.js';
import { inferClaimsShape, isTestFile } from './claims-shape.js';
import { authModuleSource, FIELDS_MARKER, GENERATED_MARKER } from './generated/auth-module.js';
import { completeMapping, isUserKeyField, type MappedField } from './generated/claims-mapping.js';
import { clientModuleSource } from './generated/client-module.js';
import { appPrettier } from './edit/prettier.js';
import { detectStyle, restyle } from './edit/restyle.js';
import { pruneModule } from './generated/prune.js';
import { renderForApp } from './generated/render.js';
import { appEslintDirectives } from './edit/eslint-directives.js';
import { authBindings } from './edit/call-sites.js';
import { gitState } from './git-state.js';
import type { MiddlewareCodemodOptions } from './options.js';
import { addDependencies } from './package-json.js';
import { loadProject } from './project.js';
import { checksSettledInHelpers, followUpsForFindings } from './follow-ups.js';
import type { FileChange, FollowUp, MiddlewareResult } from './result.js';
import { saveMiddlewareResult } from './result-file.js';
import { recordCodemodRun } from './run-record.js';
import { readRoleNames } from './role-names.js';
import { scalekitAwareFiles } from './scalekit-aware.js';
import { CodemodSession } from './session.js';
import { TRANSFORMS } from './transforms/index.js';

const JS_FILE = /\.[cm]?[jt]sx?$/;
/** Categories whose findings the transforms act on. */
const ACTED_ON = new Set(['session-middleware', 'rbac']);
/** Categories whose findings are reported (acted on, or listed as follow-ups). */
const CONSIDERED = new Set(['session-middleware', 'rbac', 'token-issuance', 'login', 'logout', 'refresh-token']);

/**
 * Phase 4's codemod: finds where the app validates legacy credentials (from a fresh audit of `dir`),
 * rewrites those places to accept Scalekit access tokens (mode dual: beside the legacy ones, by
 * AUTH_PROVIDER; mode scalekit: alone), generates the app's Scalekit auth and client modules, and
 * returns a unified diff per file with the follow-ups left for a person. Writes only with `apply`,
 * and then only into a clean git tree (or with `force`).
 */
export async function runMiddlewareCodemod(options: MiddlewareCodemodOptions): Promise<MiddlewareResult> {
  const workspace = resolveWorkspace(options.workspace);
  const root = resolveInside(workspace, options.dir ?? '.', 'dir');
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UserInputError(`dir "${options.dir ?? '.'}" is not a folder inside the workspace ${workspace}`);
  const mode = options.mode ?? 'dual';
  const verify = options.verify ?? 'jwks';

  const report = await runAudit({ root, signal: options.signal });
  const { project, files } = loadProject(root);
  const generated = new Set(files.filter((file) => file.getFullText().includes(GENERATED_MARKER)));
  const appFiles = files.filter((file) => !generated.has(file));
  const byPath = new Map(appFiles.map((file) => [relativePath(root, file.getFilePath()), file]));
  // Test files exercise the auth code; rewriting them or listing them as follow-ups is noise.
  const findings = report.findings.filter((finding) => JS_FILE.test(finding.file) && byPath.has(finding.file) && !isTestFile(byPath.get(finding.file)!) && CONSIDERED.has(finding.category) && !isNoise(finding, byPath.get(finding.file)!));
  // Files an earlier run rewrote import the generated module: scalekit mode finishes them even where the audit no longer sees legacy code.
  const rewrittenBefore = appFiles.filter((file) => authBindings(file).size > 0).map((file) => relativePath(root, file.getFilePath()));
  // Files the audit could not read or parse, and files the TypeScript parser finds broken, are never edited: they are reported.
  const skipped = [
    ...report.skipped.filter((entry) => JS_FILE.test(entry.file)).map((entry) => ({ file: entry.file, reason: entry.reason, ...(entry.detail ? { detail: entry.detail } : {}) })),
    ...appFiles.filter(hasSyntaxErrors).map((file) => ({ file: relativePath(root, file.getFilePath()), reason: 'parse-error', detail: syntaxError(file) })),
  ].filter((entry, index, all) => all.findIndex((other) => other.file === entry.file) === index);
  const skippedFiles = new Set(skipped.map((entry) => entry.file));
  const candidates = [...new Set([...findings.filter((finding) => ACTED_ON.has(finding.category)).map((finding) => finding.file), ...rewrittenBefore])].sort().filter((path) => !skippedFiles.has(path)).map((path) => byPath.get(path)!);

  const profile = placeModules(profileApp(root, candidates), generated);
  const roleNames = await readRoleNames(workspace, options.packageDir, options.confine ?? true);
  const sessionUser = appFiles.some((file) => /\.deserializeUser\s*\(/.test(file.getFullText()));
  // Session apps hand the legacy id to their own deserializeUser as `user.id`.
  const sessionId: MappedField[] = sessionUser ? [{ name: 'id', source: 'user-id' }] : [];
  const mapping = completeMapping([...inferClaimsShape(root, appFiles, { sessionUser, generated }), ...previousFields(generated, profile), ...sessionId], roleNames.names, roleNames.aliases);
  const originals = new Map(files.map((file) => [file, file.getFullText()]));

  const session = new CodemodSession(mode, project, profile);
  for (const file of candidates) {
    for (const transform of TRANSFORMS) {
      options.signal?.throwIfAborted();
      if (!file.wasForgotten() && transform.appliesTo(file)) session.run(transform, file);
    }
  }

  for (const file of scalekitAwareFiles(root, appFiles)) session.settleRule(file, 'js.request.authorization-header');

  const changes: Array<{ path: string; before: string | undefined; after: string; transforms: string[] }> = [];
  for (const file of appFiles) {
    const before = originals.get(file)!;
    const after = file.getFullText();
    if (after === before) continue;
    const relativeFile = relativePath(root, file.getFilePath());
    changes.push({ path: file.getFilePath(), before, after, transforms: [...new Set(session.rewrites.filter((rewrite) => rewrite.file === relativeFile).map((rewrite) => rewrite.transform))] });
  }
  // Only what the rewritten code imports goes into the generated module (and what that needs).
  const usedExports = new Set(appFiles.filter((file) => !file.wasForgotten()).flatMap((file) => [...authBindings(file).values()]));
  const clientSpecifier = './' + basename(profile.clientModulePath).replace(/\.ts$/, profile.nodeNextResolution ? '.js' : '');
  // The TypeScript version decides syntax and typings of TypeScript output only (a JavaScript app's compiler is irrelevant).
  const appTypeScript = profile.language === 'typescript' ? profile.typescript : undefined;
  const modules = [
    { path: profile.authModulePath, text: renderForApp(pruneModule(authModuleSource({ mode, verify, mapping, clientSpecifier, next: profile.next, nest: profile.nest, typescript: appTypeScript }), usedExports), profile) },
    { path: profile.clientModulePath, text: renderForApp(clientModuleSource({ typescript: appTypeScript }), profile) },
  ];
  // Edits in the app's style: the generated modules in its quotes and semicolons, then everything through its own
  // Prettier when it has one (edited files only if they were formatted with it before).
  const style = detectStyle(appFiles.slice(0, 200).map((file) => originals.get(file)!));
  for (const module of modules) module.text = restyle(module.text, style);
  const prettier = appPrettier(root);
  if (prettier) {
    for (const module of modules) module.text = (await prettier(module.path, module.text)) ?? module.text;
    for (const change of changes) {
      if (change.before !== undefined && (await prettier(change.path, change.before)) === change.before) change.after = (await prettier(change.path, change.after)) ?? change.after;
    }
  }
  // Only the ESLint directives the app's own config needs (none when the modules lint clean under it).
  const eslintDirectives = appEslintDirectives(root);
  if (eslintDirectives) for (const module of modules) module.text = await eslintDirectives(module.path, module.text);
  for (const module of modules) {
    const before = existsSync(module.path) ? readFileSync(module.path, 'utf8') : undefined;
    if (before !== module.text) changes.push({ path: module.path, before, after: module.text, transforms: ['generated'] });
  }
  const dependencies = addDependencies(profile.packageJson, verify === 'jwks' ? ['jose', '@scalekit-sdk/node'] : ['@scalekit-sdk/node', 'jose'], profile.format, profile.typescript);
  if (dependencies.text && profile.packageJson) changes.push({ path: profile.packageJson, before: readFileSync(profile.packageJson, 'utf8'), after: dependencies.text, transforms: ['package.json'] });

  const followUps = [
    ...session.followUps,
    ...followUpsForFindings(findings, session.settled, mode, checksSettledInHelpers(findings, byPath)),
    ...claimFollowUps(mapping.fields, profile.language),
    ...(dependencies.text ? [dependencyFollowUp(root, profile, dependencies.added)] : []),
    ...skipped.map((entry) => ({ file: entry.file, line: 1, kind: 'review' as const, message: `not examined by the codemod (${entry.reason}${entry.detail ? `: ${entry.detail}` : ''}): check it for legacy token or session checks by hand` })),
    environmentFollowUp(root, profile, mode),
  ];

  const fileChanges: FileChange[] = changes.map((change) => {
    const file = relativePath(root, change.path);
    return {
      file,
      status: change.before === undefined ? 'created' : 'modified',
      transforms: change.transforms,
      diff: createTwoFilesPatch(change.before === undefined ? '/dev/null' : `a/${file}`, `b/${file}`, change.before ?? '', change.after, undefined, undefined, { context: 3 }),
    };
  });

  let applied = false;
  if (options.apply && changes.length > 0) {
    const git = gitState(root);
    if (git.dirty.length > 0 && !options.force) {
      throw new UserInputError(
        `${root} has uncommitted changes (${git.dirty.slice(0, 5).join(', ')}${git.dirty.length > 5 ? `, and ${git.dirty.length - 5} more` : ''}): ` +
          'commit or stash them first so the codemod\'s edits can be reviewed and reverted on their own (force overrides this)',
      );
    }
    for (const change of changes) await writeChange(change.path, change.after);
    applied = true;
  }
  if (options.apply) await recordCodemodRun(workspace, { dir: relativePath(workspace, root) || '.', mode, verify, appliedAt: new Date().toISOString(), changedFiles: fileChanges.map((change) => change.file) });

  const sortedFollowUps = followUps.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const result: MiddlewareResult = {
    tool: 'updateMiddleware',
    dir: root,
    mode,
    verify,
    applied,
    unchanged: changes.length === 0,
    generatedModule: {
      auth: relativePath(root, profile.authModulePath),
      client: relativePath(root, profile.clientModulePath),
      language: profile.language,
      format: profile.format,
    },
    claims: { fields: mapping.fields, roleNames: mapping.roleNames, roleAliases: mapping.roleAliases, ...(roleNames.from ? { roleNamesFrom: relativePath(workspace, roleNames.from) } : {}) },
    files: fileChanges,
    rewrites: session.rewrites,
    followUps: sortedFollowUps,
    failures: session.failures,
    dependencies: { added: dependencies.added, ...(profile.packageJson ? { packageJson: relativePath(root, profile.packageJson) } : {}) },
    audit: { findings: report.findings.length, considered: findings.length },
    skipped,
    summary: { filesChanged: fileChanges.length, rewrites: session.rewrites.length, followUps: sortedFollowUps.length, failures: session.failures.length, skipped: skipped.length },
  };
  // A dry run leaves the app's tree as it was: its result is kept only where a migration folder already exists.
  if (options.apply || existsSync(migrationDir(workspace))) await saveMiddlewareResult(workspace, result);
  return result;
}

/**
 * Findings that are not what their category says, for this phase: passport.authorize() links an account (not a
 * role check); an import or plugin registration of a hashing library is not a login route.
 */
function isNoise(finding: Finding, file: SourceFile): boolean {
  const line = file.getFullText().split('\n')[finding.line - 1] ?? '';
  if (finding.category === 'rbac' && /\bpassport\.authorize\s*\(/.test(line)) return true;
  if ((finding.category === 'login' || finding.category === 'token-issuance') && /^\s*(?:import\b|(?:const|let|var)\s+[\w${}\s,]+=\s*require\s*\(|[\w$.]+\.register\s*\()/.test(line)) return true;
  return false;
}

function hasSyntaxErrors(file: SourceFile): boolean {
  return ((file.compilerNode as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0) > 0;
}

function syntaxError(file: SourceFile): string {
  const [first] = (file.compilerNode as unknown as { parseDiagnostics: Array<{ start?: number; messageText: unknown }> }).parseDiagnostics;
  const line = first?.start !== undefined ? file.getLineAndColumnAtPos(first.start).line : 1;
  return `line ${line}: ${typeof first?.messageText === 'string' ? first.messageText : 'syntax error'}`;
}

function relativePath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** A module generated by an earlier run stays where it is. */
function placeModules(profile: AppProfile, generated: Set<SourceFile>): AppProfile {
  const auth = [...generated].find((file) => /[\\/]scalekit\.[cm]?[jt]s$/.test(file.getFilePath()));
  if (!auth) return profile;
  const path = auth.getFilePath();
  return { ...profile, authModulePath: path, clientModulePath: join(dirname(path), basename(path).replace(/^scalekit/, 'scalekit-client')) };
}

/** The fields an earlier run mapped: kept, so a second run (after the RBAC rewrites removed some reads) maps the same shape. */
function previousFields(generated: Set<SourceFile>, profile: AppProfile): MappedField[] {
  const auth = [...generated].find((file) => file.getFilePath() === profile.authModulePath);
  const text = auth?.getFullText() ?? '';
  const recorded = new RegExp(`${FIELDS_MARKER} (\\[.*\\])$`, 'm').exec(text)?.[1];
  if (recorded) {
    try {
      return (JSON.parse(recorded) as MappedField[]).filter((field) => typeof field.name === 'string' && typeof field.source === 'string');
    } catch {
      return [];
    }
  }
  const body = /export interface AppUser \{([^}]*)\}/.exec(text)?.[1];
  if (!body) return [];
  const fields: MappedField[] = [];
  const source = new Map<string, MappedField['source']>([['string[]', 'roles']]);
  for (const match of body.matchAll(/^\s*("?)([\w$-]+)\1\?: ([\w[\]]+);(?:\s*\/\/ (\S+))?$/gm)) {
    const name = match[2]!;
    fields.push({ name, source: (match[4] as MappedField['source'] | undefined) ?? source.get(match[3]!) ?? 'unmapped' });
  }
  return fields;
}

function claimFollowUps(fields: readonly MappedField[], language: AppProfile['language']): FollowUp[] {
  const untyped = language === 'typescript' ? fields.filter((field) => field.source === 'user-id' && !field.type && field.seenAt) : [];
  const unsure: FollowUp[] = untyped.slice(0, 1).map((field) => {
    const [file, line] = field.seenAt!.split(/:(?=\d+$)/);
    return {
      file: file!,
      line: Number(line) || 1,
      kind: 'claims' as const,
      message: `the type of the user id${untyped.length > 1 ? 's' : ''} (${untyped.map((each) => each.name).join(', ')}) could not be read from the code: mapped as the token's string. If the legacy ids are numbers, declare the payload type (e.g. \`jwt.verify(...) as { id: number }\`) and run the codemod again.`,
    };
  });
  const keys: FollowUp[] = fields.filter(isUserKeyField).map((field) => {
    const [file, line] = (field.seenAt ?? 'unknown:1').split(/:(?=\d+$)/);
    return {
      file: file!,
      line: Number(line) || 1,
      kind: 'claims' as const,
      message: `the legacy tokens carry no user id and name the user by "${field.name}": Scalekit users get it from xuid, the external_id the import stored, so import each user with external_id = their ${field.name}.`,
    };
  });
  return [...unsure, ...keys, ...fields
    .filter((field) => field.source === 'email' || field.source === 'unmapped')
    .map((field) => {
      const [file, line] = (field.seenAt ?? 'unknown:1').split(/:(?=\d+$)/);
      const message =
        field.source === 'email'
          ? `the app reads the user's "${field.name}", which Scalekit access tokens do not carry: the generated module reads it from the Scalekit user (GET /api/v1/users/<sub> with a client-credentials token, cached ten minutes per user), so SCALEKIT_CLIENT_SECRET must be set where the app verifies tokens.`
          : `the app reads the user's "${field.name}", but no Scalekit claim corresponds to it: it is unset for Scalekit users. Look it up by the user id (xuid) or add it to toAppUser in the generated module.`;
      return { file: file!, line: Number(line) || 1, kind: 'claims' as const, message };
    })];
}

function dependencyFollowUp(root: string, profile: AppProfile, added: Record<string, string>): FollowUp {
  return {
    file: relativePath(root, profile.packageJson!),
    line: 1,
    kind: 'dependencies',
    message: `install dependencies: the generated modules import ${Object.keys(added).join(' and ')}, added to package.json; run your package manager's install (npm install)`,
  };
}

function environmentFollowUp(root: string, profile: AppProfile, mode: string): FollowUp {
  return {
    file: relativePath(root, profile.authModulePath),
    line: 1,
    kind: 'environment',
    message:
      'set SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET in every environment' +
      (mode === 'dual' ? ', and AUTH_PROVIDER (unset means legacy: Scalekit tokens are refused until it is dual; scalekit after the switch)' : ''),
  };
}

async function writeChange(path: string, text: string): Promise<void> {
  const existing = existsSync(path) ? statSync(path).mode & 0o777 : undefined;
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, text, existing ?? 0o644);
}

export type { Finding };
