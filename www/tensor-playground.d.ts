// TypeScript declarations for tensor-playground.js, the module a host page
// loads from the playground's folder:
//
//   import { mount } from 'https://example.org/playground/tensor-playground.js';
//
// They describe the same shapes as the Rust types that cross the boundary
// (src/session/messages.rs, src/session/embed.rs, src/web/api.rs), and
// `make test-types` type-checks tests/types/example.ts against them.

/** A panel an embed can show; the grids always show. */
export type Panel = 'editor' | 'controls' | 'output';

/** The colour scheme: `auto` follows the host page's own dark mode, else the system's. */
export type Theme = 'light' | 'dark' | 'auto';

/** The options of `mount()`. Each is optional; a bad one makes `mount()` throw, naming it. */
export interface MountOptions {
  /** The program (ignored when a lesson is given). */
  code?: string | null;
  /** One of the playground's own lessons, by id (`lessons/index.txt`). */
  lesson?: string | null;
  /** A lesson file on your own site, relative to the page or an http(s) address. */
  lessonUrl?: string | null;
  /** The lesson step to open, from 1. */
  step?: number | null;
  /** The only steps the learner may visit, e.g. `"3-6"`. */
  steps?: string | null;
  /** Which panels show. */
  panels?: Panel[] | null;
  /** Whether the program cannot be changed. */
  readonly?: boolean | null;
  /** The colour scheme. */
  theme?: Theme | null;
  /** An accent colour: `#rgb`, `#rrggbb` or a CSS colour name. */
  accent?: string | null;
}

/** One element of a named leaf tensor, as in the lineage report. */
export interface ElementRef {
  /** The variable the tensor was assigned to. */
  name: string;
  /** The element's index. */
  index: number[];
}

/** Fields every message has. */
interface MessageBase<T extends string> {
  type: `tensor-playground:${T}`;
  version: 1;
}

/** The playground shows its first program (or lesson step). */
export interface ReadyMessage extends MessageBase<'ready'> {
  code: string;
}

/** The content's height changed (iframes only): CSS pixels. */
export interface ResizeMessage extends MessageBase<'resize'> {
  height: number;
}

/** The program changed. */
export interface ChangeMessage extends MessageBase<'change'> {
  code: string;
}

/** A cell became active (all `null` when cleared). */
export interface SelectMessage extends MessageBase<'select'> {
  /** The grid's `data-name`. */
  tensor: string | null;
  /** The cell's index. */
  index: number[] | null;
  /** The leaf elements it was computed from. */
  sources: ElementRef[] | null;
}

/** A lesson step is shown. */
export interface StepMessage extends MessageBase<'step'> {
  /** The lesson's id, or the address of its file (`lesson-url`). */
  lesson: string;
  step: number;
}

/** What the learner did with a question. */
export type AnswerResult = 'correct' | 'wrong' | 'revealed';

/** xAPI text by language. */
export interface LanguageMap {
  'en-US': string;
}

/** An xAPI statement of the answer, without its actor (the LMS knows the learner). */
export interface AnswerStatement {
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered'; display: LanguageMap };
  object: {
    objectType: 'Activity';
    /** The playground page opened at the step. */
    id: string;
    definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction'; name: LanguageMap };
  };
  result: { success: boolean; completion: boolean; response: AnswerResult };
  /** ISO 8601. */
  timestamp: string;
}

/** A question was answered. */
export interface AnswerMessage extends MessageBase<'answer'> {
  lesson: string;
  step: number;
  result: AnswerResult;
  statement: AnswerStatement;
}

/** Every message, by its short name. */
export interface PlaygroundMessages {
  ready: ReadyMessage;
  resize: ResizeMessage;
  change: ChangeMessage;
  select: SelectMessage;
  step: StepMessage;
  answer: AnswerMessage;
}

/** Any message a playground sends. */
export type PlaygroundMessage = PlaygroundMessages[keyof PlaygroundMessages];

/** The events a mounted playground reports through `on()` (an iframe also posts `resize`). */
export type PlaygroundEventName = Exclude<keyof PlaygroundMessages, 'resize'>;

/** Commands a host page may post to an iframe whose URL allows its origin (`origin=`). */
export type PlaygroundCommand =
  | { type: 'tensor-playground:set-code'; version: 1; code: string }
  | { type: 'tensor-playground:set-step'; version: 1; step: number };

/** What `getState()` returns. */
export interface PlaygroundState {
  code: string;
  /** `ExceptionType: message`, when the program fails. */
  error: string | null;
  lesson: string | null;
  step: number | null;
}

/** A mounted playground. */
export interface PlaygroundHandle {
  /** Shows this program. */
  setCode(code: string): void;
  /** Moves to a lesson step (1-based); throws when no lesson is shown. */
  setStep(step: number): void;
  getState(): PlaygroundState;
  /** Calls `callback` with every message of this kind; returns a function that stops it. */
  on<K extends PlaygroundEventName>(event: K, callback: (message: PlaygroundMessages[K]) => void): () => void;
  /** Removes the playground, its listeners and its DOM. */
  destroy(): void;
}

/** Mounts an independent playground into `element` (in its shadow root). */
export function mount(element: Element, options?: MountOptions): Promise<PlaygroundHandle>;

/** The anywidget model a widget reads its options from (Python's names). */
export interface WidgetModel {
  get(key: string): unknown;
  set?(key: string, value: unknown): void;
  save_changes?(): void;
  send?(content: unknown): void;
  on?(event: string, callback: () => void): void;
  off?(event: string, callback: () => void): void;
}

/** The anywidget module: `render` shows a playground in `el`. */
declare const widget: {
  render(context: { model: WidgetModel; el: HTMLElement }): Promise<(() => void) | undefined>;
};
export default widget;

/** `<tensor-playground>`: a playground configured by its attributes; its text content is the program. */
export interface TensorPlaygroundElement extends HTMLElement {
  addEventListener<K extends keyof PlaygroundMessages>(
    type: `tensor-playground:${K}`,
    listener: (this: TensorPlaygroundElement, event: CustomEvent<PlaygroundMessages[K]>) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'tensor-playground': TensorPlaygroundElement;
  }
  interface HTMLElementEventMap {
    'tensor-playground:ready': CustomEvent<ReadyMessage>;
    'tensor-playground:change': CustomEvent<ChangeMessage>;
    'tensor-playground:select': CustomEvent<SelectMessage>;
    'tensor-playground:step': CustomEvent<StepMessage>;
    'tensor-playground:answer': CustomEvent<AnswerMessage>;
  }
}
