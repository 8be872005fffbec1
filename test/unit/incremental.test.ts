// Incremental analysis against the reference: random sequences of the edits a drafter makes
// (typing, deleting, replacing, pasting a paragraph, pressing Enter, joining lines, deleting a
// heading, markers, quotes, references, markup) on the convention and the zero draft; after
// every edit the model updated by `reanalyse` must equal a fresh `analyse` of the same text —
// units, references with their targets and numbers, definitions, uses, notes, footnotes,
// negotiation marks — and so must the diagnostics of `check`.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import fc from 'fast-check';
import { analyse } from '../../server/src/model/analyse';
import { changedRegion, reanalyse } from '../../server/src/model/incremental';
import { check } from '../../server/src/checks';
import type { Span, Treaty, Unit } from '../../server/src/model/types';
import { CONVENTION, ZERO_DRAFT_PATH } from '../support/corpus';
import { composeWithNotes } from '../../server/src/model/crossdoc';
import { Project } from '../../server/src/workspace/project';
import { numRuns, seed } from '../support/robust';

const ZERO_DRAFT = fs.readFileSync(ZERO_DRAFT_PATH, 'utf8');

/** Everything the model says, as plain data: units by id, spans as pairs. */
function snapshot(t: Treaty): unknown {
  const id = (u: Unit | undefined) => u?.id;
  const ids = (us: Unit[]) => us.map((u) => u.id);
  const sp = (s: Span | undefined) => (s ? [s.start, s.end] : undefined);
  const refIndex = new Map(t.references.map((r, i) => [r, i]));
  const defIndex = new Map(t.definitions.map((d, i) => [d, i]));
  return {
    text: t.text,
    lines: [t.lines.starts, t.lines.ends],
    syntax: {
      frontMatter: t.syntax.frontMatter,
      blocks: t.syntax.blocks,
      brackets: t.syntax.brackets,
      strayClosers: t.syntax.strayClosers,
      critic: t.syntax.critic,
      footnoteRefs: t.syntax.footnoteRefs,
    },
    frontMatter: t.frontMatter,
    selfNames: t.selfNames,
    units: t.units.map((u) => ({
      id: u.id,
      kind: u.kind,
      number: u.number,
      value: u.value,
      suffix: u.suffix,
      placeholder: u.placeholder,
      style: u.style,
      numberSpan: sp(u.numberSpan),
      numberInsertAt: u.numberInsertAt,
      anchorSpan: sp(u.anchorSpan),
      span: sp(u.span),
      textSpan: sp(u.textSpan),
      title: u.title,
      titleSpan: sp(u.titleSpan),
      parent: id(u.parent),
      children: ids(u.children),
      index: u.index,
      implicit: u.implicit,
      chapeau: u.chapeau,
    })),
    byId: [...t.byId].map(([k, u]) => [k, u.id, u.index]),
    lists: [t.roots, t.articles, t.chapters, t.parts, t.sections, t.annexes].map(ids),
    definitions: t.definitions.map((d) => ({
      term: d.term,
      key: d.key,
      span: sp(d.span),
      unit: d.unit.id,
      scope: d.scope,
      scopeUnit: id(d.scopeUnit),
      pending: d.pending,
      group: d.group.map((g) => defIndex.get(g)),
      alternativeOf: d.alternativeOf && { term: d.alternativeOf.term, span: sp(d.alternativeOf.span) },
      uses: d.uses.map((u) => sp(u.span)),
    })),
    uses: t.uses.map((u) => ({ definition: defIndex.get(u.definition), span: sp(u.span), unit: u.unit.id })),
    references: t.references.map((r) => ({
      kind: r.kind,
      span: sp(r.span),
      text: r.text,
      numbers: r.numbers.map((n) => ({ text: n.text, span: sp(n.span), level: n.level, unit: id(n.unit), rangeEndpoint: n.rangeEndpoint })),
      targets: ids(r.targets),
      missing: r.missing.map((m) => ({ span: sp(m.span), description: m.description })),
      from: id(r.from),
      instrument: r.instrument,
      instrumentKey: r.instrumentKey,
      noteHeading: r.noteHeading,
      imprecise: r.imprecise?.map((m) => ({ span: sp(m.span), precise: m.precise })),
    })),
    unrecognised: t.unrecognised.map(sp),
    noteGroups: t.noteGroups.map((g) => ({ unit: g.unit.id, reference: g.reference && refIndex.get(g.reference), targets: ids(g.targets), regardingTerm: g.regardingTerm, notes: g.notes.map((n) => n.unit.id) })),
    notes: t.notes.map((n) => ({ unit: n.unit.id, number: n.number, group: n.group.unit.id, concerns: ids(n.concerns), terms: n.terms })),
    footnotes: [...t.footnotes].map(([label, f]) => ({ label, key: f.label, span: sp(f.span), labelSpan: sp(f.labelSpan), textSpan: sp(f.textSpan), refs: f.refs.map(sp) })),
    alternatives: t.alternatives.map((a) => ({ span: sp(a.span), groups: a.groups.map((g) => [g.open, g.close, g.depth, g.parent]) })),
    changes: t.changes,
    comments: t.comments,
  };
}

