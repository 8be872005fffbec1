// Offsets, spans and line/column conversion. The core works in UTF-16 offsets
// (what JavaScript strings and LSP positions both count); only the edges convert.

/** Half-open range [start, end) of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface LineRange {
  start: Position;
  end: Position;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** The first index of `list`, in ascending order of `key`, whose key is `at` or more (binary search). */
export function firstAt<T>(list: readonly T[], at: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Line starts of a text. A line ends at \r\n, \n or a lone \r, as VS Code counts them.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: number[];
  /** Offset just past the last character of each line, before its line break. */
  readonly ends: number[];

  constructor(
    readonly text: string,
    /** Line starts and ends already known (see `edited`): nothing to scan. */
    known?: { starts: number[]; ends: number[] },
  ) {
    if (known) {
      this.starts = known.starts;
      this.ends = known.ends;
      return;
    }
    const starts = [0];
    const ends: number[] = [];
    const n = text.length;
    if (text.indexOf('\r') < 0) {
      // The common case: only \n. indexOf is native and far faster than a character loop.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        ends.push(i);
        starts.push(i + 1);
      }
      ends.push(n);
      this.starts = starts;
      this.ends = ends;
      return;
    }
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) {
        ends.push(i);
        starts.push(i + 1);
      } else if (c === 13 /* \r */) {
        ends.push(i);
        if (i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    ends.push(n);
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * The lines of `text`, this index's text with [start, oldEnd) replaced by [start, newEnd).
   * Only the lines around the edit are read again, from one line before (a `\r` there may
   * pair with an inserted `\n`) to one line after; the others are this index's, shifted.
   * Consumes this index: its arrays are edited in place (a copy of a long treaty's line
   * starts on every keystroke was most of the cost), so only the new one may be read.
   */
  edited(text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    const delta = newEnd - oldEnd;
    const { starts, ends } = this;
    const first = Math.max(0, this.lineAt(start) - 1);
    const last = Math.min(starts.length - 1, this.lineAt(oldEnd) + 1);
    const from = starts[first];
    const to = last === starts.length - 1 ? text.length : ends[last] + delta;
    const windowStarts = [from];
    const windowEnds: number[] = [];
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      windowEnds.push(i);
      if (c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      windowStarts.push(i + 1);
    }
    windowEnds.push(to);
    for (let line = last + 1; line < starts.length; line++) {
      starts[line] += delta;
      ends[line] += delta;
    }
    // Spread arguments: a window is a few lines (a pasted page at most).
    starts.splice(first, last - first + 1, ...windowStarts);
    ends.splice(first, last - first + 1, ...windowEnds);
    return new LineIndex(text, { starts, ends });
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Line number holding `offset` (an offset on a line break belongs to the line it ends). */
  lineAt(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: Math.min(clamped, this.ends[line]) - this.starts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.max(start, Math.min(start + Math.max(0, position.character), this.ends[position.line]));
  }

  rangeOf(s: Span): LineRange {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.ends[line]);
  }

  /** The line break used most in the text, for edits that insert lines. */
  eol(): string {
    return eolOf(this.text);
  }
}

/** The line break used most in a text (see `LineIndex.eol`), without indexing its lines. */
export function eolOf(text: string): string {
  if (text.indexOf('\r\n') >= 0) return '\r\n';
  return text.indexOf('\r') >= 0 && text.indexOf('\n') < 0 ? '\r' : '\n';
}
