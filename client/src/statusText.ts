// The status bar's words, from the server's document stats (treatymark/documentStats).
// Pure, so the protocol tests check them against a real server's answers.

export interface DocumentStats {
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
  problems: number;
}

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
