//! The REPL transcript (`output`) and the error line (`error`).

use super::state::PlaygroundState;
use leptos::prelude::*;

/// What the program printed, exactly as Python would.
#[component]
pub fn Output() -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let stdout = move || {
        if state.conceal.get() {
            return "Answer the question to see what it prints.".to_string();
        }
        state.session.with(|s| s.run().stdout.clone())
    };
    let error = move || state.session.with(|s| s.run().error.as_ref().map(|e| e.to_string()));
    view! {
        <section class="tp-transcript" aria-labelledby="tp-output-heading">
            <h2 id="tp-output-heading" class="tp-label">"Output"</h2>
            <pre
                data-testid="output"
                class="tp-output"
                class:tp-concealed=move || state.conceal.get()
                part="output"
            >
                {stdout}
            </pre>
            {move || {
                error().map(|line| view! { <p class="tp-error" data-testid="error" role="alert">{line}</p> })
            }}
        </section>
    }
}
