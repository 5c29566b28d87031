//! Presentation mode (`present=1` in the URL fragment, contract section 6):
//! for a projector. The page's chrome goes (style.css, "Presentation
//! mode"), and the type is made as large as lets the whole view fit the
//! screen without scrolling, so that the grids fill it.

use super::location::{fragment_pairs, write_pairs};
use super::resize::ResizeWatch;
use super::state::PlaygroundState;
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The fragment key (`present=1` turns the mode on).
const KEY: &str = "present";

/// The smallest and largest root type size tried, in CSS pixels; the
/// largest also shrinks with the screen (see `largest`).
const SMALLEST: f64 = 10.0;
const LARGEST: f64 = 40.0;

/// Whether the page is in presentation mode (provided by the page only:
/// mounted playgrounds have no fragment of their own to keep it in).
#[derive(Clone, Copy)]
pub struct Presenting(pub RwSignal<bool>);

impl Presenting {
    /// The mode the URL asks for, followed as the fragment changes.
    pub fn from_location() -> Presenting {
        let on = RwSignal::new(asked());
        let listener = window_event_listener(leptos::ev::hashchange, move |_| {
            let now = asked();
            if on.get_untracked() != now {
                on.set(now);
            }
        });
        on_cleanup(move || listener.remove());
        Presenting(on)
    }

    /// Turns the mode on or off, and says so in the fragment (in place: a
    /// way of looking at the same view, not a step the learner goes back
    /// through), keeping its other keys.
    pub fn set(&self, on: bool) {
        let mut pairs: Vec<(String, String)> =
            fragment_pairs().into_iter().filter(|(k, _)| k != KEY).collect();
        if on {
            pairs.push((KEY.to_string(), "1".to_string()));
        }
        write_pairs(&pairs, false);
        self.0.set(on);
    }
}

/// Whether the fragment says `present=1`.
fn asked() -> bool {
    fragment_pairs().iter().any(|(k, v)| k == KEY && v == "1")
}

/// While the mode is on: Escape leaves it, and the type is sized to fit
/// whatever `main` holds: afresh for each drawing and window size, and
/// again (smaller) whenever something grows past the window.
pub fn run(presenting: Presenting, main: NodeRef<leptos::html::Main>) {
    let state = expect_context::<PlaygroundState>();
    let watch = ResizeWatch::new();
    main.on_load(move |el| {
        watch.watch(&el, move || {
            if presenting.0.get_untracked() {
                schedule(false);
            }
        })
    });
    Effect::new(move |_| {
        // A new drawing (or its result shown) may let the type grow again.
        state.drawing.track();
        state.withhold_result.track();
        match presenting.0.get() {
            true => schedule(true),
            false => unfit(),
        }
    });
    on_cleanup(unfit);

    // In the capture phase, ahead of the page's own keys: Escape first
    // lets go of a pinned cell (as it does anywhere), then leaves the mode.
    let on_key = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Escape" || !presenting.0.get_untracked() {
            return;
        }
        // An answer or a value being typed: Escape there is the field's.
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.matches("input:not([type=checkbox]):not([type=radio])").unwrap_or(false));
        if typing {
            return;
        }
        if state.pinned.get_untracked().is_some() {
            state.pinned.set(None);
            return;
        }
        presenting.set(false);
    });
    let target = window();
    let _ =
        target.add_event_listener_with_callback_and_bool("keydown", on_key.as_ref().unchecked_ref(), true);
    let on_key = leptos::__reexports::send_wrapper::SendWrapper::new(on_key);
    on_cleanup(move || {
        let _ = window().remove_event_listener_with_callback_and_bool(
            "keydown",
            on_key.as_ref().unchecked_ref(),
            true,
        );
    });
}

