// The "cited N times" lens above each article: its citations in this file and in the
// workspace files that cite it.
import type { Unit } from '../model/types';
import { currentView, type Location, type View } from '../workspace/bundle';
import type { Project } from '../workspace/project';
import { sameRange } from './references';

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
