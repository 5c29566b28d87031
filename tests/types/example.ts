// A host page's script using every declaration of tensor-playground.d.ts:
// `make test-types` type-checks it (tsc --noEmit), so that the
// declarations stay complete and usable. It is never run.
import widget, {
  mount,
  type AnswerMessage,
  type ElementRef,
  type MountOptions,
  type PlaygroundCommand,
  type PlaygroundHandle,
  type PlaygroundMessage,
  type PlaygroundState,
  type SelectMessage,
  type WidgetModel,
} from '../../www/tensor-playground.js';

export async function course(root: HTMLElement): Promise<PlaygroundHandle> {
  const options: MountOptions = {
    code: 't = torch.ones(2, 3)\nt.sum(dim=1)',
    panels: ['editor', 'output'],
    readonly: false,
    theme: 'auto',
    accent: '#8a3ffc',
  };
  const lesson: MountOptions = { lessonUrl: 'lessons/mine.md', step: 2, steps: '2-4' };
  const playground = await mount(root, options);
  await mount(root, lesson);
  await mount(root);

  playground.on('ready', (m) => console.log(m.code.length));
  playground.on('change', (m) => console.log(m.code));
  const stop = playground.on('select', (m: SelectMessage) => {
    const sources: ElementRef[] = m.sources ?? [];
    console.log(m.tensor, m.index?.join(','), sources.map((s) => `${s.name}[${s.index.join(', ')}]`));
  });
  playground.on('step', (m) => console.log(m.lesson, m.step + 1));
  playground.on('answer', (m: AnswerMessage) => {
    const success: boolean = m.statement.result.success;
    console.log(m.result, m.statement.verb.id, m.statement.object.id, success, m.statement.timestamp);
  });
  stop();

  playground.setCode('t = torch.zeros(2)\nt.sum()');
  playground.setStep(3);
  const state: PlaygroundState = playground.getState();
  console.log(state.code, state.error ?? 'runs', state.lesson, state.step);
  playground.destroy();
  return playground;
}

/** The custom element, its attributes and its DOM events. */
export function element(): void {
  const el = document.createElement('tensor-playground');
  el.setAttribute('lesson-url', 'lessons/mine.md');
  el.textContent = 't = torch.ones(2)\nt.sum()';
  el.addEventListener('tensor-playground:select', (e) => console.log(e.detail.sources?.length));
  el.addEventListener('tensor-playground:answer', (e) => console.log(e.detail.statement.result.response));
  document.querySelector('tensor-playground')?.addEventListener('tensor-playground:change', (e) => {
    console.log(e.detail.code);
  });
}

/** An iframe's messages and commands. */
export function frame(iframe: HTMLIFrameElement): void {
  window.addEventListener('message', (e: MessageEvent<PlaygroundMessage>) => {
    const m = e.data;
    switch (m.type) {
      case 'tensor-playground:resize':
        iframe.style.height = `${m.height}px`;
        break;
      case 'tensor-playground:answer':
        console.log(m.statement.object.definition.name['en-US']);
        break;
      default:
        console.log(m.version);
    }
  });
  const command: PlaygroundCommand = { type: 'tensor-playground:set-step', version: 1, step: 2 };
  iframe.contentWindow?.postMessage(command, 'https://example.org');
}

/** The anywidget module, as Jupyter or MyST calls it. */
export async function notebook(el: HTMLElement): Promise<void> {
  const values: Record<string, unknown> = { code: 't = torch.ones(3)\nt.sum()' };
  const model: WidgetModel = { get: (key) => values[key] };
  const cleanup = await widget.render({ model, el });
  cleanup?.();
}