thread_local! {
    /// The window size the type was last fitted to.
    static FITTED: Cell<(i32, i32)> = const { Cell::new((0, 0)) };
    /// Whether a fit is waiting for the next frame, and whether it must
    /// start afresh rather than only shrink what no longer fits.
    static QUEUED: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Fits the type at the next frames (once the grids and their arrows are
/// laid out): afresh when `afresh`, else only if the window changed size or
/// the view no longer fits it. So a hovered cell's longer description, or
/// a walk-through's caption, never makes the type jump back and forth.
fn schedule(afresh: bool) {
    let queued = QUEUED.with(|q| q.replace(Some(q.get().unwrap_or(false) || afresh)));
    if queued.is_some() {
        return;
    }
    request_animation_frame(|| {
        request_animation_frame(|| {
            let afresh = QUEUED.with(|q| q.take()).unwrap_or(true);
            let Some(root) = document().document_element() else { return };
            let window = (root.client_width(), root.client_height());
            let overflows = root.scroll_height() > window.1 || root.scroll_width() > window.0;
            if afresh || overflows || FITTED.with(Cell::get) != window {
                FITTED.with(|f| f.set(window));
                fit();
            }
        })
    });
}

/// The largest root type size worth trying on this screen: about 40
/// characters across and 22 lines down at most, so a small tensor does
/// not grow past reading.
fn largest(width: f64, height: f64) -> f64 {
    (width / 40.0).min(height / 22.0).clamp(SMALLEST, LARGEST)
}

/// The shares of the width the lesson's column may take (style.css reads
/// `--tp-present-side`): a long flow of grids wants a narrow one, a long
/// step of prose a wide one.
const SIDES: [&str; 3] = ["36%", "30%", "24%"];

/// Sets the root type size to the largest (to half a pixel) at which
/// nothing overflows the window, trying the grids in their columns and
/// stacked, and each width of the lesson's column.
fn fit() {
    let Some(root) = document().document_element() else { return };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else { return };
    let Some(main) = document().query_selector("main.tp-presenting").ok().flatten() else { return };
    let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() else { return };
    // The window without its scroll bars.
    let (width, height) = (f64::from(root.client_width()), f64::from(root.client_height()));
    let grids = main.query_selector(".tp-grids").ok().flatten();
    let set = |size: f64| {
        let _ = root.style().set_property("font-size", &format!("{size}px"));
    };
    // Lays the grids out stacked or in columns (src/web/arrows.rs decides
    // again once the size is set, as it does: stacked where the columns do
    // not fit) and says whether they fit so.
    let laid_out = |stacked: bool| {
        grids.as_ref().is_none_or(|g| {
            let _ = match stacked {
                true => g.set_attribute("data-stacked", ""),
                false => g.remove_attribute("data-stacked"),
            };
            stacked || g.scroll_width() <= g.client_width() + 1
        })
    };
    let page_fits = || f64::from(root.scroll_height()) <= height && f64::from(root.scroll_width()) <= width;
    let sides: &[&str] =
        if main.query_selector(".tp-lesson-side").ok().flatten().is_some() { &SIDES } else { &[""] };
    let mut best: Option<(f64, &str, bool)> = None;
    for &side in sides {
        let _ = main.style().set_property("--tp-present-side", side);
        for stacked in [false, true] {
            let found = largest_fitting(width, height, &|size| {
                set(size);
                laid_out(stacked) && page_fits()
            });
            if let Some(size) = found.filter(|&size| best.is_none_or(|(b, _, _)| size > b)) {
                best = Some((size, side, stacked));
            }
        }
    }
    // Left as found best, so that the layout settles: a change of size
    // would fit again.
    let (size, side, stacked) = best.unwrap_or((SMALLEST, sides[0], true));
    let _ = main.style().set_property("--tp-present-side", side);
    set(size);
    laid_out(stacked);
}

/// Back to the page's own type size.
fn unfit() {
    let Some(root) = document().document_element() else { return };
    for el in [Some(root), document().query_selector("main").ok().flatten()].into_iter().flatten() {
        let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() else { continue };
        let _ = el.style().remove_property("font-size");
        let _ = el.style().remove_property("--tp-present-side");
        if el.get_attribute("style").is_some_and(|s| s.trim().is_empty()) {
            let _ = el.remove_attribute("style");
        }
    }
}

/// The largest size (to half a pixel) from `SMALLEST` up for which `fits`
/// holds, searched by halving (a handful of layouts), if any.
fn largest_fitting(width: f64, height: f64, fits: &dyn Fn(f64) -> bool) -> Option<f64> {
    let (mut low, mut high) = ((SMALLEST * 2.0) as i64, (largest(width, height) * 2.0) as i64);
    if !fits(low as f64 / 2.0) {
        return None;
    }
    while low < high {
        let mid = (low + high + 1) / 2;
        if fits(mid as f64 / 2.0) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    Some(low as f64 / 2.0)
}

/// The button that turns the mode on, and off again.
#[component]
pub fn PresentButton() -> impl IntoView {
    let presenting = expect_context::<Presenting>();
    let on = move || presenting.0.get();
    view! {
        <button
            type="button"
            class="tp-button tp-present"
            data-testid="present"
            title=move || if on() { "Back to the page (Escape)" } else { "Large type, for a projector" }
            on:click=move |_| presenting.set(!on())
        >
            {move || if on() { "Exit presentation" } else { "Present" }}
        </button>
    }
}
