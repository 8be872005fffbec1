// Blocks → units. Decides what each heading and marker opens, including the reader's
// rule that `(i)` after `(h)` is a letter unless the next marker is `(ii)`.
import type { Block, HeadingNode, ItemNode, MarkerToken, SyntaxTree, TextNode } from '../syntax/tree';
import { ancestor } from './units';
import type { Span } from '../syntax/text';
import { letterValue, listRomanValue } from '../syntax/numerals';
import { classifyPoint, isRomanSubparagraph } from './points';
import type { NumberStyle, Unit, UnitKind } from './types';

export interface Structure {
  roots: Unit[];
  units: Unit[];
  byId: Map<string, Unit>;
}

// Any white space between the words: a tab (pasted from a word processor) is still the formula.
const CLOSING_FORMULA = /^(?:IN\s+WITNESS\s+WHEREOF|DONE\s+at\b)/;

const NO_FIELDS: Partial<Unit> = {};

/** A unit opened by a marker takes its number from it. */
function numbered(unit: Unit, m: MarkerToken, value: number | undefined, style: NumberStyle): Unit {
  unit.number = m.label;
  unit.value = value;
  unit.style = style;
  unit.numberSpan = m.labelSpan;
  return unit;
}

interface Open {
  preamble?: Unit;
  part?: Unit;
  chapter?: Unit;
  section?: Unit;
  article?: Unit;
  annex?: Unit;
  notes?: Unit;
  group?: Unit;
  paragraph?: Unit;
  sub?: Unit;
  subsub?: Unit;
  /** A fourth level, letters under roman (Rome Statute article 93 (10) (b) (i) (a)). */
  fourth?: Unit;
  /** The deepest unit text currently flows into. */
  current?: Unit;
}

export function buildStructure(tree: SyntaxTree): Structure {
  return new StructureBuilder(tree.text, tree.blocks).build();
}

/**
 * The units of one article read again from its blocks (`blocks`: those after its heading,
 * up to the next heading that opens a unit): fresh units under a stand-in of `article` (a
 * copy with no parent, so nothing outside is touched), in document order. `next` is the
 * first `(x)` marker after these blocks, which the last of them may look at; `heading`, the
 * article's heading read again when its line was edited.
 */
export function buildArticle(text: string, article: Unit, blocks: Block[], next: MarkerToken | undefined, heading?: HeadingNode): { standIn: Unit; units: Unit[] } {
  const builder = new StructureBuilder(text, blocks, next);
  const standIn: Unit = { ...article, span: { start: article.span.start, end: article.anchorSpan.end }, children: [], parent: undefined };
  // Its heading retyped (the same number, another title): the heading's fields as `add` gives them.
  if (heading) Object.assign(standIn, { anchorSpan: heading.span, span: { start: heading.span.start, end: heading.span.end }, textSpan: { start: heading.span.end, end: heading.span.end } }, headingFields(heading));
  const units = builder.article(standIn, article, blocks);
  return { standIn, units };
}

/** Text at `end` belongs to `unit`: stretch it and its ancestors. */
function extend(unit: Unit | undefined, end: number): void {
  for (let u = unit; u; u = u.parent) if (u.span.end < end) u.span.end = end;
}

/** Every `(x)` marker in document order: reading one may look at the next. */
function parenMarkersOf(blocks: Block[]): MarkerToken[] {
  const markers: MarkerToken[] = [];
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi];
    if (b.type !== 'item') continue;
    for (let mi = 0; mi < b.markers.length; mi++) if (b.markers[mi].style === 'paren') markers.push(b.markers[mi]);
  }
  return markers;
}

// Indexed loops over blocks and units here: the loops run once per call, and unoptimised
// for…of made an iterator result per block (garbage that grew with the text).

/**
 * One pass over the blocks. A class so the walk's state (units so far, the open units,
 * counters, the place among `(x)` markers) lives in fields and each rule of the reading is
 * a named method. One builder per call; `build` is called once.
 */
