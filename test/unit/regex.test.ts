// No catastrophic regular expressions. Every regular expression in server/src is listed
// below with a short name and its module; the inventory test fails when one is added,
// changed or removed without this list following. Each literal is then run on hostile
// input built from its own characters (long runs of what its quantifiers consume,
// near-misses, its words repeated) and must stay within a factor of a linear baseline of
// the same length: the same pattern on plain prose, or one step per character, whichever
// is slower (a ratio, never an absolute time). Patterns built with `new RegExp` at run
// time, and the few literals that only ever see a bounded slice of text, are tested
// through the public function that runs them, on 1 MB of hostile text.
import { strict as assert } from 'assert';
import * as path from 'path';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { hitAt } from '../../server/src/features/at';
import { complete } from '../../server/src/features/completion';
import { Project, readHeader } from '../../server/src/workspace/project';
import { uriKey } from '../../server/src/workspace/uris';
import { CONVENTION, ROOT } from '../support/corpus';
import { allRegexSites, compileLiteral } from '../support/regexes';
import { bestTime, FUZZING } from '../support/robust';

const SERVER_SRC = path.join(ROOT, 'server', 'src');

/** What a literal runs over, when it is not the document text at large. */
type Note = string;
/** Only ever sees this slice, and is tested through the function that cuts it. */
interface Bounded {
  bounded: string;
}

