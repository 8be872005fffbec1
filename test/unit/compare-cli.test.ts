// `treatymark compare` as a drafter or CI runs it: the built dist/cli.js in a child process.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../../server/src/model/analyse';
import { decideAll } from '../../server/src/edits/negotiation';
import { applyEdits } from '../../server/src/edits/textedit';
import { CONVENTION } from '../support/corpus';
import { cliTestFolder, runCli } from '../support/cli';

const run = runCli;
const PAIR = ['examples/zero-draft.treaty', 'examples/convention.treaty'];

describe('treatymark compare', () => {
  const folder = cliTestFolder('treatymark-compare-');

  it('prints the correspondence table and the word changes, exit 0', () => {
    const r = run(['compare', ...PAIR]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Comparing examples\/zero-draft\.treaty \(67 articles\) with examples\/convention\.treaty \(68 articles\)$/m);
    assert.match(r.stdout, /^ +17 → +4 +changed, renumbered, moved /m);
    assert.match(r.stdout, /^Article 17 → 4\. Offences established in accordance with other United Nations conventions and protocols$/m);
    assert.match(r.stdout, /\[-device\]-\]\{\+system\+\}/);
  });

  it('--format json: article numbers as printed, null where an article is missing, paragraphs and a summary', () => {
    const r = run(['compare', ...PAIR, '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const moved = out.articles.find((a: { old: string }) => a.old === '17');
    assert.deepEqual([moved.new, moved.status, moved.renumbered, moved.moved], ['4', 'changed', true, true]);
    const added = out.articles.find((a: { new: string }) => a.new === '62');
    assert.deepEqual([added.old, added.status], [null, 'added']);
    assert.ok(out.articles.every((a: { paragraphs: unknown[] }) => Array.isArray(a.paragraphs)));
    assert.deepEqual([out.summary.articles, out.summary.renumbered], [{ old: 67, new: 68 }, 20]);
  });

  it('--format criticmarkup --output: a treaty whose accepted changes are the new text', () => {
    const r = run(['compare', ...PAIR, '--format=criticmarkup', '--output', path.join(folder(), 'changes.treaty')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /changes\.treaty: 67 articles matched \(61 changed, 20 renumbered, 1 moved\), 1 added, 0 deleted\./);
    // The zero draft's own proposals are read as the text they leave.
    assert.match(r.stderr, /zero-draft\.treaty holds 29 tracked changes of its own/);
    const written = fs.readFileSync(path.join(folder(), 'changes.treaty'), 'utf8');
    assert.equal(applyEdits(written, decideAll(analyse(written), 'accept')), CONVENTION);
  });

  it('--format html: one self-contained page, the table on top', () => {
    const r = run(['compare', ...PAIR, '--format', 'html', '-o', path.join(folder(), 'synopsis.html')]);
    assert.equal(r.status, 0, r.stderr);
    const html = fs.readFileSync(path.join(folder(), 'synopsis.html'), 'utf8');
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(html.indexOf('class="correspondence"') < html.indexOf('class="synopsis"'));
    assert.ok(!/<script|<link|src=/i.test(html), 'nothing external, no script');
  });

  it('exits 2 with a clear message on usage and file errors', () => {
    for (const [args, message] of [
      [['compare'], /name the old draft and the new draft/],
      [['compare', PAIR[0]], /name the old draft and the new draft/],
      [['compare', PAIR[0], 'missing.treaty'], /missing\.treaty: no such file/],
      [['compare', ...PAIR, '--format', 'pdf'], /--format takes "text", "json", "criticmarkup", "html", not "pdf"/],
      [['compare', ...PAIR, '--frobnicate'], /unknown option "--frobnicate"/],
      [['compare', ...PAIR, '--output'], /--output needs a value/],
    ] as const) {
      const r = run([...args]);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
    assert.match(run(['--help']).stdout, /treatymark compare <old\.treaty> <new\.treaty>/);
  });

  it('compares a draft with a mark never closed, and writes none: the marks it writes all close', () => {
    fs.writeFileSync(path.join(folder(), 'open.treaty'), '## Article 1. One\n\nStates {>>A1: never closed shall act.\n');
    fs.writeFileSync(path.join(folder(), 'next.treaty'), '## Article 1. One\n\nStates shall act {==at once==}{>>B1: open {>>.\n');
    const r = run(['compare', 'open.treaty', 'next.treaty', '--format', 'criticmarkup'], folder());
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(analyse(r.stdout).syntax.critic.filter((c) => !c.closed), []);
  });
});
