// Tensor Playground host script: include it once in a page with playground
// iframes (<script src=".../embed.js"></script>) and every one of them is
// sized to its content, so nothing scrolls inside the frames. Without it
// the iframes still work, at the height the page gives them.
(function () {
  'use strict';
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'tensor-playground:resize' || data.version !== 1) {
      return;
    }
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0 || height > 100000) {
      return;
    }
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      // Only the frame that sent the message, and only if it is ours to size.
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + 'px';
      }
    }
  });
})();