/** [module under server/src, the literal as written, short name, what it runs over]. */
const LITERALS: [string, string, string, (Note | Bounded)?][] = [
  // syntax/parse.ts — text → tree
  ['syntax/parse.ts', '/^interpretative\\s+notes\\b/i', 'HEADING_KEYWORDS notes', 'a heading line'],
  ['syntax/parse.ts', '/^preamble\\b/i', 'HEADING_KEYWORDS preamble', 'a heading line'],
  ['syntax/parse.ts', '/^parts?\\b/i', 'HEADING_KEYWORDS part', 'a heading line'],
  ['syntax/parse.ts', '/^chapters?\\b/i', 'HEADING_KEYWORDS chapter', 'a heading line'],
  ['syntax/parse.ts', '/^sections?\\b/i', 'HEADING_KEYWORDS section', 'a heading line'],
  ['syntax/parse.ts', '/^articles?\\b/i', 'HEADING_KEYWORDS article', 'a heading line'],
  ['syntax/parse.ts', '/^(?:annex(?:es)?|appendix|appendices)\\b/i', 'HEADING_KEYWORDS annex', 'a heading line'],
  ['syntax/parse.ts', '/^(?:\\[[^\\]\\n]{0,40}\\]|_{2,}|…|\\.\\.\\.|\\d+|[IVXLCDM]{1,15}\\b|[ivxlcdm]{1,15}\\b|[A-Z]\\b)/', 'NUMBER_PATTERN', 'a heading after its keyword'],
  ['syntax/parse.ts', '/^\\s*(?:[.:—–-]|\\s)\\s*/', 'SEPARATOR', 'a heading after its number'],
  ['syntax/parse.ts', '/^\\[\\^([^\\]\\s]{1,40})\\]:[ \\t]?/', 'FOOTNOTE_DEF', 'the first 48 characters of a line'],
  ['syntax/parse.ts', '/\\s/', 'trailing white space of a heading', 'one character'],
  ['syntax/parse.ts', '/s$/i', 'plural keyword', 'a heading keyword'],
  ['syntax/parse.ts', '/^\\s*[.:—–-]?\\s*/', 'title of a preamble or notes heading', 'a heading line'],
  ['syntax/parse.ts', '/^\\s*/', 'white space after a heading keyword', 'a heading line'],
  ['syntax/parse.ts', '/^\\d+$/', 'arabic heading number', 'a heading number'],
  ['syntax/parse.ts', '/^[A-Z]$/', 'letter heading number', 'a heading number'],
  ['syntax/parse.ts', '/[\\\\{[\\]]/g', 'inline scanner: next special character', 'the whole text'],
  ['syntax/parse.ts', '/\\r?\\n[ \\t]*(?:\\r?\\n|$)|\\r[ \\t]*(?:\\r|$)/g', 'paragraphEnd', 'the whole text'],
  // syntax/numerals.ts
  ['syntax/numerals.ts', '/^[ivxlcdm]+$/i', 'ROMAN_SHAPE', 'a number or a word of a reference'],
  ['syntax/numerals.ts', '/^[a-z]+$/', 'letterValue', 'a marker label'],
  ['syntax/numerals.ts', '/^(?:X|\\[[^\\]]*\\]|_{2,}|…|\\.\\.\\.)$/', 'isPlaceholderNumber', 'a heading number'],
  ['syntax/numerals.ts', '/^[ivx]+$/', 'listRomanValue', 'a marker label'],
  // model/structure.ts
  ['model/structure.ts', '/^(?:IN\\s+WITNESS\\s+WHEREOF|DONE\\s+at\\b)/', 'CLOSING_FORMULA', 'the first 24 characters of a line'],
  ['model/structure.ts', '/:\\s*$/', 'operative formula of the preamble', 'the last recital'],
  // model/analyse.ts
  ['model/analyse.ts', '/^\\s*$/', 'white space between alternatives', 'the text between two bracket groups'],
  // model/frontmatter.ts
  ['model/frontmatter.ts', '/\\r(?!\\n)/g', 'lone CR in front matter', 'the front matter'],
  ['model/frontmatter.ts', '/[.*+?^${}()|[\\]\\\\]/g', 'keySpan: escape the key', 'a front-matter key'],
  ['model/frontmatter.ts', '/(?<!\\s)\\s+at line \\d+, column \\d+:?$/', 'firstLine of a YAML error', 'a YAML error message'],
  // model/definitions.ts
  ['model/definitions.ts', '/\\s*(?:shall\\s+mean|means|shall\\s+include|includes|refers\\s+to|shall\\s+refer\\s+to)\\b/y', 'DEFINING_VERB', 'a unit after a quoted term'],
  ['model/definitions.ts', '/\\s*(?:,\\s*(?:or\\s+|and\\s+)?|(?<=\\s)(?:or|and)\\s+)(?=["“])/y', 'JOINER', 'a unit after a quoted term'],
  ['model/definitions.ts', '/\\s*,[^,"“”;]{1,200},/y', 'CLAUSE', 'a unit after a quoted term'],
  ['model/definitions.ts', '/["“]([^"“”\\r\\n]{1,300})["”]/g', 'QUOTE', "a unit's text"],
  ['model/definitions.ts', '/["“]([^"“”\\r\\n]{1,300})["”]/y', 'QUOTE_AT', 'a unit after a joiner'],
  ['model/definitions.ts', '/^\\s*["“]([^"“”\\r\\n]{1,300})["”]\\s*(?:[;:.]\\s*)?$/', 'PENDING', "a subparagraph's text"],
  ['model/definitions.ts', '/\\bfor\\s+(?:the\\s+)?purposes?\\s+of\\s+(?:implementing\\s+or\\s+applying\\s+)?paragraph\\s+(\\d+)(?:\\s+of\\s+(?:this|the\\s+present)\\s+article|\\s+(?:above|below)\\b|(?!\\s*of\\b))/i', 'SCOPE_RULES paragraph N', "a unit's text"],
  ['model/definitions.ts', '/\\bfor\\s+(?:the\\s+)?purposes?\\s+of\\s+(?:implementing\\s+or\\s+applying\\s+)?(?:this|the\\s+present)\\s+article\\b/i', 'SCOPE_RULES article', "a unit's text"],
  ['model/definitions.ts', '/\\bfor\\s+(?:the\\s+)?purposes?\\s+of\\s+(?:this|the\\s+present)\\s+paragraph\\b/i', 'SCOPE_RULES paragraph', "a unit's text"],
  ['model/definitions.ts', '/\\bfor\\s+(?:the\\s+)?purposes?\\s+of\\s+(?:this|the\\s+present)\\s+chapter\\b/i', 'SCOPE_RULES chapter', "a unit's text"],
  ['model/definitions.ts', '/\\bfor\\s+(?:the\\s+)?purposes?\\s+of\\s+(?:this|the\\s+present)\\s+[A-Z]\\w+/i', 'SCOPE_RULES treaty', "a unit's text"],
  ['model/definitions.ts', '/[’‘]/g', 'termKey: apostrophes', 'a term'],
  ['model/definitions.ts', '/\\s+/g', 'termKey: white space', 'a term'],
  ['model/definitions.ts', '/[[\\]]/g', 'stripBrackets', 'a term'],
  ['model/definitions.ts', '/\\[([^\\[\\]]+)\\]\\s*/y', 'alternativeNames', 'a term'],
  ['model/definitions.ts', '/[\\p{L}\\p{N}]+/gu', 'TERM_WORD', 'a term'],
  ['model/definitions.ts', '/[ \\t]+/g', 'sameGap', 'the gap between two words of a use'],
  // model/references.ts, refgrammar.ts, reftokens.ts, resolve.ts — citations
  ['model/references.ts', '/paragraph|article|chapter|section|part|point|annex|appendi|\\b(?:arts?|(?:sub)?paras?)\\b/gi', 'KEYWORD', "a line's content"],
  ['model/references.ts', '/\\b(?:articles?|arts?|paragraphs?|paras?|subparagraphs?|subparas?|chapters?|parts?|sections?|points?|annex(?:es)?|appendix|appendices)\\b/i', 'HAS_KEYWORD', "a line's content"],
  ['model/references.ts', '/^\\.?[ \\t\\u00a0]*\\*?(?:\\d{1,6}|\\(\\*?(?:[a-z]{1,4}\\*?\\)|\\d{1,6}\\)?)|[a-z]{1,2}\\)|[IVXLC]+\\b|[A-Z]\\b)/', 'DESIGNATOR_AFTER', { bounded: 'twelve characters after a keyword' }],
  ['model/references.ts', '/\\s+/g', 'JOINERS: white space', 'the text between two references'],
  ['model/references.ts', '/\\bv\\.\\s|\\bjudgment of\\b|\\bapplication No\\b/i', 'CASE_CITATION', { bounded: 'the 200 characters before a reference' }],
  ['model/references.ts', '/\\bthe\\s+(preceding|previous|following|next)\\s+$/i', 'RELATIVE', { bounded: 'the 24 characters before a keyword' }],
  ['model/references.ts', '/^(?:preceding|previous)$/i', 'backwards', 'a word'],
  ['model/references.ts', '/s$/i', 'plural keyword', 'one character'],
  ['model/references.ts', '/(\\b[A-Z]{1,6}(?:\\/[A-Za-z0-9.]+)+|\\bNo\\.\\s?\\d+|\\b[A-Z]{2,6} \\d+),? $/', 'DOCUMENT_BEFORE', { bounded: 'the 48 characters before a reference' }],
  ['model/references.ts', '/(\\([a-z]{1,4}\\)(?:(?:,| and| or|, and|, or) \\([a-z]{1,4}\\))*) (?:in|of) $/', 'LEADING_LABELS', { bounded: 'the 80 characters before a paragraph reference' }],
  ['model/references.ts', '/\\(([a-z]{1,4})\\)/g', 'labels of LEADING_LABELS', 'what LEADING_LABELS matched'],
  ['model/references.ts', '/\\b(the|this) $/i', 'determiner before an unnumbered annex', { bounded: 'the 5 characters before a keyword' }],
  ['model/references.ts', '/^[ \\t]*\\d+\\/\\d/', 'a 24/7 name', { bounded: 'twelve characters after a keyword' }],
  ['model/references.ts', '/^[A-Z]{2,}$/', 'acronym before a reference', 'a word'],
  ['model/refgrammar.ts', '/^\\d/', 'digit label', 'a label'],
  ['model/refgrammar.ts', '/^[IVXLC]+$/', 'roman number', 'a word'],
  ['model/refgrammar.ts', '/^[A-Z]$/', 'annex letter', 'a word'],
  ['model/refgrammar.ts', '/^[A-Z]/', 'capitalised word', 'a word'],
  ['model/refgrammar.ts', '/^[a-z]/', 'lower-case word', 'a word'],
  ['model/refgrammar.ts', '/^[A-Z]{2,}$/', 'acronym instrument', 'a name'],
  ['model/reftokens.ts', '/^\\(\\*?([a-z]{1,5}|\\d{1,4})\\*?\\)/', 'tokenize: (a) label', 'ten characters'],
  ['model/resolve.ts', '/\\s+/g', 'normalizeNumber', 'a number'],
  ['model/resolve.ts', '/^\\d+$/', 'divisionKey: arabic', 'a number'],
  ['model/resolve.ts', '/^[A-Za-z]$/', 'divisionKey: letter', 'a number'],
  ['model/resolve.ts', '/^[IVXivx]$/', 'divisionKey: one-letter numeral', 'a number'],
  // model/notes.ts
  ['model/notes.ts', '/with\\s+regard\\s+to\\s+the\\s+terms?\\s+["“]([^"”]+)["”]/i', 'REGARDING', 'a note heading'],
  ['model/notes.ts', '/["“]([^"“”\\r\\n]{1,200})["”]/g', 'QUOTED', "a note's text"],
  // model/crossdoc.ts
  ['model/crossdoc.ts', '/^[ \\t]*#+[ \\t]*interpretative\\s+notes\\b/i', 'NOTES_HEADING', 'the first non-blank line of a notes file'],
  ['model/crossdoc.ts', '/[^\\r\\n]/g', 'blank the notes front matter', "a notes file's front matter"],
  ['edits/renumber.ts', '/^[A-Za-z-]+/', 'keyword of an unrecognised citation', 'an unrecognised citation'],
  ['edits/renumber.ts', '/[0-9]+|\\b[A-Za-z]{1,4}\\b(?=\\W*$)/', 'designator of an unrecognised citation', 'an unrecognised citation'],
  // edits/
  ['edits/continueList.ts', '/^\\s*$/', 'blank line', 'a line'],
  ['edits/continueList.ts', '/^[ \\t]*(?:- )?/', 'indentation', 'a line'],
  ['edits/negotiation.ts', '/\\s+/g', 'normalizeOption: white space', 'an option'],
  ['edits/negotiation.ts', '/^(?:a|an) /', 'normalizeOption: article', 'an option'],
  // features/
  ['features/at.ts', '/\\s+/', 'words of a "with regard to" term', 'a term'],
  ['features/at.ts', '/[.*+?^${}()|[\\]\\\\]/g', 'escapeRegExp', 'a term'],
  ['features/completion.ts', '/\\(([a-z]{0,5})$/', 'PAREN_OPEN', { bounded: 'the 400 characters before the cursor' }],
  ['features/completion.ts', '/(?:\\(\\s*[a-z]{1,5}\\s*\\)\\s*(?:(?:,|and\\b|or\\b|to\\b)\\s*)*)*$/i', 'POINT_CHAIN', { bounded: 'the 400 characters before the cursor' }],
  ['features/completion.ts', "/[\\p{L}][\\p{L}\\p{N}'’-]*$/u", 'WORD_FRAGMENT', { bounded: 'the 400 characters before the cursor' }],
  ['features/completion.ts', '/\\bparagraphs?\\s+(\\d+)\\s*$/i', 'paragraph before "("', { bounded: 'the 400 characters before the cursor' }],
  ['features/completion.ts', '/\\bsubparagraphs?\\s*$/i', 'subparagraph before "("', { bounded: 'the 400 characters before the cursor' }],
  ['features/completion.ts', '/\\(\\s*[a-z]{1,5}\\s*\\)|,|\\band\\b|\\bor\\b|\\bto\\b/gi', 'labels of a chain', { bounded: 'the 400 characters before the cursor' }],
  ['features/completion.ts', '/^[ \\t]*#{1,6}[ \\t]*article[ \\t]+(\\d*)$/i', 'HEADING_ARTICLE', { bounded: 'the 400 characters before the cursor' }],
  ['features/completion.ts', '/^[ \\t]*(?:#{1,6}[ \\t]*)?([a-z]{1,7})$/i', 'LINE_START_WORD', { bounded: 'the 400 characters before the cursor' }],
  ['features/completion.ts', '/^\\p{Lu}/u', 'capital fragment', 'a word'],
  ['features/completion.ts', '/[\\p{L}\\p{N}]/u', 'word character', 'one character'],
  ['features/completion.ts', '/[\\p{L}]/u', 'letter', 'one character'],
  ['features/completion.ts', '/\\s+/', 'runningText: words', 'a term'],
  ['features/completion.ts', '/\\p{Lu}/u', 'runningText: capital', 'a word'],
  ['features/negotiation.ts', '/^\\s*([\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,15})\\s*:\\s*/u', 'LABEL of a comment', 'a comment'],
  ['features/negotiation.ts', '/\\s+/g', 'one line', 'a comment or an option'],
  ['features/symbols.ts', '/\\s+/', 'matchesQuery', 'a workspace symbol query'],
  ['features/folding.ts', '/\\r\\n|\\r|\\n/', 'lines of the front matter', 'the front matter'],
  ['workspace/project.ts', '/^[ \\t]*#+[ \\t]*(?:preamble|parts?|chapters?|sections?|articles?|annex|interpretative\\s+notes)\\b/im', 'SWALLOWED_HEADING', 'the front matter'],
  ['workspace/project.ts', '/[.*+?^${}()|[\\]\\\\]/g', 'valueSpan: escape', 'a front-matter key and value'],
  ['features/rename.ts', '/\\s+/g', 'new name: white space', 'the name typed'],
  ['features/rename.ts', '/["“”\\[\\]\\r\\n]/', 'new name: forbidden characters', 'the name typed'],
  ['features/rename.ts', '/[\\p{L}\\p{N}]/u', 'new name: a letter', 'the name typed'],
  ['features/rename.ts', '/[^\\p{L}]/gu', 'casePattern: letters', 'a use of a term'],
  ['features/rename.ts', '/\\s+/', 'casePattern: words', 'a use of a term'],
  ['features/rename.ts', '/\\p{L}/u', 'casePattern: a letter', 'a word'],
  ['features/rename.ts', '/^\\P{L}*\\p{Lu}/u', 'casePattern: capital', 'a use of a term'],
  ['features/rename.ts', '/^\\P{L}*\\p{Ll}/u', 'casePattern: lower case', 'a use of a term'],
  ['features/rename.ts', '/(^|\\s)(\\p{L})/gu', 'adaptName: title case', 'the name typed'],
  ['features/rename.ts', '/\\p{Lu}/u', 'lowerFirst', 'a word'],
  ['features/rename.ts', '/([\\p{L}\\p{N}]+)(\\P{L}*)$/u', 'pluralise: last word', 'the name typed'],
  ['features/rename.ts', '/[^aeiou]y$/i', 'pluralise: -y', 'a word'],
  ['features/rename.ts', '/(?:s|x|z|ch|sh)$/i', 'pluralise: -es', 'a word'],
  ['features/rename.ts', '/[\\p{L}\\p{N}]+/gu', 'lastWord', 'the name typed'],
  ['features/text.ts', '/\\r\\n|\\r|\\n/', 'textLines', "a unit's text"],
  ['features/text.ts', '/[\\\\`<>[\\]_#|]/g', 'md: escape', 'text shown in a hover'],
  ['workspace/uris.ts', '/^[a-z][a-z0-9+.-]*:\\/\\//i', 'URI scheme', 'a file name from front matter'],
  ['workspace/uris.ts', '/\\\\/g', 'backslashes', 'a file name from front matter'],
  ['workspace/uris.ts', '/[?#]/', 'query and fragment', 'a URI'],
  ['workspace/uris.ts', '/%2f/i', 'uriKey: encoded slash', 'a file URI path'],
  ['workspace/uris.ts', '/\\/{2,}/g', 'uriKey: doubled slashes', 'a file URI path'],
  ['workspace/uris.ts', '/%/g', 'fileUriOfPath: percent', 'a file path'],
  ['workspace/uris.ts', '/[\\n\\r\\t[\\]^|~]/g', 'fileUriOfPath: what Node encodes', 'a file path'],
  ['workspace/uris.ts', '/^[a-z]:[\\\\/]/i', 'Windows drive', 'a file name from front matter'],
  // compare/ — comparing two drafts
  ['compare/words.ts', '/\\\\[\\s\\S]|\\{[\\s\\S]|[\\p{L}\\p{N}]+(?:[\'’][\\p{L}\\p{N}]+)*|\\s+|[\\s\\S]/uy', 'PLAIN: the next token', 'a treaty text, token by token'],
  ['compare/words.ts', '/[\\p{L}\\p{N}]/u', 'LETTER_OR_DIGIT', 'a token'],
  ['compare/compare.ts', '/[\\p{L}\\p{N}]+/gu', 'WORDS', 'a tracked change or a title'],
  ['compare/compare.ts', '/\\[\\^[^\\]]*\\]/g', 'footnote references in a title', 'an article title'],
  ['compare/cli.ts', '/=.*$/', 'flag name', 'a command-line argument'],
  ['compare/render/criticmarkup.ts', '/\\{(\\+\\+|--|~~)/', 'change opener', 'a stretch of text to substitute'],
  ['compare/render/html.ts', '/[&<>"\']/g', 'HTML escape', 'a stretch of text'],
  // import/ — Word documents and plain text into treaties
  ['import/styles.ts', '/^heading\\s*(\\d)$/', 'HEADING_NAME', 'a style name'],
  ['import/inline.ts', '/\\s+/g', 'WHITE_SPACE', 'a comment or a footnote'],
  ['import/word.ts', '/[\\t\\n]/g', 'BREAKS in a title', 'the Title paragraph'],
  ['import/word.ts', '/[ \\t\\n]+/g', 'SPACES', 'a paragraph of a Word document'],
  ['import/word.ts', '/[\\p{L}\\p{N}._-]/u', 'LABEL_CHAR', 'one character of a comment author'],
  ['import/text.ts', '/^\\p{Ll}/u', 'lower-case start of a line', 'a line of imported text'],
  ['import/text.ts', '/\\r\\n?|\\f/g', 'NEWLINES', 'an imported text'],
  // cli.ts
  ['cli.ts', '/=.*$/', 'flag name', 'a command-line argument'],
];

