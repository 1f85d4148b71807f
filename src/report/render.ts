import type { ReportData } from './collect.js';
import { esc } from './html.js';
import { auditSection } from './sections/audit.js';
import { checklistSection } from './sections/checklist.js';
import { codeSection } from './sections/code.js';
import { exportSection } from './sections/export.js';
import { importSection } from './sections/import.js';
import { monitorSection } from './sections/monitor.js';
import { overviewCards } from './sections/overview.js';
import { redirectsSection } from './sections/redirects.js';
import { verifySection } from './sections/verify.js';

/** The report as one self-contained page: inline CSS and SVG, no script, nothing fetched (the CSP forbids it). */
export function renderReportHtml(data: ReportData): string {
  const problems = data.problems.length
    ? `<section id="problems" class="problems"><h2>Files the report could not read</h2><ul>${data.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scalekit migration report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Scalekit migration report</h1>
<p class="detail">Workspace <code>${esc(data.workspace)}</code> · generated ${esc(data.generatedAt)} by scalekit-migrate from the files in <code>.scalekit-migration/</code></p>
</header>
<main>
${overviewCards(data)}
${problems}
${auditSection(data.audit)}
${exportSection(data.export)}
${importSection(data)}
${verifySection(data.verify)}
${redirectsSection(data)}
${codeSection(data.codeChanges)}
${monitorSection(data.monitor)}
${checklistSection(data.checklist)}
</main>
</body>
</html>
`;
}

const STYLE = `
:root { color-scheme: light; --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --ok: #15803d; --bad: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f9fafb; }
header, main { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { margin: 0 0 4px; font-size: 24px; }
h2 { margin: 0 0 12px; font-size: 18px; }
h3 { font-size: 15px; margin: 18px 0 8px; }
h4 { font-size: 14px; margin: 14px 0 6px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; background: #f3f4f6; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 8px 0; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; }
table.findings td:first-child { white-space: nowrap; }
table.counts td, table.counts th { text-align: right; }
table.counts td:first-child, table.counts th:first-child { text-align: left; }
details { margin: 6px 0; }
summary { cursor: pointer; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 12px; margin: 16px 0; }
.card { display: flex; flex-direction: column; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; color: inherit; text-decoration: none; }
.card-label { color: var(--muted); font-size: 12px; }
.card-value { font-size: 22px; font-weight: 600; }
.card-note { color: var(--muted); font-size: 12px; }
.detail { color: var(--muted); font-size: 12px; margin: 2px 0; }
.ok { color: var(--ok); }
.bad { color: var(--bad); }
.empty { color: var(--muted); font-style: italic; }
.items { list-style: none; padding-left: 8px; }
.items li { margin: 4px 0; }
.badge { display: inline-block; min-width: 62px; text-align: center; font-size: 11px; border-radius: 10px; padding: 0 8px; background: #e5e7eb; }
.badge-done { background: #dcfce7; color: var(--ok); }
.badge-blocked { background: #fee2e2; color: var(--bad); }
.badge-skipped { background: #f3f4f6; color: var(--muted); }
.badge-pending { background: #fef9c3; color: #854d0e; }
.progress { display: inline-block; width: 120px; height: 8px; background: #e5e7eb; border-radius: 4px; vertical-align: middle; overflow: hidden; }
.progress span { display: block; height: 100%; background: var(--ok); }
.phase-title { display: inline-block; min-width: 260px; font-weight: 600; }
svg.chart { max-width: 100%; height: auto; display: block; margin: 8px 0; }
pre.diff { background: #0f172a; color: #e2e8f0; padding: 10px 12px; border-radius: 6px; overflow-x: auto; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre.diff .add { color: #86efac; }
pre.diff .del { color: #fca5a5; }
pre.diff .hunk { color: #93c5fd; }
.problems { border-color: #fca5a5; }
`;
