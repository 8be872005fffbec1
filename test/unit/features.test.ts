// server/src/features/*: the pure logic behind the LSP handlers, without a connection.
import { strict as assert } from 'assert';
import { hitAt } from '../../server/src/features/at';
import { EditMap } from '../../server/src/workspace/bundle';
import { complete, runningText } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';
import { definition } from '../../server/src/features/definition';
import { folds } from '../../server/src/features/folding';
import { references } from '../../server/src/features/references';
import { matchesQuery, outline } from '../../server/src/features/symbols';
import { isDegraded } from '../../server/src/workspace/project';
import { adaptName, casePattern, isPlural, neutralForm, pluralise, renameEdits, renameTarget } from '../../server/src/features/rename';
import { selectionSpans } from '../../server/src/features/selection';
import { semanticTokens } from '../../server/src/features/semanticTokens';
import { resolveRelative, uriKey } from '../../server/src/workspace/uris';
import { parseSettings, Settings } from '../../server/src/lsp/settings';
import { CONVENTION, ZERO_DRAFT_PATH } from '../support/corpus';
import { offsetOf, projectWith, withCursor } from '../support/text';
import * as fs from 'fs';

const CONV = 'file:///ws/convention.treaty';

describe('features: edit map (last-good positions)', () => {
  it('maps offsets before and after one edited region, and nothing inside it', () => {
    const m = new EditMap('abcdefghij', 'abcXYZXYZhij');
    assert.equal(m.prefix, 3);
    assert.equal(m.suffix, 3);
    assert.equal(m.forward(2), 2);
    assert.equal(m.forward(3), 3);
    assert.equal(m.forward(5), undefined);
    assert.equal(m.forward(7), 9);
    assert.equal(m.forward(10), 12);
    assert.equal(m.backward(12), 10);
    assert.equal(m.backward(5), undefined);
  });

  it('maps everything through an insertion', () => {
    const m = new EditMap('abc', '---\nabc');
    assert.equal(m.forward(0), 4);
    assert.equal(m.forward(3), 7);
    assert.equal(m.backward(4), 0);
  });
});

