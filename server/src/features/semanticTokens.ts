// Semantic tokens, on standard token types and modifiers so that every theme colours
// them without configuration:
//
//   use of a defined term              variable  + readonly
//   the defined term in its definition variable  + declaration, readonly
//   reference that resolves            macro
//   reference that names nothing       macro     + deprecated
//   reference to another instrument    namespace (+ defaultLibrary when it is not a workspace file)
//
// package.json (`semanticTokenScopes`) maps each to the scope the grammar gives the same words,
// so a theme colours them alike (test/grammar/semantic.test.ts); dangling ones map to `invalid`.
//
// Placeholder references (`article [X]`) are left to the grammar.
import type { Span } from '../model/types';
import type { View } from '../workspace/bundle';
import type { Project } from '../workspace/project';

export const TOKEN_TYPES = ['variable', 'macro', 'namespace'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'deprecated', 'defaultLibrary'] as const;

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

interface TokenEntry {
  line: number;
  character: number;
  length: number;
  type: number;
  modifiers: number;
}

export function semanticTokens(project: Project, view: View, key: string): TokenEntry[] {
  const part = view.part(key);
  if (!part) return [];
  const treaty = view.treaty;
  const raw: { span: Span; type: TokenType; modifiers: TokenModifier[] }[] = [];
  const inPart = (s: Span) => view.bundle.inPart(s, part);
  for (const d of treaty.definitions) if (inPart(d.span)) raw.push({ span: d.span, type: 'variable', modifiers: ['declaration', 'readonly'] });
  for (const u of treaty.uses) if (inPart(u.span)) raw.push({ span: u.span, type: 'variable', modifiers: ['readonly'] });
  const externals = new Map(project.externals(view.bundle).map((e) => [e.ref, e]));
  for (const r of treaty.references) {
    if (!inPart(r.span) || r.kind === 'placeholder') continue;
    if (r.kind === 'external') {
      const ext = externals.get(r);
      if (ext?.resolution) raw.push({ span: r.span, type: ext.resolution.missing.length ? 'macro' : 'namespace', modifiers: ext.resolution.missing.length ? ['deprecated'] : [] });
      else raw.push({ span: r.span, type: 'namespace', modifiers: ['defaultLibrary'] });
      continue;
    }
    raw.push({ span: r.span, type: 'macro', modifiers: r.missing.length > 0 ? ['deprecated'] : [] });
  }
  raw.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const out: TokenEntry[] = [];
  let lastEnd = -1;
  for (const t of raw) {
    if (t.span.end <= t.span.start) continue;
    // Tokens may not overlap: a term inside a reference phrase gives way to the phrase.
    if (t.span.start < lastEnd) continue;
    const loc = view.locate(t.span);
    if (!loc || loc.uri !== part.uri) continue;
    const { start, end } = loc.range;
    if (end.line !== start.line || end.character <= start.character) continue;
    out.push({
      line: start.line,
      character: start.character,
      length: end.character - start.character,
      type: TOKEN_TYPES.indexOf(t.type),
      modifiers: t.modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0),
    });
    lastEnd = t.span.end;
  }
  return out;
}
