// The walk every published output is rendered from (server/src/export/document.ts and
// inline.ts): each line of text lands once, in its unit; marks that overlap without nesting
// are split so the outputs get a tree; delimiters are hidden and nothing else is.
import { strict as assert } from 'assert';
import { analyse } from '../../server/src/model/analyse';
import { buildDocument, type DocNode, type PubDoc } from '../../server/src/export/document';
import { plainText, type Inline } from '../../server/src/export/inline';
import { assignEIds } from '../../server/src/export/ids';

const doc = (text: string) => buildDocument(analyse(text));

function find(d: PubDoc, eId: string): DocNode {
  const walk = (nodes: DocNode[]): DocNode | undefined => {
    for (const n of nodes) {
      if (n.eId === eId) return n;
      const inner = walk(n.children);
      if (inner) return inner;
    }
    return undefined;
  };
  const n = walk(d.roots);
  if (!n) throw new Error(`${eId} not found`);
  return n;
}

/** A compact picture of an inline tree: `em(Noting) text` … */
function shape(nodes: readonly Inline[]): string {
  return nodes
    .map((n) => {
      if (n.t === 'text') return JSON.stringify(n.text);
      if (n.t === 'fn') return `fn(${n.note.label})`;
      if (n.t === 'comment') return `comment(${n.comment.label})`;
      const tag = n.t === 'ref' ? `ref:${n.kind}${n.href ? n.href : ''}` : n.t === 'bracket' && n.alternative ? 'alt' : n.t;
      return `${tag}(${shape(n.c)})`;
    })
    .join(' ');
}

