// Every diagnostic Treatymark reports, in one place: its code, default severity, one-line
// description and the documentation a drafter reads. Checks take severities from here, and
// `npm run gen:diagnostics` writes package.json's severity settings and docs/diagnostics.md
// from it (test/unit/registry.test.ts fails when they are out of step).
import type { Span } from '../model/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

interface DiagnosticInfo {
  severity: Severity;
  /** One line: package.json's setting description and the docs table. */
  description: string;
  /** What it means and how to fix it, in Markdown, for docs/diagnostics.md. */
  docs: string;
}

export const DIAGNOSTICS = {
  'reference.dangling': {
    severity: 'error',
    description: 'A reference names an article, paragraph or subparagraph that does not exist (also in a workspace file an instrument is mapped to).',
    docs:
      '`article 17` where the treaty has no article 17, or `paragraph 4 of article 14` where article 14 has three paragraphs. ' +
      'The same holds for a reference to another instrument whose `file:` is given under `instruments:` in the front matter: it is checked against that file. ' +
      'Correct the number, or delete the reference. Do it before renumbering: renumbering keeps the text of a reference that names nothing, ' +
      'so once article 18 becomes article 17 a dangling "article 17" would cite it without a word (Treatymark warns before it renumbers).',
  },
  'reference.placeholder': {
    severity: 'information',
    description: 'A reference whose number is still to be filled in (`article [X]`, `articles [on …]`).',
    docs:
      'The reference is understood as one, but it names no unit yet: `article [X]`, `article __`, `articles [on criminalization]`. ' +
      'Nothing is wrong; it is listed so that no placeholder survives into the final text. ' +
      'Write the number once the article it means is settled.',
  },
  'reference.unrecognised': {
    severity: 'information',
    description: 'A designator-like phrase (a unit keyword or abbreviation followed by a number, letter or numeral) that no parsed reference covers.',
    docs:
      'Treatymark met a unit keyword or abbreviation followed by a number, letter or numeral, as a reference begins, but could read no reference there: ' +
      'the phrase is in a form the reference language does not know. ' +
      'It is shown so that you see what Treatymark did not understand: it is not checked, go to definition and hover do not work on it, ' +
      'and renumbering cannot update it. Rewrite it in a form the reference language knows (`article 5`, `paragraph 3 (b) of this article`; see [markup.md §4](markup.md#4-cross-references)), ' +
      'or turn this code off if the phrase is not meant as a reference.',
  },
  'reference.imprecise': {
    severity: 'hint',
    description: 'A reference read the way a reader would, though it does not say where precisely (`subparagraph (a) of this article` when (a) stands in paragraph 9).',
    docs:
      'The article has no subparagraph (a) of its own, but one of its paragraphs has: Treatymark reads the reference as that one ' +
      '(the paragraph the reference stands in first, then the only one, or the nearest one `above` or `below`), and every feature works on it. ' +
      'The hint names the precise form, for example `subparagraph (a) of paragraph 9 of this article`: ' +
      'write it so, and the reference stays right when paragraphs are added or moved.',
  },
  'numbering.sequence': {
    severity: 'warning',
    description: 'A gap, repeat or disorder in the numbering of articles, chapters, paragraphs or subparagraphs.',
    docs:
      'Each level is numbered 1…n (I…, (a)…, (i)…) within what holds it; articles and chapters through the whole treaty, each annex on its own. ' +
      'The message says which number was expected and what is missing, repeated or out of order. ' +
      'The quick fix *Renumber …* (or the command *Treatymark: Renumber document*) numbers every unit by its position and updates every reference to it; ' +
      'or correct the number by hand.',
  },
  'numbering.provisional': {
    severity: 'information',
    description: 'An inserted (`7 bis`), placeholder or unnumbered unit that renumbering will number.',
    docs:
      'A unit numbered `7 bis` or `7 ter`, with a placeholder number (`Article [X]`) or with no number at all. ' +
      'It is not a gap: `7 bis` between 7 and 8 is in sequence. The message says the number renumbering will give it; ' +
      'renumber when the text is stable enough to number it for good.',
  },
  'definition.duplicate': {
    severity: 'error',
    description: 'A term defined twice in the same scope.',
    docs:
      'Two definitions of the same term hold in the same scope (the whole treaty, one article, one paragraph), so a use of it has two meanings. ' +
      'Delete one, merge them, or narrow one with "For the purposes of this article". ' +
      'Names given together in one definition (alternatives in square brackets) are not duplicates of each other.',
  },
  'definition.unused': {
    severity: 'warning',
    description: 'A defined term that is never used in its scope.',
    docs:
      'Nothing in the definition\'s scope uses the term (a plain plural counts as a use; the definition itself does not). ' +
      'Delete the definition, use the term, or widen its scope if it was meant to hold further. ' +
      'Editors that support it show the term faded (the *Unnecessary* tag).',
  },
  'definition.pending': {
    severity: 'information',
    description: 'A term whose definition is still to be agreed.',
    docs:
      'A subparagraph holds only a quoted term, as in `(a) "Computer system";`: the term is defined but its meaning is not yet written. ' +
      'It is listed so that none is left in the final text. Write the definition once it is agreed.',
  },
  'brackets.unbalanced': {
    severity: 'error',
    description: 'A `[` that never closes or a `]` that closes nothing.',
    docs:
      'Square brackets mark text not yet agreed, so each `[` needs its `]`. For a `[` that never closes, the message gives the line where its paragraph ends, ' +
      'before which the `]` most likely belongs; a `]` that closes nothing most likely lacks a `[` earlier in its paragraph. ' +
      'Add the missing bracket or delete the stray one. A bracket inside a comment does not count.',
  },
  'change.unclosed': {
    severity: 'error',
    description: 'A CriticMarkup change or comment that is never closed.',
    docs:
      'A tracked change or comment (`{++`, `{--`, `{~~`, `{==`, `{>>`) with no closing mark; it is taken to run to the end of its paragraph. ' +
      'Add the closing mark the message names (`++}`, `--}`, `~~}`, `==}` or `<<}`).',
  },
  'footnote.undefined': {
    severity: 'error',
    description: 'A footnote reference with no footnote text.',
    docs: 'The text refers to `[^n]` but no line `[^n]: …` gives its text. Add the footnote text, or delete the reference.',
  },
  'footnote.unused': {
    severity: 'warning',
    description: 'A footnote that nothing refers to.',
    docs: 'A line `[^n]: …` gives a footnote text that no `[^n]` in the text refers to. Refer to it where it belongs, or delete it.',
  },
  'note.target': {
    severity: 'error',
    description: 'An interpretative note heading that names nothing in the treaty.',
    docs:
      'Under `# Interpretative notes`, each heading names what its notes interpret, in the reference language: `## Article 2`, ' +
      '`## Articles 23 and 35, with regard to the term "investigation"`. This heading names no article, or one that does not exist. ' +
      'Correct the heading so that it names the articles the notes interpret.',
  },
  'frontmatter.invalid': {
    severity: 'error',
    description: 'Front matter that is not closed, not valid YAML, or has a field of the wrong form.',
    docs:
      'The `---` block at the top of the file is never closed, is not valid YAML (the message gives YAML\'s complaint, at its place), ' +
      'or has a field of the wrong form: `title` that is not text, `instruments` that does not map short names to titles. ' +
      'The rest of the document is still analysed, but the title, self-names and instruments may be missing until it is fixed. ' +
      'A notes or instrument file that cannot be found is `frontmatter.missingFile`, not this.',
  },
  // Split from frontmatter.invalid (its code in 0.1.0, where it alone was a warning): a file
  // not written yet is not broken front matter and leaves the analysis whole, so a warning
  // that can be set apart from the error.
  'frontmatter.missingFile': {
    severity: 'warning',
    description: 'The front matter names a notes file (`notes:`) or an instrument file (`file:`) that cannot be found.',
    docs:
      'The path is resolved from the folder of the file that names it. Until the file is found, a notes file\'s interpretative notes are not attached, ' +
      'and references to an instrument are not checked against its file. Correct the path, or create the file.',
  },
} as const satisfies Record<string, DiagnosticInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

export interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  span: Span;
  message: string;
  /** Machine-readable detail for quick fixes (e.g. the numbering level). */
  data?: Record<string, unknown>;
}

/** A finding with the registry's default severity: no check writes a severity of its own. */
export function finding(code: DiagnosticCode, span: Span, message: string, data?: Record<string, unknown>): Finding {
  const f: Finding = { code, severity: DIAGNOSTICS[code].severity, span, message };
  if (data) f.data = data;
  return f;
}
