// Draws the page of a built MyST site (`myst build --site`, content as
// JSON) with its {anywidget} blocks, as MyST's book theme draws them: the
// widget's module is imported and its default export's render() gets a
// model holding the directive's JSON and an element. The theme itself
// cannot be downloaded on a machine without general internet access, so
// this stands in for it; the module, the model and the files are the ones
// the MyST build produced.
//
//   node tests/platforms/myst-page.mjs SITE_BUILD_DIR OUT_DIR
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [site, out] = process.argv.slice(2);
const content = JSON.parse(readFileSync(join(site, 'content', 'index.json'), 'utf8'));
const widgets = [];
(function walk(node) {
  if (Array.isArray(node)) node.forEach(walk);
  else if (node && typeof node === 'object') {
    if (node.type === 'anywidget') widgets.push({ esm: node.esm, model: node.model ?? {} });
    Object.values(node).forEach(walk);
  }
})(content.mdast);
if (widgets.length === 0) throw new Error('the MyST build holds no anywidget block');

mkdirSync(out, { recursive: true });
// The assets MyST copied (the widget's module among them) are served from the site's root.
cpSync(join(site, 'public'), out, { recursive: true });
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const blocks = widgets.map((_, i) => `<div class="widget" id="widget-${i}"></div>`).join('\n');
writeFileSync(
  join(out, 'index.html'),
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(content.frontmatter?.title ?? 'MyST')}</title></head>
<body><main>
${blocks}
</main>
<script type="module">
const widgets = ${JSON.stringify(widgets)};
for (const [i, { esm, model }] of widgets.entries()) {
  const url = esm.startsWith('/') ? '.' + esm : esm;
  const module = await import(new URL(url, location.href).href);
  const listeners = {};
  await module.default.render({
    model: { get: (k) => model[k], on: (e, f) => (listeners[e] = f), off: () => {} },
    el: document.getElementById('widget-' + i),
  });
}
</script>
</body></html>
`,
);
console.log(`myst page with ${widgets.length} widgets: ${join(out, 'index.html')}`);
