import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

const READY = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Starts the sample app (`node src/server.js`) on a free loopback port and waits for its
 * "listening on" line. Its output is kept for the error message if it dies first.
 */
export function startApp(appDir: string, env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<RunningApp> {
  const child = spawn(process.execPath, ['src/server.js'], {
    cwd: appDir,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not start within ${timeoutMs / 1000} s: ${tail(output)}`));
    }, timeoutMs);
    const onData = (chunk: string) => {
      output += chunk;
      const ready = READY.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({ url: ready[1]!, stop: () => stop(child) });
    };
    child.stdout!.setEncoding('utf8').on('data', onData);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the app exited (${signal ?? code}) before it listened: ${tail(output)}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-5).join(' / ') || '(no output)';
}
