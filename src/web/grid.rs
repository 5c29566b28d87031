//! One tensor drawn as a grid of cells, with its name, shape and axes.
//!
//! The cells are rendered once, as plain markup. What lights them up is
//! painted by one effect per grid that changes only the cells whose look
//! changed, so a hover costs as many DOM updates as cells it lights, whatever
//! the tensor's size; the grid's events are handled once, on the grid, for
//! all of its cells.
//!
//! Sources, winners, targets and picks are drawn as boxes in a layer under
//! the (transparent) cells rather than as styles of the cells themselves.
//! The cells still carry the `data-source`, ... attributes, but restyling
//! them would make the browser repaint every row a highlight touches: a
//! column of a 64x64 grid touches all 64 rows, 4096 cells, which took longer
//! than a frame. Lit cells side by side in a row share one box (a lane of a
//! reduction is one band), so lighting a whole 64x64 grid adds 64 boxes,
//! not 4096; winners and picks keep a box each, for their markers.

use super::gradient::{GradMark, GradientView};
use super::grid_layout::{AxisInfo, DrawnDim, Piece, Plan, layout};
use super::heatmap::{Heat, tick_step};
use super::resize::ResizeWatch;
use super::state::{CellRef, Change, PlaygroundState};
use crate::session::describe::indexable;
use crate::session::flow::GridFlow;
use crate::session::navigation::{Move, step};
use crate::session::{Grid, GridRole, Highlight};
use crate::tensor::DType;
use crate::tensor::format::float;
use crate::tensor::format::tensor::printed_positions;
use crate::tensor::lineage::Marks;
use leptos::ev;
use leptos::prelude::*;
use std::collections::HashMap;
use std::fmt::Write;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Everything that decides how one cell looks, beyond its value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Look {
    active: bool,
    source: bool,
    winner: bool,
    target: bool,
    pinned: bool,
    picked: bool,
    best: bool,
    /// The element a lesson's question asks about (a ring, not a box).
    asked: bool,
    /// Hidden until a question is answered (`?`).
    concealed: bool,
    /// Not yet filled in by the walk-through (blank).
    pending: bool,
    /// Show-all tint: 0..8, or 8 for "feeds several outputs".
    tint: Option<u8>,
    /// The gradient view's derivative on this cell.
    grad: Option<GradMark>,
}

impl Look {
    /// Whether a box is drawn under the cell.
    fn marked(&self) -> bool {
        self.source || self.winner || self.target || self.picked || self.best || self.grad.is_some()
    }

    /// The classes of the box drawn under the cell (empty: no box).
    fn mark(&self) -> String {
        let kinds = [
            (self.source, "source"),
            (self.winner, "winner"),
            (self.target, "target"),
            (self.picked, "picked"),
            (self.best, "best"),
        ];
        let grad = self.grad.map(|g| g.class());
        let kinds = kinds.iter().filter(|(on, _)| *on).map(|(_, kind)| *kind).chain(grad.as_deref());
        kinds.fold(String::new(), |mut classes, kind| {
            classes.push_str(if classes.is_empty() { "tp-mark " } else { " " });
            classes.push_str(kind);
            classes
        })
    }

