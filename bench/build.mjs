// Bundles the benchmark (bench/run.ts) to out/bench/run.js with the same esbuild settings as
// scripts/build.mjs, so the core code it times in-process is compiled as the production
// bundles are. Packages from node_modules stay external: the Markdown language service and
// markdown-it run as published. The language server itself is timed as dist/server.js.
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['bench/run.ts'],
  outfile: 'out/bench/run.js',
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
});
