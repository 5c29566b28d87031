//! The state of one playground: the program, its evaluation, and which cell
//! is active. Several playgrounds on one page each own one of these.

use super::runner::{Ending, Job, Listener, Runner, time_limit_ms};
use crate::session::{Highlight, Session};
use crate::tensor::lineage::{Marks, NodeId};
use leptos::prelude::*;
use leptos::reactive::owner::LocalStorage;
use std::rc::Rc;

/// One element of one drawn tensor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    /// The tensor's node in the lineage graph.
    pub node: NodeId,
    /// The element's row-major position.
    pub flat: usize,
}

/// Why the program changed, which decides how the URL records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Typing in the editor: the URL follows without new history entries.
    Typing,
    /// A deliberate action (a control, an edited cell): a new history entry.
    Deliberate,
    /// The URL itself changed (a link, back/forward): nothing to record.
    FromLocation,
}

/// Why the last program has no result: the playground stopped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Halt {
    /// It ran past its time limit (in milliseconds).
    Stopped(u32),
    /// The worker running it died.
    Crashed,
    /// The interpreter could not be fetched.
    Unavailable,
    /// It did not finish the last time it ran in this browser (the page
    /// crashed, or was closed while it ran), so it was not run again.
    NotRun,
}

/// The cell whose lineage shows: the one under the pointer or focus, which
/// previews any element while a pin holds (leaving it returns to the pin),
/// except while the walk-through plays, whose frames pin the cell they are
/// about and must not be talked over.
fn active_cell(pinned: Option<CellRef>, hovered: Option<CellRef>, playing: bool) -> Option<CellRef> {
    if playing { pinned.or(hovered) } else { hovered.or(pinned) }
}

/// How a playground starts.
pub enum Start {
    /// By running its program.
    Run,
    /// Without running it: it did not finish the last time (`Halt::NotRun`).
    Hold,
    /// With its program's session already at hand (the opening view's,
    /// made when the site was built): nothing runs, and no worker starts,
    /// until the learner changes something.
    Drawn(Box<Session>),
}

/// A program loaded, and what to do once its drawing is in.
type AfterLoad = (String, Box<dyn FnOnce(&Session)>);

/// The reactive state of one playground; cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct PlaygroundState {
    /// The program text, exactly as the learner typed it.
    pub code: RwSignal<String>,
    /// Why `code` last changed.
    pub last_change: RwSignal<Change>,
    /// The evaluation of `code` (or of the program before it, while
    /// `code` runs).
    pub session: RwSignal<Rc<Session>, LocalStorage>,
    /// Whether a program is running.
    pub busy: RwSignal<bool>,
    /// Whether any program has finished running (before that, there is
    /// nothing to draw yet).
    pub ran: RwSignal<bool>,
    /// Why the last program has no result, when the playground stopped it.
    pub halt: RwSignal<Option<Halt>>,
    /// Runs the programs (in a Web Worker where there is one).
    runner: StoredValue<Runner, LocalStorage>,
    /// What to do once the drawing of a program loaded by `load_then` is in.
    after_load: StoredValue<Option<AfterLoad>, LocalStorage>,
    /// Whether runs are noted in storage while they last (the page's own
    /// playground), so that one that never ends is not run again unasked.
    journal: StoredValue<bool>,
    /// The last evaluation without an error: what the grids show, so an
    /// error never wipes the drawing.
    pub drawing: RwSignal<Rc<Session>, LocalStorage>,
    /// The cell under the pointer or keyboard focus.
    pub hovered: RwSignal<Option<CellRef>>,
    /// The cell a click pinned.
    pub pinned: RwSignal<Option<CellRef>>,
    /// Whether every output and its sources are tinted at once.
    pub show_all: RwSignal<bool>,
    /// What the active cell lights up.
    pub highlight: Memo<Option<(CellRef, Highlight)>>,
    /// While a question waits for its answer, the result's values and the
    /// printed output stay hidden: predict first, then check.
    pub conceal: RwSignal<bool>,
    /// While a shape question is open, the result is not drawn at all: its
    /// caption, axes and layout would show the shape being asked for.
    pub withhold_result: RwSignal<bool>,
    /// While a "click the elements" question is open, clicks on input cells
    /// pick them (and nothing lights up, which would give the answer away).
    pub picking: RwSignal<bool>,
    /// The input cells picked for that question.
    pub picked: RwSignal<Marks>,
    /// During the walk-through: how many result elements are filled in.
    pub revealed: RwSignal<Option<usize>>,
    /// During the argmax walk-through: the best element so far.
    pub best: RwSignal<Option<CellRef>>,
    /// The element a lesson's question talks about, marked so that the
    /// learner sees which one is meant.
    pub asked: RwSignal<Option<CellRef>>,
}