    /// The data attributes of contract section 3 and the page's own.
    fn attributes(&self) -> [(&'static str, Option<String>); 11] {
        let flag = |on: bool| on.then(|| "true".to_string());
        [
            ("data-active", flag(self.active)),
            ("data-source", flag(self.source)),
            ("data-winner", flag(self.winner)),
            ("data-target", flag(self.target)),
            ("data-picked", flag(self.picked)),
            ("data-best", flag(self.best)),
            ("data-asked", flag(self.asked)),
            ("data-pending", flag(self.pending || self.concealed)),
            ("aria-selected", flag(self.pinned)),
            ("data-tint", self.tint.map(|t| if t >= 8 { "shared".to_string() } else { t.to_string() })),
            ("data-grad", self.grad.map(|g| g.text())),
        ]
    }
}

/// The looks of one grid's lit cells (the rest look plain).
fn looks(
    state: &PlaygroundState,
    grid: &Grid,
    tints: &HashMap<(usize, usize), Option<usize>>,
) -> HashMap<usize, Look> {
    let node = grid.node;
    let mut out: HashMap<usize, Look> = HashMap::new();
    let mark = |out: &mut HashMap<usize, Look>, marks: &Marks, set: fn(&mut Look)| {
        for &f in marks.get(node).into_iter().flatten() {
            set(out.entry(f).or_default());
        }
    };
    // While a question hides the results, so are the winners: a starred
    // element would answer "which index does max report?".
    let conceal = state.conceal.get();
    state.highlight.with(|h| {
        if let Some((active, lit)) = h {
            let Highlight { sources, winners, targets } = lit;
            mark(&mut out, sources, |l| l.source = true);
            if !conceal {
                mark(&mut out, winners, |l| l.winner = true);
            }
            mark(&mut out, targets, |l| l.target = true);
            if active.node == node {
                out.entry(active.flat).or_default().active = true;
            }
        }
    });
    let mine = |c: Option<CellRef>| c.filter(|c| c.node == node).map(|c| c.flat);
    if let Some(f) = mine(state.pinned.get()) {
        out.entry(f).or_default().pinned = true;
    }
    if let Some(f) = mine(state.best.get()) {
        out.entry(f).or_default().best = true;
    }
    if let Some(f) = mine(state.asked.get()) {
        out.entry(f).or_default().asked = true;
    }
    state.picked.with(|p| {
        for &f in p.get(node).into_iter().flatten() {
            out.entry(f).or_default().picked = true;
        }
    });
    if grid.role == GridRole::Result {
        let numel: usize = grid.shape().iter().product();
        let revealed = state.revealed.get();
        if conceal || revealed.is_some() {
            for f in (0..numel).filter(|&f| grid.is_drawn(f)) {
                let look = out.entry(f).or_default();
                look.concealed = conceal;
                look.pending = revealed.is_some_and(|shown| f >= shown);
            }
        }
    }
    if state.show_all.get() {
        for (&(n, f), tint) in tints.iter().filter(|((n, _), _)| *n == node) {
            debug_assert_eq!(n, node);
            out.entry(f).or_default().tint = Some(tint.map_or(8, |t| (t % 8) as u8));
        }
    }
    out
}

/// The broadcast copies a highlight goes through, as positions in the
/// shape of the steps that broadcast the grid (`consumers`): the element
/// pointed at in such a step, and the elements of such a step that the
/// element pointed at was computed from.
fn lit_copies(state: &PlaygroundState, consumers: &[usize]) -> Vec<usize> {
    if consumers.is_empty() {
        return Vec::new();
    }
    state.highlight.with(|h| {
        let Some((active, lit)) = h else { return Vec::new() };
        let mut at: Vec<usize> =
            consumers.iter().flat_map(|&c| lit.sources.get(c).unwrap_or(&[])).copied().collect();
        if consumers.contains(&active.node) {
            at.push(active.flat);
        }
        at
    })
}

/// A run of side-by-side cells that look alike, drawn as one box: the
/// first (top left) and last (bottom right) cell's row-major positions,
/// and the box's classes. Runs of the same columns in rows one above the
/// other make one run, a rectangle: a column of a reduction is one band.
#[derive(Debug, PartialEq, Eq)]
struct Run {
    first: usize,
    last: usize,
    classes: String,
}

/// The cells of a drawn grid and how each one was last painted.
#[derive(Default)]
struct Painter {
    cells: HashMap<usize, (web_sys::Element, String)>,
    painted: HashMap<usize, Look>,
    /// How many elements a drawn row holds (the last dim's size).
    row: usize,
    /// The layer under the cells, and the box drawn in it for each run.
    layer: Option<web_sys::Element>,
    /// In row-major order of their first cells.
    boxes: Vec<(Run, web_sys::Element)>,
    /// How many rows one block of the grid has (1: rows never stack).
    block_rows: usize,
    /// The shape a broadcast operand is drawn stretched to, and its copies
    /// by row-major position in that shape, with those lit last.
    stretched: Option<Vec<usize>>,
    copies: HashMap<usize, web_sys::Element>,
    lit_copies: Vec<usize>,
    /// Whether every cell is found (see `index`).
    indexed: bool,
}

impl Painter {
    /// Finds the cells under `body` (they never change while the grid
    /// lives): all of them, or for a grid drawn in pieces, those that
    /// `fill_in` has not handed over yet.
    fn index(&mut self, body: &web_sys::Element, grid: &Grid) {
        if self.indexed {
            return;
        }
        self.indexed = true;
        if self.cells.is_empty() {
            self.add_cells(body, grid);
        }
        self.index_copies(body);
    }

    /// Adds the cells under `root` (the grid's body, or rows just drawn).
    fn add_cells(&mut self, root: &web_sys::Element, grid: &Grid) {
        if self.row == 0 {
            self.layout(grid);
        }
        let Ok(list) = root.query_selector_all("[role=gridcell]") else { return };
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            let Some(flat) = cell_flat(&el, grid) else { continue };
            let text = el.text_content().unwrap_or_default();
            self.cells.insert(flat, (el, text));
        }
    }

    /// The grid's rows and blocks, as the boxes under lit cells need them.
    fn layout(&mut self, grid: &Grid) {
        self.row = grid.shape().last().copied().unwrap_or(1).max(1);
        let shape = grid.shape();
        // Rows stack into rectangles within a block, and only where every
        // row is drawn.
        self.block_rows = match shape.len() {
            _ if grid.summarized() => 1,
            0 | 1 => 1,
            rank => shape[rank - 2].max(1),
        };
    }

