// Across documents: references to another instrument that front matter maps to a
// workspace file (`article 56 of the Convention`), and interpretative notes kept in
// the file named by `notes:`. Pure: texts and models in, units and spans out.
import { LineIndex } from '../syntax/text';
import { romanValue } from '../syntax/numerals';
import { keywordAt, parseReference, tokenize, type GrammarContext, type Seg, type TargetSpec, type Token } from './refgrammar';
import { normalizeNumber } from './references';
import { grammarContextOf } from './analyse';
import type { RefLevel, Reference, Span, Treaty, Unit } from './types';

/** The grammar context `analyse` used for a treaty: its self-names and its instruments. */
export function grammarContext(treaty: Treaty): GrammarContext {
  return grammarContextOf(treaty.selfNames, treaty.frontMatter.instruments);
}

export interface CrossNumber {
  text: string;
  span: Span;
  level: RefLevel;
  /** The unit of the other treaty this number names; undefined when it names nothing there. */
  unit?: Unit;
  rangeEndpoint?: 'from' | 'to';
}

export interface CrossResolution {
  numbers: CrossNumber[];
  /** Units of the other treaty, ranges expanded, in the order written. */
  targets: Unit[];
  /** Numbers that name nothing in the other treaty, as a drafter would say it. */
  missing: { span: Span; description: string }[];
  /** The reference names a paragraph or subparagraph with no article to count from (`paragraph 3 of the Convention`). */
  unanchored?: boolean;
}

/**
 * Resolves an external reference of `citing` against the treaty `target` that its
 * instrument is mapped to. `targetName` names that treaty in messages (`the Convention`).
 */
export function resolveAcross(ref: Reference, citing: Treaty, target: Treaty, targetName: string): CrossResolution {
  const result: CrossResolution = { numbers: [], targets: [], missing: [] };
  const tokens = tokenize(citing.text, ref.span.start, ref.span.end);
  const parsed = keywordAt(tokens, 0) ? parseReference(tokens, 0, grammarContext(citing)) : undefined;
  if (!parsed || parsed.placeholder || parsed.specs.length === 0) {
    for (const n of ref.numbers) result.numbers.push({ text: n.text, span: n.span, level: n.level });
    return result;
  }
  const lastSpec = parsed.specs[parsed.specs.length - 1];
  const specsEnd = (lastSpec.to ?? lastSpec.segs[lastSpec.segs.length - 1]).span.end;
  // The core keeps only the instrument of `paragraph 3 of article 14 of the Convention`;
  // the path in between is read again here.
  const base = basePath(tokens, specsEnd);
  const baseUnit = base.length > 0 ? walk(target, base, undefined) : undefined;
  for (const spec of parsed.specs) resolveSpec(target, targetName, spec, base, baseUnit, result);
  return result;
}

/** `of paragraph 1 of article 14` after the numbers: the article first, then the paragraph. */
function basePath(tokens: Token[], after: number): Seg[] {
  let article: Seg | undefined;
  let paragraph: Seg | undefined;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    if (t.start < after || t.kind !== 'word') continue;
    const next = tokens[i + 1];
    if (next.kind !== 'num') continue;
    const word = t.text.toLowerCase();
    if (word === 'article' && !article) {
      const suffix = tokens[i + 2];
      const withSuffix = suffix && suffix.kind === 'word' && /^(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)$/i.test(suffix.text);
      article = {
        level: 'article',
        label: withSuffix ? `${next.text} ${suffix.text.toLowerCase()}` : next.text,
        span: { start: next.start, end: withSuffix ? suffix.end : next.end },
      };
    } else if (word === 'paragraph' && !paragraph) {
      paragraph = { level: 'paragraph', label: next.text, span: { start: next.start, end: next.end } };
    }
  }
  return [article, paragraph].filter((s): s is Seg => !!s);
}

function resolveSpec(target: Treaty, targetName: string, spec: TargetSpec, base: Seg[], baseUnit: Unit | undefined, out: CrossResolution) {
  const top = spec.segs[0].level;
  const rooted = top === 'article' || top === 'chapter' || top === 'part' || top === 'section';
  const all = [...spec.segs, ...(spec.to ? [spec.to] : [])];
  if (!rooted && !baseUnit) {
    for (const seg of all) out.numbers.push({ text: seg.label, span: seg.span, level: seg.level });
    if (base.length === 0) out.unanchored = true;
    else out.missing.push({ span: base[0].span, description: `${segWord(base[0])} of ${targetName}` });
    return;
  }
  let node = rooted ? undefined : baseUnit;
  let parent: Unit | undefined = node;
  let failed = false;
  const pushed: CrossNumber[] = [];
  for (const seg of spec.segs) {
    const next = failed ? undefined : step(target, node, seg);
    if (!failed && !next) {
      failed = true;
      out.missing.push({ span: seg.span, description: `${segWord(seg)}${node ? ` of ${unitWord(node)}` : ''} of ${targetName}` });
    }
    const n: CrossNumber = { text: seg.label, span: seg.span, level: seg.level, unit: next };
    pushed.push(n);
    out.numbers.push(n);
    parent = node;
    node = next;
  }
  if (failed || !node) {
    if (spec.to) out.numbers.push({ text: spec.to.label, span: spec.to.span, level: spec.to.level });
    return;
  }
  if (!spec.to) {
    out.targets.push(node);
    return;
  }
  const end = step(target, parent, spec.to);
  pushed[pushed.length - 1].rangeEndpoint = 'from';
  out.numbers.push({ text: spec.to.label, span: spec.to.span, level: spec.to.level, unit: end, rangeEndpoint: 'to' });
  if (!end) {
    out.missing.push({ span: spec.to.span, description: `${segWord(spec.to)}${parent ? ` of ${unitWord(parent)}` : ''} of ${targetName}` });
    out.targets.push(node);
    return;
  }
  const level = spec.to.level;
  const siblings = level === 'article' ? target.articles : level === 'chapter' ? target.chapters : level === 'part' ? target.parts : level === 'section' ? target.sections : node.parent?.children ?? [node];
  let a = siblings.indexOf(node);
  let b = siblings.indexOf(end);
  if (a < 0 || b < 0) {
    out.targets.push(node, end);
    return;
  }
  if (a > b) [a, b] = [b, a];
  for (let k = a; k <= b; k++) if (siblings[k].kind === node.kind && !siblings[k].implicit) out.targets.push(siblings[k]);
}

