// Scope assertions for each Treatymark construct (design: docs/markup.md).
import * as assert from 'node:assert/strict';
import { BASE_SCOPE, scopesAt, tokenize } from './helpers';

/** Asserts that the token at the first char of `sub` (line `line`) carries every scope in `expected`. */
async function expectScopes(text: string, line: number, sub: string, expected: string[], occurrence = 0): Promise<void> {
  const scopes = await scopesAt(text, line, sub, occurrence);
  for (const e of expected) {
    assert.ok(scopes.includes(e), `"${sub}" on line ${line}: expected ${e}, got ${scopes.join(' ')}`);
  }
}

async function expectNotScope(text: string, line: number, sub: string, notExpected: string, occurrence = 0): Promise<void> {
  const scopes = await scopesAt(text, line, sub, occurrence);
  assert.ok(!scopes.some((s) => s === notExpected || s.startsWith(notExpected + '.')), `"${sub}" on line ${line}: did not expect ${notExpected}, got ${scopes.join(' ')}`);
}

async function expectPlain(text: string, line: number, sub: string): Promise<void> {
  const scopes = await scopesAt(text, line, sub);
  assert.deepEqual(scopes, [BASE_SCOPE], `"${sub}" on line ${line} should be plain text`);
}

describe('grammar: front matter', () => {
  const doc = ['---', 'title: Convention against Cybercrime', 'short-title: Convention  # the self-name', '---', '', '# Preamble'].join('\n');

  it('marks the delimiters', async () => {
    await expectScopes(doc, 0, '---', ['punctuation.definition.tag.frontmatter.begin.treaty']);
    await expectScopes(doc, 3, '---', ['punctuation.definition.tag.frontmatter.end.treaty']);
  });

  it('embeds YAML in meta.embedded.block.frontmatter', async () => {
    await expectScopes(doc, 1, 'title', ['meta.embedded.block.frontmatter', 'entity.name.tag.yaml']);
    await expectScopes(doc, 2, '# the', ['meta.embedded.block.frontmatter', 'comment.line.number-sign.yaml']);
  });

  it('ends at the closing --- so headings follow', async () => {
    await expectScopes(doc, 5, 'Preamble', ['markup.heading.preamble.treaty']);
    await expectNotScope(doc, 5, 'Preamble', 'meta.embedded');
  });

  it('is front matter only at the very top', async () => {
    const late = ['Text', '---', 'title: x', '---'].join('\n');
    await expectNotScope(late, 2, 'title', 'meta.embedded');
  });
});