    /// Finds the broadcast copies under `body`, and the layer of boxes.
    fn index_copies(&mut self, body: &web_sys::Element) {
        self.layer = body.query_selector(".tp-marks").ok().flatten();
        let Some(shape) = self.stretched.clone() else { return };
        let Ok(list) = body.query_selector_all(".tp-copy") else { return };
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            let Some(at) = el.get_attribute("data-at") else { continue };
            let index: Option<Vec<usize>> =
                at.split(',').filter(|s| !s.is_empty()).map(|s| s.parse().ok()).collect();
            if let Some(index) = index.filter(|i| i.len() == shape.len()) {
                let flat = index.iter().zip(&shape).fold(0, |flat, (&i, &n)| flat * n + i);
                self.copies.insert(flat, el);
            }
        }
    }

    /// Lights the broadcast copies at `lit` (positions in the stretched
    /// shape) as sources, and puts out the others.
    fn paint_copies(&mut self, mut lit: Vec<usize>) {
        lit.retain(|f| self.copies.contains_key(f));
        lit.sort_unstable();
        lit.dedup();
        for f in self.lit_copies.iter().filter(|f| lit.binary_search(f).is_err()) {
            let _ = self.copies[f].remove_attribute("data-source");
        }
        for f in lit.iter().filter(|f| self.lit_copies.binary_search(f).is_err()) {
            let _ = self.copies[f].set_attribute("data-source", "true");
        }
        self.lit_copies = lit;
    }

    /// Repaints the cells whose look changed, and the boxes under them.
    fn paint(&mut self, next: HashMap<usize, Look>) {
        self.draw_boxes(&next);
        let changed: Vec<usize> = self
            .painted
            .keys()
            .chain(next.keys())
            .copied()
            .filter(|f| self.painted.get(f) != next.get(f))
            .collect();
        for f in changed {
            let Some((el, text)) = self.cells.get(&f) else { continue };
            let before = self.painted.get(&f).copied().unwrap_or_default();
            let after = next.get(&f).copied().unwrap_or_default();
            for ((name, old), (_, new)) in before.attributes().into_iter().zip(after.attributes()) {
                if old != new {
                    let _ = match new {
                        Some(v) => el.set_attribute(name, &v),
                        None => el.remove_attribute(name),
                    };
                }
            }
            if (before.concealed, before.pending) != (after.concealed, after.pending) {
                let shown = if after.concealed {
                    "?"
                } else if after.pending {
                    ""
                } else {
                    text.as_str()
                };
                // The text node's data, not the span's content: the page keeps
                // hold of that node to update it when the next drawing
                // reuses this cell, and a replaced node would never show
                // that update.
                if let Some(value) =
                    el.query_selector(".tp-value").ok().flatten().and_then(|span| span.first_child())
                {
                    value.set_node_value(Some(shown));
                }
                // A heatmap cell is named by its value (see `tensor_grid`).
                if el.has_attribute("aria-label") {
                    let _ = el.set_attribute("aria-label", shown);
                }
            }
        }
        self.painted = next;
    }

    /// The runs of marked cells in `looks`: drawn cells side by side in one
    /// row with the same classes make one run (a summarised grid's hidden
    /// elements are never drawn, so two drawn neighbours in row-major order
    /// always sit side by side). Cells whose mark has a marker of its own
    /// (a winner's star, a pick's tick) get a box each.
    fn runs(&self, looks: &HashMap<usize, Look>) -> Vec<Run> {
        // Sorting the positions alone shares std's sort with lineage's.
        let mut marked: Vec<usize> = looks
            .iter()
            .filter(|(f, look)| look.marked() && self.cells.contains_key(f))
            .map(|(&f, _)| f)
            .collect();
        marked.sort_unstable();
        let mut runs: Vec<(Run, bool)> = Vec::new();
        for f in marked {
            let look = &looks[&f];
            let (classes, joins) = (look.mark(), !(look.winner || look.picked || look.best));
            match runs.last_mut() {
                Some((run, true))
                    if joins && run.last + 1 == f && f % self.row != 0 && run.classes == classes =>
                {
                    run.last = f
                }
                _ => runs.push((Run { first: f, last: f, classes }, joins)),
            }
        }
        self.stack(runs)
    }

    /// Joins runs of the same columns in consecutive rows of a block into
    /// rectangles (runs come in row-major order, and stay in it).
    fn stack(&self, runs: Vec<(Run, bool)>) -> Vec<Run> {
        let row = self.row;
        let mut out: Vec<(Run, bool)> = Vec::with_capacity(runs.len());
        // For each rectangle still open: its bottom row and columns, by position in `out`.
        let mut open: HashMap<(usize, usize, usize), usize> = HashMap::new();
        for (run, joins) in runs {
            let (r, start, end) = (run.first / row, run.first % row, run.last % row);
            let above = (r % self.block_rows != 0 && joins)
                .then(|| open.get(&(r - 1, start, end)).copied())
                .flatten()
                .filter(|&i| out[i].0.classes == run.classes);
            match above {
                Some(i) => {
                    out[i].0.last = run.last;
                    open.remove(&(r - 1, start, end));
                    open.insert((r, start, end), i);
                }
                None => {
                    if joins {
                        open.insert((r, start, end), out.len());
                    }
                    out.push((run, joins));
                }
            }
        }
        out.into_iter().map(|(run, _)| run).collect()
    }

    /// Makes the boxes in the layer those of `looks`' runs, touching only
    /// the runs that changed.
    fn draw_boxes(&mut self, looks: &HashMap<usize, Look>) {
        let Some(layer) = self.layer.clone() else { return };
        let runs = self.runs(looks);
        if runs.is_empty() {
            // Lights out: one change empties the layer.
            if !self.boxes.is_empty() {
                layer.set_text_content(None);
                self.boxes.clear();
            }
            return;
        }
        // Both lists are in row-major order of their first cells: walk them
        // together, keeping the boxes of unchanged runs.
        let mut old = std::mem::take(&mut self.boxes).into_iter().peekable();
        let mut drawn: Vec<(Run, Option<web_sys::Element>)> = Vec::with_capacity(runs.len());
        for run in runs {
            while let Some((_, el)) =
                old.next_if(|(o, _)| o.first < run.first || (o.first == run.first && *o != run))
            {
                el.remove();
            }
            let kept = old.next_if(|(o, _)| *o == run).map(|(_, el)| el);
            drawn.push((run, kept));
        }
        old.for_each(|(_, el)| el.remove());
        if drawn.iter().any(|(_, el)| el.is_none()) {
            // Measured before anything is added, so that measuring never
            // makes the browser lay the page out again; new boxes go in at once.
            let origin = layer.get_bounding_client_rect();
            let places: Vec<Option<String>> = drawn
                .iter()
                .map(|(run, el)| if el.is_none() { self.place(run, &origin) } else { None })
                .collect();
            let fresh = document().create_document_fragment();
            for ((run, el), place) in drawn.iter_mut().zip(places) {
                if let Some(place) = place
                    && let Ok(new) = document().create_element("div")
                {
                    new.set_class_name(&run.classes);
                    let _ = new.set_attribute("style", &place);
                    let _ = fresh.append_child(&new);
                    *el = Some(new);
                }
            }
            let _ = layer.append_child(&fresh);
        }
        self.boxes = drawn.into_iter().filter_map(|(run, el)| Some((run, el?))).collect();
    }

    /// Takes back everything painted: the page may reuse this grid's cells
    /// for the next drawing's grid in the same place, which must not inherit
    /// its marks, hidden values or focus stop.
    fn clear(&mut self, first: usize, roving: usize) {
        self.paint(HashMap::new());
        if roving != first
            && let (Some((old, _)), Some((home, _))) = (self.cells.get(&roving), self.cells.get(&first))
        {
            let _ = old.set_attribute("tabindex", "-1");
            let _ = home.set_attribute("tabindex", "0");
        }
    }

    /// The position and size of a run's box in the marks layer (whose box
    /// is `origin`), as a `style`.
    fn place(&self, run: &Run, origin: &web_sys::DomRect) -> Option<String> {
        let first = self.cells.get(&run.first)?.0.get_bounding_client_rect();
        let last = if run.last == run.first {
            first.clone()
        } else {
            self.cells.get(&run.last)?.0.get_bounding_client_rect()
        };
        // Hundredths of a pixel are finer than any screen draws.
        let px = |v: f64| float::fixed(v, 2);
        Some(format!(
            "left: {}px; top: {}px; width: {}px; height: {}px",
            px(first.left() - origin.left()),
            px(first.top() - origin.top()),
            px(last.right() - first.left()),
            px(last.bottom() - first.top())
        ))
    }

    /// Puts every box back under its cells, after the cells moved or resized.
    fn replace(&self) {
        let Some(origin) = self.layer.as_ref().map(|l| l.get_bounding_client_rect()) else { return };
        let places: Vec<_> = self.boxes.iter().map(|(run, _)| self.place(run, &origin)).collect();
        for ((_, el), place) in self.boxes.iter().zip(places) {
            if let Some(place) = place {
                let _ = el.set_attribute("style", &place);
            }
        }
    }
}

