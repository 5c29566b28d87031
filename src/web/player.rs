//! The reduction walk-through: play, pause and step through the output
//! elements, with each computation written out. With reduced motion it
//! never advances by itself.

use super::motion;
use super::state::{CellRef, PlaygroundState};
use crate::lesson::{Frame, walkthrough};
use leptos::leptos_dom::helpers::IntervalHandle;
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;

/// How long each frame shows while playing.
const FRAME: Duration = Duration::from_millis(900);

/// The playground a lesson panel drives: in the same page or mount.
fn playground_near(panel: &web_sys::Element) -> Option<web_sys::Element> {
    let scope = panel.closest(".tp-host, main").ok().flatten()?;
    scope.query_selector(".tp-playground").ok().flatten()
}

/// The walk-through controls and caption.
#[component]
pub fn Player() -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let frames = StoredValue::new_local(Rc::new(Vec::<Frame>::new()));
    let at = RwSignal::new(None::<usize>);
    let playing = RwSignal::new(false);
    let timer = StoredValue::new_local(None::<IntervalHandle>);
    let still = motion::reduced();

    let section = NodeRef::<leptos::html::Section>::new();
    // The values travel into their output (not with reduced motion).
    let motion = move |frame: Option<&Frame>| {
        let Some(root) = section.get_untracked().and_then(|s| playground_near(&s)) else { return };
        let Some(layer) = motion::layer_in(&root) else { return };
        match frame {
            Some(frame) if !still => motion::play(&layer, &root, frame, |node, flat| {
                state.drawing.with_untracked(|s| {
                    let grid = s.grids().iter().find(|g| g.node == node)?;
                    Some(grid.index(flat).iter().map(|i| i.to_string()).collect::<Vec<_>>().join(","))
                })
            }),
            _ => motion::clear(&layer),
        }
    };
    let show = move |i: usize| {
        let list = frames.get_value();
        let Some(frame) = list.get(i) else { return };
        at.set(Some(i));
        state.pinned.set(Some(CellRef { node: frame.focus.0, flat: frame.focus.1 }));
        state.revealed.set(Some(frame.revealed));
        state.best.set(frame.best.map(|(node, flat)| CellRef { node, flat }));
        motion(Some(frame));
    };
    let stop_timer = move || {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        timer.set_value(None);
        playing.set(false);
    };
    let forward = move || {
        if frames.get_value().is_empty() {
            frames.set_value(Rc::new(state.drawing.with_untracked(|s| walkthrough(s))));
        }
        let next = at.get_untracked().map_or(0, |i| i + 1);
        if next < frames.get_value().len() {
            show(next);
        } else {
            stop_timer();
        }
    };
    let back = move |_| {
        if let Some(i) = at.get_untracked().filter(|&i| i > 0) {
            show(i - 1);
        }
    };
    let play = move |_| {
        if playing.get_untracked() {
            stop_timer();
            return;
        }
        if at.get_untracked().is_some_and(|i| i + 1 >= frames.get_value().len()) {
            at.set(None);
        }
        forward();
        playing.set(true);
        timer.set_value(set_interval_with_handle(forward, FRAME).ok());
    };
    let restart = move |_| {
        stop_timer();
        motion(None);
        at.set(None);
        state.pinned.set(None);
        state.revealed.set(None);
        state.best.set(None);
    };
    on_cleanup(move || {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        motion(None);
        state.revealed.set(None);
        state.best.set(None);
    });

    // Which output is being filled, then how: "output [1] = 1 + 2 + 3 = 6".
    let caption = move || {
        let i = at.get()?;
        frames.with_value(|f| {
            let f = f.get(i)?;
            Some(match &f.filling {
                Some(output) => format!("{output} = {}", f.caption),
                None => f.caption.clone(),
            })
        })
    };
    let locked = move || state.conceal.get();
    view! {
        <section class="tp-player" aria-label="Walk-through" node_ref=section>
            <div class="tp-player-buttons">
                {(!still).then(|| view! {
                    <button type="button" class="tp-button tp-primary" data-testid="play" on:click=play disabled=locked>
                        {move || if playing.get() { "Pause" } else { "Play" }}
                    </button>
                })}
                <button type="button" class="tp-button" data-testid="step-back" on:click=back disabled=locked>"◀ Step"</button>
                <button type="button" class="tp-button" data-testid="step-forward" on:click=move |_| forward() disabled=locked>
                    "Step ▶"
                </button>
                <button type="button" class="tp-button" on:click=restart disabled=locked>"Restart"</button>
            </div>
            <p class="tp-caption" data-testid="caption" aria-live="polite">
                {move || if locked() { Some("Answer the question, then watch it run.".to_string()) } else { caption() }}
            </p>
        </section>
    }
}
