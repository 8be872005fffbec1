// numbering.sequence and numbering.provisional: every level numbered 1…n (a…, i…)
// within its holder, articles and chapters through the whole treaty.
import type { Treaty, Unit, UnitKind } from '../model/types';
import { describe } from '../model/units';
import { toLetters, toRoman } from '../syntax/numerals';
import { finding, type Finding } from './registry';

type Sequence = { kind: UnitKind; units: Unit[] };

/**
 * Sequences by the list of units they were read from. An analysis updated by difference keeps
 * the list when its units stay as they were (model/incremental.ts): their numbers and nesting
 * too, so the sequences are the same and a keystroke does not group every unit again.
 */
const sequences = new WeakMap<Unit[], Sequence[]>();

/** The sequences that are numbered independently, each with the word a drafter uses. */
export function numberedSequences(treaty: Treaty): Sequence[] {
  let seqs = sequences.get(treaty.units);
  if (!seqs) sequences.set(treaty.units, (seqs = groupSequences(treaty)));
  return seqs;
}

function groupSequences(treaty: Treaty): Sequence[] {
  const seqs: Sequence[] = [];
  // Per kind, the sequence of each holder (a unit, or none), in order of first appearance:
  // no key string made per unit.
  const byKind = new Map<UnitKind, Map<Unit | undefined, Unit[]>>();
  const push = (kind: UnitKind, holder: Unit | undefined, u: Unit) => {
    let holders = byKind.get(kind);
    if (!holders) byKind.set(kind, (holders = new Map()));
    const list = holders.get(holder);
    if (list) list.push(u);
    else {
      const units = [u];
      holders.set(holder, units);
      seqs.push({ kind, units });
    }
  };
  const restarts = new Map<Unit, boolean>();
  for (const u of treaty.units) {
    if (u.implicit) continue;
    switch (u.kind) {
      case 'article':
      case 'chapter':
      case 'part': {
        // Through the treaty, but an annex numbers its own.
        let annex: Unit | undefined = u.parent;
        while (annex && annex.kind !== 'annex') annex = annex.parent;
        push(u.kind, u.kind === 'article' && annex ? annexArticleHolder(u, annex, restarts) : annex, u);
        break;
      }
      case 'section':
      case 'paragraph':
      case 'subparagraph':
      case 'subsubparagraph':
        push(u.kind, u.parent, u);
        break;
      case 'note':
        // All notes are one sequence.
        push(u.kind, undefined, u);
        break;
      case 'recital':
        push(u.kind, undefined, u);
        break;
    }
  }
  return seqs;
}

/**
 * What numbers an annex's article: the annex, or its part when every part of the annex starts
 * again at article 1 (Minamata's Annex E: arbitration and conciliation, each from article 1).
 */
function annexArticleHolder(article: Unit, annex: Unit, restarts: Map<Unit, boolean>): Unit {
  let division = article.parent;
  while (division && division.parent !== annex) division = division.parent;
  if (!division || division === article) return annex;
  let perDivision = restarts.get(annex);
  if (perDivision === undefined) {
    const firsts = annex.children.map((d) => firstArticle(d)).filter((a): a is Unit => !!a);
    perDivision = firsts.length >= 2 && firsts.every((a) => a.number === '1');
    restarts.set(annex, perDivision);
  }
  return perDivision ? division : annex;
}

function firstArticle(u: Unit): Unit | undefined {
  if (u.kind === 'article') return u;
  for (const c of u.children) {
    const a = firstArticle(c);
    if (a) return a;
  }
  return undefined;
}

/** A numbering problem of a unit, found once per list of units: only its place is read again. */
interface Problem {
  code: 'numbering.provisional' | 'numbering.sequence';
  unit: Unit;
  message: string;
  data: Record<string, unknown>;
}

const problemsByUnits = new WeakMap<Unit[], Problem[]>();

/**
 * Numbering problems depend on the numbers and nesting of the units only: while an analysis
 * updated by difference keeps its units (see `sequences`), they are the same, at the units'
 * current places. Reading 50 000 units on every keystroke cost more than the rest of an edit.
 */
export function checkNumbering(treaty: Treaty): Finding[] {
  let problems = problemsByUnits.get(treaty.units);
  if (!problems) problemsByUnits.set(treaty.units, (problems = numberingProblems(treaty)));
  return problems.map((p) => finding(p.code, p.unit.numberSpan ?? p.unit.anchorSpan, p.message, p.data));
}

function numberingProblems(treaty: Treaty): Problem[] {
  const problems: Problem[] = [];
  for (const { kind, units } of numberedSequences(treaty)) {
    // `expected` follows the numbers as written (7 bis sits between 7 and 8 without a gap);
    // `position` is what renumbering will give each unit.
    let expected = 1;
    let position = 0;
    for (const u of units) {
      position++;
      if (kind === 'recital' && !u.number) continue;
      if (!u.number || u.placeholder) {
        problems.push({ code: 'numbering.provisional', unit: u, message: `${capital(word(u))} ${u.placeholder ? `${u.number} is a placeholder` : 'has no number yet'}: renumbering will make it ${word(u)} ${format(u, position)}.`, data: { level: kind, unit: u.id } });
        continue;
      }
      if (u.suffix) {
        problems.push({ code: 'numbering.provisional', unit: u, message: `${capital(describe(u))} is an inserted ${word(u)}: renumbering will make it ${word(u)} ${format(u, position)}.`, data: { level: kind, unit: u.id } });
        continue;
      }
      const value = u.value;
      if (value === undefined) continue;
      if (value !== expected) {
        let what: string;
        if (value > expected) what = value === expected + 1 ? `${word(u)} ${format(u, expected)} is missing` : `${word(u)}s ${format(u, expected)} to ${format(u, value - 1)} are missing`;
        else if (value === expected - 1) what = `${word(u)} ${u.number} is repeated`;
        else what = `${word(u)} ${u.number} is out of order`;
        problems.push({ code: 'numbering.sequence', unit: u, message: `Expected ${word(u)} ${format(u, expected)} here, found ${u.number}: ${what}.`, data: { level: kind, unit: u.id, expected: format(u, expected) } });
      }
      expected = value + 1;
    }
  }
  return problems;
}

function word(u: Unit): string {
  switch (u.kind) {
    case 'subsubparagraph':
    case 'subparagraph':
      return 'subparagraph';
    case 'recital':
      return 'preambular paragraph';
    case 'note':
      return 'note';
    default:
      return u.kind;
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A number written the way this unit's level writes them. */
export function format(u: Unit, value: number): string {
  return formatNumber(u.kind, u.style, value);
}



export function formatNumber(kind: UnitKind, style: Unit['style'], value: number): string {
  if (kind === 'subparagraph') return style === 'roman' ? toRoman(value, true) : toLetters(value);
  if (kind === 'subsubparagraph') return style === 'letter' ? toLetters(value) : toRoman(value, true);
  if (style === 'ROMAN' || ((kind === 'chapter' || kind === 'part') && style !== 'arabic')) return toRoman(value);
  return String(value);
}
