import type { ProgressEvent, ProgressListener } from '../import/progress.js';

const REDRAW_MS = 200;
const PLAIN_LINE_MS = 5000;
const BAR_WIDTH = 24;

export interface ProgressBar {
  listener: ProgressListener;
  /** Prints a message on its own line, keeping the bar intact. */
  note(message: string): void;
  /** Clears the bar line (call before printing the result). */
  finish(): void;
}

/**
 * Progress on stderr: on a terminal a bar redrawn in place with rate and ETA; otherwise (CI, a
 * pipe) a plain line every few seconds and at each phase. Retries are summed, not printed one by one.
 */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const tty = Boolean(stream.isTTY);
  let phase = '';
  let total: number | undefined;
  let done = 0;
  let phaseStart = Date.now();
  let lastDraw = 0;
  let drawn = false;
  let retries = 0;

  const clear = () => {
    if (tty && drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  const line = () => {
    const elapsed = (Date.now() - phaseStart) / 1000;
    const seconds = Math.max(elapsed, 0.001);
    const rate = done / seconds;
    const parts = [`${phase.padEnd(13)}`];
    if (total !== undefined && total > 0) {
      const filled = Math.round((Math.min(done, total) / total) * BAR_WIDTH);
      parts.push(`[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`);
      if (done > 0 && done < total) parts.push(`ETA ${duration((total - done) / rate)}`);
    } else parts.push(phase === 'snapshot' ? `${done} listed` : `${done}`);
    // A rate over a fraction of a second says nothing.
    if (done > 0 && elapsed >= 1) parts.push(`${rate.toFixed(rate < 10 ? 1 : 0)}/s`);
    if (retries) parts.push(`${retries} retries`);
    return parts.join('  ');
  };
  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < (tty ? REDRAW_MS : PLAIN_LINE_MS)) return;
    lastDraw = now;
    if (tty) {
      stream.write(`\r\x1b[2K${line()}`);
      drawn = true;
    } else stream.write(`${line()}\n`);
  };
  const note = (message: string) => {
    clear();
    stream.write(`${message}\n`);
    if (phase) draw(true);
  };
  const listener = (event: ProgressEvent) => {
    switch (event.kind) {
      case 'phase':
        if (drawn) {
          draw(true);
          stream.write('\n');
          drawn = false;
        }
        phase = event.phase;
        total = event.total;
        done = 0;
        phaseStart = Date.now();
        // A phase with nothing to go through (no call to re-check, no permission to create) is not shown.
        if (tty && total !== 0) draw(true);
        return;
      case 'advance':
        done = event.done;
        total = event.total ?? total;
        draw(event.total !== undefined && event.done >= event.total && !tty ? true : false);
        return;
      case 'retry':
        retries += 1;
        return;
      case 'log':
        if (event.level === 'warning' || !tty) note(event.message);
        return;
    }
  };
  return {
    listener,
    note,
    finish() {
      if (tty && drawn) {
        draw(true);
        stream.write('\n');
      }
      drawn = false;
    },
  };
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
