// Email addresses from a real public test corpus against the package's email rule, beside the
// previous rule (zod's z.email()) in the same run.
//   npx tsx bench/email-corpus.ts   (needs the mirror of michaelherold/pyIsEmail; see bench/real-apps/email-corpora.json)
// Ground truth, fixed by the corpus' own category before looking at either rule's answers:
//   ISEMAIL_VALID_CATEGORY, ISEMAIL_DNSWARN: valid addresses (a DNS warning is not a syntax fault): accept.
//   ISEMAIL_ERR: not addresses: refuse.
//   ISEMAIL_RFC5321 / CFWS / DEPREC / RFC5322 (quoted local parts, address literals, comments, obsolete
//   syntax, single-label domains): valid only in the RFCs' widest sense; the package refuses them on
//   purpose (identity providers do not take them), so "refuse" is the expected answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isValidEmail } from '../src/package/email.js';
import { checkoutApp, readAppList } from './real-apps/checkout.js';

const list = join(fileURLToPath(new URL('.', import.meta.url)), 'real-apps', 'email-corpora.json');
const [corpus] = readAppList(list) as Array<{ name: string; repo: string; commit: string; file: string }>;
const xml = readFileSync(join(checkoutApp(corpus!), corpus!.file), 'utf8');

const decode = (text: string) =>
  text
    .replace(/&#x(?:24)([0-9a-f]{2});/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const cases = [...xml.matchAll(/<test id="(\d+)">([\s\S]*?)<\/test>/g)].map((match) => ({
  id: Number(match[1]),
  address: decode(/<address>([\s\S]*?)<\/address>/.exec(match[2]!)?.[1] ?? ''),
  category: /<category>(\w+)<\/category>/.exec(match[2]!)![1]!,
}));
const expectAccept = (category: string) => category === 'ISEMAIL_VALID_CATEGORY' || category === 'ISEMAIL_DNSWARN';
const old = z.email();
const rules = { 'z.email() (before)': (address: string) => old.safeParse(address).success, 'isValidEmail (now)': isValidEmail };

console.log(`${cases.length} addresses from ${corpus!.repo}@${corpus!.commit.slice(0, 10)} ${corpus!.file}`);
console.log('| rule | valid accepted (VALID, DNSWARN) | errors refused (ERR) | widest-RFC forms refused by policy | total right |');
console.log('|---|---|---|---|---|');
for (const [name, accepts] of Object.entries(rules)) {
  const group = (filter: (category: string) => boolean) => cases.filter((entry) => filter(entry.category));
  const valid = group(expectAccept);
  const errors = group((category) => category === 'ISEMAIL_ERR');
  const policy = group((category) => !expectAccept(category) && category !== 'ISEMAIL_ERR');
  const validRight = valid.filter((entry) => accepts(entry.address)).length;
  const errorsRight = errors.filter((entry) => !accepts(entry.address)).length;
  const policyRight = policy.filter((entry) => !accepts(entry.address)).length;
  const right = validRight + errorsRight + policyRight;
  console.log(`| ${name} | ${validRight}/${valid.length} | ${errorsRight}/${errors.length} | ${policyRight}/${policy.length} | ${right}/${cases.length} (${((right / cases.length) * 100).toFixed(1)}%) |`);
  const wrong = cases.filter((entry) => accepts(entry.address) !== expectAccept(entry.category) && !(entry.category !== 'ISEMAIL_ERR' && !expectAccept(entry.category) && !accepts(entry.address)));
  if (wrong.length) console.log(`  ${name} wrong on: ${wrong.slice(0, 12).map((entry) => `#${entry.id} ${entry.category}`).join(', ')}${wrong.length > 12 ? ` and ${wrong.length - 12} more` : ''}`);
}
