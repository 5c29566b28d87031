//! What the page draws: one grid per tensor on the focus's data flow, with
//! PyTorch's number format, and the highlight for an active cell.

use super::Session;
use crate::lang::Run;
use crate::tensor::format::ElementFormat;
use crate::tensor::format::tensor::printed_positions;
use crate::tensor::lineage::{Marks, NodeId, Step};
use crate::tensor::marks::ids_of;
use crate::tensor::{DType, Tensor};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Grids with more elements than this are drawn summarised, as PyTorch
/// prints them (edges of each dim and `...`), so the page stays small; and
/// no grid draws more places than this (`drawn_edges`).
pub const MAX_DRAWN: usize = 4096;

/// The most cells one drawing holds over all its grids (two full 64x64
/// heatmaps). Past it, steps on the way to the result are left out
/// (inputs and results are always drawn): a hundred chained 64x64 sums
/// would otherwise be 409,600 cells, seconds of layout and gigabytes of
/// page, and every cell more is layout work for every grid's change.
pub const MAX_CELLS: usize = 8192;

/// The most grids one drawing holds, for the same reason.
pub const MAX_GRIDS: usize = 24;

/// The most cells a drawing's inputs and results may hold, which it keeps
/// before any step: a product's two 64x64 inputs and its result fit.
pub const MAX_KEPT_CELLS: usize = 4 * MAX_DRAWN;

/// How many places a drawing of `shape` has: its element count, with an
/// empty dim counted as one (its rows and blocks are drawn, without cells).
pub(super) fn drawn_size(shape: &[usize]) -> usize {
    shape.iter().fold(1usize, |n, &d| n.saturating_mul(d.max(1)))
}

/// How many positions at each end of a dim PyTorch prints of a summarised tensor.
const PRINTED_EDGE: usize = 3;

/// For each dim of a summarised grid of `shape`, how many positions are
/// drawn at each of its ends: PyTorch's 3, unless that still makes more
/// than `MAX_DRAWN` places (many small dims: all 3**15 elements of a
/// tensor of fifteen 3s print), in which case the outer dims, outermost
/// first, draw only their first and last positions (1), then only their
/// first (0), until the grid fits; the matrix its last two dims make is
/// the last to shrink.
fn drawn_edges(shape: &[usize]) -> Vec<usize> {
    let mut edges = vec![PRINTED_EDGE; shape.len()];
    let places = |edges: &[usize]| {
        shape.iter().zip(edges).fold(1usize, |p, (&n, &e)| p.saturating_mul(drawn_count(n, e).max(1)))
    };
    for edge in [1, 0] {
        for k in 0..shape.len() {
            if places(&edges) <= MAX_DRAWN {
                return edges;
            }
            edges[k] = edge;
        }
    }
    edges
}

/// How many positions of a dim of `size` are drawn with `edge` at each end.
fn drawn_count(size: usize, edge: usize) -> usize {
    match edge {
        0 => size.min(1),
        e if size > 2 * e => 2 * e,
        _ => size,
    }
}

/// The positions of a dim of `size` drawn with `edge` at each end (only
/// the first when `edge` is 0), `None` for the gap between.
fn positions_at_edges(size: usize, edge: usize) -> Vec<Option<usize>> {
    match edge {
        0 if size > 1 => vec![Some(0), None],
        e if e > 0 && size > 2 * e => {
            (0..e).map(Some).chain([None]).chain((size - e..size).map(Some)).collect()
        }
        _ => (0..size).map(Some).collect(),
    }
}

/// Where a grid stands in the data flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GridRole {
    /// A tensor built from data.
    Input,
    /// A tensor computed on the way to the result.
    Step,
    /// The value of the last expression (or one of its values and indices).
    Result,
}

/// One tensor the page draws, with its drawn elements written out.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Grid {
    /// Its node in the lineage graph.
    pub node: NodeId,
    /// The variable name or the expression text it shows.
    pub name: String,
    /// Its role in the data flow.
    pub role: GridRole,
    /// Dims that a reduction drawn after it collapses.
    pub reduced_dims: Vec<usize>,
    /// Dims its own reduction kept as size 1 (`keepdim=True`).
    pub kept_dims: Vec<usize>,
    shape: Vec<usize>,
    dtype: DType,
    /// The drawn elements, in row-major order, as PyTorch writes them in
    /// this tensor (one format for all, so the columns line up)...
    #[serde(with = "compact::texts")]
    texts: Vec<String>,
    /// ... and as numbers (booleans as 0 and 1), for the walk-through.
    #[serde(with = "compact::numbers")]
    values: Vec<f64>,
}

