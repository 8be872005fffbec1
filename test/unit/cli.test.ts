// The `treatymark` command as CI runs it: the built dist/cli.js in a child process.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, CONVENTION, withoutArticle } from '../support/corpus';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

describe('treatymark check', () => {
  let dir: string;
  before(() => {
    assert.ok(fs.existsSync(CLI), 'run `npm run build` first (npm test does)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treatymark-cli-'));
    fs.writeFileSync(path.join(dir, 'good.treaty'), CONVENTION);
    fs.mkdirSync(path.join(dir, 'drafts'));
    fs.writeFileSync(path.join(dir, 'drafts', 'broken.treaty'), withoutArticle(CONVENTION, 17));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on the convention and says so', () => {
    const r = run(['check', 'examples/convention.treaty']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^1 file checked: 0 errors, 0 warnings, 0 information\.$/m);
  });

  it('prints path:line:column severity code message and exits 1 on errors, searching folders', () => {
    const r = run(['check', '.'], dir);
    assert.equal(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^drafts\/broken\.treaty:94:154 error reference\.dangling "article 17 of this Convention" refers to article 17/);
    assert.ok(lines.some((l) => /^drafts\/broken\.treaty:\d+:\d+ warning numbering\.sequence /.test(l)));
    assert.match(lines[lines.length - 1], /^2 files checked: 6 errors, 1 warning, 0 information\.$/);
  });

  it('prints JSON with LSP positions', () => {
    const r = run(['check', 'drafts/broken.treaty', '--format', 'json'], dir);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out[0].file, path.join('drafts', 'broken.treaty'));
    assert.deepEqual(out[0].range.start, { line: 93, character: 153 });
    assert.equal(out[0].severity, 'error');
    assert.equal(out[0].code, 'reference.dangling');
  });

  it('exits 2 with a clear message on usage and file errors', () => {
    for (const [args, message] of [
      [['check'], /name at least one \.treaty file/],
      [['check', 'missing.treaty'], /missing\.treaty: no such file or folder/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['check', 'x', '--format', 'xml'], /--format takes "text" or "json"/],
    ] as const) {
      const r = run([...args], dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });
});

describe('treatymark renumber and clean', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treatymark-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the renumbered text, or rewrites the file with --write, CRLF kept', () => {
    const file = path.join(dir, 'draft.treaty');
    const text = '## Article 1. A\r\n\r\nSee article 3.\r\n\r\n## Article 3. B\r\n\r\nText.\r\n';
    fs.writeFileSync(file, text);
    const printed = run(['renumber', 'draft.treaty'], dir);
    assert.equal(printed.status, 0, printed.stderr);
    assert.equal(printed.stdout, text.replace('article 3', 'article 2').replace('Article 3', 'Article 2'));
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'printing leaves the file alone');
    const written = run(['renumber', 'draft.treaty', '--write'], dir);
    assert.match(written.stdout, /draft\.treaty: renumber article 2 and update 1 reference\./);
    assert.equal(fs.readFileSync(file, 'utf8'), printed.stdout);
    assert.match(run(['renumber', 'draft.treaty', '--write'], dir).stdout, /already in sequence/);
  });

  it('writes a clean copy of the zero draft', () => {
    const out = path.join(dir, 'clean.treaty');
    const r = run(['clean', 'examples/zero-draft.treaty', '--output', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /29 changes accepted, 74 comments removed/);
    const clean = fs.readFileSync(out, 'utf8');
    // The front matter's YAML comments describe the marks; the body must have none left.
    const body = clean.slice(clean.indexOf('\n---', 4));
    assert.ok(!/\{(\+\+|--|~~|==|>>)/.test(body));
    assert.equal(run(['check', out]).status, 0);
  });
});

