// brackets.unbalanced and change.unclosed: negotiating marks that do not close.
import type { Treaty } from '../model/types';
import { paragraphEnds } from '../syntax/parse';
import { finding, type Finding } from './registry';

const CLOSERS: Record<string, string> = { insert: '++}', delete: '--}', substitute: '~~}', highlight: '==}', comment: '<<}' };

export function checkNegotiation(treaty: Treaty): Finding[] {
  const findings: Finding[] = [];
  const { syntax, lines, text } = treaty;
  // Shared across brackets: 100 000 unclosed `[` in one paragraph must not search it 100 000 times.
  const paragraphEnd = paragraphEnds(text);
  for (const b of syntax.brackets) {
    if (b.close >= 0) continue;
    // The ']' most likely belongs before the end of the paragraph the '[' opens in.
    const end = paragraphEnd(b.open);
    const line = lines.positionAt(end).line + 1;
    findings.push(finding('brackets.unbalanced', { start: b.open, end: b.open + 1 }, `This "[" is never closed: it most likely lacks a "]" before the end of its paragraph (line ${line}).`));
  }
  for (const at of syntax.strayClosers) {
    findings.push(finding('brackets.unbalanced', { start: at, end: at + 1 }, 'This "]" closes nothing: it most likely lacks a "[" earlier in its paragraph.'));
  }
  for (const c of syntax.critic) {
    if (c.closed) continue;
    findings.push(finding('change.unclosed', { start: c.span.start, end: c.span.start + 3 }, `This ${c.kind === 'comment' ? 'comment' : `tracked ${c.kind}`} is never closed: end it with "${CLOSERS[c.kind]}".`));
  }
  return findings;
}
