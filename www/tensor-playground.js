// Tensor Playground for host pages.
//
//   <script type="module" src=".../tensor-playground.js"></script>
//   <tensor-playground>
//     t = torch.ones(2, 3)
//     t.sum(dim=0)
//   </tensor-playground>
//   <tensor-playground lesson="reductions" step="2"></tensor-playground>
//
// or, from a module: `import { mount } from '.../tensor-playground.js'` and
// `const handle = await mount(element, { code, lesson, step, ... })`; its
// default export is an anywidget module (`render({ model, el })`) for
// Jupyter and MyST. tensor-playground.d.ts declares all of it.
// Every URL here is relative to this file, so the folder can live under
// any path of any static host. On index.html it also starts the page.

const here = new URL('.', import.meta.url);

// The wasm and its JS glue, fetched the first time a playground needs them:
// from this module's folder, or from the folder an anywidget model names
// (`src`: MyST copies the module alone into its site, without its files).
const loading = new Map();
function loadPlayground(base = here) {
  if (!loading.has(base.href)) {
    const glue = (base.href === here.href ? import('./playground.js') : import(new URL('playground.js', base).href))
      .then(async (glue) => {
        await glue.default({ module_or_path: new URL('playground_bg.wasm', base) });
        return glue;
      })
      .catch((error) => {
        // The next playground tries again (the network may be back).
        loading.delete(base.href);
        throw error;
      });
    loading.set(base.href, glue);
  }
  return loading.get(base.href);
}

// What to tell an author whose page could not load the playground's files:
// which file, what went wrong, and how to fix it.
async function diagnose(error, base) {
  for (const file of ['playground.js', 'playground_bg.wasm']) {
    const url = new URL(file, base);
    let response;
    try {
      response = await fetch(url, { method: 'HEAD', cache: 'no-store' });
    } catch {
      if (url.origin !== location.origin) {
        return (
          `Tensor Playground could not load ${url.href}: the browser refused it. The playground's files are on ` +
          `another site (${url.origin}) than this page, so that site must send them with the header ` +
          `Access-Control-Allow-Origin (CORS), e.g. "Access-Control-Allow-Origin: *".`
        );
      }
      return `Tensor Playground could not load ${url.href}: the request failed. Is the connection down?`;
    }
    if (!response.ok) {
      return (
        `Tensor Playground could not load ${url.href} (HTTP ${response.status}). Publish the whole built ` +
        `folder (make dist) and load tensor-playground.js from that folder: the files must stay side by side.`
      );
    }
  }
  return `Tensor Playground could not start: ${error?.message ?? error}`;
}

// Shows `text` in the playground's box, where the playground would be: it
// stays visible even when the playground's stylesheet could not be loaded.
function showProblem(element, text) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const box = document.createElement('p');
  box.setAttribute('role', 'alert');
  box.setAttribute('part', 'problem');
  box.className = 'tp-load-problem';
  box.style.cssText =
    'margin: 0; padding: 0.75em 1em; border: 2px solid #c5221f; border-radius: 6px; color: #a50e0e; ' +
    'background: #fce8e6; font: 14px/1.4 system-ui, sans-serif; white-space: normal;';
  box.textContent = text;
  root.replaceChildren(box);
}

// The colour scheme the host page itself is in, where it says so: course
// sites switch dark mode with their own markers, not only the system's.
const SCHEMES = [
  // Jupyter Book 1, PyData Sphinx theme, Bootstrap: <html data-theme="dark">
  ['data-theme', { dark: 'dark', light: 'light' }],
  ['data-bs-theme', { dark: 'dark', light: 'light' }],
  // MkDocs Material: <body data-md-color-scheme="slate">
  ['data-md-color-scheme', { slate: 'dark', default: 'light' }],
  // JupyterLab: <body data-jp-theme-light="false">
  ['data-jp-theme-light', { false: 'dark', true: 'light' }],
];
const SCHEME_CLASSES = {
  // Quarto; MyST / Jupyter Book 2 and marimo; mdBook's themes; VS Code's notebooks.
  'quarto-dark': 'dark',
  'quarto-light': 'light',
  dark: 'dark',
  light: 'light',
  coal: 'dark',
  navy: 'dark',
  ayu: 'dark',
  rust: 'light',
  'vscode-dark': 'dark',
  'vscode-high-contrast': 'dark',
  'vscode-light': 'light',
};

function hostScheme() {
  for (const el of [document.body, document.documentElement]) {
    if (!el) continue;
    for (const [attribute, values] of SCHEMES) {
      const scheme = values[el.getAttribute(attribute)];
      if (scheme) return scheme;
    }
    for (const name of el.classList) {
      if (Object.hasOwn(SCHEME_CLASSES, name)) return SCHEME_CLASSES[name];
    }
  }
  return null;
}

// Playgrounds whose theme is `auto`: they follow the host page's scheme, live.
const following = new Set();
let schemeWatch = null;