/** The first place where two plain values differ, as a path, or undefined. */
function difference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  for (const k of keys) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}

/** `incremental` must be what `analyse` reads from its text, findings included; returns its snapshot. */
function assertSame(incremental: Treaty, label: string): unknown {
  const fresh = analyse(incremental.text);
  const shot = snapshot(incremental);
  const d = difference(shot, snapshot(fresh));
  assert.ok(!d, `${label}: the incremental model differs from analyse() at ${d}`);
  const f = difference(JSON.parse(JSON.stringify(check(incremental))), JSON.parse(JSON.stringify(check(fresh))));
  assert.ok(!f, `${label}: the diagnostics differ at ${f}`);
  return shot;
}

/** What drafters type or paste: words, references, quotes, markers, headings and markup. */
const PIECES = [
  'a', 'e', ' ', 'the ', 'Party', ',', '.', ';', '\n', '\n\n', '\r\n', '\t', '"', '“', '”', '(', ')',
  ' article 5', ' articles 3 to 7', ' paragraph 2 of article 11', ' subparagraph (b) of this paragraph', ' of this Convention', ' article 5 of the Budapest Convention',
  ' the preceding paragraph', ' chapter II', '"Computer data" means ', '"Traffic data" shall mean any data', ' For the purposes of this article, ', 'service provider', 'computer systems',
  '(b) ', '\n(c) ', '\n2. ', '\n(ii) ', '3. ', '(i) ', '[', ']', '{++x++}', '{--', '[^1]', 'IN WITNESS WHEREOF', '\n## Article 9 bis. Inserted\n', '\n# Chapter X. New\n', '\\', '---',
];

type Edit =
  | { kind: 'insert'; at: number; piece: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; piece: number }
  | { kind: 'type'; at: number; word: string }
  | { kind: 'paste'; line: number; from: number }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'deleteHeading'; n: number }
  | { kind: 'retitle'; n: number; at: number; word: string }
  | { kind: 'join'; line: number };

const offset = fc.nat(1_000_000);
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: offset, piece: fc.nat(PIECES.length - 1) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: offset, length: fc.integer({ min: 1, max: 60 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: offset, length: fc.integer({ min: 1, max: 12 }), piece: fc.nat(PIECES.length - 1) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('type' as const), at: offset, word: fc.stringMatching(/^[a-z ,.]{1,8}$/) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('paste' as const), line: offset, from: offset }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('deleteLine' as const), line: offset }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('deleteHeading' as const), n: offset }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('join' as const), line: offset }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('retitle' as const), n: offset, at: offset, word: fc.stringMatching(/^[A-Za-z ,.:]{1,6}$/) }), weight: 2 },
);

