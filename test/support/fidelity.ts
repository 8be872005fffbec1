// The yardstick of reference fidelity: how many of the designators an independent reader
// found in a real treaty (its .facts.json) Treatymark resolves to the same unit, and what
// it gets wrong. Used by test/unit/fidelity.test.ts and scripts/fidelity.ts.
import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import type { Reference, Treaty } from '../../server/src/model/types';

export const CORPUS_DIR = path.resolve(__dirname, '..', 'corpus', 'real');

export interface CitedToken {
  token: string;
  col: number;
  unit: string;
  unit_line: number;
}

export interface FactReference {
  line: number;
  col: number;
  text: string;
  kind: 'internal' | 'external';
  cited: CitedToken[];
  targets?: string[];
  source_flaw?: boolean;
  context?: string;
}

export interface TreatyFacts {
  file: string;
  cross_references: FactReference[];
  counts: Record<string, number>;
}

export interface Miss {
  line: number;
  text: string;
  token: string;
  expected: string;
  got: string;
}

export interface FidelityReport {
  name: string;
  designators: number;
  resolved: number;
  misses: Miss[];
  /** reference.dangling findings: none is genuine in the corpus. */
  dangling: { line: number; message: string }[];
  /** External references (facts) that Treatymark bound to a unit of this treaty. */
  externalBound: { line: number; text: string }[];
}

export function corpusNames(): string[] {
  return fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.treaty'))
    .map((f) => f.slice(0, -'.treaty'.length))
    .sort();
}

export function loadCorpus(name: string): { text: string; facts: TreatyFacts } {
  return {
    text: fs.readFileSync(path.join(CORPUS_DIR, `${name}.treaty`), 'utf8'),
    facts: JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, `${name}.facts.json`), 'utf8')) as TreatyFacts,
  };
}

/** Compares the treaty's model with its facts, designator by designator. */
export function measure(name: string, text: string, facts: TreatyFacts, treaty: Treaty = analyse(text)): FidelityReport {
  const lines = treaty.lines;
  const lineOf = (offset: number) => lines.positionAt(offset).line + 1;
  // Every written number of every reference, by its start offset.
  const numberAt = new Map<number, { ref: Reference; unitLine?: number }>();
  for (const ref of treaty.references) {
    for (const n of ref.numbers) numberAt.set(n.span.start, { ref, unitLine: n.unit ? lineOf(n.unit.anchorSpan.start) : undefined });
  }
  // The facts' token may hold more than the number: `(a)`, `(*c*)`, `a)`; `38.a` names its deepest unit.
  const numberIn = (start: number, length: number) => {
    for (let k = start + length - 1; k >= start; k--) if (numberAt.has(k)) return numberAt.get(k);
    return undefined;
  };
  const report: FidelityReport = { name, designators: 0, resolved: 0, misses: [], dangling: [], externalBound: [] };
  for (const fact of facts.cross_references) {
    const lineStart = lines.starts[fact.line - 1];
    if (fact.kind === 'external') {
      for (const c of fact.cited) {
        const hit = numberIn(lineStart + c.col, c.token.length);
        if (hit && hit.ref.kind === 'internal') report.externalBound.push({ line: fact.line, text: fact.text });
      }
      continue;
    }
    for (const c of fact.cited) {
      report.designators++;
      const hit = numberIn(lineStart + c.col, c.token.length);
      const got = !hit ? 'not read' : hit.ref.kind !== 'internal' ? `read as ${hit.ref.kind}` : hit.unitLine === undefined ? 'dangling' : `line ${hit.unitLine}`;
      if (hit && hit.ref.kind === 'internal' && hit.unitLine === c.unit_line) report.resolved++;
      else report.misses.push({ line: fact.line, text: fact.text, token: c.token, expected: `${c.unit} (line ${c.unit_line})`, got });
    }
  }
  for (const f of check(treaty)) if (f.code === 'reference.dangling') report.dangling.push({ line: lineOf(f.span.start), message: f.message });
  return report;
}
