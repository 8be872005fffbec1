// Negotiating text in the editor: what is still open (alternative sets, bracketed text,
// tracked changes, comments), hovers on it, the code actions that settle it, the edits of
// the accept/reject commands, the clean copy, the list of comments and their folds.
// Pure: offsets of the bundle's text in, LSP-shaped values out. The edits themselves are
// the core's (edits/negotiation.ts): each replaces exactly the set, group or span it names.
import { agreeGroup, decideChange, keepOption, keepOptionEverywhere, optionTexts, resolvedText, setAt, setKey, type ChangeDecision, type CleanOptions } from '../edits/negotiation';
import { applyEdits, type TextEdit } from '../edits/textedit';
import { analyse } from '../model/analyse';
import type { AlternativeSet, Span, Treaty, Unit } from '../model/types';
import { firstAt, type LineRange, type Position } from '../syntax/text';
import type { BracketGroup, CriticSpan } from '../syntax/tree';
import type { View } from '../workspace/bundle';
import { md } from './text';

/** Same shape as the edits of one file in an LSP WorkspaceEdit. */
export interface FileEdits {
  uri: string;
  edits: { range: LineRange; newText: string }[];
}

interface NegotiationAction {
  title: string;
  /** An LSP CodeActionKind. */
  kind: string;
  edit: FileEdits[];
  isPreferred?: boolean;
}

/** Settling negotiating text rewrites it: the actions are refactorings, not fixes. */
export const NEGOTIATION_ACTION_KIND = 'refactor.rewrite';

// ---- what is open ------------------------------------------------------------------

export interface NegotiationCounts {
  /** Alternative sets: `[a] [b]`. */
  openSets: number;
  /** Closed bracket groups that are not an option of a set: `[date]`. */
  bracketed: number;
  /** Tracked changes: insertions, deletions, substitutions. */
  changes: number;
  comments: number;
  /** Changes and comments that never close. */
  unclosed: number;
}

interface Memo {
  /** Sets by their key (options up to case, white space and a leading a/an). */
  byKey: Map<string, AlternativeSet[]>;
  keyOf: Map<AlternativeSet, string>;
  /** Groups that are an option of some set. */
  inSet: Set<BracketGroup>;
  /** Closed groups that are not, in document order. */
  lone: BracketGroup[];
  comments: CommentInfo[];
}

const memos = new WeakMap<Treaty, Memo>();

function memoOf(treaty: Treaty): Memo {
  let memo = memos.get(treaty);
  if (memo) return memo;
  const byKey = new Map<string, AlternativeSet[]>();
  const keyOf = new Map<AlternativeSet, string>();
  for (const s of treaty.alternatives) {
    const key = setKey(treaty.text, s);
    keyOf.set(s, key);
    const list = byKey.get(key);
    if (list) list.push(s);
    else byKey.set(key, [s]);
  }
  const inSet = new Set(treaty.alternatives.flatMap((s) => s.groups));
  const lone = treaty.syntax.brackets.filter((g) => g.close >= 0 && !inSet.has(g));
  memo = { byKey, keyOf, inSet, lone, comments: commentInfos(treaty) };
  memos.set(treaty, memo);
  return memo;
}

/** How many sets of the treaty are identical to `set` (itself included). */
function identicalCount(treaty: Treaty, set: AlternativeSet): number {
  const memo = memoOf(treaty);
  return memo.byKey.get(memo.keyOf.get(set) ?? setKey(treaty.text, set))?.length ?? 1;
}

/** Counts of the file `key` of a view (a notes file counts its own). */
export function negotiationCounts(view: View, key: string): NegotiationCounts {
  const part = view.part(key);
  const none: NegotiationCounts = { openSets: 0, bracketed: 0, changes: 0, comments: 0, unclosed: 0 };
  if (!part) return none;
  const t = view.treaty;
  const inPart = (at: number) => view.bundle.inPart({ start: at, end: at }, part);
  const memo = memoOf(t);
  return {
    openSets: t.alternatives.filter((s) => inPart(s.span.start)).length,
    bracketed: memo.lone.filter((g) => inPart(g.open)).length,
    changes: t.changes.filter((c) => inPart(c.span.start)).length,
    comments: t.comments.filter((c) => inPart(c.span.start)).length,
    unclosed: t.syntax.critic.filter((c) => !c.closed && inPart(c.span.start)).length,
  };
}

