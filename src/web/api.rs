//! What `mount(element, options)` does for host pages: puts an independent
//! playground into an element and hands back a way to drive it. The
//! wasm-bindgen surface itself is in `src/bin/playground.rs` (exports must be
//! defined in the binary Trunk builds); options and events are plain JS
//! objects, converted here, and everything else lives in `session` and `web`.

use super::events;
use super::host::{Host, HostKind, apply_theme};
use super::js_json::{from_js, to_js};
use super::lesson_view::{LessonRoute, lesson_panel};
use super::playground::{PlaygroundView, SEED_PROGRAM};
use super::state::{Change, PlaygroundState, Start};
use crate::session::embed::RawOptions;
use crate::session::json::Json;
use crate::session::messages::Event;
use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::*;
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

/// Mounts a playground into `container`, dispatching its events as DOM
/// `CustomEvent`s (`tensor-playground:select`, ... with the message as
/// `detail`) on `events`. Bad options throw an error naming the field.
pub fn mount_playground(
    container: web_sys::HtmlElement,
    events: web_sys::EventTarget,
    options: JsValue,
    assets: String,
) -> Result<MountedPlayground, JsError> {
    let raw: RawOptions = if options.is_undefined() || options.is_null() {
        RawOptions::default()
    } else {
        // As JSON first, so that each field's type is checked, and named, in one place.
        from_js(&options)
            .ok_or_else(|| {
                "options: expected a plain object of strings, numbers, true/false and arrays".to_string()
            })
            .and_then(|json| RawOptions::from_json(&json))
            .map_err(|e| JsError::new(&format!("tensor-playground: bad option: {e}")))?
    };
    let options = raw
        .validate()
        .all_or_nothing()
        .map_err(|e| JsError::new(&format!("tensor-playground: bad option: {e}")))?;
    // The theme goes on the host element, where `:host([data-theme])` sees it.
    if let Some(element) = events.dyn_ref::<web_sys::Element>() {
        apply_theme(element, &options);
    }
    let sink: Rc<dyn Fn(Event)> = Rc::new(move |event: Event| dispatch(&events, &event));
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
        let route = RwSignal::new(lesson.map(|(id, step)| LessonRoute { id, step: Some(step), code: None }));
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
        let state = Json::object([
            ("code", m.state.code.get_untracked().into()),
            ("error", error.into()),
            ("lesson", route.as_ref().map(|r| r.id.clone()).into()),
            ("step", route.and_then(|r| r.step).into()),
        ]);
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

/// Dispatches `event` on `target` as a `CustomEvent` named by its message type.
fn dispatch(target: &web_sys::EventTarget, event: &Event) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&to_js(&event.to_json()));
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(&event.message_type(), &init) {
        let _ = target.dispatch_event(ev.unchecked_ref());
    }
}
