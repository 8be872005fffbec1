// The styles of the published page: one sheet for both uses, its colours in custom
// properties — fixed black on white for print, the editor theme's in the preview (VS Code
// sets `--vscode-*` on a webview's body). No style attribute anywhere, so a strict
// Content-Security-Policy admits the page by the nonce of this one <style>.

const COMMON = `
.tm { font: 11.5pt/1.5 Georgia, "Times New Roman", serif; color: var(--tm-fg); background: var(--tm-bg); margin: 0; }
.tm #tm-doc { max-width: 44em; margin: 0 auto; padding: 1.5em 2em 4em 2em; }
.tm.tm-comments #tm-doc { padding-right: 17em; }
.tm a { color: var(--tm-link); text-decoration: none; }
.tm a:hover { text-decoration: underline; }
.tm-toolbar { position: sticky; top: 0; z-index: 2; font: 9pt system-ui, sans-serif; padding: .3em 1em; background: var(--tm-bg); border-bottom: 1px solid var(--tm-rule); }
.tm-toolbar label { cursor: pointer; user-select: none; }
.tm-cover { text-align: center; margin: 1em 0 2em; }
.tm-cover p { text-align: center; }
.tm-cover .tm-symbol { text-align: right; font-family: system-ui, sans-serif; font-size: 9pt; color: var(--tm-muted); margin: 0; }
.tm-cover .tm-status { font-family: system-ui, sans-serif; font-size: 9pt; text-transform: uppercase; letter-spacing: .08em; color: var(--tm-muted); }
.tm-cover h1 { font-size: 16pt; font-weight: bold; line-height: 1.3; margin: .6em 0; }
.tm-toc { font-size: 10pt; margin: 0 0 2.5em; border-top: 1px solid var(--tm-rule); border-bottom: 1px solid var(--tm-rule); padding: .5em 0 1em; }
.tm-toc h2 { font-size: 11pt; text-align: center; margin: .6em 0; }
.tm-toc ol { list-style: none; margin: 0; padding: 0; }
.tm-toc ol ol { padding-left: 1.5em; }
.tm-toc li { margin: .1em 0; }
.tm h2, .tm h3, .tm h4, .tm h5 { text-align: center; font-weight: bold; break-after: avoid; page-break-after: avoid; }
.tm h2 { font-size: 13pt; margin: 2em 0 1em; }
.tm h3, .tm h4, .tm h5 { font-size: 11.5pt; margin: 1.6em 0 .8em; }
.tm-heading .tm-num { display: block; }
.tm-heading .tm-title { display: block; font-weight: bold; }
.tm-article > .tm-heading .tm-title { font-weight: bold; }
.tm-chapter > .tm-heading .tm-num, .tm-part > .tm-heading .tm-num { text-transform: none; }
.tm p { margin: 0 0 .7em; text-align: justify; hyphens: auto; }
.tm-unit { display: grid; grid-template-columns: 2.6em 1fr; column-gap: .2em; }
.tm-unit > .tm-num { grid-column: 1; }
.tm-unit > .tm-body { grid-column: 2; min-width: 0; }
.tm-unit.tm-unnumbered > .tm-body { grid-column: 1 / span 2; }
.tm-recital.tm-unnumbered p, .tm-preamble > p { text-indent: 2.6em; }
.tm-closing p { text-indent: 2.6em; margin-top: 1.5em; }
.tm-notes { margin-top: 3em; border-top: 1px solid var(--tm-rule); break-before: page; page-break-before: always; }
.tm-notegroup > h3 { font-style: italic; font-weight: normal; }
.tm-title-line { text-align: center; font-weight: bold; }
.tm-def { font-style: normal; }
.tm a.tm-term { color: inherit; border-bottom: 1px dotted var(--tm-muted); }
.tm a.tm-term:hover { color: var(--tm-link); text-decoration: none; }
.tm-ref { color: var(--tm-link); }
.tm-ref-dangling { text-decoration: underline wavy var(--tm-error); }
.tm-ref-placeholder { background: var(--tm-pending); }
.tm-ref-external { font-style: normal; }
.tm-fnref { font-size: .75em; line-height: 0; }
.tm-footnotes { font-size: 9.5pt; border-top: 1px solid var(--tm-rule); margin-top: 3em; padding-top: .5em; }
.tm-footnotes ol { padding-left: 1.5em; }
.tm ins { background: var(--tm-ins-bg); color: var(--tm-ins-fg); text-decoration: underline; }
.tm del { background: var(--tm-del-bg); color: var(--tm-del-fg); text-decoration: line-through; }
.tm mark { background: var(--tm-mark); color: inherit; }
.tm-bracket.tm-alternative { background: var(--tm-alt); }
.tm-comment { float: right; clear: right; width: 14em; margin: .1em -16.5em .4em 0; padding: .3em .5em; font: 8.5pt/1.35 system-ui, sans-serif; text-align: left; text-indent: 0; color: var(--tm-fg); background: var(--tm-comment-bg); border-left: 3px solid var(--tm-comment-rule); }
.tm-comment b { margin-right: .3em; }
.tm-comment-ref { font: bold .7em system-ui, sans-serif; color: var(--tm-comment-rule); vertical-align: super; line-height: 0; }
.tm [id] { scroll-margin-top: 2.2em; }
.tm-target { outline: 2px solid var(--tm-link); outline-offset: 2px; }
#tm-clean { margin: 0 .3em 0 0; vertical-align: middle; }
body:has(#tm-clean:checked) #tm-doc :is(del, .tm-comment, .tm-comment-ref) { display: none; }
body:has(#tm-clean:checked) #tm-doc ins { background: none; color: inherit; text-decoration: none; }
body:has(#tm-clean:checked) #tm-doc mark { background: none; }
`;

