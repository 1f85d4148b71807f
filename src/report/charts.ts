import { esc, formatCount } from './html.js';

/** Inline SVG charts: no script, no external asset, readable without colour (every bar is labelled). */

export interface Bar {
  label: string;
  value: number;
}

const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

/** Horizontal bars, one per label, each with its count. */
export function barChart(title: string, bars: Bar[], options: { width?: number; color?: string } = {}): string {
  const width = options.width ?? 640;
  const labelWidth = 150;
  const row = 22;
  const height = bars.length * row + 8;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const room = width - labelWidth - 60;
  const rows = bars.map((bar, i) => {
    const y = i * row + 4;
    const w = bar.value > 0 ? Math.max(2, Math.round((bar.value / max) * room)) : 0;
    return (
      `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end" ${FONT}>${esc(bar.label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 2}" width="${w}" height="${row - 6}" rx="2" fill="${esc(options.color ?? '#4f46e5')}"><title>${esc(bar.label)}: ${esc(bar.value)}</title></rect>` +
      `<text x="${labelWidth + w + 6}" y="${y + 14}" ${FONT}>${esc(formatCount(bar.value))}</text>`
    );
  });
  return svg(title, width, height, rows.join(''));
}

export interface Segment {
  key: string;
  value: number;
}

export const OUTCOME_COLORS: Record<string, string> = {
  create: '#16a34a',
  update: '#2563eb',
  unchanged: '#94a3b8',
  conflict: '#d97706',
  failed: '#dc2626',
  pending: '#e5e7eb',
};

/** One bar per row, split into coloured segments that add up to the row's total, with a legend. */
export function stackedBars(title: string, rows: Array<{ label: string; segments: Segment[] }>, keys: string[], width = 640): string {
  const labelWidth = 120;
  const row = 24;
  const legendHeight = 24;
  const room = width - labelWidth - 70;
  const body = rows.map((entry, i) => {
    const y = legendHeight + i * row;
    const total = entry.segments.reduce((sum, segment) => sum + segment.value, 0);
    let x = labelWidth;
    const parts = entry.segments
      .filter((segment) => segment.value > 0)
      .map((segment) => {
        const w = Math.max(1, Math.round((segment.value / Math.max(total, 1)) * room));
        const rect = `<rect x="${x}" y="${y + 3}" width="${w}" height="${row - 8}" fill="${OUTCOME_COLORS[segment.key] ?? '#6b7280'}"><title>${esc(entry.label)} ${esc(segment.key)}: ${esc(segment.value)}</title></rect>`;
        x += w;
        return rect;
      });
    if (total === 0) parts.push(`<rect x="${labelWidth}" y="${y + 3}" width="${room}" height="${row - 8}" fill="none" stroke="#e5e7eb"/>`);
    return (
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" ${FONT}>${esc(entry.label)}</text>` +
      parts.join('') +
      `<text x="${labelWidth + room + 6}" y="${y + 15}" ${FONT}>${esc(formatCount(total))}</text>`
    );
  });
  const legend = keys.map((key, i) => {
    const x = labelWidth + i * 88;
    return `<rect x="${x}" y="4" width="12" height="12" fill="${OUTCOME_COLORS[key] ?? '#6b7280'}"/><text x="${x + 16}" y="14" ${FONT}>${esc(key)}</text>`;
  });
  return svg(title, width, legendHeight + rows.length * row + 6, legend.join('') + body.join(''));
}

export interface Point {
  x: number;
  y: number;
}

/** A line from (0, 0) rising to the last point: records done over seconds. */
export function lineChart(title: string, points: Point[], labels: { x: string; y: string }, width = 640, height = 220): string {
  const left = 56;
  const bottom = 34;
  const top = 10;
  const right = 16;
  const maxX = Math.max(1e-9, ...points.map((p) => p.x));
  const maxY = Math.max(1, ...points.map((p) => p.y));
  const sx = (x: number) => left + (x / maxX) * (width - left - right);
  const sy = (y: number) => height - bottom - (y / maxY) * (height - bottom - top);
  const path = [{ x: 0, y: 0 }, ...points].map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
  const axes =
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#6b7280"/>` +
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#6b7280"/>` +
    `<text x="${left - 6}" y="${top + 10}" text-anchor="end" ${FONT}>${esc(formatCount(maxY))}</text>` +
    `<text x="${left - 6}" y="${height - bottom}" text-anchor="end" ${FONT}>0</text>` +
    `<text x="${width - right}" y="${height - bottom + 16}" text-anchor="end" ${FONT}>${esc(formatSeconds(maxX))}</text>` +
    `<text x="${left}" y="${height - bottom + 16}" ${FONT}>0 s</text>` +
    `<text x="${(left + width) / 2}" y="${height - 4}" text-anchor="middle" ${FONT}>${esc(labels.x)}</text>` +
    `<text x="14" y="${(height - bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(height - bottom) / 2})" ${FONT}>${esc(labels.y)}</text>`;
  return svg(title, width, height, axes + `<polyline points="${path}" fill="none" stroke="#16a34a" stroke-width="2"/>`);
}

function formatSeconds(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

function svg(title: string, width: number, height: number, content: string): string {
  return (
    `<svg class="chart" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${esc(title)}</title>${content}</svg>`
  );
}
