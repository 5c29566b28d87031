//! The state of one playground: the program, its evaluation, and which cell
//! is active. Several playgrounds on one page each own one of these.

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

/// The reactive state of one playground; cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct PlaygroundState {
    /// The program text, exactly as the learner typed it.
    pub code: RwSignal<String>,
    /// Why `code` last changed.
    pub last_change: RwSignal<Change>,
    /// The evaluation of `code`.
    pub session: RwSignal<Rc<Session>, LocalStorage>,
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
}

impl PlaygroundState {
    /// A playground showing `code`, evaluated.
    pub fn new(code: String) -> PlaygroundState {
        let first = Rc::new(Session::new(&code));
        let session = RwSignal::new_local(Rc::clone(&first));
        let drawing = RwSignal::new_local(first);
        let hovered = RwSignal::new(None);
        let pinned = RwSignal::new(None::<CellRef>);
        let picking = RwSignal::new(false);
        let highlight = Memo::new(move |_| {
            if picking.get() {
                return None;
            }
            let active = pinned.get().or(hovered.get())?;
            let lit = drawing.with(|s| s.highlight(active.node, active.flat));
            Some((active, lit))
        });
        PlaygroundState {
            code: RwSignal::new(code),
            last_change: RwSignal::new(Change::FromLocation),
            session,
            drawing,
            hovered,
            pinned,
            show_all: RwSignal::new(false),
            highlight,
            conceal: RwSignal::new(false),
            withhold_result: RwSignal::new(false),
            picking,
            picked: RwSignal::new(Marks::new()),
            revealed: RwSignal::new(None),
            best: RwSignal::new(None),
        }
    }

    /// The active cell: the pinned one, else the hovered one.
    pub fn active(&self) -> Option<CellRef> {
        self.pinned.get().or(self.hovered.get())
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
        self.run(true);
    }

    /// Evaluates the current program; a program without errors becomes the drawing.
    pub fn evaluate(&self) {
        self.run(false);
    }

    fn run(&self, replace: bool) {
        let next = Rc::new(self.code.with_untracked(|c| Session::new(c)));
        let ok = next.run().error.is_none();
        self.session.set(Rc::clone(&next));
        if ok || replace {
            // Cells of the old drawing mean nothing in the new one.
            self.hovered.set(None);
            self.pinned.set(None);
            self.picked.set(Marks::new());
            self.revealed.set(None);
            self.best.set(None);
            self.drawing.set(next);
        }
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