/** Open sets and bracketed texts within a unit (heading included), for the outline. */
export function openBracketsIn(treaty: Treaty, unit: Unit): { sets: number; bracketed: number } {
  const memo = memoOf(treaty);
  const { start, end } = unit.span;
  return {
    sets: countBetween(treaty.alternatives, (s) => s.span.start, start, end),
    bracketed: countBetween(memo.lone, (g) => g.open, start, end),
  };
}

/** `[open] 3 sets, 1 bracketed text`; undefined when nothing is open. */
export function openDetail(open: { sets: number; bracketed: number }): string | undefined {
  const parts: string[] = [];
  if (open.sets > 0) parts.push(`${open.sets} ${open.sets === 1 ? 'set' : 'sets'}`);
  if (open.bracketed > 0) parts.push(`${open.bracketed} bracketed ${open.bracketed === 1 ? 'text' : 'texts'}`);
  return parts.length > 0 ? `[open] ${parts.join(', ')}` : undefined;
}

/** Entries of a list sorted by `at` with `start <= at < end`. */
function countBetween<T>(list: T[], at: (x: T) => number, start: number, end: number): number {
  return Math.max(0, firstAt(list, end, at) - firstAt(list, start, at));
}

// ---- comments ----------------------------------------------------------------------

interface CommentInfo {
  comment: CriticSpan;
  /** The highlight (or change) the comment is written right after: what it comments on. */
  anchor?: CriticSpan;
  /** `A12` in `{>>A12: …<<}`; `Comment 3` when the comment has no label. */
  label: string;
  /** The comment without its label. */
  body: string;
}

const LABEL = /^\s*([\p{L}\p{N}][\p{L}\p{N}._-]{0,15})\s*:\s*/u;

function commentInfos(treaty: Treaty): CommentInfo[] {
  const byEnd = new Map<number, CriticSpan>();
  for (const c of treaty.syntax.critic) if (c.kind !== 'comment' && c.closed) byEnd.set(c.span.end, c);
  return treaty.comments.map((comment, i) => {
    const content = treaty.text.slice(comment.content.start, comment.content.end);
    const m = LABEL.exec(content);
    const label = m ? m[1] : `Comment ${i + 1}`;
    const body = (m ? content.slice(m[0].length) : content).replace(/\s+/g, ' ').trim();
    return { comment, anchor: byEnd.get(comment.span.start), label, body };
  });
}

export interface CommentEntry {
  label: string;
  /** The comment, without its label. */
  text: string;
  /** The commented text, if the comment is anchored on a highlight or change. */
  anchor?: string;
  /** From the anchor (or the comment) to the end of the comment. */
  range: LineRange;
  /** The commented text, or the comment when it has no anchor: what to select. */
  selectionRange: LineRange;
}

/** Every comment of the file `key`, in document order. */
export function commentList(view: View, key: string): CommentEntry[] {
  const part = view.part(key);
  if (!part) return [];
  const out: CommentEntry[] = [];
  for (const info of memoOf(view.treaty).comments) {
    const { comment, anchor } = info;
    if (!view.bundle.inPart(comment.span, part)) continue;
    const whole = view.locate({ start: anchor?.span.start ?? comment.span.start, end: comment.span.end });
    const selection = view.locate(anchor ? anchor.content : comment.span);
    if (!whole || !selection || whole.uri !== part.uri) continue;
    out.push({
      label: info.label,
      text: info.body,
      anchor: anchor ? oneLine(anchorText(view.treaty.text, anchor)) : undefined,
      range: whole.range,
      selectionRange: selection.range,
    });
  }
  return out;
}

/** A comment spanning lines folds, so "Fold All Block Comments" hides it; a one-line comment cannot fold. */
export function commentFolds(view: View, key: string): { startLine: number; endLine: number; kind: 'comment' }[] {
  const part = view.part(key);
  if (!part) return [];
  const out: { startLine: number; endLine: number; kind: 'comment' }[] = [];
  for (const c of view.treaty.comments) {
    if (!view.bundle.inPart(c.span, part)) continue;
    const loc = view.locate(c.span);
    if (!loc || loc.uri !== part.uri || loc.range.end.line <= loc.range.start.line) continue;
    out.push({ startLine: loc.range.start.line, endLine: loc.range.end.line, kind: 'comment' });
  }
  return out;
}

