// Code actions — the place for the renumbering quick fix (server/src/edits/, by the lead).
//
// To wire it: return `{ codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix,
// CodeActionKind.Source], resolveProvider: true } }` from `capabilities`, and in `register`
//   ctx.connection.onCodeAction((p) => ctx.guard('codeAction', [], () => { … }))
// reading `ctx.workspace.currentView(p.textDocument.uri)` (the current analysis: never a
// stale one for edits) and the diagnostics in `p.context.diagnostics`, whose `data` carries
// the finding's `data` (`{ code, level, unit, expected }` for numbering findings). Edits
// across files: `ctx.workspace.project` knows the notes file and the files that cite this
// one (`project.citingBundles(bundle)`), with their locations (`currentView(b).locate`).
// The module is already in the feature list of server.ts.
import type { Feature } from './context';

export const codeActionsFeature: Feature = {
  name: 'codeActions',
  capabilities: () => ({}),
  register() {
    // Nothing yet: see above.
  },
};
