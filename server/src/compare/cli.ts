// `treatymark compare <old> <new> [--format text|json|criticmarkup|html] [--output <file>]`:
// the checker's subcommand, kept here so the checker only dispatches to it.
import * as fs from 'fs';
import * as path from 'path';
import { compareTexts, render, FORMATS, type Format } from './index';

export const COMPARE_USAGE = `  treatymark compare <old.treaty> <new.treaty> [--format text|json|criticmarkup|html] [--output <file>]
      Compare two drafts article by article, by title and content whatever their numbers: the
      correspondence table and each article's word changes (text), the same as data (json), the
      new text with the differences as tracked changes (criticmarkup), or a side-by-side page
      (html). Prints it, or writes it to --output. Exit 0: compared; 2: usage or file error.`;

export interface CompareResult {
  code: number;
  stdout: string;
  stderr: string;
}

const usage = (message: string): CompareResult => ({ code: 2, stdout: '', stderr: `treatymark: ${message}\n\nUsage:\n${COMPARE_USAGE}\n` });

export function runCompare(args: string[], cwd: string): CompareResult {
  const files: string[] = [];
  let format: Format = 'text';
  let output: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const name = a.replace(/=.*$/, '');
    if (name === '--format' || name === '--output' || name === '-o') {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!value) return usage(`${name} needs a value`);
      if (name === '--format') {
        if (!(FORMATS as readonly string[]).includes(value)) return usage(`--format takes ${FORMATS.map((f) => `"${f}"`).join(', ')}, not "${value}"`);
        format = value as Format;
      } else output = value;
    } else if (a.startsWith('-') && a !== '-') return usage(`unknown option "${a}"`);
    else files.push(a);
  }
  if (files.length !== 2) return usage('name the old draft and the new draft: two .treaty files');
  const texts: string[] = [];
  for (const f of files) {
    try {
      texts.push(fs.readFileSync(path.resolve(cwd, f), 'utf8'));
    } catch {
      return { code: 2, stdout: '', stderr: `treatymark: ${f}: no such file\n` };
    }
  }
  const comparison = compareTexts(texts[0], texts[1], { oldName: files[0], newName: files[1] });
  let warning = '';
  for (const [k, side] of (['old', 'new'] as const).entries()) {
    const n = comparison[side].treaty.changes.length;
    // Said once, so a reader of the output knows which text it compares.
    if (n) warning += `treatymark: note: ${files[k]} holds ${n} tracked change${n === 1 ? '' : 's'} of its own, read ${side === 'old' ? 'rejected (the text before its proposals)' : 'accepted'}.\n`;
  }
  const text = render(comparison, format);
  if (!output) return { code: 0, stdout: text, stderr: warning };
  try {
    fs.writeFileSync(path.resolve(cwd, output), text);
  } catch (e) {
    return { code: 2, stdout: '', stderr: `treatymark: cannot write ${output}: ${(e as Error).message}\n` };
  }
  const s = comparison.summary;
  return { code: 0, stdout: `${output}: ${s.matched} articles matched (${s.changed} changed, ${s.renumbered} renumbered, ${s.moved} moved), ${s.added} added, ${s.deleted} deleted.\n`, stderr: warning };
}
