// `treatymark`: the checker for drafters' CI, built on the same core as the server.
import * as fs from 'fs';
import * as path from 'path';
import { analyse } from './model/analyse';
import { check } from './checks';
import type { Finding } from './model/types';
import { planRenumbering } from './edits/renumber';
import { applyEdits } from './edits/textedit';
import { cleanCopy } from './edits/negotiation';
import type { LineRange } from './syntax/text';

const USAGE = `Usage:
  treatymark check <file or folder>... [--format text|json]
      Check treaties (*.treaty; folders are searched). Prints one line per problem as
      path:line:column severity code message. Exit 0: no errors; 1: errors; 2: usage or file error.
  treatymark renumber <file> [--write]
      Give every article, chapter, paragraph and subparagraph its number in sequence and update
      every cross-reference. Prints the renumbered text, or rewrites the file with --write.
  treatymark clean <file> [--output <file>] [--drop-brackets]
      A copy for circulation: tracked changes accepted, comments removed (square brackets kept
      unless --drop-brackets). Prints it, or writes it to --output.
  treatymark --help | --version`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

class UsageError extends Error {}

export function runCli(argv: string[], cwd = process.cwd()): CliResult {
  const out: string[] = [];
  const err: string[] = [];
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      out.push(USAGE);
      return { code: command ? 0 : 2, stdout: out.join('\n') + '\n', stderr: '' };
    }
    if (command === '--version') {
      out.push(VERSION);
      return { code: 0, stdout: out.join('\n') + '\n', stderr: '' };
    }
    if (command === 'renumber') return runRenumber(rest, cwd);
    if (command === 'clean') return runClean(rest, cwd);
    if (command !== 'check') throw new UsageError(`unknown command "${command}"`);
    const { files, format } = parseCheckArgs(rest);
    return runCheck(files, format, cwd);
  } catch (e) {
    if (e instanceof UsageError) {
      err.push(`treatymark: ${e.message}`, '', USAGE);
      return { code: 2, stdout: '', stderr: err.join('\n') + '\n' };
    }
    throw e;
  }
}

const VERSION = '0.1.0';

function parseCheckArgs(args: string[]): { files: string[]; format: 'text' | 'json' } {
  const files: string[] = [];
  let format: 'text' | 'json' = 'text';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (value !== 'text' && value !== 'json') throw new UsageError(`--format takes "text" or "json", not "${value ?? ''}"`);
      format = value;
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown option "${a}"`);
    } else {
      files.push(a);
    }
  }
  if (files.length === 0) throw new UsageError('name at least one .treaty file or folder to check');
  return { files, format };
}

/** Expand folders to the *.treaty files under them (sorted, node_modules and dot folders skipped). */
function collect(inputs: string[], cwd: string): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.treaty')) files.push(full);
    }
  };
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      problems.push(`${input}: no such file or folder`);
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.length;
      walk(full);
      if (files.length === before) problems.push(`${input}: no .treaty files in this folder`);
    } else files.push(full);
  }
  return { files, problems };
}

/** `<file> [flags]`: one file and the flags this command knows (a flag taking a value is listed in `valued`). */
function parseFileArgs(args: string[], flags: string[], valued: string[] = []): { file: string; options: Record<string, string | true> } {
  const options: Record<string, string | true> = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const name = a.replace(/=.*$/, '');
    if (valued.includes(name)) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!value) throw new UsageError(`${name} needs a value`);
      options[name] = value;
    } else if (flags.includes(a)) options[a] = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
    else files.push(a);
  }
  if (files.length !== 1) throw new UsageError('name exactly one .treaty file');
  return { file: files[0], options };
}

function readTreatyFile(file: string, cwd: string): { path: string; text?: string; error?: CliResult } {
  const full = path.resolve(cwd, file);
  try {
    return { path: full, text: fs.readFileSync(full, 'utf8') };
  } catch {
    return { path: full, error: { code: 2, stdout: '', stderr: `treatymark: ${file}: no such file\n` } };
  }
}

function runRenumber(args: string[], cwd: string): CliResult {
  const { file, options } = parseFileArgs(args, ['--write']);
  const input = readTreatyFile(file, cwd);
  if (input.error) return input.error;
  const treaty = analyse(input.text!);
  const plan = planRenumbering(treaty);
  const output = applyEdits(input.text!, plan.edits);
  if (!options['--write']) return { code: 0, stdout: output, stderr: '' };
  if (plan.edits.length === 0) return { code: 0, stdout: `${file}: numbering is already in sequence; nothing to change.\n`, stderr: '' };
  fs.writeFileSync(input.path, output);
  return { code: 0, stdout: `${file}: ${plan.title.charAt(0).toLowerCase()}${plan.title.slice(1)}.\n`, stderr: '' };
}

function runClean(args: string[], cwd: string): CliResult {
  const { file, options } = parseFileArgs(args, ['--drop-brackets'], ['--output', '-o']);
  const input = readTreatyFile(file, cwd);
  if (input.error) return input.error;
  const treaty = analyse(input.text!);
  const unclosed = treaty.syntax.critic.filter((c) => !c.closed);
  if (unclosed.length > 0) {
    const at = treaty.lines.positionAt(unclosed[0].span.start);
    return { code: 1, stdout: '', stderr: `treatymark: ${file}:${at.line + 1}:${at.character + 1}: a tracked change or comment is never closed; close it before making a clean copy.\n` };
  }
  const output = cleanCopy(treaty, { dropBrackets: !!options['--drop-brackets'] });
  const target = (options['--output'] ?? options['-o']) as string | undefined;
  if (!target) return { code: 0, stdout: output, stderr: '' };
  fs.writeFileSync(path.resolve(cwd, target), output);
  return { code: 0, stdout: `${target}: clean copy written (${treaty.changes.length} changes accepted, ${treaty.comments.length} comments removed).\n`, stderr: '' };
}

function runCheck(inputs: string[], format: 'text' | 'json', cwd: string): CliResult {
  const { files, problems } = collect(inputs, cwd);
  if (problems.length > 0) return { code: 2, stdout: '', stderr: problems.map((p) => `treatymark: ${p}`).join('\n') + '\n' };
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  const lines: string[] = [];
  const json: object[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      return { code: 2, stdout: '', stderr: `treatymark: cannot read ${file}: ${(e as Error).message}\n` };
    }
    const treaty = analyse(text);
    const shown = path.relative(cwd, file) || file;
    for (const f of check(treaty)) {
      counts[f.severity]++;
      const range = treaty.lines.rangeOf(f.span);
      if (format === 'json') json.push(toJson(shown, range, f));
      else lines.push(`${shown}:${range.start.line + 1}:${range.start.character + 1} ${f.severity} ${f.code} ${f.message}`);
    }
  }
  const code = counts.error > 0 ? 1 : 0;
  if (format === 'json') return { code, stdout: JSON.stringify(json, null, 2) + '\n', stderr: '' };
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(files.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information.`);
  return { code, stdout: lines.join('\n') + '\n', stderr: '' };
}

function toJson(file: string, range: LineRange, f: Finding) {
  return { file, range, severity: f.severity, code: f.code, message: f.message };
}

if (require.main === module) {
  const result = runCli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