describe('features: project', () => {
  const treaty = '---\ntitle: T\nnotes: t.notes.treaty\n---\n\n## Article 1. One\n\n1. "Widget" means a thing.\n\n## Article 2. Two\n\n1. Widgets.\n';
  const notes = '# Interpretative notes\n\n## Article 2\n\n1. A note on widgets.\n\n## Article 7\n\n2. Nothing.\n';

  it('attaches a notes file to the treaty that names it, read from disk when not open', () => {
    const p = projectWith({ 'file:///ws/t.treaty': treaty }, { 'file:///ws/t.notes.treaty': notes });
    const b = p.bundle('file:///ws/t.treaty')!;
    assert.deepEqual(b.parts.map((x) => x.role), ['main', 'notes']);
    assert.equal(b.treaty.notes.length, 2);
    assert.equal(p.ownerOf('file:///ws/t.notes.treaty')?.key, uriKey('file:///ws/t.treaty'));
    assert.equal(p.bundle('file:///ws/t.notes.treaty'), b, 'one analysis for both files');
    assert.deepEqual(p.findings('file:///ws/t.treaty').map((f) => f.code), []);
    const onNotes = p.findings('file:///ws/t.notes.treaty');
    assert.deepEqual(onNotes.map((f) => [f.code, notes.slice(f.span.start, f.span.end)]), [['note.target', 'Article 7']]);
    assert.deepEqual(p.mainFiles().map((f) => f.key), [uriKey('file:///ws/t.treaty')]);
  });

  it('analyses once per text, shared by every request', () => {
    const p = projectWith({ [CONV]: CONVENTION });
    const b = p.bundle(CONV);
    assert.equal(p.bundle(CONV), b);
    p.openFile(CONV, CONVENTION, 2);
    assert.equal(p.bundle(CONV), b, 'same text, new version: same analysis');
    p.openFile(CONV, CONVENTION + '\n', 3);
    assert.notEqual(p.bundle(CONV), b);
  });

  it('warns about a notes file that cannot be found', () => {
    const p = projectWith({ 'file:///ws/t.treaty': treaty });
    const f = p.findings('file:///ws/t.treaty');
    assert.deepEqual(f.map((x) => [x.code, treaty.slice(x.span.start, x.span.end)]), [['frontmatter.missingFile', 't.notes.treaty']]);
  });

  it('keeps the last good analysis while a front matter swallows the articles, and drops it once whole', () => {
    const draft = '# Chapter I. A\n\n## Article 1. One\n\n1. Text.\n\n...\n\n## Article 2. Two\n\n1. See article 1.\n';
    const p = projectWith({ 'file:///ws/d.treaty': draft });
    const good = p.bundle('file:///ws/d.treaty')!;
    p.openFile('file:///ws/d.treaty', '---\n' + draft, 2);
    const broken = p.bundle('file:///ws/d.treaty')!;
    assert.equal(isDegraded(broken, good), true);
    const view = p.view('file:///ws/d.treaty')!;
    assert.equal(view.stale, true);
    assert.equal(view.bundle, good);
    const names = outline(view, uriKey('file:///ws/d.treaty')).flatMap((c) => [c.name, ...c.children.map((x) => x.name)]);
    assert.deepEqual(names, ['Chapter I. A', 'Article 1. One', 'Article 2. Two']);
    // An offset in the new text maps back to the old one (shifted by the 4 inserted characters).
    assert.equal(view.toTreatyOffset(uriKey('file:///ws/d.treaty'), 4 + draft.indexOf('Article 1')), draft.indexOf('Article 1'));
    p.openFile('file:///ws/d.treaty', '---\ntitle: D\n---\n' + draft, 3);
    assert.equal(p.view('file:///ws/d.treaty')!.stale, false);
  });

  it('never degrades for an unbalanced square bracket', () => {
    const draft = '## Article 1. One\n\n1. Text [open.\n\n## Article 2. Two\n\n1. Text.\n';
    const p = projectWith({ 'file:///ws/d.treaty': draft });
    p.bundle('file:///ws/d.treaty');
    p.openFile('file:///ws/d.treaty', draft.replace('## Article 2. Two\n\n', ''), 2);
    assert.equal(p.bundle('file:///ws/d.treaty')!.degraded, false);
  });

  it('resolves files named in front matter relative to the file', () => {
    assert.equal(resolveRelative('file:///ws/a/b.treaty', 'c.treaty'), 'file:///ws/a/c.treaty');
    assert.equal(resolveRelative('file:///ws/a/b.treaty', '../d.treaty'), 'file:///ws/d.treaty');
    assert.equal(uriKey('file:///c%3A/x/y.treaty'), uriKey('file:///c:/x/y.treaty'));
  });
});