class StructureBuilder {
  private readonly roots: Unit[] = [];
  private readonly units: Unit[] = [];
  private readonly byId = new Map<string, Unit>();
  /** Unnumbered units of each kind so far, for their `_u1`, `_u2` ids. */
  private readonly counters = new Map<string, number>();
  // Next free suffix per id: a text with thousands of `## Article 1` or `(a)` must not probe
  // _2, _3, … from the start for each of them (that was quadratic). Same ids as probing from 2.
  private readonly nextSuffix = new Map<string, number>();
  /** What the next block can go into. A heading replaces it; markers and text refine it. */
  private open: Open = {};
  private readonly parenMarkers: MarkerToken[];
  /** Index in `parenMarkers` just past the marker being read. */
  private parenIndex = 0;

  constructor(
    private readonly source: string,
    private readonly blocks: Block[],
    next?: MarkerToken,
  ) {
    this.parenMarkers = parenMarkersOf(blocks);
    if (next) this.parenMarkers.push(next);
  }

  build(): Structure {
    this.read(this.blocks);
    const { roots, units, byId } = this;
    for (let ui = 0; ui < units.length; ui++) {
      if (units[ui].kind === 'preamble') settlePreamble(units[ui], this.source, units, byId);
    }
    return { roots, units: units.filter((u) => byId.get(u.id) === u), byId };
  }

  /** The blocks of one article, read as `build` reads them after its heading (see `buildArticle`). */
  article(standIn: Unit, article: Unit, blocks: Block[]): Unit[] {
    this.byId.set(standIn.id, standIn);
    this.open = {
      annex: ancestor(article, 'annex'),
      part: ancestor(article, 'part'),
      chapter: ancestor(article, 'chapter'),
      section: ancestor(article, 'section'),
      article: standIn,
      current: standIn,
    };
    this.read(blocks);
    return this.units;
  }

  private read(blocks: Block[]): void {
    for (let bi = 0; bi < blocks.length; bi++) {
      const block = blocks[bi];
      if (block.type === 'heading') this.heading(block);
      else if (block.type === 'item') this.item(block);
      else if (block.type === 'text') this.text(block);
      // Footnote definitions stand outside the units; the model pairs them with their references.
    }
  }

  // ---- units and ids

  private nextCount(key: string): number {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }

  /** A new unit under `parent` (a root without), with `idBase` or the next free `idBase_k`. */
  private add(kind: UnitKind, parent: Unit | undefined, idBase: string, anchor: Span, fields: Partial<Unit> = NO_FIELDS, textSpan?: Span): Unit {
    let id = idBase;
    if (this.byId.has(id)) {
      let k = this.nextSuffix.get(idBase) ?? 2;
      while (this.byId.has(`${idBase}_${k}`)) k++;
      id = `${idBase}_${k}`;
      this.nextSuffix.set(idBase, k + 1);
    }
    // One object shape for every unit keeps property access fast in the long loops over units.
    const unit: Unit = {
      id,
      kind,
      number: '',
      value: undefined,
      suffix: undefined,
      placeholder: false,
      style: 'none',
      numberSpan: undefined,
      numberInsertAt: undefined,
      anchorSpan: anchor,
      span: { start: anchor.start, end: anchor.end },
      // A marker's unit gets its line's content span at once (`item`), not an empty one to replace.
      textSpan: textSpan ?? { start: anchor.end, end: anchor.end },
      title: undefined,
      titleSpan: undefined,
      parent,
      children: [],
      index: this.units.length,
      implicit: undefined,
      chapeau: undefined,
    };
    // Only headings and implicit units give fields here (markers set theirs after, see
    // `numbered`): reading fields of many shapes in every call was the slowest part.
    if (fields !== NO_FIELDS) Object.assign(unit, fields);
    this.byId.set(id, unit);
    this.units.push(unit);
    if (parent) parent.children.push(unit);
    else this.roots.push(unit);
    return unit;
  }

  // ---- headings

