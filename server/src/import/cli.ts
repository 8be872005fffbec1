// `treatymark import <file.docx|file.txt|file.md> [--output <file.treaty>]`: the checker's
// subcommand, kept here so the checker only dispatches to it. The only file of import/ that
// touches the file system: the import itself takes bytes.
import * as fs from 'fs';
import * as path from 'path';
import { importFile } from './index';

export const IMPORT_USAGE = `  treatymark import <file.docx|file.txt|file.md> [--output <file.treaty>]
      Turn a Word document into a treaty: headings, paragraph numbers (Word's automatic
      numbering too), italics, footnotes, tracked changes as {++…++} {--…--} (their authors in
      the front matter) and comments as {>>Author: …<<}. Text pasted from a PDF or a web page
      (.txt, .md) is read for headings and markers. Prints the treaty, or writes it to
      --output. Exit 0: imported; 2: usage error or a file that cannot be imported.`;

export interface ImportCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const fail = (message: string): ImportCliResult => ({ code: 2, stdout: '', stderr: `treatymark: ${message}\n` });
const usage = (message: string): ImportCliResult => ({ code: 2, stdout: '', stderr: `treatymark: ${message}\n\nUsage:\n${IMPORT_USAGE}\n` });

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function runImport(args: string[], cwd: string): ImportCliResult {
  const files: string[] = [];
  let output: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (name === '--output' || name === '-o') {
      output = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (!output) return usage(`${name} needs a file name`);
    } else if (a.startsWith('-')) return usage(`unknown option "${a}"`);
    else files.push(a);
  }
  if (files.length !== 1) return usage('name exactly one file to import: a .docx, .txt or .md file');
  const [file] = files;
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(path.resolve(cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'EISDIR' ? `${file} is a folder: name a .docx, .txt or .md file.` : `${file}: no such file.`);
  }
  const result = importFile(bytes, file);
  if (!result.ok) return fail(result.message);
  if (!output) return { code: 0, stdout: result.text, stderr: '' };
  if (path.resolve(cwd, output) === path.resolve(cwd, file)) return fail(`--output ${output} is the file being imported: name another file.`);
  try {
    fs.writeFileSync(path.resolve(cwd, output), result.text);
  } catch (e) {
    return fail(`cannot write ${output}: ${(e as Error).message}`);
  }
  const s = result.stats;
  const parts = [plural(s.headings, 'heading'), plural(s.paragraphs, 'paragraph')];
  if (s.autoNumbered) parts.push(plural(s.autoNumbered, 'automatic number'));
  if (result.format === 'docx') parts.push(plural(s.insertions, 'insertion'), plural(s.deletions, 'deletion'), plural(s.comments, 'comment'), plural(s.footnotes, 'footnote'));
  return { code: 0, stdout: `${output}: imported from ${file} (${parts.join(', ')}).\n`, stderr: '' };
}
