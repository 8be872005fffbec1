// definition.duplicate, definition.unused and definition.pending.
import type { Definition, Finding, Treaty } from '../model/types';
import { describe } from '../model/units';

export function checkDefinitions(treaty: Treaty): Finding[] {
  const findings: Finding[] = [];
  // Keyed by term and scope unit, and `find` stops at the first definition of another group:
  // thousands of definitions of one term (in one scope or in many) stay linear.
  const seen = new Map<string, Map<Definition['scopeUnit'], Definition[]>>();
  for (const d of treaty.definitions) {
    let byScope = seen.get(d.key);
    if (!byScope) seen.set(d.key, (byScope = new Map()));
    const list = byScope.get(d.scopeUnit);
    const earlier = list?.find((e) => e.group !== d.group);
    if (earlier) {
      findings.push({ code: 'definition.duplicate', severity: 'error', span: d.span, message: `"${d.term}" is already defined in ${describe(earlier.unit)}: one term, one definition in the same scope.` });
    }
    if (list) list.push(d);
    else byScope.set(d.scopeUnit, [d]);
    if (d.pending) {
      findings.push({ code: 'definition.pending', severity: 'information', span: d.span, message: `The definition of "${d.term}" is pending: the term is defined but its meaning is still to be agreed.` });
    } else if (d.uses.length === 0 && !(d.alternativeOf && d.group.some((g) => g.alternativeOf === d.alternativeOf && g.uses.length > 0))) {
      const where = d.scope === 'global' ? 'anywhere in the treaty' : `in ${d.scopeUnit ? describe(d.scopeUnit) : 'its scope'}`;
      findings.push({ code: 'definition.unused', severity: 'warning', span: d.span, message: `"${d.term}" is defined but never used ${where}.` });
    }
  }
  return findings;
}