/** `new RegExp(…)`: [module, a piece of the source line that identifies it, short name, the test below that covers it]. */
const CONSTRUCTED: [string, string, string, string][] = [
  ['syntax/parse.ts', 'SUFFIXES.join', 'SUFFIX_PATTERN', 'a heading with 1 MB of spaces before a suffix (256 KB under npm test)'],
  ['model/definitions.ts', '`[${WORD_CLASS}]+`', 'term finder (words of the text)', 'thousands of defined terms over 1 MB of text'],
  ['model/definitions.ts', '`[${WORD_CLASS}]`', 'WORD_CHAR', 'thousands of defined terms over 1 MB of text'],
  ['model/definitions.ts', '(?:${[...forms]', 'term finder (alternation of first words)', 'a hundred defined terms sharing their first letters over 1 MB of near misses'],
  ['model/frontmatter.ts', '[ \\\\t]*:', 'keySpan', 'front matter with thousands of blank lines before a quoted key'],
  ['features/at.ts', '(?<![\\\\p{L}\\\\p{N}])${words}', 'regardingAt term', 'hovering a "with regard to" term on a 1 MB line'],
  ['features/completion.ts', '\\\\barticles?\\\\s+(?:', 'ARTICLE_LIST', 'completion at the end of 1 MB lines'],
  ['features/completion.ts', '\\\\bparagraphs?\\\\s+(?:', 'PARAGRAPH_LIST', 'completion at the end of 1 MB lines'],
  ['features/completion.ts', '${SUFFIX})\\\\s*,\\\\s*$`', 'ARTICLE_COMMA', 'completion at the end of 1 MB lines'],
  ['features/completion.ts', 'paragraph\\\\s+(\\\\d+)\\\\s*$', 'article N, paragraph M before "("', 'completion at the end of 1 MB lines'],
  ['features/completion.ts', '(\\\\d+${SUFFIX})\\\\s*$', 'article N before "("', 'completion at the end of 1 MB lines'],
  ['workspace/project.ts', '${escaped(key)}', 'valueSpan', 'front matter with thousands of lines of white space'],
];

