import { NOT_GENERATED } from '../../text/generated.js';
import { patternRule } from '../../text/kit.js';

/** A Go handler named create/register/sign-up in a file that hashes a password: a hand-written sign-up. */
export default patternRule({
  id: 'go.app.signup-handler',
  ecosystem: 'go',
  confidence: 'medium',
  keywords: ['Password'],
  requires: new RegExp(NOT_GENERATED.source + /(?=[^]*?(?:\bHash(?:ed)?Password\s*\(|GenerateFromPassword\s*\())/.source),
  patterns: [
    {
      pattern: /^\s*func\s*(?:\([^)]*\)\s*)?(?:[Cc]reate|[Rr]egister|[Ss]ign[Uu]p)(?:User|Account)?\w*\s*\(/,
      category: 'signup',
      message: 'Sign-up handler (creates a user with a hashed password): Scalekit hosted sign-up replaces it; move its side effects to the callback',
    },
  ],
});