  /** A heading closes what was open below its level and opens its own unit. */
  private heading(h: HeadingNode): void {
    const open = this.open;
    // Under the notes heading every heading but these three names what a group of notes is on.
    if (open.notes && h.kind !== 'notes' && h.kind !== 'annex' && h.kind !== 'preamble') {
      this.noteGroup(h, open.notes);
      return;
    }
    switch (h.kind) {
      case 'preamble': {
        const u = this.add('preamble', undefined, 'preamble', h.span, { title: h.title?.text ?? 'Preamble' });
        this.open = { preamble: u, current: u };
        return;
      }
      case 'notes': {
        const u = this.add('notes', undefined, 'notes', h.span, { title: 'Interpretative notes' });
        this.open = { notes: u, current: u };
        return;
      }
      case 'annex': {
        const u = this.add('annex', undefined, this.headingId(h, 'annex'), h.span, headingFields(h));
        this.open = { annex: u, current: u };
        return;
      }
      case 'part': {
        const u = this.add('part', open.annex, this.headingId(h, 'part'), h.span, headingFields(h));
        this.open = { annex: open.annex, part: u, current: u };
        return;
      }
      case 'chapter': {
        const parent = open.part ?? open.annex;
        const u = this.add('chapter', parent, this.headingId(h, prefixed(parent, 'chp')), h.span, headingFields(h));
        this.open = { annex: open.annex, part: open.part, chapter: u, current: u };
        return;
      }
      case 'section': {
        const parent = open.chapter ?? open.part ?? open.annex;
        const u = this.add('section', parent, this.headingId(h, prefixed(parent, 'sec')), h.span, headingFields(h));
        this.open = { annex: open.annex, part: open.part, chapter: open.chapter, section: u, current: u };
        return;
      }
      case 'article': {
        const parent = open.section ?? open.chapter ?? open.part ?? open.annex;
        const prefix = open.annex ? `${open.annex.id}__art` : 'art';
        const u = this.add('article', parent, this.headingId(h, prefix), h.span, headingFields(h));
        this.open = { annex: open.annex, part: open.part, chapter: open.chapter, section: open.section, article: u, current: u };
        return;
      }
      default:
        // A heading with no known keyword is a title only; the text under it stays where it was.
        return;
    }
  }

  private noteGroup(h: HeadingNode, notes: Unit): void {
    const title = this.source.slice(h.rest.start, h.rest.end);
    const group = this.add('noteGroup', notes, `notes__group_${this.nextCount('group')}`, h.span, { title, titleSpan: h.rest });
    this.open = { notes, group, current: group };
  }

  /** `art_7bis` from the heading's number; an unnumbered or placeholder one counts `art_u1`, … */
  private headingId(h: HeadingNode, prefix: string): string {
    const num = h.number;
    return num && num.value !== undefined && !num.placeholder ? `${prefix}_${num.value}${num.suffix ?? ''}` : `${prefix}_u${this.nextCount(prefix)}`;
  }

  // ---- numbered lines

  /** The unit that holds paragraphs here: an article, an annex, or a note group. */
  private paragraphHolder(): Unit | undefined {
    const open = this.open;
    return open.article ?? open.group ?? open.preamble ?? open.annex;
  }

  private ensureImplicitParagraph(article: Unit, at: Span): Unit {
    if (this.open.paragraph) return this.open.paragraph;
    const p = this.add('paragraph', article, `${article.id}__para_0`, { start: at.start, end: at.start }, { implicit: true });
    this.open.paragraph = p;
    return p;
  }

  /** A line of markers: `1. (a) (i) text` opens a unit for each marker, each inside the last. */
  private item(block: ItemNode): void {
    for (let mi = 0; mi < block.markers.length; mi++) {
      const m = block.markers[mi];
      if (m.style === 'paren') this.parenIndex++;
      const u = this.markerUnit(m, block.content);
      this.open.current = u;
      // Each marker's own text starts after the last marker on the line. The block's span
      // itself: no unit's text span is changed in place, only replaced.
      u.textSpan = block.content;
      u.span.end = Math.max(u.span.end, m.span.end);
    }
    extend(this.open.current, block.span.end);
  }

