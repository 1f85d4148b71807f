/**
 * Rules that say where authentication is wired, waived or required, not how a credential is checked:
 * once the strategy, guard or wrapped check they lead to accepts Scalekit tokens, nothing is left to do
 * at these places (a check that was not rewritten is listed where it is defined).
 */
export const WIRING_RULES = new Set(['js.nest.use-guards', 'js.nest.public-route', 'js.nest.guard-class', 'js.app.auth-wrapper', 'js.behaviour.auth-guard', 'js.nest.module-auth']);
