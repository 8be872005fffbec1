// reference.unrecognised and reference.imprecise: what Treatymark read only in part, so that
// no miss is silent (a citation it cannot read is one renumbering cannot update).
import type { Treaty } from '../model/types';
import { finding, type Finding } from './registry';

export function checkUnrecognised(treaty: Treaty): Finding[] {
  const findings: Finding[] = [];
  for (const span of treaty.unrecognised) {
    const text = treaty.text.slice(span.start, span.end);
    findings.push(finding('reference.unrecognised', span, `"${text}" looks like a citation, but Treatymark cannot read it: it is not checked, and renumbering will not update it.`));
  }
  for (const ref of treaty.references) {
    for (const m of ref.imprecise ?? []) {
      findings.push(finding('reference.imprecise', ref.span, `"${ref.text}" is read as ${m.precise}: write "${m.precise}" to say so.`, { precise: m.precise }));
    }
  }
  return findings;
}
