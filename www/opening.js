// Runs before the page is drawn (a classic script in <head>), and decides
// whether the opening view drawn into index.html at build time
// (scripts/draw-opening.mjs) is what this visitor should see.
//
// It is, for a first visit: no fragment (`#code=`, `#lesson=`, `#embed=`)
// and nothing the playground stored here but, at most, the opening program
// itself. Then the drawing is shown and interactive at once, and the wasm is
// only fetched when the learner first acts on the page
// (tensor-playground.js). Otherwise the playground must start at once: the
// drawing is hidden (style.css) so that it never flashes a program other
// than the one asked for, and the wasm is preloaded.
(function () {
  var drawn = document.querySelector('meta[name="tp-opening"]');
  if (!drawn) return;
  var opening = drawn.getAttribute('content');
  var fresh = !location.hash;
  try {
    for (var i = 0; fresh && i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key.indexOf('tensor-playground:') !== 0) continue;
      fresh = key === 'tensor-playground:code' && localStorage.getItem(key) === opening;
    }
  } catch (e) {
    // Storage disabled: nothing was stored, so the opening view stands.
  }
  if (fresh) return;
  document.documentElement.setAttribute('data-tp-live', '');
  var preload = document.createElement('link');
  preload.rel = 'preload';
  preload.as = 'fetch';
  preload.type = 'application/wasm';
  preload.crossOrigin = 'anonymous';
  preload.href = 'playground_bg.wasm';
  document.head.appendChild(preload);
})();
