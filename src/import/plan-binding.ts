import { UserInputError } from '../errors.js';
import { readPackageText } from '../package/open-package-file.js';
import { RUN_SUMMARY_FILES } from './run-summary.js';

/**
 * Binds an apply to the plan a person reviewed. The plan shows the package digest (the sha256 of
 * every file's checksum); an apply given that digest (`planDigest`, `--plan-digest`) refuses a
 * package that no longer has it. Without one, the digest of the last plan saved beside the package
 * (import-plan.json) is the binding: a package edited after its plan is never applied unseen. Where
 * a person or an agent applies (MCP, CLI: `requirePlan`), an apply with no plan at all is refused unless
 * it resumes an apply of the same package or the person says `withoutPlan`.
 */
export interface PlanRequirement {
  /** Refuse an apply that no plan of this exact package stands behind (the MCP tool and the CLI set it). */
  requirePlan?: boolean;
  /** The person chose to apply without a reviewed plan (withoutPlan / --without-plan). */
  withoutPlan?: boolean;
  /** The journal already holds an apply of this same package: a resume continues a run that was bound when it started. */
  resumesSamePackage?: boolean;
}

export async function checkPlanBinding(pkg: { dir: string; digest: string }, planDigest: string | undefined, requirement: PlanRequirement = {}): Promise<void> {
  if (planDigest !== undefined) {
    if (planDigest.trim().toLowerCase() !== pkg.digest) {
      throw new UserInputError(
        `the package in ${pkg.dir} is not the one the plan showed: the plan was for package digest ${short(planDigest)}, the package now has ${short(pkg.digest)} ` +
          '(edited or replaced since). Plan again, review the new plan with the user, then apply with its digest.',
      );
    }
    return;
  }
  const saved = await savedPlanDigest(pkg.dir);
  if (saved !== undefined && saved !== pkg.digest) {
    throw new UserInputError(
      `the package in ${pkg.dir} changed after its last plan (${RUN_SUMMARY_FILES.plan} shows package digest ${short(saved)}, the package now has ${short(pkg.digest)}). ` +
        'Plan again and review the new plan with the user before applying.',
    );
  }
  if (saved === undefined && requirement.requirePlan && !requirement.withoutPlan && !requirement.resumesSamePackage) {
    throw new UserInputError(
      `no plan was made for the package in ${pkg.dir}: an apply writes to Scalekit, so it needs a plan the user reviewed. ` +
        'Plan first, show the plan, then apply with its packageDigest as --plan-digest. ' +
        'To apply without a plan on purpose, say so: --without-plan.',
    );
  }
}

async function savedPlanDigest(dir: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readPackageText(dir, RUN_SUMMARY_FILES.plan);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const digest = (JSON.parse(text) as { result?: { packageDigest?: unknown } }).result?.packageDigest;
    return typeof digest === 'string' ? digest : undefined;
  } catch {
    throw new UserInputError(`${dir}/${RUN_SUMMARY_FILES.plan} is not a saved plan (not JSON); delete it and plan again`);
  }
}

function short(digest: string): string {
  return digest.length > 16 ? `${digest.slice(0, 12)}…` : digest;
}
