// The `treatymark` command as CI runs it: the built dist/cli.js in a child process.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, CONVENTION, withoutArticle } from '../support/corpus';
import { CLI, runCli } from '../support/cli';

const run = runCli;

describe('--version', () => {
  // package.json is the only place the version is written; the bundles inline it at build time.
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

  it("treatymark --version and dist/server.js --version print package.json's version", () => {
    const cli = run(['--version']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(cli.stdout, `${version}\n`);
    const server = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--version'], { encoding: 'utf8' });
    assert.equal(server.status, 0, server.stderr);
    assert.equal(server.stdout, `${version}\n`);
  });

  it('is written in no source file, only in package.json', () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const literal = new RegExp(`(['"\`])${version.replace(/\./g, '\\.')}\\1`);
    const found = ['server/src', 'client/src'].flatMap((d) => files(path.join(ROOT, d))).filter((f) => literal.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(found.map((f) => path.relative(ROOT, f)), []);
  });
});

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

  describe('across files', () => {
    const treaty = ['---', 'short-title: Convention', 'notes: treaty.notes.treaty', '---', '## Article 1. One', '', 'Text.', '', '## Article 3. Three', '', 'See article 1.', ''].join('\r\n');
    const notes = ['# Interpretative notes', '', '## Article 3', '', '1. On article 3 of the Convention.', ''].join('\r\n');
    const citing = ['---', 'instruments:', '  Convention: { title: The Convention, file: ../treaty.treaty }', '---', '## Article 1. Adoption', '', 'Recalls article 3 of the Convention and article 9 of the Convention.', ''].join('\n');
    const write = () => {
      fs.writeFileSync(path.join(dir, 'treaty.treaty'), treaty);
      fs.writeFileSync(path.join(dir, 'treaty.notes.treaty'), notes);
      fs.mkdirSync(path.join(dir, 'resolutions'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'resolutions', 'citing.treaty'), citing);
    };

    it('checks a notes file with its treaty and a citing file against the cited one', () => {
      write();
      const r = run(['check', '.'], dir);
      assert.equal(r.status, 1, r.stdout);
      // The notes file is not a treaty of its own: its heading "Article 3" names the treaty's article 3.
      assert.deepEqual(r.stdout.trim().split('\n'), [
        'resolutions/citing.treaty:7:41 error reference.dangling "article 9 of the Convention" refers to article 9 of treaty.treaty, which does not exist.',
        'treaty.treaty:9:12 warning numbering.sequence Expected article 2 here, found 3: article 2 is missing.',
        '3 files checked: 1 error, 1 warning, 0 information.',
      ]);
    });

    it('--write rewrites the notes file and the workspace files citing the treaty, CRLF kept, dangling left alone', () => {
      write();
      const r = run(['renumber', 'treaty.treaty', '--write'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, 'treaty.treaty: renumber article 2 and update 2 references (and 1 in other files).\n  also updated treaty.notes.treaty\n  also updated resolutions/citing.treaty\n');
      assert.equal(fs.readFileSync(path.join(dir, 'treaty.treaty'), 'utf8'), treaty.replace('Article 3', 'Article 2'));
      assert.equal(fs.readFileSync(path.join(dir, 'treaty.notes.treaty'), 'utf8'), notes.replace('Article 3', 'Article 2').replace('article 3', 'article 2'));
      assert.equal(fs.readFileSync(path.join(dir, 'resolutions', 'citing.treaty'), 'utf8'), citing.replace('article 3', 'article 2'));
      // --root elsewhere: the citing file is not part of the workspace and is left alone.
      write();
      const narrow = run(['renumber', 'treaty.treaty', '--write', '--root', 'nowhere-else'], dir);
      assert.equal(narrow.status, 2);
      assert.match(narrow.stderr, /nowhere-else: no such folder/);
    });
  });

  it('warns when dangling references would cite the renumbered article, and writes only with --force', () => {
    const file = path.join(dir, 'draft.treaty');
    fs.writeFileSync(file, withoutArticle(CONVENTION, 17));
    const printed = run(['renumber', 'draft.treaty'], dir);
    assert.equal(printed.status, 0);
    assert.match(printed.stderr, /^treatymark: warning: 6 dangling references to article 17 would then cite what is renumbered to it:\n  draft\.treaty:94:154: "article 17 of this Convention" is dangling\n/);
    const refused = run(['renumber', 'draft.treaty', '--write'], dir);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /nothing written; fix or delete them first, or renumber anyway with --force\.\n$/);
    assert.equal(fs.readFileSync(file, 'utf8'), withoutArticle(CONVENTION, 17));
    const forced = run(['renumber', 'draft.treaty', '--write', '--force'], dir);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), printed.stdout);
  });

  it('refuses to renumber past a citation it cannot read that names a renumbered article, unless --force', () => {
    const file = path.join(dir, 'unread.treaty');
    const text = '## Article 1. One\n\nText.\n\n## Article 1 bis. Inserted\n\nText.\n\n## Article 2. Two\n\nAs Article (2) says, and as article 2 says.\n';
    fs.writeFileSync(file, text);
    const refused = run(['renumber', 'unread.treaty', '--write'], dir);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /1 citation Treatymark cannot read \(Article \(2\)\) may name what is renumbered, and would not be updated:\n  unread\.treaty:11:4: "Article \(2\)" cannot be read\n/);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
    const forced = run(['renumber', 'unread.treaty', '--write', '--force'], dir);
    assert.equal(forced.status, 0, forced.stderr);
    // The citation it reads follows; the one it cannot read is left as written.
    assert.match(fs.readFileSync(file, 'utf8'), /As Article \(2\) says, and as article 3 says\./);
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

