//! The browser playground (wasm32 only): Leptos components over the
//! session layer. Nothing here computes values or lineage; it draws them.

mod announcer;
pub mod api;
mod arrows;
mod boundary;
mod controls;
mod editor;
mod events;
mod fetch;
mod frame;
mod gradient;
mod grid;
mod grid_layout;
mod heatmap;
pub mod host;
#[cfg(feature = "split")]
mod lazy;
mod lesson_done;
mod lesson_index;
mod lesson_source;
mod lesson_view;
mod location;
mod motion;
mod output;
mod player;
mod playground;
mod present;
mod progress;
mod prose;
mod question;
mod reference;
mod resize;
mod runner;
pub mod state;
pub mod worker;

pub use lesson_view::{LessonRoute, LessonState, LessonView};
pub use playground::{Playground, PlaygroundView, SEED_PROGRAM};

use crate::session::embed::{RawOptions, is_lesson_url};
use host::{Host, HostKind};
use leptos::prelude::*;
use lesson_index::LessonIndex;
use state::{PlaygroundState, Start};
use std::rc::Rc;

/// The last session a worker sent the page, as a plain object: what the
/// site's build writes into `index.html` with the opening view it draws
/// (`scripts/draw-opening.mjs`), so that a first visit needs neither the
/// interpreter nor a worker until the learner changes something.
pub fn drawn_session() -> wasm_bindgen::JsValue {
    runner::last_session()
}

thread_local! {
    /// Resolves `start`'s promise once the page's first program is drawn.
    static ON_FIRST_DRAWING: std::cell::RefCell<Option<js_sys::Function>> = const { std::cell::RefCell::new(None) };
}

/// Starts the playground page (`index.html`, also inside iframes) in
/// `holder`, an element not yet on the page. The promise resolves once the
/// first program has run and is drawn (it runs in a worker: that takes a
/// moment), so that the caller can put the page in place in one go, never
/// showing it without its grids.
pub fn start(holder: web_sys::HtmlElement) -> js_sys::Promise {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        ON_FIRST_DRAWING.with(|f| *f.borrow_mut() = Some(resolve));
    });
    leptos::mount::mount_to(holder, App).forget();
    promise
}

