// `treatymark export` as a drafter runs it: the built dist/cli.js in a child process.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCliBytes } from '../support/cli';
import { docxParts } from '../support/publish';

const run = runCliBytes;
const text = (b: Buffer) => b.toString('utf8');

describe('treatymark export', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treatymark-export-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes each format to --output and says what it wrote', () => {
    for (const [format, ext, start] of [
      ['html', 'html', '<!DOCTYPE html>'],
      ['akn', 'xml', '<?xml version="1.0" encoding="UTF-8"?>'],
      ['docx', 'docx', 'PK'],
    ]) {
      const out = path.join(dir, `convention.${ext}`);
      const r = run(['export', 'examples/convention.treaty', '--to', format, '--output', out]);
      assert.equal(r.status, 0, text(r.stderr));
      assert.match(text(r.stdout), new RegExp(`convention\\.${ext}: ${format} written \\(68 articles, 18 defined terms, 5 interpretative notes; \\d+ KB\\)`));
      assert.equal(text(r.stderr), '', 'the convention has no errors');
      assert.ok(fs.readFileSync(out).subarray(0, start.length).toString('latin1') === start, format);
    }
    assert.match(docxParts(fs.readFileSync(path.join(dir, 'convention.docx')))['word/document.xml'], /Laundering of <\/w:t>[\s\S]*?proceeds of crime/);
  });

  it('prints to standard output without --output', () => {
    const r = run(['export', 'examples/convention.treaty', '--to=akn']);
    assert.equal(r.status, 0);
    assert.match(text(r.stdout), /<article eId="art_17"><num>Article 17<\/num><heading>Laundering of <term [^>]*refersTo="#term_proceeds_of_crime">proceeds of crime<\/term><\/heading>/);
  });

  it('exports a treaty with errors all the same, and says so on stderr', () => {
    const file = path.join(dir, 'draft.treaty');
    fs.writeFileSync(file, '## Article 1. Scope\n\nAs article 9 provides.\n');
    const r = run(['export', file, '--to', 'html']);
    assert.equal(r.status, 0);
    assert.match(text(r.stdout), /<span class="tm-ref-dangling"[^>]*>article 9<\/span>/);
    assert.match(text(r.stderr), /has 1 error; exported anyway[\s\S]*draft\.treaty:3:4 reference\.dangling/);
  });

  it('includes the notes file the front matter names', () => {
    fs.writeFileSync(path.join(dir, 'main.treaty'), '---\nnotes: main.notes.treaty\n---\n## Article 1. Scope\n\nText.\n');
    fs.writeFileSync(path.join(dir, 'main.notes.treaty'), '# Interpretative notes\n\n## Article 1\n\n1. A note on article 1.\n');
    const r = run(['export', 'main.treaty', '--to', 'akn'], dir);
    assert.equal(r.status, 0, text(r.stderr));
    assert.match(text(r.stdout), /<hcontainer eId="cmp_1__noteGroup_1" name="noteGroup"><heading><ref eId="[^"]+" href="#art_1">Article 1<\/ref><\/heading>/);
  });

  it('exits 2 on a missing file or a wrong option', () => {
    const missing = run(['export', 'nowhere.treaty', '--to', 'html']);
    assert.equal(missing.status, 2);
    assert.match(text(missing.stderr), /nowhere\.treaty: no such file/);
    for (const args of [['export', 'examples/convention.treaty'], ['export', 'examples/convention.treaty', '--to', 'pdf'], ['export', '--to', 'html'], ['export', 'examples/convention.treaty', '--to', 'html', '--bogus']]) {
      const r = run(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(text(r.stderr), /Usage:\n  treatymark export/);
    }
    assert.match(text(run(['--help']).stdout), /treatymark export <file\.treaty> --to html\|docx\|akn/);
  });
});
