// numbering.sequence and numbering.provisional: every level numbered 1…n (a…, i…)
// within its holder, articles and chapters through the whole treaty.
import type { Treaty, Unit, UnitKind } from '../model/types';
import { describe } from '../model/units';
import { toLetters, toRoman } from '../syntax/numerals';
import { finding, type Finding } from './registry';

/** The sequences that are numbered independently, each with the word a drafter uses. */
export function numberedSequences(treaty: Treaty): { kind: UnitKind; units: Unit[] }[] {
  const seqs: { kind: UnitKind; units: Unit[] }[] = [];
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

export function checkNumbering(treaty: Treaty): Finding[] {
  const findings: Finding[] = [];
  for (const { kind, units } of numberedSequences(treaty)) {
    // `expected` follows the numbers as written (7 bis sits between 7 and 8 without a gap);
    // `position` is what renumbering will give each unit.
    let expected = 1;
    let position = 0;
    for (const u of units) {
      position++;
      const where = u.numberSpan ?? u.anchorSpan;
      if (kind === 'recital' && !u.number) continue;
      if (!u.number || u.placeholder) {
        findings.push(finding('numbering.provisional', where, `${capital(word(u))} ${u.placeholder ? `${u.number} is a placeholder` : 'has no number yet'}: renumbering will make it ${word(u)} ${format(u, position)}.`, { level: kind, unit: u.id }));
        continue;
      }
      if (u.suffix) {
        findings.push(finding('numbering.provisional', where, `${capital(describe(u))} is an inserted ${word(u)}: renumbering will make it ${word(u)} ${format(u, position)}.`, { level: kind, unit: u.id }));
        continue;
      }
      const value = u.value;
      if (value === undefined) continue;
      if (value !== expected) {
        let what: string;
        if (value > expected) what = value === expected + 1 ? `${word(u)} ${format(u, expected)} is missing` : `${word(u)}s ${format(u, expected)} to ${format(u, value - 1)} are missing`;
        else if (value === expected - 1) what = `${word(u)} ${u.number} is repeated`;
        else what = `${word(u)} ${u.number} is out of order`;
        findings.push(finding('numbering.sequence', where, `Expected ${word(u)} ${format(u, expected)} here, found ${u.number}: ${what}.`, { level: kind, unit: u.id, expected: format(u, expected) }));
      }
      expected = value + 1;
    }
  }
  return findings;
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
