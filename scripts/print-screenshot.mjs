#!/usr/bin/env node
// The README's picture of the printed page: exports the convention as HTML (dist/cli.js),
// prints it to PDF with headless Chromium (as "Print / Save as PDF" does in a browser) and
// turns one page into a PNG with pdftoppm (Debian: poppler-utils).
//
// Usage: node scripts/print-screenshot.mjs [page] [out.png]   (default: page 3, docs/images/print.png)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const page = Number(process.argv[2] ?? 3);
const out = resolve(process.argv[3] ?? join(root, 'docs/images/print.png'));
const tmp = mkdtempSync(join(tmpdir(), 'treatymark-print-'));
try {
  const html = join(tmp, 'convention.html');
  execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'export', join(root, 'examples/convention.treaty'), '--to', 'html', '--output', html], { stdio: 'inherit' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const tab = await browser.newPage();
  await tab.goto(pathToFileURL(html).href);
  const pdf = join(tmp, 'convention.pdf');
  await tab.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await browser.close();
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', pdf, join(tmp, 'page')]);
  renameSync(join(tmp, 'page.png'), out);
  console.log(`${out}: page ${page} of the printed convention`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