/// How a grid's elements cross from the worker to the page: all texts as
/// one string and all numbers as one byte buffer. A 64x64 grid as 4096
/// strings and 4096 numbers took the page's main thread a long time to
/// read one by one; as two values it is two copies.
mod compact {
    /// Texts joined by a character no element's text holds.
    pub mod texts {
        use serde::{Deserialize, Deserializer, Serializer};

        const SEPARATOR: char = '\u{1f}';

        pub fn serialize<S: Serializer>(texts: &[String], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(&texts.join(&SEPARATOR.to_string()))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
            let joined = String::deserialize(d)?;
            if joined.is_empty() {
                // No element, or one whose text is empty: a grid always has
                // at least one drawn element unless it has none at all.
                return Ok(Vec::new());
            }
            Ok(joined.split(SEPARATOR).map(str::to_string).collect())
        }
    }

    /// Numbers as their little-endian bytes.
    pub mod numbers {
        use serde::{Deserializer, Serializer};
        use serde_bytes::ByteBuf;

        pub fn serialize<S: Serializer>(values: &[f64], s: S) -> Result<S::Ok, S::Error> {
            let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
            serde_bytes::serialize(&bytes, s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
            let bytes: ByteBuf = serde_bytes::deserialize(d)?;
            Ok(bytes.chunks_exact(8).map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes"))).collect())
        }
    }
}

impl Grid {
    /// Draws `tensor`, node `node` of the data flow.
    fn new(node: NodeId, name: String, role: GridRole, tensor: &Tensor) -> Grid {
        let format = ElementFormat::for_tensor(tensor);
        let mut grid = Grid {
            node,
            name,
            role,
            reduced_dims: Vec::new(),
            kept_dims: Vec::new(),
            shape: tensor.shape().dims().to_vec(),
            dtype: tensor.dtype(),
            texts: Vec::new(),
            values: Vec::new(),
        };
        for index in grid.drawn_indices() {
            let value = tensor.get(&index);
            grid.texts.push(format.format(value));
            grid.values.push(value.to_f64());
        }
        grid
    }

    /// The sizes of its dims.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// How many elements it has (drawn or not).
    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }

    /// Its element type.
    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// Whether it is too large to draw every element. An empty tensor is
    /// drawn as its rows and blocks without cells, so it counts as large
    /// when those are: a 4096 x 4096 x 0 tensor would be 16M empty rows.
    pub fn summarized(&self) -> bool {
        drawn_size(&self.shape) > MAX_DRAWN
    }

    /// For dim `k`, the positions drawn, in order; `None` is the `...` gap.
    pub fn positions(&self, k: usize) -> Vec<Option<usize>> {
        if !self.summarized() {
            return printed_positions(self.shape[k], false);
        }
        positions_at_edges(self.shape[k], drawn_edges(&self.shape)[k])
    }

    /// Where the element at `index` sits among the drawn ones, if drawn.
    fn slot(&self, index: &[usize]) -> Option<usize> {
        if !self.summarized() {
            let flat = self.flat(index);
            return (flat < self.texts.len()).then_some(flat);
        }
        let mut slot = 0;
        for (k, &i) in index.iter().enumerate() {
            let drawn: Vec<usize> = self.positions(k).into_iter().flatten().collect();
            slot = slot * drawn.len() + drawn.iter().position(|&p| p == i)?;
        }
        // An empty tensor has positions along its other dims, but no cells.
        (slot < self.texts.len()).then_some(slot)
    }

    /// The element at `index` as a number (NaN if it is not drawn).
    pub fn value(&self, index: &[usize]) -> f64 {
        self.slot(index).map_or(f64::NAN, |s| self.values[s])
    }

    /// The element at `index`, written as PyTorch writes it in this tensor
    /// (empty if it is not drawn).
    pub fn text(&self, index: &[usize]) -> String {
        self.slot(index).map(|s| self.texts[s].clone()).unwrap_or_default()
    }