/// The element the event happened in, if it is (inside) a cell.
fn event_cell(ev: &web_sys::Event) -> Option<web_sys::Element> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest("[role=gridcell]").ok().flatten()
}

/// A cell element's row-major position, from its `data-index`.
fn cell_flat(el: &web_sys::Element, grid: &Grid) -> Option<usize> {
    let text = el.get_attribute("data-index")?;
    let index: Vec<usize> =
        text.split(',').filter(|s| !s.is_empty()).map(|s| s.parse().ok()).collect::<Option<_>>()?;
    (index.len() == grid.shape().len()).then(|| grid.flat(&index))
}

/// Where a grid stands among the grids of its drawing (see `arrows`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Its position in the drawing.
    pub at: usize,
    /// The positions of the grids it was computed from directly.
    pub from: Vec<usize>,
    /// Its stage (column) and slot (row) in the flow.
    pub stage: usize,
    /// See `stage`.
    pub slot: usize,
}

impl Place {
    /// `data-from`: the positions, space-separated.
    pub fn inputs_text(&self) -> String {
        self.from.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(" ")
    }

    /// Its cell of the section's CSS grid.
    pub fn style(&self) -> String {
        format!("grid-column: {}; grid-row: {}", self.stage + 1, self.slot + 1)
    }
}

