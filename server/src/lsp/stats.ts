// `treatymark/documentStats`: counts for the status bar ("68 articles · 0 problems")
// and what is still open in a negotiating text ("111 open sets · 29 changes · 74 comments").
//   params: { textDocument: { uri } }   result: DocumentStats | null
import { currentView } from '../workspace/bundle';
import { negotiationCounts, type NegotiationCounts } from '../features/negotiation';
import type { Feature } from './context';

export const DOCUMENT_STATS_REQUEST = 'treatymark/documentStats';

export interface DocumentStats {
  uri: string;
  version: number | null;
  /** `main` for a treaty, `notes` for a notes file attached to one. */
  role: 'main' | 'notes';
  articles: number;
  chapters: number;
  definitions: number;
  notes: number;
  references: number;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  /** Errors and warnings. */
  problems: number;
  /** Negotiating text: alternative sets, bracketed texts outside sets, tracked changes, comments. */
  openSets: number;
  bracketed: number;
  changes: number;
  comments: number;
}

export const statsFeature: Feature = {
  name: 'stats',
  register(ctx) {
    ctx.connection.onRequest(DOCUMENT_STATS_REQUEST, (params: { textDocument?: { uri?: string }; uri?: string }) =>
      ctx.guard<DocumentStats | null>('documentStats', null, () => {
        const uri = params?.textDocument?.uri ?? params?.uri;
        if (typeof uri !== 'string') return null;
        const bundle = ctx.workspace.bundle(uri);
        const part = bundle?.partFor(ctx.workspace.key(uri));
        if (!bundle || !part) return null;
        const t = bundle.treaty;
        const inPart = (s: { start: number }) => bundle.inPart({ start: s.start, end: s.start }, part);
        const counts = ctx.diagnostics.counts(uri);
        return {
          uri,
          version: ctx.workspace.documents.get(uri)?.version ?? null,
          role: part.role,
          articles: t.articles.filter((a) => inPart(a.anchorSpan)).length,
          chapters: t.chapters.filter((c) => inPart(c.anchorSpan)).length,
          definitions: t.definitions.filter((d) => inPart(d.span)).length,
          notes: t.notes.filter((n) => inPart(n.unit.anchorSpan)).length,
          references: t.references.filter((r) => inPart(r.span)).length,
          ...counts,
          problems: counts.errors + counts.warnings,
          ...openCounts(negotiationCounts(currentView(bundle), part.key)),
        };
      }),
    );
  },
};

function openCounts(c: NegotiationCounts): Pick<DocumentStats, 'openSets' | 'bracketed' | 'changes' | 'comments'> {
  return { openSets: c.openSets, bracketed: c.bracketed, changes: c.changes, comments: c.comments };
}
