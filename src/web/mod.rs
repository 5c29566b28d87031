//! The browser playground (wasm32 only): Leptos components over the
//! session layer. Nothing here computes values or lineage; it draws them.

mod announcer;
mod controls;
mod editor;
mod fetch;
mod grid;
mod lesson_index;
mod lesson_view;
mod location;
mod output;
mod player;
mod playground;
mod progress;
mod prose;
mod question;
pub mod state;

pub use lesson_view::{AnswerEvent, LessonState};
pub use playground::{Playground, PlaygroundView, SEED_PROGRAM};

use leptos::prelude::*;
use lesson_index::LessonIndex;
use lesson_view::LessonView;
use state::PlaygroundState;

/// Mounts the page into the document body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The page: a header, the playground, and the lessons (an index, or the
/// lesson the URL names beside the playground).
#[component]
pub fn App() -> impl IntoView {
    let code = if location::in_lesson() { String::new() } else { location::initial_code(SEED_PROGRAM) };
    let state = PlaygroundState::new(code);
    provide_context(state);
    location::sync(state);
    let in_lesson = RwSignal::new(location::in_lesson());
    let listener =
        window_event_listener(leptos::ev::hashchange, move |_| in_lesson.set(location::in_lesson()));
    on_cleanup(move || listener.remove());
    view! {
        <header class="tp-header">
            <h1><a href="#" class="tp-home">"Tensor Playground"</a></h1>
            <p class="tp-tagline">"Point at any output element to see which inputs it was computed from."</p>
        </header>
        <main class=move || if in_lesson.get() { "tp-main tp-with-lesson" } else { "tp-main" }>
            {move || in_lesson.get().then(|| view! { <LessonView/> })}
            <PlaygroundView/>
            {move || (!in_lesson.get()).then(|| view! { <LessonIndex/> })}
        </main>
    }
}
