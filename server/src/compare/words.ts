// Tokens and word-level differences. A token carries a comparison key that is not always its
// text: a unit's own number and a reference's number are keyed by the unit they stand for
// (through the correspondence), so renumbering alone compares equal.
//
// A draft's own marks are read as the draft would be settled: the old draft as it stood
// before its proposals (tracked changes rejected, its comments and highlights left out), the
// new one with its proposals accepted (its comments shown, never counted as changes). The
// marks so set aside are not tokens at all, so no difference ever cuts through one.
import { diffArrays } from 'diff';
import type { Treaty, Unit } from '../model/types';
import type { CriticSpan } from '../syntax/tree';
import { firstAt, type Span } from '../syntax/text';

/**
 * word, space, punct: plain text. number: a unit's own number (heading or marker label).
 * ref: a number in a cross-reference. comment, mark: a comment `{>>…<<}` and the delimiters
 * of a highlight `{==`/`==}` of the new draft — shown, never counted as a change. unit: a
 * whole article or paragraph standing in the text between the pairs around it (compare.ts).
 */
export type TokenKind = 'word' | 'space' | 'punct' | 'number' | 'ref' | 'comment' | 'mark' | 'unit';

export interface Token {
  start: number;
  end: number;
  kind: TokenKind;
  key: string;
}

/** Tokens that are annotation, not text of the treaty. */
export const isNote = (t: Token): boolean => t.kind === 'comment' || t.kind === 'mark';

/** A stretch of a text tokenized as one piece, with what it stands for; `drop` is read as nothing. */
export interface Special extends Span {
  kind: 'number' | 'ref' | 'comment' | 'mark' | 'drop';
  unit?: Unit;
}

/**
 * The stretches of a treaty that are not tokenized word by word, sorted by start: numbers,
 * references, and the draft's own marks as `reading` settles them (`reject` for the old
 * draft, `accept` for the new).
 */