describe('grammar: headings', () => {
  const cases: Array<[string, string, string | null, string | null]> = [
    ['# Preamble', 'preamble', null, null],
    ['# Part I. General provisions', 'part', 'I', 'General provisions'],
    ['# Chapter IV. Procedural measures and law enforcement', 'chapter', 'IV', 'Procedural measures and law enforcement'],
    ['## Section 2. Final clauses', 'section', '2', 'Final clauses'],
    ['## Article 2. Use of terms', 'article', '2', 'Use of terms'],
    ['## Article 7 bis. Illegal access to a subsystem', 'article', '7 bis', 'Illegal access to a subsystem'],
    ['### Article 12 quater: Forgery', 'article', '12 quater', 'Forgery'],
    ['# Annex I — Model form', 'annex', 'I', 'Model form'],
    ['# Interpretative notes', 'notes', null, null],
  ];
  for (const [line, kind, num, title] of cases) {
    it(`${line} → ${kind}`, async () => {
      await expectScopes(line, 0, '#', ['punctuation.definition.heading.treaty', `markup.heading.${kind}.treaty`]);
      const keyword = line.replace(/^#+\s*/, '').split(/[\s.:—]/)[0];
      await expectScopes(line, 0, keyword, [`keyword.other.${kind}.treaty`, `markup.heading.${kind}.treaty`]);
      if (num) await expectScopes(line, 0, num, [`constant.numeric.${kind}.treaty`]);
      if (title) await expectScopes(line, 0, title, [`entity.name.section.${kind}.treaty`]);
    });
  }

  it('the keyword decides the kind, case-insensitively, whatever the number of #', async () => {
    await expectScopes('#### ARTICLE 5: EXTRADITION', 0, 'ARTICLE', ['keyword.other.article.treaty']);
    await expectScopes('#### ARTICLE 5: EXTRADITION', 0, 'EXTRADITION', ['entity.name.section.article.treaty']);
    await expectScopes('# chapter ii. Criminalization', 0, 'chapter', ['keyword.other.chapter.treaty']);
  });

  it('placeholder numbers X, [X], __ and …', async () => {
    for (const ph of ['X', '[X]', '__', '…']) {
      const line = `## Article ${ph}. Extradition`;
      await expectScopes(line, 0, ph, ['constant.other.placeholder.treaty', 'markup.heading.article.treaty']);
      await expectScopes(line, 0, 'Extradition', ['entity.name.section.article.treaty']);
    }
  });

  it('an article heading without a number yet', async () => {
    await expectScopes('## Article. Extradition', 0, '.', ['punctuation.separator.heading.treaty']);
    await expectScopes('## Article. Extradition', 0, 'Extradition', ['entity.name.section.article.treaty']);
  });

  it('X is roman ten in a chapter heading', async () => {
    await expectScopes('# Chapter X. Final provisions', 0, 'X', ['constant.numeric.chapter.treaty']);
  });

  it('a line starting with "Article" but no # is not a heading', async () => {
    await expectNotScope('Article 5 of the proposal', 0, 'Article', 'markup.heading');
  });

  it('an unknown heading keyword is still a heading', async () => {
    await expectScopes('## Final clauses', 0, 'Final', ['markup.heading.other.treaty', 'entity.name.section.other.treaty']);
  });

  it('brackets and footnote marks inside a title', async () => {
    const line = '## Article 8. Interference with [computer data] [digital information][^3]';
    await expectScopes(line, 0, 'computer', ['entity.name.section.article.treaty', 'markup.changed.pending.treaty']);
    await expectScopes(line, 0, '3', ['constant.numeric.footnote.treaty']);
  });
});

describe('grammar: unit markers at line start', () => {
  it('paragraph 1.', async () => {
    const l = '1. Each State Party shall adopt';
    await expectScopes(l, 0, '1', ['markup.list.numbered.paragraph.treaty', 'constant.numeric.paragraph.treaty']);
    await expectScopes(l, 0, '.', ['punctuation.definition.list.end.treaty']);
    await expectPlain(l, 0, 'Each');
  });

  it('subparagraph (a), sub-subparagraph (ii), preambular (3)', async () => {
    await expectScopes('(e) "Service provider" shall mean', 0, 'e', ['markup.list.numbered.subparagraph.treaty', 'constant.numeric.subparagraph.treaty']);
    await expectScopes('(e) "Service provider" shall mean', 0, '(', ['punctuation.definition.list.begin.treaty']);
    await expectScopes('(ii) Processes or stores electronic data', 0, 'ii', ['markup.list.numbered.subsubparagraph.treaty']);
    await expectScopes('(3) *Concerned* that', 0, '3', ['markup.list.numbered.preambular.treaty']);
    await expectScopes('(aa) Double letters', 0, 'aa', ['markup.list.numbered.subparagraph.treaty']);
  });

  it('optional indentation and "- "', async () => {
    await expectScopes('    (b) Promote', 0, 'b', ['markup.list.numbered.subparagraph.treaty']);
    await expectScopes('- (i) A device', 0, '-', ['punctuation.definition.list.bullet.treaty']);
    await expectScopes('  - 2. A State Party', 0, '2', ['markup.list.numbered.paragraph.treaty']);
  });

  it('two markers on one line: (a) (i)', async () => {
    const l = '(a) (i) The conversion or transfer of property';
    await expectScopes(l, 0, 'a', ['markup.list.numbered.subparagraph.treaty']);
    await expectScopes(l, 0, 'i', ['markup.list.numbered.subsubparagraph.treaty']);
    await expectPlain(l, 0, 'The conversion');
  });

  it('not a marker: mid-line (a), a decimal number, a word in parentheses', async () => {
    await expectNotScope('see (a) above', 0, '(a)', 'markup.list');
    await expectNotScope('1.5 million persons', 0, '1', 'markup.list');
    await expectNotScope('(see above) text', 0, 'see', 'markup.list');
  });
});

describe('grammar: emphasis', () => {
  it('*…* is italic with punctuation', async () => {
    const l = '*Bearing in mind* the purposes';
    await expectScopes(l, 0, '*', ['markup.italic.treaty', 'punctuation.definition.italic.begin.treaty']);
    await expectScopes(l, 0, 'Bearing', ['markup.italic.treaty']);
    await expectPlain(l, 0, 'the purposes');
  });

  it('a lone asterisk is not emphasis', async () => {
    await expectPlain('5 * 3 is not emphasis', 0, '*');
  });
});

describe('grammar: definitions', () => {
  it('"Traffic data" shall mean', async () => {
    const l = '(c) "Traffic data" shall mean any electronic data';
    await expectScopes(l, 0, 'Traffic', ['meta.definition.treaty', 'string.quoted.double.definition.treaty', 'entity.name.type.term.treaty']);
    await expectScopes(l, 0, '"', ['punctuation.definition.string.begin.treaty']);
    await expectScopes(l, 0, 'shall mean', ['keyword.other.definition.treaty']);
    await expectPlain(l, 0, 'any electronic');
  });

  it('curly quotes', async () => {
    await expectScopes('(d) “Content data” shall mean any', 0, 'Content', ['entity.name.type.term.treaty']);
  });

  it('several terms: "Freezing" or "seizure" shall mean', async () => {
    const l = '(k) "Freezing" or "seizure" shall mean temporarily';
    await expectScopes(l, 0, 'Freezing', ['entity.name.type.term.treaty']);
    await expectScopes(l, 0, 'seizure', ['entity.name.type.term.treaty']);
  });

  it('a clause between term and verb', async () => {
    const l = '(l) "Confiscation", which includes forfeiture where applicable, shall mean the permanent';
    await expectScopes(l, 0, 'Confiscation', ['entity.name.type.term.treaty']);
    await expectScopes(l, 0, 'shall mean', ['keyword.other.definition.treaty']);
  });

  it('the term "…" shall include / means / refers to', async () => {
    await expectScopes('the term "child sexual abuse material" shall include', 0, 'child', ['entity.name.type.term.treaty']);
    await expectScopes('"intimate image" means a visual recording', 0, 'intimate', ['entity.name.type.term.treaty']);
    await expectScopes('"data" refers to information', 0, 'refers to', ['keyword.other.definition.treaty']);
  });

  it('a quoted phrase without a defining verb is not a definition', async () => {
    await expectNotScope('references to "States Parties" under this Convention shall apply', 0, 'States', 'entity.name.type');
    await expectNotScope('the term "service provider" in article 2 (e) includes', 0, 'service', 'entity.name.type');
  });

  it('pending definition: (a) "[Computer system] [ICT device]";', async () => {
    const l = '(a) "[Computer system] [Information and communications technology device]";';
    await expectScopes(l, 0, 'a', ['markup.list.numbered.subparagraph.treaty']);
    await expectScopes(l, 0, 'Computer', ['meta.definition.pending.treaty', 'entity.name.type.term.treaty', 'markup.changed.pending.treaty']);
    await expectScopes(l, 0, 'Information', ['meta.definition.pending.treaty', 'entity.name.type.term.treaty']);
    await expectScopes(l, 0, '[', ['punctuation.definition.bracket.begin.treaty']);
  });

  it('bracketed term with a definition: “[Traffic data]” shall mean', async () => {
    await expectScopes('(c) “[Traffic data]” shall mean any', 0, 'Traffic', ['entity.name.type.term.treaty', 'meta.bracket.pending.treaty']);
  });
});

describe('grammar: cross-references', () => {
  /** Every character of `phrase` lies in meta.reference; each listed number is constant.*. */
  async function expectReference(line: string, phrase: string, numbers: string[]): Promise<void> {
    const lines = await tokenize(line);
    const at = line.indexOf(phrase);
    assert.ok(at >= 0, `phrase "${phrase}" not in "${line}"`);
    for (const t of lines[0]) {
      if (t.end <= at || t.start >= at + phrase.length) continue;
      assert.ok(t.scopes.includes('meta.reference.treaty'), `"${t.text}" in "${phrase}" is not in meta.reference: ${t.scopes.join(' ')}`);
      assert.ok(t.scopes.includes('markup.underline.link.treaty'), `"${t.text}" not underlined`);
    }
    const before = lines[0].find((t) => t.start <= at - 1 && at - 1 < t.end);
    if (before) assert.ok(!before.scopes.includes('meta.reference.treaty') || before.end <= at, 'reference starts too early');
    const after = lines[0].find((t) => t.start <= at + phrase.length && at + phrase.length < t.end);
    if (after) assert.ok(!after.scopes.includes('meta.reference.treaty'), `reference runs past "${phrase}" into "${after.text}"`);
    let from = at;
    for (const n of numbers) {
      // "(a)" names the subdivision a: look for the parenthesised form, check the letter.
      const found = line.indexOf(n, from);
      assert.ok(found >= 0, `"${n}" not found after ${from} in "${line}"`);
      const i = n.startsWith('(') ? found + 1 : found;
      const tok = lines[0].find((t) => t.start <= i && i < t.end)!;
      assert.ok(tok.scopes.some((s) => s.startsWith('constant.numeric') || s.startsWith('constant.other')), `number "${n}" in "${phrase}": ${tok.scopes.join(' ')}`);
      from = found + n.length;
    }
  }

  const cases: Array<[string, string, string[]]> = [
    ['as defined in article 17 of this Convention;', 'article 17 of this Convention', ['17']],
    ['in accordance with articles 7 to 16 of this Convention', 'articles 7 to 16 of this Convention', ['7', '16']],
    ['articles 6, 9 and 12 apply', 'articles 6, 9 and 12', ['6', '9', '12']],
    ['articles 23 and 35 of the present Convention.', 'articles 23 and 35 of the present Convention', ['23', '35']],
    ['described in paragraph 1 shall', 'paragraph 1', ['1']],
    ['referred to in paragraph 3 of article 14, and', 'paragraph 3 of article 14', ['3', '14']],
    ['under article 14, paragraph 1 shall', 'article 14, paragraph 1', ['14', '1']],
    [
      'set out in article 17, paragraph 1 (a) (i) or (ii) or (b) (i), of this Convention within',
      'article 17, paragraph 1 (a) (i) or (ii) or (b) (i), of this Convention',
      ['17', '1', '(a)', '(i)', '(ii)', '(b)', '(i)'],
    ],
    ['the offences in subparagraphs (a) to (c) of this paragraph, which', 'subparagraphs (a) to (c) of this paragraph', ['(a)', '(c)']],
    ['the definition in article 2 (e) includes', 'article 2 (e)', ['2', '(e)']],
    ['subparagraph (a) of paragraph 1 applies', 'subparagraph (a) of paragraph 1', ['(a)', '1']],
    ['paragraph 2 (a) to (c) of this article, where', 'paragraph 2 (a) to (c) of this article', ['2', '(a)', '(c)']],
    ['see article 21(4).', 'article 21(4)', ['21', '(4)']],
    ['see article 23(2)(b) now', 'article 23(2)(b)', ['23', '(2)', '(b)']],
    ['provisions of chapter II apply', 'chapter II', ['II']],
    ['chapters III and IV of this Convention', 'chapters III and IV of this Convention', ['III', 'IV']],
    ['article 40, paragraph 21 (b) and (c) and paragraph 22, of this Convention.', 'article 40, paragraph 21 (b) and (c) and paragraph 22, of this Convention', ['40', '21', '(b)', '(c)', '22']],
    ['Paragraphs 8 to 31 of this article shall apply', 'Paragraphs 8 to 31 of this article', ['8', '31']],
    ['article 7 bis applies', 'article 7 bis', ['7 bis']],
    ['articles [on criminalization] of', 'articles [on criminalization]', ['[on criminalization]']],
    ['see article [X] below', 'article [X]', ['[X]']],
    ['for articles 6-12, and', 'articles 6-12', ['6', '12']],
    ['article 17 of the International Covenant on Civil and Political Rights.', 'article 17 of the International Covenant on Civil and Political Rights', ['17']],
  ];
  for (const [line, phrase, numbers] of cases) {
    it(phrase, () => expectReference(line, phrase, numbers));
  }

  it('the instrument of an external reference', async () => {
    await expectScopes('article 17 of the International Covenant on Civil and Political Rights', 0, 'International', ['support.class.instrument.treaty', 'meta.reference.treaty']);
    await expectScopes('assistance (UNTOC Article 16) shall', 0, 'UNTOC', ['support.class.instrument.treaty', 'meta.reference.treaty']);
    await expectScopes('assistance (UNTOC Article 16) shall', 0, '16', ['constant.numeric.treaty']);
  });

  it('the self-name inside a reference', async () => {
    await expectScopes('article 5 of this Convention', 0, 'this Convention', ['meta.reference.treaty', 'variable.language.self-name.treaty']);
  });

  it('not references: no number, a title in parentheses, other words', async () => {
    await expectNotScope('Nothing in this article shall', 0, 'article', 'meta.reference');
    await expectNotScope('their parts, components and ammunition', 0, 'parts', 'meta.reference');
    await expectNotScope('article 2 (Use of terms) applies', 0, 'Use', 'meta.reference');
    await expectNotScope('article 24 (human rights safeguards)', 0, 'human', 'meta.reference');
  });
});

describe('grammar: self-name', () => {
  it('this Convention / the present Convention', async () => {
    await expectScopes('obligations under this Convention in a manner', 0, 'this Convention', ['variable.language.self-name.treaty']);
    await expectScopes('The States Parties to the present Convention,', 0, 'the present Convention', ['variable.language.self-name.treaty']);
    await expectScopes('This Convention shall apply', 0, 'This Convention', ['variable.language.self-name.treaty']);
  });

  it('not the self-name: another convention', async () => {
    await expectNotScope('the Budapest Convention does not', 0, 'Convention', 'variable.language');
  });
});

describe('grammar: square brackets (text not yet agreed)', () => {
  it('alternatives are separate groups with bracket punctuation', async () => {
    const l = 'against [cybercrime] [the use of information and communications technologies] by';
    await expectScopes(l, 0, '[', ['meta.bracket.pending.treaty', 'punctuation.definition.bracket.begin.treaty']);
    await expectScopes(l, 0, 'cybercrime', ['meta.bracket.pending.treaty', 'markup.changed.pending.treaty']);
    await expectScopes(l, 0, ']', ['punctuation.definition.bracket.end.treaty']);
    await expectPlain(l, 0, ' [the');
    await expectPlain(l, 0, ' by');
  });

  it('nested groups', async () => {
    const l = '[[a computer system] [an ICT device] or other] text';
    const inner = await scopesAt(l, 0, 'a computer');
    assert.equal(inner.filter((s) => s === 'meta.bracket.pending.treaty').length, 2, inner.join(' '));
    const outer = await scopesAt(l, 0, ' or other');
    assert.equal(outer.filter((s) => s === 'meta.bracket.pending.treaty').length, 1, outer.join(' '));
    await expectPlain(l, 0, ' text');
  });

  it('a group spanning lines, with markers and references inside', async () => {
    const doc = ['[1. This article applies to', '[articles 6 to 16] of this Convention', '[where the person is present].]', 'After.'].join('\n');
    await expectScopes(doc, 1, 'articles', ['meta.bracket.pending.treaty', 'meta.reference.treaty']);
    await expectScopes(doc, 1, ' of', ['meta.bracket.pending.treaty']);
    await expectScopes(doc, 1, 'this Convention', ['variable.language.self-name.treaty', 'meta.bracket.pending.treaty']);
    await expectScopes(doc, 2, ']', ['punctuation.definition.bracket.end.treaty'], 1);
    await expectPlain(doc, 3, 'After');
  });

  it('[^1] is a footnote reference, not a bracket group', async () => {
    await expectNotScope('cooperation[^1]; and', 0, '[^1]', 'meta.bracket');
    await expectPlain('cooperation[^1]; and', 0, '; and');
  });
});

describe('grammar: CriticMarkup', () => {
  it('{++insertion++}', async () => {
    const l = 'Promote {++, facilitate++} and';
    await expectScopes(l, 0, '{++', ['markup.inserted.critic.treaty', 'punctuation.definition.inserted.begin.treaty']);
    await expectScopes(l, 0, 'facilitate', ['markup.inserted.critic.treaty']);
    await expectScopes(l, 0, '++}', ['punctuation.definition.inserted.end.treaty']);
    await expectPlain(l, 0, ' and');
  });

  it('{--deletion--}', async () => {
    const l = 'impact on {--States, enterprises and--} the';
    await expectScopes(l, 0, 'States', ['markup.deleted.critic.treaty', 'markup.strikethrough.critic.treaty']);
    await expectScopes(l, 0, '{--', ['punctuation.definition.deleted.begin.treaty']);
  });

  it('{~~old~>new~~}', async () => {
    const l = '{~~Acknowledging~>Stressing~~} the right';
    await expectScopes(l, 0, 'Acknowledging', ['markup.changed.critic.treaty', 'markup.deleted.critic.treaty']);
    await expectScopes(l, 0, '~>', ['punctuation.separator.changed.treaty']);
    await expectScopes(l, 0, 'Stressing', ['markup.changed.critic.treaty', 'markup.inserted.critic.treaty']);
    await expectScopes(l, 0, '~~}', ['punctuation.definition.changed.end.treaty']);
    await expectPlain(l, 0, ' the right');
  });

  it('{~~~>new~~} with empty old text', async () => {
    await expectScopes('{~~~>added~~} x', 0, 'added', ['markup.inserted.critic.treaty']);
  });

  it('{==highlight==}{>>comment<<}', async () => {
    const l = 'assistance {==and capacity-building==}{>>A2: keep as in 2019.<<};';
    await expectScopes(l, 0, 'and capacity', ['markup.highlight.critic.treaty', 'markup.bold.critic.treaty']);
    await expectScopes(l, 0, '{>>', ['comment.block.critic.treaty', 'punctuation.definition.comment.begin.treaty']);
    await expectScopes(l, 0, 'A2', ['comment.block.critic.treaty']);
    await expectPlain(l, 0, ';');
  });

  it('a comment spanning lines, and no other scopes inside a comment', async () => {
    const doc = ['{>>A3: see article 5 and', 'this Convention.<<} after'].join('\n');
    await expectScopes(doc, 1, 'this', ['comment.block.critic.treaty']);
    await expectNotScope(doc, 0, 'article', 'meta.reference');
    await expectPlain(doc, 1, ' after');
  });

  it('treaty constructs inside tracked changes', async () => {
    await expectScopes('{++[cybercrime] under article 5++}', 0, 'cybercrime', ['markup.inserted.critic.treaty', 'meta.bracket.pending.treaty']);
    await expectScopes('{++[cybercrime] under article 5++}', 0, '5', ['markup.inserted.critic.treaty', 'constant.numeric.treaty']);
  });
});

describe('grammar: footnotes', () => {
  it('reference [^7]', async () => {
    const l = 'have signed this Convention.[^7]';
    await expectScopes(l, 0, '[^7]', ['meta.footnote.reference.treaty', 'punctuation.definition.footnote.begin.treaty']);
    await expectScopes(l, 0, '7', ['constant.numeric.footnote.treaty'], 0);
  });

  it('definition [^7]: at line start', async () => {
    const l = '[^7]: It is noted that notes on articles 2, 17, 23 and 35 of this Convention were annexed.';
    await expectScopes(l, 0, '[', ['meta.footnote.definition.treaty']);
    await expectScopes(l, 0, '7', ['meta.footnote.definition.treaty', 'constant.numeric.footnote.treaty']);
    await expectScopes(l, 0, ':', ['punctuation.separator.footnote.treaty']);
    await expectScopes(l, 0, 'articles', ['meta.reference.treaty']);
  });
});

describe('grammar: interpretative notes', () => {
  const doc = [
    '# Interpretative notes',
    '',
    '## Article 2',
    '',
    '1. The definition of the term "service provider" in article 2 (e) includes',
    '',
    '## Articles 23 and 35, with regard to the term "investigation"',
    '',
    '# Annex I. Forms',
    '',
    '## Article 1. Form of request',
  ].join('\n');

  it('the notes heading', async () => {
    await expectScopes(doc, 0, 'Interpretative notes', ['markup.heading.notes.treaty', 'keyword.other.notes.treaty']);
  });

  it('note headings name articles as references', async () => {
    await expectScopes(doc, 2, '##', ['markup.heading.note.treaty', 'punctuation.definition.heading.treaty']);
    await expectScopes(doc, 2, 'Article', ['markup.heading.note.treaty', 'meta.reference.treaty']);
    await expectScopes(doc, 2, '2', ['constant.numeric.treaty']);
    await expectNotScope(doc, 2, 'Article', 'keyword.other.article');
  });

  it('"with regard to the term"', async () => {
    await expectScopes(doc, 6, '23', ['markup.heading.note.treaty', 'meta.reference.treaty', 'constant.numeric.treaty']);
    await expectScopes(doc, 6, 'with regard', ['keyword.other.with-regard-to.treaty']);
    await expectScopes(doc, 6, 'investigation', ['string.quoted.double.term.treaty', 'variable.other.term.treaty']);
  });

  it('notes text keeps its markers and references', async () => {
    await expectScopes(doc, 4, '1', ['markup.list.numbered.paragraph.treaty']);
    await expectScopes(doc, 4, 'article', ['meta.reference.treaty']);
  });

  it('a structural heading ends the notes', async () => {
    await expectScopes(doc, 8, 'Annex', ['keyword.other.annex.treaty']);
    await expectScopes(doc, 10, 'Article', ['keyword.other.article.treaty', 'markup.heading.article.treaty']);
  });
});
