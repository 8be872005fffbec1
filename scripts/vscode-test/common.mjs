// What the two browser launchers share (run-code-server.mjs: the desktop suite in code-server;
// run-web.mjs: VS Code for the web): Debian's Chromium and its flags, Debian packages installed
// when missing, a free port, the suites' temporary workspace, and the run of `main` that always
// cleans up, on a signal too.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

function debianPackagesMissing(names) {
  return names.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || r.stdout.trim() !== 'installed';
  });
}

/** Installs the Debian packages that are missing (as root; otherwise says what to install). */
export function ensureDebianPackages(names, log) {
  const missing = debianPackagesMissing(names);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: ['ignore', 'inherit', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: ['ignore', 'inherit', 'inherit'], env });
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Runs `main` and exits with its code, after `cleanup` (also on SIGINT and SIGTERM). */
export async function runAndExit(main, cleanup, log, tag) {
  let exitCode = 1;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, async () => {
      log(`${sig}: stopping`);
      await cleanup();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
  try {
    exitCode = await main();
  } catch (err) {
    console.error(`[${tag}] ${err?.stack ?? err}`);
    exitCode = 1;
  }
  await cleanup();
  process.exit(exitCode);
}

/** Clean-up steps, run last first; `tasks` takes more as a run sets things up. */
export function cleanupRunner(log) {
  const tasks = [];
  const cleanup = async () => {
    for (const task of tasks.splice(0).reverse()) {
      try {
        await task();
      } catch (err) {
        log(`cleanup: ${err?.message ?? err}`);
      }
    }
  };
  return { tasks, cleanup };
}

/**
 * A temporary folder (removed at clean-up unless TREATYMARK_VSCODE_KEEP_TMP) with the workspace
 * the suites open: a copy of the examples (they edit and revert the convention, never the
 * repository's file) and the files they never open but the server reads (workspace.test.ts).
 */
export function tempWorkspace(root, prefix, tasks, log) {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  tasks.push(() => {
    if (process.env.TREATYMARK_VSCODE_KEEP_TMP) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  });
  const workspace = join(tmp, 'examples');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  return { tmp, workspace };
}

/**
 * Headless Chromium with one page at the editor's size, closed at clean-up, and the promise of
 * the suite's result: the test harness calls `codeAutomationExit(code)` when it is done.
 */
export async function openTestPage(chromium, args, tasks) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  tasks.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  let reportExit;
  const exited = new Promise((res) => { reportExit = res; });
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
  return { page, exited };
}

/** The suite's exit code, or 'timeout' when it has not finished within `timeoutMs`; logged either way. */
export async function suiteResult(exited, timeoutMs, t0, log) {
  let timer;
  const timedOut = new Promise((res) => { timer = setTimeout(() => res('timeout'), timeoutMs); });
  const code = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (code === 'timeout') log(`the suite did not finish within ${timeoutMs / 1000} s`);
  else log(`suite finished with exit code ${code} after ${seconds(t0)}`);
  return code;
}