/**
 * Slowest allowed for a pattern on its own, as a multiple of the linear baseline. Linear
 * patterns stay under 2× here; the quadratic ones this test has caught were 60× to 2 000×
 * at 5 000 characters (and grow with the length).
 */
const DIRECT_RATIO = 20;
/** Slowest allowed for a public function on hostile text, against the same function (or an analysis) on plain text. */
const MAX_RATIO = 50;
const LENGTH = FUZZING ? 50_000 : 5_000;
const PROSE = 'Each State Party shall adopt such legislative and other measures as may be necessary, in accordance with article 17 of this Convention. ';

const prose = (n: number) => PROSE.repeat(Math.ceil(n / PROSE.length)).slice(0, n);

/** Runs a pattern the way the server does: every match of a global pattern, one search otherwise. */
function run(re: RegExp, s: string) {
  re.lastIndex = 0;
  if (!re.global) {
    re.exec(s);
    return;
  }
  for (let m = re.exec(s); m; m = re.exec(s)) if (m[0] === '') re.lastIndex++;
}

function timeOf(re: RegExp, s: string, runs = 1): number {
  return bestTime(() => run(re, s), runs);
}

/** The first runs of a pattern compile it, then tier it up to native code: not what is measured. */
function warmUp(re: RegExp) {
  for (const s of ['', 'a', ' x ', PROSE, PROSE.repeat(8)]) for (let i = 0; i < 3; i++) run(re, s);
}