  /** The unit one marker opens: a recital, a note, a paragraph or a point, by where it stands. */
  private markerUnit(m: MarkerToken, content: Span): Unit {
    const open = this.open;
    const first = m.label.charCodeAt(0);
    const isDigit = first >= 48 && first <= 57;
    if (open.preamble && (isDigit || m.style === 'dot')) {
      const id = `preamble__recital_${this.nextCount('recital')}`;
      return numbered(this.add('recital', open.preamble, id, m.span, NO_FIELDS, content), m, parseInt(m.label, 10), 'arabic');
    }
    if (open.group && m.style === 'dot') {
      return numbered(this.add('note', open.group, `notes__note_${m.label}`, m.span, NO_FIELDS, content), m, parseInt(m.label, 10), 'arabic');
    }
    if (m.style === 'dot' || isDigit) return this.paragraph(m, content);
    return this.point(m, content);
  }

  private paragraph(m: MarkerToken, content: Span): Unit {
    const holder = this.paragraphHolder();
    const base = holder ? holder.id : 'body';
    // Paragraphs straight under the notes heading (before any group) stand as roots.
    const parent = holder && holder.kind !== 'notes' ? holder : undefined;
    const u = numbered(this.add('paragraph', parent, `${base}__para_${m.label}`, m.span, NO_FIELDS, content), m, parseInt(m.label, 10), 'arabic');
    this.open.paragraph = u;
    this.open.sub = this.open.subsub = this.open.fourth = undefined;
    return u;
  }

  /** A `(x)` marker: a subparagraph or a sub-subparagraph, by `classifyPoint`. */
  private point(m: MarkerToken, content: Span): Unit {
    const open = this.open;
    const holder = this.paragraphHolder();
    // A point before any heading still needs an article and a paragraph to sit in.
    const article = holder ?? this.add('article', undefined, `art_u${this.nextCount('art')}`, { start: m.span.start, end: m.span.start }, { implicit: true });
    if (!holder) open.article = article;
    const para = open.paragraph ?? this.ensureImplicitParagraph(article, m.span);
    // `parenIndex` already points past this marker, so it indexes the next one.
    const next = this.parenMarkers[this.parenIndex]?.label;
    if (this.isFourthLevel(m.label)) {
      const subsub = open.subsub!;
      const u = numbered(this.add('subsubparagraph', subsub, `${subsub.id}__point_${m.label}`, m.span, NO_FIELDS, content), m, letterValue(m.label), 'letter');
      open.fourth = u;
      return u;
    }
    open.fourth = undefined;
    if (classifyPoint(m.label, open.sub, open.subsub, next) === 'sub') {
      const roman = isRomanSubparagraph(m.label, open.sub);
      const value = roman ? listRomanValue(m.label) : letterValue(m.label) ?? listRomanValue(m.label);
      const u = numbered(this.add('subparagraph', para, `${para.id}__point_${m.label}`, m.span, NO_FIELDS, content), m, value, roman ? 'roman' : 'letter');
      open.sub = u;
      open.subsub = undefined;
      return u;
    }
    const sub = open.sub!;
    const value = listRomanValue(m.label) ?? letterValue(m.label);
    // One level down the other system: roman under letters, letters under roman.
    const u = numbered(this.add('subsubparagraph', sub, `${sub.id}__point_${m.label}`, m.span, NO_FIELDS, content), m, value, sub.style === 'roman' ? 'letter' : 'roman');
    open.subsub = u;
    return u;
  }

  /**
   * `(a)` under a roman sub-subparagraph of a lettered subparagraph starts a fourth level
   * (letters again): read as a sibling it would repeat the paragraph's own (a). Its next
   * letters go on with it.
   */
  private isFourthLevel(label: string): boolean {
    const { sub, subsub, fourth } = this.open;
    if (!sub || !subsub || sub.style !== 'letter' || subsub.style !== 'roman') return false;
    const letter = listRomanValue(label) === undefined ? letterValue(label) : undefined;
    if (letter === undefined) return false;
    return fourth ? letter === (fourth.value ?? 0) + 1 : letter === 1 && (sub.value ?? 0) >= 1;
  }

  // ---- unnumbered lines

  private text(block: TextNode): void {
    if (this.isClosingFormula(block.content)) this.closing(block);
    else if (this.open.preamble) this.implicitRecital(block);
    else if (this.open.article && this.open.current === this.open.article) this.chapeau(this.open.article, block);
    else this.continuation(block);
  }

