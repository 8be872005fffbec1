// The outline of one file (preamble, parts, chapters, articles with their headings,
// paragraphs, defined terms, notes) and the symbols of the whole workspace.
import type { Definition, Unit, UnitKind } from '../model/types';
import { describe } from '../model/units';
import type { Location, View } from '../workspace/bundle';
import { openBracketsIn, openDetail } from './negotiation';
import { oneLine, unitTitle } from './text';

/** The kinds of unit the outline shows. Each is its own symbol kind, so one list serves as both. */
const OUTLINED_KINDS = ['preamble', 'part', 'chapter', 'section', 'article', 'annex', 'paragraph', 'notes', 'noteGroup', 'note'] as const satisfies readonly UnitKind[];
type OutlinedKind = (typeof OUTLINED_KINDS)[number];
const OUTLINED: ReadonlySet<UnitKind> = new Set(OUTLINED_KINDS);
const isOutlined = (kind: UnitKind): kind is OutlinedKind => OUTLINED.has(kind);

export type SymbolKindName = OutlinedKind | 'term';

export interface OutlineNode {
  name: string;
  detail?: string;
  kind: SymbolKindName;
  location: Location;
  selection: Location;
  children: OutlineNode[];
}

export function outline(view: View, key: string): OutlineNode[] {
  const part = view.part(key);
  if (!part) return [];
  const treaty = view.treaty;
  const bundle = view.bundle;
  const defsByUnit = new Map<Unit, Definition[]>();
  for (const d of treaty.definitions) {
    let u: Unit | undefined = d.unit;
    while (u && !(isOutlined(u.kind) && !u.implicit)) u = u.parent;
    if (!u) continue;
    defsByUnit.set(u, [...(defsByUnit.get(u) ?? []), d]);
  }
  const termNode = (d: Definition): OutlineNode | undefined => {
    const loc = view.locate(d.span);
    if (!loc || loc.uri !== part.uri) return undefined;
    return { name: `"${d.term}"`, detail: d.pending ? 'defined term (pending)' : 'defined term', kind: 'term', location: loc, selection: loc, children: [] };
  };
  const walk = (units: Unit[]): OutlineNode[] => {
    const out: OutlineNode[] = [];
    for (const u of units) {
      const kind = isOutlined(u.kind) ? u.kind : undefined;
      const children = walk(u.children);
      if (!kind || u.implicit || !bundle.unitInPart(u, part)) {
        out.push(...children);
        continue;
      }
      const location = view.locate(u.span);
      const selection = view.locate(u.anchorSpan);
      if (!location || !selection || location.uri !== part.uri || !contains(location, selection)) {
        out.push(...children);
        continue;
      }
      for (const d of defsByUnit.get(u) ?? []) {
        const n = termNode(d);
        if (n && contains(location, n.location)) children.push(n);
      }
      children.sort((a, b) => a.selection.range.start.line - b.selection.range.start.line || a.selection.range.start.character - b.selection.range.start.character);
      out.push({ name: symbolName(u), detail: symbolDetail(view, u), kind, location, selection, children });
    }
    return out;
  };
  return walk(treaty.roots);
}

function symbolName(u: Unit): string {
  switch (u.kind) {
    case 'paragraph':
      return `Paragraph ${u.number}`;
    case 'note':
      return `Note ${u.number}`;
    case 'noteGroup':
      return u.title ?? 'Notes';
    default:
      return unitTitle(u);
  }
}

function symbolDetail(view: View, u: Unit): string | undefined {
  if (u.kind === 'paragraph' || u.kind === 'note') return oneLine(view.treaty, u, 60);
  // Articles (and the preamble, annexes) that still hold brackets are marked `[open] 3 sets`.
  const open = u.kind === 'article' || u.kind === 'preamble' || u.kind === 'annex' ? openDetail(openBracketsIn(view.treaty, u)) : undefined;
  if (u.kind === 'article' && u.placeholder) return open ? `number to be decided; ${open}` : 'number to be decided';
  return open;
}

function contains(outer: Location, inner: Location): boolean {
  const a = outer.range;
  const b = inner.range;
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return outer.uri === inner.uri && before(a.start, b.start) && before(b.end, a.end);
}

interface WorkspaceSymbolEntry {
  name: string;
  kind: SymbolKindName;
  containerName: string;
  location: Location;
}

/** Articles and defined terms of one bundle's main file, for the workspace symbol search. */
export function workspaceSymbols(view: View, fileName: string): WorkspaceSymbolEntry[] {
  const treaty = view.treaty;
  const main = view.bundle.main;
  const container = treaty.frontMatter.shortTitle || treaty.frontMatter.title || fileName;
  const out: WorkspaceSymbolEntry[] = [];
  for (const a of treaty.articles) {
    if (!view.bundle.unitInPart(a, main)) continue;
    const location = view.locate(a.anchorSpan);
    if (location) out.push({ name: unitTitle(a), kind: 'article', containerName: `${container} · ${fileName}`, location });
  }
  for (const d of treaty.definitions) {
    const location = view.locate(d.span);
    if (location) out.push({ name: d.term, kind: 'term', containerName: `${describe(d.unit)} · ${fileName}`, location });
  }
  return out;
}

/** Does every word of the query appear in the name or container (case-insensitive)? An empty query matches all. */
export function matchesQuery(entry: { name: string; containerName: string }, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = `${entry.name} ${entry.containerName}`.toLowerCase();
  return words.every((w) => hay.includes(w) || subsequence(w, entry.name.toLowerCase()));
}

function subsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (let j = 0; j < hay.length && i < needle.length; j++) if (hay[j] === needle[i]) i++;
  return i === needle.length;
}
