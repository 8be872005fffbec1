// Publishing (server/src/export/): the convention and the zero draft as Akoma Ntoso (valid
// against the strict OASIS schema, every internal reference to an eId that exists, eIds
// unique, counts as the model's), as HTML (an id per article, a working link per
// cross-reference and defined term, the whole text), and as Word (LibreOffice reads back the
// treaty's words in order; tracked changes and comments are Word's own).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../../server/src/model/analyse';
import type { Treaty } from '../../server/src/model/types';
import { buildDocument } from '../../server/src/export/document';
import { renderAkn } from '../../server/src/export/akn';
import { renderHtml } from '../../server/src/export/html';
import { renderDocx } from '../../server/src/export/docx';
import { importFile } from '../../server/src/import';
import { CONVENTION, ROOT, ZERO_DRAFT_PATH, loadFacts } from '../support/corpus';
import { aknCheckerForSuite, docxParts, htmlBodyText, libreOfficeText, sourceWords, words } from '../support/publish';

const ZERO_DRAFT = fs.readFileSync(ZERO_DRAFT_PATH, 'utf8');
const EXAMPLES: [string, string][] = [
  ['convention', CONVENTION],
  ['zero draft', ZERO_DRAFT],
];

/** Is the span inside a comment? Comments are free prose, printed as they are written. */
const inComment = (t: Treaty, s: { start: number }) => t.comments.some((c) => c.span.start <= s.start && s.start < c.span.end);

/** Internal references that name units: the ones every output must link (not those quoted in comments). */
const linked = (t: Treaty) => t.references.filter((r) => r.kind === 'internal' && r.targets.length > 0 && !inComment(t, r.span));

/** Does the treaty have tracked changes? */
const t0 = (t: Treaty) => t.changes.length > 0;

/** Uses of defined terms outside comments. */
const uses = (t: Treaty) => t.uses.filter((u) => !inComment(t, u.span));

/** Where two word lists first differ, for a readable failure. */
function firstDifference(a: string[], b: string[]): string {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `word ${i}: "${a.slice(i, i + 8).join(' ')}" ≠ "${b.slice(i, i + 8).join(' ')}" (after "${a.slice(Math.max(0, i - 6), i).join(' ')}")`;
  return a.length === b.length ? '' : `lengths ${a.length} and ${b.length}; tail "${(a.length > b.length ? a : b).slice(n, n + 8).join(' ')}"`;
}