/** The texts one edit goes through: a word typed is one text per keystroke (a burst). */
function apply(text: string, e: Edit): string[] {
  const lines = text.split('\n');
  const lineStart = (k: number) => lines.slice(0, k).reduce((n, l) => n + l.length + 1, 0);
  switch (e.kind) {
    case 'insert': {
      const at = e.at % (text.length + 1);
      return [text.slice(0, at) + PIECES[e.piece] + text.slice(at)];
    }
    case 'delete': {
      const at = e.at % (text.length + 1);
      return [text.slice(0, at) + text.slice(at + e.length)];
    }
    case 'replace': {
      const at = e.at % (text.length + 1);
      return [text.slice(0, at) + PIECES[e.piece] + text.slice(at + e.length)];
    }
    case 'type': {
      const at = e.at % (text.length + 1);
      const out: string[] = [];
      for (let k = 1; k <= e.word.length; k++) out.push(text.slice(0, at) + e.word.slice(0, k) + text.slice(at));
      return out;
    }
    case 'paste': {
      const k = e.line % lines.length;
      const copied = lines[e.from % lines.length];
      return [text.slice(0, lineStart(k)) + copied + '\n\n' + text.slice(lineStart(k))];
    }
    case 'deleteLine': {
      const k = e.line % lines.length;
      return [[...lines.slice(0, k), ...lines.slice(k + 1)].join('\n')];
    }
    case 'deleteHeading': {
      const headings = lines.flatMap((l, k) => (l.startsWith('#') ? [k] : []));
      if (headings.length === 0) return [text];
      const k = headings[e.n % headings.length];
      return [[...lines.slice(0, k), ...lines.slice(k + 1)].join('\n')];
    }
    case 'retitle': {
      // Typed in a heading's line, its title most often (before its `#`, it is no longer one).
      const headings = lines.flatMap((l, k) => (l.startsWith('#') ? [k] : []));
      if (headings.length === 0) return [text];
      const k = headings[e.n % headings.length];
      const at = lineStart(k) + (e.at % (lines[k].length + 1));
      const out: string[] = [];
      for (let j = 1; j <= e.word.length; j++) out.push(text.slice(0, at) + e.word.slice(0, j) + text.slice(at));
      return out;
    }
    case 'join': {
      const k = e.line % Math.max(1, lines.length - 1);
      const at = lineStart(k) + lines[k].length;
      return [text.slice(0, at) + text.slice(at + 1)];
    }
  }
}

