// reference.dangling, reference.placeholder and note.target.
import type { Span, Treaty } from '../model/types';
import { finding, type Finding } from './registry';

export function checkReferences(treaty: Treaty): Finding[] {
  const findings: Finding[] = [];
  for (const ref of treaty.references) {
    if (ref.kind === 'placeholder') {
      findings.push(finding('reference.placeholder', ref.span, `Placeholder reference "${ref.text}": the number is still to be filled in.`));
      continue;
    }
    if (ref.kind !== 'internal' || ref.missing.length === 0) continue;
    const missing = ref.missing.map((m) => m.description);
    if (ref.noteHeading) {
      findings.push(finding('note.target', ref.span, `This interpretative note heading names ${[...new Set(missing)].join(', ')}, which does not exist in this treaty.`, { missing }));
    } else {
      findings.push(dangling(ref.text, ref.span, missing));
    }
  }
  for (const group of treaty.noteGroups) {
    if (group.reference) continue;
    findings.push(finding('note.target', group.unit.titleSpan ?? group.unit.anchorSpan, `This interpretative note heading names no article: write it as "Article 2" or "Articles 23 and 35, with regard to the term "…"".`));
  }
  return findings;
}

/**
 * reference.dangling, in one wording for a reference within the treaty and one checked
 * against an instrument's file (whose descriptions already say "of treaty.treaty").
 */
export function dangling(text: string, span: Span, missing: string[], data?: Record<string, unknown>): Finding {
  const names = [...new Set(missing)];
  return finding('reference.dangling', span, `"${text}" refers to ${names.join(', ')}, which ${names.length > 1 ? 'do' : 'does'} not exist.`, { missing, ...data });
}
