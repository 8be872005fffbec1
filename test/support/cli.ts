// The built checker as a drafter runs it (`node dist/cli.js …`), and the per-test folder its
// command-line tests write into. One copy for every CLI suite.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './corpus';

export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Runs the CLI with `args` in `cwd`; output as text. */
export function runCli(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
}

/** Runs the CLI with `args` in `cwd`; output as bytes (a .docx on stdout). */
export function runCliBytes(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'buffer' });
}

/**
 * For the enclosing `describe`: checks the CLI is built, and gives each test a fresh
 * temporary folder, removed after it. Returns the current test's folder.
 */
export function cliTestFolder(prefix: string): () => string {
  let dir = '';
  before(() => assert.ok(fs.existsSync(CLI), 'run `npm run build` first (npm test does)'));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}
