//! The page inside an iframe (`#embed=1`): it posts its events, its
//! content height among them, to the parent page, and takes `set-code` /
//! `set-step` commands only from the origin its URL allows. Without an
//! allowed origin it posts only its height, to any parent: the other
//! events say what the learner does (`Event::is_public`).

use super::js_json::{from_js, to_js};
use super::resize::ResizeWatch;
use super::state::{Change, PlaygroundState};
use crate::session::messages::{Command, Event, parse_command};
use leptos::prelude::*;
use std::time::Duration;

/// Posts `event` to the parent page: to `origin` only, when one is
/// allowed, else only a public event, to any parent.
pub fn post_to_parent(event: &Event, origin: Option<&str>) {
    let target = match origin {
        Some(o) => o,
        None if event.is_public() => "*",
        None => return,
    };
    let Ok(Some(parent)) = window().parent() else { return };
    let _ = parent.post_message(&to_js(&event.to_json()), target);
}

/// Reports the content height to the parent whenever it changes, so the
/// host script can size the iframe and nothing scrolls inside it.
///
/// A resize observer sees layout changes, but browsers pause rendering in
/// cross-origin iframes scrolled out of view, so the height is also
/// measured (which forces layout) shortly after every change of the program.
pub fn report_height(state: PlaygroundState, origin: Option<String>) {
    let last = StoredValue::new_local(0u32);
    let origin = StoredValue::new(origin);
    let measure = move || {
        // The body's own height: the document's would never shrink below the iframe.
        let Some(body) = document().body() else { return };
        let height = body.offset_height().max(0) as u32;
        if height != last.get_value() {
            last.set_value(height);
            origin.with_value(|o| post_to_parent(&Event::Resize { height }, o.as_deref()));
        }
    };
    Effect::new(move |_| {
        state.session.track();
        state.drawing.track();
        set_timeout(measure, Duration::ZERO);
    });
    // Watched as long as the page shows the playground (not after stopPage).
    if let Some(body) = document().body() {
        ResizeWatch::new().watch(&body, measure);
    }
}

/// Obeys commands from the parent page, if they come from `origin`.
pub fn accept_commands(state: PlaygroundState, origin: Option<String>, set_step: Callback<usize>) {
    let Some(origin) = origin else { return };
    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        if ev.origin() != origin {
            return;
        }
        let Some(data) = from_js(&ev.data()) else { return };
        match parse_command(&data) {
            Some(Command::SetCode(code)) => state.set_code(code, Change::Deliberate),
            Some(Command::SetStep(step)) => set_step.run(step),
            None => {}
        }
    });
    on_cleanup(move || listener.remove());
}