/// Adds piece `at` of a big grid's rows (and, a task later, the next one)
/// to the grid in `body`; says when they are all in.
/// A big grid's rows still to draw.
struct Pieces {
    all: Rc<Vec<Piece>>,
    /// Writes a piece's markup.
    markup: Rc<dyn Fn(&Piece) -> String>,
    /// Told of each row a piece adds (so the cells are found a piece at a
    /// time too, rather than all 4096 in one task at the end).
    added: Rc<dyn Fn(&web_sys::Element)>,
}

/// Draws a big grid's pieces from the `at`th on, one task each.
fn fill_in(body: web_sys::Element, pieces: Pieces, at: usize, filled: RwSignal<bool>) {
    let Some(piece) = pieces.all.get(at) else {
        let _ = filled.try_set(true);
        // Its section skipped measuring while the pieces came (see
        // `arrows::draw`): the grid is whole, so measure now.
        if let Some(section) = body.closest(".tp-grids").ok().flatten().and_then(|s| s.dyn_into().ok()) {
            super::arrows::draw(&section, true);
        }
        return;
    };
    if let Ok(Some(block)) = body.query_selector(&format!("[data-block=\"{}\"]", piece.block)) {
        let before = block.last_element_child();
        let _ = block.insert_adjacent_html("beforeend", &(pieces.markup)(piece));
        let mut row = match before {
            Some(last) => last.next_element_sibling(),
            None => block.first_element_child(),
        };
        while let Some(el) = row {
            (pieces.added)(&el);
            row = el.next_element_sibling();
        }
    }
    set_timeout(move || fill_in(body, pieces, at + 1, filled), std::time::Duration::ZERO);
}

