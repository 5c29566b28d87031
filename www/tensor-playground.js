// Tensor Playground for host pages.
//
//   <script type="module" src=".../tensor-playground.js"></script>
//   <tensor-playground code="t = torch.ones(2, 3)&#10;t.sum(dim=0)"></tensor-playground>
//   <tensor-playground lesson="reductions" step="2"></tensor-playground>
//
// or, from a module: `import { mount } from '.../tensor-playground.js'` and
// `const handle = await mount(element, { code, lesson, step, ... })`.
// Every URL here is relative to this file, so the folder can live under
// any path of any static host. On index.html it also starts the page.

const here = new URL('.', import.meta.url);

// The wasm and its JS glue, fetched the first time a playground needs them.
let loading = null;
function loadPlayground() {
  loading ??= import('./playground.js').then(async (glue) => {
    await glue.default({ module_or_path: new URL('playground_bg.wasm', here) });
    return glue;
  });
  return loading;
}

// The first signs of a learner at the drawn opening view: the playground is fetched then.
const FIRST_ACTIONS = ['pointermove', 'pointerdown', 'touchstart', 'keydown', 'focusin', 'wheel', 'input', 'change', 'click'];

if (document.body && 'tensorPlaygroundPage' in document.body.dataset) {
  const drawn = 'tpDrawn' in document.body.dataset;
  const live = 'tpLive' in document.documentElement.dataset;
  if (drawn && !live) {
    // The opening view is already drawn (scripts/draw-opening.mjs): the
    // wasm is fetched when the learner first acts on the page, and what
    // they did meanwhile is carried over to the playground.
    wakeOnFirstAction();
  } else {
    startPage();
  }
}

// Starts the page's playground, in place of the drawn opening view if
// there is one. `handOver`, if given, runs once the playground has arrived,
// just before the drawing goes, and returns what to do to the playground
// once it stands in the drawing's place.
async function startPage(handOver = null) {
  const glue = await loadPlayground();
  // The playground is built off the page and put in place once its first
  // program (run in a worker) is drawn: the page never shows it half-drawn.
  const holder = document.createElement('div');
  await glue.startPage(holder);
  const carried = handOver ? handOver() : null;
  const body = document.body;
  body.replaceChildren(...holder.childNodes);
  delete body.dataset.tpDrawn;
  delete body.dataset.tpWaking;
  carried?.();
}

// What a learner may do to the drawn opening view before the playground has
// arrived, noted as it happens and done again, in the same order, to the
// playground once it has replaced the drawing. The playground draws the
// same elements in the same places, so an element of the drawing is found
// again by its position among the body's elements.
function wakeOnFirstAction() {
  const body = document.body;
  let pointer = null;
  // [path, 'edit', element] (only an element's last edit is kept) or [path, 'click'].
  const actions = [];
  const onPointer = (e) => {
    pointer = [e.clientX, e.clientY];
  };
  const onEdit = (e) => {
    const path = pathOf(e.target);
    const earlier = actions.findIndex(([p, kind]) => p === path && kind === 'edit');
    if (earlier >= 0) actions.splice(earlier, 1);
    actions.push([path, 'edit', e.target]);
  };
  const onClick = (e) => {
    const el = e.target instanceof Element && e.target.closest('button, [role="gridcell"]');
    if (el) actions.push([pathOf(el), 'click']);
  };
  const noting = [
    ['pointermove', onPointer],
    ['pointerover', onPointer],
    ['input', onEdit],
    ['change', onEdit],
    ['click', onClick],
  ];
  for (const [type, f] of noting) document.addEventListener(type, f, true);

  // What the playground is given: read from the drawing just before it goes.
  const handOver = () => {
    for (const [type, f] of noting) document.removeEventListener(type, f, true);
    const active = document.activeElement;
    const focus = active && active !== body && body.contains(active) ? focusOf(active) : null;
    const done = actions.map(([path, kind, el]) => [path, kind, el?.value, el?.checked]);
    return () => {
      for (const [path, kind, value, checked] of done) {
        const el = elementAt(path);
        if (!el) continue;
        if (kind === 'click') {
          el.click();
        } else if (el.type === 'checkbox' || el.type === 'radio') {
          el.checked = checked;
          el.dispatchEvent(new Event('change', { bubbles: true }));
        } else {
          el.value = value;
          el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
        }
      }
      if (focus) restoreFocus(focus);
      if (pointer) {
        const [clientX, clientY] = pointer;
        const under = document.elementFromPoint(clientX, clientY);
        under?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX, clientY }));
      }
    };
  };

  const listen = () => {
    for (const type of FIRST_ACTIONS) document.addEventListener(type, wake, { capture: true, passive: true });
  };
  const wake = () => {
    for (const type of FIRST_ACTIONS) document.removeEventListener(type, wake, true);
    // The pointer says "working" while the playground is on its way (style.css).
    body.dataset.tpWaking = '';
    startPage(handOver).catch((error) => {
      // The playground did not arrive (the network, say): the drawing stays,
      // and the next action tries again.
      console.error('tensor-playground: could not load the playground:', error);
      delete body.dataset.tpWaking;
      loading = null;
      listen();
    });
  };
  listen();
}

// The element's position below the body: its index among its parent's
// elements, at each level, as "2/0/5".
function pathOf(el) {
  const steps = [];
  for (let at = el; at && at !== document.body; at = at.parentElement) {
    steps.unshift(Array.prototype.indexOf.call(at.parentElement.children, at));
  }
  return steps.join('/');
}