function anchorText(text: string, anchor: CriticSpan): string {
  if (anchor.kind === 'substitute' && anchor.separator !== undefined) return `${text.slice(anchor.content.start, anchor.separator)} → ${text.slice(anchor.separator + 2, anchor.content.end)}`;
  return text.slice(anchor.content.start, anchor.content.end);
}

// ---- hovers ------------------------------------------------------------------------

interface NegotiationHover {
  markdown: string;
  span: Span;
}

const CHANGE_WORD: Record<string, string> = { insert: 'Proposed insertion', delete: 'Proposed deletion', substitute: 'Proposed substitution' };

/** The comment, change, alternative set or bracketed text under `offset`. */
export function negotiationHover(treaty: Treaty, offset: number): NegotiationHover | undefined {
  if (!Number.isFinite(offset) || offset < 0 || offset > treaty.text.length) return undefined;
  const blocks: string[] = [];
  let span: Span | undefined;
  const narrow = (s: Span) => {
    if (!span || s.end - s.start < span.end - span.start) span = s;
  };
  const memo = memoOf(treaty);
  // Comments and changes: a comment is shown on itself and on the text it comments.
  const critic = treaty.syntax.critic.filter((c) => c.span.start <= offset && offset <= c.span.end);
  const shown = new Set<CommentInfo>();
  for (const c of critic) {
    if (c.kind === 'insert' || c.kind === 'delete' || c.kind === 'substitute') {
      const what = c.kind === 'substitute' ? `«${md(excerpt(anchorText(treaty.text, c)))}»` : `«${md(excerpt(treaty.text.slice(c.content.start, c.content.end)))}»`;
      blocks.push(c.closed ? `**${CHANGE_WORD[c.kind]}** ${what}\n\n*Accept or reject it with a code action; "Treatymark: Accept all changes" settles every one.*` : `**${CHANGE_WORD[c.kind]}** — never closed.`);
      narrow(c.span);
    }
    const info = memo.comments.find((i) => i.comment === c || i.anchor === c);
    if (info && !shown.has(info)) {
      shown.add(info);
      const on = info.anchor ? ` on «${md(excerpt(anchorText(treaty.text, info.anchor)))}»` : '';
      blocks.push(`**Comment ${md(info.label)}**${on}\n\n${md(info.body)}`);
      narrow(c.span);
    }
  }
  const set = setAt(treaty, offset);
  if (set) {
    const options = optionTexts(treaty.text, set);
    const n = identicalCount(treaty, set);
    const list = options.map((o, i) => `${i + 1}. ${o.trim() ? md(oneLine(o)) : '*(empty)*'}`).join('\n');
    const same = n > 1 ? `*${n} identical sets in this treaty* (the same options, up to "a"/"an" and case).` : '*No other set in this treaty has these options.*';
    blocks.push(`**Alternatives** — not yet agreed, ${options.length} options:\n\n${list}\n\n${same} Keep one option here${n > 1 ? ' or in all of them' : ''} with a code action.`);
    narrow(set.span);
  }
  const group = loneGroupAt(treaty, memo, offset);
  if (group && !(set && set.span.start <= group.open && group.close < set.span.end)) {
    blocks.push(`**Bracketed text** — not yet agreed: «${md(excerpt(treaty.text.slice(group.open + 1, group.close)))}». *"Agree text" (a code action) removes the brackets.*`);
    narrow({ start: group.open, end: group.close + 1 });
  }
  if (blocks.length === 0 || !span) return undefined;
  return { markdown: blocks.join('\n\n---\n\n'), span };
}

