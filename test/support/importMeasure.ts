// The yardstick of an import (issue 17): the headings (kind, number, title) in order, the
// paragraph and subparagraph markers in order, the share of the expected words found in the
// same order (white space and quotes normalised; comments and footnote texts apart), and
// the tracked changes and comments with their texts and authors.
import { diffArrays } from 'diff';
import * as path from 'path';
import { analyse } from '../../server/src/model/analyse';
import { ROOT } from './corpus';

export const DOCX_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'docx');

export interface Measures {
  /** `article 5 | Protection of sovereignty`. */
  headings: string[];
  /** The markers of each numbered line: `1.`, `(a) (i)`. */
  markers: string[];
  /** Body words, without comments and footnote texts. */
  words: string[];
  /** Footnote texts' words. */
  footnoteWords: string[];
  /** `Label: text` of each comment, in order. */
  comments: string[];
  /** Comments written right after a highlighted range. */
  onHighlights: number;
  insertions: string[];
  deletions: string[];
  /** `tracked-changes` of the front matter: each change's author, in order. */
  changeAuthors: string[];
}

const norm = (s: string) => s.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();
const wordsOf = (s: string) => norm(s).match(/[\p{L}\p{N}]+/gu) ?? [];

export function measure(text: string): Measures {
  const t = analyse(text);
  const headings: string[] = [];
  const markers: string[] = [];
  for (const b of t.syntax.blocks) {
    if (b.type === 'heading') headings.push(`${b.kind} ${b.number?.text ?? ''} | ${norm(b.title?.text ?? '')}`.replace(/ +\|/, ' |'));
    else if (b.type === 'item') markers.push(b.markers.map((m) => m.text).join(' '));
  }
  const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  let body = text.slice(t.syntax.frontMatter?.span.end ?? 0);
  const footnoteWords: string[] = [];
  body = body.replace(/^\[\^[^\]]+\]:(.*)$/gm, (_, note: string) => {
    footnoteWords.push(...wordsOf(note));
    return '';
  });
  body = body
    .replace(/\{>>[\s\S]*?<<\}/g, ' ')
    .replace(/\[\^[^\]\s]+\]/g, ' ')
    .replace(/\{(\+\+|--|==)|(\+\+|--|==)\}/g, '');
  const highlightEnds = new Set(t.syntax.critic.filter((c) => c.kind === 'highlight').map((c) => c.span.end));
  const comments = t.comments.map((c) => norm(slice(c.content)));
  // Several comments on one range follow one another: each counts as on the highlight.
  let onHighlights = 0;
  let anchored = false;
  let lastEnd = -1;
  for (const c of t.comments) {
    anchored = highlightEnds.has(c.span.start) || (anchored && c.span.start === lastEnd);
    if (anchored) onHighlights++;
    lastEnd = c.span.end;
  }
  const data = t.frontMatter.data as { 'tracked-changes'?: { author?: string }[] };
  return {
    headings,
    markers,
    words: wordsOf(body),
    footnoteWords,
    comments,
    onHighlights,
    insertions: t.changes.filter((c) => c.kind === 'insert').map((c) => norm(slice(c.content))),
    deletions: t.changes.filter((c) => c.kind === 'delete').map((c) => norm(slice(c.content))),
    changeAuthors: (data['tracked-changes'] ?? []).map((c) => String(c.author ?? '')),
  };
}

/** The share of `expected` found in `actual` in the same order (a longest common subsequence). */
export function inOrder(expected: string[], actual: string[]): number {
  if (expected.length === 0) return actual.length === 0 ? 1 : 0;
  let common = 0;
  for (const part of diffArrays(expected, actual)) if (!part.added && !part.removed) common += part.count ?? part.value.length;
  return common / expected.length;
}
