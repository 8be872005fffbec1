// Every treaty file the server knows (open in the editor, or read from disk), the
// analysis of each (one per text, shared by every feature), notes files attached to the
// treaty that names them, and references resolved across files through `instruments:`.
// Pure: files come in as texts; `load` is how a file not yet known is read — at once (the
// disk), or in the background (the web, through the client), the analyses following when it
// arrives.
import { checkFrontMatter, missingInstrumentFile, missingNotesFile } from '../checks/frontmatter';
import { dangling } from '../checks/references';
import type { Finding } from '../checks/registry';
import { analyse } from '../model/analyse';
import { reanalyse } from '../model/incremental';
import { composeWithNotes, frontMatterEnd, resolveAcross, type CrossResolution } from '../model/crossdoc';
import { readFrontMatter } from '../model/frontmatter';
import { isWithin } from '../model/notes';
import type { Reference, Span, Treaty, Unit } from '../model/types';
import { parse } from '../syntax/parse';
import { LineIndex } from '../syntax/text';
import { Bundle, currentView, staleView, type Part, type View } from './bundle';
import type { FileSystem } from './files';
import { baseName, resolveRelative, uriKey } from './uris';

interface SourceFile {
  uri: string;
  key: string;
  text: string;
  /** Changes whenever the text does (across all files). */
  rev: number;
  open: boolean;
  /** The editor's version, for open files. */
  version?: number;
}

interface InstrumentLink {
  key: string;
  title: string;
  file?: string;
  uri?: string;
  fileKey?: string;
  /** Where `file: …` is written, for messages. */
  fileSpan?: Span;
}

interface Header {
  title?: string;
  shortTitle?: string;
  notes?: { raw: string; uri?: string; key?: string; span: Span };
  instruments: InstrumentLink[];
  /** Problems with the front matter itself (YAML), for a notes file whose front matter is not analysed with the treaty. */
  findings: Finding[];
}

export interface External {
  ref: Reference;
  instrument: InstrumentLink;
  /** The bundle of the instrument's file, when it can be read. */
  target?: Bundle;
  resolution?: CrossResolution;
}

/** A reference that cites a unit, with the bundle it is written in. */
export interface Citation {
  ref: Reference;
  bundle: Bundle;
  /** Units of the cited bundle it names. */
  targets: Unit[];
  external: boolean;
}

/** How a file not yet known is read: a function or a FileSystem with `readFileSync` at once, a FileSystem without it in the background. */
export type Loader = ((uri: string) => string | undefined) | FileSystem;

const SWALLOWED_HEADING = /^[ \t]*#+[ \t]*(?:preamble|parts?|chapters?|sections?|articles?|annex|interpretative\s+notes)\b/im;
const STRUCTURAL = new Set(['preamble', 'part', 'chapter', 'section', 'article', 'annex', 'notes', 'noteGroup']);

export class Project {
  private files = new Map<string, SourceFile>();
  private misses = new Set<string>();
  private headers = new Map<string, { rev: number; header: Header }>();
  private bundles = new Map<string, Bundle>();
  private good = new Map<string, Bundle>();
  private owners?: Map<string, string>;
  private revCounter = 0;
  /** Keys of files being read in the background; until they arrive they are neither known nor missing. */
  private pending = new Set<string>();
  private loadListeners: ((keys: string[]) => void)[] = [];

  constructor(private readonly load?: Loader) {}

  /** Called with the keys of files read in the background once each read ends (found or not). */
  onDidLoad(listener: (keys: string[]) => void): void {
    this.loadListeners.push(listener);
  }

  // ---- files ----------------------------------------------------------------

  /** The editor's text of an open document. Returns whether anything changed. */
  openFile(uri: string, text: string, version?: number): boolean {
    return this.put(uri, text, true, version);
  }

  /** A file's text on disk; ignored while the file is open (the editor's text wins). */
  setDiskFile(uri: string, text: string): boolean {
    const existing = this.files.get(uriKey(uri));
    if (existing?.open) return false;
    return this.put(uri, text, false);
  }

  /** The editor closed a document: what is on disk counts again (or nothing, if it is not there). */
  closeFile(uri: string): void {
    const key = uriKey(uri);
    const existing = this.files.get(key);
    if (!existing) return;
    existing.open = false;
    existing.version = undefined;
    this.misses.delete(key);
    // Read in the background: the editor's last text stands for the file until it arrives.
    if (!this.readsAtOnce()) return this.readLater(existing.uri);
    const disk = this.readDisk(existing.uri);
    if (disk === undefined) this.remove(key);
    else this.put(existing.uri, disk, false);
  }

