// Blocks → units. Decides what each heading and marker opens, including the reader's
// rule that `(i)` after `(h)` is a letter unless the next marker is `(ii)`.
import type { Block, HeadingNode, ItemNode, MarkerToken, SyntaxTree } from '../syntax/tree';
import type { Span } from '../syntax/text';
import { letterValue, listRomanValue } from '../syntax/numerals';
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
  /** The deepest unit text currently flows into. */
  current?: Unit;
}

export function buildStructure(tree: SyntaxTree): Structure {
  const roots: Unit[] = [];
  const units: Unit[] = [];
  const byId = new Map<string, Unit>();
  const counters = new Map<string, number>();
  let open: Open = {};
  const parenMarkers: MarkerToken[] = [];
  // Indexed loops over blocks and units here: the loops run once per call, and unoptimised
  // for…of made an iterator result per block (garbage that grew with the text).
  const blocks = tree.blocks;
  for (let bi = 0; bi < blocks.length; bi++) {
    const b = blocks[bi];
    if (b.type !== 'item') continue;
    for (let mi = 0; mi < b.markers.length; mi++) if (b.markers[mi].style === 'paren') parenMarkers.push(b.markers[mi]);
  }
  let parenIndex = 0;

  const nextCount = (key: string) => {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n;
  };

  // Next free suffix per id: a text with thousands of `## Article 1` or `(a)` must not probe
  // _2, _3, … from the start for each of them (that was quadratic). Same ids as probing from 2.
  const nextSuffix = new Map<string, number>();
  const add = (kind: UnitKind, parent: Unit | undefined, idBase: string, anchor: Span, fields: Partial<Unit> = NO_FIELDS, textSpan?: Span): Unit => {
    let id = idBase;
    if (byId.has(id)) {
      let k = nextSuffix.get(idBase) ?? 2;
      while (byId.has(`${idBase}_${k}`)) k++;
      id = `${idBase}_${k}`;
      nextSuffix.set(idBase, k + 1);
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
      index: units.length,
      implicit: undefined,
      chapeau: undefined,
    };
    // Only headings and implicit units give fields here (markers set theirs after, see
    // `numbered`): reading fields of many shapes in every call was the slowest part.
    if (fields !== NO_FIELDS) Object.assign(unit, fields);
    byId.set(id, unit);
    units.push(unit);
    if (parent) parent.children.push(unit);
    else roots.push(unit);
    return unit;
  };

  /** Text at `end` belongs to `unit`: stretch it and its ancestors. */
  const extend = (unit: Unit | undefined, end: number) => {
    for (let u = unit; u; u = u.parent) if (u.span.end < end) u.span.end = end;
  };

  const container = () => open.section ?? open.chapter ?? open.part ?? open.annex;

  const heading = (h: HeadingNode) => {
    const num = h.number;
    const numberFields = (style: NumberStyle): Partial<Unit> =>
      num
        ? {
            number: num.text,
            value: num.value,
            suffix: num.suffix,
            placeholder: num.placeholder,
            style: num.roman ? 'ROMAN' : num.placeholder ? 'none' : style,
            numberSpan: num.span,
            title: h.title?.text,
            titleSpan: h.title?.span,
          }
        : { title: h.title?.text, titleSpan: h.title?.span, numberInsertAt: h.keywordSpan?.end };
    const idNumber = (prefix: string) =>
      num && num.value !== undefined && !num.placeholder
        ? `${prefix}_${num.value}${num.suffix ?? ''}`
        : `${prefix}_u${nextCount(prefix)}`;

    if (open.notes && h.kind !== 'notes' && h.kind !== 'annex' && h.kind !== 'preamble') {
      const group = add('noteGroup', open.notes, `notes__group_${nextCount('group')}`, h.span, { title: tree.text.slice(h.rest.start, h.rest.end), titleSpan: h.rest });
      open = { notes: open.notes, group, current: group };
      return;
    }
    switch (h.kind) {
      case 'preamble': {
        const u = add('preamble', undefined, 'preamble', h.span, { title: h.title?.text ?? 'Preamble' });
        open = { preamble: u, current: u };
        return;
      }
      case 'notes': {
        const u = add('notes', undefined, 'notes', h.span, { title: 'Interpretative notes' });
        open = { notes: u, current: u };
        return;
      }
      case 'annex': {
        const u = add('annex', undefined, idNumber('annex'), h.span, numberFields('arabic'));
        open = { annex: u, current: u };
        return;
      }
      case 'part': {
        const u = add('part', open.annex, idNumber('part'), h.span, numberFields('arabic'));
        open = { annex: open.annex, part: u, current: u };
        return;
      }
      case 'chapter': {
        const parent = open.part ?? open.annex;
        const u = add('chapter', parent, idNumber(prefixed(parent, 'chp')), h.span, numberFields('arabic'));
        open = { annex: open.annex, part: open.part, chapter: u, current: u };
        return;
      }
      case 'section': {
        const parent = open.chapter ?? open.part ?? open.annex;
        const u = add('section', parent, idNumber(prefixed(parent, 'sec')), h.span, numberFields('arabic'));
        open = { annex: open.annex, part: open.part, chapter: open.chapter, section: u, current: u };
        return;
      }
      case 'article': {
        const parent = container();
        const prefix = open.annex ? `${open.annex.id}__art` : 'art';
        const u = add('article', parent, idNumber(prefix), h.span, numberFields('arabic'));
        open = { annex: open.annex, part: open.part, chapter: open.chapter, section: open.section, article: u, current: u };
        return;
      }
      default:
        // A heading with no known keyword is a title only; the text under it stays where it was.
        return;
    }
  };

  /** The unit that holds paragraphs here: an article, an annex, or a note group. */
  const paragraphHolder = (): Unit | undefined => open.article ?? open.group ?? open.preamble ?? open.annex;

  const ensureImplicitParagraph = (article: Unit, at: Span): Unit => {
    if (open.paragraph) return open.paragraph;
    const p = add('paragraph', article, `${article.id}__para_0`, { start: at.start, end: at.start }, { implicit: true });
    open.paragraph = p;
    return p;
  };

  const classifyPoint = (label: string): 'sub' | 'subsub' => {
    // `parenIndex` already points past the marker being classified.
    const next = parenMarkers[parenIndex]?.label;
    const sub = open.sub;
    if (!sub) return 'sub';
    const asRoman = listRomanValue(label);
    const asLetter = letterValue(label);
    const subIsRoman = sub.style === 'roman';
    if (subIsRoman) {
      // A list numbered (i), (ii) at the first level continues at that level.
      if (asRoman !== undefined && asRoman === (sub.value ?? 0) + 1) return 'sub';
      // (iii) after (i) is a gap in the roman list, not the letter iii one level down.
      if (asRoman !== undefined && label.length > 1) return 'sub';
      return asLetter !== undefined ? 'subsub' : 'sub';
    }
    const romanExact = asRoman !== undefined && asRoman === (open.subsub ? (open.subsub.value ?? 0) + 1 : 1);
    const letterExact = asLetter !== undefined && asLetter === (sub.value ?? 0) + 1;
    if (romanExact && letterExact) {
      const nextRoman = next !== undefined ? listRomanValue(next) : undefined;
      const nextLetter = next !== undefined ? letterValue(next) : undefined;
      if (nextRoman !== undefined && nextRoman === asRoman! + 1) return 'subsub';
      if (nextLetter !== undefined && nextLetter === asLetter! + 1) return 'sub';
      return open.subsub ? 'subsub' : 'sub';
    }
    if (romanExact) return 'subsub';
    if (letterExact) return 'sub';
    if (asLetter === undefined) return 'subsub';
    if (asRoman === undefined) return 'sub';
    // Neither continues its sequence: take the reading that is closer to what was expected
    // (`(ii)` after `(b)` is a sub-subparagraph missing its `(i)`, not the letter after `(hh)`).
    const romanGap = Math.abs(asRoman - (open.subsub ? (open.subsub.value ?? 0) + 1 : 1));
    const letterGap = Math.abs(asLetter - ((sub.value ?? 0) + 1));
    if (romanGap !== letterGap) return romanGap < letterGap ? 'subsub' : 'sub';
    return open.subsub ? 'subsub' : 'sub';
  };

  const item = (block: ItemNode) => {
    for (let mi = 0; mi < block.markers.length; mi++) {
      const m = block.markers[mi];
      const holder = paragraphHolder();
      if (m.style === 'paren') parenIndex++;
      const first = m.label.charCodeAt(0);
      const isDigit = first >= 48 && first <= 57;
      if (open.preamble && (isDigit || m.style === 'dot')) {
        const u = numbered(add('recital', open.preamble, `preamble__recital_${nextCount('recital')}`, m.span, NO_FIELDS, block.content), m, parseInt(m.label, 10), 'arabic');
        open.current = u;
      } else if (open.group && m.style === 'dot') {
        const u = numbered(add('note', open.group, `notes__note_${m.label}`, m.span, NO_FIELDS, block.content), m, parseInt(m.label, 10), 'arabic');
        open.current = u;
      } else if (m.style === 'dot' || isDigit) {
        const base = holder ? holder.id : 'body';
        const u = numbered(add('paragraph', holder && holder.kind !== 'notes' ? holder : undefined, `${base}__para_${m.label}`, m.span, NO_FIELDS, block.content), m, parseInt(m.label, 10), 'arabic');
        open.paragraph = u;
        open.sub = open.subsub = undefined;
        open.current = u;
      } else {
        const article = holder ?? add('article', undefined, `art_u${nextCount('art')}`, { start: m.span.start, end: m.span.start }, { implicit: true });
        if (!holder) open.article = article;
        const para = open.paragraph ?? ensureImplicitParagraph(article, m.span);
        const level = classifyPoint(m.label);
        if (level === 'sub') {
          // A list that opens with (i) goes on in roman numerals: (ii) after it is two, not the
          // letter ii (which made renumbering write (i), (b), and nest (iii) under it).
          const roman = open.sub ? open.sub.style === 'roman' && listRomanValue(m.label) !== undefined : m.label === 'i';
          const value = roman ? listRomanValue(m.label) : letterValue(m.label) ?? listRomanValue(m.label);
          const u = numbered(add('subparagraph', para, `${para.id}__point_${m.label}`, m.span, NO_FIELDS, block.content), m, value, roman ? 'roman' : 'letter');
          open.sub = u;
          open.subsub = undefined;
          open.current = u;
        } else {
          const sub = open.sub!;
          const u = numbered(add('subsubparagraph', sub, `${sub.id}__point_${m.label}`, m.span, NO_FIELDS, block.content), m, listRomanValue(m.label) ?? letterValue(m.label), sub.style === 'roman' ? 'letter' : 'roman');
          open.subsub = u;
          open.current = u;
        }
      }
      // Each marker's own text starts after the last marker on the line. The block's span
      // itself: no unit's text span is changed in place, only replaced.
      open.current!.textSpan = block.content;
      open.current!.span.end = Math.max(open.current!.span.end, m.span.end);
    }
    extend(open.current, block.span.end);
  };

  const text = (block: Block & { content: Span }) => {
    const first = tree.text.charCodeAt(block.content.start);
    // Only a line starting with I or D can be the closing formula; avoid slicing every line.
    if ((first === 73 || first === 68) && CLOSING_FORMULA.test(tree.text.slice(block.content.start, block.content.start + 24))) {
      const u = add('closing', undefined, 'closing', block.content, { textSpan: block.content });
      extend(u, block.span.end);
      open = { current: u };
      return;
    }
    if (open.preamble) {
      const u = add('recital', open.preamble, `preamble__recital_${nextCount('recital')}`, { start: block.content.start, end: block.content.start }, { textSpan: block.content, implicit: true });
      open.current = u;
      extend(u, block.span.end);
      return;
    }
    const article = open.article;
    if (article && open.current === article) {
      // An unnumbered line right under an article heading: the chapeau.
      const p = ensureImplicitParagraph(article, block.content);
      p.chapeau = true;
      p.textSpan = { start: block.content.start, end: block.content.end };
      open.current = p;
      extend(p, block.span.end);
      return;
    }
    const cur = open.current;
    if (cur) {
      // A line with no marker continues the unit above it.
      if (cur.children.length === 0 && cur.kind !== 'article' && cur.kind !== 'chapter' && cur.kind !== 'part' && cur.kind !== 'section' && cur.kind !== 'notes' && cur.kind !== 'noteGroup') {
        cur.textSpan = { start: cur.textSpan.start === cur.textSpan.end ? block.content.start : cur.textSpan.start, end: block.content.end };
      }
      extend(cur, block.span.end);
    }
  };

  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi];
    if (block.type === 'heading') heading(block);
    else if (block.type === 'item') item(block);
    else if (block.type === 'text') text(block);
    // Footnote definitions stand outside the units; the model pairs them with their references.
  }
  for (let ui = 0; ui < units.length; ui++) {
    if (units[ui].kind === 'preamble') settlePreamble(units[ui], tree.text, units, byId);
  }
  return { roots, units: units.filter((u) => byId.get(u.id) === u), byId };
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