function elementAt(path) {
  let at = document.body;
  for (const i of path.split('/').filter((s) => s !== '')) at = at?.children[Number(i)];
  return at ?? null;
}

function focusOf(el) {
  const caret = typeof el.selectionStart === 'number' ? [el.selectionStart, el.selectionEnd] : null;
  return { path: pathOf(el), caret, value: el.value };
}

function restoreFocus({ path, caret, value }) {
  const el = elementAt(path);
  if (!el) return;
  el.focus();
  if (!caret) return;
  // The playground fills its fields a moment after it mounts, with the same
  // text; a caret placed in the still empty field would end up at its start.
  if (el.value !== value) el.value = value;
  el.setSelectionRange(...caret);
}

// Each playground lives in its own shadow root with the playground's
// stylesheet; host pages restyle it through --tp-* custom properties and
// ::part(program | editor | grids | output | lesson).
function shadowContainer(element) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('style.css', here).href;
  const container = document.createElement('div');
  container.className = 'tp-host';
  root.replaceChildren(style, container);
  return container;
}

/**
 * Mounts an independent playground into `element`.
 * options: { code, lesson, step, steps: "3-6", panels: ["editor", "controls", "output"],
 *            readonly, theme: "light" | "dark" | "auto", accent: "#0b5cc7" }
 * Returns { setCode, setStep, getState, on(event, callback), destroy }.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) {
    throw new TypeError('tensor-playground: mount(element, options): element must be a DOM element');
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('tensor-playground: mount(element, options): options must be an object');
  }
  const { mountPlayground } = await loadPlayground();
  const container = shadowContainer(element);
  // `ready` is sent while the playground mounts, before there is a handle
  // to call on() with: keep it, so that on('ready', ...) still hears it.
  let readyMessage = null;
  const keepReady = (e) => {
    readyMessage = e.detail;
  };
  element.addEventListener('tensor-playground:ready', keepReady);
  let playground;
  try {
    playground = mountPlayground(container, element, options, here.href);
  } catch (error) {
    element.shadowRoot.replaceChildren();
    throw error;
  } finally {
    element.removeEventListener('tensor-playground:ready', keepReady);
  }
  const listeners = [];
  // Once destroyed, the wasm object is gone: say so plainly.
  const live = () => {
    if (!playground) throw new Error('tensor-playground: this playground was destroyed');
    return playground;
  };
  return {
    setCode(code) {
      live().setCode(String(code));
    },
    setStep(step) {
      live().setStep(Number(step));
    },
    getState() {
      return live().getState();
    },
    // `event` is ready, change, select, step or answer; the callback gets the message.
    // `ready` has always been sent by then: the callback gets it at once (in a microtask).
    on(event, callback) {
      live();
      const type = `tensor-playground:${event}`;
      const listener = (e) => callback(e.detail);
      const entry = [type, listener];
      element.addEventListener(type, listener);
      listeners.push(entry);
      if (event === 'ready' && readyMessage) {
        queueMicrotask(() => listeners.includes(entry) && callback(readyMessage));
      }
      return () => {
        element.removeEventListener(type, listener);
        const i = listeners.indexOf(entry);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    // Removes the playground, its listeners and its DOM; destroying twice does nothing.
    destroy() {
      if (!playground) return;
      for (const [type, listener] of listeners) element.removeEventListener(type, listener);
      listeners.length = 0;
      const gone = playground;
      playground = null;
      gone.destroy();
      gone.free();
      element.shadowRoot?.replaceChildren();
    },
  };
}

const ATTRIBUTES = ['code', 'lesson', 'step', 'steps', 'panels', 'readonly', 'theme', 'accent'];

/** `<tensor-playground>`: a playground configured by its attributes. */
class TensorPlaygroundElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #handle = null;
  #generation = 0;
  #scheduled = false;

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#handle?.destroy();
    this.#handle = null;
  }

  attributeChangedCallback(name, before, after) {
    if (!this.isConnected || before === after) return;
    // A new program or step updates the playground in place; the rest rebuilds it.
    if (this.#handle && name === 'code' && !this.hasAttribute('lesson')) {
      this.#handle.setCode(after ?? '');
    } else if (this.#handle && name === 'step' && this.hasAttribute('lesson')) {
      this.#handle.setStep(Number(after));
    } else {
      this.#schedule();
    }
  }

  // Attributes arrive one by one (all at once when the element upgrades):
  // build once, after the last of them.
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#render();
    });
  }

  #options() {
    const options = {};
    for (const name of ['code', 'lesson', 'steps', 'theme', 'accent']) {
      if (this.hasAttribute(name)) options[name] = this.getAttribute(name);
    }
    if (this.hasAttribute('step')) options.step = Number(this.getAttribute('step'));
    if (this.hasAttribute('panels')) options.panels = this.getAttribute('panels').split(',').map((p) => p.trim());
    if (this.hasAttribute('readonly')) options.readonly = true;
    return options;
  }

  async #render() {
    const generation = ++this.#generation;
    this.#handle?.destroy();
    this.#handle = null;
    try {
      const handle = await mount(this, this.#options());
      if (generation !== this.#generation) {
        handle.destroy();
      } else {
        this.#handle = handle;
      }
    } catch (error) {
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      const message = document.createElement('p');
      message.textContent = String(error.message ?? error);
      root.replaceChildren(message);
    }
  }
}

if (!customElements.get('tensor-playground')) {
  customElements.define('tensor-playground', TensorPlaygroundElement);
}
