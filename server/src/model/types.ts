// The treaty as a drafter understands it: units with their numbers, defined terms
// and their uses, cross-references resolved to units, interpretative notes, footnotes.
import type { Span, LineIndex } from '../syntax/text';
import type { SyntaxTree, NumberToken, CriticSpan, BracketGroup } from '../syntax/tree';

export type UnitKind =
  | 'preamble'
  | 'recital'
  | 'part'
  | 'chapter'
  | 'section'
  | 'article'
  | 'annex'
  | 'paragraph'
  | 'subparagraph'
  | 'subsubparagraph'
  | 'notes'
  | 'noteGroup'
  | 'note'
  | 'closing';

export type NumberStyle = 'arabic' | 'roman' | 'ROMAN' | 'letter' | 'none';

export interface Unit {
  /** Akoma Ntoso style id: `art_17__para_1__point_a__point_i`, `chp_2`, `art_2__para_0`. */
  id: string;
  kind: UnitKind;
  /** The number as written: `17`, `7 bis`, `IV`, `a`, `ii`, `X`; empty when unnumbered. */
  number: string;
  /** Arabic value of the number's base (`7 bis` → 7, `iv` → 4, `c` → 3). */
  value?: number;
  suffix?: string;
  placeholder: boolean;
  style: NumberStyle;
  /** Where the number is written (heading number or marker label), for renumbering. */
  numberSpan?: Span;
  /** For an unnumbered heading (`## Article. Extradition`): where a number would be written. */
  numberInsertAt?: number;
  /** Heading or marker, for go-to-definition. */
  anchorSpan: Span;
  /** The unit from its heading or marker to the end of its last line. */
  span: Span;
  /** The unit's own text (after its marker, without children), for hovers. */
  textSpan: Span;
  title?: string;
  titleSpan?: Span;
  parent?: Unit;
  children: Unit[];
  /** Position in document order among all units. */
  index: number;
  /** The unnumbered text under a heading (`para_0`) is implicit: it has no marker. */
  implicit?: boolean;
  /** Set on `para_0` when it holds text of its own ("For the purposes of this Convention:"). */
  chapeau?: boolean;
}

export type DefinitionScope = 'global' | 'chapter' | 'article' | 'paragraph';

export interface Definition {
  /** The term as written in the quotes. */
  term: string;
  /** Lower-cased, with white space folded: the key uses are matched on. */
  key: string;
  /** The quoted term (quotes excluded). */
  span: Span;
  /** The unit whose text holds the definition. */
  unit: Unit;
  scope: DefinitionScope;
  /** The unit the scope is limited to; undefined for global scope. */
  scopeUnit?: Unit;
  /** `(a) "[Computer system] [ICT device]";`: defined, meaning still to be agreed. */
  pending: boolean;
  /** The other names this definition gives at once (`"Freezing" or "seizure"`), including itself. */
  group: Definition[];
  /** Alternative names inside one quoted term: `"[Computer system] [ICT device]"`. */
  alternativeOf?: Definition;
  uses: TermUse[];
}

export interface TermUse {
  definition: Definition;
  span: Span;
  /** The unit the use stands in. */
  unit: Unit;
}

export type RefLevel = 'part' | 'chapter' | 'section' | 'annex' | 'article' | 'paragraph' | 'point';

/** One number written in a reference, with what it denotes. */
export interface RefNumber {
  text: string;
  span: Span;
  level: RefLevel;
  /** The unit this number names; undefined when it names nothing (dangling). */
  unit?: Unit;
  /** Endpoint of a range (`7` and `16` in `articles 7 to 16`). */
  rangeEndpoint?: 'from' | 'to';
}

type ReferenceKind = 'internal' | 'external' | 'placeholder';

export interface Reference {
  kind: ReferenceKind;
  /** The whole phrase: `article 17, paragraph 1 (a) (i) or (ii), of this Convention`. */
  span: Span;
  text: string;
  numbers: RefNumber[];
  /** Every unit the reference names, ranges expanded, in the order written. */
  targets: Unit[];
  /** Numbers that name no unit, with the words a drafter would use for what is missing. */
  missing: { span: Span; description: string }[];
  /** The unit the reference is written in. */
  from?: Unit;
  /** External: the instrument named (`International Covenant on Civil and Political Rights`, `UNTOC`). */
  instrument?: string;
  instrumentKey?: string;
  /** A note heading (`## Article 2` under Interpretative notes). */
  noteHeading?: boolean;
  /** Read the way a reader would, but not written precisely: where, and the precise form. */
  imprecise?: { span: Span; precise: string }[];
}

export interface NoteGroup {
  unit: Unit;
  /** The heading's reference (`Articles 23 and 35`), if it names anything. */
  reference?: Reference;
  targets: Unit[];
  /** `with regard to the term "investigation"`. */
  regardingTerm?: string;
  notes: Note[];
}

export interface Note {
  unit: Unit;
  number: string;
  group: NoteGroup;
  /** Units the note concerns: its heading's targets and the units its text cites. */
  concerns: Unit[];
  /** Terms the note quotes or is "with regard to" (lower-case keys). */
  terms: string[];
}

export interface Footnote {
  label: string;
  /** The `[^7]: text` line. */
  span?: Span;
  labelSpan?: Span;
  textSpan?: Span;
  refs: Span[];
}

export interface InstrumentInfo {
  key: string;
  title: string;
  file?: string;
}

export interface FrontMatter {
  title?: string;
  shortTitle?: string;
  status?: string;
  symbol?: string;
  instruments: InstrumentInfo[];
  notesFile?: string;
  /** Every key, as parsed, for hovers and tools. */
  data: Record<string, unknown>;
  /** What is wrong with the block itself; checks/frontmatter.ts reports it. */
  problems: FrontMatterProblem[];
}

export interface FrontMatterProblem {
  /** unclosed: no closing `---`; yaml: not valid YAML; form: a field of the wrong form. */
  kind: 'unclosed' | 'yaml' | 'form';
  span: Span;
  message: string;
}

export interface AlternativeSet {
  /** Bracket groups separated only by white space. */
  groups: BracketGroup[];
  span: Span;
}

export interface Treaty {
  text: string;
  lines: LineIndex;
  syntax: SyntaxTree;
  frontMatter: FrontMatter;
  /** Names the treaty calls itself: `Convention` (from `short-title`), the title. */
  selfNames: string[];
  /** Top-level units (preamble, parts/chapters/articles outside them, annexes, notes). */
  roots: Unit[];
  /** Every unit in document order. */
  units: Unit[];
  byId: Map<string, Unit>;
  articles: Unit[];
  chapters: Unit[];
  parts: Unit[];
  sections: Unit[];
  annexes: Unit[];
  definitions: Definition[];
  uses: TermUse[];
  references: Reference[];
  /** Designator-like phrases no reference covers (`Article 5bis`): keyword to designator. */
  unrecognised: Span[];
  noteGroups: NoteGroup[];
  notes: Note[];
  footnotes: Map<string, Footnote>;
  alternatives: AlternativeSet[];
  changes: CriticSpan[];
  comments: CriticSpan[];
}

export type { Span, NumberToken };
