// The Web Worker that runs the playground's programs, so that no program
// can freeze the page (src/web/runner.rs starts it, src/web/worker.rs
// answers). It loads the same wasm as the page, from beside this file.
import init, { answerPage } from './playground.js';

const loaded = init({ module_or_path: new URL('playground_bg.wasm', import.meta.url) }).then(
  () => {
    self.postMessage({ type: 'Ready' });
    return true;
  },
  (error) => {
    self.postMessage({ type: 'Failed', message: String(error?.message ?? error) });
    return false;
  },
);

self.onmessage = async (event) => {
  if (await loaded) self.postMessage(answerPage(event.data));
};