    /// The row-major position of `index`.
    pub fn flat(&self, index: &[usize]) -> usize {
        index.iter().zip(&self.shape).fold(0, |flat, (&i, &n)| flat * n + i)
    }

    /// The index at row-major position `flat`.
    pub fn index(&self, flat: usize) -> Vec<usize> {
        let mut index = vec![0; self.shape.len()];
        let mut rest = flat;
        for (k, &n) in self.shape.iter().enumerate().rev() {
            if n > 0 {
                index[k] = rest % n;
                rest /= n;
            }
        }
        index
    }

    /// The indices of the drawn elements, in row-major order.
    pub fn drawn_indices(&self) -> Vec<Vec<usize>> {
        if self.numel() == 0 {
            return Vec::new();
        }
        let mut indices = vec![Vec::new()];
        for k in 0..self.shape.len() {
            let drawn: Vec<usize> = self.positions(k).into_iter().flatten().collect();
            indices = indices
                .into_iter()
                .flat_map(|prefix| {
                    drawn.iter().map(move |&i| {
                        let mut index = prefix.clone();
                        index.push(i);
                        index
                    })
                })
                .collect();
        }
        indices
    }

    /// The row-major positions of the drawn elements, in order.
    pub fn drawn_flats(&self) -> Vec<usize> {
        self.drawn_indices().iter().map(|i| self.flat(i)).collect()
    }

    /// Whether the element at row-major position `flat` is drawn.
    pub fn is_drawn(&self, flat: usize) -> bool {
        if !self.summarized() {
            return true;
        }
        self.index(flat).iter().enumerate().all(|(k, &i)| self.positions(k).contains(&Some(i)))
    }

    /// The longest of its drawn elements' texts, in characters: every
    /// cell of the grid is drawn that wide, so that columns and their index
    /// ticks line up.
    pub fn longest_text(&self) -> usize {
        self.texts.iter().map(|t| t.chars().count()).max().unwrap_or(1)
    }
}

/// What lights up when a cell is active (contract section 3).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    /// Elements of other grids the active cell was computed from.
    pub sources: Marks,
    /// The sources through which a selection picked it.
    pub winners: Marks,
    /// Elements of other grids computed from the active cell.
    pub targets: Marks,
}

/// The tensors a drawing starts from, and which of them are its results:
/// the last expression's value (its own results); or, once a statement
/// failed, what it read and computed before it did (no results: it has
/// none), so that an error shows the tensors involved.
fn roots(run: &Run) -> (&[NodeId], &[NodeId]) {
    match &run.focus {
        _ if !run.involved.is_empty() => (&run.involved, &[]),
        Some(focus) => (&focus.grids, &focus.grids),
        None => (&[], &[]),
    }
}

/// The nodes a drawing shows: its roots and everything they were computed
/// from (and still hold values). In increasing order.
pub(super) fn drawn_nodes(run: &Run) -> Vec<NodeId> {
    let (roots, _) = roots(run);
    let mut drawn = vec![false; run.graph.nodes().len()];
    let mut walked = vec![false; drawn.len()];
    for &root in roots {
        // A tuple repeating one tensor (`(t,) * 4096`) walks it once.
        if std::mem::replace(&mut walked[root], true) {
            continue;
        }
        for n in run.graph.upstream(root) {
            drawn[n] = run.tensors[n].is_some();
        }
    }
    ids_of(&drawn)
}

