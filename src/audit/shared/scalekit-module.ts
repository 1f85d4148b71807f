/**
 * Specifiers of the app's generated Scalekit modules (`./auth/scalekit`, `../lib/scalekit/scalekit.js`,
 * `@/auth/scalekit-client`): code that imports them authenticates through Scalekit.
 */
export const SCALEKIT_APP_MODULE = /(?:^|\/)scalekit(?:-client)?(?:\.[cm]?[jt]s)?$/;

/** The SDK or the app's generated Scalekit module. */
export const SCALEKIT_AWARE = /^@scalekit-sdk\/|(?:^|\/)scalekit(?:-client)?(?:\.[cm]?[jt]s)?$/;
