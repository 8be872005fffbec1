// The status bar's words, from the server's document stats (treatymark/documentStats).
// Pure, so the protocol tests check them against a real server's answers.
import type { DocumentStats } from '../../server/src/lsp/stats';

// The wire type of the request, as the server answers it (a type only: nothing is bundled).
export type { DocumentStats };

/** "68 articles · 0 problems" ("5 notes · …" for a notes file). */
export function statusText(stats: Pick<DocumentStats, 'role' | 'articles' | 'notes' | 'problems'>): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const what = stats.role === 'notes' ? plural(stats.notes, 'note') : plural(stats.articles, 'article');
  return `${what} · ${plural(stats.problems, 'problem')}`;
}

export interface OpenCounts {
  openSets: number;
  bracketed?: number;
  changes: number;
  comments: number;
}

/** "111 open sets · 29 changes · 74 comments", leaving out what is zero; empty when nothing is open. */
export function negotiationText(c: OpenCounts): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts: string[] = [];
  if (c.openSets > 0) parts.push(plural(c.openSets, 'open set', 'open sets'));
  if (c.changes > 0) parts.push(plural(c.changes, 'change', 'changes'));
  if (c.comments > 0) parts.push(plural(c.comments, 'comment', 'comments'));
  return parts.join(' · ');
}
