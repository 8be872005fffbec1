// server/src/features/negotiation.ts: what the editor shows and does with negotiating text
// (counts, hovers, code actions, accept/reject, clean copy, comments, folds, outline marks),
// without a connection.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import { cleanCopy } from '../../server/src/edits/negotiation';
import { hover } from '../../server/src/features/hover';
import {
  changesIn,
  cleanCopyOf,
  commentFolds,
  commentList,
  decideChanges,
  excerpt,
  negotiationActions,
  negotiationCounts,
  negotiationHover,
  openBracketsIn,
  openDetail,
} from '../../server/src/features/negotiation';
import { folds } from '../../server/src/features/folding';
import { outline, type OutlineNode } from '../../server/src/features/symbols';
import { uriKey } from '../../server/src/workspace/uris';
import { analyse } from '../../server/src/model/analyse';
import { ZERO_DRAFT_PATH } from '../support/corpus';
import { applyEditsTo, offsetOf, projectWith, withCursor } from '../support/text';

const DRAFT = fs.readFileSync(ZERO_DRAFT_PATH, 'utf8');
const ZD = 'file:///ws/zero-draft.treaty';

describe('negotiation features: the zero draft', () => {
  const p = projectWith({ [ZD]: DRAFT });
  const view = p.currentView(ZD)!;
  const key = uriKey(ZD);

  it('counts 111 open sets, 8 other bracketed texts, 29 changes and 74 comments', () => {
    assert.deepEqual(negotiationCounts(view, key), { openSets: 111, bracketed: 8, changes: 29, comments: 74, unclosed: 0 });
  });

  it('offers the option under the cursor first, here and in every identical set', () => {
    const at = offsetOf(DRAFT, 'an information and communications technology device]', '(3) *Concerned*', 4);
    const titles = negotiationActions(view, key, { start: at, end: at }).map((a) => a.title);
    assert.deepEqual(titles, [
      'Keep «an information and communications technology device» here',
      'Keep «an information and communications technology device» in all 44 identical sets',
      'Keep «a computer system» here',
      'Keep «a computer system» in all 44 identical sets',
    ]);
  });

  it('keeps each set\'s own wording in all identical sets, the definition\'s term included', () => {
    const at = offsetOf(DRAFT, '[a computer system]', '(3) *Concerned*', 3);
    const all = negotiationActions(view, key, { start: at, end: at }).find((a) => a.title.endsWith('in all 44 identical sets'))!;
    assert.equal(all.edit.length, 1);
    assert.equal(all.edit[0].edits.length, 44);
    const out = applyEditsTo(DRAFT, ZD, all.edit);
    const t = analyse(out);
    assert.equal(t.alternatives.length, 67);
    assert.ok(out.includes('(a) “Computer system”;'));
    assert.ok(t.definitions.some((d) => d.term === 'Computer system' && !d.alternativeOf));
    assert.ok(out.includes('the use of a computer system {==may'));
  });

  it('offers no "all identical sets" action for a set that has no twin', () => {
    const t = view.treaty;
    const unique = t.alternatives.find((s) => negotiationActions(view, key, { start: s.span.start + 1, end: s.span.start + 1 }).every((a) => !a.title.includes('identical')))!;
    assert.ok(unique);
    const titles = negotiationActions(view, key, { start: unique.span.start + 1, end: unique.span.start + 1 }).map((a) => a.title);
    assert.ok(titles.every((x) => x.endsWith(' here')), titles.join('; '));
  });

  it('hovers a set with its options and count; a term in it keeps its own hover below', () => {
    const at = offsetOf(DRAFT, 'computer system]', '(3) *Concerned*', 2);
    const h = hover(p, view, at)!;
    assert.ok(h.markdown.startsWith('**Alternatives** — not yet agreed, 2 options:\n\n1. a computer system\n2. an information and communications technology device\n\n*44 identical sets in this treaty*'), h.markdown);
    assert.ok(h.markdown.includes('\n\n---\n\n**Computer system** — defined term'), h.markdown);
  });

  it('hovers a comment on its highlight, on itself and on the change it follows', () => {
    const onHighlight = negotiationHover(view.treaty, offsetOf(DRAFT, '{==may have', '(3)', 4))!;
    assert.ok(onHighlight.markdown.startsWith('**Comment A1** on «may have a considerable impact on the scale, speed and scop…»\n\nSuggesting rephrasing'));
    const onComment = negotiationHover(view.treaty, offsetOf(DRAFT, '{>>A1:', '(3)', 6))!;
    assert.equal(onComment.markdown, onHighlight.markdown);
    const a13 = offsetOf(DRAFT, '{>>A13:', '## Article 1.', 0);
    const onChange = negotiationHover(view.treaty, a13 - 3)!;
    assert.match(onChange.markdown, /^\*\*Proposed deletion\*\* «.*»\n\n\*Accept or reject it[^]*\*\*Comment A13\*\* on «/);
    assert.equal(negotiationHover(view.treaty, offsetOf(DRAFT, 'The States Parties to the present Convention')), undefined);
  });

  it('hovers and agrees a bracketed text that is not a set', () => {
    const at = offsetOf(DRAFT, '[country]', 'open to all States for signature', 2);
    assert.match(negotiationHover(view.treaty, at)!.markdown, /^\*\*Bracketed text\*\* — not yet agreed: «country»/);
    const actions = negotiationActions(view, key, { start: at, end: at });
    assert.deepEqual(actions.map((a) => a.title), ['Agree text (remove brackets)']);
    assert.equal(applyEditsTo(DRAFT, ZD, actions[0].edit), DRAFT.replace('[country]', 'country'));
  });

  it('lists every comment with its label, text and the text it comments', () => {
    const list = commentList(view, key);
    assert.equal(list.length, 74);
    assert.equal(list[12].label, 'A13');
    assert.ok(list[12].anchor && list[12].anchor.length > 0, 'A13 comments a deletion');
    assert.ok(list.every((c) => c.text.length > 0 && !/^A\d+:/.test(c.text)));
  });

  it('marks the preamble and the articles that still hold brackets in the outline', () => {
    const flat: OutlineNode[] = [];
    const walk = (nodes: OutlineNode[]) => nodes.forEach((n) => (flat.push(n), walk(n.children)));
    walk(outline(view, key));
    assert.equal(flat.find((n) => n.kind === 'preamble')!.detail, '[open] 8 sets');
    assert.equal(flat.find((n) => n.name === 'Article 1. Statement of purpose')!.detail, '[open] 3 sets');
    const article1 = view.treaty.articles.find((a) => a.number === '1')!;
    assert.deepEqual(openBracketsIn(view.treaty, article1), { sets: 3, bracketed: 0 });
  });

  it('makes a clean copy as the CLI does', () => {
    const clean = cleanCopyOf(view, key);
    assert.ok('text' in clean);
    assert.deepEqual([clean.changes, clean.comments], [29, 74]);
    assert.equal(clean.text, cleanCopy(analyse(DRAFT)));
    const t = analyse(clean.text);
    assert.equal(t.syntax.critic.length, 0);
    assert.equal(t.alternatives.length, 111);
  });
});

