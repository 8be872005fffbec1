// Find references: every use of a term, every citation of a unit (across files), every
// marker of a footnote.
import type { Definition, Footnote, Unit } from '../model/types';
import { currentView, type Bundle, type Location, type View } from '../workspace/bundle';
import type { Project } from '../workspace/project';
import { hitAt } from './at';

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

export function sameRange(a: Location, b: Location): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}
