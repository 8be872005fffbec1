// All diagnostics of a treaty, in document order. Each check reads the model only; codes and
// severities come from ./registry.
import type { Treaty } from '../model/types';
import { checkDefinitions } from './definitions';
import { checkFootnotes } from './footnotes';
import { checkFrontMatter } from './frontmatter';
import { checkNegotiation } from './negotiation';
import { checkNumbering } from './numbering';
import { checkReferences } from './references';
import { checkUnrecognised } from './unrecognised';
import type { Finding } from './registry';

export function check(treaty: Treaty): Finding[] {
  const findings = [
    ...checkFrontMatter(treaty.frontMatter),
    ...checkNumbering(treaty),
    ...checkReferences(treaty),
    ...checkUnrecognised(treaty),
    ...checkDefinitions(treaty),
    ...checkNegotiation(treaty),
    ...checkFootnotes(treaty),
  ];
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
