import type { Category } from '../categories.js';

/**
 * The flow a Devise view renders, from where Devise looks for it (`app/views/devise/<controller>/<action>`):
 * `sessions/new` is the login form, `passwords/*` the reset forms, the mailer's templates the reset and
 * confirmation emails. `null` for a Devise view that is no flow of its own (account edit, shared links);
 * undefined for any other file.
 */
export function deviseViewFlow(file: string): Category | null | undefined {
  const match = /(?:^|\/)app\/views\/devise\/(\w+)\/(\w+)[^/]*$/.exec(file);
  if (!match) return undefined;
  const [, controller, action] = match as unknown as [string, string, string];
  if (controller === 'sessions') return 'login';
  if (controller === 'registrations') return action === 'new' ? 'signup' : null;
  if (controller === 'passwords') return 'password-reset';
  if (controller === 'confirmations') return 'email-verification';
  if (controller === 'mailer') return /reset_password/.test(action) ? 'password-reset' : /confirmation/.test(action) ? 'email-verification' : null;
  return null;
}
