// Go to definition and find references, over one bundle and across files.
import type { Definition, Footnote, Span, Unit } from '../model/types';
import { hitAt } from './at';
import { currentView, type Bundle, type Location, type View } from './bundle';
import type { Project } from './project';

export interface DefinitionLink {
  /** Treaty span of what was clicked (the number, the term, the whole phrase). */
  origin: Span;
  /** The unit, definition or footnote (its whole extent). */
  target: Location;
  /** What to select there: the quoted term, the heading's number, the marker. */
  selection: Location;
}

export function definition(project: Project, view: View, offset: number): DefinitionLink[] {
  const hit = hitAt(view.treaty, offset);
  if (!hit) return [];
  const links: DefinitionLink[] = [];
  const link = (origin: Span, locate: (s: Span) => Location | undefined, target: Span, selection: Span) => {
    const t = locate(target);
    const s = locate(selection);
    if (t && s) links.push({ origin, target: t, selection: s });
  };
  const toUnit = (origin: Span, locate: (s: Span) => Location | undefined, u: Unit) => link(origin, locate, u.anchorSpan, u.numberSpan ?? u.anchorSpan);
  switch (hit.kind) {
    case 'use':
    case 'definition':
      link(hit.span, view.locate, hit.definition.span, hit.definition.span);
      break;
    case 'reference': {
      const ref = hit.ref;
      if (ref.kind === 'external') {
        const ext = project.externals(view.bundle).find((e) => e.ref === ref);
        if (!ext?.resolution || !ext.target) break;
        const there = currentView(ext.target).locate;
        const n = hit.number ? ext.resolution.numbers.find((x) => x.span.start === hit.number!.span.start) : undefined;
        if (n?.unit) toUnit(n.span, there, n.unit);
        else for (const u of ext.resolution.targets) toUnit(ref.span, there, u);
        break;
      }
      if (hit.number?.unit) toUnit(hit.number.span, view.locate, hit.number.unit);
      else for (const u of ref.targets) toUnit(hit.number?.span ?? ref.span, view.locate, u);
      break;
    }
    case 'footnoteRef': {
      const f = hit.footnote;
      if (f.span) link(hit.span, view.locate, f.span, f.textSpan ?? f.span);
      break;
    }
    case 'unit': {
      // A note heading outside its reference ("…, with regard to the term") still leads to its articles.
      if (hit.unit.kind === 'noteGroup') {
        const group = view.treaty.noteGroups.find((g) => g.unit === hit.unit);
        for (const u of group?.targets ?? []) toUnit(hit.span, view.locate, u);
      }
      break;
    }
    default:
      break;
  }
  return links;
}

/** What "find references" looks for at an offset: a term, units, or a footnote. */
type Subject = { kind: 'term'; definition: Definition } | { kind: 'units'; bundle: Bundle; units: Unit[] } | { kind: 'footnote'; footnote: Footnote };

function subjectAt(project: Project, view: View, offset: number): Subject | undefined {
  const hit = hitAt(view.treaty, offset);
  if (!hit) return undefined;
  switch (hit.kind) {
    case 'use':
    case 'definition':
      return { kind: 'term', definition: hit.definition };
    case 'reference': {
      const ref = hit.ref;
      if (ref.kind === 'external') {
        const ext = project.externals(view.bundle).find((e) => e.ref === ref);
        if (!ext?.resolution || !ext.target) return undefined;
        const n = hit.number ? ext.resolution.numbers.find((x) => x.span.start === hit.number!.span.start) : undefined;
        return { kind: 'units', bundle: ext.target, units: n?.unit ? [n.unit] : ext.resolution.targets };
      }
      if (hit.number?.unit) return { kind: 'units', bundle: view.bundle, units: [hit.number.unit] };
      return ref.targets.length ? { kind: 'units', bundle: view.bundle, units: ref.targets } : undefined;
    }
    case 'unit':
      return { kind: 'units', bundle: view.bundle, units: [hit.unit] };
    case 'footnoteRef':
    case 'footnoteDef':
      return { kind: 'footnote', footnote: hit.footnote };
    default:
      return undefined;
  }
}

export function references(project: Project, view: View, offset: number, includeDeclaration: boolean): Location[] {
  const subject = subjectAt(project, view, offset);
  if (!subject) return [];
  const out: Location[] = [];
  const add = (loc: Location | undefined) => {
    if (loc && !out.some((l) => l.uri === loc.uri && sameRange(l, loc))) out.push(loc);
  };
  const locateIn = (b: Bundle) => (b === view.bundle ? view.locate : currentView(b).locate);
  switch (subject.kind) {
    case 'term': {
      const d = subject.definition;
      if (includeDeclaration) add(view.locate(d.span));
      for (const u of d.uses) add(view.locate(u.span));
      break;
    }
    case 'footnote': {
      const f = subject.footnote;
      if (includeDeclaration && f.labelSpan) add(view.locate(f.labelSpan));
      for (const r of f.refs) add(view.locate(r));
      break;
    }
    case 'units': {
      const here = locateIn(subject.bundle);
      for (const unit of subject.units) {
        if (includeDeclaration) add(here(unit.numberSpan ?? unit.anchorSpan));
        for (const c of project.citationsOf(subject.bundle, unit)) add(locateIn(c.bundle)(c.ref.span));
      }
      break;
    }
  }
  return out;
}

function sameRange(a: Location, b: Location): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

/** The units the code lens of each article counts, with where each citation stands. */
export function articleLenses(project: Project, view: View, key: string): { article: Unit; anchor: Location; citations: Location[] }[] {
  const part = view.part(key);
  if (!part) return [];
  const index = project.articleCitations(view.bundle);
  const out: { article: Unit; anchor: Location; citations: Location[] }[] = [];
  for (const article of view.treaty.articles) {
    if (!view.bundle.unitInPart(article, part)) continue;
    const anchor = view.locate(article.numberSpan ?? article.anchorSpan);
    if (!anchor || anchor.uri !== part.uri) continue;
    const citations: Location[] = [];
    for (const c of index.get(article) ?? []) {
      const loc = c.bundle === view.bundle ? view.locate(c.ref.span) : currentView(c.bundle).locate(c.ref.span);
      if (loc && !citations.some((l) => l.uri === loc.uri && sameRange(l, loc))) citations.push(loc);
    }
    out.push({ article, anchor, citations });
  }
  return out;
}