function followHostScheme(element) {
  following.add(element);
  paintScheme(element);
  if (schemeWatch) return;
  schemeWatch = new MutationObserver(() => following.forEach(paintScheme));
  const attributeFilter = ['class', ...SCHEMES.map(([a]) => a)];
  schemeWatch.observe(document.documentElement, { attributes: true, attributeFilter });
  if (document.body) schemeWatch.observe(document.body, { attributes: true, attributeFilter });
}

function unfollowHostScheme(element) {
  following.delete(element);
  if (following.size === 0 && schemeWatch) {
    schemeWatch.disconnect();
    schemeWatch = null;
  }
}

// Without a scheme of the host page's own, the system's (prefers-color-scheme) applies.
function paintScheme(element) {
  const scheme = hostScheme();
  if (scheme) element.dataset.theme = scheme;
  else delete element.dataset.theme;
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
// just before the drawing goes, and promises what to do to the playground
// once it stands in the drawing's place.
async function startPage(handOver = null) {
  const glue = await loadPlayground();
  // The playground is built off the page and put in place once its first
  // program (run in a worker) is drawn: the page never shows it half-drawn.
  const holder = document.createElement('div');
  await glue.startPage(holder);
  const carried = handOver ? await handOver() : null;
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
  // A press in progress (a button held down, a finger on the glass): the
  // drawing is not replaced under it, or the click it ends in would find
  // its element gone and never happen (a lesson link, say).
  let press = null;
  const onDown = () => {
    if (press) return;
    let end;
    press = new Promise((resolve) => (end = resolve));
    const ending = press;
    press.end = () => {
      if (press === ending) press = null;
      end();
    };
    // A press whose end the page never hears of (released outside the
    // window, say) holds the playground back no longer than this.
    setTimeout(press.end, 3000);
  };
  // After the click's own task, so that the click has done what it does.
  const endPress = (wait) => {
    if (press) setTimeout(press.end, wait);
  };
  const onClick = (e) => {
    const el = e.target instanceof Element && e.target.closest('button, [role="gridcell"]');
    if (el) actions.push([pathOf(el), 'click']);
    endPress(0);
  };
  const noting = [
    ['pointermove', onPointer],
    ['pointerover', onPointer],
    ['pointerdown', onDown],
    // A tap's click follows its pointerup by a moment; a drag has none.
    ['pointerup', () => endPress(300)],
    ['pointercancel', () => endPress(0)],
    ['input', onEdit],
    ['change', onEdit],
    ['click', onClick],
  ];
  for (const [type, f] of noting) document.addEventListener(type, f, true);

  // What the playground is given: read from the drawing just before it
  // goes, once no press is in progress.
  const handOver = async () => {
    while (press) await press;
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
      listen();
    });
  };
  listen();
}

// The element's position below the body: its index among its parent's
// elements, at each level, as "2/0/5". The arrow layer does not count: it is
// drawn a frame after the grids it joins (src/web/arrows.rs), so the
// playground may not have it yet when it takes the drawing's place.
function pathOf(el) {
  const steps = [];
  for (let at = el; at && at !== document.body; at = at.parentElement) {
    steps.unshift(placed(at.parentElement).indexOf(at));
  }
  return steps.join('/');
}

function elementAt(path) {
  let at = document.body;
  for (const i of path.split('/').filter((s) => s !== '')) at = at && placed(at)[Number(i)];
  return at ?? null;
}

function placed(parent) {
  return Array.prototype.filter.call(parent.children, (child) => !child.classList.contains('tp-arrows'));
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
function shadowContainer(element, base) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('style.css', base).href;
  const container = document.createElement('div');
  container.className = 'tp-host';
  root.replaceChildren(style, container);
  return container;
}

/**
 * Mounts an independent playground into `element`.
 * options: { code, lesson, lessonUrl, step, steps: "3-6", panels: ["editor", "controls", "output"],
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
  return mountFrom(here, element, options);
}

// `mount()` with the playground's files in the folder `base`.
function mountFrom(base, element, options) {
  const auto = options.theme === undefined || options.theme === null || options.theme === 'auto';
  return attach(element, auto, base, (glue, container) =>
    glue.mountPlayground(container, element, options, base.href),
  );
}

// Puts a playground into `element`'s shadow root, built by `build(glue,
// container)` once the playground's files (in the folder `base`) are in,
// and returns its handle.
async function attach(element, auto, base, build) {
  let glue;
  try {
    glue = await loadPlayground(base);
  } catch (error) {
    const problem = await diagnose(error, base);
    showProblem(element, problem);
    throw new Error(problem);
  }
  const container = shadowContainer(element, base);
  // `ready` is sent while the playground mounts, before there is a handle
  // to call on() with: keep it, so that on('ready', ...) still hears it.
  let readyMessage = null;
  const keepReady = (e) => {
    readyMessage = e.detail;
  };
  element.addEventListener('tensor-playground:ready', keepReady);
  let playground;
  try {
    playground = build(glue, container);
  } catch (error) {
    element.shadowRoot.replaceChildren();
    throw error;
  } finally {
    element.removeEventListener('tensor-playground:ready', keepReady);
  }
  if (auto) followHostScheme(element);
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
      unfollowHostScheme(element);
      const gone = playground;
      playground = null;
      gone.destroy();
      gone.free();
      element.shadowRoot?.replaceChildren();
    },
  };
}

const ATTRIBUTES = ['code', 'lesson', 'lesson-url', 'step', 'steps', 'panels', 'readonly', 'theme', 'accent'];

/**
 * `<tensor-playground>`: a playground configured by its attributes, its
 * program the `code` attribute or else the element's text content.
 */
class TensorPlaygroundElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #handle = null;
  #generation = 0;
  #scheduled = false;
  #text = null;
  // The text content is the program: a change of it (a page's script, or
  // the parser still adding it) rebuilds the playground.
  #textWatch = new MutationObserver(() => {
    if (!this.hasAttribute('code') && this.textContent !== this.#text) this.#schedule();
  });

  connectedCallback() {
    this.#textWatch.observe(this, { childList: true, characterData: true, subtree: true });
    this.#schedule();
  }

  disconnectedCallback() {
    this.#textWatch.disconnect();
    this.#generation += 1;
    this.#handle?.destroy();
    this.#handle = null;
  }

  attributeChangedCallback(name, before, after) {
    if (!this.isConnected || before === after) return;
    // A new program or step updates the playground in place; the rest rebuilds it.
    const inLesson = this.hasAttribute('lesson') || this.hasAttribute('lesson-url');
    if (this.#handle && name === 'code' && after !== null && !inLesson) {
      this.#handle.setCode(after);
    } else if (this.#handle && name === 'step' && inLesson) {
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

  // The attributes as text (null when absent) and the text content: read
  // and checked by the playground (session::embed::Attributes).
  #attributes() {
    const attributes = {};
    for (const name of ATTRIBUTES) attributes[name] = this.getAttribute(name);
    this.#text = this.textContent;
    attributes.text = this.#text;
    return attributes;
  }

  async #render() {
    const generation = ++this.#generation;
    this.#handle?.destroy();
    this.#handle = null;
    const attributes = this.#attributes();
    const auto = attributes.theme === null || attributes.theme === 'auto';
    try {
      const handle = await attach(this, auto, here, (glue, container) =>
        glue.mountElement(container, this, attributes, here.href),
      );
      if (generation !== this.#generation) {
        handle.destroy();
      } else {
        this.#handle = handle;
      }
    } catch (error) {
      if (generation === this.#generation) showProblem(this, String(error?.message ?? error));
    }
  }
}

// The anywidget options a widget's model may hold (Python's names), and
// the `mount()` options they are.
const WIDGET_OPTIONS = {
  code: 'code',
  lesson: 'lesson',
  lesson_url: 'lessonUrl',
  step: 'step',
  steps: 'steps',
  panels: 'panels',
  readonly: 'readonly',
  theme: 'theme',
  accent: 'accent',
};

/**
 * The anywidget module: a widget whose model holds the options (`code`,
 * `lesson`, `lesson_url`, `step`, ...) shows a playground; `src`, if
 * given, is the folder of the playground's files. The model's
 * `code` and `step` follow the learner, and every answer is sent to the
 * kernel as a custom message. Jupyter (the Python package in
 * platforms/jupyter) and MyST's {anywidget} directive use it.
 */
export default {
  async render({ model, el }) {
    const options = {};
    for (const [key, option] of Object.entries(WIDGET_OPTIONS)) {
      const value = model.get(key);
      if (value === undefined || value === null || value === '') continue;
      options[option] = option === 'panels' && typeof value === 'string' ? value.split(',') : value;
    }
    const holder = document.createElement('div');
    holder.className = 'tensor-playground-widget';
    el.replaceChildren(holder);
    const src = model.get('src');
    const base = typeof src === 'string' && src ? new URL(src.endsWith('/') ? src : `${src}/`, document.baseURI) : here;
    let handle;
    try {
      handle = await mountFrom(base, holder, options);
    } catch (error) {
      showProblem(holder, String(error?.message ?? error));
      return undefined;
    }
    // Without a kernel (a static MyST page) the model cannot be written.
    const write = (key, value) => {
      if (typeof model.save_changes !== 'function' || model.get(key) === value) return;
      model.set(key, value);
      model.save_changes();
    };
    handle.on('change', (message) => write('code', message.code));
    handle.on('step', (message) => write('step', message.step));
    handle.on('answer', (message) => model.send?.(message));
    const onCode = () => {
      const code = model.get('code');
      if (typeof code === 'string' && code !== handle.getState().code) handle.setCode(code);
    };
    model.on?.('change:code', onCode);
    return () => {
      model.off?.('change:code', onCode);
      handle.destroy();
    };
  },
};

if (!customElements.get('tensor-playground')) {
  customElements.define('tensor-playground', TensorPlaygroundElement);
}