describe('export walk', () => {
  it('puts each line in its unit: numbers as printed, chapeau as the article\'s text, points under the article', () => {
    const d = doc('# Chapter II. Criminalization\n\n## Article 7 bis. Illegal access\n\nEach State Party:\n\n(a) shall act; and\n\n(b) (i) shall see;\ncontinued here\n\n(ii) shall do.\n\n2. Next.\n');
    const art = find(d, 'art_7bis');
    assert.equal(art.num, 'Article 7 bis');
    assert.equal(art.title, 'Illegal access');
    assert.deepEqual(art.paras.map((p) => plainText(p.content)), ['Each State Party:']);
    assert.deepEqual(art.children.map((c) => `${c.eId} ${c.num}`), ['art_7bis__point_a (a)', 'art_7bis__point_b (b)', 'art_7bis__para_2 2.']);
    const b = find(d, 'art_7bis__point_b');
    assert.deepEqual(b.paras, [], '(b) has no text of its own: (i) stands on its line');
    // A line right under another (no blank line between) continues its paragraph.
    assert.deepEqual(find(d, 'art_7bis__point_b__point_i').paras.map((p) => plainText(p.content)), ['shall see; continued here']);
    assert.equal(find(d, 'chp_2').num, 'Chapter II');
  });

  it('keeps the preamble\'s framing lines apart from its recitals, and text no unit holds', () => {
    const d = doc('Draft of 1 May\n\n# Preamble\n\nThe States Parties,\n\n*Noting* one,\n\n*Recalling* two,\n\n*Have agreed* as follows:\n\n# Final clauses\n\n## Article 1. One\n\nText.\n\nIN WITNESS WHEREOF, signed.\n\nDONE at New York.\n');
    assert.deepEqual(d.front.map((p) => plainText(p.content)), ['Draft of 1 May']);
    const pre = find(d, 'preamble');
    assert.deepEqual(pre.paras.map((p) => `${p.role}: ${plainText(p.content)}`), ['intro: The States Parties,', 'formula: Have agreed as follows:']);
    assert.deepEqual(pre.children.map((c) => c.eId), ['preamble__recs__rec_1', 'preamble__recs__rec_2']);
    assert.equal(shape(pre.children[0].paras[0].content), 'em("Noting") " one,"');
    // A title-only heading keeps its words where it stands.
    assert.ok(pre.paras.some((p) => p.role === 'title') || find(d, 'preamble__recs__rec_2').paras.some((p) => p.role === 'title'));
    const closing = d.roots.filter((n) => n.kind === 'closing').flatMap((n) => n.paras.map((p) => plainText(p.content)));
    assert.deepEqual(closing, ['IN WITNESS WHEREOF, signed.', 'DONE at New York.']);
  });

  it('hides CriticMarkup delimiters, splits a substitution, and anchors a comment on what it follows', () => {
    const d = doc('## Article 1. A\n\nStates {--may--} {++shall++} {~~adopt~>take~~} {==measures==}{>>A1: Too vague.<<} now.\n');
    const p = find(d, 'art_1').paras[0];
    assert.equal(shape(p.content), '"States " del("may") " " ins("shall") " " del("adopt") ins("take") " " mark("measures") comment(A1) " now."');
    const mark = p.content.find((n) => n.t === 'mark');
    assert.ok(mark && mark.t === 'mark' && mark.comment?.label === 'A1' && mark.comment.text === 'A1: Too vague.');
    assert.equal(d.comments.length, 1);
  });

  it('splits a mark that crosses another, so no word is lost or doubled', () => {
    // The bracket closes inside the insertion, which goes on after it.
    const d = doc('## Article 1. A\n\nStates [shall {++adopt] such++} measures.\n');
    const p = find(d, 'art_1').paras[0];
    assert.equal(plainText(p.content), 'States [shall adopt] such measures.');
    assert.equal(shape(p.content), '"States " bracket("[shall " ins("adopt]")) ins(" such") " measures."');
  });

  it('links each number of a list to its unit, and a dangling reference to nothing', () => {
    const d = doc('## Article 1. A\n\nSee articles 2 and 3, and article 9.\n\n## Article 2. B\n\nX.\n\n## Article 3. C\n\nY.\n');
    const s = shape(find(d, 'art_1').paras[0].content);
    assert.equal(s, '"See " ref:group("articles " ref:link#art_2("2") " and " ref:link#art_3("3")) ", and " ref:dangling("article 9") "."');
  });

  it('places a footnote where it is cited, keeps an uncited one where it is written, and reads escapes and emphasis', () => {
    const d = doc('## Article 1. Scope[^1]\n\nThe *Parties* use \\[square\\] brackets\\*.[^2]\n\n[^1]: On the title.\n[^2]: On the text, see *this*.\n[^3]: Cited nowhere.\n');
    const art = find(d, 'art_1');
    assert.equal(shape(art.heading), '"Scope" fn(1)');
    assert.equal(shape(art.paras[0].content), '"The " em("Parties") " use [square] brackets*." fn(2)');
    assert.equal(shape(d.footnotes.find((f) => f.label === '2')!.content), '"On the text, see " em("this") "."');
    assert.ok(art.paras.some((p) => shape(p.content) === 'fn(3)'), 'the uncited footnote stays where it is');
  });

  it('gives units the eIds of the AKN Naming Convention', () => {
    const t = analyse('# Preamble\n\n(1) *Noting*,\n\n# Chapter I. A\n\n## Section 1. S\n\n## Article 1. A\n\nIntro:\n\n(a) one.\n\n# Chapter II. B\n\n## Section 1. S\n\n## Article 2. B\n\n1. X.\n\n# Annex I. Model form\n\n## Article 1. In the annex\n\nText.\n\n# Interpretative notes\n\n## Article 2\n\n1. A note.\n');
    const ids = assignEIds(t.units);
    const got = t.units.map((u) => ids.get(u));
    assert.deepEqual(got, [
      'preamble',
      'preamble__recs__rec_1',
      'chp_1',
      'chp_1__sec_1',
      'art_1',
      'art_1',
      'art_1__point_a',
      'chp_2',
      'chp_2__sec_1',
      'art_2',
      'art_2__para_1',
      'att_1',
      'att_1__art_1',
      'att_1__art_1',
      'cmp_1',
      'cmp_1__noteGroup_1',
      'cmp_1__para_1',
    ]);
  });
});