describe('export: Akoma Ntoso', function () {
  this.timeout(60_000);
  const checker = aknCheckerForSuite();

  it('the schema check bites: a wrong element and a repeated eId are errors', () => {
    const xml = renderAkn(buildDocument(analyse('## Article 1. A\n\nText.\n')), { date: '2024-01-01' });
    assert.deepEqual(checker().validate(xml), []);
    assert.ok(checker().validate(xml.replace('<num>Article 1</num>', '<nom>Article 1</nom>')).length > 0);
    const twice = xml.replace('<content>', '<content eId="art_1">');
    assert.ok(checker().validate(twice).some((e) => /eId|unique|Duplicate/i.test(e)), checker().validate(twice).join('\n'));
  });

  for (const [name, text] of EXAMPLES) {
    describe(name, () => {
      const treaty = analyse(text);
      const xml = renderAkn(buildDocument(treaty), { date: '2024-12-24', generated: '2025-01-15' });

      it('validates against the strict OASIS schema with zero errors', () => {
        const errors = checker().validate(xml);
        assert.deepEqual(errors.slice(0, 10), [], `${errors.length} schema errors`);
      });

      it('has unique eIds, and every internal reference points to one of them', () => {
        checker().query(xml, (q) => {
          const ids = q.values('//@eId');
          assert.equal(new Set(ids).size, ids.length, 'eIds unique');
          const known = new Set(ids);
          const hrefs = [...q.values('//a:ref/@href'), ...q.values('//@refersTo')].filter((h) => h.startsWith('#'));
          assert.ok(hrefs.length > 100);
          assert.deepEqual(hrefs.filter((h) => !known.has(h.slice(1))), []);
          // One <ref> per reference to one unit, one <mref> per reference to several.
          assert.equal(q.count('//a:ref[starts-with(@href, "#")][not(ancestor::a:mref)]') + q.count('//a:mref'), linked(treaty).length);
        });
      });

      it('counts chapters, articles, paragraphs, points, terms, notes and negotiating marks as the model does', () => {
        const t = treaty;
        const kinds = (k: string) => t.units.filter((u) => u.kind === k).length;
        const implicit = t.units.filter((u) => u.kind === 'paragraph' && u.implicit).length;
        checker().query(xml, (q) => {
          assert.equal(q.count('//a:body//a:chapter'), t.chapters.length);
          assert.equal(q.count('//a:body//a:article'), t.articles.length);
          assert.equal(q.count('//a:body//a:paragraph'), kinds('paragraph') - implicit);
          assert.equal(q.count('//a:body//a:point'), kinds('subparagraph') + kinds('subsubparagraph'));
          assert.equal(q.count('//a:recital'), kinds('recital'));
          assert.equal(q.count('//a:TLCTerm'), t.definitions.length);
          assert.equal(q.count('//a:def'), t.definitions.length);
          assert.equal(q.count('//a:term'), uses(t).length);
          assert.equal(q.count('//a:component//a:hcontainer[@name="noteGroup"]'), t.noteGroups.length);
          assert.equal(q.count('//a:component//a:paragraph'), t.notes.length);
          assert.equal(q.count('//a:authorialNote'), t.syntax.footnoteRefs.length);
          assert.equal(q.count('//a:remark'), t.comments.length);
          const changes = (k: string) => t.changes.filter((c) => c.kind === k).length;
          assert.equal(q.count('//a:ins'), changes('insert') + changes('substitute'));
          assert.equal(q.count('//a:del'), changes('delete') + changes('substitute'));
          assert.equal(q.count('//a:inline[@name="bracket"][not(ancestor::a:inline[@name="bracket"])]'), t.syntax.brackets.filter((b) => b.depth === 0).length);
        });
      });
    });
  }

  it('the convention: 9 chapters, 68 articles, 18 definitions, 4 note groups of 5 notes, as its independent facts say', () => {
    const facts = loadFacts().counts;
    const xml = renderAkn(buildDocument(analyse(CONVENTION)), { date: '2024-12-24' });
    checker().query(xml, (q) => {
      assert.equal(q.count('//a:chapter'), facts.chapters);
      assert.equal(q.count('//a:article'), facts.articles);
      assert.equal(q.count('//a:TLCTerm'), facts.defined_terms);
      assert.equal(q.count('//a:hcontainer[@name="noteGroup"]'), facts.interpretative_note_headings);
      assert.equal(q.count('//a:component//a:paragraph'), facts.interpretative_notes);
      assert.equal(q.count('//a:recital'), facts.preamble_recitals);
      // The notes link to what they interpret: article 17's group heading to article 17.
      assert.deepEqual(q.values('//a:hcontainer[@name="noteGroup"]/a:heading/a:ref/@href'), ['#art_2', '#art_17', '#art_35']);
      assert.deepEqual(q.values('//a:hcontainer[@name="noteGroup"]/a:heading/a:mref/a:ref/@href'), ['#art_23', '#art_35']);
      assert.deepEqual(q.values('/a:akomaNtoso/a:act/a:meta//a:FRBRnumber/@value'), ['A/AC.291/L.15']);
    });
  });

  it('the ten real treaties of the corpus (annexes, parts, sections): valid, every reference to an eId that exists', () => {
    const dir = path.join(ROOT, 'test', 'corpus', 'real');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.treaty'));
    assert.equal(files.length, 10);
    for (const f of files) {
      const t = analyse(fs.readFileSync(path.join(dir, f), 'utf8'));
      const doc = buildDocument(t);
      const xml = renderAkn(doc, { date: '2024-01-01' });
      assert.deepEqual(checker().validate(xml).slice(0, 3), [], f);
      checker().query(xml, (q) => {
        const ids = new Set(q.values('//@eId'));
        assert.deepEqual(q.values('//a:ref/@href').filter((h) => h.startsWith('#') && !ids.has(h.slice(1))), [], f);
        assert.equal(q.count('//a:article'), t.articles.length, f);
      });
      assert.equal(words(htmlBodyText(renderHtml(doc))).join(' '), sourceWords(t, { comments: true, footnoteMark: () => ' ' }).join(' '), f);
    }
  });

  it('an unnumbered paragraph is the article\'s intro, its points hang from the article', () => {
    const t = analyse('---\nshort-title: Convention\n---\n## Article 2. Use of terms\n\nFor the purposes of this Convention:\n\n(a) "Data" means data;\n\n(b) "System" means a system.\n\n## Article 3. Scope\n\nSee article 2 (b) and articles 2 and 4.\n');
    const xml = renderAkn(buildDocument(t), { date: '2024-01-01' });
    assert.deepEqual(checker().validate(xml), []);
    checker().query(xml, (q) => {
      assert.deepEqual(q.values('//a:article[@eId="art_2"]/a:intro/a:p'), ['For the purposes of this Convention:']);
      assert.deepEqual(q.values('//a:article[@eId="art_2"]/a:point/@eId'), ['art_2__point_a', 'art_2__point_b']);
      assert.equal(q.count('//a:paragraph'), 0);
      assert.deepEqual(q.values('//a:ref/@href'), ['#art_2__point_b', '#art_2']);
      // "articles 2 and 4": 4 names nothing, so only 2 links; a dangling number has no link.
      assert.deepEqual(q.values('//a:ref/text()'), ['article 2 (b)', '2']);
      assert.deepEqual(q.values('//a:mref'), ['articles 2 and 4']);
    });
  });
});

