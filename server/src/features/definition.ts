// Go to definition: from a term, a reference (also to another file), a footnote marker or a
// note heading to what it names.
import type { Span, Unit } from '../model/types';
import { currentView, type Location, type View } from '../workspace/bundle';
import type { Project } from '../workspace/project';
import { hitAt } from './at';

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
