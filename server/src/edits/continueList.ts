// Numbering that continues as the drafter types: after Enter on a line opened by `3.`,
// `(b)` or `(ii)`, the new line starts with `4. `, `(c) ` or `(iii) `, computed from the
// model (so `(i)` after `(h)` continues as `(j)` and `(a) (i)` continues as `(ii)`).
import { formatNumber } from '../checks/numbering';
import type { Treaty, Unit } from '../model/types';
import type { TextEdit } from './textedit';

/**
 * The marker to insert at the start of `line` (just created by Enter), continuing the unit
 * opened on the line above; undefined when that line opens no numbered unit or the new line
 * already has text.
 */
export function continueList(treaty: Treaty, line: number): TextEdit | undefined {
  const { lines, text } = treaty;
  if (line <= 0 || line >= lines.lineCount) return undefined;
  const current = lines.lineText(line);
  if (current.trim() !== '' && !/^\s*$/.test(current)) return undefined;
  const previousStart = lines.starts[line - 1];
  const previousEnd = lines.ends[line - 1];
  // The deepest unit whose marker stands on the previous line.
  let unit: Unit | undefined;
  for (const u of treaty.units) {
    if (u.implicit || !u.numberSpan) continue;
    if (u.anchorSpan.start >= previousStart && u.anchorSpan.end <= previousEnd && isListUnit(u)) unit = u;
    if (u.anchorSpan.start > previousEnd) break;
  }
  if (!unit || unit.value === undefined || unit.suffix) return undefined;
  // An empty item (marker and nothing else) ends the list, as in Markdown editors.
  if (text.slice(unit.textSpan.start, unit.textSpan.end).trim() === '' && unit.children.length === 0) return undefined;
  const next = formatNumber(unit.kind, unit.style, unit.value + 1);
  const marker = unit.kind === 'paragraph' && text[unit.anchorSpan.start] !== '(' ? `${next}. ` : `(${next}) `;
  const indent = /^[ \t]*(?:- )?/.exec(lines.lineText(line - 1))![0];
  const at = lines.starts[line] + current.length;
  return { span: { start: lines.starts[line], end: at }, newText: indent + marker };
}

function isListUnit(u: Unit): boolean {
  return u.kind === 'paragraph' || u.kind === 'subparagraph' || u.kind === 'subsubparagraph' || (u.kind === 'recital' && !!u.number) || u.kind === 'note';
}
