// One registry of diagnostics (server/src/checks/registry.ts): package.json's severity
// settings, the docs and every code the source emits agree with it. `npm run gen:diagnostics`
// rewrites the generated parts when this fails.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../server/src/checks';
import { DIAGNOSTICS, finding, type DiagnosticCode } from '../../server/src/checks/registry';
import { analyse } from '../../server/src/model/analyse';
import { Project } from '../../server/src/workspace/project';
import { codes, diagnosticsDoc, SETTING, severityProperties } from '../../scripts/diagnostics';
import { ROOT } from '../support/corpus';

const read = (...p: string[]) => fs.readFileSync(path.join(ROOT, ...p), 'utf8');
const CODES = new Set<string>(codes());
const KINDS = [...new Set(codes().map((c) => c.split('.')[0]))];
/** `kind.name` for every kind the registry has: a stale or misspelt code looks like this. */
const CODE_LIKE = new RegExp(`^(?:${KINDS.join('|')})\\.[A-Za-z]+$`);

function files(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'corpus' || e.name === 'node_modules' ? [] : files(full, ext);
    return e.name.endsWith(ext) ? [full] : [];
  });
}

describe('diagnostics registry', () => {
  it('gives every code a severity, a one-line description and documentation', () => {
    assert.ok(CODES.size >= 15);
    for (const c of codes()) {
      const { severity, description, docs } = DIAGNOSTICS[c];
      assert.ok(['error', 'warning', 'information', 'hint'].includes(severity), c);
      assert.ok(description.length > 10 && !description.includes('\n'), `${c}: one line`);
      assert.ok(docs.length > description.length, `${c}: docs say more than the description`);
    }
  });

  it('package.json has one severity setting per code, with its default', () => {
    const setting = JSON.parse(read('package.json')).contributes.configuration.properties[SETTING];
    const listed = Object.keys(setting.properties);
    assert.deepEqual(listed.filter((c) => !CODES.has(c)), [], 'in package.json, not in the registry');
    assert.deepEqual(codes().filter((c) => !listed.includes(c)), [], 'in the registry, not in package.json');
    for (const c of codes()) assert.match(setting.properties[c].markdownDescription, new RegExp(`Default: \`${DIAGNOSTICS[c].severity}\`\\.$`), c);
    assert.deepEqual(setting.properties, severityProperties(), 'run npm run gen:diagnostics');
  });

  it('docs/diagnostics.md is the registry written out', () => {
    assert.equal(read('docs', 'diagnostics.md'), diagnosticsDoc(), 'run npm run gen:diagnostics');
  });

  it('the README and docs name only registered codes, with their default severity', () => {
    const wrong: string[] = [];
    const docs = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f))];
    for (const file of docs) {
      const text = read(file);
      for (const m of text.matchAll(/`([a-z]+\.[A-Za-z]+)`/g)) {
        if (CODE_LIKE.test(m[1]) && !CODES.has(m[1])) wrong.push(`${file}: ${m[1]} is not registered`);
      }
      // "`numbering.sequence` (warning)", "is a `reference.dangling` error".
      for (const m of text.matchAll(/`([a-z]+\.[A-Za-z]+)`\s+\(?(error|warning|information|hint)\b/g)) {
        const c = m[1] as DiagnosticCode;
        if (CODES.has(c) && DIAGNOSTICS[c].severity !== m[2]) wrong.push(`${file}: ${c} said to be ${m[2]}, default is ${DIAGNOSTICS[c].severity}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('the README links the table instead of repeating it', () => {
    const readme = read('README.md');
    assert.match(readme, /\(docs\/diagnostics\.md\)/);
    const listed = codes().filter((c) => readme.includes(`\`${c}\``));
    assert.ok(listed.length < 4, `README lists ${listed.join(', ')}`);
  });

  it('every code written in the source and tests is registered, and every registered code is emitted', () => {
    const unknown: string[] = [];
    const emitted = new Set<string>();
    const sources = [...files(path.join(ROOT, 'server', 'src'), '.ts'), ...files(path.join(ROOT, 'test'), '.ts'), ...files(path.join(ROOT, 'client', 'src'), '.ts')];
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/'([a-z]+\.[A-Za-z]+)'/g)) {
        if (!CODE_LIKE.test(m[1])) continue;
        if (!CODES.has(m[1])) unknown.push(`${path.relative(ROOT, file)}: '${m[1]}'`);
        else if (file.includes(`${path.sep}server${path.sep}`) && !file.endsWith('registry.ts')) emitted.add(m[1]);
      }
    }
    assert.deepEqual(unknown, []);
    // Its check (checks/unrecognised.ts) is written apart from the registry entry.
    const pending = fs.existsSync(path.join(ROOT, 'server', 'src', 'checks', 'unrecognised.ts')) ? [] : ['reference.unrecognised'];
    assert.deepEqual(codes().filter((c) => !emitted.has(c) && !pending.includes(c)), [], 'registered, never emitted');
  });

  it('every finding carries its code\'s default severity', () => {
    const texts = [
      read('examples', 'convention.treaty'),
      '---\ntitle: [unclosed\n---\n## Article 1. A\n\nSee article 9 and article [X]. [open {++never\n\n(a) "Pending";\n\n[^1]: Unused.\n\n## Article 3 bis. B\n\n1. "Widget" means a thing. "Widget" means a thing.\n',
      '---\ntitle: x\n## Article 1. A\n',
    ];
    let n = 0;
    for (const text of texts) {
      for (const f of check(analyse(text))) {
        n++;
        assert.equal(f.severity, DIAGNOSTICS[f.code].severity, `${f.code}: ${f.message}`);
      }
    }
    const p = new Project(() => undefined);
    p.openFile('file:///ws/t.treaty', '---\nnotes: t.notes.treaty\ninstruments:\n  UNTOC: { title: United Nations Convention, file: untoc.treaty }\n---\n## Article 1. A\n\nText.\n');
    const across = p.findings('file:///ws/t.treaty');
    assert.deepEqual(across.map((f) => [f.code, f.severity]), [
      ['frontmatter.missingFile', 'warning'],
      ['frontmatter.missingFile', 'warning'],
    ]);
    assert.ok(n > 10, `${n} findings`);
  });

  it('finding() fills in the severity and leaves out absent data', () => {
    assert.deepEqual(finding('definition.unused', { start: 1, end: 2 }, 'm'), { code: 'definition.unused', severity: 'warning', span: { start: 1, end: 2 }, message: 'm' });
    assert.deepEqual(finding('numbering.sequence', { start: 0, end: 1 }, 'm', { level: 'article' }).data, { level: 'article' });
  });
});
