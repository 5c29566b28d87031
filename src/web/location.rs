//! The browser edge of the playground's state: the URL fragment (contract
//! section 1), history entries, and local storage, so a reload, a link, or
//! back/forward reproduce the view and nothing typed is lost.
//!
//! The stored program belongs to the learner: only the playground page
//! itself reads and writes it, and only the learner's own changes (typing,
//! a control, an edited value) are stored, never a program that arrived by
//! a link or a lesson. An iframe keeps its program in its own URL only.

use super::playground::SEED_PROGRAM;
use super::state::{Change, PlaygroundState};
use crate::session::url::{build_fragment, parse_fragment};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Where the learner's last program is remembered between visits.
const STORAGE_KEY: &str = "tensor-playground:code";

/// Where the page notes the program it is running, until it ends.
const RUNNING_KEY: &str = "tensor-playground:running";

/// Notes that `code` is running (or, with `None`, that nothing is): a page
/// that finds a note when it opens knows that program never finished.
pub fn note_running(code: Option<&str>) {
    let Some(storage) = storage() else { return };
    let _ = match code {
        Some(code) => storage.set_item(RUNNING_KEY, code),
        None => storage.remove_item(RUNNING_KEY),
    };
}

/// The session of `code` written into the page when the site was built
/// (the opening program's: `scripts/draw-opening.mjs`), if there is one for
/// exactly this program.
pub fn opening_session(code: &str) -> Option<crate::session::Session> {
    let text = document().get_element_by_id("tp-opening-session")?.text_content()?;
    let value = js_sys::JSON::parse(&text).ok()?;
    let session: crate::session::Session = serde_wasm_bindgen::from_value(value).ok()?;
    (session.source() == code).then_some(session)
}

/// Whether `code` was running when this page was last left (it crashed, or
/// was closed during the run): then it is shown, not run again unasked.
pub fn never_finished(code: &str) -> bool {
    storage().and_then(|s| s.get_item(RUNNING_KEY).ok().flatten()).is_some_and(|running| running == code)
}

/// The program the page opens with: from the URL, else the last one the
/// learner wrote here, else `seed`.
pub fn initial_code(seed: &str) -> String {
    fragment_code().or_else(stored_code).unwrap_or_else(|| seed.to_string())
}

/// The program an iframe opens with: from its URL, else `seed`; never the
/// learner's stored program, which would show it to the page that framed it.
pub fn embedded_code(seed: &str) -> String {
    fragment_code().unwrap_or_else(|| seed.to_string())
}

/// The `code` of the current URL fragment, if any.
fn fragment_code() -> Option<String> {
    let hash = window().location().hash().ok()?;
    parse_fragment(&hash).into_iter().find(|(k, _)| k == "code").map(|(_, v)| v)
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn stored_code() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok().flatten()
}

/// Whether the learner's last change could not be stored (storage full or
/// turned off): said on the page, so that nothing is lost unawares.
#[derive(Clone, Copy)]
pub struct SaveProblem(RwSignal<bool>);

/// Keeps the page's URL, history and the learner's stored program in step
/// with the program, and the program in step with the URL when it changes
/// from outside.
pub fn sync(state: PlaygroundState) {
    keep(state, true);
}

/// The same for a playground in an iframe: its URL and history only.
pub fn sync_frame(state: PlaygroundState) {
    keep(state, false);
}

fn keep(state: PlaygroundState, stores: bool) {
    // A page opened without `code` in its fragment (the seed, or the stored
    // program) writes it into the current entry, so that back from the first
    // deliberate change finds a program to restore. A lesson step's program
    // comes from the lesson, so there `code` means the learner's own edits.
    if fragment_code().is_none() && !in_lesson() {
        write_fragment(&state.code.get_untracked(), false);
    }
    let problem = SaveProblem(RwSignal::new(false));
    if stores {
        provide_context(problem);
    }
    Effect::new(move |_| {
        let code = state.code.get();
        let change = state.last_change.get_untracked();
        if change == Change::FromLocation {
            return;
        }
        if stores && !in_lesson() {
            let failed = storage().is_none_or(|s| s.set_item(STORAGE_KEY, &code).is_err());
            if problem.0.get_untracked() != failed {
                problem.0.set(failed);
            }
        }
        write_fragment(&code, change == Change::Deliberate);
    });
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let code = match fragment_code() {
            Some(code) => code,
            // A link to the bare page (`#`: the header, "All lessons") shows
            // the learner's own program again, not the last one shown (a
            // lesson's), which one keystroke would otherwise store over it.
            None if fragment_pairs().is_empty() => {
                let code = if stores { initial_code(SEED_PROGRAM) } else { embedded_code(SEED_PROGRAM) };
                write_fragment(&code, false);
                code
            }
            None => return,
        };
        if state.code.get_untracked() != code {
            // Another program, not an edit of this one: drawn as a reload
            // would draw it, even when it fails.
            state.load(code, Change::FromLocation);
        }
    });
    on_cleanup(move || listener.remove());
}

