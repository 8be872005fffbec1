// `treatymark export <file> --to html|docx|akn [--output <file>]`: the checker's subcommand,
// kept here so the checker only dispatches to it. A treaty with errors is exported all the
// same (a dangling reference simply has no link), and the errors are listed on stderr.
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../checks';
import { analyse } from '../model/analyse';
import { composeWithNotes } from '../model/crossdoc';
import { EXPORT_FORMATS, exportTreaty, type ExportFormat } from './index';

export const EXPORT_USAGE = `  treatymark export <file.treaty> --to html|docx|akn [--output <file>]
      Publish a treaty: one printable HTML page (open it in a browser to print or save as PDF), a
      Word document whose tracked changes and comments are Word's own, or Akoma Ntoso 3.0 XML. The
      notes file named by \`notes:\` is included. Prints it, or writes it to --output. Errors in the
      treaty are listed on stderr and the export is made all the same. Exit 0: exported; 2: usage
      or file error.`;

export interface ExportResult {
  code: number;
  stdout: string | Uint8Array;
  stderr: string;
}

const usage = (message: string): ExportResult => ({ code: 2, stdout: '', stderr: `treatymark: ${message}\n\nUsage:\n${EXPORT_USAGE}\n` });

export async function runExport(args: string[], cwd: string): Promise<ExportResult> {
  const files: string[] = [];
  let format: ExportFormat | undefined;
  let output: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (name === '--to' || name === '--output' || name === '-o') {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (!value) return usage(`${name} needs a value`);
      if (name !== '--to') output = value;
      else if ((EXPORT_FORMATS as readonly string[]).includes(value)) format = value as ExportFormat;
      else return usage(`--to takes ${EXPORT_FORMATS.map((f) => `"${f}"`).join(', ')}, not "${value}"`);
    } else if (a.startsWith('-')) return usage(`unknown option "${a}"`);
    else files.push(a);
  }
  if (files.length !== 1) return usage('name exactly one .treaty file');
  if (!format) return usage('say which format with --to html, --to docx or --to akn');
  const file = files[0];
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    return { code: 2, stdout: '', stderr: `treatymark: ${file}: no such file\n` };
  }
  let treaty = analyse(text);
  // As the editor sees it: interpretative notes kept in their own file are part of the treaty.
  const notes = treaty.frontMatter.notesFile;
  if (notes) {
    try {
      treaty = analyse(composeWithNotes(text, fs.readFileSync(path.resolve(path.dirname(full), notes), 'utf8')).text);
    } catch {
      // checks/frontmatter.ts reports the missing file; the treaty is exported without it.
    }
  }
  const today = new Date().toISOString().slice(0, 10);
  const data = await exportTreaty(treaty, format, { date: today, generated: today });
  const stderr = problems(file, treaty, text.length);
  if (!output) return { code: 0, stdout: data, stderr };
  try {
    fs.writeFileSync(path.resolve(cwd, output), data);
  } catch (e) {
    return { code: 2, stdout: '', stderr: `treatymark: cannot write ${output}: ${(e as Error).message}\n` };
  }
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  const counts = `${treaty.articles.length} articles, ${treaty.definitions.length} defined terms, ${treaty.notes.length} interpretative notes`;
  return { code: 0, stdout: `${output}: ${format} written (${counts}; ${Math.round(size / 1024)} KB).\n`, stderr };
}

/** The treaty's errors, on stderr: exported all the same, and said so. */
function problems(file: string, treaty: ReturnType<typeof analyse>, ownLength: number): string {
  // Findings in the notes file (after the treaty's own text) are that file's: `treatymark check` lists them.
  const errors = check(treaty).filter((f) => f.severity === 'error' && f.span.start <= ownLength);
  if (errors.length === 0) return '';
  const lines = errors.slice(0, 10).map((f) => {
    const at = treaty.lines.positionAt(f.span.start);
    return `  ${file}:${at.line + 1}:${at.character + 1} ${f.code} ${f.message}\n`;
  });
  const more = errors.length > 10 ? `  … and ${errors.length - 10} more (treatymark check ${file})\n` : '';
  const s = errors.length === 1 ? '' : 's';
  return `treatymark: warning: ${file} has ${errors.length} error${s}; exported anyway (a reference that names nothing has no link):\n${lines.join('')}${more}`;
}
