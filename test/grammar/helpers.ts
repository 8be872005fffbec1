// Shared loader for the Treatymark TextMate grammar (vscode-textmate + vscode-oniguruma).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

export const ROOT = path.resolve(__dirname, '..', '..');
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'treaty.tmLanguage.json');
export const BASE_SCOPE = 'text.treaty';

// The real YAML grammar ships with VS Code, not with this repo. This stub stands in for
// `source.yaml` so that the front-matter embed resolves; it only marks keys and comments.
const YAML_STUB = JSON.stringify({
  scopeName: 'source.yaml',
  patterns: [
    {
      match: '^[ \\t]*([\\w-]+)[ \\t]*(:)',
      captures: {
        1: { name: 'entity.name.tag.yaml' },
        2: { name: 'punctuation.separator.key-value.mapping.yaml' },
      },
    },
    { match: '#.*$', name: 'comment.line.number-sign.yaml' },
  ],
});

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

export function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        if (scopeName === 'text.treaty') {
          return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
        }
        if (scopeName === 'source.yaml') return vsctm.parseRawGrammar(YAML_STUB, 'yaml-stub.json');
        return null;
      },
    });
    const grammar = await registry.loadGrammar('text.treaty');
    if (!grammar) throw new Error('text.treaty grammar did not load');
    return grammar;
  })();
  return grammarPromise;
}

export interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

/** Tokenizes a whole document; returns one token list per line. */
export async function tokenize(text: string): Promise<Token[][]> {
  const grammar = await loadGrammar();
  const lines = text.split(/\r?\n/);
  let state = vsctm.INITIAL;
  const out: Token[][] = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes })));
    state = r.ruleStack;
  }
  return out;
}

/**
 * Scopes of the token that covers the first character of `substring` on line `line`
 * (0-based) of `text`. With `occurrence`, the n-th (0-based) occurrence on that line.
 */
export async function scopesAt(text: string, line: number, substring: string, occurrence = 0): Promise<string[]> {
  const lines = await tokenize(text);
  const lineText = text.split(/\r?\n/)[line];
  if (lineText === undefined) throw new Error(`no line ${line}`);
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = lineText.indexOf(substring, at + 1);
    if (at < 0) throw new Error(`"${substring}" not found (occurrence ${occurrence}) on line ${line}: ${lineText}`);
  }
  const tok = lines[line].find((t) => t.start <= at && at < t.end);
  if (!tok) throw new Error(`no token at ${at} on line ${line}`);
  return tok.scopes;
}

/** Most specific (innermost) scope other than the base scope, or "-" when there is none. */
export function innermost(scopes: string[]): string {
  const s = scopes[scopes.length - 1];
  return s === BASE_SCOPE ? '-' : s;
}

/** One snapshot line per source line: [[token text, innermost scope], …]. */
export function snapshotOf(lines: Token[][]): string {
  return lines
    .map((toks, i) => `${i + 1}: ${JSON.stringify(toks.filter((t) => t.text !== '').map((t) => [t.text, innermost(t.scopes)]))}`)
    .join('\n') + '\n';
}
