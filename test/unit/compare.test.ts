// Comparing two drafts (server/src/compare/): the real pair, zero draft → adopted convention,
// against the correspondence read by hand (test/fixtures/compare/); revisions of the
// convention made with known operations — an article deleted, inserted, moved, reworded, with
// everything renumbered and every reference following — against their known answers; and the
// CriticMarkup output, whose accepted changes give the new text and whose rejected changes
// give the old one, on random revisions.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { compareTexts, renderCriticMarkup, renderHtml, renderText, toJson, type Comparison } from '../../server/src/compare';
import { wrap } from '../../server/src/compare/render/criticmarkup';
import { analyse } from '../../server/src/model/analyse';
import { cleanCopy, decideAll } from '../../server/src/edits/negotiation';
import { planRenumbering } from '../../server/src/edits/renumber';
import { applyEdits, type TextEdit } from '../../server/src/edits/textedit';
import { CONVENTION, ROOT, ZERO_DRAFT_PATH } from '../support/corpus';
import { bestTime, numRuns, seed } from '../support/robust';

const ZERO_DRAFT = fs.readFileSync(ZERO_DRAFT_PATH, 'utf8');

interface Row {
  old: string | null;
  new: string | null;
  status: string;
  renumbered: boolean;
  moved: boolean;
}

const table = (c: Comparison): Row[] => toJson(c).articles.map(({ old, new: neu, status, renumbered, moved }) => ({ old, new: neu, status, renumbered, moved }));

/** Accept (or reject) every tracked change of a text, as the editor's commands do. */
function decided(text: string, decision: 'accept' | 'reject'): string {
  return applyEdits(text, decideAll(analyse(text), decision));
}

function renumbered(text: string): string {
  return applyEdits(text, planRenumbering(analyse(text)).edits);
}

describe('compare: zero draft → convention', () => {
  const fixture = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'compare', 'zero-to-convention.json'), 'utf8')) as {
    articles: Row[];
    renumbered: number;
    paragraphs: Record<string, { complete: boolean; rows: Row[] }>;
  };
  let c: Comparison;
  before(() => {
    c = compareTexts(ZERO_DRAFT, CONVENTION, { oldName: 'zero-draft.treaty', newName: 'convention.treaty' });
  });

  it('matches every article as read in the two texts, the moved article 17 → 4 and the new article 62 included', () => {
    assert.deepEqual(table(c), fixture.articles);
  });

  it(`finds the renumbered articles`, () => {
    assert.equal(c.summary.renumbered, fixture.renumbered);
    assert.equal(c.summary.renumbered, fixture.articles.filter((r) => r.renumbered).length);
    assert.deepEqual(
      { matched: c.summary.matched, unchanged: c.summary.unchanged, added: c.summary.added, deleted: c.summary.deleted, moved: c.summary.moved },
      { matched: 67, unchanged: 6, added: 1, deleted: 0, moved: 1 },
    );
    console.log(`      zero draft → convention: ${c.summary.matched} articles matched, ${c.summary.renumbered} renumbered, ${c.summary.moved} moved, ${c.summary.added} added`);
  });

  it('matches paragraphs and subparagraphs inside matched articles as read', () => {
    const json = toJson(c);
    for (const [number, expected] of Object.entries(fixture.paragraphs)) {
      const article = json.articles.find((a) => a.new === number)!;
      const rows = article.paragraphs.map(({ old, new: neu, status, renumbered, moved }) => ({ old, new: neu, status, renumbered, moved }));
      if (expected.complete) assert.deepEqual(rows, expected.rows, `article ${number}`);
      else for (const row of expected.rows) assert.ok(rows.some((r) => JSON.stringify(r) === JSON.stringify(row)), `article ${number}: ${JSON.stringify(row)} in ${JSON.stringify(rows)}`);
    }
  });

  it('compares references by what they cite: "articles 6 to 9" → "articles 7 to 10" is no change', () => {
    const misuse = toJson(c).articles.find((a) => a.new === '11')!;
    assert.equal(misuse.old, '10');
    assert.ok(misuse.changes.length > 0, 'article 11 did change in other words');
    for (const change of misuse.changes) assert.ok(!/\d/.test(`${change.old ?? ''}${change.new ?? ''}`), `a number reported as changed: ${JSON.stringify(change)}`);
    // The CriticMarkup still records the renumbering, so that rejecting restores "6 to 9".
    assert.ok(renderCriticMarkup(c).includes('articles {~~6~>7~~} to {~~9~>10~~} of this Convention'));
  });

  it('compares in under a second', () => {
    // CPU time of this process, so that other jobs on a shared machine do not count; wall time printed too.
    let cpu = Infinity;
    const wall = bestTime(() => {
      const before = process.cpuUsage();
      compareTexts(ZERO_DRAFT, CONVENTION);
      const used = process.cpuUsage(before);
      cpu = Math.min(cpu, (used.user + used.system) / 1000);
    }, 3);
    console.log(`      zero draft → convention, analysis of both included: ${cpu.toFixed(0)} ms CPU, ${wall.toFixed(0)} ms wall (best of 3)`);
    assert.ok(cpu < 1000, `${cpu} ms`);
  });

  it('writes CriticMarkup whose accepted changes give the convention exactly', () => {
    assert.equal(decided(renderCriticMarkup(c), 'accept'), CONVENTION);
  });

  it('lists the correspondence and the word changes as text, and side by side as HTML', () => {
    const text = renderText(c);
    assert.match(text, /^Comparing zero-draft\.treaty \(67 articles\) with convention\.treaty \(68 articles\)$/m);
    assert.match(text, /^ +17 → +4 +changed, renumbered, moved +Offences established in accordance with other United Nations conventions and protocols +\(moved from Chapter I{2} to Chapter I\)$/m);
    assert.match(text, /^ +— → +62 +added +Adoption of supplementary protocols$/m);
    assert.match(text, /^67 articles matched \(6 unchanged, 61 changed\), 1 added, 0 deleted; 20 renumbered, 1 moved\.$/m);
    assert.match(text, /^ {2}\(c\): … facilitate and support technical assistance \{\+and capacity-building \+\}to prevent/m);
    const html = renderHtml(c);
    assert.match(html, /<table class="correspondence">/);
    assert.match(html, /<tr class="added"><td class="num">—<\/td><td class="num">62<\/td>/);
    assert.match(html, /<ins>and capacity-building <\/ins>/);
    assert.ok(!/<script/i.test(html), 'no script');
  });
});