impl PlaygroundState {
    /// A playground showing `code`, started as `start` says; its programs
    /// run in a Web Worker whose script is at `worker` if given, else on the
    /// page.
    pub fn new(code: String, worker: Option<String>, start: Start) -> PlaygroundState {
        let nothing = Rc::new(match &start {
            Start::Drawn(session) => Session::clone(session),
            _ => Session::not_run(&code),
        });
        let session = RwSignal::new_local(Rc::clone(&nothing));
        let drawing = RwSignal::new_local(nothing);
        let hovered = RwSignal::new(None);
        let pinned = RwSignal::new(None::<CellRef>);
        let picking = RwSignal::new(false);
        let picked = RwSignal::new(Marks::new());
        let revealed = RwSignal::new(None);
        let best = RwSignal::new(None);
        let (busy, ran, halt) = (RwSignal::new(false), RwSignal::new(false), RwSignal::new(None));
        let after_load = StoredValue::new_local(None::<AfterLoad>);
        let journal = StoredValue::new(false);
        let ended = move |job: Job, ending: Ending, superseded: bool| {
            if superseded {
                // The newer program, noted when it was asked for, runs next.
                return;
            }
            if journal.get_value() {
                super::location::note_running(None);
            }
            ran.set(true);
            let next = match ending {
                Ending::Ran(next) => next,
                Ending::Stopped(limit) => return halt.set(Some(Halt::Stopped(limit))),
                Ending::Crashed => return halt.set(Some(Halt::Crashed)),
                Ending::Unavailable => return halt.set(Some(Halt::Unavailable)),
            };
            halt.set(None);
            let ok = next.run().error.is_none();
            session.set(Rc::clone(&next));
            if ok || job.replace {
                // Cells of the old drawing mean nothing in the new one.
                hovered.set(None);
                pinned.set(None);
                picked.set(Marks::new());
                revealed.set(None);
                best.set(None);
                drawing.set(Rc::clone(&next));
            }
            let waiting = after_load.try_update_value(|a| a.take_if(|(code, _)| *code == job.code)).flatten();
            if let Some((_, then)) = waiting {
                then(&next);
            }
        };
        let listener = Listener { ended: Box::new(ended), busy: Box::new(move |b| busy.set(b)) };
        let runner = StoredValue::new_local(Runner::new(worker, listener));
        on_cleanup(move || runner.with_value(Runner::shut_down));
        let highlight = Memo::new(move |_| {
            if picking.get() {
                return None;
            }
            let active = active_cell(pinned.get(), hovered.get(), revealed.with(Option::is_some))?;
            let lit = drawing.with(|s| s.highlight(active.node, active.flat));
            Some((active, lit))
        });
        let state = PlaygroundState {
            code: RwSignal::new(code),
            last_change: RwSignal::new(Change::FromLocation),
            session,
            busy,
            ran,
            halt,
            runner,
            after_load,
            journal,
            drawing,
            hovered,
            pinned,
            show_all: RwSignal::new(false),
            highlight,
            conceal: RwSignal::new(false),
            withhold_result: RwSignal::new(false),
            picking,
            picked,
            revealed,
            best,
            asked: RwSignal::new(None),
        };
        match start {
            Start::Run => state.run(true, Some(time_limit_ms())),
            Start::Hold => {
                ran.set(true);
                halt.set(Some(Halt::NotRun));
            }
            Start::Drawn(_) => ran.set(true),
        }
        state
    }

    /// Notes each run in storage while it lasts (the page's own playground).
    pub fn journal_runs(&self) {
        self.journal.set_value(true);
        // Leaving the page while a run is in flight (a reload, a link,
        // closing the tab) is not a crash: the note goes, and the program
        // runs on the next visit. A page that crashed never gets to say so.
        let busy = self.busy;
        let listener = window_event_listener(leptos::ev::pagehide, move |_| {
            if busy.get_untracked() {
                super::location::note_running(None);
            }
        });
        on_cleanup(move || listener.remove());
    }

    /// The active cell: the hovered one, else the pinned one (the pinned
    /// one first while the walk-through plays).
    pub fn active(&self) -> Option<CellRef> {
        active_cell(self.pinned.get(), self.hovered.get(), self.revealed.with(Option::is_some))
    }

    /// Replaces the program and evaluates it at once.
    pub fn set_code(&self, code: String, change: Change) {
        self.last_change.set(change);
        self.code.set(code);
        self.evaluate();
    }

    /// Replaces the program with another one (a lesson step's): unlike an
    /// edit, the drawing always follows, even to nothing when the new
    /// program fails, as the last good drawing belongs to another program.
    pub fn load(&self, code: String, change: Change) {
        self.last_change.set(change);
        self.code.set(code);
        self.run(true, Some(time_limit_ms()));
    }

    /// Loads `code` as `load` does, and calls `then` with its drawing once
    /// it is in (unless another program is loaded first).
    pub fn load_then(&self, code: String, change: Change, then: impl FnOnce(&Session) + 'static) {
        self.after_load.set_value(Some((code.clone(), Box::new(then))));
        self.load(code, change);
    }

    /// Evaluates the current program; a program without errors becomes the drawing.
    pub fn evaluate(&self) {
        self.run(false, Some(time_limit_ms()));
    }

    /// Runs the current program again without a time limit: the learner
    /// saw it stopped and asked for it anyway.
    pub fn run_anyway(&self) {
        self.halt.set(None);
        self.run(false, None);
    }

    /// Stops the program that is running.
    pub fn stop(&self) {
        self.runner.with_value(Runner::stop);
    }

    fn run(&self, replace: bool, limit: Option<u32>) {
        let code = self.code.get_untracked();
        if self.journal.get_value() {
            super::location::note_running(Some(&code));
        }
        self.runner.with_value(|r| r.clone()).run(Job { code, replace, limit, gradients: false });
    }

    /// Where this playground's worker script is, while its programs run in
    /// a worker (the gradient view starts another one from it).
    pub fn worker_url(&self) -> Option<String> {
        self.runner.with_value(Runner::worker_url)
    }

    /// Makes `cell` the active cell under the pointer (or clears it).
    pub fn hover(&self, cell: Option<CellRef>) {
        if self.hovered.get_untracked() != cell {
            self.hovered.set(cell);
        }
    }

    /// Picks `cell` for a question, or drops it if it was picked.
    pub fn toggle_pick(&self, cell: CellRef) {
        self.picked.update(|p| p.toggle(cell.node, cell.flat));
    }

    /// Pins `cell`, or unpins it if it is already pinned.
    pub fn toggle_pin(&self, cell: CellRef) {
        let next = if self.pinned.get_untracked() == Some(cell) { None } else { Some(cell) };
        self.pinned.set(next);
    }
}
