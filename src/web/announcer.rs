//! The `aria-live` region: what a screen reader hears about the active cell.

use super::gradient::GradientView;
use super::state::PlaygroundState;
use leptos::prelude::*;

/// Speaks the active cell's description (contract section 3).
#[component]
pub fn Announcer() -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let gradient = use_context::<GradientView>();
    let words = move || {
        // The walk-through narrates itself in its caption (also live): the
        // cell it moves to every frame would only talk over it.
        if state.revealed.get().is_some() {
            return None;
        }
        let (active, _) = state.highlight.get()?;
        let hidden = state.conceal.get();
        let mut words = state.drawing.with(|s| s.describe(active.node, active.flat, hidden));
        // The gradient view says the derivatives first: they are what it is on for.
        if let Some(derivatives) = gradient.and_then(|g| g.words(&state)).filter(|_| !hidden) {
            words = format!("{derivatives}. {words}");
        }
        // Pinning changes nothing else that is heard: it says so first.
        Some(if state.pinned.get() == Some(active) { format!("Pinned. {words}") } else { words })
    };
    view! { <p class="tp-live" data-testid="announcer" aria-live="polite">{words}</p> }
}
