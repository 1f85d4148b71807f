import { UserInputError } from '../errors.js';
import { readPackageText } from '../package/open-package-file.js';
import { RUN_SUMMARY_FILES } from './run-summary.js';

/**
 * Binds an apply to the plan a person reviewed. The plan shows the package digest (the sha256 of
 * every file's checksum); an apply given that digest (`planDigest`, `--plan-digest`) refuses a
 * package that no longer has it. Without one, the digest of the last plan saved beside the package
 * (import-plan.json) is the binding: a package edited after its plan is never applied unseen.
 */
export async function checkPlanBinding(pkg: { dir: string; digest: string }, planDigest: string | undefined): Promise<void> {
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