// ---------------------------------------------------------------- revisions with known answers

const base = analyse(CONVENTION);
const article = (n: number) => base.articles.find((a) => a.number === String(n))!;
/** An article and the blank line after it. */
const whole = (n: number) => ({ start: article(n).span.start, end: article(n).span.end + 2 });
const textOf = (n: number) => CONVENTION.slice(article(n).span.start, article(n).span.end);

/** Rows as expected when the new text holds the old articles in `order` (old numbers; `new` for an inserted one). */
function expected(order: (number | 'new')[], options: { deleted?: number[]; changed?: number[]; moved?: number[]; numbers?: (i: number) => string } = {}): Row[] {
  const rows: Row[] = [];
  const numberAt = options.numbers ?? ((i: number) => String(i + 1));
  order.forEach((old, i) => {
    const neu = numberAt(i);
    if (old === 'new') rows.push({ old: null, new: neu, status: 'added', renumbered: false, moved: false });
    else rows.push({ old: String(old), new: neu, status: options.changed?.includes(old) ? 'changed' : 'unchanged', renumbered: String(old) !== neu, moved: !!options.moved?.includes(old) });
    // A deleted article is listed after the one that preceded it.
    for (const d of options.deleted ?? []) if (old === d - 1) rows.push({ old: String(d), new: null, status: 'deleted', renumbered: false, moved: false });
  });
  return rows;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('compare: revisions of the convention with known operations', () => {
  it('an article deleted, the rest renumbered: 21 deleted, 22–68 unchanged as 21–67', () => {
    // Article 21 is cited nowhere, so no reference dangles or follows it.
    assert.ok(!base.references.some((r) => r.targets.includes(article(21))));
    const revised = renumbered(applyEdits(CONVENTION, [{ span: whole(21), newText: '' }]));
    assert.ok(revised.includes('## Article 21. Jurisdiction'), 'renumbered');
    const c = compareTexts(CONVENTION, revised);
    assert.deepEqual(table(c), expected([...range(1, 20), ...range(22, 68)], { deleted: [21] }));
  });

  it('an article inserted, everything after renumbered and every reference following', () => {
    const inserted = '## Article 7 bis. Registration of domain names\n\nEach State Party may consider registering domain names used for phishing campaigns.\n\n';
    const draft = applyEdits(CONVENTION, [{ span: { start: article(8).span.start, end: article(8).span.start }, newText: inserted }]);
    // Before renumbering: the new article is printed as it stands, "7 bis".
    assert.deepEqual(table(compareTexts(CONVENTION, draft)), expected([...range(1, 7), 'new', ...range(8, 68)], { numbers: (i) => (i < 7 ? String(i + 1) : i === 7 ? '7 bis' : String(i)) }));
    const revised = renumbered(draft);
    // The references moved with their articles: "articles 7 to 16" now reads "articles 7 to 17".
    assert.ok(revised.includes('articles 7 to 17 of this Convention') && CONVENTION.includes('articles 7 to 16 of this Convention'));
    const c = compareTexts(CONVENTION, revised);
    assert.deepEqual(table(c), expected([...range(1, 7), 'new', ...range(8, 68)]));
    // Articles whose references were renumbered are unchanged, and their paragraphs too.
    const row = toJson(c).articles.find((a) => a.old === '17')!;
    assert.deepEqual([row.new, row.status, row.changes], ['18', 'unchanged', []]);
  });

  it('an article moved to another chapter, renumbered: 30 → 18, found as moved, the articles it passed renumbered', () => {
    const draft = applyEdits(CONVENTION, [
      { span: whole(30), newText: '' },
      { span: { start: article(18).span.start, end: article(18).span.start }, newText: `${textOf(30)}\n\n` },
    ]);
    const c = compareTexts(CONVENTION, renumbered(draft));
    assert.deepEqual(table(c), expected([...range(1, 17), 30, ...range(18, 29), ...range(31, 68)], { moved: [30] }));
    const moved = toJson(c).articles.find((a) => a.old === '30')!;
    assert.deepEqual(moved.place, { old: 'Chapter IV', new: 'Chapter II' });
  });

  it('an article reworded: exactly its changed words, in the paragraphs they stand in', () => {
    const a25 = article(25);
    const at = (phrase: string) => {
      const i = CONVENTION.indexOf(phrase, a25.span.start);
      assert.ok(i >= 0 && i < a25.span.end, phrase);
      return i;
    };
    const edits: TextEdit[] = [
      { span: { start: at('expeditious'), end: at('expeditious') + 'expeditious'.length }, newText: 'rapid' },
      { span: { start: at('to keep confidential'), end: at('to keep confidential') + 'to keep confidential'.length }, newText: 'to keep secret' },
    ];
    const c = compareTexts(CONVENTION, applyEdits(CONVENTION, edits));
    assert.deepEqual(table(c), expected(range(1, 68), { changed: [25] }));
    const row = toJson(c).articles.find((a) => a.new === '25')!;
    assert.deepEqual(row.changes, [
      { at: '1', old: 'expeditious', new: 'rapid' },
      { at: '3', old: 'confidential', new: 'secret' },
    ]);
    assert.deepEqual(
      row.paragraphs.map((p) => [p.old, p.new, p.status]),
      [
        ['1', '1', 'changed'],
        ['2', '2', 'unchanged'],
        ['3', '3', 'changed'],
      ],
    );
  });

  it('all four at once, renumbered: the known correspondence, and CriticMarkup exact both ways', () => {
    const a25 = article(25);
    const word = CONVENTION.indexOf('expeditious', a25.span.start);
    const inserted = '## Article 7 bis. Registration of domain names\n\nEach State Party may consider registering domain names used for phishing campaigns.\n\n';
    const revised = renumbered(
      applyEdits(CONVENTION, [
        { span: { start: article(8).span.start, end: article(8).span.start }, newText: inserted },
        { span: whole(21), newText: '' },
        { span: whole(30), newText: '' },
        { span: { start: article(18).span.start, end: article(18).span.start }, newText: `${textOf(30)}\n\n` },
        { span: { start: word, end: word + 'expeditious'.length }, newText: 'rapid' },
      ]),
    );
    const c = compareTexts(CONVENTION, revised);
    const order: (number | 'new')[] = [...range(1, 7), 'new', ...range(8, 17), 30, ...range(18, 20), ...range(22, 29), ...range(31, 68)];
    assert.deepEqual(table(c), expected(order, { deleted: [21], changed: [25], moved: [30] }));
    const cm = renderCriticMarkup(c);
    assert.equal(decided(cm, 'accept'), revised);
    // The moved article stands deleted at its old place and inserted at its new one.
    assert.equal(decided(cm, 'reject'), CONVENTION);
    assert.ok(cm.includes('{--\n\n## Article 30. Interception of content data') && cm.includes('{++\n\n## Article 19. Interception of content data'));
  });
});

// ---------------------------------------------------------------- CriticMarkup, both ways

describe('compare: CriticMarkup output', () => {
  it('splits a change whose text holds its own closer, so that it reads back as written', () => {
    assert.equal(wrap('--', 'a --} b'), '{--a -' + '--}{---} b--}');
    for (const [mark, content] of [
      ['--', 'x --} y --} z'],
      ['++', '++}'],
      ['++', 'end+'],
      ['--', '--}--}'],
    ] as const) {
      const text = `Before ${wrap(mark, content)} after.`;
      assert.equal(decided(text, mark === '++' ? 'accept' : 'reject'), `Before ${content} after.`);
      assert.equal(decided(text, mark === '++' ? 'reject' : 'accept'), 'Before  after.');
    }
  });

  it("reads each draft's own marks as settled: the old before its proposals, the new with them accepted", () => {
    const at = (text: string, phrase: string, replacement: string) => {
      assert.ok(text.includes(phrase), phrase);
      return text.replace(phrase, replacement);
    };
    let old = at(CONVENTION, 'the expeditious preservation of specified electronic data', 'the {--expeditious--} {++prompt++} preservation of {~~specified~>particular~~} electronic data');
    old = at(old, 'to keep confidential the undertaking', 'to keep {==confidential==}{>>A1: Too narrow?<<} the undertaking');
    const neu = at(CONVENTION, "Ensure the expeditious disclosure to the State Party's competent authority", "Ensure the {++prompt ++}expeditious disclosure to the State Party's {==competent==}{>>B1: Which one?<<} authority");
    const c = compareTexts(old, neu);
    assert.equal(c.summary.moved, 0);
    const cm = renderCriticMarkup(c);
    assert.equal(decided(cm, 'accept'), decided(neu, 'accept'), 'the new draft, its changes accepted, its comment kept');
    assert.equal(decided(cm, 'reject'), cleanCopy(analyse(decided(old, 'reject'))), 'the old draft, its changes rejected, its comment left out');
    assert.ok(cm.includes('{>>B1: Which one?<<}') && !cm.includes('A1: Too narrow?'));
    // The old draft read before its proposals is the convention: article 25 is unchanged.
    assert.equal(toJson(c).articles.find((a) => a.new === '25')!.status, 'unchanged');
    assert.equal(toJson(c).articles.find((a) => a.new === '26')!.status, 'changed');
    // And the other way round, on the real pair: the zero draft's proposals accepted, its comments kept.
    const back = renderCriticMarkup(compareTexts(CONVENTION, ZERO_DRAFT));
    assert.equal(decided(back, 'accept'), decided(ZERO_DRAFT, 'accept'));
  });

  it('on random revisions of the convention, with proposals of their own: accepting every change gives the new text (its proposals accepted), rejecting every change the old', () => {
    const cited = new Set(base.references.flatMap((r) => r.targets).flatMap((u) => {
      const up = [];
      for (let p: typeof u | undefined = u; p; p = p.parent) up.push(p);
      return up;
    }));
    // Deleting a cited article would let its references dangle and then name another.
    const deletable = base.articles.filter((a) => !cited.has(a)).map((a) => Number(a.number));
    const VOCAB = ['measures', 'Party', 'shall', 'promptly', 'data', 'treaty', 'ünïcode', '--}', '++}', '~>', '~~}', '{', '}', '\\', '-', '+', '~', '>', '[', ']', '"', '(b)', 'Article'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), k: fc.constantFrom(...deletable) }),
      fc.record({ kind: fc.constant('insert' as const), k: fc.integer({ min: 1, max: 68 }), words: fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 20 }) }),
      fc.record({ kind: fc.constant('move' as const), k: fc.integer({ min: 1, max: 68 }), to: fc.integer({ min: 1, max: 68 }) }),
      // The new draft's own proposals and comments, on a word of an article.
      fc.record({ kind: fc.constant('annotate' as const), k: fc.integer({ min: 1, max: 68 }), at: fc.nat(), mark: fc.constantFrom('insert', 'delete', 'substitute', 'comment') }),
      fc.record({
        kind: fc.constant('reword' as const),
        k: fc.integer({ min: 1, max: 68 }),
        edits: fc.array(fc.record({ at: fc.nat(), how: fc.constantFrom('replace', 'delete', 'insert'), word: fc.constantFrom(...VOCAB) }), { minLength: 1, maxLength: 5 }),
      }),
    );
    fc.assert(
      fc.property(fc.uniqueArray(op, { minLength: 1, maxLength: 4, selector: (o) => o.k }), fc.boolean(), (ops, renumber) => {
        const edits: TextEdit[] = [];
        const touched = new Set<number>();
        ops.forEach((o, n) => {
          const a = article(o.k);
          if (o.kind === 'delete') edits.push({ span: whole(o.k), newText: '' });
          else if (o.kind === 'insert') edits.push({ span: { start: a.span.start, end: a.span.start }, newText: `## Article X. Inserted article ${n}\n\n1. ${o.words.join(' ')}.\n\n` });
          else if (o.kind === 'move') {
            if (o.to === o.k) return;
            edits.push({ span: whole(o.k), newText: '' }, { span: { start: article(o.to).span.start, end: article(o.to).span.start }, newText: `${textOf(o.k)}\n\n` });
          } else if (o.kind === 'annotate') {
            const bodyStart = CONVENTION.indexOf('\n', a.span.start) + 1;
            const words = [...CONVENTION.slice(bodyStart, a.span.end).matchAll(/\p{L}+/gu)];
            const m = words[o.at % words.length];
            const span = { start: bodyStart + m.index!, end: bodyStart + m.index! + m[0].length };
            const marked = { insert: `{++promptly ++}${m[0]}`, delete: `{--${m[0]}--}`, substitute: `{~~${m[0]}~>another~~}`, comment: `{==${m[0]}==}{>>C${n}: why?<<}` }[o.mark];
            edits.push({ span, newText: marked });
          } else {
            // Words of the body only: the heading stays a heading.
            const bodyStart = CONVENTION.indexOf('\n', a.span.start) + 1;
            const words = [...CONVENTION.slice(bodyStart, a.span.end).matchAll(/[\p{L}\p{N}]+/gu)];
            const spots = new Set<number>();
            for (const e of o.edits) {
              const m = words[e.at % words.length];
              const at = bodyStart + m.index!;
              if (spots.has(at)) continue;
              spots.add(at);
              const span = e.how === 'insert' ? { start: at, end: at } : { start: at, end: at + m[0].length };
              edits.push({ span, newText: e.how === 'delete' ? '' : e.how === 'insert' ? `${e.word} ` : e.word });
            }
          }
          touched.add(o.k);
          if (o.kind === 'move') touched.add(o.to);
        });
        let revised: string;
        try {
          revised = applyEdits(CONVENTION, edits);
        } catch {
          return; // two operations at one place: not a revision this test makes
        }
        if (renumber) revised = renumbered(revised);
        const c = compareTexts(CONVENTION, revised);
        const cm = renderCriticMarkup(c);
        // The revision's own proposals stay proposals: accepting every change accepts them too.
        assert.equal(decided(cm, 'accept'), decided(revised, 'accept'), 'accept all');
        assert.equal(decided(cm, 'reject'), CONVENTION, 'reject all');
        // Known answers: every article is found by its title, deleted ones deleted, inserted ones added.
        for (const row of c.articles) {
          if (row.old && row.new) assert.equal(row.old.title, row.new.title);
          if (row.old && !touched.has(Number(row.old.number)) && row.new) assert.equal(row.status, 'unchanged', `article ${row.old.number}`);
        }
        const deleted = ops.filter((o) => o.kind === 'delete').map((o) => String(o.k)).sort();
        assert.deepEqual(c.articles.filter((r) => r.status === 'deleted').map((r) => r.old!.number).sort(), deleted);
        assert.equal(c.articles.filter((r) => r.status === 'added').length, ops.filter((o) => o.kind === 'insert').length);
      }),
      { numRuns: numRuns(25), seed: seed(1616) },
    );
  });
});