/// Says, politely, when the learner's program could not be stored. The
/// status region is always there, so that what appears in it is read out.
#[component]
pub fn SaveNotice() -> impl IntoView {
    let problem = use_context::<SaveProblem>();
    let notice = move || {
        problem.is_some_and(|p| p.0.get()).then(|| {
            view! {
                <p class="tp-error" data-testid="save-problem">
                    "Your program could not be saved in this browser (its storage is full or turned off), "
                    "so it will not be here on your next visit. The page’s address still holds it: "
                    "copy the link to keep it."
                </p>
            }
        })
    };
    view! { <div class="tp-page-note" role="status">{notice}</div> }
}

/// The key/value pairs of the current URL fragment.
pub fn fragment_pairs() -> Vec<(String, String)> {
    parse_fragment(&window().location().hash().unwrap_or_default())
}

/// Whether the page shows a lesson (`#lesson=...` or `#lesson-url=...`).
pub fn in_lesson() -> bool {
    fragment_pairs().iter().any(|(k, _)| k == "lesson" || k == "lesson-url")
}

/// Puts `code` into the fragment, keeping its other keys (lesson, embed, ...).
pub fn write_fragment(code: &str, new_entry: bool) {
    let mut pairs: Vec<(String, String)> =
        fragment_pairs().into_iter().filter(|(k, _)| k != "code").collect();
    pairs.insert(0, ("code".to_string(), code.to_string()));
    write_pairs(&pairs, new_entry);
}

/// Replaces the fragment with `pairs`, as a new history entry or in place.
pub fn write_pairs(pairs: &[(String, String)], new_entry: bool) {
    let hash = window().location().hash().unwrap_or_default();
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let url = format!("#{}", build_fragment(&borrowed));
    if url == hash {
        return;
    }
    let Ok(history) = window().history() else { return };
    let _ = if new_entry {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    };
}

/// Buttons that copy a link to the current view, and the HTML that embeds
/// it in another page.
#[component]
pub fn CopyLink() -> impl IntoView {
    let href = || window().location().href().unwrap_or_default();
    let embed = move || crate::session::embed::iframe_snippet(&href());
    view! {
        <CopyButton label="Copy link" done="Link copied" test_id="copy-link" text=href/>
        <CopyButton label="Copy embed code" done="Embed code copied" test_id="copy-embed" text=embed/>
    }
}

/// A button that puts `text()` on the clipboard and says so for a moment.
#[component]
fn CopyButton(
    /// What the button says.
    label: &'static str,
    /// What it says once it has copied.
    done: &'static str,
    /// Its `data-testid`.
    test_id: &'static str,
    /// What it copies.
    text: impl Fn() -> String + 'static,
) -> impl IntoView {
    // What the last copy came to, for a moment: copied, or refused (the
    // browser may deny the clipboard).
    let outcome = RwSignal::new(None::<bool>);
    let copy = move |_| {
        let written =
            wasm_bindgen_futures::JsFuture::from(window().navigator().clipboard().write_text(&text()));
        leptos::task::spawn_local(async move {
            outcome.set(Some(written.await.is_ok()));
            set_timeout(move || outcome.set(None), std::time::Duration::from_millis(1500));
        });
    };
    let said = move || match outcome.get() {
        Some(true) => done,
        Some(false) => "Could not copy",
        None => label,
    };
    view! {
        <button type="button" class="tp-button" data-testid=test_id on:click=copy>{said}</button>
        // A changed button label is not always read out: the outcome is.
        <span class="tp-sr-only" role="status">{move || outcome.get().map(|_| said())}</span>
    }
}
