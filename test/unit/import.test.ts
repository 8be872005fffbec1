// `treatymark import`: Word documents (and text pasted from a PDF) into treaties. The two
// fixtures made from Treatymark texts must give their expected text by the issue's measures;
// small packages written here pin each rule of Word's numbering, marks and comments.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { check } from '../../server/src/checks';
import { cleanCopy } from '../../server/src/edits/negotiation';
import { importFile, type ImportResult } from '../../server/src/import';
import { analyse } from '../../server/src/model/analyse';
import { lvl, makeDocx, p, r, TREATY_LEVELS } from '../support/docx';
import { DOCX_FIXTURES, inOrder, measure } from '../support/importMeasure';

const read = (name: string) => new Uint8Array(fs.readFileSync(path.join(DOCX_FIXTURES, name)));

function imported(bytes: Uint8Array, name = 'test.docx'): string {
  const result = importFile(bytes, name);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.text;
}

/** The body of an import, without its front matter. */
function body(text: string): string {
  return text.replace(/^---\n[\s\S]*?\n---\n\n/, '');
}

const docx = (bodyXml: string, extra: Omit<Parameters<typeof makeDocx>[0], 'body'> = {}) => imported(makeDocx({ body: bodyXml, ...extra }));

const CASES = [
  { name: 'convention', authors: ['UK', 'Brazil', 'Brazil', 'Brazil', 'UK', 'Brazil', 'UK', 'Brazil', 'Brazil', 'UK', 'UK'] },
  { name: 'convention-excerpt', authors: ['UK', 'Brazil', 'Brazil', 'Brazil', 'UK'] },
];

