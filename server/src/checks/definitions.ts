// definition.duplicate, definition.unused and definition.pending.
import type { Definition, Treaty } from '../model/types';
import { describe } from '../model/units';
import { finding, type Finding } from './registry';

export function checkDefinitions(treaty: Treaty): Finding[] {
  const findings: Finding[] = [];
  // By term and scope unit, the first definition and the first of another group than it: the
  // earliest definition of another group than `d` is one of the two. (Scanning every earlier
  // definition was quadratic: `"a" or "a" or … means` names 100 000 terms at once.)
  const seen = new Map<string, Map<Definition['scopeUnit'], { first: Definition; other?: Definition }>>();
  for (const d of treaty.definitions) {
    let byScope = seen.get(d.key);
    if (!byScope) seen.set(d.key, (byScope = new Map()));
    const before = byScope.get(d.scopeUnit);
    const earlier = before && (before.first.group !== d.group ? before.first : before.other);
    if (earlier) {
      findings.push(finding('definition.duplicate', d.span, `"${d.term}" is already defined in ${describe(earlier.unit)}: one term, one definition in the same scope.`));
    }
    if (!before) byScope.set(d.scopeUnit, { first: d });
    else if (!before.other && d.group !== before.first.group) before.other = d;
    if (d.pending) {
      findings.push(finding('definition.pending', d.span, `The definition of "${d.term}" is pending: the term is defined but its meaning is still to be agreed.`));
    } else if (d.uses.length === 0 && !(d.alternativeOf && d.group.some((g) => g.alternativeOf === d.alternativeOf && g.uses.length > 0))) {
      const where = d.scope === 'global' ? 'anywhere in the treaty' : `in ${d.scopeUnit ? describe(d.scopeUnit) : 'its scope'}`;
      findings.push(finding('definition.unused', d.span, `"${d.term}" is defined but never used ${where}.`));
    }
  }
  return findings;
}
