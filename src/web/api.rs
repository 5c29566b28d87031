//! What `mount(element, options)` and `<tensor-playground>` do for host
//! pages: put an independent playground into an element and hand back a
//! way to drive it. The wasm-bindgen surface itself is in
//! `src/bin/playground.rs` (exports must be defined in the binary Trunk
//! builds); options, attributes, events and state are serde types of
//! `session`, converted by `boundary`, and everything else lives in
//! `session` and `web`.

use super::boundary::{reader, to_js};
use super::events;
use super::host::{Host, HostKind, apply_theme};
use super::lesson_view::{LessonRoute, lesson_panel};
use super::playground::{PlaygroundView, SEED_PROGRAM};
use super::state::{Change, PlaygroundState, Start};
use crate::session::embed::{Attributes, LessonSource, RawOptions};
use crate::session::messages::{Event, Message};
use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::*;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// What a mounted playground exposes to its handle.
#[derive(Clone, Copy)]
struct Mounted {
    state: PlaygroundState,
    route: RwSignal<Option<LessonRoute>>,
}

/// A playground mounted into a host page's element.
pub struct MountedPlayground {
    mounted: Rc<RefCell<Option<Mounted>>>,
    unmount: Option<Box<dyn std::any::Any>>,
}

/// `getState()`: the playground now.
#[derive(Serialize)]
struct State {
    /// The program.
    code: String,
    /// Its error line, if it fails.
    error: Option<String>,
    /// The lesson shown (its id, or its file's address), if any.
    lesson: Option<String>,
    /// The lesson step shown (1-based).
    step: Option<usize>,
}

/// Why options were refused: the error `mount()` throws.
fn bad_option(e: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("tensor-playground: bad option: {e}"))
}

/// Mounts a playground into `container`, dispatching its events as DOM
/// `CustomEvent`s (`tensor-playground:select`, ... with the message as
/// `detail`) on `events`. Bad options throw an error naming the field.
pub fn mount_playground(
    container: web_sys::HtmlElement,
    events: web_sys::EventTarget,
    options: JsValue,
    assets: String,
) -> Result<MountedPlayground, JsError> {
    let raw = if options.is_undefined() || options.is_null() {
        RawOptions::default()
    } else if !options.is_object() || js_sys::Array::is_array(&options) {
        return Err(bad_option("options: expected an object"));
    } else {
        let keys = js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>());
        RawOptions::from_mount(reader(&options), keys.iter().filter_map(|k| k.as_string()))
            .map_err(bad_option)?
    };
    mount_raw(container, events, raw, assets)
}

/// Mounts the playground of a `<tensor-playground>` element into
/// `container` (in its shadow root), configured by `attributes` (an
/// `Attributes` object: the attributes as text, and the text content).
pub fn mount_element(
    container: web_sys::HtmlElement,
    element: web_sys::EventTarget,
    attributes: JsValue,
    assets: String,
) -> Result<MountedPlayground, JsError> {
    let attributes: Attributes = serde_wasm_bindgen::from_value(attributes).map_err(bad_option)?;
    mount_raw(container, element, attributes.raw_options(), assets)
}

fn mount_raw(
    container: web_sys::HtmlElement,
    events: web_sys::EventTarget,
    raw: RawOptions,
    assets: String,
) -> Result<MountedPlayground, JsError> {
    let options = raw.validate().all_or_nothing().map_err(bad_option)?;
    // The theme goes on the host element, where `:host([data-theme])` sees it.
    if let Some(element) = events.dyn_ref::<web_sys::Element>() {
        apply_theme(element, &options);
    }
    let sink: super::host::Sink =
        Rc::new(move |event: &Event, message: &Message| dispatch(&events, event, message));
    let mounted = Rc::new(RefCell::new(None));
    let slot = Rc::clone(&mounted);
    let handle: UnmountHandle<_> = mount_to(container, move || {
        let lesson = options.lesson.clone();
        let code = options
            .code
            .clone()
            .unwrap_or_else(|| if lesson.is_some() { String::new() } else { SEED_PROGRAM.to_string() });
        let host = Host::new(HostKind::Mounted, options, sink);
        // Without the folder of its files there is no worker script to start.
        let worker = (!assets.is_empty()).then(|| format!("{assets}worker.js"));
        host.assets.set_value(assets);
        provide_context(host);
        let state = PlaygroundState::new(code, worker, Start::Run);
        provide_context(state);
        let route = RwSignal::new(lesson.map(|(source, step)| {
            let (id, from_url) = match source {
                LessonSource::Listed(id) => (id, false),
                LessonSource::Url(url) => (super::boundary::absolute(&url), true),
            };
            LessonRoute { id, from_url, step: Some(step), code: None }
        }));
        *slot.borrow_mut() = Some(Mounted { state, route });
        let navigate = Callback::new(move |n: usize| {
            route.update(|r| {
                if let Some(r) = r {
                    r.step = Some(n);
                    r.code = None;
                }
            })
        });
        let in_lesson = route.with_untracked(Option::is_some);
        if !in_lesson {
            host.ready(state.code.get_untracked());
        }
        events::watch(state, host);
        view! {
            <div class=if in_lesson { "tp-root tp-with-lesson" } else { "tp-root" }>
                {in_lesson.then(|| lesson_panel(route.into(), navigate))}
                <PlaygroundView/>
            </div>
        }
    });
    Ok(MountedPlayground { mounted, unmount: Some(Box::new(handle)) })
}

impl MountedPlayground {
    /// Shows `code` (as if the learner typed it and paused).
    pub fn set_code(&self, code: String) -> Result<(), JsError> {
        let m = self.alive()?;
        m.state.set_code(code, Change::Deliberate);
        Ok(())
    }

    /// Moves to a lesson step (1-based); only for a playground showing a lesson.
    pub fn set_step(&self, step: usize) -> Result<(), JsError> {
        let m = self.alive()?;
        if m.route.with_untracked(Option::is_none) {
            return Err(JsError::new("tensor-playground: setStep(): this playground shows no lesson"));
        }
        m.route.update(|r| {
            if let Some(r) = r {
                r.step = Some(step.max(1));
                r.code = None;
            }
        });
        Ok(())
    }

    /// `{code, error, lesson, step}` of the playground now.
    pub fn get_state(&self) -> Result<JsValue, JsError> {
        let m = self.alive()?;
        let route = m.route.get_untracked();
        let error = m.state.session.with_untracked(|s| s.run().error.as_ref().map(|e| e.to_string()));
        let state = State {
            code: m.state.code.get_untracked(),
            error,
            lesson: route.as_ref().map(|r| r.id.clone()),
            step: route.and_then(|r| r.step),
        };
        Ok(to_js(&state))
    }

    /// Removes the playground: its DOM, its listeners and its state.
    pub fn destroy(&mut self) {
        self.mounted.borrow_mut().take();
        // Dropping the mount handle unmounts the view and runs every cleanup.
        self.unmount.take();
    }

    fn alive(&self) -> Result<Mounted, JsError> {
        (*self.mounted.borrow())
            .ok_or_else(|| JsError::new("tensor-playground: this playground was destroyed"))
    }
}

/// Dispatches `event` on `target` as a `CustomEvent` named by its message
/// type, with its `message` as `detail`.
fn dispatch(target: &web_sys::EventTarget, event: &Event, message: &Message) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&to_js(message));
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(&event.message_type(), &init) {
        let _ = target.dispatch_event(ev.unchecked_ref());
    }
}