export function specialsOf(treaty: Treaty, reading: 'reject' | 'accept'): Special[] {
  const out: Special[] = [];
  const drop = (start: number, end: number) => {
    if (end > start) out.push({ start, end, kind: 'drop' });
  };
  for (const c of treaty.syntax.critic) {
    if (c.kind === 'comment') {
      if (reading === 'accept' && c.closed) out.push({ start: c.span.start, end: c.span.end, kind: 'comment' });
      else drop(c.span.start, c.span.end);
    } else if (c.kind === 'highlight') {
      // An opener never closed would pair with a closer written after it: left out.
      const shown = reading === 'accept' && c.closed;
      if (shown) out.push({ start: c.span.start, end: c.content.start, kind: 'mark' }, { start: c.content.end, end: c.span.end, kind: 'mark' });
      else {
        drop(c.span.start, c.content.start);
        drop(c.content.end, c.span.end);
      }
    } else settle(c, reading, drop);
  }
  for (const u of treaty.units) if (u.numberSpan && u.numberSpan.end > u.numberSpan.start) out.push({ start: u.numberSpan.start, end: u.numberSpan.end, kind: 'number', unit: u });
  for (const r of treaty.references) for (const n of r.numbers) if (n.unit) out.push({ start: n.span.start, end: n.span.end, kind: 'ref', unit: n.unit });
  // Outer stretches first at one start, so a dropped change swallows what it contains.
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** What a tracked change leaves out when accepted or rejected: its marks, and the side not taken. */
function settle(c: CriticSpan, reading: 'reject' | 'accept', drop: (start: number, end: number) => void): void {
  const { span, content } = c;
  const kept = c.kind === 'insert' ? reading === 'accept' : c.kind === 'delete' ? reading === 'reject' : undefined;
  if (kept === false) return drop(span.start, span.end);
  if (kept === true) {
    drop(span.start, content.start);
    return drop(content.end, span.end);
  }
  // A substitution: the old text before `~>`, the new after it.
  const sep = c.separator ?? content.end;
  if (reading === 'reject') {
    drop(span.start, content.start);
    drop(sep, span.end);
  } else {
    drop(span.start, Math.min(sep + 2, content.end));
    drop(content.end, span.end);
  }
}

// An escaped character, `{` with the character after it (so that no token ends in `{`, which
// would make an opener of the closer written after it), a word (letters and digits, with
// inner apostrophes), a run of white space, or any other single character (a code point).
const PLAIN = /\\[\s\S]|\{[\s\S]|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|\s+|[\s\S]/uy;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether white space holds a line break. */
export const hasBreak = (s: string): boolean => s.includes('\n') || s.includes('\r');
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x1680;

/** Keys of the special stretches; `undefined` drops a special from the sequence (features for matching). */
export type KeyOf = (s: Special, text: string) => string | undefined;

/**
 * Tokens of `text` in [from, to). A special stretch is one token when it lies wholly inside;
 * `standIns` (sorted, disjoint) are replaced by one token each with the key given.
 */
export function tokenize(text: string, specials: Special[], from: number, to: number, keyOf: KeyOf, standIns: { span: Span; key: string }[] = []): Token[] {
  const out: Token[] = [];
  let si = firstAt(specials, from, (x) => x.start);
  let ai = 0;
  let pos = from;
  const plain = (end: number) => {
    while (pos < end) {
      PLAIN.lastIndex = pos;
      const m = PLAIN.exec(text)!;
      let stop = pos + m[0].length;
      if (stop > end) stop = end;
      const raw = text.slice(pos, stop);
      const c = raw.charCodeAt(0);
      const kind: TokenKind = (c === 0x5c || c === 0x7b) && raw.length > 1 ? 'punct' : isSpace(c) ? 'space' : LETTER_OR_DIGIT.test(raw) ? 'word' : 'punct';
      out.push({ start: pos, end: stop, kind, key: kind === 'space' ? (hasBreak(raw) ? '\n' : ' ') : raw });
      pos = stop;
    }
  };
  // The next special wholly inside [pos, to) and not overlapping the next stand-in.
  const nextSpecial = (before: number): Special | undefined => {
    while (si < specials.length) {
      const s = specials[si];
      if (s.start >= before) return undefined;
      if (s.start < pos || s.end > before) {
        si++; // inside what was consumed, or crossing the end: read as plain text
        continue;
      }
      return s;
    }
    return undefined;
  };
  while (pos < to) {
    while (ai < standIns.length && standIns[ai].span.start < pos) ai++;
    const stand = ai < standIns.length && standIns[ai].span.start < to ? standIns[ai] : undefined;
    const sp = nextSpecial(stand ? stand.span.start : to);
    plain(sp ? sp.start : stand ? stand.span.start : to);
    if (pos >= to) break;
    if (sp && sp.start === pos) {
      const key = sp.kind === 'drop' ? undefined : keyOf(sp, text);
      if (key !== undefined) out.push({ start: sp.start, end: sp.end, kind: sp.kind as TokenKind, key });
      pos = sp.end;
      si++;
    } else if (stand && stand.span.start === pos) {
      out.push({ start: stand.span.start, end: stand.span.end, kind: 'unit', key: stand.key });
      pos = stand.span.end;
      ai++;
    }
  }
  return out;
}


/** A run of tokens equal in both texts (pairwise, by key), or a change: old tokens replaced by new ones. */
export interface Op {
  type: 'equal' | 'change';
  old: Token[];
  new: Token[];
}

/** The word-level difference of two token sequences: jsdiff's Myers diff over the keys, cleaned up. */
export function diffTokens(a: Token[], b: Token[]): Op[] {
  const parts = diffArrays(
    a.map((t) => t.key),
    b.map((t) => t.key),
  );
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  for (const p of parts) {
    const n = p.count ?? p.value.length;
    if (p.added) {
      pushChange(ops, [], b.slice(j, j + n));
      j += n;
    } else if (p.removed) {
      pushChange(ops, a.slice(i, i + n), []);
      i += n;
    } else {
      ops.push({ type: 'equal', old: a.slice(i, i + n), new: b.slice(j, j + n) });
      i += n;
      j += n;
    }
  }
  return lineSafe(cleanUp(ops));
}

/** Ops run together: neighbouring changes become one. */
export function joinOps(ops: Op[]): Op[] {
  const out: Op[] = [];
  for (const op of ops) {
    if (op.type === 'change') pushChange(out, op.old, op.new);
    else if (op.old.length) out.push(op);
  }
  return lineSafe(cleanUp(out));
}

function pushChange(ops: Op[], old: Token[], added: Token[]): void {
  const last = ops[ops.length - 1];
  if (last && last.type === 'change') {
    last.old.push(...old);
    last.new.push(...added);
  } else ops.push({ type: 'change', old: [...old], new: [...added] });
}

/**
 * Semantic clean-up, as in diff-match-patch: an equal stretch no longer than the changes on
 * both sides of it ("of", "a", "and" between two rewritten clauses) joins them into one
 * change. A reader sees the clause replaced, not twenty fragments.
 */
function cleanUp(ops: Op[]): Op[] {
  let out = ops;
  for (let changed = true; changed; ) {
    changed = false;
    const next: Op[] = [];
    for (let k = 0; k < out.length; k++) {
      const op = out[k];
      const prev = next[next.length - 1];
      const after = out[k + 1];
      // Never across a line break: a change stays inside its line, a heading stays a heading.
      if (op.type === 'equal' && prev?.type === 'change' && after?.type === 'change' && hasText(prev) && hasText(after) && !op.new.some((t) => t.key === '\n')) {
        const size = length(op.new);
        if (size <= Math.max(length(prev.old), length(prev.new)) && size <= Math.max(length(after.old), length(after.new))) {
          prev.old.push(...op.old, ...after.old);
          prev.new.push(...op.new, ...after.new);
          k++;
          changed = true;
          continue;
        }
      }
      next.push(op.type === 'change' ? { type: 'change', old: [...op.old], new: [...op.new] } : op);
    }
    out = next;
  }
  return out;
}

/**
 * A mark must not close at the start of a line, where its closer would stand before a heading
 * or a marker and unmake it. A change gives its ends in common back to the equal text, and an
 * insertion or a deletion that ends with a line break slides back over the equal line break
 * before it: it then starts with the break and ends with text ("…{++\n\n(f) New.++}\n\n(g)").
 */
function lineSafe(ops: Op[]): Op[] {
  const out: Op[] = [];
  const equal = (old: Token[], neu: Token[]) => {
    if (!old.length) return;
    const last = out[out.length - 1];
    if (last?.type === 'equal') {
      last.old.push(...old);
      last.new.push(...neu);
    } else out.push({ type: 'equal', old: [...old], new: [...neu] });
  };
  for (const op of ops) {
    if (op.type === 'equal') {
      equal(op.old, op.new);
      continue;
    }
    let old = op.old;
    let neu = op.new;
    let p = 0;
    while (p < old.length && p < neu.length && old[p].key === neu[p].key) p++;
    equal(old.slice(0, p), neu.slice(0, p));
    old = old.slice(p);
    neu = neu.slice(p);
    let q = 0;
    while (q < old.length && q < neu.length && old[old.length - 1 - q].key === neu[neu.length - 1 - q].key) q++;
    const tail = { old: old.slice(old.length - q), new: neu.slice(neu.length - q) };
    old = old.slice(0, old.length - q);
    neu = neu.slice(0, neu.length - q);
    // One side starts with the line break the other ends with: "{--\n\n(11) --}{++ law,\n\n++}"
    // becomes an insertion, the break, then a deletion: "{++ law,++}\n\n{--(11) --}".
    const nl = (t: Token | undefined) => t?.key === '\n';
    if (nl(old[0]) && nl(neu[neu.length - 1]) && !(nl(neu[0]) && nl(old[old.length - 1]))) {
      if (neu.length > 1) pushChange(out, [], neu.slice(0, -1));
      equal([old[0]], [neu[neu.length - 1]]);
      if (old.length > 1) pushChange(out, old.slice(1), []);
      equal(tail.old, tail.new);
      continue;
    }
    if (nl(neu[0]) && nl(old[old.length - 1]) && !nl(old[0])) {
      if (old.length > 1) pushChange(out, old.slice(0, -1), []);
      equal([old[old.length - 1]], [neu[0]]);
      if (neu.length > 1) pushChange(out, [], neu.slice(1));
      equal(tail.old, tail.new);
      continue;
    }
    const after: { old: Token[]; new: Token[] } = { old: [], new: [] };
    const prev = out[out.length - 1];
    if (!old.length !== !neu.length && prev?.type === 'equal') {
      const run = old.length ? old : neu;
      const side = old.length ? 'old' : 'new';
      while (prev.new.length && run.length && run[run.length - 1].key === '\n' && prev[side][prev[side].length - 1].key === '\n') {
        const po = prev.old.pop()!;
        const pn = prev.new.pop()!;
        const r = run.pop()!;
        run.unshift(side === 'old' ? po : pn);
        after.old.unshift(side === 'old' ? r : po);
        after.new.unshift(side === 'old' ? pn : r);
      }
      if (!prev.old.length) out.pop();
    }
    if (old.length || neu.length) pushChange(out, old, neu);
    equal(after.old, after.new);
    equal(tail.old, tail.new);
  }
  return out;
}

const length = (tokens: Token[]) => tokens.reduce((n, t) => n + (isNote(t) ? 0 : t.kind === 'space' ? 1 : t.end - t.start), 0);

const hasText = (op: Op) => op.old.some((t) => !isNote(t)) || op.new.some((t) => !isNote(t));

/** Whether two token sequences say the same, annotations aside and white space folded (a mark left out can leave two spaces). */
export function sameText(a: Token[], b: Token[]): boolean {
  const keys = (tokens: Token[]) => {
    const out: string[] = [];
    for (const t of tokens) {
      if (isNote(t)) continue;
      const last = out.length - 1;
      if (t.kind === 'space' && last >= 0 && (out[last] === ' ' || out[last] === '\n')) {
        if (t.key === '\n') out[last] = '\n';
      } else out.push(t.key);
    }
    return out;
  };
  const x = keys(a);
  const y = keys(b);
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

/** The tokens of `tokens` (sorted) inside `span`. */
export function tokensIn(tokens: Token[], span: Span): Token[] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < span.start) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < tokens.length && tokens[end].end <= span.end) end++;
  return tokens.slice(lo, end);
}

/** The text of tokens as written, annotations left out, white space folded. */
export function plainText(text: string, tokens: Token[]): string {
  return tokens
    .filter((t) => !isNote(t))
    .map((t) => (t.kind === 'space' ? ' ' : text.slice(t.start, t.end)))
    .join('')
    .trim();
}
