// Folding ranges: front matter, every unit from its heading to its end, and comments that
// span lines.
import { frontMatterEnd } from '../model/crossdoc';
import type { Span, Unit, UnitKind } from '../model/types';
import type { View } from '../workspace/bundle';
import { commentFolds } from './negotiation';

export interface Fold {
  startLine: number;
  endLine: number;
  kind?: 'region' | 'comment' | 'imports';
}

const FOLDED = new Set<UnitKind>(['preamble', 'part', 'chapter', 'section', 'article', 'annex', 'paragraph', 'subparagraph', 'notes', 'noteGroup', 'note']);

export function folds(view: View, key: string): Fold[] {
  const part = view.part(key);
  if (!part) return [];
  const out: Fold[] = [];
  const seen = new Set<string>();
  const push = (startLine: number, endLine: number, kind?: Fold['kind']) => {
    if (endLine <= startLine) return;
    const k = `${startLine}:${endLine}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  // Front matter: of the file itself (a notes file's is not part of the analysed text).
  const fmEnd = frontMatterEnd(view.currentText(key) ?? '');
  if (fmEnd > 0) {
    const text = view.currentText(key)!;
    const lastLine = text.slice(0, fmEnd).split(/\r\n|\r|\n/).length - 1;
    push(0, lastLine);
  }
  for (const u of view.treaty.units) {
    if (!FOLDED.has(u.kind) || u.implicit || !view.bundle.unitInPart(u, part)) continue;
    const loc = view.locate(foldSpan(u));
    if (!loc || loc.uri !== part.uri) continue;
    push(loc.range.start.line, loc.range.end.line);
  }
  // Comments that span lines fold as comments ("Fold All Block Comments" hides them).
  for (const f of commentFolds(view, key)) push(f.startLine, f.endLine, f.kind);
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function foldSpan(u: Unit): Span {
  return { start: u.anchorSpan.start, end: Math.max(u.anchorSpan.end, u.span.end) };
}