/// The grids of a drawing in data-flow order (leaves first, then the
/// steps, each in id order, then the results, values before indices), and
/// how many tensors of the data flow the drawing budget left out.
///
/// Inputs and results are what the learner wrote and what they asked for,
/// so they are kept first (the first result always, then the inputs, then
/// the other results), within `MAX_GRIDS` grids and `MAX_KEPT_CELLS`
/// cells; then the steps on the way, the earliest first, within
/// `MAX_GRIDS` and `MAX_CELLS` in all. Only the
/// grids kept are written out: a tuple of 4096 tensors (`t.split(1)`, or
/// `(t,) * 4096`, which draws `t` once) made 16 million cells in a second
/// of the worker's time and a gigabyte.
pub(super) fn draw_grids(run: &Run, drawn: &[NodeId]) -> (Vec<Grid>, usize) {
    let graph = &run.graph;
    let tensor = |n: NodeId| run.tensors.get(n).and_then(Option::as_ref);
    let mut is_result = vec![false; graph.nodes().len()];
    let results: Vec<NodeId> = roots(run)
        .1
        .iter()
        .copied()
        .filter(|&n| tensor(n).is_some() && !std::mem::replace(&mut is_result[n], true))
        .collect();
    let role = |n: NodeId| match () {
        _ if is_result[n] => GridRole::Result,
        _ if matches!(graph.node(n).step, Step::Leaf) => GridRole::Input,
        _ => GridRole::Step,
    };
    let (inputs, steps): (Vec<NodeId>, Vec<NodeId>) = drawn
        .iter()
        .copied()
        .filter(|&n| !is_result[n] && tensor(n).is_some())
        .partition(|&n| role(n) == GridRole::Input);
    let cells = |n: NodeId| tensor(n).map_or(0, |t| drawn_cells(t.shape().dims()));
    let mut keep = vec![false; graph.nodes().len()];
    let (mut grids, mut total) = (0, 0);
    let (first, rest) = results.split_at(results.len().min(1));
    for (k, &n) in first.iter().chain(&inputs).chain(rest).enumerate() {
        if k == 0 || (grids < MAX_GRIDS && total + cells(n) <= MAX_KEPT_CELLS) {
            keep[n] = true;
            grids += 1;
            total += cells(n);
        }
    }
    for &n in &steps {
        if grids >= MAX_GRIDS || total + cells(n) > MAX_CELLS {
            break;
        }
        keep[n] = true;
        grids += 1;
        total += cells(n);
    }
    let candidates = results.len() + inputs.len() + steps.len();
    let mut grids: Vec<Grid> = inputs
        .iter()
        .chain(&steps)
        .chain(&results)
        .filter(|&&n| keep[n])
        .filter_map(|&n| {
            let mut grid = Grid::new(n, graph.node(n).label.clone(), role(n), tensor(n)?);
            if let Step::Reduce { lanes, .. } = &graph.node(n).step
                && lanes.keepdim()
            {
                grid.kept_dims = lanes.reduced_dims().collect();
            }
            Some(grid)
        })
        .collect();
    for &n in drawn {
        if let Step::Reduce { input, lanes, .. } = &graph.node(n).step
            && let Some(grid) = grids.iter_mut().find(|g| g.node == *input)
        {
            grid.reduced_dims.extend(lanes.reduced_dims());
        }
    }
    let left_out = candidates - grids.len();
    with_leaf_grads(run, &mut grids);
    (grids, left_out)
}

/// Adds, right after each drawn leaf that has a `.grad` (a backward ran),
/// that `.grad` as a grid of its own, named as the program would read it
/// (`t.grad`): what `backward()` put there shows without being asked for.
/// It is a leaf tensor, as in PyTorch (`t.grad.is_leaf`), so it stands with
/// the inputs; a grid of it already drawn (`t.grad` as the last line) is
/// not drawn twice, but gets its leaf drawn before it: a gradient means
/// something beside the tensor it is the gradient of. Within the drawing's
/// budget, after everything else.
fn with_leaf_grads(run: &Run, grids: &mut Vec<Grid>) {
    let mut total: usize = grids.iter().map(|g| g.texts.len()).sum();
    // The leaves of gradients drawn without them, in node order, first.
    let mut leaves = 0;
    for (leaf, grad) in &run.grads {
        let Some(tensor) = run.tensors.get(*leaf).and_then(Option::as_ref) else { continue };
        let cells = drawn_cells(tensor.shape().dims());
        if !grids.iter().any(|g| g.node == grad.node)
            || grids.iter().any(|g| g.node == *leaf)
            || grids.len() >= MAX_GRIDS
            || total + cells > MAX_CELLS
        {
            continue;
        }
        total += cells;
        let name = run.graph.node(*leaf).label.clone();
        grids.insert(leaves, Grid::new(*leaf, name, GridRole::Input, tensor));
        leaves += 1;
    }
    let mut at = 0;
    while at < grids.len() {
        let leaf = grids[at].node;
        at += 1;
        if grids[at - 1].role != GridRole::Input {
            continue;
        }
        let Ok(k) = run.grads.binary_search_by_key(&leaf, |(node, _)| *node) else { continue };
        let grad = &run.grads[k].1;
        let cells = drawn_cells(grad.tensor.shape().dims());
        if grids.len() >= MAX_GRIDS || total + cells > MAX_CELLS || grids.iter().any(|g| g.node == grad.node)
        {
            continue;
        }
        total += cells;
        let name = run.graph.node(grad.node).label.clone();
        grids.insert(at, Grid::new(grad.node, name, GridRole::Input, &grad.tensor));
        at += 1;
    }
}