/** Characters a pattern's quantifiers may consume: its literal characters and samples of its classes. */
function alphabet(source: string): string[] {
  const chars = new Set([' ', '\n', 'a', '1']);
  const escapes: Record<string, string[]> = { s: [' ', '\t', '\n', '\r', '\u00a0'], d: ['7'], w: ['a', '_'], p: ['a', 'A', 'é'], P: ['.', ' '], n: ['\n'], r: ['\r'], t: ['\t'], b: [], B: [], u: [] };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const e = source[++i];
      for (const x of escapes[e] ?? [e]) chars.add(x);
      if ((e === 'p' || e === 'P') && source[i + 1] === '{') i = source.indexOf('}', i);
    } else if (!'^$|?*+{}'.includes(c)) chars.add(c);
  }
  return [...chars];
}

/** Pieces of treaty text: what a pattern matches in them seeds inputs that match a while, then fail. */
const SAMPLES = [
  '(a) ', '(ii) ', '1. ', '- (b) ', '"term" ', '“term”; ', '"a" or ', '"a", ', 'article 1, ', 'articles 7 to 16 ', 'paragraph 2 (a) or ', '## Article 1. ',
  '# Interpretative notes ', '[x] ', '[^1]: ', '{++x++} ', 'for the purposes of this article, ', 'with regard to the term "x" ', 'shall mean ', ', which includes x, ',
  'IN WITNESS WHEREOF ', 'title: x ', 'Word: ', 'a\n\n', ' at line 1, column 2: ', 'data ', 'Data', 'bis ', 'XIV ',
];