  private isClosingFormula(content: Span): boolean {
    return isClosingFormula(this.source, content);
  }

  /** "IN WITNESS WHEREOF" / "DONE at": the end of the treaty, nothing stays open. */
  private closing(block: TextNode): void {
    const u = this.add('closing', undefined, 'closing', block.content, { textSpan: block.content });
    extend(u, block.span.end);
    this.open = { current: u };
  }

  /** An unnumbered recital; `settlePreamble` later drops the framing lines and numbers the rest. */
  private implicitRecital(block: TextNode): void {
    const at = { start: block.content.start, end: block.content.start };
    const u = this.add('recital', this.open.preamble, `preamble__recital_${this.nextCount('recital')}`, at, { textSpan: block.content, implicit: true });
    this.open.current = u;
    extend(u, block.span.end);
  }

  /** An unnumbered line right under an article heading: the chapeau. */
  private chapeau(article: Unit, block: TextNode): void {
    const p = this.ensureImplicitParagraph(article, block.content);
    p.chapeau = true;
    p.textSpan = { start: block.content.start, end: block.content.end };
    this.open.current = p;
    extend(p, block.span.end);
  }

  /** A line with no marker continues the unit above it. */
  private continuation(block: TextNode): void {
    const cur = this.open.current;
    if (!cur) return;
    // Only a leaf that holds text of its own takes the line into its text span.
    if (cur.children.length === 0 && !CONTAINER_KINDS.has(cur.kind)) {
      cur.textSpan = { start: cur.textSpan.start === cur.textSpan.end ? block.content.start : cur.textSpan.start, end: block.content.end };
    }
    extend(cur, block.span.end);
  }
}

const CONTAINER_KINDS: ReadonlySet<UnitKind> = new Set<UnitKind>(['article', 'chapter', 'part', 'section', 'notes', 'noteGroup']);

/** Is the line whose text starts at `content` the closing formula ("IN WITNESS WHEREOF", "DONE at")? */
export function isClosingFormula(text: string, content: Span): boolean {
  const first = text.charCodeAt(content.start);
  // Only a line starting with I or D can be the closing formula; avoid slicing every line.
  return (first === 73 || first === 68) && CLOSING_FORMULA.test(text.slice(content.start, content.start + 24));
}

/** A heading's number and title as unit fields; an unnumbered one records where a number would go. */
function headingFields(h: HeadingNode): Partial<Unit> {
  const num = h.number;
  if (!num) return { title: h.title?.text, titleSpan: h.title?.span, numberInsertAt: h.keywordSpan?.end };
  return {
    number: num.text,
    value: num.value,
    suffix: num.suffix,
    placeholder: num.placeholder,
    style: num.roman ? 'ROMAN' : num.placeholder ? 'none' : 'arabic',
    numberSpan: num.span,
    title: h.title?.text,
    titleSpan: h.title?.span,
  };
}

function prefixed(parent: Unit | undefined, prefix: string): string {
  return parent && parent.kind === 'annex' ? `${parent.id}__${prefix}` : prefix;
}

/**
 * The preamble's first line ("The States Parties to the present Convention,") and its
 * operative formula ("*Have agreed* as follows:") frame the recitals; they are not recitals.
 */
function settlePreamble(preamble: Unit, text: string, units: Unit[], byId: Map<string, Unit>) {
  const kids = preamble.children;
  const drop = (u: Unit) => {
    kids.splice(kids.indexOf(u), 1);
    byId.delete(u.id);
  };
  const first = kids[0];
  if (first && first.implicit && !text.slice(first.textSpan.start, first.textSpan.end).startsWith('*') && kids.length > 1) drop(first);
  const last = kids[kids.length - 1];
  if (last && last.implicit && /:\s*$/.test(text.slice(last.textSpan.start, last.textSpan.end)) && kids.length > 1) drop(last);
  let k = 0;
  for (const kid of kids) {
    if (!kid.implicit) continue;
    byId.delete(kid.id);
    kid.id = `preamble__recital_${++k}`;
    byId.set(kid.id, kid);
  }
  void units;
}
