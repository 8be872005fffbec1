// The identifier of every unit in the published outputs: the Akoma Ntoso eId, also the
// HTML id, so a link into the printed page and a reference in the XML name the same thing.
// Units keep the model's ids (`art_17__para_1__point_a`, AKN Naming Convention 1.0 §5.4)
// with these exceptions, each for a rule of the Naming Convention:
//   - the model's unnumbered paragraph (`art_2__para_0`: a chapeau, or points right under
//     an article heading) is no element: its text is the article's `<intro>` (or `<content>`)
//     and its points hang from the article, `art_2__point_a`. An element unique in its
//     context has no number part (§5.4.3, case 1); counting from 0 is no numbering the
//     convention knows (implicit numbers count from 1, case 3), and `para_1` would clash
//     with a numbered paragraph 1 after the chapeau;
//   - recitals are `preamble__recs__rec_N` (element_refs `recs`, `rec`);
//   - sections take their chapter as prefix (they restart in each chapter);
//   - an annex is an attachment, `att_N`, the prefix of everything in it;
//   - interpretative notes are a component, `cmp_1`: groups `cmp_1__noteGroup_N`, notes
//     `cmp_1__para_N` (numbered through the notes, as articles through chapters).
import type { Unit } from '../model/types';

export const NOTES_COMPONENT = 'cmp_1';

/** `art_2__para_0`: the implicit paragraph that is no element of its own. */
export function isDissolved(unit: Unit): boolean {
  return unit.kind === 'paragraph' && !!unit.implicit && !!unit.parent && unit.parent.kind === 'article';
}

/** The eId of every unit, unique in the document. */
export function assignEIds(units: readonly Unit[]): Map<Unit, string> {
  const ids = new Map<Unit, string>();
  const used = new Set<string>();
  const unique = (id: string) => {
    let k = 2;
    let out = id;
    while (used.has(out)) out = `${id}_${k++}`;
    used.add(out);
    return out;
  };
  let annexes = 0;
  let groups = 0;
  for (const unit of units) {
    const parent = unit.parent ? ids.get(unit.parent) : undefined;
    if (isDissolved(unit)) {
      ids.set(unit, parent ?? unique('art'));
      continue;
    }
    ids.set(unit, unique(ownId(unit, parent, ids, () => ++annexes, () => ++groups)));
  }
  return ids;
}

function ownId(unit: Unit, parent: string | undefined, ids: Map<Unit, string>, nextAnnex: () => number, nextGroup: () => number): string {
  const last = lastComponent(unit.id);
  const under = (own: string) => (parent ? `${parent}__${own}` : own);
  switch (unit.kind) {
    case 'preamble':
      return 'preamble';
    case 'recital': {
      const position = (unit.parent?.children.indexOf(unit) ?? 0) + 1;
      return `preamble__recs__rec_${unit.number && unit.value !== undefined ? unit.value : position}`;
    }
    case 'annex':
      return `att_${nextAnnex()}`;
    case 'notes':
      return NOTES_COMPONENT;
    case 'noteGroup':
      return `${NOTES_COMPONENT}__noteGroup_${nextGroup()}`;
    case 'note':
      return `${NOTES_COMPONENT}__para_${unit.value ?? (last.startsWith('note_') ? last.slice(5) : last)}`;
    case 'closing':
      return 'conclusions';
    case 'section':
      // The model numbers sections through the treaty (`sec_1_2` for a second section 1); in the chapter they restart.
      return under(unit.value !== undefined && !unit.placeholder ? `sec_${unit.value}${unit.suffix ?? ''}` : last);
    default:
      return prefixed(unit, ids, last);
  }
}

/**
 * Paragraphs and points carry their holder's id in the model's, articles and chapters only
 * in an annex: the eId of the ancestor whose id prefixes the unit's replaces that prefix.
 */
function prefixed(unit: Unit, ids: Map<Unit, string>, last: string): string {
  for (let a = unit.parent; a; a = a.parent) {
    if (unit.id.startsWith(`${a.id}__`)) return `${ids.get(a)}__${unit.id.slice(a.id.length + 2)}`;
  }
  return last;
}

function lastComponent(id: string): string {
  const at = id.lastIndexOf('__');
  return at < 0 ? id : id.slice(at + 2);
}
