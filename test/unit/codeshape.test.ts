// The shape of the server's code: no function is longer than MAX_LINES. A long function
// hides its steps; past this size one should be split into named helpers. Parsed with the
// `typescript` package (its 7.x API runs the compiler as a child process), so a line count
// is the function's real extent, not a guess from braces.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { API } from 'typescript/unstable/sync';
import { SyntaxKind, type Node, type SourceFile } from 'typescript/unstable/ast';
import { ROOT } from '../support/corpus';

const MAX_LINES = 120;
const SERVER_SRC = path.join(ROOT, 'server', 'src');

const FUNCTION_KINDS = new Set<SyntaxKind>([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.ArrowFunction,
  SyntaxKind.FunctionExpression,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
]);

interface FunctionShape {
  /** `server/src/model/x.ts:12` */
  where: string;
  name: string;
  lines: number;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** A function's name as a reader would look for it: its own, or the variable or property it is given to. */
function nameOf(node: Node): string {
  const named = (n: Node): string | undefined => {
    const name = (n as { name?: Node & { text?: string } }).name;
    return name?.text;
  };
  if (node.kind === SyntaxKind.Constructor) return 'constructor';
  const own = named(node);
  if (own) return own;
  const parent = node.parent;
  if (parent && (parent.kind === SyntaxKind.VariableDeclaration || parent.kind === SyntaxKind.PropertyAssignment || parent.kind === SyntaxKind.PropertyDeclaration)) {
    return named(parent) ?? '(anonymous)';
  }
  return '(anonymous)';
}

/** Every function-like node of a file, nested ones too, with its length in lines (from its first token, comments excluded). */
function functionsOf(sf: SourceFile): FunctionShape[] {
  const found: FunctionShape[] = [];
  const rel = path.relative(ROOT, sf.fileName).split(path.sep).join('/');
  const visit = (node: Node): void => {
    if (FUNCTION_KINDS.has(node.kind)) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.end).line;
      found.push({ where: `${rel}:${start + 1}`, name: nameOf(node), lines: end - start + 1 });
    }
    node.forEachChild(visit);
  };
  sf.forEachChild(visit);
  return found;
}

describe('code shape', function () {
  // Starting the compiler process takes a moment on a busy machine.
  this.timeout(120000);
  const files = tsFiles(SERVER_SRC);
  let functions: FunctionShape[] = [];

  before(() => {
    const api = new API({ cwd: ROOT });
    try {
      const snapshot = api.updateSnapshot({ openProject: path.join(ROOT, 'tsconfig.json') });
      const program = snapshot.getProjects()[0].program;
      functions = files.flatMap((file) => {
        const sf = program.getSourceFile(file);
        assert.ok(sf, `${file} is not in the tsconfig program`);
        return functionsOf(sf);
      });
    } finally {
      api.close();
    }
  });

  it('finds the functions of every server file', () => {
    assert.ok(files.length > 40, `${files.length} files`);
    assert.ok(functions.length > 300, `${functions.length} functions`);
    assert.ok(functions.some((f) => f.name === 'buildStructure'), 'buildStructure');
  });

  it(`has no function longer than ${MAX_LINES} lines`, () => {
    const long = functions.filter((f) => f.lines > MAX_LINES).map((f) => `${f.where} ${f.name} (${f.lines} lines)`);
    assert.deepEqual(long, [], `functions over ${MAX_LINES} lines; split them into named helpers:\n${long.join('\n')}`);
  });
});
