// The skeleton "Treatymark: New treaty" inserts: front matter, a preamble, a chapter, article 1
// "Use of terms" with a definition, an article using the term, and an interpretative note.
// Pure (no `vscode` import) so the unit tests can check that it analyses without problems.
//
// The template is in VS Code snippet syntax: the drafter tabs through the placeholders, and
// the short title and the term are mirrored wherever they recur (the term in lower case in
// article 2 once the drafter has typed it and pressed Tab).

export const SKELETON_SNIPPET = [
  '---',
  'title: ${1:Convention on …}',
  'short-title: ${2:Convention}',
  'status: draft',
  '---',
  '',
  '# Preamble',
  '',
  'The States Parties to the present ${2},',
  '',
  '*${3:Recognizing}* ${4:the need for …},',
  '',
  '*Have agreed* as follows:',
  '',
  '# Chapter I. General provisions',
  '',
  '## Article 1. Use of terms',
  '',
  'For the purposes of this ${2}:',
  '',
  '(a) "${5:Term}" shall mean ${6:…};',
  '',
  '## Article 2. ${7:Scope of application}',
  '',
  'This ${2} shall apply to ${8:every} ${5/(.*)/${1:/downcase}/}.',
  '',
  '# Interpretative notes',
  '',
  '## Article 1',
  '',
  '1. The definition of "${5}" in article 1 (a) ${9:covers …}$0',
  '',
].join('\n');

/**
 * The text VS Code inserts for a snippet, before the drafter types: `${n:default}` becomes the
 * default, a mirror `${n}` the default of placeholder n, a transforming mirror
 * `${n/(.*)/${1:/downcase}/}` also that default (VS Code applies the transform only when the
 * drafter leaves placeholder n), `$0` nothing. Covers exactly the syntax used above.
 */
export function expandSnippet(snippet: string): string {
  const defaults = new Map<string, string>();
  for (const m of snippet.matchAll(/\$\{(\d+):([^}]*)\}/g)) if (!defaults.has(m[1])) defaults.set(m[1], m[2]);
  const valueOf = (n: string) => {
    const v = defaults.get(n);
    if (v === undefined) throw new Error(`placeholder ${n} has no default`);
    return v;
  };
  return snippet
    .replace(/\$\{(\d+)\/\(\.\*\)\/\$\{1:\/downcase\}\/\}/g, (_, n: string) => valueOf(n))
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, _n: string, v: string) => v)
    .replace(/\$\{(\d+)\}/g, (_, n: string) => valueOf(n))
    .replace(/\$0/g, '');
}

/** The skeleton as it reads before the drafter types anything. */
export const SKELETON_TEXT = expandSnippet(SKELETON_SNIPPET);
