#!/usr/bin/env node
// Runs the in-editor suite (out/test/vscode/index.js) in desktop VS Code downloaded by
// @vscode/test-electron: for developers' desktops and public CI that can reach the
// VS Code download site. Machines that cannot use run-code-server.mjs instead.
//
// Env: TREATYMARK_VSCODE_VERSION (default "stable"), TREATYMARK_VSCODE_GREP=<mocha grep>.
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const testsEntry = join(root, 'out/test/vscode/index.js');
if (!existsSync(testsEntry)) {
  console.error(`${testsEntry} is missing: run node scripts/build-vscode-tests.mjs first`);
  process.exit(1);
}

// The suite edits the convention (and reverts): give it a copy, never the repository's file.
const tmp = mkdtempSync(join(tmpdir(), 'treatymark-vscode-'));
const workspace = join(tmp, 'examples');
cpSync(join(root, 'examples'), workspace, { recursive: true });
// Files the suite never opens, read by the server all the same (test/vscode/workspace.test.ts).
cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });

let code = 1;
try {
  code = await runTests({
    version: process.env.TREATYMARK_VSCODE_VERSION ?? 'stable',
    cachePath: join(root, '.cache/vscode-test/electron'),
    extensionDevelopmentPath: root,
    extensionTestsPath: testsEntry,
    extensionTestsEnv: process.env.TREATYMARK_VSCODE_GREP ? { TREATYMARK_VSCODE_GREP: process.env.TREATYMARK_VSCODE_GREP } : undefined,
    // runTests itself adds --disable-workspace-trust, --skip-welcome and --disable-updates.
    launchArgs: [
      workspace,
      '--disable-extensions', // a developer's own extensions must not change the result
      `--user-data-dir=${join(tmp, 'user-data')}`,
    ],
  });
} catch (err) {
  // runTests rejects with the exit code when the suite fails; anything else is a launch failure.
  if (err instanceof TestRunFailedError) code = err.code ?? 1;
  else console.error(`[vscode-test] could not run VS Code: ${err?.stack ?? err}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
