//! The program editor (`data-testid="code"`): typing re-evaluates after a
//! short pause, and the text is never touched by an evaluation.

use super::state::{Change, PlaygroundState};
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::time::Duration;

/// How long typing must pause before the program runs again.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// A plain textarea holding the program.
#[component]
pub fn CodeEditor() -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let readonly = expect_context::<super::host::Host>().readonly();
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let on_input = move |ev: leptos::ev::Event| {
        state.last_change.set(Change::Typing);
        state.code.set(event_target_value(&ev));
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || state.evaluate(), DEBOUNCE).ok();
        pending.set_value(handle);
    };
    // As many rows as the program has lines (its last, empty line included),
    // for browsers that cannot size a field to its text (style.css does).
    let rows = move || state.code.with(|c| c.split('\n').count().clamp(2, 16)).to_string();
    view! {
        <label class="tp-label" for="tp-code">"Program"</label>
        <textarea
            id="tp-code"
            class="tp-code"
            part="editor"
            readonly=readonly
            data-testid="code"
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            rows=rows
            prop:value=move || state.code.get()
            on:input=on_input
        ></textarea>
    }
}
