// The Web Worker that runs the playground's programs, so that no program
// can freeze the page (src/web/runner.rs starts it, src/web/worker.rs
// answers). It runs the same wasm as the page: the page hands it its
// compiled module in the first message, so nothing is fetched or compiled
// twice; a worker started without one loads the file beside this script.
import init, { answerPage } from './playground.js';

let loaded = null;

function load(module) {
  return init({ module_or_path: module ?? new URL('playground_bg.wasm', import.meta.url) }).then(
    () => {
      self.postMessage('Ready');
      return true;
    },
    (error) => {
      self.postMessage({ Failed: { message: String(error?.message ?? error) } });
      return false;
    },
  );
}

self.onmessage = async (event) => {
  if (!loaded) {
    const given = event.data?.type === 'Load' ? event.data.module : undefined;
    loaded = load(given);
    if (given) return;
  }
  if (!(await loaded)) return;
  try {
    self.postMessage(await answerPage(event.data));
  } catch (error) {
    // The wasm trapped (out of memory, say): this instance cannot be
    // trusted again. The page ends this worker and starts a fresh one.
    self.postMessage({ Failed: { message: String(error?.message ?? error) } });
  }
};
