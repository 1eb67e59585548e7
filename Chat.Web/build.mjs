// Builds the front ends into Chat.Api/wwwroot. Run by Chat.Api's build (see Chat.Api.csproj) or by `npm run build`.
// The widget keeps a stable name (the script tag businesses paste names it); everything else gets a content hash
// so Chat.Api can let browsers keep it for a year.
import { build } from 'esbuild';
import { build as buildDashboard } from 'vite';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'Chat.Api', 'wwwroot');
const widgetBudgetBytes = 50 * 1024;

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'demo'), { recursive: true });

await build({
  entryPoints: [join(here, 'src', 'widget', 'main.ts')],
  outfile: join(out, 'widget.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'eof',
  logLevel: 'warning',
});

const widget = readFileSync(join(out, 'widget.js'));
const gzipped = gzipSync(widget, { level: 9 }).length;
console.log(`widget.js: ${(widget.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
if (gzipped > widgetBudgetBytes) {
  console.error(`widget.js is over its budget of ${widgetBudgetBytes / 1024} KB gzipped.`);
  process.exit(1);
}

// The demo site: its stylesheet under a hashed name, the page rewritten to point at it.
const css = readFileSync(join(here, 'src', 'demo', 'site.css'));
const cssName = `site-${createHash('sha256').update(css).digest('hex').slice(0, 10)}.css`;
writeFileSync(join(out, 'demo', cssName), css);
const page = readFileSync(join(here, 'src', 'demo', 'index.html'), 'utf8').replace('site.css', cssName);
writeFileSync(join(out, 'demo', 'index.html'), page);
// The dashboard, with Vite (its config: vite.config.ts).
await buildDashboard({ configFile: join(here, 'vite.config.ts') });

writeFileSync(join(out, 'build-info.json'), JSON.stringify({ widgetBytes: widget.length, widgetGzipBytes: gzipped }, null, 2));
