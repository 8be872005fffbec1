// The server's semantic tokens must colour what the grammar colours the same way, in every
// theme: package.json maps each token the server emits (`semanticTokenScopes`) to the
// TextMate scopes the grammar gives the same words, so a theme's colour for a defined term
// or a reference is the same before and after the server answers. Dangling references are
// the one exception: they map to `invalid`, which the built-in themes colour red.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { projectWith } from '../support/text';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/features/semanticTokens';
import { withoutArticle, CONVENTION } from '../support/corpus';
import { ROOT, tokenize } from './helpers';

interface ScopeMap {
  language: string;
  scopes: Record<string, string[]>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const map = (manifest.contributes.semanticTokenScopes as ScopeMap[]).find((m) => m.language === 'treaty')!;

/** The entry VS Code picks for a token: same type, the most modifiers that the token all has. */
function scopesFor(type: string, modifiers: string[]): string[] | undefined {
  let best: { n: number; scopes: string[] } | undefined;
  for (const [selector, scopes] of Object.entries(map.scopes)) {
    const [t, ...mods] = selector.split('.');
    if (t !== type || !mods.every((m) => modifiers.includes(m))) continue;
    if (!best || mods.length > best.n) best = { n: mods.length, scopes };
  }
  return best?.scopes;
}

// An instrument reference beside the convention's own references, and article 17 deleted so
// that its citations dangle.
const TEXT = withoutArticle(CONVENTION, 17).replace('## Article 3.', 'See article 2 of the International Covenant on Civil and Political Rights.\n\n## Article 3.');
const URI = 'file:///ws/convention.treaty';
/** Scopes that hold text without colouring it as a construct of their own. */
const CONTAINER = /^(?:text\.treaty$|markup\.heading\.|entity\.name\.section\.|markup\.list\.)/;

describe('semantic tokens agree with the grammar', () => {
  const project = projectWith({ [URI]: TEXT });
  const view = project.view(URI)!;
  const tokens = semanticTokens(project, view, view.bundle.main.key);
  const decoded = tokens.map((t) => ({ ...t, type: TOKEN_TYPES[t.type], modifiers: TOKEN_MODIFIERS.filter((_, i) => t.modifiers & (1 << i)) }));

  it('maps every kind of token the server emits on the convention', () => {
    const kinds = new Set(decoded.map((t) => [t.type, ...t.modifiers].join('.')));
    for (const k of ['variable.readonly', 'variable.declaration.readonly', 'macro', 'macro.deprecated', 'namespace.defaultLibrary']) assert.ok(kinds.has(k), `no ${k} token: ${[...kinds].join(', ')}`);
    for (const k of kinds) assert.ok(scopesFor(k.split('.')[0], k.split('.').slice(1)), `no semanticTokenScopes entry for ${k}`);
  });

  it('gives each token the scope the grammar gives the same characters (dangling: invalid)', async () => {
    const lines = await tokenize(TEXT);
    const checked = new Map<string, number>();
    for (const t of decoded) {
      const scopes = scopesFor(t.type, t.modifiers)!;
      const key = [t.type, ...t.modifiers].join('.');
      checked.set(key, (checked.get(key) ?? 0) + 1);
      if (t.modifiers.includes('deprecated')) {
        assert.ok(scopes.every((s) => s.startsWith('invalid.')), `${key} → ${scopes}`);
        continue;
      }
      // The grammar's scopes on the token's first character. A use of a defined term is
      // plain text to the grammar (it cannot know the terms): there the token adds colour,
      // inside a heading or list item at most.
      const grammar = lines[t.line].find((g) => g.start <= t.character && t.character < g.end)!.scopes;
      const line = TEXT.split('\n')[t.line];
      const plain = grammar.every((s) => CONTAINER.test(s));
      assert.ok(scopes.some((s) => grammar.includes(s)) || (t.type === 'variable' && plain), `${key} "${line.slice(t.character, t.character + t.length)}" (line ${t.line + 1}): semantic ${scopes.join(' ')}, grammar ${grammar.join(' ')}`);
    }
    assert.ok((checked.get('variable.readonly') ?? 0) > 250, `term uses checked: ${checked.get('variable.readonly')}`);
    assert.ok((checked.get('macro') ?? 0) > 100, `references checked: ${checked.get('macro')}`);
    // Every scope named is one the grammar itself uses, or `invalid` (red in the built-in themes).
    const grammarText = fs.readFileSync(path.join(ROOT, 'syntaxes', 'treaty.tmLanguage.json'), 'utf8');
    for (const s of Object.values(map.scopes).flat()) assert.ok(s.startsWith('invalid.') || grammarText.includes(`${s}"`) || grammarText.includes(`${s} `), `${s} is not a grammar scope`);
  });
});
