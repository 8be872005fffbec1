// Interpretative notes: each heading names what its notes interpret; each note also
// concerns the units its text cites and the terms it quotes.
import { termKey } from './definitions';
import type { Note, NoteGroup, Reference, Unit } from './types';

const REGARDING = /with\s+regard\s+to\s+the\s+terms?\s+["“]([^"”]+)["”]/i;
const QUOTED = /["“]([^"“”\r\n]{1,200})["”]/g;

export function noteGroupsOf(units: Unit[]): NoteGroup[] {
  return units.filter((u) => u.kind === 'noteGroup').map((unit) => ({ unit, targets: [], notes: [] }));
}

/** Fills in each group's targets and builds its notes, once references are resolved. */
export function attachNotes(text: string, groups: NoteGroup[], references: Reference[]): Note[] {
  const byGroup = new Map(groups.map((g) => [g.unit, g]));
  for (const ref of references) {
    if (!ref.noteHeading || !ref.from) continue;
    const group = byGroup.get(ref.from);
    if (group && !group.reference) {
      group.reference = ref;
      group.targets = ref.targets;
    }
  }
  const notes: Note[] = [];
  for (const group of groups) {
    const heading = group.unit.title ?? '';
    const regarding = REGARDING.exec(heading);
    if (regarding) group.regardingTerm = regarding[1];
    for (const unit of group.unit.children) {
      if (unit.kind !== 'note') continue;
      const body = text.slice(unit.textSpan.start, unit.span.end);
      const terms = new Set<string>();
      if (group.regardingTerm) terms.add(termKey(group.regardingTerm));
      for (const m of body.matchAll(QUOTED)) terms.add(termKey(m[1]));
      const note: Note = { unit, number: unit.number, group, concerns: [...group.targets], terms: [...terms] };
      notes.push(note);
      group.notes.push(note);
    }
  }
  // Maps, not `find`/`includes`: thousands of notes citing thousands of units were quadratic.
  const byUnit = new Map(notes.map((n) => [n.unit, { note: n, concerns: new Set(n.concerns) }]));
  for (const ref of references) {
    if (ref.noteHeading || !ref.from) continue;
    const noteUnit = ref.from.kind === 'note' ? ref.from : undefined;
    if (!noteUnit) continue;
    const entry = byUnit.get(noteUnit);
    if (!entry) continue;
    for (const t of ref.targets) {
      if (entry.concerns.has(t)) continue;
      entry.concerns.add(t);
      entry.note.concerns.push(t);
    }
  }
  return notes;
}

/** Notes about a unit: those whose heading or text cites it or one of its ancestors' … no: it or its descendants. */
export function notesConcerning(notes: Note[], unit: Unit): Note[] {
  return notes.filter((n) => n.concerns.some((c) => isWithin(c, unit)));
}

/** Is `inner` the unit `outer` or inside it? */
export function isWithin(inner: Unit, outer: Unit): boolean {
  for (let u: Unit | undefined = inner; u; u = u.parent) if (u === outer) return true;
  return false;
}