describe('import: the Word fixtures give their expected treaty', () => {
  for (const { name, authors } of CASES) {
    describe(`${name}.docx`, () => {
      const expectedText = fs.readFileSync(path.join(DOCX_FIXTURES, `${name}.treaty`), 'utf8');
      let text: string;
      let ms: number;
      before(() => {
        const started = performance.now();
        text = imported(read(`${name}.docx`), `${name}.docx`);
        ms = performance.now() - started;
      });

      it('has the same headings (kind, number, title) and the same markers, in order', () => {
        const got = measure(text);
        const want = measure(expectedText);
        assert.ok(want.headings.length > 9 && want.markers.length > 30);
        assert.deepEqual(got.headings, want.headings);
        assert.deepEqual(got.markers, want.markers);
      });

      it('has at least 99 % of the words in order, and of the footnote words', () => {
        const got = measure(text);
        const want = measure(expectedText);
        const words = inOrder(want.words, got.words);
        const notes = inOrder(want.footnoteWords, got.footnoteWords);
        console.log(`      ${name}.docx: ${(words * 100).toFixed(2)} % of ${want.words.length} words in order, footnotes ${(notes * 100).toFixed(2)} %, imported in ${ms.toFixed(0)} ms`);
        assert.ok(words >= 0.99, `${(words * 100).toFixed(2)} %`);
        assert.ok(notes >= 0.99, `${(notes * 100).toFixed(2)} %`);
        assert.ok(got.words.length <= want.words.length * 1.01, `${got.words.length} words for ${want.words.length}`);
      });

      it('has the same insertions, deletions and comments, with their texts and authors', () => {
        const got = measure(text);
        const want = measure(expectedText);
        const trim = (xs: string[]) => xs.map((x) => x.trim());
        assert.deepEqual(trim(got.insertions), trim(want.insertions));
        assert.deepEqual(trim(got.deletions), trim(want.deletions));
        assert.deepEqual(got.comments, want.comments);
        assert.equal(got.onHighlights, want.onHighlights);
        assert.ok(got.comments.length >= 4);
        assert.deepEqual(got.changeAuthors, authors);
      });

      it('takes its title from the Title paragraph', () => {
        assert.equal(analyse(text).frontMatter.title, analyse(expectedText).frontMatter.title);
      });

      it('passes treatymark check with no error the expected text does not have', () => {
        const errors = (t: string) =>
          check(analyse(t))
            .filter((f) => f.severity === 'error')
            .map((f) => `${f.code} ${f.message}`);
        assert.deepEqual(errors(text), errors(expectedText));
      });
    });
  }

  it('imports the two-paragraph headings of the excerpt as one (`## Article 5. Protection of sovereignty`)', () => {
    const text = imported(read('convention-excerpt.docx'));
    assert.match(text, /^## Article 5\. Protection of sovereignty$/m);
    assert.match(text, /^# Chapter I\. General provisions$/m);
    // A note heading followed by ordinary text stays alone.
    assert.match(text, /^## Article 2\n\n1\. The definition/m);
  });

  it("computes the convention's automatic numbers as Word shows them (overrides, continued notes)", () => {
    const text = imported(read('convention.docx'));
    assert.match(text, /^\(a\) \(i\) The conversion or transfer of property/m);
    assert.match(text, /^\(ii\) The concealment or disguise/m);
    assert.match(text, /^\(b\) Subject to the basic concepts of its legal system:\n\n\(i\) The acquisition/m);
    assert.match(text, /^## Article 35\n\n5\. Outside the convention/m);
  });
});

describe("import: Word's automatic numbering", () => {
  const numbering = (abstracts: string, nums: string) => `${abstracts}${nums}`;
  const abstract = (id: number, levels: string) => `<w:abstractNum w:abstractNumId="${id}">${levels}</w:abstractNum>`;
  const num = (id: number, abstractId: number, overrides = '') => `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;
  const markers = (text: string) => body(text).split('\n\n').map((l) => l.split(' ')[0]);

  it('formats decimal, letters and roman numerals as the level text says', () => {
    const levels = lvl(0, 'upperRoman', 'Part %1') + lvl(1, 'decimal', '%2.') + lvl(2, 'lowerLetter', '(%3)') + lvl(3, 'lowerRoman', '(%4)') + lvl(4, 'upperLetter', '%5)');
    const text = docx([p(r('x'), { num: [1, 0] }), p(r('x'), { num: [1, 1] }), p(r('x'), { num: [1, 2] }), p(r('x'), { num: [1, 3] }), p(r('x'), { num: [1, 3] }), p(r('x'), { num: [1, 4] })].join(''), {
      numbering: numbering(abstract(1, levels), num(1, 1)),
    });
    assert.deepEqual(body(text).split('\n\n'), ['# Part I. x', '1. x', '(a) x', '(i) x', '(ii) x', 'A) x\n']);
  });

  it('starts at w:start, restarts the levels below a paragraph, and continues a level across its subparagraphs', () => {
    const levels = lvl(0, 'decimal', '%1.').replace('<w:start w:val="1"/>', '<w:start w:val="3"/>') + lvl(1, 'lowerLetter', '(%2)');
    const paras = [[0], [1], [1], [0], [1]].map(([l]) => p(r('x'), { num: [1, l] })).join('');
    assert.deepEqual(markers(docx(paras, { numbering: numbering(abstract(1, levels), num(1, 1)) })), ['3.', '(a)', '(b)', '4.', '(a)']);
  });

  it('continues one abstract list across two w:num; a w:startOverride restarts its level the first time its w:num is used', () => {
    const nums = num(1, 1) + num(2, 1) + num(3, 1, '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="2"/></w:lvlOverride>');
    const paras = [p(r('x'), { num: [1, 0] }), p(r('x'), { num: [1, 1] }), p(r('x'), { num: [2, 0] }), p(r('(a) typed'), { num: [2, 0] }), p(r('x'), { num: [3, 1] }), p(r('x'), { num: [3, 1] }), p(r('x'), { num: [2, 0] })].join('');
    assert.deepEqual(markers(docx(paras, { numbering: numbering(abstract(1, TREATY_LEVELS), nums) })), ['1.', '(a)', '2.', '3.', '(b)', '(c)', '4.']);
  });

  it('keeps a level running when w:lvlRestart is 0', () => {
    const levels = lvl(0, 'decimal', '%1.') + lvl(1, 'decimal', '(%2)', '<w:lvlRestart w:val="0"/>');
    const paras = [[0], [1], [0], [1]].map(([l]) => p(r('x'), { num: [1, l] })).join('');
    assert.deepEqual(markers(docx(paras, { numbering: numbering(abstract(1, levels), num(1, 1)) })), ['1.', '(1)', '2.', '(2)']);
  });

  it('numbers paragraphs through their style, and numId 0 switches it off; bullets become `- `', () => {
    const styles = '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>';
    const levels = lvl(0, 'none', '') + lvl(1, 'decimal', 'Article %2', '<w:pStyle w:val="Heading2"/><w:suff w:val="space"/>');
    const paras = [
      p(r('Use of terms'), { style: 'Heading2' }),
      p(r('Scope'), { style: 'Heading2' }),
      `<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>${r('Final clauses')}</w:p>`,
      p(r('point'), { num: [2, 0] }),
    ].join('');
    const text = docx(paras, { styles, numbering: numbering(abstract(1, levels) + abstract(2, lvl(0, 'bullet', '•')), num(1, 1) + num(2, 2)) });
    assert.deepEqual(body(text).split('\n\n'), ['## Article 1. Use of terms', '## Article 2. Scope', '## Final clauses', '- point\n']);
  });
});

describe('import: text, italics, tracked changes, comments and footnotes', () => {
  const ins = (t: string, author = 'UK') => `<w:ins w:id="1" w:author="${author}" w:date="2024-05-14T10:00:00Z">${r(t)}</w:ins>`;
  const del = (t: string, author = 'UK') => `<w:del w:id="2" w:author="${author}" w:date="2024-05-14T10:00:00Z"><w:r><w:delText xml:space="preserve">${t}</w:delText></w:r></w:del>`;
  const comment = (id: number, author: string, text: string, paraId?: string) =>
    `<w:comment w:id="${id}" w:author="${author}" w:date="2024-05-14T10:00:00Z"><w:p${paraId ? ` w14:paraId="${paraId}"` : ''}><w:r><w:annotationRef/></w:r>${r(text)}</w:p></w:comment>`;

  it('joins adjacent italic runs into one span, leaving white space outside the asterisks', () => {
    assert.equal(body(docx(p(r('Bearing ', true) + r('in mind ', true) + r('the purposes')))), '*Bearing in mind* the purposes\n');
  });

  it('writes a replacement as a deletion then an insertion, and records who proposed each change', () => {
    const text = docx(p(r('at least ') + del('four', 'Brazil') + ins('three', 'Brazil') + r(' years')));
    assert.equal(body(text), 'at least {--four--}{++three++} years\n');
    const front = parseYaml(text.split('---\n')[1]) as { 'tracked-changes': unknown[] };
    assert.deepEqual(front['tracked-changes'], [
      { author: 'Brazil', date: '2024-05-14', deleted: 'four' },
      { author: 'Brazil', date: '2024-05-14', inserted: 'three' },
    ]);
  });

  it('reads moved text as a deletion and an insertion', () => {
    const moveFrom = `<w:moveFrom w:id="3" w:author="UK" w:date="2024-05-14T10:00:00Z">${r('early')}</w:moveFrom>`;
    const moveTo = `<w:moveTo w:id="4" w:author="UK" w:date="2024-05-14T10:00:00Z">${r('early')}</w:moveTo>`;
    assert.equal(body(docx(p(moveFrom + r(' words ') + moveTo))), '{--early--} words {++early++}\n');
  });

  it('writes a comment on a range, a comment at a point, and two comments on one range in order', () => {
    const comments = comment(0, 'Chair', 'Too vague.') + comment(1, 'UK', 'Agreed.') + comment(2, 'Brazil', 'Why?');
    const runs = r('shall ') + '<w:commentRangeStart w:id="0"/>' + r('take measures') + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:commentReference w:id="1"/></w:r>' + r('.') + '<w:r><w:commentReference w:id="2"/></w:r>';
    assert.equal(body(docx(p(runs), { comments })), 'shall {==take measures==}{>>Chair: Too vague.<<}{>>UK: Agreed.<<}.{>>Brazil: Why?<<}\n');
  });

  it('puts the replies of a thread (commentsExtended.xml) right after their comment', () => {
    const comments = comment(0, 'Chair', 'Too vague.', 'A1') + comment(1, 'UK', 'Agreed.', 'B1');
    const commentsExtended = '<w15:commentEx w15:paraId="A1" w15:done="0"/><w15:commentEx w15:paraId="B1" w15:paraIdParent="A1" w15:done="0"/>';
    // Word anchors a reply on its comment's range; here the reply's reference comes first.
    const runs = '<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>' + r('text') + '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>';
    assert.equal(body(docx(p(runs), { comments, commentsExtended })), '{==text==}{>>Chair: Too vague.<<}{>>UK: Agreed.<<}\n');
  });

  it('nests a change and a highlight that cross, so every mark closes inside the one around it', () => {
    const comments = comment(0, 'UK', 'Note.');
    const runs = r('a ') + '<w:commentRangeStart w:id="0"/>' + r('b ') + ins('c d') + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>' + ins(' e');
    const text = body(docx(p(runs), { comments }));
    assert.equal(text, 'a {==b {++c d++}==}{>>UK: Note.<<}{++ e++}\n');
    const t = analyse(text);
    assert.ok(t.syntax.critic.every((c) => c.closed));
    for (const a of t.syntax.critic) for (const b of t.syntax.critic) assert.ok(!(a.span.start < b.span.start && b.span.start < a.span.end && a.span.end < b.span.end), 'marks cross');
  });

  it('closes a change before a comment anchored after it', () => {
    const comments = comment(0, 'Chair', 'Not yet discussed.') + comment(1, 'UK', 'Why?');
    const runs = r('law') + ins(' and humanitarian law') + '<w:r><w:commentReference w:id="0"/></w:r>' + r(' and ') + '<w:commentRangeStart w:id="1"/>' + r('a ') + ins('b') + '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>' + r('.');
    const text = docx(p(runs), { comments });
    assert.equal(body(text), 'law{++ and humanitarian law++}{>>Chair: Not yet discussed.<<} and {==a {++b++}==}{>>UK: Why?<<}.\n');
    assert.equal((parseYaml(text.split('---\n')[1]) as { 'tracked-changes': unknown[] })['tracked-changes'].length, 2);
  });

  it('writes a comment on an empty range as a comment at a point', () => {
    const comments = comment(0, 'UK', 'Here.');
    assert.equal(body(docx(p(r('States.') + '<w:commentRangeStart w:id="0"/><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'), { comments })), 'States.{>>UK: Here.<<}\n');
  });

  it('joins a paragraph of markers alone to the next ("3." then "(a) Each…"), and drops the italics of a heading', () => {
    const styles = '<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>';
    const text = docx(p(r('Article 2', true), { style: 'Heading3' }) + p(r('3.')) + p(r('(a)\tEach State Party') + r(' shall', true) + r('.')), { styles });
    assert.equal(body(text), '## Article 2\n\n3. (a) Each State Party *shall*.\n');
  });

  it('ends a comment range that runs past its paragraph at the paragraph end, keeping the comment', () => {
    const comments = comment(0, 'UK', 'Both.');
    const text = body(docx(p('<w:commentRangeStart w:id="0"/>' + r('one')) + p(r('two') + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'), { comments }));
    assert.equal(text, '{==one==}{>>UK: Both.<<}\n\ntwo\n');
  });

  it('writes footnotes as [^n] with their text after the paragraph; separators are not footnotes', () => {
    const footnotes = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r>' + r(' A note with ') + r('emphasis', true) + r('.') + '</w:p></w:footnote>';
    const text = body(docx(p(r('Text.') + '<w:r><w:footnoteReference w:id="5"/></w:r>') + p(r('Next.')), { footnotes }));
    assert.equal(text, 'Text.[^1]\n\n[^1]: A note with *emphasis*.\n\nNext.\n');
    assert.deepEqual(check(analyse(text)).map((f) => f.code), []);
  });

  it('leaves out hidden text and field instructions, and escapes text that would read as markup', () => {
    const field = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r('the link') + '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
    const hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r>';
    assert.equal(body(docx(p(r('See ') + field + hidden + r(' and {++ this [^1] \\[x\\].')))), 'See the link and \\{++ this \\[^1] \\\\[x\\\\].\n');
  });

  it('makes comment labels from authors: one word of at most 16 characters, distinct for each author', () => {
    const comments = comment(0, 'Michael Williamson', 'a') + comment(1, '', 'b') + comment(2, 'Mary-Ann Williamson', 'c') + comment(3, 'European Union', 'd');
    const runs = [0, 1, 2, 3].map((i) => `<w:r><w:commentReference w:id="${i}"/></w:r>`).join('');
    const text = docx(p(r('x') + runs), { comments });
    assert.equal(body(text), 'x{>>M.Williamson: a<<}{>>Anonymous: b<<}{>>M.Williamson-2: c<<}{>>European-Union: d<<}\n');
    const front = parseYaml(text.split('---\n')[1]) as { 'comment-authors': Record<string, string> };
    assert.deepEqual(front['comment-authors'], { 'M.Williamson': 'Michael Williamson', Anonymous: '', 'M.Williamson-2': 'Mary-Ann Williamson', 'European-Union': 'European Union' });
  });

  it('takes the title from docProps/core.xml when no paragraph has the Title style', () => {
    const text = docx(p(r('#hashtag is not a heading')), { title: 'A Convention' });
    assert.equal(analyse(text).frontMatter.title, 'A Convention');
    assert.equal(body(text), '\\#hashtag is not a heading\n');
    assert.equal(analyse(text).syntax.blocks.filter((b) => b.type === 'heading').length, 0);
  });
});

describe('import: Word files written by Microsoft Word', () => {
  it('mammoth-comments.docx: a comment on a range and one at a point, by an author with a long name', () => {
    assert.equal(body(imported(read('real/mammoth-comments.docx'))), '{==Ouch==}{>>M.Williamson: A tachyon walks into a bar.<<}.{>>M.Williamson: Fin.<<}\n');
  });

  it('mammoth-footnotes.docx: two footnotes', () => {
    assert.equal(body(imported(read('real/mammoth-footnotes.docx'))), 'Ouch[^1].[^2]\n\n[^1]: A tachyon walks into a bar.\n\n[^2]: Fin.\n');
  });

  it('mammoth-track-changes-test.docx: deletions and insertions by one author, a numbered list with a deleted item', () => {
    const text = imported(read('real/mammoth-track-changes-test.docx'));
    const m = measure(text);
    assert.deepEqual(m.insertions, ['much', 'This is new content, that I suggest.', 'www.hlx.live', 'www.hlx.live']);
    assert.deepEqual(m.deletions, ['default', 'some', 'Item 1', 'Item 2', 'www.adobe.com', 'www.adobe.com', 'B1', 'B2', 'Point two', 'Two']);
    assert.ok(m.changeAuthors.length === 14 && m.changeAuthors.every((a) => a === 'Tobias Bocanegra'));
    assert.match(text, /^1\. Point one\n\n2\. \{--Point two--\}\n\n3\. Point three$/m);
    assert.match(text, /^And here is \{--some --\}\{\+\+much\+\+\} more content\.$/m);
  });

  it('python-docx-comments-rich-para.docx: comments with an empty author and rich content', () => {
    const m = measure(imported(read('real/python-docx-comments-rich-para.docx')));
    assert.deepEqual(m.comments, ['Steve-Canny: Text with hyperlink https://google.com embedded.', 'Anonymous: Text with inline image in the middle.', 'Anonymous: Text with character style.', 'Anonymous: Paragraph with Heading 2 paragraph style.']);
    assert.equal(m.onHighlights, 4);
  });
});

describe('import: files that are not Word documents', () => {
  const cases: [string, RegExp][] = [
    ['broken/truncated.docx', /^truncated\.docx is damaged: .*cut short or corrupted\. Ask for the file again/],
    ['broken/not-a-zip.docx', /^not-a-zip\.docx is a web page \(HTML\), not a Word document/],
    ['broken/not-word.docx', /^not-word\.docx is an OpenDocument text \(\.odt\), not a Word document: .*save it as Word Document \(\.docx\)/],
    ['broken/legacy-doc.docx', /^legacy-doc\.docx is an old Word 97-2003 document \(\.doc\), not a \.docx: .*save it as Word Document \(\.docx\)/],
    ['broken/encrypted.docx', /^encrypted\.docx is protected by a password: open it in Word, remove the password/],
  ];
  for (const [file, message] of cases) {
    it(`${file}: one line saying what it is and what to do`, () => {
      const result: ImportResult = importFile(read(file), path.basename(file));
      assert.ok(!result.ok);
      assert.match(result.message, message);
      assert.ok(!result.message.includes('\n') && !result.message.includes('    at '), result.message);
    });
  }

  it('an empty file, a PDF and a .docx that is plain text', () => {
    const msg = (bytes: Uint8Array, name: string) => {
      const result = importFile(bytes, name);
      return result.ok ? 'imported' : result.message;
    };
    assert.equal(msg(new Uint8Array(), 'a.docx'), 'a.docx is empty: there is nothing to import.');
    assert.match(msg(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'draft.pdf'), /^draft\.pdf is a PDF, not a Word document: copy its text into a \.txt file/);
    assert.match(msg(new TextEncoder().encode('Article 1'), 'draft.docx'), /^draft\.docx is plain text, not a Word document: name it \.txt/);
  });
});

describe('import: plain text from a PDF or a web page', () => {
  const text = (s: string, name = 'draft.txt') => imported(new TextEncoder().encode(s), name);

  it('recognises headings with the title on the next line, markers, and joins the lines of a paragraph', () => {
    const pdf = [
      'Convention on Widgets',
      'CHAPTER I',
      'General provisions',
      'ARTICLE 1',
      'Use of terms',
      'For the purposes of this Convention:',
      'a) "Widget" shall mean a device made by hand or by machine, for sale or for any',
      'other purpose;',
      '3',
      'b) "Gadget" shall mean a small device.',
      'Article 2. Scope',
      '1.',
      'This Convention applies to widgets and to gadgets that are sold in the territory of a',
      'State Party or ex-',
      'ported from it.',
      '2.   Nothing in this article affects the rights of States Parties under other treaties.',
    ].join('\n');
    assert.equal(
      text(pdf),
      [
        '---',
        'title: "Convention on Widgets"',
        '---',
        '',
        '# CHAPTER I. General provisions',
        '',
        '## ARTICLE 1. Use of terms',
        '',
        'For the purposes of this Convention:',
        '',
        '(a) "Widget" shall mean a device made by hand or by machine, for sale or for any other purpose;',
        '',
        '(b) "Gadget" shall mean a small device.',
        '',
        '## Article 2. Scope',
        '',
        '1. This Convention applies to widgets and to gadgets that are sold in the territory of a State Party or ex-ported from it.',
        '',
        '2. Nothing in this article affects the rights of States Parties under other treaties.',
        '',
      ].join('\n'),
    );
  });

  it('gives the convention back from its text laid out as a PDF: same headings and markers, the words in order', () => {
    const source = cleanCopy(analyse(fs.readFileSync(path.join(DOCX_FIXTURES, 'convention.treaty'), 'utf8')), { dropBrackets: false });
    const expected = source.replace(/^\[\^\w+\]:.*$/gm, '').replace(/\[\^\w+\]/g, '');
    const wrap = (line: string) => line.split(' ').reduce<string[]>((lines, word) => {
      if (lines.length && `${lines[lines.length - 1]} ${word}`.length <= 88) lines[lines.length - 1] += ` ${word}`;
      else lines.push(word);
      return lines;
    }, []);
    const pdf: string[] = [];
    let paragraphs = 0;
    for (const block of body(expected).split(/\n\n+/).map((b) => b.trim()).filter(Boolean)) {
      const heading = /^#+ (Article \d+|Chapter [IVX]+)\. (.*)$/.exec(block);
      if (heading) pdf.push(heading[1].toUpperCase(), heading[2]);
      else pdf.push(...wrap(block.replace(/^#+ /, '').replace(/^\(([a-z]+)\) /, '$1) ').replace(/\*/g, '')));
      // A page number now and then, as PDF text has them.
      if (++paragraphs % 15 === 0) pdf.push('', String(paragraphs / 15), '');
    }
    const got = measure(text(pdf.join('\n')));
    const want = measure(expected);
    assert.deepEqual(got.headings, want.headings);
    assert.deepEqual(got.markers, want.markers);
    const share = inOrder(want.words, got.words);
    assert.ok(share >= 0.99, `${(share * 100).toFixed(2)} % of the words in order`);
    assert.equal(got.words.length, want.words.length);
  });

  it('takes each line of a web page as a paragraph, and keeps recitals apart', () => {
    const long = 'that information and communications technologies, while having enormous potential for the development of societies, create new opportunities for perpetrators and may have an adverse impact on States,';
    const page = `Preamble\nThe States Parties to the present Convention,\nNoting ${long}\nConcerned ${long}\nHave agreed as follows:\nArticle 1\nStatement of purpose\nThe purposes of this Convention are to promote cooperation.\n`;
    const t = analyse(text(page));
    assert.equal(t.articles.length, 1);
    assert.equal(t.articles[0].title, 'Statement of purpose');
    assert.equal(t.units.filter((u) => u.kind === 'recital').length, 2);
  });

  it('reads Markdown: headings, bold headings and its own front matter are kept', () => {
    const md = '---\ntitle: Draft\n---\n\n## Article 1\n\n**Purpose**\n\nText of the article,\nwrapped by an editor.\n\n# Final clauses\n';
    assert.equal(text(md, 'draft.md'), '---\ntitle: Draft\n---\n\n## Article 1. Purpose\n\nText of the article, wrapped by an editor.\n\n# Final clauses\n');
  });

  it('reads UTF-16 and Windows-1252 text', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Article 1. Caf\u00e9'].flatMap((c) => [c.charCodeAt(0), 0])]);
    assert.equal(imported(utf16, 'a.txt'), '## Article 1. Café\n');
    assert.equal(imported(new Uint8Array([...new TextEncoder().encode('Article 1. Caf'), 0xe9]), 'b.txt'), '## Article 1. Café\n');
  });
});