/** The unit `seg` names under `node` (or at the top, for articles and divisions). */
function step(target: Treaty, node: Unit | undefined, seg: Seg): Unit | undefined {
  switch (seg.level) {
    case 'article': {
      const key = normalizeNumber(seg.label);
      return target.articles.find((a) => !a.placeholder && a.number !== '' && normalizeNumber(a.number) === key);
    }
    case 'chapter':
    case 'part':
    case 'section': {
      const list = seg.level === 'chapter' ? target.chapters : seg.level === 'part' ? target.parts : target.sections;
      const value = /^\d+$/.test(seg.label) ? parseInt(seg.label, 10) : romanValue(seg.label);
      return list.find((u) => normalizeNumber(u.number) === normalizeNumber(seg.label) || (value !== undefined && !u.suffix && u.value === value));
    }
    case 'paragraph': {
      if (!node) return undefined;
      const holder = node.kind === 'paragraph' && node.implicit && node.parent ? node.parent : node;
      return holder.children.find((c) => c.kind === 'paragraph' && !c.implicit && c.number === seg.label);
    }
    case 'point': {
      if (!node) return undefined;
      const holder = node.kind === 'article' ? node.children.find((c) => c.kind === 'paragraph' && c.implicit) : node;
      return holder?.children.find((c) => (c.kind === 'subparagraph' || c.kind === 'subsubparagraph') && c.number === seg.label);
    }
  }
}

function walk(target: Treaty, segs: Seg[], start: Unit | undefined): Unit | undefined {
  let node = start;
  for (const seg of segs) {
    node = step(target, node, seg);
    if (!node) return undefined;
  }
  return node;
}

function segWord(seg: Seg): string {
  return seg.level === 'point' ? `subparagraph (${seg.label})` : `${seg.level} ${seg.label}`;
}

function unitWord(unit: Unit): string {
  if (unit.kind === 'paragraph' && unit.implicit) return unit.parent ? unitWord(unit.parent) : 'article';
  if (unit.kind === 'subparagraph' || unit.kind === 'subsubparagraph') return `subparagraph (${unit.number})`;
  return `${unit.kind} ${unit.number}`;
}

/** Where a treaty's text and its notes file's text stand in the text analysed together. */
export interface NotesComposite {
  /** The treaty's text, a separator, then the notes file's text with its front matter blanked. */
  text: string;
  /** Offset of the notes file's first character in `text`. */
  notesBase: number;
}

const NOTES_HEADING = /^[ \t]*#+[ \t]*interpretative\s+notes\b/i;

/**
 * The treaty followed by its notes file, analysed as one text so that the notes'
 * headings and citations resolve against the treaty exactly as notes written in it do.
 * The notes file's front matter is blanked (white space, line breaks kept) so every
 * offset of the notes file is `notesBase` plus its own offset; a notes file that does
 * not open with `# Interpretative notes` gets that heading in the separator.
 */
export function composeWithNotes(treatyText: string, notesText: string): NotesComposite {
  const fm = frontMatterEnd(notesText);
  const blanked = fm > 0 ? notesText.slice(0, fm).replace(/[^\r\n]/g, ' ') + notesText.slice(fm) : notesText;
  const lines = new LineIndex(blanked);
  let opensWithNotes = false;
  for (let line = 0; line < lines.lineCount; line++) {
    const t = lines.lineText(line);
    if (t.trim() === '') continue;
    opensWithNotes = NOTES_HEADING.test(t);
    break;
  }
  const eol = new LineIndex(treatyText).eol();
  const separator = eol + eol + (opensWithNotes ? '' : `# Interpretative notes${eol}${eol}`);
  const text = treatyText + separator + blanked;
  return { text, notesBase: treatyText.length + separator.length };
}

/** Offset just past the closing fence of a closed front matter block; 0 when there is none. */
export function frontMatterEnd(text: string): number {
  const lines = new LineIndex(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (lines.lineText(0).slice(bom).trimEnd() !== '---') return 0;
  for (let line = 1; line < lines.lineCount; line++) {
    const t = lines.lineText(line).trimEnd();
    if (t === '---' || t === '...') return lines.ends[line];
  }
  return 0;
}
