//! One playground: editor, controls, grids, transcript and announcer,
//! around its own state (so several can share a page).

use super::announcer::Announcer;
use super::controls::Controls;
use super::editor::CodeEditor;
use super::grid::TensorGrid;
use super::location::{CopyLink, initial_code, sync};
use super::output::Output;
use super::state::PlaygroundState;
use crate::session::GridRole;
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;

/// The program the page opens on: the seed lesson's argmax example.
pub const SEED_PROGRAM: &str = "\
t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)
t.argmax(dim=1)
";

/// A playground with its own state, kept in the URL.
#[component]
pub fn Playground() -> impl IntoView {
    let state = PlaygroundState::new(initial_code(SEED_PROGRAM));
    provide_context(state);
    sync(state);
    view! { <PlaygroundView/> }
}

/// The playground around the state in context: editor, controls, grids,
/// transcript and announcer.
#[component]
pub fn PlaygroundView() -> impl IntoView {
    view! {
        <div class="tp-playground">
            <section class="tp-program" aria-label="Program">
                <CodeEditor/>
                <div class="tp-toolbar">
                    <Controls/>
                    <CopyLink/>
                </div>
            </section>
            <Grids/>
            <Output/>
            <Announcer/>
        </div>
    }
}

/// Every tensor of the drawing, in data-flow order.
#[component]
fn Grids() -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let grids = move || {
        let show_all = state.show_all.get();
        state.drawing.with(|s| {
            let tints = Rc::new(if show_all { s.tints() } else { HashMap::new() });
            let grids = s.grids();
            if grids.is_empty() {
                return view! {
                    <p class="tp-empty">"End the program with an expression to see its tensors drawn here."</p>
                }
                .into_any();
            }
            grids
                .into_iter()
                .map(|g| {
                    let editable = g.role == GridRole::Input && s.element_spans(g.node).is_some();
                    view! { <TensorGrid grid=Rc::new(g) editable=editable tints=Rc::clone(&tints)/> }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <section class="tp-grids" aria-label="Tensors" on:mouseleave=move |_| state.hover(None)>
            {grids}
        </section>
    }
}