/// How many cells a grid of `shape` draws.
fn drawn_cells(shape: &[usize]) -> usize {
    if shape.contains(&0) {
        return 0;
    }
    if drawn_size(shape) <= MAX_DRAWN {
        return shape.iter().product();
    }
    let edges = drawn_edges(shape);
    shape.iter().zip(&edges).map(|(&n, &e)| drawn_count(n, e)).product()
}

impl Session {
    /// The grids to draw, in data-flow order: inputs first, then the steps,
    /// then the result (values before indices).
    pub fn grids(&self) -> &[Grid] {
        &self.grids
    }

    /// How many tensors of the data flow are not drawn, to keep the page
    /// light (`MAX_CELLS`, `MAX_GRIDS`).
    pub fn left_out(&self) -> usize {
        self.left_out
    }

    /// Why nothing is drawn, for a program without grids.
    pub fn nothing_drawn(&self) -> String {
        let run = self.run();
        if run.error.is_some() {
            return "Nothing to draw: the program stops with an error.".to_string();
        }
        match run.focus.as_ref().map(|f| f.type_name.as_str()) {
            None => "End the program with an expression to see its tensors drawn here.".to_string(),
            Some("NoneType") => {
                "The last line's value is None: end with a tensor to see it drawn.".to_string()
            }
            Some(type_name) => format!(
                "The last line's value is a Python {type_name}, not a tensor: end with a tensor to see it drawn."
            ),
        }
    }

    /// The nodes the page draws: its roots and everything they were
    /// computed from. In increasing order.
    pub fn drawn_nodes(&self) -> &[NodeId] {
        &self.drawn
    }

    /// Show-all mode: each drawn element of the result gets its own tint,
    /// and so does every element it was computed from; an element that
    /// feeds several results gets `None` (drawn as shared).
    pub fn tints(&self) -> HashMap<(NodeId, usize), Option<usize>> {
        let mut tints: HashMap<(NodeId, usize), Option<usize>> = HashMap::new();
        let grids = self.grids();
        let Some(result) = grids.iter().find(|g| g.role == GridRole::Result) else { return tints };
        let graph = &self.run().graph;
        let drawn = result.drawn_flats();
        for (tint, &flat) in drawn.iter().enumerate() {
            tints.insert((result.node, flat), Some(tint));
            for (node, elements) in graph.trace(result.node, flat).sources {
                for e in elements {
                    tints
                        .entry((node, e))
                        .and_modify(|t| {
                            if *t != Some(tint) {
                                *t = None;
                            }
                        })
                        .or_insert(Some(tint));
                }
            }
        }
        tints
    }