// A narrow window (a preview beside the editor) has no room for a margin: comments go in the text.
const NARROW = `
@media screen and (max-width: 52em) {
  .tm #tm-doc, .tm.tm-comments #tm-doc { padding: 1em 1.2em 3em; }
  .tm-comment { float: none; display: block; width: auto; margin: .3em 0 .6em; }
}
`;

const PRINT = `
.tm-print { --tm-fg: #111; --tm-bg: #fff; --tm-muted: #666; --tm-rule: #bbb; --tm-link: #1a4d8f; --tm-error: #c62828;
  --tm-ins-bg: transparent; --tm-ins-fg: #1b5e20; --tm-del-bg: transparent; --tm-del-fg: #b71c1c; --tm-mark: #fff3b0;
  --tm-alt: transparent; --tm-pending: #fff3b0; --tm-comment-bg: #f6f6f6; --tm-comment-rule: #e0a800; }
@media print {
  .tm-toolbar { display: none; }
  .tm #tm-doc { max-width: none; padding: 0; }
  .tm.tm-comments #tm-doc { padding-right: 12em; }
  .tm { font-size: 10.5pt; }
  .tm a { color: inherit; }
  .tm a.tm-term { border-bottom: none; }
  .tm-comment { width: 10.5em; margin-right: -12em; }
  .tm-article { break-inside: auto; }
  .tm-unit, .tm p { orphans: 3; widows: 3; }
}
`;

const PREVIEW = `
.tm-preview { --tm-fg: var(--vscode-editor-foreground, #222); --tm-bg: var(--vscode-editor-background, #fff);
  --tm-muted: var(--vscode-descriptionForeground, #777); --tm-rule: var(--vscode-editorWidget-border, #ccc);
  --tm-link: var(--vscode-textLink-foreground, #1a5fb4); --tm-error: var(--vscode-editorError-foreground, #c62828);
  --tm-ins-bg: var(--vscode-diffEditor-insertedTextBackground, #c9ecd4); --tm-ins-fg: inherit;
  --tm-del-bg: var(--vscode-diffEditor-removedTextBackground, #fbd0cc); --tm-del-fg: inherit;
  --tm-mark: var(--vscode-editor-findMatchHighlightBackground, #fff3b0);
  --tm-alt: var(--vscode-editor-wordHighlightBackground, transparent); --tm-pending: var(--vscode-editor-wordHighlightBackground, #fff3b0);
  --tm-comment-bg: var(--vscode-editorWidget-background, #f6f6f6); --tm-comment-rule: var(--vscode-editorWarning-foreground, #e0a800); }
.tm-preview [data-line].tm-source-line { background: var(--vscode-editor-lineHighlightBackground, rgba(127,127,127,.1)); }
`;

/** The sheet of a page; `runningHead` goes at the top of every printed page. */
export function htmlStyle(mode: 'print' | 'preview', runningHead: string): string {
  // Margin boxes do not see the page's custom properties: the running head is written in.
  const page = `@page { size: A4; margin: 22mm 20mm 20mm 20mm;
  @top-center { content: "${cssString(runningHead)}"; font: 8pt system-ui, sans-serif; color: #666; }
  @bottom-center { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #666; } }\n`;
  return COMMON + NARROW + (mode === 'print' ? PRINT + page : PREVIEW);
}

function cssString(s: string): string {
  let out = '';
  for (const ch of s) out += ch === '"' || ch === '\\' ? `\\${ch}` : ch === '<' ? '\\3c ' : ch.charCodeAt(0) < 0x20 ? ' ' : ch;
  return out;
}