/** The innermost closed group holding `offset` that is not an option of a set (walking out of sets). */
function loneGroupAt(treaty: Treaty, memo: Memo, offset: number): BracketGroup | undefined {
  const brackets = treaty.syntax.brackets;
  let inner: BracketGroup | undefined;
  for (const g of brackets) {
    if (g.open > offset) break;
    if (g.close >= 0 && offset <= g.close && (!inner || g.open >= inner.open)) inner = g;
  }
  for (let g = inner; g; g = g.parent >= 0 ? brackets[g.parent] : undefined) {
    if (g.close >= 0 && !memo.inSet.has(g)) return g;
  }
  return undefined;
}

// ---- code actions ------------------------------------------------------------------

/** The actions for a cursor or selection `range` (bundle offsets) in the file `key`. */
export function negotiationActions(view: View, key: string, range: Span): NegotiationAction[] {
  const part = view.part(key);
  if (!part) return [];
  const treaty = view.treaty;
  const text = treaty.text;
  const memo = memoOf(treaty);
  const actions: NegotiationAction[] = [];
  const add = (title: string, edits: TextEdit[], isPreferred?: boolean) => {
    const edit = fileEdits(view, edits);
    if (edit) actions.push({ title, kind: NEGOTIATION_ACTION_KIND, edit, ...(isPreferred ? { isPreferred } : {}) });
  };
  const offset = range.start;

  // Alternatives: keep one option here, or in every identical set.
  const set = setAt(treaty, offset);
  if (set && range.end <= set.span.end && view.bundle.inPart(set.span, part)) {
    const options = optionTexts(text, set);
    const current = set.groups.findIndex((g) => g.open <= offset && offset <= g.close);
    const order = options.map((_, i) => i);
    if (current > 0) order.unshift(...order.splice(current, 1));
    const n = identicalCount(treaty, set);
    for (const i of order) {
      const label = `«${excerpt(options[i])}»`;
      add(`Keep ${label} here`, [keepOption(text, set, i)]);
      if (n > 1) add(`Keep ${label} in all ${n} identical sets`, keepOptionEverywhere(treaty, set, i));
    }
  }

  // A single bracket group: agree its text.
  const group = loneGroupAt(treaty, memo, offset);
  if (group && range.end <= group.close + 1 && view.bundle.inPart({ start: group.open, end: group.open }, part)) add('Agree text (remove brackets)', agreeGroup(group));

  // Tracked changes: the one under the cursor, or those in the selection.
  const changes = changesIn(view, key, range);
  if (changes.length === 1) {
    const c = changes[0];
    add(`Accept ${changeTitle(text, c)}`, [decideChange(text, c, 'accept')]);
    add(`Reject ${changeTitle(text, c)}`, [decideChange(text, c, 'reject')]);
  } else if (changes.length > 1) {
    add(`Accept the ${changes.length} changes in the selection`, changes.map((c) => decideChange(text, c, 'accept')));
    add(`Reject the ${changes.length} changes in the selection`, changes.map((c) => decideChange(text, c, 'reject')));
  }

  // A comment, on itself or on the text it comments: resolve it, keeping the text.
  const info = memo.comments.find((i) => touches(i.comment.span, offset) || (i.anchor && touches(i.anchor.span, offset)));
  if (info && info.comment.closed && view.bundle.inPart(info.comment.span, part)) {
    const edits: TextEdit[] = [{ span: { ...info.comment.span }, newText: '' }];
    if (info.anchor?.kind === 'highlight') edits.push({ span: { ...info.anchor.span }, newText: resolvedText(text, info.anchor, 'accept') });
    add(`Remove comment ${info.label} (keep the text)`, edits);
  }
  return actions;
}

/** `deletion of «States, enterprises and»`, `substitution «adopt» → «take»`. */
function changeTitle(text: string, c: CriticSpan): string {
  const content = `«${excerpt(text.slice(c.content.start, c.content.end))}»`;
  switch (c.kind) {
    case 'insert':
      return `insertion of ${content}`;
    case 'delete':
      return `deletion of ${content}`;
    default:
      if (c.separator === undefined) return `substitution ${content}`;
      return `substitution «${excerpt(text.slice(c.content.start, c.separator), 30)}» → «${excerpt(text.slice(c.separator + 2, c.content.end), 30)}»`;
  }
}

// ---- commands ----------------------------------------------------------------------

/**
 * The closed tracked changes of the file `key`: all of them, or those a selection
 * touches (an empty range: the change under the cursor).
 */