describe('incremental analysis equals a fresh analysis after every edit', function () {
  this.timeout(600_000);
  const stats = { incremental: 0, full: 0 };

  /** Applies the edits one text at a time, each through `reanalyse`, comparing with `analyse`. */
  const run = (start: string, edits: Edit[]) => {
    let model = analyse(start);
    let shot = snapshot(model);
    let text = start;
    edits.forEach((e, k) => {
      for (const next of apply(text, e)) {
        const r = reanalyse(model, next);
        const label = `edit ${k + 1} (${e.kind})${r.incremental ? ' incremental' : ` full: ${r.reason}`}`;
        // Analysed afresh: the previous analysis is left as it was (the project may still show it).
        if (!r.incremental) assert.ok(!difference(snapshot(model), shot), `${label}: the previous analysis was changed`);
        model = r.treaty;
        text = next;
        stats[r.incremental ? 'incremental' : 'full']++;
        shot = assertSame(model, label);
      }
    });
  };

  for (const [name, source, s] of [
    ['the convention', CONVENTION, 1919],
    ['the zero draft', ZERO_DRAFT, 2023],
  ] as const) {
    it(`random edit sequences on ${name}`, () => {
      fc.assert(
        fc.property(fc.array(editArb, { minLength: 1, maxLength: 10 }), (edits) => run(source, edits)),
        { numRuns: numRuns(10), seed: seed(s) },
      );
    });
  }

  it('typing bursts inside articles take the incremental path', () => {
    const before = { ...stats };
    const articles = analyse(CONVENTION).articles.filter((a) => a.children.length > 0);
    fc.assert(
      fc.property(fc.nat(articles.length - 1), fc.nat(10_000), fc.stringMatching(/^[a-z ]{1,12}$/), (a, k, word) => {
        const article = articles[a];
        const at = article.children[0].textSpan.start + (k % Math.max(1, article.children[0].textSpan.end - article.children[0].textSpan.start));
        run(CONVENTION, [{ kind: 'type', at, word }]);
      }),
      { numRuns: numRuns(15), seed: seed(31) },
    );
    const incremental = stats.incremental - before.incremental;
    const full = stats.full - before.full;
    assert.ok(incremental >= 0.8 * (incremental + full), `only ${incremental} of ${incremental + full} keystrokes were analysed incrementally`);
  });

  it('the project analyses edits by difference, a notes file composed with the treaty', () => {
    const main = 'file:///w/t.treaty';
    const notesUri = 'file:///w/t.notes.treaty';
    const notes = '# Interpretative notes\n\n## Article 1\n\n1. The note cites article 2, paragraph 1.\n';
    let text = '---\ntitle: T\nnotes: t.notes.treaty\n---\n\n## Article 1. One\n\n1. "Data" means data. See article 2.\n\n## Article 2. Two\n\n1. Data of article 1, paragraph 1.\n\n---\n\n2. After a rule.\n';
    const project = new Project();
    project.openFile(notesUri, notes, 1);
    project.openFile(main, text, 1);
    const fresh = (t: string) => {
      const p = new Project();
      p.openFile(notesUri, notes, 1);
      p.openFile(main, t, 1);
      return p.findings(main);
    };
    let version = 1;
    const edit = (at: string, insert: string) => {
      const k = text.indexOf(at) + at.length;
      text = text.slice(0, k) + insert + text.slice(k);
      project.openFile(main, text, ++version);
    };
    for (const [at, insert] of [['of article 1', ' and'], ['Two', 's'], ['See ', 'also '], ['Data of', '\nmore']]) {
      edit(at, insert);
      const d = difference(snapshot(project.bundle(main)!.treaty), snapshot(analyse(composeWithNotes(text, notes).text)));
      assert.ok(!d, `after typing "${insert}": ${d}`);
      assert.deepEqual(project.findings(main), fresh(text));
    }
  });

  it('an edit that breaks the front matter leaves the last good analysis intact for the view', () => {
    const uri = 'file:///w/t.treaty';
    let text = '---\ntitle: T\n---\n\n## Article 1. One\n\n1. Text of article 2.\n\n## Article 2. Two\n\n1. Text.\n\n---\n\n2. After a rule.\n';
    const project = new Project();
    project.openFile(uri, text, 1);
    text = text.replace('Text.', 'Text and more.');
    project.openFile(uri, text, 2);
    const good = snapshot(project.bundle(uri)!.treaty);
    // The closing fence broken, the front matter runs to the rule and swallows article 1.
    project.openFile(uri, text.replace('T\n---\n', 'T\n--\n'), 3);
    assert.ok(project.view(uri)!.stale);
    assert.ok(!difference(snapshot(project.view(uri)!.treaty), good), 'the last good analysis changed');
  });

  it('finds the one region where two texts differ', () => {
    assert.deepEqual(changedRegion('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3, delta: 0 });
    assert.deepEqual(changedRegion('aa', 'aaa'), { start: 2, oldEnd: 2, newEnd: 3, delta: 1 });
    const long = 'x'.repeat(100_000);
    assert.deepEqual(changedRegion(long + 'a' + long, long + long), { start: 100_000, oldEnd: 100_001, newEnd: 100_000, delta: -1 });
  });
});
