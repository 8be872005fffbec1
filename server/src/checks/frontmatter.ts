// frontmatter.invalid and frontmatter.missingFile: what the model found wrong with the front
// matter, and files it names that the project cannot find.
import type { FrontMatter, FrontMatterProblem, Span } from '../model/types';
import { finding, type DiagnosticCode, type Finding } from './registry';

// Every kind is one code today; a kind that deserves its own setting gets its own code here.
const CODES: Record<FrontMatterProblem['kind'], DiagnosticCode> = {
  unclosed: 'frontmatter.invalid',
  yaml: 'frontmatter.invalid',
  form: 'frontmatter.invalid',
};

export function checkFrontMatter(frontMatter: FrontMatter): Finding[] {
  return frontMatter.problems.map((p) => finding(CODES[p.kind], p.span, p.message));
}

/** `notes: …` names a file that cannot be read (only the project knows which files exist). */
export function missingNotesFile(span: Span, raw: string): Finding {
  return finding('frontmatter.missingFile', span, `The notes file "${raw}" named here cannot be found.`);
}

/** An instrument's `file: …` cannot be read. */
export function missingInstrumentFile(span: Span, file: string, key: string): Finding {
  return finding('frontmatter.missingFile', span, `The file "${file}" of instrument ${key} cannot be found: references to it are not checked.`);
}
