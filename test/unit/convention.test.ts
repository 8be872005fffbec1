// The adopted convention, end to end: the counts of the issue, the facts file's
// independent extraction, and no diagnostic above information.
import { strict as assert } from 'assert';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { CONVENTION, loadFacts, withoutArticle, insertBefore } from '../support/corpus';

describe('the convention', () => {
  const treaty = analyse(CONVENTION);
  const count = (kind: string) => treaty.units.filter((u) => u.kind === kind && !u.implicit).length;

  it('has the structure of the adopted text', () => {
    assert.equal(treaty.chapters.length, 9);
    assert.equal(treaty.articles.length, 68);
    assert.equal(count('paragraph'), 264);
    assert.equal(count('subparagraph'), 195);
    assert.equal(count('subsubparagraph'), 20);
    assert.equal(treaty.units.filter((u) => u.kind === 'recital').length, 15);
    assert.equal(treaty.frontMatter.shortTitle, 'Convention');
  });

  it('numbers each article as written, with its heading', () => {
    const facts = loadFacts();
    assert.deepEqual(
      treaty.articles.map((a) => [a.id, a.number, a.title]),
      facts.articles.map((a) => [a.id, a.number, a.heading]),
    );
  });

  it('has every unit of the facts file, with the same ids', () => {
    const facts = loadFacts();
    for (const a of facts.articles) {
      const article = treaty.byId.get(a.id)!;
      const ids = treaty.units.filter((u) => u.id.startsWith(a.id + '__')).map((u) => u.id);
      assert.deepEqual(ids, a.units, `units of ${a.id}`);
      assert.equal(article.id, a.id);
    }
  });

  it('defines 18 terms with their scopes', () => {
    const facts = loadFacts();
    assert.equal(treaty.definitions.length, 18);
    const global = treaty.definitions.filter((d) => d.scope === 'global');
    assert.equal(global.length, 16);
    assert.ok(global.every((d) => d.unit.id.startsWith('art_2__')));
    for (const [key, f] of Object.entries(facts.defined_terms)) {
      const d = treaty.definitions.find((x) => x.key === key);
      assert.ok(d, `term ${key}`);
      assert.equal(d.term, f.as_written);
      assert.equal(d.unit.id, f.defined_in);
      assert.equal(d.scope, f.scope);
      assert.equal(d.scopeUnit?.id ?? null, f.scope_unit);
      assert.equal(treaty.lines.positionAt(d.span.start).line + 1, f.line);
    }
  });

  it('attaches the 5 interpretative notes to articles 2, 17, 23 and 35', () => {
    assert.equal(treaty.notes.length, 5);
    const targets = treaty.notes.map((n) => [n.number, n.group.targets.map((t) => t.id)]);
    assert.deepEqual(targets, [
      ['1', ['art_2']],
      ['2', ['art_2']],
      ['3', ['art_17']],
      ['4', ['art_23', 'art_35']],
      ['5', ['art_35']],
    ]);
    assert.equal(treaty.notes[3].group.regardingTerm, 'investigation');
    // Note 1 interprets the definition in article 2 (e) and quotes its term.
    assert.ok(treaty.notes[0].concerns.some((u) => u.id === 'art_2__para_0__point_e'));
    assert.ok(treaty.notes[0].terms.includes('service provider'));
  });

  it('pairs its footnote', () => {
    const f = treaty.footnotes.get('7')!;
    assert.ok(f.span);
    assert.equal(f.refs.length, 1);
  });

  it('reports nothing above information', () => {
    const serious = check(treaty).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(serious, []);
  });

  it('recognises every reference of the facts file at its line, with the same targets', () => {
    const facts = loadFacts();
    assert.equal(facts.cross_references.length, 134);
    const byLine = new Map<number, typeof treaty.references>();
    for (const r of treaty.references) {
      const line = treaty.lines.positionAt(r.span.start).line + 1;
      byLine.set(line, [...(byLine.get(line) ?? []), r]);
    }
    const problems: string[] = [];
    const used = new Set<unknown>();
    for (const f of facts.cross_references) {
      const expected = Array.isArray(f.target) ? f.target : [f.target];
      const candidates = (byLine.get(f.line) ?? []).filter((r) => r.text === f.text && !used.has(r));
      const match = candidates.find((r) => JSON.stringify(r.targets.map((t) => t.id)) === JSON.stringify(expected));
      if (!match) {
        problems.push(`line ${f.line} "${f.text}": expected ${expected.join(', ')}; found ${candidates.map((r) => `"${r.text}" → ${r.targets.map((t) => t.id).join(', ')}`).join('; ') || 'no such reference'}`);
        continue;
      }
      used.add(match);
    }
    assert.deepEqual(problems, []);
    assert.equal(treaty.references.filter((r) => r.kind === 'internal').length, 134);
  });
});

describe('the convention, edited', () => {
  it('reports each citation of a deleted article 17 as dangling, the note heading, and the gap', () => {
    const original = analyse(CONVENTION);
    const inArticle17 = (id: string | undefined) => id === 'art_17' || !!id?.startsWith('art_17__');
    // References written inside article 17 go with it; every other citation must dangle.
    const citing = original.references.filter((r) => r.targets.some((t) => inArticle17(t.id)) && !inArticle17(r.from?.id));
    const text = withoutArticle(CONVENTION, 17);
    const treaty = analyse(text);
    const findings = check(treaty);
    const dangling = findings.filter((f) => f.code === 'reference.dangling');
    const citingTexts = citing.filter((r) => !r.noteHeading).map((r) => r.text).sort();
    assert.deepEqual(dangling.map((f) => text.slice(f.span.start, f.span.end)).sort(), citingTexts);
    assert.ok(dangling.every((f) => f.severity === 'error'));
    const noteTarget = findings.filter((f) => f.code === 'note.target');
    assert.equal(noteTarget.length, 1);
    assert.equal(text.slice(noteTarget[0].span.start, noteTarget[0].span.end), 'Article 17');
    const sequence = findings.filter((f) => f.code === 'numbering.sequence');
    assert.equal(sequence.length, 1);
    assert.equal(text.slice(sequence[0].span.start, sequence[0].span.end), '18');
    assert.match(sequence[0].message, /Expected article 17/);
  });

  it('reports an inserted article 7 bis as provisional', () => {
    const text = insertBefore(CONVENTION, '## Article 8.', '## Article 7 bis. Illegal access to a subsystem\n\n1. Each State Party may act.\n\n');
    const findings = check(analyse(text)).filter((f) => f.severity !== 'information' || f.code === 'numbering.provisional');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].code, 'numbering.provisional');
    assert.equal(text.slice(findings[0].span.start, findings[0].span.end), '7 bis');
    assert.match(findings[0].message, /article 8/);
  });
});
