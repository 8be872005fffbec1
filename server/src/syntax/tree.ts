// The syntax tree: what each line is and where its parts stand. No meaning yet:
// which unit a marker opens, what a reference points at, is the model's business.
import type { LineIndex, Span } from './text';

export type HeadingKind = 'preamble' | 'part' | 'chapter' | 'section' | 'article' | 'annex' | 'notes' | 'other';

/** A number as written in a heading or marker: `17`, `7 bis`, `IV`, `X`, `[X]`, `a`, `ii`. */
export interface NumberToken {
  text: string;
  span: Span;
  /** Arabic value of the numeral part, when it has one. */
  value?: number;
  /** Latin suffix: bis, ter, quater, … */
  suffix?: string;
  /** `X`, `[X]`, `__`, `…`: a number still to be decided. */
  placeholder: boolean;
  roman: boolean;
}

export interface HeadingNode {
  type: 'heading';
  line: number;
  span: Span;
  /** Number of leading `#`. Only the keyword decides the kind. */
  level: number;
  kind: HeadingKind;
  keywordSpan?: Span;
  /** `Articles 23 and 35` (a note heading names several). */
  plural: boolean;
  number?: NumberToken;
  title?: { text: string; span: Span };
  /** Everything after the hashes, trimmed. */
  rest: Span;
}

export interface MarkerToken {
  /** `3.` or `(a)` as written. */
  text: string;
  /** `3`, `a`, `ii`. */
  label: string;
  span: Span;
  labelSpan: Span;
  style: 'dot' | 'paren';
}

export interface ItemNode {
  type: 'item';
  line: number;
  span: Span;
  markers: MarkerToken[];
  /** Text after the markers. */
  content: Span;
}

export interface TextNode {
  type: 'text';
  line: number;
  span: Span;
  content: Span;
}

interface FootnoteDefNode {
  type: 'footnoteDef';
  line: number;
  span: Span;
  label: string;
  labelSpan: Span;
  content: Span;
}

export type Block = HeadingNode | ItemNode | TextNode | FootnoteDefNode;

export interface FrontMatterNode {
  /** From the opening `---` to the end of the closing fence. */
  span: Span;
  content: Span;
  closed: boolean;
}

export interface BracketGroup {
  open: number;
  /** Offset of the matching `]`, or -1 when it never closes. */
  close: number;
  depth: number;
  /** Index of the enclosing group in `brackets`, or -1. */
  parent: number;
}

export type CriticKind = 'insert' | 'delete' | 'substitute' | 'highlight' | 'comment';

export interface CriticSpan {
  kind: CriticKind;
  /** Delimiters included. */
  span: Span;
  /** Between the delimiters. For a substitution, old and new text around `~>`. */
  content: Span;
  /** Offset of `~>` in a substitution. */
  separator?: number;
  closed: boolean;
}

export interface FootnoteRef {
  label: string;
  span: Span;
}

export interface SyntaxTree {
  text: string;
  lines: LineIndex;
  frontMatter?: FrontMatterNode;
  blocks: Block[];
  brackets: BracketGroup[];
  /** `]` with no `[` before it. */
  strayClosers: number[];
  critic: CriticSpan[];
  footnoteRefs: FootnoteRef[];
}
