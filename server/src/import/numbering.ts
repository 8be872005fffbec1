// Word's automatic list numbering (numbering.xml), counted as Word displays it. The numbers
// are not in the text: a paragraph says only which list (`w:numId`) and level (`w:ilvl`)
// it belongs to. Counters belong to the abstract list a `w:num` points to, so paragraphs of
// two `w:num` on one abstract list continue one another; a `w:lvlOverride/w:startOverride`
// restarts its level the first time its `w:num` is used; a paragraph at one level restarts
// the levels below it (unless `w:lvlRestart` says otherwise).
import { toLetters, toRoman } from '../syntax/numerals';
import type { NumRef, Styles } from './styles';
import { attr, child, childrenNamed, intAttr, val, type Element } from './xml';

interface Level {
  start: number;
  format: string;
  text: string;
  /** What follows the number: a tab, a space or nothing. */
  suffix: string;
  /** One-based level after which this one restarts; 0: never. Undefined: after any level above. */
  restart?: number;
  /** "Legal" numbering: every level's number in arabic. */
  legal: boolean;
  pStyle?: string;
}

interface AbstractList {
  levels: (Level | undefined)[];
  /** `w:numStyleLink`: the definition is the list of this numbering style. */
  numStyleLink?: string;
}

interface NumInstance {
  abstractId: string;
  /** Per level: a start override and/or a whole level definition. */
  overrides: Map<number, { start?: number; level?: Level }>;
}

/** The number Word shows before a paragraph: `1.`, `(a)`; `bullet` for a bulleted item. */
export interface ListNumber {
  text: string;
  bullet: boolean;
  /** What Word puts between the number and the text: `\t`, ` ` or nothing. */
  suffix: string;
}

const MAX_LEVEL = 8;
const MAX_START = 32767;

function readLevel(el: Element): Level {
  // Word 2010 writes some formats inside mc:AlternateContent, with a classic one as fallback.
  const fallback = child(child(child(el, 'AlternateContent'), 'Fallback'), 'numFmt');
  const restart = child(el, 'lvlRestart');
  return {
    start: intAttr(child(el, 'start'), 'val', 1, 0, MAX_START),
    format: val(el, 'numFmt') ?? attr(fallback, 'val') ?? 'decimal',
    text: val(el, 'lvlText') ?? '',
    suffix: ({ space: ' ', nothing: '' } as Record<string, string>)[val(el, 'suff') ?? 'tab'] ?? '\t',
    restart: restart ? intAttr(restart, 'val', MAX_LEVEL + 1, 0, MAX_LEVEL + 1) : undefined,
    legal: child(el, 'isLgl') !== undefined && attr(child(el, 'isLgl'), 'val') !== '0' && attr(child(el, 'isLgl'), 'val') !== 'false',
    pStyle: val(el, 'pStyle'),
  };
}

function levelIndex(el: Element): number {
  return intAttr(el, 'ilvl', 0, 0, MAX_LEVEL);
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return toLetters(n);
    case 'upperLetter':
      return toLetters(n).toUpperCase();
    case 'lowerRoman':
      return toRoman(n, true);
    case 'upperRoman':
      return toRoman(n);
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

export class Numbering {
  private readonly abstracts = new Map<string, AbstractList>();
  private readonly nums = new Map<string, NumInstance>();
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly used = new Set<string>();

  constructor(
    root: Element | undefined,
    private readonly styles: Styles,
  ) {
    for (const el of childrenNamed(root, 'abstractNum')) {
      const levels: (Level | undefined)[] = [];
      for (const lvl of childrenNamed(el, 'lvl')) levels[levelIndex(lvl)] = readLevel(lvl);
      this.abstracts.set(attr(el, 'abstractNumId') ?? '', { levels, numStyleLink: val(el, 'numStyleLink') });
    }
    for (const el of childrenNamed(root, 'num')) {
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of childrenNamed(el, 'lvlOverride')) {
        const start = child(o, 'startOverride');
        const lvl = child(o, 'lvl');
        overrides.set(levelIndex(o), { start: start ? intAttr(start, 'val', 1, 0, MAX_START) : undefined, level: lvl ? readLevel(lvl) : undefined });
      }
      this.nums.set(attr(el, 'numId') ?? '', { abstractId: val(el, 'abstractNumId') ?? '', overrides });
    }
  }

  /** The abstract list whose counters a `w:num` uses, following numbering-style links. */
  private abstractOf(numId: string): { id: string; list: AbstractList } | undefined {
    let num = this.nums.get(numId);
    for (let hops = 0; num && hops < 5; hops++) {
      const list = this.abstracts.get(num.abstractId);
      if (!list) return undefined;
      if (!list.numStyleLink) return { id: num.abstractId, list };
      const linked = this.styles.numberingStyleNum(list.numStyleLink);
      num = linked !== undefined ? this.nums.get(linked) : undefined;
    }
    return undefined;
  }

  /**
   * The number of the next paragraph of list `ref`, counting it. Undefined when the list does
   * not exist or `w:numId` is 0 (numbering switched off).
   */
  next(ref: NumRef, styleId: string | undefined): ListNumber | undefined {
    if (ref.numId === '0') return undefined;
    const num = this.nums.get(ref.numId);
    const abs = this.abstractOf(ref.numId);
    if (!num || !abs) return undefined;
    let ilvl = ref.ilvl;
    if (ilvl === undefined) {
      const byStyle = abs.list.levels.findIndex((l) => l !== undefined && styleId !== undefined && l.pStyle === styleId);
      ilvl = byStyle >= 0 ? byStyle : 0;
    }
    ilvl = Math.max(0, Math.min(MAX_LEVEL, ilvl));
    const levelOf = (k: number): Level | undefined => num.overrides.get(k)?.level ?? abs.list.levels[k];
    const level = levelOf(ilvl);
    if (!level) return undefined;
    let counters = this.counters.get(abs.id);
    if (!counters) this.counters.set(abs.id, (counters = []));
    const pending = new Map<number, number>();
    if (!this.used.has(ref.numId)) {
      this.used.add(ref.numId);
      for (const [k, o] of num.overrides) if (o.start !== undefined) pending.set(k, o.start);
      // An override restarts its level: a deeper level restarted now starts afresh.
      for (const k of pending.keys()) if (k !== ilvl) counters[k] = pending.get(k)! - 1;
    }
    const current = counters[ilvl];
    counters[ilvl] = pending.has(ilvl) ? pending.get(ilvl)! : current === undefined ? level.start : current + 1;
    for (let k = ilvl + 1; k <= MAX_LEVEL; k++) {
      const restart = levelOf(k)?.restart;
      if (restart === undefined || (restart > 0 && ilvl < restart)) counters[k] = undefined;
    }
    if (level.format === 'bullet') return { text: '-', bullet: true, suffix: ' ' };
    return { text: this.render(level, levelOf, counters), bullet: false, suffix: level.suffix };
  }

  private render(level: Level, levelOf: (k: number) => Level | undefined, counters: (number | undefined)[]): string {
    let out = '';
    const t = level.text;
    for (let i = 0; i < t.length; i++) {
      const d = t.charCodeAt(i + 1) - 49;
      if (t[i] === '%' && d >= 0 && d <= MAX_LEVEL) {
        const l = levelOf(d);
        const n = counters[d] ?? l?.start ?? 1;
        out += formatNumber(n, level.legal ? 'decimal' : (l?.format ?? 'decimal'));
        i++;
      } else out += t[i];
    }
    return out;
  }
}
