// Every regular expression written in the server's source: literals and `new RegExp(…)`.
// A small tokenizer (comments, strings, template literals with `${}`, and the usual rule
// for telling a regex from a division: a `/` after a value divides) — enough for this code base.
import * as fs from 'fs';
import * as path from 'path';

interface RegexSite {
  /** Path under server/src, with `/`. */
  file: string;
  line: number;
  /** A literal as written (`/\s+/g`), or the source line from `new RegExp`. */
  text: string;
  kind: 'literal' | 'constructor';
}

/** After these words a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'in', 'of', 'void', 'throw', 'new', 'delete', 'else', 'do', 'yield', 'await', 'instanceof']);

function regexSites(source: string, file: string): RegexSite[] {
  const sites: RegexSite[] = [];
  const n = source.length;
  let i = 0;
  let line = 1;
  /** The last significant token: 'value' (identifier, number, string, `)`, `]`, `}`), 'word' (a keyword above) or 'op'. */
  let last: 'value' | 'word' | 'op' = 'op';
  let lastWord = '';
  let braces = 0;
  /** Brace depth at which each open template literal resumes after `${ … }`. */
  const templates: number[] = [];
  const lineEnd = (from: number) => {
    const e = source.indexOf('\n', from);
    return e < 0 ? n : e;
  };
  while (i < n) {
    const c = source[i];
    // White space and comments are not tokens: they leave `last` and `lastWord` as they are.
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      i = lineEnd(i);
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const e = source.indexOf('*/', i + 2);
      for (let k = i; k < e; k++) if (source[k] === '\n') line++;
      i = e + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      for (i++; i < n && source[i] !== c; i++) if (source[i] === '\\') i++;
      i++;
      last = 'value';
    } else if (c === '`' || (c === '}' && templates.length > 0 && templates[templates.length - 1] === braces)) {
      if (c === '}') templates.pop();
      for (i++; i < n; i++) {
        const d = source[i];
        if (d === '\\') i++;
        else if (d === '\n') line++;
        else if (d === '`') {
          i++;
          last = 'value';
          break;
        } else if (d === '$' && source[i + 1] === '{') {
          i += 2;
          templates.push(braces);
          last = 'op';
          break;
        }
      }
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i;
      while (j < n && /[\w$]/.test(source[j])) j++;
      const word = source.slice(i, j);
      if (word === 'RegExp' && lastWord === 'new') sites.push({ file, line, text: source.slice(i - 4, lineEnd(i)).trim(), kind: 'constructor' });
      // After `.` a keyword is a property name (`c.new / 2` divides).
      const property = i > 0 && source[i - 1] === '.';
      last = BEFORE_REGEX.has(word) && !property ? 'word' : 'value';
      lastWord = word;
      i = j;
      continue;
    } else if (/[0-9]/.test(c)) {
      while (i < n && /[\w.]/.test(source[i])) i++;
      last = 'value';
    } else if (c === '/' && last !== 'value') {
      let j = i + 1;
      let inClass = false;
      for (; j < n; j++) {
        const d = source[j];
        if (d === '\\') j++;
        else if (d === '\n') throw new Error(`${file}:${line}: a regular expression literal runs into the end of the line`);
        else if (inClass) inClass = d !== ']';
        else if (d === '[') inClass = true;
        else if (d === '/') break;
      }
      j++;
      while (j < n && /[a-z]/.test(source[j])) j++;
      sites.push({ file, line, text: source.slice(i, j), kind: 'literal' });
      last = 'value';
      i = j;
    } else {
      if (c === '{') braces++;
      else if (c === '}') braces--;
      last = c === ')' || c === ']' || c === '}' ? 'value' : 'op';
      i++;
    }
    lastWord = '';
  }
  return sites;
}

/** Every regular expression under `root` (server/src), file by file. */
export function allRegexSites(root: string): RegexSite[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(root);
  return files.sort().flatMap((f) => regexSites(fs.readFileSync(f, 'utf8'), path.relative(root, f).split(path.sep).join('/')));
}

/** A literal as written → the RegExp it makes. */
export function compileLiteral(literal: string): RegExp {
  const end = literal.lastIndexOf('/');
  return new RegExp(literal.slice(1, end), literal.slice(end + 1));
}
