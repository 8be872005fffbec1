// definition.duplicate, definition.unused and definition.pending.
import type { Definition, Finding, Treaty } from '../model/types';
import { describe } from '../model/units';

export function checkDefinitions(treaty: Treaty): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, Definition[]>();
  for (const d of treaty.definitions) {
    const earlier = (seen.get(d.key) ?? []).filter((e) => e.group !== d.group && e.scopeUnit === d.scopeUnit);
    if (earlier.length > 0) {
      findings.push({ code: 'definition.duplicate', severity: 'error', span: d.span, message: `"${d.term}" is already defined in ${describe(earlier[0].unit)}: one term, one definition in the same scope.` });
    }
    const list = seen.get(d.key);
    if (list) list.push(d);
    else seen.set(d.key, [d]);
    if (d.pending) {
      findings.push({ code: 'definition.pending', severity: 'information', span: d.span, message: `The definition of "${d.term}" is pending: the term is defined but its meaning is still to be agreed.` });
    } else if (d.uses.length === 0 && !(d.alternativeOf && d.group.some((g) => g.alternativeOf === d.alternativeOf && g.uses.length > 0))) {
      const where = d.scope === 'global' ? 'anywhere in the treaty' : `in ${d.scopeUnit ? describe(d.scopeUnit) : 'its scope'}`;
      findings.push({ code: 'definition.unused', severity: 'warning', span: d.span, message: `"${d.term}" is defined but never used ${where}.` });
    }
  }
  return findings;
}
