// reference.dangling, reference.placeholder and note.target.
import type { Finding, Treaty } from '../model/types';

export function checkReferences(treaty: Treaty): Finding[] {
  const findings: Finding[] = [];
  for (const ref of treaty.references) {
    if (ref.kind === 'placeholder') {
      findings.push({ code: 'reference.placeholder', severity: 'information', span: ref.span, message: `Placeholder reference "${ref.text}": the number is still to be filled in.` });
      continue;
    }
    if (ref.kind !== 'internal' || ref.missing.length === 0) continue;
    const missing = [...new Set(ref.missing.map((m) => m.description))].join(', ');
    if (ref.noteHeading) {
      findings.push({ code: 'note.target', severity: 'error', span: ref.span, message: `This interpretative note heading names ${missing}, which does not exist in this treaty.`, data: { missing: ref.missing.map((m) => m.description) } });
    } else {
      findings.push({ code: 'reference.dangling', severity: 'error', span: ref.span, message: `"${ref.text}" refers to ${missing}, which does not exist in this treaty.`, data: { missing: ref.missing.map((m) => m.description) } });
    }
  }
  for (const group of treaty.noteGroups) {
    if (group.reference) continue;
    findings.push({ code: 'note.target', severity: 'error', span: group.unit.titleSpan ?? group.unit.anchorSpan, message: `This interpretative note heading names no article: write it as "Article 2" or "Articles 23 and 35, with regard to the term "…"".` });
  }
  return findings;
}
