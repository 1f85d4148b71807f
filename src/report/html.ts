/** Text and attribute values for HTML and SVG: everything the report shows from files goes through here. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A count as people read it (1,234). The `data-value` attribute beside it keeps the exact number. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** A number the report states, tagged so a reader (or a test) can find it: `<span data-metric="export.users" data-value="301">301</span>`. */
export function metric(name: string, value: number, tag = 'span'): string {
  return `<${tag} data-metric="${esc(name)}" data-value="${esc(value)}">${esc(formatCount(value))}</${tag}>`;
}

/** A table from rows of already-escaped cells. */
export function table(headers: string[], rows: string[][], className = ''): string {
  const head = headers.map((header) => `<th>${esc(header)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${esc(className)}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function section(id: string, title: string, body: string): string {
  return `<section id="${esc(id)}"><h2>${esc(title)}</h2>\n${body}\n</section>`;
}

/** What the report says when a phase has not written its results yet. */
export function notYet(what: string, how: string): string {
  return `<p class="empty">${esc(what)} — ${esc(how)}</p>`;
}

export function badge(status: string): string {
  return `<span class="badge badge-${esc(status.replace(/[^a-z-]/gi, ''))}">${esc(status)}</span>`;
}
