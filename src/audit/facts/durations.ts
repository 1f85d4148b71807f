const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001, msec: 0.001, msecs: 0.001, millisecond: 0.001, milliseconds: 0.001,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  w: 604800, week: 604800, weeks: 604800,
  y: 31557600, yr: 31557600, yrs: 31557600, year: 31557600, years: 31557600,
};

/**
 * Seconds in a lifetime as code writes it: "15m", "7 days", "3600", "60 * 60 * 24", `P1D`-free.
 * Bare numbers are read in `numberUnit` (jsonwebtoken counts seconds, Express cookie maxAge milliseconds).
 * Null when the text is not a duration this can read.
 */
export function durationSeconds(value: string, numberUnit: 'seconds' | 'milliseconds' | 'minutes' = 'seconds'): number | null {
  const text = value.trim();
  const withUnit = /^(-?\d+(?:\.\d+)?)\s*([a-zA-Z]+)$/.exec(text);
  if (withUnit) {
    const factor = unitSeconds(withUnit[2]!.toLowerCase());
    return factor === undefined ? null : round(Number(withUnit[1]) * factor);
  }
  const product = evaluateArithmetic(text);
  if (product === null) return null;
  const scale = numberUnit === 'milliseconds' ? 0.001 : numberUnit === 'minutes' ? 60 : 1;
  return round(product * scale);
}

/** Evaluates `+ - * /` over numbers without eval; null for anything else. */
function evaluateArithmetic(text: string): number | null {
  if (!/^[\d\s.+\-*/()_]+$/.test(text)) return null;
  const tokens = text.replace(/_/g, '').match(/\d+(?:\.\d+)?|[+\-*/()]/g);
  if (!tokens) return null;
  let index = 0;
  const peek = () => tokens[index];
  const next = () => tokens[index++];
  const primary = (): number | null => {
    const token = next();
    if (token === undefined) return null;
    if (token === '(') {
      const inner = sum();
      return next() === ')' ? inner : null;
    }
    if (token === '-') {
      const value = primary();
      return value === null ? null : -value;
    }
    const number = Number(token);
    return Number.isFinite(number) ? number : null;
  };
  const productOf = (): number | null => {
    let left = primary();
    while (left !== null && (peek() === '*' || peek() === '/')) {
      const op = next();
      const right = primary();
      if (right === null) return null;
      left = op === '*' ? left * right : left / right;
    }
    return left;
  };
  const sum = (): number | null => {
    let left = productOf();
    while (left !== null && (peek() === '+' || peek() === '-')) {
      const op = next();
      const right = productOf();
      if (right === null) return null;
      left = op === '+' ? left + right : left - right;
    }
    return left;
  };
  const result = sum();
  return index === tokens.length ? result : null;
}

function unitSeconds(unit: string): number | undefined {
  return Object.hasOwn(UNIT_SECONDS, unit) ? UNIT_SECONDS[unit] : undefined;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Seconds of a Python `timedelta(days=7, hours=1)` or Java `Duration.ofMinutes(15)` argument text. */
export function keywordDurationSeconds(text: string): number | null {
  let total = 0;
  let found = false;
  for (const match of text.matchAll(/(weeks|days|hours|minutes|seconds|milliseconds)\s*=\s*(\d+(?:\.\d+)?)/gi)) {
    const unit = match[1]!.toLowerCase().replace(/s$/, '');
    const factor = unitSeconds(unit === 'millisecond' ? 'ms' : unit);
    if (factor === undefined) continue;
    total += Number(match[2]) * factor;
    found = true;
  }
  const java = /Duration\.of(Days|Hours|Minutes|Seconds|Millis)\(\s*(\d+)\s*\)/.exec(text) ?? /add(Days|Hours|Minutes|Seconds|Weeks|Months|Years)\(\s*(\d+)\s*\)/.exec(text);
  if (java) {
    const unit = java[1]!.toLowerCase();
    const factor = unit === 'millis' ? 0.001 : unit === 'months' ? 2629800 : unitSeconds(unit);
    if (factor !== undefined) {
      total += Number(java[2]) * factor;
      found = true;
    }
  }
  return found ? round(total) : null;
}