// One behaviour each, on a treaty small enough to read in the test; `|` marks the cursor.
describe('features: at the cursor, on a small treaty', () => {
  const URI = 'file:///ws/small.treaty';
  const TERMS = '## Article 1. Use of terms\n\nFor the purposes of this Convention:\n\n(a) "Traffic data" means data on a communication;\n\n(b) "Content data" means what it says.\n\n';
  const at = (marked: string) => {
    const { text, offset } = withCursor(marked);
    const p = projectWith({ [URI]: text });
    return { p, view: p.view(URI)!, text, offset };
  };

  it('finds a term use and the number of a reference under the cursor, and nothing off the text', () => {
    const use = at(TERMS + '## Article 2. Scope\n\n1. Traffic d|ata is kept.\n');
    const hit = hitAt(use.view.treaty, use.offset);
    assert.equal(hit?.kind === 'use' && hit.definition.term, 'Traffic data');
    const ref = at(TERMS + '## Article 2. Scope\n\n1. See articles 1 to |2.\n');
    const number = hitAt(ref.view.treaty, ref.offset);
    assert.equal(number?.kind === 'reference' && number.number?.unit?.id, 'art_2');
    assert.equal(hitAt(ref.view.treaty, -5), undefined);
    assert.equal(hitAt(ref.view.treaty, 10 ** 9), undefined);
  });

  it('goes from a defined term to its definition, and lists its uses', () => {
    const { p, view, text, offset } = at(TERMS + '## Article 2. Scope\n\n1. Tr|affic data is kept, and traffic data is used.\n');
    const [link] = definition(p, view, offset);
    assert.equal(text.split('\n')[link.selection.range.start.line].slice(0, 3), '(a)');
    assert.equal(references(p, view, offset, false).length, 2);
    assert.equal(references(p, view, offset, true).length, 3);
  });

  it('refuses names that cannot be terms, and names already defined', () => {
    const { view, offset } = at(TERMS.replace('"Traffic', '"|Traffic') + '## Article 2. Scope\n\n1. Traffic data is kept, and traffic data is used.\n');
    assert.ok('error' in renameEdits(view, offset, 'a "quoted" name'));
    assert.ok('error' in renameEdits(view, offset, '   '));
    assert.ok('error' in renameEdits(view, offset, 'content data'));
    const ok = renameEdits(view, offset, 'metadata');
    assert.ok('edits' in ok && ok.edits.length === 3);
  });

  it('expands the selection from inside a reference to the whole reference, each range holding the one before it', () => {
    const { view, text, offset } = at(TERMS + '## Article 2. Scope\n\n1. As in art|icle 1 of this Convention, data is kept.\n');
    const spans = selectionSpans(view, offset);
    assert.equal(text.slice(spans[0].start, spans[0].end), 'article 1 of this Convention');
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i].start <= spans[i - 1].start && spans[i].end >= spans[i - 1].end && (spans[i].start < spans[i - 1].start || spans[i].end > spans[i - 1].end));
  });
});

describe('features: hover, definition and references on the convention', () => {
  const p = projectWith({ [CONV]: CONVENTION });
  const view = p.view(CONV)!;

  it('hovers "investigation" in article 23 with the note "with regard to the term"', () => {
    const at = offsetOf(CONVENTION, 'investigation', '## Article 23.', 3);
    const h = hover(p, view, at);
    assert.ok(h, 'a hover');
    assert.match(h.markdown, /Interpretative note 4/);
  });

  it('answers at every word of both examples without throwing', () => {
    const zero = fs.readFileSync(ZERO_DRAFT_PATH, 'utf8');
    const ZD = 'file:///ws/zero-draft.treaty';
    const both = projectWith({ [CONV]: CONVENTION, [ZD]: zero });
    for (const [uri, text] of [
      [CONV, CONVENTION],
      [ZD, zero],
    ] as const) {
      const v = both.view(uri)!;
      const key = uriKey(uri);
      for (const m of text.matchAll(/\S+/g)) {
        if (m.index! % 3 !== 0) continue;
        hover(both, v, m.index!);
        definition(both, v, m.index!);
        complete(v, key, m.index!, false, true);
        renameTarget(v, m.index!);
      }
      assert.ok(outline(v, key).length > 0);
      assert.ok(folds(v, key).length > 0);
      assert.ok(semanticTokens(both, v, key).length > 0);
    }
  });
});

describe('features: CRLF line breaks', () => {
  it('gives the same lines and characters as with LF', () => {
    const crlf = CONVENTION.replace(/\n/g, '\r\n');
    const lf = projectWith({ [CONV]: CONVENTION });
    const cr = projectWith({ [CONV]: crlf });
    const at = (text: string) => offsetOf(text, 'traffic data', '## Article 29.');
    const [a] = definition(lf, lf.view(CONV)!, at(CONVENTION));
    const [b] = definition(cr, cr.view(CONV)!, at(crlf));
    assert.deepEqual(b.selection.range, a.selection.range);
    const fa = folds(lf.view(CONV)!, uriKey(CONV));
    const fb = folds(cr.view(CONV)!, uriKey(CONV));
    assert.deepEqual(fb, fa);
  });
});

