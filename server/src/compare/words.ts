// Tokens and word-level differences. A token carries a comparison key that is not always its
// text: a unit's own number and a reference's number are keyed by the unit they stand for
// (through the correspondence), so renumbering alone compares equal; a draft's own tracked
// change is one atomic token, so a difference never cuts through its marks.
import { diffArrays } from 'diff';
import type { Treaty, Unit } from '../model/types';
import type { Span } from '../syntax/text';

/**
 * word, space, punct: plain text. number: a unit's own number (heading or marker label).
 * ref: a number in a cross-reference. change: one of the draft's own tracked changes, whole.
 * comment, mark: a comment `{>>…<<}` and the delimiters of a highlight `{==`/`==}` — shown,
 * never counted as a change. unit: a whole article or paragraph standing in the text between
 * the pairs around it (see compare.ts).
 */
export type TokenKind = 'word' | 'space' | 'punct' | 'number' | 'ref' | 'change' | 'comment' | 'mark' | 'unit';

export interface Token {
  start: number;
  end: number;
  kind: TokenKind;
  key: string;
}

/** Tokens that are annotation, not text of the treaty. */
export const isNote = (t: Token): boolean => t.kind === 'comment' || t.kind === 'mark';

/** A stretch of a text tokenized as one piece, with what it stands for. */
export interface Special extends Span {
  kind: 'number' | 'ref' | 'change' | 'comment' | 'mark';
  unit?: Unit;
}

/** The stretches of a treaty that are not tokenized word by word, sorted by start. */
export function specialsOf(treaty: Treaty): Special[] {
  const out: Special[] = [];
  for (const c of treaty.syntax.critic) {
    if (c.kind === 'comment') out.push({ start: c.span.start, end: c.span.end, kind: 'comment' });
    else if (c.kind === 'highlight') {
      out.push({ start: c.span.start, end: c.content.start, kind: 'mark' });
      if (c.closed) out.push({ start: c.content.end, end: c.span.end, kind: 'mark' });
    } else out.push({ start: c.span.start, end: c.span.end, kind: 'change' });
  }
  for (const u of treaty.units) if (u.numberSpan && u.numberSpan.end > u.numberSpan.start) out.push({ start: u.numberSpan.start, end: u.numberSpan.end, kind: 'number', unit: u });
  for (const r of treaty.references) for (const n of r.numbers) if (n.unit) out.push({ start: n.span.start, end: n.span.end, kind: 'ref', unit: n.unit });
  // Outer stretches first at one start, so an atomic change swallows what it contains.
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
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
  let si = firstAtOrAfter(specials, from);
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
      const key = keyOf(sp, text);
      if (key !== undefined) out.push({ start: sp.start, end: sp.end, kind: sp.kind, key });
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

function firstAtOrAfter(specials: Special[], offset: number): number {
  let lo = 0;
  let hi = specials.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (specials[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
  return cleanUp(ops);
}

/** Ops run together: neighbouring changes become one. */
export function joinOps(ops: Op[]): Op[] {
  const out: Op[] = [];
  for (const op of ops) {
    if (op.type === 'change') pushChange(out, op.old, op.new);
    else if (op.old.length) out.push(op);
  }
  return cleanUp(out);
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
      if (op.type === 'equal' && prev?.type === 'change' && after?.type === 'change' && hasText(prev) && hasText(after)) {
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

const length = (tokens: Token[]) => tokens.reduce((n, t) => n + (isNote(t) ? 0 : t.kind === 'space' ? 1 : t.end - t.start), 0);

const hasText = (op: Op) => op.old.some((t) => !isNote(t)) || op.new.some((t) => !isNote(t));

/** Whether two token sequences say the same, annotations aside. */
export function sameText(a: Token[], b: Token[]): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isNote(a[i])) i++;
    while (j < b.length && isNote(b[j])) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a[i].key !== b[j].key) return false;
    i++;
    j++;
  }
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
