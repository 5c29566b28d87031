//! The page inside an iframe (`#embed=1`): it posts its events, its
//! content height among them, to the parent page, and takes `set-code` /
//! `set-step` commands only from the origin its URL allows. Without an
//! allowed origin it posts only its height, to any parent: the other
//! events say what the learner does (`Event::is_public`).

use super::boundary::{reader, stamp, this_page, to_js};
use super::resize::ResizeWatch;
use super::state::{Change, PlaygroundState};
use crate::session::messages::{Command, Event, Message, parse_command};
use leptos::prelude::*;
use std::time::Duration;

/// Posts `event`'s message to the parent page: to `origin` only, when
/// one is allowed, else only a public event, to any parent.
pub fn post_to_parent(event: &Event, message: &Message, origin: Option<&str>) {
    let target = match origin {
        Some(o) => o,
        None if event.is_public() => "*",
        None => return,
    };
    let Ok(Some(parent)) = window().parent() else { return };
    let _ = parent.post_message(&to_js(message), target);
    // Canvas and Moodle size the iframes of their pages through their own
    // message (LTI's frameResize), which any parent may hear, as `resize`.
    if let Event::Resize { height } = event {
        let _ = parent.post_message(&to_js(&LtiFrameResize::new(*height)), "*");
    }
}

/// The message Canvas and Moodle size an iframe by.
#[derive(serde::Serialize)]
struct LtiFrameResize {
    subject: &'static str,
    height: u32,
}

impl LtiFrameResize {
    fn new(height: u32) -> LtiFrameResize {
        LtiFrameResize { subject: "lti.frameResize", height }
    }
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
            let event = Event::Resize { height };
            let message = event.message(&stamp(this_page()));
            origin.with_value(|o| post_to_parent(&event, &message, o.as_deref()));
        }
    };
    Effect::new(move |_| {
        state.session.track();
        state.drawing.track();
        // Again a little later: a drawing settles after its first paint (big
        // grids fill in piece by piece, the arrows choose columns or a
        // stack), when the observer may be paused.
        for ms in [0, 250, 1000] {
            set_timeout(measure, Duration::from_millis(ms));
        }
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
        let data = ev.data();
        match parse_command(|| reader(&data)) {
            Some(Command::SetCode(code)) => state.set_code(code, Change::Deliberate),
            Some(Command::SetStep(step)) => set_step.run(step),
            None => {}
        }
    });
    on_cleanup(move || listener.remove());
}
