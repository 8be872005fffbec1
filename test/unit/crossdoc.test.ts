// model/crossdoc.ts: references resolved in another treaty, and a treaty analysed with its notes file.
import { strict as assert } from 'assert';
import { analyse } from '../../server/src/model/analyse';
import { composeWithNotes, frontMatterEnd, grammarContext, resolveAcross } from '../../server/src/model/crossdoc';
import { CONVENTION } from '../support/corpus';

const HEAD = [
  '---',
  'title: Resolution',
  'instruments:',
  '  Convention: { title: United Nations Convention against Cybercrime, file: convention.treaty }',
  '---',
  '',
  '## Article 1. Text',
  '',
].join('\n');

describe('crossdoc: references resolved in another treaty', () => {
  const target = analyse(CONVENTION);
  const resolveAll = (sentence: string) => {
    const citing = analyse(`${HEAD}1. ${sentence}\n`);
    const refs = citing.references.filter((r) => r.kind === 'external');
    return refs.map((r) => ({ text: r.text, ...resolveAcross(r, citing, target, 'the Convention') }));
  };
  const ids = (sentence: string) => resolveAll(sentence).map((r) => r.targets.map((t) => t.id));

  it('reads the instruments of the citing treaty', () => {
    const citing = analyse(`${HEAD}1. Text.\n`);
    assert.equal(grammarContext(citing).instruments.get('convention'), 'Convention');
    assert.equal(grammarContext(citing).instruments.get('united nations convention against cybercrime'), 'Convention');
  });

  it('resolves articles, lists and ranges', () => {
    assert.deepEqual(ids('See article 56 of the Convention.'), [['art_56']]);
    assert.deepEqual(ids('See articles 7 to 9 of the Convention.'), [['art_7', 'art_8', 'art_9']]);
    assert.deepEqual(ids('See articles 23 and 35 of the Convention.'), [['art_23', 'art_35']]);
    assert.deepEqual(ids('See chapter II of the Convention.'), [['chp_2']]);
  });

  it('resolves paragraphs and subparagraphs, written either way round', () => {
    assert.deepEqual(ids('See article 40, paragraph 21 (b) and (c), of the Convention.'), [['art_40__para_21__point_b', 'art_40__para_21__point_c']]);
    assert.deepEqual(ids('See paragraph 3 of article 14 of the Convention.'), [['art_14__para_3']]);
    assert.deepEqual(ids('See subparagraph (a) of paragraph 1 of article 17 of the Convention.'), [['art_17__para_1__point_a']]);
    assert.deepEqual(ids('See article 2 (e) of the Convention.'), [['art_2__para_0__point_e']]);
  });

  it('reads every citation form across documents, with the one resolver', () => {
    assert.deepEqual(ids('See articles 7 through 9 of the Convention.'), [['art_7', 'art_8', 'art_9']]);
    assert.deepEqual(ids('See paragraphs 1–3 of article 14 of the Convention.'), [['art_14__para_1', 'art_14__para_2', 'art_14__para_3']]);
    assert.deepEqual(ids('See Article 40.21.b and c of the Convention.'), [['art_40__para_21__point_b', 'art_40__para_21__point_c']]);
    assert.deepEqual(ids('See Article 14.2 of the Convention.'), [['art_14__para_2']]);
    assert.deepEqual(ids('See article 17, paragraph 1 a) (i) of the Convention.'), [['art_17__para_1__point_a__point_i']]);
    assert.deepEqual(ids('See Art. 5 of the Convention.'), [['art_5']]);
    assert.deepEqual(ids('See articles 6, 7 (paragraphs 1 and 2) and 9 of the Convention.'), [['art_6', 'art_7__para_1', 'art_7__para_2', 'art_9']]);
  });

  it('says what is missing there, for each number', () => {
    const [r] = resolveAll('See article 99 of the Convention.');
    assert.deepEqual(r.targets, []);
    assert.deepEqual(r.missing.map((m) => m.description), ['article 99 of the Convention']);
    const [p] = resolveAll('See paragraph 45 of article 40 of the Convention.');
    assert.deepEqual(p.missing.map((m) => m.description), ['paragraph 45 of article 40 of the Convention']);
    const [range] = resolveAll('See articles 60 to 70 of the Convention.');
    assert.deepEqual(range.missing.map((m) => m.description), ['article 70 of the Convention']);
    assert.deepEqual(range.targets.map((t) => t.id), ['art_60']);
  });

  it('numbers point at the units they name', () => {
    const [r] = resolveAll('See article 40, paragraph 21 (b), of the Convention.');
    assert.deepEqual(
      r.numbers.map((n) => [n.text, n.unit?.id]),
      [
        ['40', 'art_40'],
        ['21', 'art_40__para_21'],
        ['b', 'art_40__para_21__point_b'],
      ],
    );
  });

  it('leaves a paragraph with no article to count from unresolved, without a finding', () => {
    const [r] = resolveAll('See paragraph 3 of the Convention.');
    assert.equal(r.unanchored, true);
    assert.deepEqual(r.missing, []);
  });
});

describe('crossdoc: a treaty with its notes file', () => {
  const treaty = '---\ntitle: T\nnotes: t.notes.treaty\n---\n\n## Article 1. One\n\n1. Text.\n\n## Article 2. Two\n\n1. Text.\n';

  it('keeps every offset of the notes file at notesBase plus its own', () => {
    const notes = '---\ntitle: Notes\n---\n\n# Interpretative notes\n\n## Article 2\n\n1. On article 1 too.\n';
    const { text, notesBase } = composeWithNotes(treaty, notes);
    assert.equal(text.length, notesBase + notes.length);
    assert.ok(text.startsWith(treaty));
    assert.equal(text.slice(notesBase + notes.indexOf('## Article 2')).split('\n')[0], '## Article 2');
    // The notes file's front matter is blanked, lines kept.
    assert.equal(text.slice(notesBase, notesBase + 20).trim(), '');
    assert.equal(text.slice(notesBase).split('\n').length, notes.split('\n').length);
    const t = analyse(text);
    assert.deepEqual(t.noteGroups.map((g) => g.targets.map((u) => u.id)), [['art_2']]);
    assert.deepEqual(t.notes[0].concerns.map((u) => u.id), ['art_2', 'art_1']);
    assert.equal(t.frontMatter.notesFile, 't.notes.treaty');
  });

  it('adds the notes heading when the notes file does not open with one', () => {
    const { text, notesBase } = composeWithNotes(treaty, '## Article 1\n\n1. A note.\n');
    assert.match(text.slice(treaty.length, notesBase), /# Interpretative notes/);
    const t = analyse(text);
    assert.equal(t.articles.length, 2, 'the note heading is not an article');
    assert.deepEqual(t.noteGroups.map((g) => g.targets.map((u) => u.id)), [['art_1']]);
  });

  it('finds the end of a front matter block', () => {
    assert.equal(frontMatterEnd('---\na: 1\n---\nbody'), '---\na: 1\n---'.length);
    assert.equal(frontMatterEnd('no front matter'), 0);
    assert.equal(frontMatterEnd('---\nnever closed\n'), 0);
    assert.equal(frontMatterEnd('\ufeff---\r\na: 1\r\n...\r\nbody'), '\ufeff---\r\na: 1\r\n...'.length);
  });
});
