// The web extension's two bundles (package.json "browser"): the client, loaded by VS Code for
// the web's extension host, and the language server, run by it in a web worker. Browser
// platform, so a Node built-in anywhere in their imports fails the build;
// test/unit/web-bundles.test.ts also reads what they are made of. Used by scripts/build.mjs.
export const WEB_BUNDLES = [
  // CommonJS, as the web extension host loads extensions (module.exports.activate).
  { entryPoints: ['client/src/browser.ts'], outfile: 'dist/web/extension.js', format: 'cjs', external: ['vscode'] },
  // A classic worker script.
  { entryPoints: ['server/src/lsp/browserMain.ts'], outfile: 'dist/web/server.js', format: 'iife' },
].map((entry) => ({
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
  ...entry,
}));