  /** The file was deleted on disk; an open document stays. */
  deleteFile(uri: string): boolean {
    const key = uriKey(uri);
    const existing = this.files.get(key);
    if (!existing || existing.open) return false;
    this.remove(key);
    return true;
  }

  /** Forget that files could not be read (after the workspace changed on disk). */
  forgetMisses(): void {
    this.misses.clear();
  }

  file(uri: string): SourceFile | undefined {
    const key = uriKey(uri);
    const known = this.files.get(key);
    if (known || !this.load || this.misses.has(key)) return known;
    if (!this.readsAtOnce()) {
      this.readLater(uri);
      return undefined;
    }
    const text = this.readDisk(uri);
    if (text === undefined) {
      this.misses.add(key);
      return undefined;
    }
    this.put(uri, text, false);
    return this.files.get(key);
  }

  allFiles(): SourceFile[] {
    return [...this.files.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  openFiles(): SourceFile[] {
    return this.allFiles().filter((f) => f.open);
  }

  /** Files that are treaties in their own right: every file but the notes files that a treaty names. */
  mainFiles(): SourceFile[] {
    const owners = this.ownerMap();
    return this.allFiles().filter((f) => !owners.has(f.key));
  }

  private put(uri: string, text: string, open: boolean, version?: number): boolean {
    const key = uriKey(uri);
    const old = this.files.get(key);
    this.misses.delete(key);
    if (old && old.text === text) {
      old.open = open;
      old.version = version;
      if (open) old.uri = uri;
      return false;
    }
    if (!old || frontMatterText(old.text) !== frontMatterText(text)) this.owners = undefined;
    this.files.set(key, { uri: open || !old ? uri : old.uri, key, text, rev: ++this.revCounter, open, version });
    return true;
  }

  private remove(key: string) {
    this.files.delete(key);
    this.headers.delete(key);
    this.bundles.delete(key);
    this.good.delete(key);
    this.owners = undefined;
  }

  private readsAtOnce(): boolean {
    return typeof this.load === 'function' || !!this.load?.readFileSync;
  }

  private readDisk(uri: string): string | undefined {
    try {
      return typeof this.load === 'function' ? this.load(uri) : this.load?.readFileSync?.(uri);
    } catch {
      return undefined;
    }
  }

  /** Reads a file in the background (once at a time), then records it, or its absence, and tells the listeners. */
  private readLater(uri: string): void {
    const key = uriKey(uri);
    const fs = this.load;
    if (this.pending.has(key) || !fs || typeof fs === 'function') return;
    this.pending.add(key);
    void fs
      .readFile(uri)
      .catch(() => undefined)
      .then((text) => {
        this.pending.delete(key);
        const known = this.files.get(key);
        if (text !== undefined) this.setDiskFile(uri, text);
        else if (!known?.open) {
          if (known) this.remove(key);
          this.misses.add(key);
        }
        for (const l of this.loadListeners) l([key]);
      });
  }

  /** Whether a file named in front matter is missing: neither known nor being read. */
  private missing(uri: string | undefined): boolean {
    return !uri || (!this.file(uri) && !this.pending.has(uriKey(uri)));
  }

  // ---- front matter -------------------------------------------------------------

  header(file: SourceFile): Header {
    const cached = this.headers.get(file.key);
    if (cached && cached.rev === file.rev) return cached.header;
    const header = readHeader(file);
    this.headers.set(file.key, { rev: file.rev, header });
    return header;
  }

  /** Notes file key → the treaty that names it (the first, when several do). */
  private ownerMap(): Map<string, string> {
    if (this.owners) return this.owners;
    const owners = new Map<string, string>();
    for (const f of this.allFiles()) {
      const notesKey = this.header(f).notes?.key;
      if (!notesKey || notesKey === f.key || owners.has(notesKey)) continue;
      owners.set(notesKey, f.key);
    }
    // A file that is itself a notes file does not lend its own notes file to anyone.
    for (const [notes, owner] of [...owners]) if (owners.has(owner)) owners.delete(notes);
    this.owners = owners;
    return owners;
  }

  /** The treaty whose `notes:` names this file, if any. */
  ownerOf(uri: string): SourceFile | undefined {
    const owner = this.ownerMap().get(uriKey(uri));
    return owner ? this.files.get(owner) : undefined;
  }

  // ---- analyses -----------------------------------------------------------------

  /** The current analysis holding this file (for a notes file: its treaty's). */
  bundle(uri: string): Bundle | undefined {
    const file = this.file(uri);
    if (!file) return undefined;
    const main = this.ownerOf(file.key) ?? file;
    const notesRef = this.header(main).notes;
    const notes = notesRef?.uri && notesRef.key !== main.key ? this.file(notesRef.uri) : undefined;
    const signature = `${main.rev}|${notes ? `${notes.key}@${notes.rev}` : ''}`;
    const cached = this.bundles.get(main.key);
    if (cached && cached.signature === signature) return cached;
    const bundle = build(main, notes, signature, cached);
    const good = this.good.get(main.key);
    bundle.degraded = isDegraded(bundle, good);
    if (!bundle.degraded) this.good.set(main.key, bundle);
    this.bundles.set(main.key, bundle);
    return bundle;
  }

  /**
   * What features read for a file. While the current analysis is degraded (see
   * `isDegraded`), the last good analysis answers, mapped through the edits since.
   */
  view(uri: string): View | undefined {
    const bundle = this.bundle(uri);
    if (!bundle) return undefined;
    if (bundle.degraded) {
      const good = this.good.get(bundle.key);
      if (good && good !== bundle && samePartKeys(good, bundle)) return staleView(good, bundle);
    }
    return currentView(bundle);
  }

  /** A view of the current analysis, never stale (for edits such as rename). */
  currentView(uri: string): View | undefined {
    const bundle = this.bundle(uri);
    return bundle ? currentView(bundle) : undefined;
  }

  /** The last good analysis of the bundle holding this file, if it differs from the current one. */
  lastGood(uri: string): Bundle | undefined {
    const bundle = this.bundle(uri);
    return bundle ? this.good.get(bundle.key) : undefined;
  }

  // ---- across files ---------------------------------------------------------------

  /** The references of a bundle to instruments mapped to files, resolved in those files. */
  externals(bundle: Bundle): External[] {
    const main = this.files.get(bundle.key);
    if (!main) return [];
    const header = this.header(main);
    const links = new Map(header.instruments.filter((i) => i.uri).map((i) => [i.key, i]));
    if (links.size === 0) return [];
    const targets = new Map<string, Bundle | undefined>();
    for (const link of links.values()) targets.set(link.key, link.fileKey === bundle.key ? bundle : this.bundle(link.uri!));
    const signature = [...targets].map(([k, b]) => `${k}=${b?.signature ?? '-'}`).join(';');
    const memo = bundle.memo.get('externals') as { signature: string; list: External[] } | undefined;
    if (memo && memo.signature === signature) return memo.list;
    const list: External[] = [];
    for (const ref of bundle.treaty.references) {
      if (ref.kind !== 'external' || !ref.instrumentKey) continue;
      const instrument = links.get(ref.instrumentKey);
      if (!instrument) continue;
      const target = targets.get(instrument.key);
      const resolution = target ? resolveAcross(ref, bundle.treaty, target.treaty, baseName(target.main.uri)) : undefined;
      list.push({ ref, instrument, target, resolution });
    }
    bundle.memo.set('externals', { signature, list });
    return list;
  }

  /** Bundles whose front matter maps an instrument to a file of this bundle. */
  citingBundles(bundle: Bundle): Bundle[] {
    const keys = new Set(bundle.parts.map((p) => p.key));
    const out: Bundle[] = [];
    for (const f of this.mainFiles()) {
      if (f.key === bundle.key) continue;
      if (!this.header(f).instruments.some((i) => i.fileKey && keys.has(i.fileKey))) continue;
      const b = this.bundle(f.uri);
      if (b) out.push(b);
    }
    return out;
  }

  /**
   * Every reference that cites `unit` (the unit itself or anything in it) from outside it:
   * in its own bundle, and in other files that map an instrument to this one.
   */
  citationsOf(bundle: Bundle, unit: Unit): Citation[] {
    const out: Citation[] = [];
    for (const ref of bundle.treaty.references) {
      if (ref.kind !== 'internal') continue;
      const targets = ref.targets.filter((t) => isWithin(t, unit));
      if (targets.length === 0 || (ref.from && isWithin(ref.from, unit))) continue;
      out.push({ ref, bundle, targets, external: false });
    }
    const self = this.externals(bundle);
    const others = this.citingBundles(bundle).map((b) => [b, this.externals(b)] as const);
    for (const [b, list] of [[bundle, self] as const, ...others]) {
      for (const ext of list) {
        if (ext.target !== bundle || !ext.resolution) continue;
        const targets = ext.resolution.targets.filter((t) => isWithin(t, unit));
        if (targets.length > 0) out.push({ ref: ext.ref, bundle: b, targets, external: true });
      }
    }
    return out;
  }

  /** Citations of every article of a bundle at once (for code lenses). */
  articleCitations(bundle: Bundle): Map<Unit, Citation[]> {
    const byArticle = new Map<Unit, Citation[]>();
    const add = (article: Unit, c: Citation) => {
      const list = byArticle.get(article) ?? [];
      if (!list.some((x) => x.ref === c.ref && x.bundle === c.bundle)) list.push(c);
      byArticle.set(article, list);
    };
    const articleOf = (u: Unit | undefined) => {
      for (let x = u; x; x = x.parent) if (x.kind === 'article' && !x.implicit) return x;
      return undefined;
    };
    for (const ref of bundle.treaty.references) {
      if (ref.kind !== 'internal') continue;
      for (const t of ref.targets) {
        const a = articleOf(t);
        if (a && !(ref.from && isWithin(ref.from, a))) add(a, { ref, bundle, targets: ref.targets.filter((x) => isWithin(x, a)), external: false });
      }
    }
    for (const b of [bundle, ...this.citingBundles(bundle)]) {
      for (const ext of this.externals(b)) {
        if (ext.target !== bundle || !ext.resolution) continue;
        for (const t of ext.resolution.targets) {
          const a = articleOf(t);
          if (a) add(a, { ref: ext.ref, bundle: b, targets: ext.resolution.targets.filter((x) => isWithin(x, a)), external: true });
        }
      }
    }
    return byArticle;
  }

  // ---- problems ---------------------------------------------------------------------

  /** The problems of one file, with spans in that file's own text. */
  findings(uri: string): Finding[] {
    const key = uriKey(uri);
    const bundle = this.bundle(uri);
    const part = bundle?.partFor(key);
    if (!bundle || !part) return [];
    const shift = (s: Span): Span => ({ start: Math.max(0, s.start - part.base), end: Math.max(0, Math.min(s.end - part.base, part.text.length)) });
    const out: Finding[] = [];
    for (const f of bundle.findings) if (bundle.inPart(f.span, part)) out.push({ ...f, span: shift(f.span) });
    const file = this.files.get(key);
    if (file) {
      const header = this.header(file);
      if (part.role === 'notes') out.push(...header.findings);
      if (part.role === 'main') out.push(...this.headerProblems(header));
    }
    for (const ext of this.externals(bundle)) {
      if (!ext.resolution || ext.resolution.missing.length === 0 || !bundle.inPart(ext.ref.span, part)) continue;
      out.push(dangling(ext.ref.text, shift(ext.ref.span), ext.resolution.missing.map((m) => m.description), { instrument: ext.instrument.key }));
    }
    return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  }

  /** Files named in front matter that cannot be read. */
  private headerProblems(header: Header): Finding[] {
    const out: Finding[] = [];
    if (header.notes && this.missing(header.notes.uri)) {
      out.push(missingNotesFile(header.notes.span, header.notes.raw));
    }
    for (const inst of header.instruments) {
      if (!inst.file || !inst.fileSpan) continue;
      if (this.missing(inst.uri)) {
        out.push(missingInstrumentFile(inst.fileSpan, inst.file, inst.key));
      }
    }
    return out;
  }
}

function frontMatterText(text: string): string {
  return text.slice(0, frontMatterEnd(text));
}

/** The front matter of a file alone: `notes:`, `instruments:` with their files resolved. */
export function readHeader(file: SourceFile): Header {
  const end = frontMatterEnd(file.text);
  const header: Header = { instruments: [], findings: [] };
  if (end === 0) return header;
  const source = file.text.slice(0, end);
  const tree = parse(source);
  const frontMatter = readFrontMatter(source, tree.frontMatter);
  header.findings = checkFrontMatter(frontMatter);
  header.title = frontMatter.title;
  header.shortTitle = frontMatter.shortTitle;
  if (frontMatter.notesFile) {
    const uri = resolveRelative(file.uri, frontMatter.notesFile);
    header.notes = { raw: frontMatter.notesFile, uri, key: uri ? uriKey(uri) : undefined, span: valueSpan(source, 'notes', frontMatter.notesFile) };
  }
  for (const inst of frontMatter.instruments) {
    const link: InstrumentLink = { key: inst.key, title: inst.title, file: inst.file };
    if (inst.file) {
      link.uri = resolveRelative(file.uri, inst.file);
      link.fileKey = link.uri ? uriKey(link.uri) : undefined;
      link.fileSpan = valueSpan(source, 'file', inst.file);
    }
    header.instruments.push(link);
  }
  return header;
}

/** Where `key: value` writes its value in the front matter (or the key, or the start). */
function valueSpan(source: string, key: string, value: string): Span {
  const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`\\b${escaped(key)}\\s*:\\s*["']?(${escaped(value)})`, 'g');
  const m = re.exec(source);
  if (m) {
    const start = m.index + m[0].length - m[1].length;
    return { start, end: start + m[1].length };
  }
  const at = source.indexOf(value);
  return at >= 0 ? { start: at, end: at + value.length } : { start: 0, end: 3 };
}

/**
 * The bundle of `main` and its notes file. The analysis of the `previous` bundle of the same
 * files is updated by difference (model/incremental.ts), which consumes it: the caller
 * replaces that bundle, and it is never the last good one when it is consumed (an update by
 * difference leaves the text as intact as it was, so the new bundle is then the good one).
 */
function build(main: SourceFile, notes: SourceFile | undefined, signature: string, previous?: Bundle): Bundle {
  const sameFiles = previous && previous.parts.length === (notes ? 2 : 1) && (!notes || previous.parts[1].key === notes.key);
  const analysed = (text: string) => (sameFiles ? reanalyse(previous.treaty, text).treaty : analyse(text));
  if (!notes) {
    // The analysis indexed the lines of this very text: no second index.
    const treaty = analysed(main.text);
    return new Bundle(main.key, [{ uri: main.uri, key: main.key, role: 'main', text: main.text, lines: treaty.lines, base: 0, rev: main.rev }], treaty, signature);
  }
  const mainPart: Part = { uri: main.uri, key: main.key, role: 'main', text: main.text, lines: new LineIndex(main.text), base: 0, rev: main.rev };
  const { text, notesBase } = composeWithNotes(main.text, notes.text);
  const notesPart: Part = { uri: notes.uri, key: notes.key, role: 'notes', text: notes.text, lines: new LineIndex(notes.text), base: notesBase, rev: notes.rev };
  return new Bundle(main.key, [mainPart, notesPart], analysed(text), signature);
}

/**
 * The last-good policy. An analysis is degraded when the text has a construct that is
 * momentarily broken in a way that can swallow structure — invalid front matter (an
 * opening `---` whose closing fence is found far below, or none, or a front matter
 * holding a line that reads as a heading) or an unclosed
 * CriticMarkup span — and it has fewer structural units (preamble, parts, chapters,
 * sections, articles, annexes, notes and note headings) than the last good analysis.
 * Unbalanced square brackets never count: drafters leave them open for a long time and
 * they cannot hide a heading.
 */
export function isDegraded(bundle: Bundle, good: Bundle | undefined): boolean {
  if (!good || good === bundle) return false;
  const t = bundle.treaty;
  const fm = t.syntax.frontMatter;
  const swallowed = !!fm && SWALLOWED_HEADING.test(t.text.slice(fm.content.start, fm.content.end));
  const suspect = swallowed || t.frontMatter.problems.length > 0 || t.syntax.critic.some((c) => !c.closed);
  if (!suspect) return false;
  return structuralCount(t) < structuralCount(good.treaty);
}

function structuralCount(t: Treaty): number {
  let n = 0;
  for (const u of t.units) if (!u.implicit && STRUCTURAL.has(u.kind)) n++;
  return n;
}

function samePartKeys(a: Bundle, b: Bundle): boolean {
  return a.parts.length === b.parts.length && a.parts.every((p, i) => p.key === b.parts[i].key);
}