/// An index as the `data-index` attribute writes it: `2,3`.
fn index_text(index: &[usize]) -> String {
    index.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

/// Names as a JSON array (`data-inputs`), written by the browser's own JSON.
fn names_json(names: &[String]) -> String {
    let array: js_sys::Array = names.iter().map(|n| wasm_bindgen::JsValue::from_str(n)).collect();
    js_sys::JSON::stringify(&array).map(String::from).unwrap_or_else(|_| "[]".to_string())
}

/// The first drawn index (all zeros, or the scalar's empty index).
fn first_index(positions: &[Vec<Option<usize>>]) -> Vec<usize> {
    positions.iter().map(|p| p.iter().flatten().next().copied().unwrap_or(0)).collect()
}

/// The plan of `grid`'s drawing: its dims as drawn (stretched when it is
/// broadcast) and its axes' captions.
fn plan(grid: &Grid, flow: &GridFlow) -> Plan {
    let own = grid.shape();
    let axes = (0..own.len())
        .map(|k| AxisInfo {
            key: flow.keys.get(k).copied().unwrap_or(k),
            origin: flow.origins.get(k).cloned().flatten(),
            reduced: grid.reduced_dims.contains(&k),
            kept: grid.kept_dims.contains(&k),
            stretched_to: None,
        })
        .collect();
    let mut plan = Plan { name: grid.name.clone(), dims: Vec::new(), axes };
    match &flow.stretched {
        None => {
            plan.dims = (0..own.len())
                .map(|k| DrawnDim { own: Some(k), size: own[k], positions: grid.positions(k), major: None })
                .collect();
        }
        Some(shape) => {
            let extra = shape.len() - own.len();
            for (d, &n) in shape.iter().enumerate() {
                let k = d.checked_sub(extra);
                let size = k.map_or(1, |k| own[k]);
                if let Some(k) = k
                    && size != n
                {
                    plan.axes[k].stretched_to = Some(n);
                }
                plan.dims.push(DrawnDim {
                    own: k,
                    size,
                    positions: printed_positions(n, false),
                    major: None,
                });
            }
        }
    }
    plan
}

/// A tensor's grid: caption, axes, index ticks and cells (contract
/// sections 2, 3 and 6).
#[component]
pub fn TensorGrid(
    /// The tensor to draw.
    grid: Rc<Grid>,
    /// How it connects to the other grids.
    flow: GridFlow,
    /// Whether the learner may type new values into its cells.
    editable: bool,
    /// Tints of show-all mode, shared by every grid of the drawing.
    tints: Rc<HashMap<(usize, usize), Option<usize>>>,
    /// Where it stands among the grids: its position in the drawing, the
    /// positions of the grids it was computed from, and its stage and slot.
    place: Place,
) -> impl IntoView {
    let state = expect_context::<PlaygroundState>();
    let node = grid.node;
    let role = grid.role;
    let shape = grid.shape().to_vec();
    let rank = shape.len();
    let positions: Vec<Vec<Option<usize>>> = (0..rank).map(|k| grid.positions(k)).collect();
    let name = grid.name.clone();
    let size_text =
        format!("torch.Size([{}])", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "));
    let data_shape = shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",");
    let role_class = match grid.role {
        GridRole::Input => "tp-grid tp-input",
        GridRole::Step => "tp-grid tp-step",
        GridRole::Result => "tp-grid tp-result",
    };
    let dtype = grid.dtype();
    // As in PyTorch's repr: only dtypes other than the defaults are named.
    let dtype_note =
        (!matches!(dtype, DType::Float32 | DType::Int64 | DType::Bool)).then(|| format!("dtype={dtype}"));
    let first = grid.flat(&first_index(&positions));
    let editing = RwSignal::new(None::<(usize, String)>);
    let body = NodeRef::<leptos::html::Div>::new();
    let mut plan = plan(&grid, &flow);
    let columns = plan.dims.last().map_or(1, |d| d.positions.len());
    let drawn_cells: usize = plan.dims.iter().map(|d| d.positions.len()).product();
    let heat = Heat::of(&grid, columns, drawn_cells);
    if heat.is_some() {
        for d in &mut plan.dims {
            d.major = Some(tick_step(d.positions.len()));
        }
    }
    let inputs = names_json(&flow.inputs);
    let copies_of = flow.broadcast_by.clone();
    let shared = StoredValue::new_local((Rc::clone(&grid), tints));
    let painter = StoredValue::new_local(Painter { stretched: flow.stretched.clone(), ..Painter::default() });
    // Whether all the grid's cells are in (see `fill_in`).
    let filled = RwSignal::new(true);
    let roving = StoredValue::new_local(first);

    let gradient = use_context::<GradientView>();
    Effect::new(move |_| {
        let mut next = shared.with_value(|(grid, tints)| looks(&state, grid, tints));
        for (f, mark) in gradient.map(|g| g.marks(node)).unwrap_or_default() {
            next.entry(f).or_default().grad = Some(mark);
        }
        let copies = lit_copies(&state, &copies_of);
        // A big grid is painted once all its rows are in.
        if !filled.get() {
            return;
        }
        let Some(el) = body.get() else { return };
        shared.with_value(|(grid, _)| painter.update_value(|p| p.index(&el, grid)));
        painter.update_value(|p| {
            p.paint(next);
            p.paint_copies(copies);
        });
    });

    // The cells move when the page lays the grid out anew (a phone turned
    // round, the text zoomed): the boxes under them follow.
    let moved = ResizeWatch::new();
    body.on_load(move |el| {
        if let Ok(Some(grid)) = el.query_selector("[role=grid]") {
            moved.watch(&grid, move || painter.with_value(Painter::replace));
        }
    });
    on_cleanup(move || {
        if let Some(roving) = roving.try_get_value() {
            painter.try_update_value(|p| p.clear(first, roving));
        }
    });

    let cell_of = move |ev: &web_sys::Event| -> Option<(web_sys::Element, usize)> {
        let el = event_cell(ev)?;
        let flat = shared.with_value(|(grid, _)| cell_flat(&el, grid))?;
        Some((el, flat))
    };
    let cell = move |flat: usize| CellRef { node, flat };
    let activate = move |flat: usize| {
        if state.picking.get_untracked() {
            if role == GridRole::Input {
                state.toggle_pick(cell(flat));
            }
        } else {
            state.toggle_pin(cell(flat));
        }
    };
    let start_editing = move |el: &web_sys::Element, flat: usize| {
        if editable && state.session.with_untracked(|s| s.run().error.is_none()) {
            editing.set(Some((flat, el.text_content().unwrap_or_default())));
        }
    };
    let on_keydown = {
        let positions = positions.clone();
        move |ev: ev::KeyboardEvent| {
            let Some((el, flat)) = cell_of(&ev) else { return };
            let index = shared.with_value(|(grid, _)| grid.index(flat));
            match ev.key().as_str() {
                "Enter" | " " => {
                    ev.prevent_default();
                    activate(flat);
                }
                "F2" => start_editing(&el, flat),
                "Escape" => state.pinned.set(None),
                key => {
                    let Some(to) = Move::from_key(key).and_then(|mv| step(&positions, &index, mv)) else {
                        return;
                    };
                    ev.prevent_default();
                    let selector = format!(
                        "[data-index=\"{}\"]",
                        to.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",")
                    );
                    if let Some(grid_el) = body.get_untracked()
                        && let Ok(Some(next)) = grid_el.query_selector(&selector)
                        && let Ok(next) = next.dyn_into::<web_sys::HtmlElement>()
                    {
                        let _ = next.focus();
                    }
                }
            }
        }
    };
    // Tab lands on one cell per grid: the last one focused.
    let on_focusin = move |ev: ev::FocusEvent| {
        let Some((el, flat)) = cell_of(&ev) else { return };
        let previous = roving.get_value();
        if previous != flat {
            painter.with_value(|p| {
                if let Some((old, _)) = p.cells.get(&previous) {
                    let _ = old.set_attribute("tabindex", "-1");
                }
            });
            let _ = el.set_attribute("tabindex", "0");
            roving.set_value(flat);
        }
        state.hover(Some(cell(flat)));
    };

    let hidden = move || {
        shared.with_value(|(grid, _)| {
            if !grid.summarized() {
                return None;
            }
            state.highlight.with(|h| {
                let (_, lit) = h.as_ref()?;
                let count =
                    |m: &Marks| m.get(node).map_or(0, |s| s.iter().filter(|&&f| !grid.is_drawn(f)).count());
                let (sources, targets) = (count(&lit.sources), count(&lit.targets));
                let mut parts = Vec::new();
                if sources > 0 {
                    parts.push(format!("+ {sources} more sources"));
                }
                if targets > 0 {
                    parts.push(format!("+ {targets} more targets"));
                }
                (!parts.is_empty()).then(|| parts.join(", "))
            })
        })
    };

    // Typing a new value: one field over the cell being edited.
    let edit_error = RwSignal::new(None::<String>);
    let editor = move || {
        let (flat, current) = editing.get()?;
        let (left, top, width, height) = painter.with_value(|p| {
            let el = p.cells.get(&flat)?.0.clone();
            let area = body.get_untracked()?;
            // Measured against the grid's body, which the field is placed
            // in: the cell's offsetTop would count from its row.
            let (cell, origin) = (el.get_bounding_client_rect(), area.get_bounding_client_rect());
            let left = cell.left() - origin.left() + f64::from(area.scroll_left());
            let top = cell.top() - origin.top() + f64::from(area.scroll_top());
            Some((left, top, cell.width(), cell.height()))
        })?;
        let commit = move |text: String, leaving: bool| {
            let Some(shown) = editing.get_untracked().filter(|(f, _)| *f == flat).map(|(_, shown)| shown)
            else {
                return;
            };
            match state.drawing.with_untracked(|s| s.with_element(node, flat, &text)) {
                Ok(code) => {
                    editing.set(None);
                    edit_error.set(None);
                    state.set_code(code, Change::Deliberate);
                }
                Err(why) => {
                    // Said, never dropped: the field stays for another try,
                    // unless the learner has left it.
                    let stays = shown.trim_end_matches('.');
                    edit_error.set(Some(if leaving {
                        format!("Not changed: {why}; the value stays {stays}.")
                    } else {
                        format!("{why}: type a number such as 2, -0.5 or 1e3 (Escape leaves {stays}).")
                    }));
                    if leaving {
                        editing.set(None);
                    }
                }
            }
        };
        let field = NodeRef::<leptos::html::Input>::new();
        field.on_load(|input| {
            let _ = input.focus();
            input.select();
        });
        let px = |v: f64| float::fixed(v, 1);
        Some(view! {
            <input
                node_ref=field
                class="tp-cell-input"
                aria-label="new value"
                aria-describedby=move || edit_error.with(Option::is_some).then_some("tp-edit-error")
                value=current
                style=format!(
                    "left: {}px; top: {}px; width: {}px; height: {}px",
                    px(left),
                    px(top),
                    px(width.max(48.0)),
                    px(height)
                )
                on:keydown=move |ev: ev::KeyboardEvent| {
                    ev.stop_propagation();
                    match ev.key().as_str() {
                        "Enter" => commit(event_target_value(&ev), false),
                        "Escape" => {
                            edit_error.set(None);
                            editing.set(None);
                        }
                        _ => {}
                    }
                }
                on:blur=move |ev| commit(event_target_value(&ev), true)
            />
        })
    };
    let edit_note = move || {
        edit_error.get().map(|e| view! { <p id="tp-edit-error" class="tp-edit-error" role="alert">{e}</p> })
    };

    // Writes one cell's markup; kept (with the plan) to write a big grid's
    // later pieces when they are drawn.
    let plan = Rc::new(plan);
    let write_cell = {
        let flat_indices = flow.flat_indices && heat.is_none();
        let (plan, grid) = (Rc::clone(&plan), Rc::clone(&grid));
        move |out: &mut String, at: &[usize]| {
            let index = plan.own_index(at);
            let data_index = index_text(&index);
            // Numbers as PyTorch writes them: nothing to escape.
            let text = grid.text(&index);
            let fill = heat.map(|h| format!(" {}", h.class(grid.value(&index)))).unwrap_or_default();
            if !plan.is_real(at) {
                // A broadcast copy: seen, not a stop for the keyboard or a
                // screen reader, which meet the real element once.
                let _ = write!(
                    out,
                    "<div class=\"tp-cell tp-copy{fill}\" data-broadcast-of=\"{data_index}\" data-at=\"{}\" \
                     aria-hidden=\"true\"><span class=\"tp-value\">{text}</span></div>",
                    index_text(at)
                );
                return;
            }
            let flat = grid.flat(&index);
            let tabindex = if flat == first { "0" } else { "-1" };
            // A heatmap cell's number is not drawn (style.css): its name says it.
            // (Hiding the text from sight only, as small grids' labels are,
            // clips 4096 elements, which made each hover's hit test and
            // paint cost several milliseconds; docs/benchmarks.md.)
            let name = if heat.is_some() { format!(" aria-label=\"{text}\"") } else { String::new() };
            let _ = write!(
                out,
                "<div role=\"gridcell\" class=\"tp-cell{fill}\" data-index=\"{data_index}\" tabindex=\"{tabindex}\"{name}>"
            );
            if flat_indices {
                let _ = write!(out, "<span class=\"tp-flat\" aria-hidden=\"true\">{flat}</span>");
            }
            let _ = write!(out, "<span class=\"tp-value\">{text}</span></div>");
        }
    };
    let mut cells = layout(&plan, &write_cell);
    let rows = plan
        .dims
        .len()
        .checked_sub(2)
        .map_or(0, |d| plan.dims[d].positions.iter().flatten().max().copied().unwrap_or(0));
    let chars =
        format!("--tp-cell-chars: {}; --tp-row-chars: {}", grid.longest_text(), rows.to_string().len());
    // A big grid's rows arrive a piece at a time, each laid out in a task
    // of its own, so that drawing 4096 cells never stops the page for long.
    let pieces = std::mem::take(&mut cells.pieces);
    filled.set(pieces.is_empty());
    if !pieces.is_empty() {
        let pieces = Rc::new(pieces);
        let plan = Rc::clone(&plan);
        let markup: Rc<dyn Fn(&Piece) -> String> =
            Rc::new(move |piece: &Piece| piece.markup(&plan, &write_cell));
        let added: Rc<dyn Fn(&web_sys::Element)> = Rc::new(move |rows: &web_sys::Element| {
            shared.with_value(|(grid, _)| painter.update_value(|p| p.add_cells(rows, grid)));
        });
        body.on_load(move |el| {
            let el: web_sys::Element = el.into();
            // The rows drawn at once first.
            added(&el);
            fill_in(el, Pieces { all: pieces, markup, added }, 0, filled);
        });
    }
    let label = format!("{name}, {size_text}");
    let role_class = if heat.is_some() { format!("{role_class} tp-heatmap") } else { role_class.to_string() };
    let heat_style = format!("; --tp-heat-cols: {columns}");
    // A heatmap's cells are too small for their numbers: the element
    // pointed at is read out above them, and a legend gives the scale.
    let readout = heat.map(|_| {
        let readout = move || {
            state.highlight.with(|h| {
                let (active, lit) = h.as_ref()?;
                shared.with_value(|(grid, _)| {
                    if active.node == node {
                        let index = grid.index(active.flat);
                        let at = index.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
                        return Some(format!("{}[{at}] = {}", indexable(&grid.name), grid.text(&index)));
                    }
                    let n = lit.sources.get(node).map_or(0, <[usize]>::len)
                        + lit.targets.get(node).map_or(0, <[usize]>::len);
                    (n > 0).then(|| format!("{n} {} lit", if n == 1 { "element" } else { "elements" }))
                })
            })
        };
        view! {
            <p class="tp-readout" data-testid="readout" aria-hidden="true">
                {move || readout().unwrap_or_else(|| "Point at a cell to read its value.".to_string())}
            </p>
        }
    });
    let legend = heat.map(|h| {
        let ends = |v: f64| {
            let text = float::fixed(v, 4);
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        view! {
            <div class="tp-legend" aria-hidden="true">
                <span>{ends(h.low)}</span>
                <span class="tp-legend-bar" style=format!("background: {}", Heat::gradient())></span>
                <span>{ends(h.high)}</span>
            </div>
        }
    });
    view! {
        <figure class=role_class data-testid="tensor-grid" data-name=name.clone() data-shape=data_shape
            data-inputs=inputs data-grid=place.at.to_string() data-from=place.inputs_text()
            data-node=node.to_string()
            style=format!("{chars}; {}{heat_style}", place.style())>
            <figcaption>
                <code class="tp-name">{name.clone()}</code>
                <span class="tp-size">{size_text}</span>
                {dtype_note.map(|d| view! { <span class="tp-dtype">{d}</span> })}
            </figcaption>
            {readout}
            // The value editor floats over its cell, so it sits beside the
            // `grid` (in the same scrolling box), never inside it: a grid may
            // only own rows (axe: aria-required-children).
            <div
                node_ref=body
                class="tp-grid-body"
                on:keydown=on_keydown
                on:focusin=on_focusin
                on:focusout=move |_| state.hover(None)
                on:mouseover=move |ev| state.hover(cell_of(&ev).map(|(_, f)| cell(f)))
                on:mouseleave=move |_| state.hover(None)
                on:click=move |ev| {
                    if let Some((_, f)) = cell_of(&ev) {
                        activate(f);
                    }
                }
                on:dblclick=move |ev| {
                    if let Some((el, f)) = cell_of(&ev) {
                        start_editing(&el, f);
                    }
                }
            >
                <div class="tp-marks" aria-hidden="true"></div>
                <div role="grid" aria-label=label aria-busy=move || (!filled.get()).then_some("true")
                    inner_html=cells.shell></div>
                {editor}
            </div>
            {legend}
            {edit_note}
            <p class="tp-hidden" aria-hidden="true">{hidden}</p>
        </figure>
    }
}