describe('export: HTML', () => {
  for (const [name, text] of EXAMPLES) {
    describe(name, () => {
      const treaty = analyse(text);
      const html = renderHtml(buildDocument(treaty));

      it('gives every article an id, and every unit an id of its own', () => {
        const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
        assert.equal(new Set(ids).size, ids.length, 'ids unique');
        const articles = [...html.matchAll(/<section class="tm-article" id="(art_[^"]+)"/g)].map((m) => m[1]);
        assert.deepEqual(articles, treaty.articles.map((a) => a.id));
      });

      it('links every cross-reference and every defined term to something on the page', () => {
        const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
        const links = [...html.matchAll(/<a class="([^"]+)" href="#([^"]+)"/g)];
        assert.deepEqual(links.filter((m) => !ids.has(m[2])).map((m) => m[2]), []);
        const refs = (cls: string) => links.filter((m) => m[1] === cls).length;
        const groups = [...html.matchAll(/<span class="tm-refs">/g)].length;
        const single = linked(treaty).filter((r) => new Set(r.targets).size === 1 || r.targets.every((u) => u.id === r.targets[0].id)).length;
        assert.equal(groups + single, linked(treaty).length, 'each reference is one link, or a group of links');
        assert.ok(refs('tm-ref') >= linked(treaty).length);
        assert.equal(refs('tm-term'), uses(treaty).length);
        assert.equal([...html.matchAll(/<dfn class="tm-def" id="term_/g)].length, treaty.definitions.length);
      });

      it('holds the whole text, in order, comments included', () => {
        const expected = sourceWords(treaty, { comments: true, footnoteMark: () => ' ' });
        const got = words(htmlBodyText(html));
        assert.equal(firstDifference(got, expected), '');
      });

      it('is a standalone page that prints: styles inline, @page rules, running head, contents', () => {
        assert.ok(!/<link |<script|src="http/.test(html));
        assert.match(html, /@page \{ size: A4;[\s\S]*@top-center \{ content: "Convention/);
        assert.match(html, /counter\(page\)/);
        assert.match(html, /<nav class="tm-toc"[\s\S]*href="#art_17"/);
        // "Clean text" hides deletions and comments with CSS alone: the page needs no script.
        assert.match(html, /<input type="checkbox" id="tm-clean">/);
        assert.match(html, /body:has\(#tm-clean:checked\) #tm-doc :is\(del, \.tm-comment, \.tm-comment-ref\) \{ display: none; \}/);
      });
    });
  }
});

describe('export: Word', function () {
  // The first use may install LibreOffice (test/support/publish.ts): minutes, once.
  this.timeout(1_200_000);
  for (const [name, text] of EXAMPLES) {
    describe(name, () => {
      const treaty = analyse(text);
      let bytes: Uint8Array;
      before(async () => {
        bytes = await renderDocx(buildDocument(treaty), { author: 'Delegation of Testland', date: '2025-01-15T10:00:00Z' });
      });

      it('reads back in LibreOffice as the treaty\'s words, in order', () => {
        const fm = treaty.frontMatter;
        const cover = words([fm.symbol, fm.status, fm.title].filter(Boolean).join(' '));
        // Word numbers footnotes 1, 2, … right after the word they follow.
        const expected = [...cover, ...sourceWords(treaty, { comments: false, footnoteMark: (n) => String(n) })];
        const got = words(libreOfficeText(bytes, name.replace(' ', '-')));
        assert.equal(firstDifference(got, expected), '');
      });

      it('makes tracked changes real Word revisions and comments real Word comments', () => {
        const parts = docxParts(bytes);
        const body = parts['word/document.xml'];
        const count = (s: string, re: RegExp) => [...s.matchAll(re)].length;
        const t = treaty;
        const changes = (k: string) => t.changes.filter((c) => c.kind === k).length;
        if (changes('insert') + changes('substitute') > 0) assert.ok(count(body, /<w:ins w:id="\d+" w:author="Delegation of Testland"/g) >= changes('insert') + changes('substitute'));
        if (changes('delete') + changes('substitute') > 0) assert.ok(count(body, /<w:del w:id="\d+" w:author="Delegation of Testland"/g) >= changes('delete') + changes('substitute'));
        assert.equal(count(body, /<w:delText/g) > 0, changes('delete') + changes('substitute') > 0);
        assert.equal(count(body, /<w:commentRangeStart /g), t.comments.length);
        assert.equal(count(body, /<w:commentReference /g), t.comments.length);
        assert.equal(count(parts['word/comments.xml'] ?? '', /<w:comment /g), t.comments.length);
        assert.equal(count(body, /<w:footnoteReference /g), t.syntax.footnoteRefs.length);
        for (const f of t.footnotes.values()) {
          const words0 = t.text.slice(f.textSpan!.start, f.textSpan!.end).split(' ').slice(0, 4).join(' ');
          assert.ok(parts['word/footnotes.xml'].includes(words0), words0);
        }
        assert.match(body, /<w:pStyle w:val="Heading2"\/>[\s\S]*?Article 17/);
        // A labelled comment is by its label, without the label in its text.
        const first = t.comments[0];
        if (first) assert.match(parts['word/comments.xml'], /<w:comment w:id="1"[^>]* w:author="A1"[^>]*>[\s\S]*?<w:t[^>]*>Suggesting rephrasing/);
      });

      it('imports back (treatymark import) as the same treaty, and a second round changes nothing', async () => {
        const reimport = (b: Uint8Array) => {
          const r = importFile(b, `${name}.docx`);
          assert.ok(r.ok, r.ok ? '' : r.message);
          return r.text;
        };
        const once = reimport(bytes);
        const again = reimport(await renderDocx(buildDocument(analyse(once)), { author: 'Delegation of Testland', date: '2025-01-15T10:00:00Z' }));
        assert.equal(again, once, 'export and import are each other\'s inverse on what the import writes');
        const back = analyse(once);
        const fm = treaty.frontMatter;
        // The cover lines (symbol, status) come back as text before the preamble; the rest word for word.
        const cover = new Set(words([fm.symbol, fm.status].filter(Boolean).join(' ')));
        const mark = () => ' ';
        const got = sourceWords(back, { comments: true, footnoteMark: mark });
        assert.equal(firstDifference(got.slice(got.findIndex((w) => !cover.has(w))), sourceWords(treaty, { comments: true, footnoteMark: mark })), '');
        const summary = (t: Treaty) => ({
          articles: t.articles.map((a) => a.id),
          definitions: t.definitions.map((d) => d.term),
          changes: t.changes.map((c) => c.kind),
          comments: t.comments.map((c) => t.text.slice(c.content.start, c.content.end)),
          footnotes: [...t.footnotes.values()].map((f) => t.text.slice(f.textSpan!.start, f.textSpan!.end)),
          // Sorted: the import writes a footnote's text after the paragraph that cites it.
          references: t.references.filter((r) => !inComment(t, r.span)).map((r) => r.targets.map((u) => u.id).join()).sort(),
          notes: t.notes.length,
        });
        assert.deepEqual(summary(back), summary(treaty));
        if (t0(treaty)) assert.match(once, /tracked-changes:\n {2}- \{ author: "Delegation of Testland", date: "2025-01-15"/);
      });
    });
  }
});
