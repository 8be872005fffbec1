// Renumbering for the editor: the core's plan for one treaty (its notes file included, since
// a bundle analyses both as one text), plus the citations of it in other workspace files,
// as edits per file. Pure: LSP-shaped locations out.
import { capturedDangling, capturedWarning, planRenumbering, unrecognisedAtRisk, unrecognisedWarning, type RenumberScope } from '../edits/renumber';
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
  /** Set when dangling references would cite other units once renumbered (see capturedDangling), or citations Treatymark cannot read may name renumbered units (unrecognisedAtRisk). */
  warning?: string;
  /** Where those references are. */
  captured: { uri: string; range: LineRange; text: string; why: 'dangling' | 'unrecognised' }[];
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
  // Citations Treatymark could not read, whose numbers this plan changes: never passed over in silence.
  const unread = unrecognisedAtRisk(view.treaty, plan);
  const captured = [
    ...found.map(({ ref }) => ({ span: ref.span, text: ref.text, why: 'dangling' as const })),
    ...unread.map((span) => ({ span, text: view.treaty.text.slice(span.start, span.end), why: 'unrecognised' as const })),
  ].flatMap(({ span, text, why }) => {
    const at = view.locate(span);
    return at ? [{ uri: at.uri, range: at.range, text, why }] : [];
  });
  const warnings = [...(found.length > 0 ? [capturedWarning(found)] : []), ...(unread.length > 0 ? [unrecognisedWarning(view.treaty, unread)] : [])];
  const warning = warnings.length > 0 ? warnings.join('; ') : undefined;
  return { title, files, count, warning, captured };
}

/** The bundle's unit with this id, for a numbering finding's `data.unit`. */
export function unitById(bundle: Bundle, id: unknown): Unit | undefined {
  return typeof id === 'string' ? bundle.treaty.byId.get(id) : undefined;
}
