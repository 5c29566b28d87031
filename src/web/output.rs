//! The REPL transcript (`output`) and the error line (`error`).

use super::state::{Halt, PlaygroundState};
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
    let reference_open = RwSignal::new(false);
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
                error().map(|line| {
                    // A name the playground lacks: the list of what it has is one click away.
                    let missing = line.starts_with("NotImplementedError") || line.starts_with("AttributeError");
                    view! {
                        <p class="tp-error" data-testid="error" role="alert">{line}</p>
                        {missing.then(|| view! {
                            <button type="button" class="tp-button tp-reference-open" data-testid="reference-open"
                                on:click=move |_| reference_open.set(true)>
                                "See what the playground supports"
                            </button>
                        })}
                    }
                })
            }}
            {move || reference_open.get().then(|| view! {
                {super::reference::reference_panel(Callback::new(move |()| reference_open.set(false)))}
            })}
            <Running/>
            <Halted/>
        </section>
    }
}

/// While a program runs (shown only once it has taken a moment, so that
/// quick runs never flicker): a way to stop it.
#[component]
fn Running() -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    view! {
        {move || state.busy.get().then(|| view! {
            <p class="tp-running" data-testid="running" role="status">
                "Running…"
                <button type="button" class="tp-button" data-testid="stop" on:click=move |_| state.stop()>
                    "Stop"
                </button>
            </p>
        })}
    }
}

/// Why the program has no result when the playground stopped it, and a
/// way to run it all the same. Not an `error`: the program raised nothing.
#[component]
fn Halted() -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    move || {
        let halt = state.halt.get()?;
        let (words, button, anyway) = match halt {
            Halt::Stopped(0) => ("Stopped before it finished.".to_string(), "Run it again", false),
            Halt::Stopped(ms) => (
                format!(
                    "Stopped after {}: the program may never finish, or may only need longer.",
                    seconds(ms)
                ),
                "Run anyway, without a time limit",
                true,
            ),
            Halt::Crashed => (
                "The program stopped the playground's worker (it may have run out of memory); a fresh one is ready."
                    .to_string(),
                "Run it again",
                false,
            ),
            Halt::Unavailable => (
                "Not run: the playground could not load its interpreter (is the connection down?).".to_string(),
                "Try again",
                false,
            ),
            Halt::NotRun => (
                "Not run: this program did not finish the last time it ran here (the page may have crashed or \
                 been closed while it ran)."
                    .to_string(),
                "Run it",
                false,
            ),
        };
        let again = move |_| if anyway { state.run_anyway() } else { state.evaluate() };
        Some(view! {
            <div class="tp-halt" data-testid="halt" role="alert">
                <p>{words}</p>
                <button type="button" class="tp-button" data-testid="run-anyway" on:click=again>{button}</button>
            </div>
        })
    }
}

/// A time limit in words: "2 seconds", "1 second", "0.5 seconds".
fn seconds(ms: u32) -> String {
    match ms {
        1000 => "1 second".to_string(),
        _ if ms.is_multiple_of(1000) => format!("{} seconds", ms / 1000),
        _ => format!("{:.1} seconds", f64::from(ms) / 1000.0),
    }
}
