//! One playground: editor, controls, grids, transcript and announcer,
//! around its own state (so several can share a page).

use super::announcer::Announcer;
use super::arrows;
use super::controls::Controls;
use super::editor::CodeEditor;
use super::gradient::GradientView;
use super::grid::{Place, TensorGrid};
use super::host::{Host, HostKind};
use super::location::{initial_code, sync};
use super::output::Output;
use super::present::{PresentButton, Presenting};
use super::resize::ResizeWatch;
use super::state::{Halt, PlaygroundState, Start};
use crate::session::GridRole;
use crate::session::embed::EmbedOptions;
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;

/// The program the page opens on: the seed lesson's argmax example.
pub const SEED_PROGRAM: &str = "\
t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)
t.argmax(dim=1)
";

/// A playground with its own state, kept in the URL, running its programs
/// on the page itself (the page's own playground runs them in a worker).
#[component]
pub fn Playground() -> impl IntoView {
    let state = PlaygroundState::new(initial_code(SEED_PROGRAM), None, Start::Run);
    provide_context(state);
    provide_context(Host::new(HostKind::Page, EmbedOptions::default(), Rc::new(|_, _| {})));
    sync(state);
    view! { <PlaygroundView/> }
}

/// The playground around the state and host in context: editor, controls,
/// grids, transcript and announcer (an embed may hide some panels).
#[component]
pub fn PlaygroundView() -> impl IntoView {
    let host = expect_context::<Host>();
    let state = expect_context::<PlaygroundState>();
    let gradient = GradientView::new(state);
    provide_context(gradient);
    // Escape unpins from anywhere on the page, not only from inside a grid
    // (a field that uses Escape itself keeps it to itself).
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && !ev.default_prevented() {
            state.pinned.set(None);
        }
    });
    on_cleanup(move || escape.remove());
    let panels = host.options.with_value(|o| o.panels);
    // Only the page itself presents (an iframe is as big as its host makes it).
    let presentable = host.kind == HostKind::Page && use_context::<Presenting>().is_some();
    view! {
        <div class="tp-playground">
            {(panels.editor || panels.controls).then(|| view! {
                <section class="tp-program" aria-label="Program" part="program">
                    {panels.editor.then(|| view! { <CodeEditor/> })}
                    <div class="tp-toolbar">
                        {panels.controls.then(|| view! { <Controls/> })}
                        {presentable.then(|| view! { <PresentButton/> })}
                    </div>
                </section>
            })}
            <Grids/>
            {panels.output.then(|| view! { <Output/> })}
            <Announcer/>
        </div>
    }
}

