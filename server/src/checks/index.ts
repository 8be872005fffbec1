// All diagnostics of a treaty, in document order. Each check reads the model only.
import type { Finding, Treaty } from '../model/types';
import { checkDefinitions } from './definitions';
import { checkFootnotes } from './footnotes';
import { checkNegotiation } from './negotiation';
import { checkNumbering } from './numbering';
import { checkReferences } from './references';

export const DIAGNOSTIC_CODES = [
  'reference.dangling',
  'reference.placeholder',
  'numbering.sequence',
  'numbering.provisional',
  'definition.duplicate',
  'definition.unused',
  'definition.pending',
  'brackets.unbalanced',
  'change.unclosed',
  'footnote.undefined',
  'footnote.unused',
  'note.target',
  'frontmatter.invalid',
] as const;

export function check(treaty: Treaty): Finding[] {
  const findings = [
    ...treaty.findings,
    ...checkNumbering(treaty),
    ...checkReferences(treaty),
    ...checkDefinitions(treaty),
    ...checkNegotiation(treaty),
    ...checkFootnotes(treaty),
  ];
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
