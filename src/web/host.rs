//! Where a playground lives and how it talks to its surroundings: the page
//! itself (state in the URL), the page inside an iframe (state in the URL,
//! events posted to the parent), or a playground mounted into a host page's
//! element (events dispatched on that element).

use crate::session::embed::{EmbedOptions, Theme};
use crate::session::messages::{Event, Message};
use leptos::prelude::*;
use leptos::reactive::owner::LocalStorage;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// The kinds of home a playground has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostKind {
    /// `index.html` opened by itself.
    Page,
    /// `index.html#embed=1` inside an iframe.
    Frame,
    /// `mount(element, options)` or `<tensor-playground>`.
    Mounted,
}

/// Where a playground's events go: each event with the message it makes.
pub type Sink = Rc<dyn Fn(&Event, &Message)>;

/// A playground's home, in context for its components.
#[derive(Clone, Copy)]
pub struct Host {
    /// Where it lives.
    pub kind: HostKind,
    /// What the embedder asked for (defaults for the page).
    pub options: StoredValue<EmbedOptions>,
    /// Where the playground's own files are (lessons live in `lessons/`
    /// there): empty on the page, the module's folder when mounted elsewhere.
    pub assets: StoredValue<String>,
    sink: StoredValue<Sink, LocalStorage>,
    /// Whether `ready` has been announced.
    announced: StoredValue<bool>,
}

impl Host {
    /// A host that hands every event, with the message it makes, to `sink`.
    pub fn new(kind: HostKind, options: EmbedOptions, sink: Sink) -> Host {
        Host {
            kind,
            options: StoredValue::new(options),
            assets: StoredValue::new(String::new()),
            sink: StoredValue::new_local(sink),
            announced: StoredValue::new(false),
        }
    }

    /// Announces `ready` with the program shown, once: at once for a
    /// program, after the first step is shown for a lesson.
    pub fn ready(&self, code: String) {
        if !self.announced.get_value() {
            self.announced.set_value(true);
            self.emit(Event::Ready { code });
        }
    }

    /// The URL of one of the playground's own files, such as `lessons/reductions.md`.
    pub fn asset(&self, path: &str) -> String {
        format!("{}{path}", self.assets.get_value())
    }

    /// Whether the URL carries this playground's state.
    pub fn uses_url(&self) -> bool {
        self.kind != HostKind::Mounted
    }

    /// Whether the program may be changed.
    pub fn readonly(&self) -> bool {
        self.options.with_value(|o| o.readonly)
    }

    /// The playground's own page: where its lessons' steps can be opened
    /// (the activity of an answer's xAPI statement).
    pub fn page(&self) -> String {
        match self.assets.get_value() {
            folder if self.kind == HostKind::Mounted && !folder.is_empty() => format!("{folder}index.html"),
            _ => super::boundary::this_page(),
        }
    }

    /// Tells the host page that `event` happened.
    pub fn emit(&self, event: Event) {
        let message = event.message(&super::boundary::stamp(self.page()));
        self.sink.with_value(|sink| sink(&event, &message));
    }
}

/// Applies a theme and accent colour to `root` (the page's `<html>`, or a
/// mounted playground's element). The accent was validated as a colour, and
/// goes in through the CSSOM, never as markup.
pub fn apply_theme(root: &web_sys::Element, options: &EmbedOptions) {
    match options.theme.attribute() {
        Some(t) => {
            let _ = root.set_attribute("data-theme", t);
        }
        None => {
            let _ = root.remove_attribute("data-theme");
        }
    }
    if let (Some(accent), Some(el)) = (&options.accent, root.dyn_ref::<web_sys::HtmlElement>()) {
        let _ = el.style().set_property("--tp-accent", accent);
    }
}

/// Whether a theme other than the page's default was asked for.
pub fn is_themed(options: &EmbedOptions) -> bool {
    options.theme != Theme::Auto || options.accent.is_some()
}