/// Every tensor of the drawing, in data-flow order.
#[component]
fn Grids() -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let gradient = expect_context::<GradientView>();
    let readonly = expect_context::<Host>().readonly();
    let grids = move || {
        let show_all = state.show_all.get();
        let withhold = state.withhold_result.get();
        state.drawing.with(|s| {
            let tints = Rc::new(if show_all { s.tints() } else { HashMap::new() });
            let grids = s.grids();
            if !state.ran.get() {
                return view! { <p class="tp-empty" data-testid="first-run">"Running the program…"</p> }
                    .into_any();
            }
            if grids.is_empty() && state.halt.with(|h| h == &Some(Halt::NotRun)) {
                return view! { <p class="tp-empty">"Nothing drawn: the program has not run."</p> }.into_any();
            }
            if grids.is_empty() && state.halt.with(Option::is_some) {
                return view! { <p class="tp-empty">"Nothing to draw: the program was stopped before it finished."</p> }
                    .into_any();
            }
            if grids.is_empty() {
                // A program that fails at once has no earlier drawing to keep.
                return view! { <p class="tp-empty">{s.nothing_drawn()}</p> }.into_any();
            }
            let placement = s.flow().placement();
            grids
                .iter()
                .enumerate()
                .map(|(at, g)| {
                    let (stage, slot) = placement.get(at).copied().unwrap_or((at, 0));
                    let from = s.flow().inputs.get(at).cloned().unwrap_or_default();
                    let place = Place { at, from, stage, slot };
                    if withhold && g.role == GridRole::Result {
                        return withheld(&g.name, &place).into_any();
                    }
                    let editable =
                        !readonly && g.role == GridRole::Input && s.element_spans(g.node).is_some();
                    let flow = s.grid_flow(at);
                    view! { <TensorGrid grid=Rc::new(g.clone()) flow editable tints=Rc::clone(&tints) place/> }
                        .into_any()
                })
                .collect_view()
                .into_any()
        })
    };
    // The arrows of the flow are drawn once the grids are laid out, and
    // again whenever the grids' room changes.
    let section = NodeRef::<leptos::html::Section>::new();
    let check = move |recheck: bool| {
        if let Some(el) = section.get_untracked() {
            arrows::draw(&el, recheck);
        }
    };
    Effect::new(move |_| {
        state.drawing.track();
        state.show_all.track();
        state.withhold_result.track();
        // Before the browser paints the new grids (laying them out in
        // columns and then stacking them a frame later would make them jump,
        // and move cells from under the pointer), but in the frame's own
        // task rather than the one that drew them: measuring lays every grid
        // out, and the two together held the page for over 50 ms.
        request_animation_frame(move || check(true));
    });
    let room = ResizeWatch::new();
    section.on_load(move |el| room.watch(&el, move || check(false)));
    // The program has an error and the grids are an earlier program's: say
    // so, so that nobody reads them as the answer to what is written now.
    let stale = Memo::new(move |_| {
        let halted = state.halt.with(Option::is_some);
        state.session.with(|now| {
            (halted || now.run().error.is_some())
                && state
                    .drawing
                    .with(|drawn| (halted || !Rc::ptr_eq(now, drawn)) && !drawn.grids().is_empty())
        })
    });
    let stale = move || stale.get();
    view! {
        {move || stale().then(|| view! {
            <p class="tp-grids-note" data-testid="stale-note">
                {move || if state.halt.with(Option::is_some) {
                    "Still showing the last program that ran: the program as it is now was stopped."
                } else {
                    "Still showing the last program that ran: the program as it is now stops at the error below."
                }}
            </p>
        })}
        {move || state.drawing.with(|s| {
            let n = s.left_out();
            (n > 0).then(|| view! {
                <p class="tp-grids-note" data-testid="left-out-note">
                    {format!(
                        "{n} {} on the way to the result {} not drawn, to keep the page light; pointing still traces through {}.",
                        if n == 1 { "tensor" } else { "tensors" },
                        if n == 1 { "is" } else { "are" },
                        if n == 1 { "it" } else { "them" },
                    )}
                </p>
            })
        })}
        // What the tints mean, in words: colour alone says nothing to some.
        {move || state.show_all.get().then(|| view! {
            <p class="tp-grids-note" data-testid="show-all-note">
                "Each result element and the elements it was computed from share a tint; "
                "striped elements feed several results."
            </p>
        })}
        {move || gradient.on.get().then(super::gradient::legend_panel)}
        <section
            node_ref=section
            class="tp-grids"
            data-stale=move || stale().then_some("")
            data-show-all=move || state.show_all.get().then_some("")
            data-gradient=move || gradient.on.get().then_some("")
            aria-label="Tensors"
            part="grids"
            on:mouseleave=move |_| state.hover(None)
        >
            {grids}
        </section>
    }
}

/// Where a result stands while a shape question about it is open: its name
/// only, no cells, no size (`data-testid="withheld-result"`, not a
/// `tensor-grid`: nothing of it is drawn).
fn withheld(name: &str, place: &Place) -> impl IntoView + use<> {
    view! {
        <figure class="tp-grid tp-result tp-withheld" data-testid="withheld-result" data-name=name.to_string()
            data-grid=place.at.to_string() data-from=place.inputs_text() style=place.style()>
            <figcaption>
                <code class="tp-name">{name.to_string()}</code>
            </figcaption>
            <p class="tp-withheld-note">"Drawn once you answer: its shape is the question."</p>
        </figure>
    }
}
