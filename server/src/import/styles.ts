// Word styles (styles.xml) as the import needs them: which paragraph styles are headings or
// the title, which make text italic, and which carry list numbering. A style inherits from
// the one it is based on; each question below follows that chain.
import { attr, child, childrenNamed, path, toggle, val, type Element } from './xml';

interface Style {
  id: string;
  /** Lower case: Word stores built-in names in English whatever the language (`heading 1`). */
  name: string;
  type: string;
  basedOn?: string;
  pPr?: Element;
  rPr?: Element;
}

export interface NumRef {
  numId: string;
  /** Undefined when the style does not say: the level whose `w:pStyle` names the style decides. */
  ilvl?: number;
}

export class Styles {
  private readonly byId = new Map<string, Style>();
  private defaultParagraph?: string;

  constructor(root: Element | undefined) {
    for (const el of childrenNamed(root, 'style')) {
      const id = attr(el, 'styleId') ?? '';
      const style: Style = { id, name: (val(el, 'name') ?? id).toLowerCase(), type: attr(el, 'type') ?? 'paragraph', basedOn: val(el, 'basedOn'), pPr: child(el, 'pPr'), rPr: child(el, 'rPr') };
      this.byId.set(id, style);
      const isDefault = attr(el, 'default');
      if (style.type === 'paragraph' && (isDefault === '1' || isDefault === 'true' || isDefault === 'on')) this.defaultParagraph = id;
    }
  }

  /** The style chain of `id`, itself first (at most 20 deep: a loop in a damaged file stops). */
  private chain(id: string | undefined): Style[] {
    const out: Style[] = [];
    const seen = new Set<string>();
    let at = id ?? this.defaultParagraph;
    while (at !== undefined && !seen.has(at) && out.length < 20) {
      seen.add(at);
      const s = this.byId.get(at);
      if (!s) break;
      out.push(s);
      at = s.basedOn;
    }
    return out;
  }

  name(id: string | undefined): string {
    return this.chain(id)[0]?.name ?? '';
  }

  /** 1–9 for a heading style (by its name or its outline level), else 0. */
  headingLevel(id: string | undefined): number {
    for (const s of this.chain(id)) {
      const m = HEADING_NAME.exec(s.name);
      if (m) return Math.max(1, Math.min(9, parseInt(m[1], 10)));
      const outline = val(s.pPr, 'outlineLvl');
      if (outline !== undefined) {
        const n = parseInt(outline, 10);
        if (n >= 0 && n < 9) return n + 1;
      }
    }
    return 0;
  }

  isTitle(id: string | undefined): boolean {
    return this.chain(id).some((s) => s.name === 'title');
  }

  /** Whether the paragraph or character style makes its text italic. */
  italic(id: string | undefined): boolean | undefined {
    for (const s of this.chain(id)) {
      const i = toggle(s.rPr, 'i');
      if (i !== undefined) return i;
    }
    return undefined;
  }

  /** The list numbering a paragraph style carries (`w:numPr` in its properties). */
  numbering(id: string | undefined): NumRef | undefined {
    for (const s of this.chain(id)) {
      const numPr = child(s.pPr, 'numPr');
      if (!numPr) continue;
      const numId = val(numPr, 'numId');
      if (numId === undefined) continue;
      const ilvl = val(numPr, 'ilvl');
      return { numId, ilvl: ilvl === undefined ? undefined : parseInt(ilvl, 10) || 0 };
    }
    return undefined;
  }

  /** The `w:numId` a numbering style points to (for `w:numStyleLink`). */
  numberingStyleNum(id: string): string | undefined {
    return val(path(this.byId.get(id)?.pPr, 'numPr'), 'numId');
  }
}

const HEADING_NAME = /^heading\s*(\d)$/;