    /// The highlight for element `flat` of `node`, over the drawn grids.
    pub fn highlight(&self, node: NodeId, flat: usize) -> Highlight {
        let graph = &self.run().graph;
        let drawn = self.drawn_nodes();
        let trace = graph.trace(node, flat);
        let keep = |mut m: Marks| {
            m.retain_nodes(|n| n != node && drawn.binary_search(&n).is_ok());
            m
        };
        Highlight {
            sources: keep(trace.sources),
            winners: keep(trace.winners),
            targets: keep(graph.targets(node, flat, drawn)),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn says_why_nothing_is_drawn() {
        let why = |p: &str| super::Session::new(p).nothing_drawn();
        assert_eq!(
            why("t = torch.ones(2)"),
            "End the program with an expression to see its tensors drawn here."
        );
        assert_eq!(
            why("t = torch.ones(2)\nt.sum().numel() < t.numel()"),
            "The last line's value is a Python bool, not a tensor: end with a tensor to see it drawn."
        );
        assert_eq!(why("print(1)"), "The last line's value is None: end with a tensor to see it drawn.");
        assert_eq!(why("torch.ones(2).sum(dim=3)"), "Nothing to draw: the program stops with an error.");
    }

    use super::*;

    const SEED: &str = "t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)\n";

    fn grid_names(s: &Session) -> Vec<(String, GridRole)> {
        s.grids().iter().map(|g| (g.name.clone(), g.role)).collect()
    }

    #[test]
    fn a_chain_draws_every_step_inputs_first() {
        let s = Session::new(&format!("{SEED}t.sum(dim=0).argmax()"));
        assert_eq!(
            grid_names(&s),
            vec![
                ("t".to_string(), GridRole::Input),
                ("t.sum(dim=0)".to_string(), GridRole::Step),
                ("t.sum(dim=0).argmax()".to_string(), GridRole::Result),
            ]
        );
        let grids = s.grids();
        assert_eq!(grids[0].reduced_dims, vec![0]);
        assert_eq!(grids[1].reduced_dims, vec![0]);
        assert_eq!(grids[1].text(&[3]), "7.");
    }

    #[test]
    fn after_backward_each_leaf_gradient_is_drawn_beside_its_leaf() {
        let program = "t = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\n\
                       w = torch.tensor([0.5, -1.], requires_grad=True)\n\
                       y = (t * w).sum()\ny.backward()";
        let names = |s: &Session| s.grids().iter().map(|g| (g.name.clone(), g.role)).collect::<Vec<_>>();
        // The last line is the backward: the tensor it ran from is drawn.
        let s = Session::new(program);
        assert_eq!(
            names(&s),
            vec![
                ("t".to_string(), GridRole::Input),
                ("t.grad".to_string(), GridRole::Input),
                ("w".to_string(), GridRole::Input),
                ("w.grad".to_string(), GridRole::Input),
                ("t * w".to_string(), GridRole::Step),
                ("y".to_string(), GridRole::Result),
            ]
        );
        let grad = &s.grids()[1];
        assert_eq!((grad.shape(), grad.text(&[1, 0])), (&[2, 2][..], "0.5000".to_string()));
        // Nothing is printed for it, and its lineage is the tensor's.
        assert_eq!(s.transcript().stdout, "");
        assert_eq!(s.focus_lineage().shape, Some(vec![]));
        // A gradient grid is drawn once, also when it is the last line,
        // and then after its leaf.
        let s = Session::new(&format!("{program}\nt.grad"));
        assert_eq!(
            names(&s),
            vec![("t".to_string(), GridRole::Input), ("t.grad".to_string(), GridRole::Result)]
        );
        assert_eq!(s.grids()[0].text(&[1, 0]), "3.");
        // Before any backward, no gradient is drawn.
        let s = Session::new("t = torch.tensor([1., 2.], requires_grad=True)\n(t * 2).sum()");
        assert_eq!(s.grids().len(), 3);
    }

    #[test]
    fn a_failed_statement_draws_what_it_read_and_computed() {
        // Broadcasting fails after the mean is computed: both are drawn, no result.
        let s = Session::new(&format!("{SEED}t.sum()\nt - t.mean(dim=1)"));
        assert!(s.run().error.is_some());
        assert_eq!(
            grid_names(&s),
            vec![("t".to_string(), GridRole::Input), ("t.mean(dim=1)".to_string(), GridRole::Step)]
        );
        // Pointing at the mean still lights its row.
        let mean = s.grids()[1].node;
        let lit = s.highlight(mean, 2);
        assert_eq!(lit.sources.get(s.grids()[0].node), Some(&[8, 9, 10, 11][..]));
        // A bad dim fails before computing anything: the tensor it named.
        let s = Session::new(&format!("{SEED}t.sum(dim=5)"));
        assert_eq!(grid_names(&s), vec![("t".to_string(), GridRole::Input)]);
        // The failing statement, not an earlier one, even in an assignment.
        let s = Session::new(&format!("{SEED}u = t * 2\nt.sum()\nv = u.argmax(dim=3)\nt"));
        assert_eq!(
            grid_names(&s),
            vec![("t".to_string(), GridRole::Input), ("u".to_string(), GridRole::Step)]
        );
        // Nothing read, nothing computed: the last expression that ran, if any.
        let s = Session::new(&format!("{SEED}t.sum()\ntorch.tensor([[1, 2], [3]])"));
        assert!(s.run().error.is_some());
        assert_eq!(
            grid_names(&s),
            vec![("t".to_string(), GridRole::Input), ("t.sum()".to_string(), GridRole::Result)]
        );
        assert!(Session::new("torch.tensor([[1, 2], [3]])").grids().is_empty());
    }

    #[test]
    fn abs_lights_each_element_its_own_source() {
        for program in
            ["t = torch.tensor([-1., 2., -3.])\nt.abs()", "t = torch.tensor([-1., 2., -3.])\nabs(t)"]
        {
            let s = Session::new(program);
            let grids = s.grids();
            assert_eq!(grids.len(), 2, "{program}");
            assert_eq!(grids[1].text(&[2]), "3.");
            let lit = s.highlight(grids[1].node, 2);
            assert_eq!(lit.sources.get(grids[0].node), Some(&[2][..]));
        }
    }

    #[test]
    fn a_pair_draws_values_then_indices() {
        let s = Session::new(&format!("{SEED}t.max(dim=1)"));
        let names: Vec<String> = s.grids().iter().map(|g| g.name.clone()).collect();
        assert_eq!(names, vec!["t", "t.max(dim=1).values", "t.max(dim=1).indices"]);
    }

    #[test]
    fn highlights_follow_lineage_both_ways() {
        let s = Session::new(&format!("{SEED}t.argmax(dim=1)"));
        let grids = s.grids();
        let (t, out) = (grids[0].node, grids[1].node);
        let h = s.highlight(out, 1);
        assert_eq!(h.sources[t], [4, 5, 6, 7]);
        assert_eq!(h.winners[t], [5]);
        assert!(h.targets.is_empty());
        let h = s.highlight(t, 6);
        assert_eq!(h.targets[out], [1]);
        assert!(h.sources.is_empty());
    }

    #[test]
    fn targets_pass_through_broadcasting_and_chains() {
        let s = Session::new(&format!("{SEED}(t - t.mean(dim=1, keepdim=True)).sum(dim=0)"));
        let grids = s.grids();
        let t = grids[0].node;
        let result = grids.last().unwrap().node;
        // t[0, 0] feeds the row mean, hence every element of row 0 of the
        // difference, hence every column sum.
        let h = s.highlight(t, 0);
        assert_eq!(h.targets[result], [0, 1, 2, 3]);
    }

    #[test]
    fn show_all_tints_each_output_with_its_sources() {
        let s = Session::new("t = torch.tensor([[1, 2], [3, 4]])\nt.sum(dim=0)");
        let grids = s.grids();
        let (t, out) = (grids[0].node, grids[1].node);
        let tints = s.tints();
        assert_eq!(tints[&(out, 1)], Some(1));
        assert_eq!(tints[&(t, 1)], Some(1));
        assert_eq!(tints[&(t, 2)], Some(0));
        let s = Session::new("t = torch.tensor([1, 2])\nt + t.sum()");
        let t = s.grids()[0].node;
        assert_eq!(s.tints()[&(t, 0)], None);
    }

    #[test]
    fn a_long_chain_is_drawn_within_the_budget() {
        // Forty 64x64 steps: 41 grids and 167,936 cells without a budget.
        let sum = vec!["t"; 41].join(" + ");
        let s = Session::new(&format!("t = torch.ones(64, 64)\n{sum}"));
        let grids = s.grids();
        let cells: usize = grids.iter().map(|g| g.drawn_flats().len()).sum();
        assert!(cells <= MAX_CELLS && grids.len() <= MAX_GRIDS, "{cells} cells, {} grids", grids.len());
        assert_eq!(grids.first().map(|g| g.role), Some(GridRole::Input));
        assert_eq!(grids.last().map(|g| g.role), Some(GridRole::Result));
        assert_eq!(s.left_out(), 41 - grids.len());
        // The result still traces back to the input through the steps left out.
        let (t, result) = (grids[0].node, grids.last().unwrap().node);
        assert_eq!(s.highlight(result, 65).sources.get(t), Some(&[65][..]));
    }

    #[test]
    fn large_grids_are_summarised_like_pytorch() {
        let s = Session::new("torch.arange(5000).reshape(50, 100).sum(dim=1)");
        let grids = s.grids();
        assert_eq!(
            grids[0].positions(0),
            vec![Some(0), Some(1), Some(2), None, Some(4997), Some(4998), Some(4999)]
        );
        let g = &grids[1];
        assert!(g.summarized());
        assert_eq!(g.positions(0), vec![Some(0), Some(1), Some(2), None, Some(47), Some(48), Some(49)]);
        assert!(g.is_drawn(g.flat(&[48, 99])));
        assert!(!g.is_drawn(g.flat(&[10, 0])));
    }

    #[test]
    fn many_small_dims_shrink_the_outer_ones_first() {
        // All 3**15 elements print in PyTorch; the grid draws 4096 places.
        let s = Session::new("torch.zeros([3] * 15)");
        let g = &s.grids()[0];
        assert!(g.summarized());
        for k in 0..3 {
            assert_eq!(g.positions(k), [Some(0), None], "dim {k}");
        }
        for k in 3..15 {
            assert_eq!(g.positions(k), [Some(0), None, Some(2)], "dim {k}");
        }
        assert_eq!(g.drawn_flats().len(), MAX_DRAWN);
        let last = vec![2; 15];
        let first_block_last = [vec![0; 3], vec![2; 12]].concat();
        assert!(!g.is_drawn(g.flat(&last)));
        assert!(g.is_drawn(g.flat(&first_block_last)));
        assert_eq!(g.text(&first_block_last), "0.");
    }

    #[test]
    fn an_empty_tensor_draws_few_empty_rows() {
        // 16M rows and blocks without a cell, drawn in full.
        let s = Session::new("torch.zeros(4096, 4096, 0)");
        let g = &s.grids()[0];
        assert!(g.summarized());
        assert_eq!(g.positions(0), vec![Some(0), Some(1), Some(2), None, Some(4093), Some(4094), Some(4095)]);
        assert_eq!(g.positions(2), vec![]);
        assert!(g.drawn_flats().is_empty());
        assert_eq!(g.text(&[0, 0, 0]), "");
        // A small one is drawn in full: its rows, without cells.
        let s = Session::new("torch.zeros(3, 0)");
        assert_eq!(s.grids()[0].positions(0), vec![Some(0), Some(1), Some(2)]);
        assert!(!s.grids()[0].summarized());
    }

    #[test]
    fn a_grid_draws_the_cells_its_shape_says() {
        for program in [
            "torch.zeros(3, 4)",
            "torch.zeros(70, 70)",
            "torch.zeros([3] * 15)",
            "torch.zeros(4096, 4096, 0)",
        ] {
            let s = Session::new(program);
            let g = &s.grids()[0];
            assert_eq!(drawn_cells(g.shape()), g.drawn_flats().len(), "{program}");
        }
    }

    #[test]
    fn many_results_are_drawn_within_the_budget() {
        // One tensor repeated is drawn once.
        let s = Session::new("t = torch.ones(64, 64)\n(t,) * 4096");
        assert_eq!(grid_names(&s), [("t".to_string(), GridRole::Result)]);
        assert_eq!(s.left_out(), 0);
        // 1024 pieces: the input, and the first pieces that fit; the rest
        // are counted as left out.
        let s = Session::new("t = torch.arange(4096.)\nt.split(4)");
        let grids = s.grids();
        assert_eq!(grids.len(), MAX_GRIDS);
        assert_eq!((grids[0].role, grids[1].role), (GridRole::Input, GridRole::Result));
        assert_eq!(s.left_out(), 1025 - MAX_GRIDS);
        // A product keeps both its inputs and its result.
        let s = Session::new("a = torch.ones(64, 64)\nb = torch.ones(64, 64)\na @ b");
        let roles: Vec<GridRole> = s.grids().iter().map(|g| g.role).collect();
        assert_eq!(roles, [GridRole::Input, GridRole::Input, GridRole::Result]);
    }
}
