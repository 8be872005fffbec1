// The whole model in one call: text → Treaty. Pure and synchronous; the checks,
// edits and the LSP layer only read what this returns.
import { parse } from '../syntax/parse';
import type { CriticSpan } from '../syntax/tree';
import { readFrontMatter } from './frontmatter';
import { buildStructure } from './structure';
import { findDefinitions, UseFinder } from './definitions';
import { findReferences, noteGroupHeadings } from './references';
import { attachNotes, noteGroupsOf } from './notes';
import type { GrammarContext } from './refgrammar';
import { Resolver } from './resolve';
import type { SyntaxTree } from '../syntax/tree';
import type { AlternativeSet, Footnote, FrontMatter, Treaty } from './types';

/** What an analysis built that the next, incremental one reuses (model/incremental.ts). */
export interface AnalysisState {
  /** The resolver with the indexes it has built: valid while the units are the same. */
  resolver: Resolver;
  /** The defined terms ready to be found: valid while the definitions are the same. */
  uses: UseFinder | undefined;
}

/** Per analysis, its state; kept beside the treaty so that `Treaty` stays plain data. */
export const analysisStates = new WeakMap<Treaty, AnalysisState>();

/** Self-names understood when the front matter gives no `short-title`. */
const DEFAULT_SELF_NAMES = ['convention', 'treaty', 'agreement', 'protocol', 'covenant', 'charter', 'statute'];

export function analyse(text: string): Treaty {
  const syntax = parse(text);
  const frontMatter = readFrontMatter(text, syntax.frontMatter);
  const { roots, units, byId } = buildStructure(syntax);
  units.forEach((u, i) => (u.index = i));
  const articles = units.filter((u) => u.kind === 'article' && !u.implicit);
  const chapters = units.filter((u) => u.kind === 'chapter');
  const parts = units.filter((u) => u.kind === 'part');
  const sections = units.filter((u) => u.kind === 'section');

  const selfNames = frontMatter.shortTitle ? [frontMatter.shortTitle.toLowerCase()] : [...DEFAULT_SELF_NAMES];
  if (frontMatter.title) selfNames.push(frontMatter.title.toLowerCase());
  const ctx = grammarContextOf(selfNames, frontMatter.instruments);

  const annexes = units.filter((u) => u.kind === 'annex');
  const noteGroups = noteGroupsOf(units);
  const preamble = roots.find((u) => u.kind === 'preamble');
  const resolver = new Resolver({ roots, articles, byLevel: { chapter: chapters, part: parts, section: sections, annex: annexes }, preamble });
  const { references, unrecognised } = findReferences(syntax, resolver.scope, ctx, noteGroupHeadings(noteGroups), syntax.blocks, resolver);
  const notes = attachNotes(text, noteGroups, references);

  const definitions = findDefinitions(text, units);
  const finder = UseFinder.of(definitions);
  const uses = finder ? finder.scan(text, bodyStartOf(syntax), text.length, roots, true) : [];

  const changes: CriticSpan[] = syntax.critic.filter((c) => c.kind === 'insert' || c.kind === 'delete' || c.kind === 'substitute');
  const comments: CriticSpan[] = syntax.critic.filter((c) => c.kind === 'comment');

  const treaty: Treaty = {
    text,
    lines: syntax.lines,
    syntax,
    frontMatter,
    selfNames,
    roots,
    units,
    byId,
    articles,
    chapters,
    parts,
    sections,
    annexes,
    definitions,
    uses,
    references,
    unrecognised,
    noteGroups,
    notes,
    footnotes: footnotesOf(syntax),
    alternatives: alternativeSets(text, syntax.brackets),
    changes,
    comments,
  };
  analysisStates.set(treaty, { resolver, uses: finder });
  return treaty;
}

/** Where the body starts: after a closed front matter (uses are found from there). */
export function bodyStartOf(syntax: SyntaxTree): number {
  return syntax.frontMatter?.closed ? syntax.frontMatter.span.end : 0;
}

/** Footnotes by label: the text that defines each (the first) and where it is called. */
export function footnotesOf(syntax: SyntaxTree): Map<string, Footnote> {
  const footnotes = new Map<string, Footnote>();
  const footnote = (label: string) => {
    let f = footnotes.get(label);
    if (!f) footnotes.set(label, (f = { label, refs: [] }));
    return f;
  };
  for (let bi = 0; bi < syntax.blocks.length; bi++) {
    const b = syntax.blocks[bi];
    if (b.type !== 'footnoteDef') continue;
    const f = footnote(b.label);
    if (!f.span) {
      f.span = b.span;
      f.labelSpan = b.labelSpan;
      f.textSpan = b.content;
    }
  }
  for (const r of syntax.footnoteRefs) footnote(r.label).refs.push(r.span);
  return footnotes;
}

/** What the reference grammar needs of a treaty: its self-names and its instruments (keys and titles). */
export function grammarContextOf(selfNames: string[], instruments: FrontMatter['instruments']): GrammarContext {
  const byName = new Map<string, string>();
  for (const inst of instruments) {
    byName.set(inst.key.toLowerCase(), inst.key);
    byName.set(inst.title.toLowerCase(), inst.key);
  }
  return { selfNames, instruments: byName };
}

/** Bracket groups separated only by white space, under the same parent, are one set of alternatives. */
export function alternativeSets(text: string, brackets: Treaty['syntax']['brackets']): AlternativeSet[] {
  const sets: AlternativeSet[] = [];
  let run: typeof brackets = [];
  const flush = () => {
    if (run.length > 1) sets.push({ groups: run, span: { start: run[0].open, end: run[run.length - 1].close + 1 } });
    run = [];
  };
  // Brackets are in order of their opening; a group's siblings follow its descendants.
  const lastAtParent = new Map<number, number>();
  const runs = new Map<number, typeof brackets>();
  brackets.forEach((b, i) => {
    if (b.close < 0) return;
    const prevIndex = lastAtParent.get(b.parent);
    const prev = prevIndex !== undefined ? brackets[prevIndex] : undefined;
    let current = runs.get(b.parent) ?? [];
    if (!(prev && prev.close >= 0 && /^\s*$/.test(text.slice(prev.close + 1, b.open)) && current.length > 0 && current[current.length - 1] === prev)) {
      run = current;
      flush();
      current = [];
    }
    current.push(b);
    runs.set(b.parent, current);
    lastAtParent.set(b.parent, i);
  });
  for (const r of runs.values()) {
    run = r;
    flush();
  }
  sets.sort((a, b) => a.span.start - b.span.start);
  return sets;
}
