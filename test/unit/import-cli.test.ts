// `treatymark import` as a drafter or CI runs it: the built dist/cli.js in a child process.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { importFile } from '../../server/src/import';
import { ROOT } from '../support/corpus';
import { cliTestFolder, runCli } from '../support/cli';
import { DOCX_FIXTURES } from '../support/importMeasure';

const run = runCli;
const fixture = (name: string) => path.relative(ROOT, path.join(DOCX_FIXTURES, name));

describe('treatymark import', () => {
  const folder = cliTestFolder('treatymark-import-');

  it('prints the treaty without --output, exit 0', () => {
    const r = run(['import', fixture('convention-excerpt.docx')]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const expected = importFile(new Uint8Array(fs.readFileSync(path.join(DOCX_FIXTURES, 'convention-excerpt.docx'))), 'x');
    assert.ok(expected.ok);
    assert.equal(r.stdout, expected.text);
    assert.match(r.stdout, /^## Article 5\. Protection of sovereignty$/m);
  });

  it('writes --output and says what it imported', () => {
    const out = path.join(folder(), 'convention.treaty');
    const r = run(['import', fixture('convention.docx'), '--output', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${out}: imported from ${fixture('convention.docx')} (83 headings, 519 paragraphs, 480 automatic numbers, 6 insertions, 5 deletions, 10 comments, 1 footnote).\n`);
    const text = fs.readFileSync(out, 'utf8');
    assert.match(text, /^## Article 68\. Depositary and languages$/m);
    const check = run(['check', out]);
    assert.equal(check.status, 0, check.stdout);
  });

  it('imports text pasted from a PDF (--output=)', () => {
    const txt = path.join(folder(), 'draft.txt');
    fs.writeFileSync(txt, 'ARTICLE 1\nPurpose\n1. The purpose of this Convention is to promote\ncooperation.\n');
    const r = run(['import', txt, `--output=${path.join(folder(), 'draft.treaty')}`]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(folder(), 'draft.treaty'), 'utf8'), '## ARTICLE 1. Purpose\n\n1. The purpose of this Convention is to promote cooperation.\n');
  });

  for (const [file, what] of [
    ['broken/truncated.docx', 'is damaged'],
    ['broken/not-a-zip.docx', 'is a web page (HTML), not a Word document'],
    ['broken/not-word.docx', 'is an OpenDocument text (.odt), not a Word document'],
    ['broken/legacy-doc.docx', 'is an old Word 97-2003 document (.doc)'],
    ['broken/encrypted.docx', 'is protected by a password'],
  ]) {
    it(`${file}: exit 2, one line, nothing written`, () => {
      const out = path.join(folder(), 'out.treaty');
      const r = run(['import', fixture(file), '--output', out]);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith(`treatymark: ${fixture(file)} ${what}`), r.stderr);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.ok(!fs.existsSync(out));
    });
  }

  it('usage errors and a missing file: exit 2', () => {
    const none = run(['import']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /^treatymark: name exactly one file to import/);
    assert.match(none.stderr, /treatymark import <file\.docx\|file\.txt\|file\.md> \[--output <file\.treaty>\]/);
    assert.match(run(['import', 'a.docx', '--bogus']).stderr, /unknown option "--bogus"/);
    const missing = run(['import', 'nowhere.docx']);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'treatymark: nowhere.docx: no such file.\n');
    assert.match(run(['--help']).stdout, /treatymark import <file\.docx/);
  });
});
