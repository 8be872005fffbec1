// A bundle is one analysis: a treaty file and, when its front matter names one, its
// notes file, analysed together (see model/crossdoc.ts). Every feature reads a View of a
// bundle: the current analysis, or the last good one mapped through the edits since.
import { check } from '../checks';
import type { Finding } from '../checks/registry';
import type { Span, Treaty, Unit } from '../model/types';
import { LineIndex, type LineRange, type Position } from '../syntax/text';

/** Same shape as an LSP Location. */
export interface Location {
  uri: string;
  range: LineRange;
}

export interface Part {
  uri: string;
  key: string;
  role: 'main' | 'notes';
  /** The file's own text (for a notes file: with its front matter, as the editor has it). */
  text: string;
  lines: LineIndex;
  /** Offset of the file's first character in the bundle's text. */
  base: number;
  /** Revision of the file this part was built from. */
  rev: number;
}

export class Bundle {
  private findingsCache?: Finding[];
  /** Per-bundle memo for features (citation indexes, external resolutions…). */
  readonly memo = new Map<string, unknown>();
  /** Set by the project: this analysis lost structure to a broken construct (see Project.isDegraded). */
  degraded = false;

  constructor(
    readonly key: string,
    readonly parts: Part[],
    readonly treaty: Treaty,
    /** Identifies the texts this bundle was built from. */
    readonly signature: string,
  ) {}

  get main(): Part {
    return this.parts[0];
  }

  get findings(): Finding[] {
    return (this.findingsCache ??= check(this.treaty));
  }

  partFor(key: string): Part | undefined {
    return this.parts.find((p) => p.key === key);
  }

  /** The part an offset of the bundle's text belongs to (the separator belongs to the part before it). */
  partAt(offset: number): Part {
    let found = this.parts[0];
    for (const p of this.parts) if (p.base <= offset) found = p;
    return found;
  }

  /** Is the span inside this part's text? */
  inPart(span: Span, part: Part): boolean {
    return span.start >= part.base && span.start <= part.base + part.text.length && this.partAt(span.start) === part;
  }

  unitInPart(unit: Unit, part: Part): boolean {
    return this.inPart(unit.anchorSpan, part);
  }

  memoize<T>(key: string, make: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = make();
    this.memo.set(key, value);
    return value;
  }
}

/**
 * What every feature reads. `offsetAt` and `locate` translate between positions in the
 * documents as they are now and offsets in the analysed text, which may be an older text
 * (a stale view): positions in text edited since do not map and get no answer.
 */
export interface View {
  bundle: Bundle;
  treaty: Treaty;
  /** Answered from the last good analysis rather than the current one. */
  stale: boolean;
  /** Position in a current document → offset in `treaty.text`. */
  offsetAt(key: string, position: Position): number | undefined;
  /** Offset in `treaty.text` → position in a current document. */
  locate(span: Span): Location | undefined;
  /** The part of the bundle for a file key. */
  part(key: string): Part | undefined;
  /** The current text of a part (for line prefixes in completion). */
  currentText(key: string): string | undefined;
  /** A current document offset (of the file `key`) → offset in `treaty.text`. */
  toTreatyOffset(key: string, local: number): number | undefined;
  /** Treaty offset → current offset in its own file, with the file's key. */
  toLocal(offset: number): { key: string; uri: string; offset: number } | undefined;
}

export function currentView(bundle: Bundle): View {
  const view: View = {
    bundle,
    treaty: bundle.treaty,
    stale: false,
    part: (key) => bundle.partFor(key),
    currentText: (key) => bundle.partFor(key)?.text,
    toTreatyOffset: (key, local) => {
      const p = bundle.partFor(key);
      if (!p) return undefined;
      return p.base + Math.max(0, Math.min(local, p.text.length));
    },
    offsetAt: (key, position) => {
      const p = bundle.partFor(key);
      if (!p) return undefined;
      return p.base + p.lines.offsetAt(position);
    },
    toLocal: (offset) => {
      const p = bundle.partAt(offset);
      return { key: p.key, uri: p.uri, offset: Math.max(0, Math.min(offset - p.base, p.text.length)) };
    },
    locate: (span) => {
      const p = bundle.partAt(span.start);
      const start = Math.max(0, Math.min(span.start - p.base, p.text.length));
      const end = Math.max(start, Math.min(span.end - p.base, p.text.length));
      return { uri: p.uri, range: p.lines.rangeOf({ start, end }) };
    },
  };
  return view;
}

