//! The gradient view: with its toggle on, pointing at (or pinning) an
//! output element tints every drawn element it was computed from by the
//! derivative of that output element with respect to it, writes the number
//! on the cell, and says it in words.
//!
//! The page never works derivatives out: when the toggle goes on, a worker
//! of the view's own runs the drawing's program again with
//! `Session::with_gradients` (the main worker stays free for the
//! learner's edits), and until that arrives the page shows the plain
//! highlight. Every hover then only looks its numbers up.

use super::runner::{Ending, Job, Listener, Runner};
use super::state::{CellRef, PlaygroundState};
use crate::session::Session;
use crate::session::gradient_view::{OutputGradients, Tint, compact};
use crate::tensor::lineage::NodeId;
use leptos::prelude::*;
use leptos::reactive::owner::LocalStorage;
use std::rc::Rc;
use std::sync::Arc;

/// How long working out the gradients may take, in milliseconds: they are
/// capped by `gradients::MAX_GRADIENT_WORK` (a few seconds natively at the
/// cap), so only a slow device meets this.
const LIMIT_MS: u32 = 20_000;

/// Where the gradients of the drawing stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The view is off.
    Off,
    /// Being worked out.
    Working,
    /// In.
    Ready,
    /// There are none, for this reason (an operation without a derivative,
    /// too much work, no tensor to differentiate, a stopped run).
    None(String),
}

/// How one cell is marked by the gradient view: its derivative's tint and
/// the number (by its bits, so that looks compare exactly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradMark {
    tint: Tint,
    bits: u64,
}

impl GradMark {
    /// The class of the cell's box (`tp-grad tp-gp3`).
    pub fn class(&self) -> String {
        format!("tp-grad {}", self.tint.class())
    }

    /// `data-grad`: the derivative as the cell shows it.
    pub fn text(&self) -> String {
        compact(f64::from_bits(self.bits))
    }
}

/// The gradient view of one playground; cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct GradientView {
    /// Whether the toggle is on.
    pub on: RwSignal<bool>,
    /// Where the gradients stand.
    pub status: RwSignal<Status>,
    /// The drawing's program run again with its gradients, once in.
    worked_out: RwSignal<Option<Rc<Session>>, LocalStorage>,
    /// Runs it (started when the toggle first goes on, ended when it goes off).
    runner: StoredValue<Option<Runner>, LocalStorage>,
    /// What the active cell shows: the derivatives of the output element
    /// pointed at, or of the pinned one while the learner points at its sources.
    pub lit: Memo<Option<Arc<OutputGradients>>>,
    /// While the gradient flows back step by step: how many steps back from
    /// the output it has reached (grids further back show nothing yet).
    pub reached: RwSignal<Option<usize>>,
    /// Each drawn grid's node and how many steps back from the result it
    /// stands (the result's column is 0, the one before it 1, ...).
    steps_back: Memo<Vec<(NodeId, usize)>>,
}

impl GradientView {
    /// The view of the playground `state`, off.
    pub fn new(state: PlaygroundState) -> GradientView {
        let on = RwSignal::new(false);
        let status = RwSignal::new(Status::Off);
        let worked_out = RwSignal::new_local(None::<Rc<Session>>);
        let runner = StoredValue::new_local(None::<Runner>);
        let lit = Memo::new(move |_| {
            if !on.get() {
                return None;
            }
            worked_out.with(|w| {
                let w = w.as_ref()?;
                state.drawing.with(|drawing| {
                    if w.source() != drawing.source() {
                        return None;
                    }
                    let output = output_element(drawing, state.active(), state.pinned.get())?;
                    drawing.output_gradients(w.gradients()?, output.flat).map(Arc::new)
                })
            })
        });
        let steps_back = Memo::new(move |_| {
            state.drawing.with(|d| {
                let placement = d.flow().placement();
                let last = placement.iter().map(|(stage, _)| *stage).max().unwrap_or(0);
                d.grids()
                    .iter()
                    .zip(placement)
                    .map(|(g, (stage, _))| (g.node, last.saturating_sub(stage)))
                    .collect::<Vec<_>>()
            })
        });
        let reached = RwSignal::new(None::<usize>);
        let view = GradientView { on, status, worked_out, runner, lit, reached, steps_back };
        // The drawing changes, or the toggle: ask for the drawing's gradients.
        Effect::new(move |_| {
            if !on.get() {
                view.stop();
                return;
            }
            let (code, has_focus) =
                state.drawing.with(|d| (d.source().to_string(), d.focus_node().is_some()));
            if view.worked_out.with_untracked(|w| w.as_ref().is_some_and(|w| w.source() == code)) {
                return;
            }
            if !has_focus || !state.ran.get() {
                status.set(Status::None("the program's last line is not a tensor".to_string()));
                return;
            }
            status.set(Status::Working);
            view.runner(state).run(Job { code, replace: true, limit: Some(LIMIT_MS), gradients: true });
        });
        on_cleanup(move || {
            if let Some(Some(r)) = runner.try_get_value() {
                r.shut_down();
            }
        });
        view
    }

