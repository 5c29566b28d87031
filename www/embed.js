// Tensor Playground host script: include it once in a page with playground
// iframes (<script src=".../embed.js"></script>, from the playground's own
// folder) and every one of them is sized to its content, so nothing
// scrolls inside the frames. Without it the iframes still work, at the
// height the page gives them.
//
// Only the playground's own iframes are sized: those whose `src` is the
// page beside this script (that folder's `index.html`, or the folder
// itself), and only from a message their own window sent from the
// playground's origin. Any other iframe of the host page, whatever it
// posts, is left as it is. A height is capped, so that no message can make
// a frame absurdly tall; beyond it the frame scrolls inside.
(function () {
  'use strict';
  var MAX_HEIGHT = 10000;
  var script = document.currentScript;
  // Loaded some way that does not say where from: size nothing rather than guess.
  if (!script || !script.src) return;
  var folder = new URL('.', script.src);

  function isPlayground(frame) {
    var src;
    try {
      src = new URL(frame.src);
    } catch (e) {
      return false;
    }
    var path = src.pathname;
    return (
      src.origin === folder.origin && (path === folder.pathname || path === folder.pathname + 'index.html')
    );
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'tensor-playground:resize' || data.version !== 1) {
      return;
    }
    if (event.origin !== folder.origin) return;
    var height = Number(data.height);
    if (typeof data.height !== 'number' || !isFinite(height) || height <= 0) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source && isPlayground(frames[i])) {
        frames[i].style.height = Math.ceil(Math.min(height, MAX_HEIGHT)) + 'px';
      }
    }
  });
})();