describe('features: completion contexts', () => {
  const withLine = (line: string, before: string) => {
    const at = CONVENTION.indexOf(before);
    const text = CONVENTION.slice(0, at) + line + '\n\n' + CONVENTION.slice(at);
    const p = projectWith({ [CONV]: text });
    return complete(p.view(CONV)!, uriKey(CONV), at + line.length, true);
  };

  it('offers the subparagraphs one level down after "(e) (", and siblings after "(a) to ("', () => {
    assert.deepEqual(withLine('see article 2 (e) (', '## Article 3.').map((e) => e.label), ['(i)', '(ii)']);
    assert.deepEqual(withLine('see article 2 (a) to (', '## Article 3.').map((e) => e.label).length, 15);
    assert.deepEqual(withLine('see paragraph 1 (', '## Article 18.').map((e) => e.label).slice(0, 2), ['(a)', '(b)']);
    assert.deepEqual(withLine('see article 14, paragraph ', '## Article 3.').map((e) => e.label), ['1', '2', '3', '4', '5']);
    assert.deepEqual(withLine('see paragraph 99 (', '## Article 3.'), []);
  });

  it('numbers a new article heading for its place: 7 bis between 7 and 8, the next after the last, 7 ter after 7 bis', () => {
    const labels = (line: string, before: string) => withLine(line, before).map((e) => [e.label, e.detail]);
    assert.deepEqual(labels('## Article ', '## Article 8.'), [
      ['7 bis', 'Article 7 bis: between article 7 and article 8'],
      ['8', 'Article 8: between article 7 and article 8; the articles after it need renumbering'],
    ]);
    assert.deepEqual(labels('## Article ', '# Interpretative notes')[0], ['69', 'Article 69: after article 68']);
    const bis = CONVENTION.replace('## Article 8.', '## Article 7 bis. New\n\nText.\n\n## Article 8.');
    const p = projectWith({ [CONV]: bis.replace('## Article 8.', '## Article \n\n## Article 8.') });
    const at = bis.indexOf('## Article 8.') + '## Article '.length;
    assert.equal(complete(p.view(CONV)!, uriKey(CONV), at, true)[0].label, '7 ter');
    // Under "Interpretative notes" a heading names an existing article: the list of articles.
    const notes = withLine('## Article ', '## Article 17\n');
    assert.equal(notes.length, 68);
    assert.equal(notes[0].label, '1');
  });

  it('offers a whole new article, numbered for its place, when "art" starts a line', () => {
    const at = CONVENTION.indexOf('## Article 8.');
    const text = CONVENTION.slice(0, at) + '## art\n\n' + CONVENTION.slice(at);
    const p = projectWith({ [CONV]: text });
    const [first] = complete(p.view(CONV)!, uriKey(CONV), at + '## art'.length, false, false);
    assert.equal(first.kind, 'snippet');
    assert.ok(first.snippet);
    assert.equal(first.edit.newText, '## Article ${1:7 bis}. ${2:Title}\n\n1. ${0:Each State Party shall …}');
    assert.deepEqual([first.edit.start, first.edit.end], [at, at + '## art'.length]);
    assert.equal(first.filterText, '## article');
  });

  it('offers nothing after other words when triggered by a space', () => {
    assert.deepEqual(withLine('the State Party ', '## Article 3.'), []);
  });

  it('writes terms as they read in running text', () => {
    assert.equal(runningText('Traffic data'), 'traffic data');
    assert.equal(runningText('ICT device'), 'ICT device');
    assert.equal(runningText('States Parties'), 'States Parties');
  });
});