/** Distinct non-empty matches of `re` in the samples (and the corpus lines), at most `max`. */
function seeds(re: RegExp, max: number): string[] {
  const found = new Set<string>();
  for (const sample of [...SAMPLES, ...CORPUS_LINES]) {
    re.lastIndex = 0;
    const m = re.exec(sample);
    if (m && m[0] && m[0].length < 80) found.add(m[0]);
    if (found.size >= max) break;
  }
  return [...found];
}

const CORPUS_LINES = [...new Set(CONVENTION.split(/\r?\n/).filter((l) => l.trim()))].filter((_, i) => i % 7 === 0);

/** Hostile strings of about `n` characters for a pattern. */
function hostileInputs(literal: string, n: number): string[] {
  const source = literal.slice(1, literal.lastIndexOf('/'));
  const fill = (unit: string) => unit.repeat(Math.max(1, Math.floor(n / unit.length)));
  const chars = alphabet(source);
  const out: string[] = [];
  for (const c of chars) out.push(fill(c), `${fill(c)}!`, `!${fill(c)}`);
  const symbols = chars.filter((c) => !/[a-z0-9]/i.test(c));
  const pairs: string[] = [];
  for (const c of symbols) for (const d of chars) if (c !== d) pairs.push(`${fill(c + d)}!`);
  // Under `npm test` every third pair (still every symbol); all of them when fuzzing.
  out.push(...(FUZZING ? pairs : pairs.filter((_, i) => i % 3 === 0)));
  const words = [...new Set(source.match(/[A-Za-z]{2,}/g) ?? [])].filter((w) => !/^(?:Lu|Ll)$/.test(w));
  if (words.length > 0) {
    out.push(fill(`${words.join(' ')} `), `${fill(`${words.slice(0, -1).join(' ')} `)}!`, `${fill(`${words[0]} `)}!`, `${fill(`${words[0]}   \t `)}!`);
  }
  // Inputs that match for a while and then fail: a match repeated, or followed by a long run.
  const runs = [' ', '\t', '\n', 'a', '(', '"', ',', '#'];
  for (const seed of seeds(compileLiteral(literal), FUZZING ? 8 : 3)) {
    out.push(`${fill(seed)}!`, `${fill(`${seed} `)}!`);
    for (const c of FUZZING ? [...runs, ...symbols] : runs) out.push(`${seed}${fill(c)}!`);
  }
  return out;
}