describe('negotiation features: small texts', () => {
  const URI = 'file:///ws/t.treaty';
  const view = (text: string) => projectWith({ [URI]: text }).currentView(URI)!;
  const key = uriKey(URI);

  it('words the actions on changes, one by one or for a selection', () => {
    const text = '## Article 1. A\n\n1. States {--endeavour to--} {++ensure++} {~~adopt~>take~~} measures.\n';
    const v = view(text);
    const title = (needle: string) => negotiationActions(v, key, { start: offsetOf(text, needle, '', 4), end: offsetOf(text, needle, '', 4) }).map((a) => a.title);
    assert.deepEqual(title('{--endeavour'), ['Accept deletion of «endeavour to»', 'Reject deletion of «endeavour to»']);
    assert.deepEqual(title('{++ensure'), ['Accept insertion of «ensure»', 'Reject insertion of «ensure»']);
    assert.deepEqual(title('{~~adopt'), ['Accept substitution «adopt» → «take»', 'Reject substitution «adopt» → «take»']);
    const all = negotiationActions(v, key, { start: 0, end: text.length });
    assert.deepEqual(all.map((a) => a.title), ['Accept the 3 changes in the selection', 'Reject the 3 changes in the selection']);
    assert.equal(applyEditsTo(text, URI, all[0].edit), '## Article 1. A\n\n1. States  ensure take measures.\n');
    assert.equal(applyEditsTo(text, URI, all[1].edit), '## Article 1. A\n\n1. States endeavour to  adopt measures.\n');
  });

  it('takes the changes a selection touches, or the one under an empty selection', () => {
    const text = '## Article 1. A\n\n1. {++one++} two {--three--} four {--five--}.\n';
    const v = view(text);
    const three = offsetOf(text, 'three');
    assert.equal(changesIn(v, key, { start: three, end: three }).length, 1);
    assert.equal(changesIn(v, key, { start: three, end: text.indexOf('four') }).length, 1);
    assert.equal(changesIn(v, key, { start: offsetOf(text, 'one'), end: three }).length, 2);
    assert.equal(changesIn(v, key).length, 3);
    const r = decideChanges(v, key, 'accept', { start: three, end: three });
    assert.equal(r.count, 1);
    assert.equal(r.title, 'Accept 1 change in the selection');
    assert.equal(applyEditsTo(text, URI, r.files), text.replace('{--three--}', ''));
    assert.equal(decideChanges(v, key, 'reject').title, 'Reject 3 changes');
  });

  it('offers the inner set and the lone group around it', () => {
    const { text, offset: at } = withCursor('## Article 1. A\n\n1. To [[pr|omote] [strengthen]] cooperation.\n');
    const v = view(text);
    const actions = negotiationActions(v, key, { start: at, end: at });
    assert.deepEqual(actions.map((a) => a.title), ['Keep «promote» here', 'Keep «strengthen» here', 'Agree text (remove brackets)']);
    assert.equal(applyEditsTo(text, URI, actions[1].edit), '## Article 1. A\n\n1. To [strengthen] cooperation.\n');
    assert.equal(applyEditsTo(text, URI, actions[2].edit), '## Article 1. A\n\n1. To [promote] [strengthen] cooperation.\n');
    const h = negotiationHover(v.treaty, at)!;
    assert.ok(h.markdown.includes('**Alternatives**') && h.markdown.includes('**Bracketed text**'), h.markdown);
    assert.equal(openDetail(openBracketsIn(v.treaty, v.treaty.articles[0])), '[open] 1 set, 1 bracketed text');
    assert.equal(openDetail({ sets: 0, bracketed: 0 }), undefined);
  });

  it('resolves a comment keeping its text, labelled or not', () => {
    const { text, offset: at } = withCursor('## Article 1. A\n\n1. Take {==m|easures==}{>>US-3: Which?<<} now{>>No label here.<<}.\n');
    const v = view(text);
    const list = commentList(v, key);
    assert.deepEqual(list.map((c) => [c.label, c.text, c.anchor]), [
      ['US-3', 'Which?', 'measures'],
      ['Comment 2', 'No label here.', undefined],
    ]);
    const actions = negotiationActions(v, key, { start: at, end: at });
    assert.deepEqual(actions.map((a) => a.title), ['Remove comment US-3 (keep the text)']);
    assert.equal(applyEditsTo(text, URI, actions[0].edit), '## Article 1. A\n\n1. Take measures now{>>No label here.<<}.\n');
  });

  it('folds only comments that span lines, as comments', () => {
    const text = '## Article 1. A\n\n1. Take measures\nnow {>>A1: One line.<<} and {>>A2: over\ntwo lines.<<}.\n';
    const v = view(text);
    assert.deepEqual(commentFolds(v, key), [{ startLine: 3, endLine: 4, kind: 'comment' }]);
    assert.ok(folds(v, key).some((f) => f.kind === 'comment' && f.startLine === 3));
  });

  it('cleans nested marks, drops brackets when asked, and refuses an unclosed mark', () => {
    const text = '## Article 1. A\n\n1. Take {==all {--necessary--} [and] [appropriate]==}{>>A1: Hm.<<} measures [now].\n';
    const v = view(text);
    const clean = cleanCopyOf(v, key);
    assert.ok('text' in clean);
    assert.equal(clean.text, '## Article 1. A\n\n1. Take all  [and] [appropriate] measures [now].\n');
    const bare = cleanCopyOf(v, key, { dropBrackets: true });
    assert.ok('text' in bare);
    assert.equal(bare.text, '## Article 1. A\n\n1. Take all  and appropriate measures now.\n');
    const broken = cleanCopyOf(view('## Article 1. A\n\n1. Take {++measures.\n'), key);
    assert.ok('error' in broken);
    assert.equal(broken.error, 'A tracked change or comment is never closed (line 3): close it before making a clean copy.');
  });

  it('works on the notes file of a bundle: its own counts, edits and clean copy', () => {
    const treaty = '---\nnotes: t.notes.treaty\n---\n\n## Article 1. One\n\n1. Text [a] [b] {--old--}.\n';
    const notes = '---\ntitle: Notes\n---\n# Interpretative notes\n\n## Article 1\n\n1. A note {++on [a] [b]++}{>>N1: Why?<<}.\n';
    const NOTES = 'file:///ws/t.notes.treaty';
    const p = projectWith({ [URI]: treaty, [NOTES]: notes });
    const v = p.currentView(NOTES)!;
    const nkey = uriKey(NOTES);
    assert.deepEqual(negotiationCounts(v, nkey), { openSets: 1, bracketed: 0, changes: 1, comments: 1, unclosed: 0 });
    assert.deepEqual(negotiationCounts(v, key), { openSets: 1, bracketed: 0, changes: 1, comments: 0, unclosed: 0 });
    const at = v.toTreatyOffset(nkey, notes.indexOf('[a]') + 1)!;
    const all = negotiationActions(v, nkey, { start: at, end: at }).find((a) => a.title === 'Keep «a» in all 2 identical sets')!;
    assert.ok(all);
    assert.deepEqual(all.edit.map((f) => f.uri).sort(), [NOTES, URI]);
    assert.equal(applyEditsTo(notes, NOTES, all.edit), notes.replace('[a] [b]', 'a'));
    assert.equal(applyEditsTo(treaty, URI, all.edit), treaty.replace('[a] [b]', 'a'));
    const clean = cleanCopyOf(v, nkey);
    assert.ok('text' in clean);
    assert.equal(clean.text, '---\ntitle: Notes\n---\n# Interpretative notes\n\n## Article 1\n\n1. A note on [a] [b].\n');
    assert.equal(decideChanges(v, key, 'accept').count, 1);
    assert.equal(applyEditsTo(treaty, URI, decideChanges(v, key, 'accept').files), treaty.replace('{--old--}', ''));
  });

  it('shortens long options in titles', () => {
    assert.equal(excerpt('a  b\nc'), 'a b c');
    assert.equal(excerpt('x'.repeat(80)).length, 60);
    assert.ok(excerpt('x'.repeat(80)).endsWith('…'));
  });
});
