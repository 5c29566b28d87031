// The example course page's own script: embeds the playground three ways
// (the iframe is sized by ../embed.js, loaded by the page), and logs every
// event the playgrounds report. Every URL here is relative to this file, so
// the page loads nothing but the playground's own files.

import { mount } from '../tensor-playground.js';

const log = document.getElementById('log');
function record(source, message) {
  const item = document.createElement('li');
  item.textContent = `${source}: ${JSON.stringify(message)}`;
  log.append(item);
}

// 1 and 2: custom elements report DOM events named by the message type.
const types = ['ready', 'change', 'select', 'step', 'answer'].map((e) => `tensor-playground:${e}`);
for (const id of ['first', 'second']) {
  for (const type of types) {
    document.getElementById(id).addEventListener(type, (event) => record(id, event.detail));
  }
}

// 3: an iframe, allowed to take commands from (and to tell its events to) this page.
const frame = document.getElementById('frame');
const playground = new URL(
  `../index.html#embed=1&lesson=reductions&step=4&origin=${encodeURIComponent(location.origin)}`,
  import.meta.url,
);
frame.src = playground.href;
window.addEventListener('message', (event) => {
  if (event.source === frame.contentWindow && event.data?.type?.startsWith('tensor-playground:')) {
    record('iframe', event.data);
  }
});
let frameStep = 4;
document.getElementById('frame-step').addEventListener('click', () => {
  frameStep += 1;
  frame.contentWindow.postMessage({ type: 'tensor-playground:set-step', version: 1, step: frameStep }, playground.origin);
});

// 4: the JavaScript API.
const api = await mount(document.getElementById('api'), {
  code: 't = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)\nt.max(dim=1)',
  panels: ['editor', 'output'],
});
for (const event of ['ready', 'change', 'select']) {
  api.on(event, (message) => record('api', message));
}
document.getElementById('api-code').addEventListener('click', () => {
  api.setCode('t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)\nt.argmax(dim=0)');
});
window.tensorPlaygroundExample = { api };
