// `treatymark`: the checker for drafters' CI, built on the same core as the server.
import * as fs from 'fs';
import * as path from 'path';
import { analyse } from './model/analyse';
import type { Finding } from './checks/registry';
import { fileURLToPath, pathToFileURL } from 'url';
import { renumberEdits } from './features/renumber';
import { Project } from './workspace/project';
import { readFileUri } from './workspace/nodeFiles';
import { applyEdits } from './edits/textedit';
import { cleanCopy } from './edits/negotiation';
import { COMPARE_USAGE, runCompare } from './compare/cli';
import { EXPORT_USAGE, runExport } from './export/cli';
import { IMPORT_USAGE, runImport } from './import/cli';
import { LineIndex, type LineRange } from './syntax/text';
// package.json is the one place the version is written; esbuild inlines just this field.
import { version as VERSION } from '../../package.json';

const USAGE = `Usage:
  treatymark check <file or folder>... [--format text|json]
      Check treaties (*.treaty; folders are searched). Prints one line per problem as
      path:line:column severity code message. Exit 0: no errors; 1: errors; 2: usage or file error.
  treatymark renumber <file> [--write [--force]] [--root <folder>]
      Give every article, chapter, paragraph and subparagraph its number in sequence and update
      every cross-reference. Prints the renumbered text, or with --write rewrites the file, its
      notes file and the files under --root (default: the current folder) that cite it. When
      dangling references would then cite other units it warns, and --write needs --force.
  treatymark clean <file> [--output <file>] [--drop-brackets]
      A copy for circulation: tracked changes accepted, comments removed (square brackets kept
      unless --drop-brackets). Prints it, or writes it to --output.
${COMPARE_USAGE}
${IMPORT_USAGE}
${EXPORT_USAGE}
  treatymark --help | --version`;

interface CliResult {
  code: number;
  stdout: string | Uint8Array;
  stderr: string;
}

class UsageError extends Error {}

function runCli(argv: string[], cwd = process.cwd()): CliResult | Promise<CliResult> {
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
    if (command === 'compare') return runCompare(rest, cwd);
    if (command === 'export') return runExport(rest, cwd);
    if (command === 'import') return runImport(rest, cwd);
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

/**
 * Renumbers one treaty as the editor does: its notes file (`notes:`) and the files under the
 * workspace folder (`--root`, default the current folder) that cite it through
 * `instruments:` are read too, and with --write every one of them that changes is rewritten.
 */
function runRenumber(args: string[], cwd: string): CliResult {
  const { file, options } = parseFileArgs(args, ['--write', '--force'], ['--root']);
  const input = readTreatyFile(file, cwd);
  if (input.error) return input.error;
  const root = path.resolve(cwd, (options['--root'] as string | undefined) ?? '.');
  const project = new Project((uri) => readFileUri(uri));
  const uri = pathToFileURL(input.path).href;
  project.setDiskFile(uri, input.text!);
  let others: string[] = [];
  try {
    if (fs.statSync(root).isDirectory()) others = collect([root], cwd).files;
  } catch {
    return { code: 2, stdout: '', stderr: `treatymark: ${options['--root']}: no such folder\n` };
  }
  for (const other of others) {
    const text = readFileUri(pathToFileURL(other).href);
    if (text !== undefined) project.setDiskFile(pathToFileURL(other).href, text);
  }
  const view = project.currentView(uri)!;
  const result = renumberEdits(view, project);
  const rewritten = result.files.map((f) => {
    const target = fileURLToPath(f.uri);
    // The text the edits were computed on: the project read each file once.
    const text = project.file(f.uri)?.text ?? fs.readFileSync(target, 'utf8');
    const lines = new LineIndex(text);
    const edits = f.edits.map((e) => ({ span: { start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) }, newText: e.newText }));
    return { uri: f.uri, path: target, text: applyEdits(text, edits) };
  });
  const warnings = result.captured.map((c) => `${relative(cwd, fileURLToPath(c.uri))}:${c.range.start.line + 1}:${c.range.start.character + 1}: "${c.text}" ${c.why === 'dangling' ? 'is dangling' : 'cannot be read'}`);
  const warning = result.warning ? `treatymark: warning: ${result.warning}:\n${warnings.map((w) => `  ${w}\n`).join('')}` : '';
  if (!options['--write']) return { code: 0, stdout: rewritten.find((r) => r.uri === uri)?.text ?? input.text!, stderr: warning };
  if (result.count === 0) return { code: 0, stdout: `${file}: numbering is already in sequence; nothing to change.\n`, stderr: '' };
  // Renumbering would silently give those references a meaning, or leave unread citations behind: the drafter must say so.
  if (result.warning && !options['--force']) return { code: 1, stdout: '', stderr: `${warning}treatymark: nothing written; fix or delete them first, or renumber anyway with --force.\n` };
  for (const r of rewritten) fs.writeFileSync(r.path, r.text);
  const also = rewritten.filter((r) => r.uri !== uri).map((r) => `  also updated ${relative(cwd, r.path)}\n`).join('');
  return { code: 0, stdout: `${file}: ${result.title.charAt(0).toLowerCase()}${result.title.slice(1)}.\n${also}`, stderr: warning };
}

function relative(cwd: string, file: string): string {
  const r = path.relative(cwd, file);
  return r.startsWith('..') || path.isAbsolute(r) ? file : r;
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
  // As the editor sees them: a notes file is checked with its treaty, and references through
  // `instruments:` against the cited file (read from disk even when not named here).
  const project = new Project((uri) => readFileUri(uri));
  const texts = new Map<string, string>();
  for (const file of files) {
    try {
      texts.set(file, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      return { code: 2, stdout: '', stderr: `treatymark: cannot read ${file}: ${(e as Error).message}\n` };
    }
    project.setDiskFile(pathToFileURL(file).href, texts.get(file)!);
  }
  for (const file of files) {
    const lineIndex = new LineIndex(texts.get(file)!);
    const shown = path.relative(cwd, file) || file;
    for (const f of project.findings(pathToFileURL(file).href)) {
      counts[f.severity]++;
      const range = lineIndex.rangeOf(f.span);
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
  // `export` is asynchronous (the Word file is zipped so).
  void Promise.resolve(runCli(process.argv.slice(2))).then((result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.code;
  });
}
