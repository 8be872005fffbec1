// Renumbering for the editor: the core's plan for one treaty (its notes file included, since
// a bundle analyses both as one text), plus the citations of it in other workspace files,
// as edits per file. Pure: LSP-shaped locations out.
import { capturedDangling, capturedWarning, planRenumbering, type RenumberScope } from '../edits/renumber';
import type { Unit } from '../model/types';
import type { LineRange } from '../syntax/text';
import { currentView, type Bundle, type View } from '../workspace/bundle';
import type { Project } from '../workspace/project';

export interface FileEdits {
  uri: string;
  edits: { range: LineRange; newText: string }[];
}

export interface RenumberResult {
  title: string;
  files: FileEdits[];
  /** Edits in all files together. */
  count: number;
  /** Set when dangling references would cite other units once renumbered (see capturedDangling). */
  warning?: string;
  /** Where those references are. */
  captured: { uri: string; range: LineRange; text: string }[];
}

export function renumberEdits(view: View, project: Project | undefined, scope: RenumberScope = {}): RenumberResult {
  const plan = planRenumbering(view.treaty, scope);
  const byUri = new Map<string, FileEdits>();
  const add = (v: View, span: { start: number; end: number }, newText: string) => {
    const at = v.locate(span);
    if (!at) return;
    let file = byUri.get(at.uri);
    if (!file) byUri.set(at.uri, (file = { uri: at.uri, edits: [] }));
    file.edits.push({ range: at.range, newText });
  };
  for (const e of plan.edits) add(view, e.span, e.newText);
  let citing = 0;
  if (project && plan.numbers.size > 0) {
    for (const other of project.citingBundles(view.bundle)) {
      const otherView = currentView(other);
      for (const ext of project.externals(other)) {
        if (ext.target !== view.bundle || !ext.resolution) continue;
        let touched = false;
        for (const n of ext.resolution.numbers) {
          const next = n.unit ? plan.numbers.get(n.unit as Unit) : undefined;
          if (next === undefined || next === n.text) continue;
          add(otherView, n.span, next);
          touched = true;
        }
        if (touched) citing++;
      }
    }
  }
  const files = [...byUri.values()];
  const count = files.reduce((n, f) => n + f.edits.length, 0);
  const title = citing > 0 ? `${plan.title} (and ${citing} in other files)` : plan.title;
  // Re-analyses the renumbered text when there are dangling references: once per analysis
  // and scope, not on every code-action request at the cursor.
  const capture = () => capturedDangling(view.treaty, plan);
  const found = view.treaty === view.bundle.treaty ? view.bundle.memoize(`renumber.captured:${scope.level ?? ''}:${scope.holder?.id ?? ''}`, capture) : capture();
  const captured = found.flatMap(({ ref }) => {
    const at = view.locate(ref.span);
    return at ? [{ uri: at.uri, range: at.range, text: ref.text }] : [];
  });
  const warning = found.length > 0 ? capturedWarning(found) : undefined;
  return { title, files, count, warning, captured };
}

/** The bundle's unit with this id, for a numbering finding's `data.unit`. */
export function unitById(bundle: Bundle, id: unknown): Unit | undefined {
  return typeof id === 'string' ? bundle.treaty.byId.get(id) : undefined;
}
