export { runMiddlewareCodemod } from './run-codemod.js';
export { renderMiddlewareResult } from './render.js';
export { middlewareResultSchema, type MiddlewareResult, type FollowUp, type FileChange } from './result.js';
export { CODEMOD_MODES, VERIFY_METHODS, type CodemodMode, type VerifyMethod, type MiddlewareCodemodOptions } from './options.js';
export { TRANSFORMS } from './transforms/index.js';
export { readCodemodRun, type CodemodRun } from './run-record.js';