    /// The view's runner, started if need be.
    fn runner(&self, state: PlaygroundState) -> Runner {
        if let Some(r) = self.runner.get_value() {
            return r;
        }
        let (status, worked_out) = (self.status, self.worked_out);
        let ended = move |job: Job, ending: Ending, superseded: bool| {
            if superseded || !state.drawing.with_untracked(|d| d.source() == job.code) {
                return;
            }
            let why = match ending {
                Ending::Ran(session) => {
                    let missing = match session.gradients() {
                        None => Some("the program's last line is not a tensor".to_string()),
                        Some(g) => g.missing.clone(),
                    };
                    worked_out.set(Some(session));
                    match missing {
                        None => return status.set(Status::Ready),
                        Some(why) => why,
                    }
                }
                Ending::Stopped(_) => "working them out took too long".to_string(),
                Ending::Crashed => "working them out stopped the worker (out of memory?)".to_string(),
                Ending::Unavailable => "the interpreter could not be loaded".to_string(),
            };
            status.set(Status::None(why));
        };
        let listener = Listener { ended: Box::new(ended), busy: Box::new(|_| {}) };
        let runner = Runner::new(state.worker_url(), listener);
        self.runner.set_value(Some(runner.clone()));
        runner
    }

    /// Turns the view off: its worker ends, and its gradients are dropped.
    fn stop(&self) {
        if let Some(r) = self.runner.try_update_value(Option::take).flatten() {
            r.shut_down();
        }
        self.worked_out.set(None);
        self.status.set(Status::Off);
    }

    /// The marks of grid `node`'s cells: each element the lit output was
    /// computed from, with its derivative.
    pub fn marks(&self, node: NodeId) -> Vec<(usize, GradMark)> {
        if let Some(reached) = self.reached.get() {
            let back = self.steps_back.with(|s| s.iter().find(|(n, _)| *n == node).map(|(_, b)| *b));
            if back.is_none_or(|b| b > reached) {
                return Vec::new();
            }
        }
        self.lit.with(|lit| {
            let Some(lit) = lit else { return Vec::new() };
            let Some((_, cells)) = lit.grids.iter().find(|(n, _)| *n == node) else { return Vec::new() };
            cells
                .iter()
                .map(|&(f, v)| (f, GradMark { tint: Tint::of(v, lit.scale), bits: v.to_bits() }))
                .collect()
        })
    }

    /// How many steps back the drawing goes (the flow-back's last step).
    fn depth(&self) -> usize {
        self.steps_back.with(|s| s.iter().map(|(_, b)| *b).max().unwrap_or(0))
    }

    /// The words for the active cell, while the view shows derivatives.
    pub fn words(&self, state: &PlaygroundState) -> Option<String> {
        let lit = self.lit.get()?;
        let active = state.active().map(|c| (c.node, c.flat));
        Some(state.drawing.with(|d| d.gradient_words(&lit, active)))
    }
}

/// The output element whose derivatives show: the active cell if it is
/// one of the focus's elements, else the pinned one if it is.
fn output_element(drawing: &Session, active: Option<CellRef>, pinned: Option<CellRef>) -> Option<CellRef> {
    let focus = drawing.focus_node()?;
    active.filter(|c| c.node == focus).or(pinned.filter(|c| c.node == focus))
}

/// The toggle, beside "show all": a button that says whether it is pressed.
#[component]
pub fn GradientToggle() -> impl IntoView {
    let view = expect_context::<GradientView>();
    view! {
        <button
            type="button"
            class="tp-button tp-toggle"
            data-testid="gradient-toggle"
            aria-pressed=move || if view.on.get() { "true" } else { "false" }
            title="Show on each source the derivative of the output element pointed at"
            on:click=move |_| view.on.update(|on| *on = !*on)
        >
            "∂ gradient"
        </button>
    }
}

/// The legend, while the view is on. In the site's build (`--features
/// split`) its code is a wasm file of its own, fetched when the view is
/// first turned on (`lazy`).
pub fn legend_panel() -> impl IntoView {
    #[cfg(feature = "split")]
    {
        use leptos::wasm_split::{SplitLoaderError, wasm_split};
        #[wasm_split(gradient_legend, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn gradient_legend() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <GradientLegend/> }.into_any())
        }
        super::lazy::lazy_view(
            "The gradient view could not be loaded (is the connection down?).",
            gradient_legend,
        )
    }
    #[cfg(not(feature = "split"))]
    view! { <GradientLegend/> }
}