export function changesIn(view: View, key: string, range?: Span): CriticSpan[] {
  const part = view.part(key);
  if (!part) return [];
  return view.treaty.changes.filter((c) => {
    if (!c.closed || !view.bundle.inPart(c.span, part)) return false;
    if (!range) return true;
    if (range.end <= range.start) return c.span.start <= range.start && range.start <= c.span.end;
    return c.span.start < range.end && c.span.end > range.start;
  });
}

export interface DecideResult {
  count: number;
  files: FileEdits[];
  title: string;
}

/** Accept or reject every change of the file `key` (or of a selection), as one edit. Each edit replaces its change's span only. */
export function decideChanges(view: View, key: string, decision: ChangeDecision, range?: Span): DecideResult {
  const changes = changesIn(view, key, range);
  const files = fileEdits(view, changes.map((c) => decideChange(view.treaty.text, c, decision))) ?? [];
  const verb = decision === 'accept' ? 'Accept' : 'Reject';
  const where = range ? ' in the selection' : '';
  return { count: files.length ? changes.length : 0, files, title: `${verb} ${changes.length} ${changes.length === 1 ? 'change' : 'changes'}${where}` };
}

export type CleanCopyResult = { text: string; changes: number; comments: number } | { error: string; position?: Position };

/**
 * The file `key` for circulation: changes accepted, comments and highlight marks removed,
 * brackets kept unless `dropBrackets`. Refused while a change or comment is unclosed.
 */
export function cleanCopyOf(view: View, key: string, options: CleanOptions = {}): CleanCopyResult {
  const part = view.part(key);
  if (!part) return { error: 'This file is not a treaty the server knows.' };
  const treaty = view.treaty;
  const mine = (s: Span) => view.bundle.inPart(s, part);
  const unclosed = treaty.syntax.critic.find((c) => !c.closed && mine(c.span));
  if (unclosed) {
    const at = view.locate(unclosed.span)?.range.start;
    const where = at ? ` (line ${at.line + 1})` : '';
    return { error: `A tracked change or comment is never closed${where}: close it before making a clean copy.`, position: at };
  }
  const critic = treaty.syntax.critic.filter((c) => mine(c.span));
  const local = (e: TextEdit): TextEdit => ({ span: { start: e.span.start - part.base, end: e.span.end - part.base }, newText: e.newText });
  let text = applyEdits(part.text, outermostCritic(critic).map((c) => local(decideChange(treaty.text, c, 'accept'))));
  // Marks inside marks (a change in a highlight) are left by their outer span's edit: settle them too.
  for (let round = 0; round < 8; round++) {
    const again = analyse(text).syntax.critic.filter((c) => c.closed);
    if (again.length === 0) break;
    text = applyEdits(text, outermostCritic(again).map((c) => decideChange(text, c, 'accept')));
  }
  if (options.dropBrackets) {
    const t = analyse(text);
    text = applyEdits(text, t.syntax.brackets.filter((g) => g.close >= 0).flatMap(agreeGroup));
  }
  return {
    text,
    changes: treaty.changes.filter((c) => mine(c.span)).length,
    comments: treaty.comments.filter((c) => mine(c.span)).length,
  };
}

function outermostCritic(spans: CriticSpan[]): CriticSpan[] {
  const sorted = [...spans].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: CriticSpan[] = [];
  let end = -1;
  for (const c of sorted) {
    if (c.span.start < end) continue;
    out.push(c);
    end = c.span.end;
  }
  return out;
}

// ---- helpers -----------------------------------------------------------------------

/** Bundle edits as edits per file; undefined when one cannot be placed (a stale view). */
function fileEdits(view: View, edits: TextEdit[]): FileEdits[] | undefined {
  const byUri = new Map<string, FileEdits>();
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    const at = view.locate(e.span);
    if (!at) return undefined;
    let file = byUri.get(at.uri);
    if (!file) byUri.set(at.uri, (file = { uri: at.uri, edits: [] }));
    file.edits.push({ range: at.range, newText: e.newText });
  }
  return [...byUri.values()];
}

function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** An option or change as a title shows it: one line, at most `max` characters. */
export function excerpt(s: string, max = 60): string {
  const line = oneLine(s);
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