describe('features: rename keeps capitalisation and plural', () => {
  it('reads the capitalisation of an occurrence', () => {
    assert.equal(casePattern('traffic data'), 'lower');
    assert.equal(casePattern('Traffic data'), 'capital');
    assert.equal(casePattern('Traffic Data'), 'title');
    assert.equal(casePattern('TRAFFIC DATA'), 'upper');
  });

  it('writes the new name as each occurrence wrote the old one', () => {
    const neutral = neutralForm('Communication metadata', 'Traffic data');
    assert.equal(neutral, 'communication metadata');
    assert.equal(adaptName(neutral, 'Traffic data', 'Traffic data'), 'Communication metadata');
    assert.equal(adaptName(neutral, 'traffic data', 'Traffic data'), 'communication metadata');
    assert.equal(adaptName(neutral, 'TRAFFIC DATA', 'Traffic data'), 'COMMUNICATION METADATA');
    assert.equal(adaptName(neutral, 'Traffic Data', 'Traffic data'), 'Communication Metadata');
    assert.equal(adaptName('intermediary', 'service providers', 'Service provider'), 'intermediaries');
    assert.equal(adaptName('ICT device', 'Computer systems', 'Computer system'), 'ICT devices');
  });

  it('knows plurals', () => {
    assert.ok(isPlural('service providers', 'Service provider'));
    assert.ok(isPlural('authorities', 'authority'));
    assert.ok(!isPlural('traffic data', 'Traffic data'));
    assert.equal(pluralise('box'), 'boxes');
    assert.equal(pluralise('party'), 'parties');
    assert.equal(pluralise('day'), 'days');
  });
});

describe('features: settings and symbols', () => {
  it('reads severities per code, per prefix, and ignores what is malformed', () => {
    const s = parseSettings({ diagnostics: { severity: { 'definition.unused': 'hint', 'numbering.*': 'warn', 'reference.placeholder': 'off', bad: 'loud', worse: 3 } }, codeLens: { enabled: false } });
    assert.deepEqual(s.diagnostics.severity, { 'definition.unused': 'hint', 'numbering.*': 'warning', 'reference.placeholder': 'off' });
    assert.equal(s.codeLens.enabled, false);
    assert.deepEqual(parseSettings(null), parseSettings(undefined));
    const settings = new Settings(null as never);
    settings.current = s;
    assert.equal(settings.levelFor('definition.unused', 'warning'), 'hint');
    assert.equal(settings.levelFor('numbering.sequence', 'error'), 'warning');
    assert.equal(settings.levelFor('footnote.unused', 'warning'), 'warning');
  });

  it('matches workspace symbol queries by words or letters in order', () => {
    const e = { name: 'Article 17. Laundering of proceeds of crime', containerName: 'Convention · convention.treaty' };
    assert.ok(matchesQuery(e, ''));
    assert.ok(matchesQuery(e, 'laundering'));
    assert.ok(matchesQuery(e, 'article 17'));
    assert.ok(matchesQuery(e, 'a17'));
    assert.ok(!matchesQuery(e, 'extradition'));
  });
});

describe('features: expand selection', () => {
  const p = projectWith({ [CONV]: CONVENTION });
  const view = p.view(CONV)!;
  const chain = (at: number) => selectionSpans(view, at).map((s) => CONVENTION.slice(s.start, s.end));

  it('goes from a word of a term to the whole term, then its subparagraph, paragraph, article and chapter', () => {
    const paragraph1 = CONVENTION.indexOf('\n1. ', CONVENTION.indexOf('## Article 29.'));
    const texts = chain(CONVENTION.indexOf('traffic data', paragraph1) + 2);
    assert.equal(texts[0], 'traffic data');
    // (ii), the subparagraph (b) above it, paragraph 1, article 29.
    assert.match(texts[1], /^\(ii\) To cooperate/);
    assert.match(texts[2], /^\(b\) /);
    assert.ok(texts[3].startsWith('1. Each State Party'), texts[3].slice(0, 40));
    assert.ok(texts[4].startsWith('## Article 29.'));
    assert.ok(texts[texts.length - 1].startsWith('# Chapter IV.'), texts[texts.length - 1].slice(0, 40));
  });
});