/**
 * The offsets of an old text in a new one, when the two differ in one region (the common
 * prefix and suffix are kept). Offsets inside the changed region do not map.
 */
export class EditMap {
  readonly prefix: number;
  readonly suffix: number;
  readonly delta: number;

  constructor(
    readonly oldText: string,
    readonly newText: string,
  ) {
    const max = Math.min(oldText.length, newText.length);
    let p = 0;
    while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
    let s = 0;
    while (s < max - p && oldText.charCodeAt(oldText.length - 1 - s) === newText.charCodeAt(newText.length - 1 - s)) s++;
    this.prefix = p;
    this.suffix = s;
    this.delta = newText.length - oldText.length;
  }

  /** Old offset → new offset; undefined inside the changed region. */
  forward(offset: number): number | undefined {
    // At a pure insertion point, what stood there is now after the inserted text.
    if (offset >= this.oldText.length - this.suffix) return offset + this.delta;
    if (offset <= this.prefix) return offset;
    return undefined;
  }

  /** New offset → old offset; undefined inside the changed region. */
  backward(offset: number): number | undefined {
    if (offset <= this.prefix) return offset;
    if (offset >= this.newText.length - this.suffix) return offset - this.delta;
    return undefined;
  }

  /** End of the changed region in the new text. */
  get newRegionEnd(): number {
    return this.newText.length - this.suffix;
  }
}

/**
 * A view of the last good bundle `good` for documents whose texts are now those of
 * `current`: positions are mapped through the edit between each part's two texts.
 */
export function staleView(good: Bundle, current: Bundle): View {
  const maps = new Map<string, { old: Part; now: Part; map: EditMap }>();
  for (const old of good.parts) {
    const now = current.partFor(old.key);
    if (now) maps.set(old.key, { old, now, map: new EditMap(old.text, now.text) });
  }
  const view: View = {
    bundle: good,
    treaty: good.treaty,
    stale: true,
    part: (key) => good.partFor(key),
    currentText: (key) => maps.get(key)?.now.text,
    toTreatyOffset: (key, local) => {
      const m = maps.get(key);
      if (!m) return undefined;
      const old = m.map.backward(Math.max(0, Math.min(local, m.now.text.length)));
      return old === undefined ? undefined : m.old.base + old;
    },
    offsetAt: (key, position) => {
      const m = maps.get(key);
      if (!m) return undefined;
      return view.toTreatyOffset(key, m.now.lines.offsetAt(position));
    },
    toLocal: (offset) => {
      const p = good.partAt(offset);
      const m = maps.get(p.key);
      if (!m) return undefined;
      const local = m.map.forward(Math.max(0, Math.min(offset - p.base, p.text.length)));
      return local === undefined ? undefined : { key: p.key, uri: m.now.uri, offset: local };
    },
    locate: (span) => {
      const p = good.partAt(span.start);
      const m = maps.get(p.key);
      if (!m) return undefined;
      const clamp = (o: number) => Math.max(0, Math.min(o - p.base, p.text.length));
      const start = m.map.forward(clamp(span.start));
      if (start === undefined) return undefined;
      // A span that ends in the edited text grows to the end of the edit.
      const end = m.map.forward(clamp(span.end)) ?? Math.max(start, m.map.newRegionEnd);
      return { uri: m.now.uri, range: m.now.lines.rangeOf({ start, end: Math.max(start, end) }) };
    },
  };
  return view;
}