/// What the tints mean, and where the gradients stand (shown while the
/// view is on).
#[component]
pub fn GradientLegend() -> impl IntoView {
    let view = expect_context::<GradientView>();
    let state = expect_context::<PlaygroundState>();
    let note = move || match view.status.get() {
        Status::Off => String::new(),
        Status::Working => "Working out the derivatives… (the plain highlight shows meanwhile)".to_string(),
        Status::None(why) => format!("No derivatives to show: {why}."),
        Status::Ready => match view.lit.get() {
            Some(lit) => state.drawing.with(|d| d.gradient_words(&lit, None)),
            None => "Point at an output element (or pin one) to see its derivatives.".to_string(),
        },
    };
    let scale = move || {
        let lit = view.lit.get()?;
        (lit.scale > 0.0).then(|| compact(lit.scale))
    };
    view! {
        <div class="tp-gradient-legend" data-testid="gradient-legend" data-status=move || match view.status.get() {
            Status::Off => "off",
            Status::Working => "working",
            Status::Ready => "ready",
            Status::None(_) => "none",
        }>
            <p class="tp-gradient-key" aria-hidden="true">
                <span class="tp-swatch tp-gn4"></span>
                {move || scale().map_or_else(|| "negative".to_string(), |s| format!("−{s}"))}
                <span class="tp-swatch tp-gn1"></span>
                <span class="tp-swatch tp-g0"></span>
                "0"
                <span class="tp-swatch tp-gp1"></span>
                <span class="tp-swatch tp-gp4"></span>
                {move || scale().map_or_else(|| "positive".to_string(), |s| format!("+{s}"))}
                <span class="tp-swatch tp-none"></span>
                "no derivative (integer or bool)"
            </p>
            <p class="tp-gradient-note" data-testid="gradient-note">{note}</p>
            <FlowBack/>
        </div>
    }
}

/// How long each step of the flow back shows while it plays.
const STEP_MS: u64 = 900;

/// The gradient flowing back from the output element to its sources,
/// one column of the drawing at a time: played (a step every 900 ms), or,
/// with reduced motion, stepped by hand; the caption says where it is.
#[component]
fn FlowBack() -> impl IntoView {
    let view = expect_context::<GradientView>();
    let state = expect_context::<PlaygroundState>();
    let still = super::motion::reduced();
    let timer = StoredValue::new_local(None::<leptos::leptos_dom::helpers::IntervalHandle>);
    let stop = move || {
        if let Some(t) = timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
    };
    let advance = move || {
        let next = view.reached.get_untracked().map_or(0, |k| k + 1);
        if next > view.depth() {
            stop();
            view.reached.set(None);
        } else {
            view.reached.set(Some(next));
        }
    };
    let start = move |_| {
        stop();
        // The output element stays put while its gradient flows.
        if state.pinned.get_untracked().is_none()
            && let Some(active) = state.active()
        {
            state.pinned.set(Some(active));
        }
        if still || view.reached.get_untracked().is_some() {
            return advance();
        }
        view.reached.set(Some(0));
        timer.set_value(set_interval_with_handle(advance, std::time::Duration::from_millis(STEP_MS)).ok());
    };
    on_cleanup(stop);
    // A new output element (or none) starts afresh.
    Effect::new(move |previous: Option<Option<(NodeId, usize)>>| {
        let now = view.lit.with(|l| l.as_ref().map(|l| l.output));
        if previous.is_some_and(|p| p != now) {
            stop();
            view.reached.set(None);
        }
        now
    });
    let caption = move || {
        let k = view.reached.get()?;
        let names: Vec<String> = view.steps_back.with(|s| {
            state.drawing.with(|d| {
                s.iter()
                    .filter(|(_, b)| *b == k)
                    .filter_map(|(n, _)| d.grids().iter().find(|g| g.node == *n).map(|g| g.name.clone()))
                    .collect()
            })
        });
        Some(format!("Step {} of {}: the gradient reaches {}", k + 1, view.depth() + 1, names.join(" and ")))
    };
    view! {
        <p class="tp-flow-back">
            <button type="button" class="tp-button" data-testid="gradient-flow"
                disabled=move || view.lit.with(Option::is_none)
                on:click=start>
                {move || if still || view.reached.get().is_some() { "Flow back: next step" } else { "▶ Flow back" }}
            </button>
            <span data-testid="gradient-flow-caption" aria-live="polite">{caption}</span>
        </p>
    }
}