/// Tells `start`'s caller that the first drawing is in (once).
fn first_drawing_is_in() {
    if let Some(resolve) = ON_FIRST_DRAWING.with(|f| f.borrow_mut().take()) {
        let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// The lesson and step the URL names, if any: one of the playground's own
/// (`lesson=`), or a lesson file's address (`lesson-url=`).
fn lesson_route() -> Option<LessonRoute> {
    let pairs = location::fragment_pairs();
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let (id, from_url) = match (get("lesson"), get("lesson-url")) {
        (Some(id), _) => (id, false),
        (None, Some(url)) if is_lesson_url(&url) => (boundary::absolute(&url), true),
        _ => return None,
    };
    Some(LessonRoute { id, from_url, step: get("step").and_then(|s| s.parse().ok()), code: get("code") })
}

/// The page: a header, the lessons (an index, or the lesson the URL names)
/// and the playground beside them; `present=1` shows it for a projector. With `#embed=1` it is the
/// minimal page for an iframe, talking to its parent.
#[component]
pub fn App() -> impl IntoView {
    let pairs = location::fragment_pairs();
    let embedded = pairs.iter().any(|(k, v)| k == "embed" && v == "1");
    // Each bad option is refused on its own (the rest apply); a lesson id
    // is the lesson panel's to check against the lesson list.
    let checked = RawOptions::from_fragment(&pairs).validate();
    let refused: Vec<String> =
        checked.refused.iter().filter(|r| r.option != "lesson").map(ToString::to_string).collect();
    let problem =
        (!refused.is_empty()).then(|| format!("Options refused (the others apply): {}.", refused.join("; ")));
    let options = checked.options;
    let origin = options.origin.clone();
    if let Some(root) = document().document_element() {
        host::apply_theme(&root, &options);
    }
    let sink: host::Sink = match embedded {
        true => {
            let origin = origin.clone();
            Rc::new(move |event, message| frame::post_to_parent(event, message, origin.as_deref()))
        }
        false => Rc::new(|_, _| {}),
    };
    let host = Host::new(if embedded { HostKind::Frame } else { HostKind::Page }, options, sink);
    provide_context(host);

    // Only the page itself reads and writes the learner's stored program.
    let code = match (location::in_lesson(), embedded) {
        (true, _) => String::new(),
        (false, true) => location::embedded_code(SEED_PROGRAM),
        (false, false) => location::initial_code(SEED_PROGRAM),
    };
    // A program that never finished here (it crashed the page, say) is
    // shown, not run again unasked; the opening program's session may come
    // with the page (`opening_session`).
    let start = match location::opening_session(&code) {
        Some(session) => Start::Drawn(Box::new(session)),
        None if !embedded && location::never_finished(&code) => Start::Hold,
        None => Start::Run,
    };
    let state = PlaygroundState::new(code, Some("worker.js".to_string()), start);
    provide_context(state);
    if embedded {
        location::sync_frame(state)
    } else {
        state.journal_runs();
        location::sync(state)
    }
    provide_context(lesson_view::StepEdits::new());
    Effect::new(move |_| {
        if state.ran.get() {
            // After the drawing's own effects have put the grids in the DOM.
            // A timeout, not an animation frame: browsers hold those back
            // in iframes out of view, and the page would never appear.
            set_timeout(first_drawing_is_in, std::time::Duration::ZERO);
        }
    });

    let route = RwSignal::new(lesson_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| route.set(lesson_route()));
    on_cleanup(move || listener.remove());
    // Moving to a step is a deliberate action: a new history entry, without `code`.
    let navigate = Callback::new(move |n: usize| {
        let Some((id, from_url)) = route.with_untracked(|r| r.as_ref().map(|r| (r.id.clone(), r.from_url)))
        else {
            return;
        };
        let mut pairs: Vec<(String, String)> = location::fragment_pairs()
            .into_iter()
            .filter(|(k, _)| !matches!(k.as_str(), "code" | "step" | "lesson" | "lesson-url"))
            .collect();
        pairs.insert(0, ("step".into(), n.to_string()));
        pairs.insert(0, (if from_url { "lesson-url" } else { "lesson" }.into(), id.clone()));
        location::write_pairs(&pairs, true);
        route.set(Some(LessonRoute { id, from_url, step: Some(n), code: None }));
    });

    // A lesson says `ready` once its first step shows.
    if route.with_untracked(Option::is_none) {
        host.ready(state.code.get_untracked());
    }
    events::watch(state, host);
    if embedded {
        frame::report_height(state, origin.clone());
        frame::accept_commands(state, origin, navigate);
    }
    // Only entering or leaving a lesson rebuilds the panel, not a new step.
    let in_lesson = Memo::new(move |_| route.with(Option::is_some));
    let in_lesson = move || in_lesson.get();
    // Presentation mode is the page's: an iframe is as large as its host makes it.
    let main = NodeRef::<leptos::html::Main>::new();
    let presenting = (!embedded).then(|| {
        let presenting = present::Presenting::from_location();
        provide_context(presenting);
        present::run(presenting, main);
        presenting
    });
    let main_class = move || {
        let mut class = String::from("tp-main");
        if in_lesson() {
            class.push_str(" tp-with-lesson");
        } else if !embedded {
            class.push_str(" tp-with-index");
        }
        if presenting.is_some_and(|p| p.0.get()) {
            class.push_str(" tp-presenting");
        }
        class
    };
    view! {
        {(!embedded).then(|| view! {
            <header class="tp-header">
                <h1><a href="#" class="tp-home">"Tensor Playground"</a></h1>
                <p class="tp-tagline">"Point at any output element to see which inputs it was computed from."</p>
                // Sharing is about the whole view: it sits with the page's title.
                <div class="tp-share"><location::CopyLink/></div>
            </header>
        })}
        // The lessons come first, beside the playground on wide screens and
        // above it on narrow ones: reachable on a first visit without scrolling.
        <main node_ref=main class=main_class>
            {problem.map(|p| view! { <p class="tp-error tp-page-note" role="alert">{p}</p> })}
            <location::SaveNotice/>
            {move || in_lesson().then(|| lesson_view::lesson_panel(route.into(), navigate))}
            {move || (!in_lesson() && !embedded).then(|| view! { <LessonIndex/> })}
            <PlaygroundView/>
        </main>
    }
}