describe('regular expressions over document text', function () {
  this.timeout(FUZZING ? 600_000 : 60_000);

  const sites = allRegexSites(SERVER_SRC);

  it('lists every regular expression of server/src above, and nothing that is gone', () => {
    const listed = new Set(LITERALS.map(([file, literal]) => `${file} ${literal}`));
    const unlisted = sites.filter((s) => s.kind === 'literal' && !listed.has(`${s.file} ${s.text}`)).map((s) => `${s.file}:${s.line} ${s.text}`);
    const found = new Set(sites.filter((s) => s.kind === 'literal').map((s) => `${s.file} ${s.text}`));
    const gone = [...listed].filter((k) => !found.has(k));
    const constructors = sites.filter((s) => s.kind === 'constructor');
    const uncovered = constructors.filter((s) => !CONSTRUCTED.some(([file, piece]) => file === s.file && s.text.includes(piece))).map((s) => `${s.file}:${s.line} ${s.text}`);
    const goneConstructors = CONSTRUCTED.filter(([file, piece]) => !constructors.some((s) => s.file === file && s.text.includes(piece))).map(([file, piece]) => `${file} ${piece}`);
    assert.deepEqual(
      { unlisted, gone, uncovered, goneConstructors },
      { unlisted: [], gone: [], uncovered: [], goneConstructors: [] },
      'A regular expression was added, changed or removed in server/src: list it in test/unit/regex.test.ts (LITERALS or CONSTRUCTED), so that it is tested on hostile input.',
    );
    assert.ok(sites.length > 100);
  });

  // ---------------------------------------------------------------------------------------
  // Each literal, compiled from the source as written, on hostile input.

  const byModule = new Map<string, typeof LITERALS>();
  for (const entry of LITERALS) {
    if (entry[3] && typeof entry[3] === 'object') continue;
    byModule.set(entry[0], [...(byModule.get(entry[0]) ?? []), entry]);
  }
  for (const [file, entries] of byModule) {
    it(`${file}: ${entries.length} pattern${entries.length > 1 ? 's' : ''} within ${DIRECT_RATIO}× a linear baseline on hostile input`, () => {
      const plain = prose(LENGTH);
      const step = /[^]/g;
      warmUp(step);
      const slow: string[] = [];
      for (const [, literal, name] of entries) {
        const re = compileLiteral(literal);
        warmUp(re);
        const baseline = Math.max(timeOf(re, plain, 3), timeOf(step, plain, 3));
        for (const input of hostileInputs(literal, LENGTH)) {
          let ms = timeOf(re, input);
          // One slow run may be the collector or a neighbour on the machine: time it again before failing.
          if (ms / baseline > DIRECT_RATIO) ms = Math.min(ms, timeOf(re, input, 3));
          if (ms / baseline > DIRECT_RATIO) slow.push(`${name} ${literal}: ${(ms / baseline).toFixed(0)}× on ${JSON.stringify(input.slice(0, 24))}… (${input.length} characters)`);
        }
      }
      assert.deepEqual(slow, []);
    });
  }

  // ---------------------------------------------------------------------------------------
  // Through the public functions: patterns built at run time, and the bounded ones.

  /** "1 MB" lines: a quarter of that under `npm test` (still thousands of times what a quadratic pattern survives). */
  const MB = FUZZING ? 1 << 20 : 1 << 18;
  const SIZE = FUZZING ? '1 MB' : '256 KB';
  /** Lines of front matter: quadratic work on 30 000 lines is already 10⁹ steps. */
  const BLANK_LINES = FUZZING ? 100_000 : 30_000;
  /** Analysing `text` and checking it, against analysing `plain` (prose of the same length unless given). */
  const analysisRatio = (text: string, plain: string) => {
    const baseline = bestTime(() => check(analyse(plain)), 2);
    const ms = bestTime(() => check(analyse(text)), 1);
    return { ms, baseline, ratio: ms / Math.max(baseline, 1) };
  };
  const assertAnalysis = (what: string, text: string, plain = prose(text.length)) => {
    let r = analysisRatio(text, plain);
    if (r.ratio > MAX_RATIO) r = analysisRatio(text, plain);
    assert.ok(r.ratio < MAX_RATIO, `${what}: ${r.ms.toFixed(0)} ms, ${r.ratio.toFixed(1)}× the baseline (${r.baseline.toFixed(0)} ms)`);
  };

  it(`SUFFIX_PATTERN (syntax/parse.ts): a heading with ${SIZE} of spaces before a suffix`, () => {
    assertAnalysis('spaces before "bi"', `## Article 7${' '.repeat(MB)}bi\n\n## Article 7${'\t '.repeat(MB / 2)}bis. X\n`);
  });

  it(`term finder and WORD_CHAR (model/definitions.ts): thousands of defined terms over ${SIZE} of text`, () => {
    const n = FUZZING ? 20_000 : 1_500;
    const terms = Array.from({ length: n }, (_, i) => `(a) "term${i} word" shall mean y.\n`).join('');
    const shared = Array.from({ length: 300 }, (_, i) => `(a) "shared w${i}" shall mean y.\n`).join('');
    const text = `## Article 1. Use of terms\n\n${terms}${shared}\n## Article 2. Use\n\n${'term1 word, shared w7, terms and shared words, '.repeat(MB / 48)}\n`;
    assertAnalysis('defined terms', text);
    const t = analyse(text);
    assert.equal(t.definitions.length, n + 300);
    assert.ok(t.definitions[1].uses.length > 1000);
  });

  it(`term finder alternation (model/definitions.ts): a hundred defined terms sharing their first letters over ${SIZE} of near misses`, () => {
    // 99 first words: 297 forms with their plurals, just under the most searched as one alternation.
    const words = Array.from({ length: 99 }, (_, i) => `informatio${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    const terms = words.map((w) => `(a) "${w} data" shall mean y.\n`).join('');
    for (const body of ['informatio '.repeat(MB / 11), 'informatioaa '.repeat(MB / 13), 'informatioazzz '.repeat(MB / 15), 'informatio'.repeat(MB / 10), 'informatioaa data, informatiobb datas, '.repeat(MB / 39), 'xinformatioaa'.repeat(MB / 13), 'informatioaa'.repeat(MB / 12)]) {
      const text = `## Article 1. Use of terms\n\n${terms}\n## Article 2. Use\n\n${body}\n`;
      assertAnalysis(`near misses ${JSON.stringify(body.slice(0, 16))}`, text);
    }
    const t = analyse(`## Article 1. Use of terms\n\n${terms}\n## Article 2. Use\n\nInformatioaa Data, informatiobb datas and informatioaad data.\n`);
    assert.equal(t.definitions.length, 99);
    assert.deepEqual(t.uses.map((u) => u.definition.term), ['informatioaa data', 'informatiobb data']);
  });

  it(`keySpan (model/frontmatter.ts): front matter with ${BLANK_LINES} blank lines before a quoted key`, () => {
    const text = `---\n${'\n'.repeat(BLANK_LINES)}"title": [1]\n---\n## Article 1. A\n\nText.\n`;
    // Against the same front matter with a plain key: the YAML parser's own time is not the point.
    assertAnalysis('blank lines in front matter', text, text.replace('"title": [1]', 'title: One'));
    assert.deepEqual(check(analyse(text)).map((f) => f.code), ['frontmatter.invalid']);
  });

  it(`regardingAt term (features/at.ts): hovering a "with regard to" term on a ${SIZE} line`, () => {
    const line = `data${' '.repeat(MB)}x data${'  \t'.repeat(MB / 3)}item data item`;
    const text = `## Article 1. A\n\n1. ${line}\n\n# Interpretative notes\n\n## Article 1, with regard to the term "data item"\n\n1. A note.\n`;
    const treaty = analyse(text);
    const at = text.lastIndexOf('data item') + 2;
    const short = analyse(`## Article 1. A\n\n1. data item\n\n# Interpretative notes\n\n## Article 1, with regard to the term "data item"\n\n1. A note.\n`);
    const baseline = bestTime(() => hitAt(short, 20), 3) + bestTime(() => analyse(prose(line.length)), 1);
    const ms = bestTime(() => hitAt(treaty, at), 1);
    assert.equal(hitAt(treaty, at)?.kind, 'regarding');
    assert.ok(ms / baseline < MAX_RATIO, `${ms.toFixed(0)} ms, ${(ms / baseline).toFixed(1)}× the baseline`);
  });

  it(`completion patterns (features/completion.ts): at the end of ${FUZZING ? '256 KB' : '64 KB'} lines, as fast as on a short line`, () => {
    const uri = 'file:///work/hostile.treaty';
    const lines = [
      // Completion reads at most 400 characters before the cursor: 64 KB lines show it (256 KB when fuzzing).
      `article ${'1, '.repeat(MB / 12)}`,
      `articles ${'1 bis and '.repeat(MB / 40)}`,
      `paragraphs ${'1 or '.repeat(MB / 20)}`,
      `article 2, paragraph 1 ${'(a) or '.repeat(MB / 28)}(`,
      `subparagraphs ${'(a) to (b), '.repeat(MB / 48)}(`,
      `${"word'’-".repeat(MB / 28)}`,
      `${'(a'.repeat(MB / 8)}`,
      `article 2${' '.repeat(MB / 4)}, paragraph 1 (`,
    ];
    const head = '## Article 1. A\n\n1. x\n\n## Article 2. Use of terms\n\n1. "Data word" means y.\n\n(a) z.\n\n## Article 3. C\n\n';
    for (const line of lines) {
      const project = new Project();
      project.openFile(uri, `${head}${line}`);
      const view = project.view(uri)!;
      const end = head.length + line.length;
      const shortProject = new Project();
      const short = `${head}${line.slice(0, 200)}`;
      shortProject.openFile(uri, short);
      const shortView = shortProject.view(uri)!;
      // Completion looks back to the start of the line: one step per character is its linear part.
      const scanBack = () => {
        let k = end;
        while (k > 0 && view.treaty.text.charCodeAt(k - 1) !== 10) k--;
        return k;
      };
      const baseline = Math.max(bestTime(() => complete(shortView, uriKey(uri), short.length, false, true), 3), bestTime(scanBack, 3), 0.5);
      const ms = bestTime(() => complete(view, uriKey(uri), end, false, true), 2);
      assert.ok(ms / baseline < MAX_RATIO, `${JSON.stringify(line.slice(0, 30))}…: ${ms.toFixed(1)} ms, ${(ms / baseline).toFixed(1)}× a short line or a scan of the line`);
    }
  });

  it(`valueSpan (workspace/project.ts): front matter with ${BLANK_LINES} lines of white space`, () => {
    const header = (comment: string) => `---\n${`# ${comment}   \t   \n`.repeat(BLANK_LINES)}notes: x.treaty\ninstruments:\n  A: { title: A, file: a.treaty }\n---\n## Article 1. A\n`;
    const file = (text: string) => ({ uri: 'file:///work/a.treaty', key: uriKey('file:///work/a.treaty'), text, rev: 1, open: true });
    // "notes" and "file" followed by white space on every line, against the same lines without them.
    const hostileFile = file(header('notes file'));
    const plainFile = file(header('other word'));
    assert.equal(readHeader(hostileFile).notes?.raw, 'x.treaty');
    const baseline = bestTime(() => readHeader(plainFile), 2);
    const ms = bestTime(() => readHeader(hostileFile), 1);
    assert.ok(ms / Math.max(baseline, 1) < MAX_RATIO, `${ms.toFixed(0)} ms, ${(ms / Math.max(baseline, 1)).toFixed(1)}× the same front matter without the words`);
  });
});
