//! Lineage: for any element of any tensor a program computed, the elements
//! it was computed from, and the ones a selection (max, argmax, ...) picked.
//!
//! Every operation records one `Step` saying how its output elements map to
//! its inputs' elements, using the same layouts and lanes that computed the
//! values. Queries walk these steps lazily, element by element, so asking
//! about one output of a huge reduction touches only its lane.

use super::along::{Along, Reach};
use super::contraction::Contraction;
use super::join::Join;
use super::lanes::Lanes;
use super::layout::Layout;
pub use super::marks::Marks;
use super::marks::{Collect, ids_of};
use super::reduce::Reduction;
use super::shape::Shape;
use std::collections::HashMap;
use std::rc::Rc;

/// Identifies one tensor in a program's lineage graph; inputs always have
/// smaller ids than the tensors computed from them.
pub type NodeId = usize;

/// One element of one tensor: the tensor, and the element's row-major position.
type Element = (NodeId, usize);

/// For each output element of a selection, the lane position it picked.
pub type Winners = Rc<Vec<usize>>;

/// How a `Step::Take` chose each of its elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Taking {
    /// `t[idx]`, `t[mask]`: indexing with tensors or lists.
    Index,
    /// `t.gather(dim, index)`
    Gather,
    /// `t.index_select(dim, index)`
    IndexSelect,
    /// `t.nonzero()`: each element locates one nonzero element.
    Nonzero,
    /// `t.flip(dims)`: elements moved, not picked.
    Flip,
    /// `t.roll(shifts, dims)`: elements moved, not picked.
    Roll,
}

impl Taking {
    /// Whether each element was picked (a selection, whose winner is the
    /// element taken) rather than only moved.
    pub fn picks(self) -> bool {
        !matches!(self, Taking::Flip | Taking::Roll)
    }
}

/// An index or mask tensor that decided which elements a `Step::Take` took.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Decider {
    /// The index or mask tensor.
    pub node: NodeId,
    /// For each output element (row-major), the row-major position of the
    /// element of `node` that decided it.
    pub at: Rc<Vec<usize>>,
    /// Which of its dims are which output dims: `(output dim, its dim)`.
    pub dims: Vec<(usize, usize)>,
}

/// How a `Step::Rank` ordered or scanned its lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Ranking {
    /// `sort` (and `argsort`): the lane in order.
    Sort { descending: bool },
    /// `topk`: the lane's `k` largest (or smallest).
    Topk { largest: bool },
    /// `cummax`: the largest of the lane so far.
    Cummax,
    /// `cummin`: the smallest of the lane so far.
    Cummin,
}

impl Ranking {
    /// Which of its lane's elements an output element was compared among.
    pub fn reach(self) -> Reach {
        match self {
            Ranking::Sort { .. } | Ranking::Topk { .. } => Reach::Lane,
            Ranking::Cummax | Ranking::Cummin => Reach::Prefix,
        }
    }
}

/// How one tensor's elements come from its inputs' elements.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Step {
    /// A tensor built from data (`torch.tensor`, `torch.arange`, ...).
    Leaf,
    /// Each element is one input element, found by reading `map` (a layout
    /// over the input's row-major positions): indexing, slicing, `None`,
    /// dtype conversions.
    View { input: NodeId, map: Layout },
    /// The same elements in the same row-major order with another shape.
    Reshape { input: NodeId },
    /// Each element combines one element of each input, read through its
    /// broadcast layout.
    Elementwise { inputs: Vec<(NodeId, Layout)> },
    /// Each element collapses one lane of the input; selections also know
    /// which lane position won for each output element.
    Reduce { op: Reduction, input: NodeId, lanes: Lanes, winners: Option<Winners> },
    /// Each element is one of its inputs' elements at its place (read
    /// through their broadcast layouts), chosen by comparing them all
    /// (`maximum`, `torch.where`): `picked` says, per element, which input
    /// won; a value past the last input means a number the program wrote
    /// (`torch.where(c, t, 0)`), which no element stands for. The elements
    /// of `deciders` (read through their broadcast layouts too) decided the
    /// pick: the condition of `torch.where`, the mask of `masked_fill`.
    Pick { inputs: Vec<(NodeId, Layout)>, picked: Rc<Vec<u8>>, deciders: Vec<(NodeId, Layout)> },
    /// Each element is computed from its lane along one dim of an input of
    /// the same shape (`lanes` keep that dim): all of it, or its prefix up
    /// to the element's own place (`cumsum`).
    Along { op: Along, input: NodeId, lanes: Lanes },
    /// Each element is one element of `input`, at the row-major position
    /// `from` gives for it (indexing with tensors, `gather`, `nonzero`), or
    /// moved there (`flip`); `deciders` say which index or mask elements
    /// chose it. `dims` pairs each output dim with the input dim it is, where
    /// it is one: `(output dim, input dim)`.
    Take {
        op: Taking,
        input: NodeId,
        from: Rc<Vec<usize>>,
        dims: Vec<(usize, usize)>,
        deciders: Vec<Decider>,
    },
    /// Each element was picked from its lane along one dim of `input`
    /// (`lanes` keep that dim) after comparing the whole lane (`sort`,
    /// `topk`) or its prefix up to the element's own place (`cummax`):
    /// `picked` holds, per element, the lane position it picked. `indices`:
    /// the tensor holds the positions (`.indices`, `argsort`), not the values.
    Rank { op: Ranking, input: NodeId, lanes: Lanes, picked: Winners, indices: bool },
    /// Each element is a sum of products of its inputs' elements, as the
    /// index notation of `contraction` says (`a @ b`, `torch.einsum`): the
    /// row of one and the column of the other, and so on.
    Contract { inputs: Vec<NodeId>, contraction: Contraction },
    /// Each element is a copy of one element of one of its inputs, laid
    /// side by side along a dim (`torch.cat`) or a new one (`torch.stack`).
    Join { inputs: Vec<NodeId>, join: Join },
}

impl Step {
    /// The operands read element for element through broadcast layouts
    /// (`t + b`, `torch.where(c, t, b)`, deciders included): the ones a
    /// drawing stretches when they are broadcast.
    pub fn broadcast_operands(&self) -> &[(NodeId, Layout)] {
        match self {
            Step::Elementwise { inputs } | Step::Pick { inputs, .. } => inputs,
            _ => &[],
        }
    }

    /// The deciders of a `Step::Pick`, read through broadcast layouts as its inputs are.
    pub fn broadcast_deciders(&self) -> &[(NodeId, Layout)] {
        match self {
            Step::Pick { deciders, .. } => deciders,
            _ => &[],
        }
    }
}

/// One tensor in the graph.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Node {
    /// How it was computed.
    pub step: Step,
    /// Its shape.
    pub shape: Shape,
    /// The variable name or expression text it is shown under.
    pub label: String,
}

/// All tensors of one program run and how they derive from each other.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Graph {
    nodes: Vec<Node>,
}

/// What an element was computed from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    /// Every element of every tensor upstream that fed it.
    pub sources: Marks,
    /// The elements through which a selection picked it (a subset of `sources`).
    pub winners: Marks,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph::default()
    }

    /// Records a tensor and returns its id.
    pub fn add(&mut self, step: Step, shape: Shape, label: impl Into<String>) -> NodeId {
        self.nodes.push(Node { step, shape, label: label.into() });
        self.nodes.len() - 1
    }

    /// The tensor with this id.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// All tensors, in the order they were computed.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The same graph with only the tensors in `keep` (sorted ids, holding
    /// everything they were computed from) described; every other tensor
    /// becomes a bare, unnamed leaf. Lineage queries about the kept tensors
    /// give the same answers, and the page is sent no more than it traces.
    pub fn reaching(&self, keep: &[NodeId]) -> Graph {
        let nodes = self
            .nodes
            .iter()
            .enumerate()
            .map(|(id, node)| match keep.binary_search(&id) {
                Ok(_) => node.clone(),
                Err(_) => Node { step: Step::Leaf, shape: node.shape.clone(), label: String::new() },
            })
            .collect();
        Graph { nodes }
    }

    /// Gives a tensor the name of the variable it was assigned to.
    pub fn rename(&mut self, id: NodeId, label: impl Into<String>) {
        self.nodes[id].label = label.into();
    }

    /// Makes a tensor a leaf: its elements are traced no further back.
    pub fn make_leaf(&mut self, id: NodeId) {
        self.nodes[id].step = Step::Leaf;
    }

    /// The input elements that element `flat` of `id` reads directly.
    pub fn feeds(&self, id: NodeId, flat: usize) -> Vec<(NodeId, usize)> {
        let node = &self.nodes[id];
        let index = node.shape.unravel(flat);
        match &node.step {
            Step::Leaf => Vec::new(),
            Step::View { input, map } => vec![(*input, map.offset_of(&index))],
            Step::Reshape { input } => vec![(*input, flat)],
            Step::Elementwise { inputs } => {
                inputs.iter().map(|(input, map)| (*input, map.offset_of(&index))).collect()
            }
            Step::Pick { inputs, deciders, .. } => {
                inputs.iter().chain(deciders).map(|(input, map)| (*input, map.offset_of(&index))).collect()
            }
            Step::Take { input, from, deciders, .. } => std::iter::once((*input, from[flat]))
                .chain(deciders.iter().map(|d| (d.node, d.at[flat])))
                .collect(),
            Step::Rank { op, input, lanes, .. } => {
                let (start, lane) = self.lane_of(lanes, rank_lane(lanes, &index));
                let read = match op.reach() {
                    Reach::Lane => usize::MAX,
                    Reach::Prefix => along_position(lanes, &index) + 1,
                };
                lane.offsets().take(read).map(|at| (*input, start + at)).collect()
            }
            Step::Reduce { input, lanes, .. } => {
                let (start, lane) = self.lane_of(lanes, flat);
                lane.offsets().map(|at| (*input, start + at)).collect()
            }
            Step::Along { op, input, lanes } => {
                let (start, lane) =
                    self.lane_of(lanes, lanes.output_shape().ravel(&lanes.output_index(&index)));
                let read = match op.reach() {
                    Reach::Lane => usize::MAX,
                    Reach::Prefix => along_position(lanes, &index) + 1,
                };
                lane.offsets().take(read).map(|at| (*input, start + at)).collect()
            }
            Step::Contract { inputs, contraction } => {
                let mut read: Vec<(NodeId, usize)> = Vec::new();
                for (k, &input) in inputs.iter().enumerate() {
                    let own = contraction.reads(k, &index, &self.nodes[input].shape);
                    read.extend(own.into_iter().map(|at| (input, at)));
                }
                // `a @ a` reads one tensor twice.
                read.sort_unstable();
                read.dedup();
                read
            }
            Step::Join { inputs, join } => {
                let (k, own) = join.source(&index);
                vec![(inputs[k], self.nodes[inputs[k]].shape.ravel(&own))]
            }
        }
    }

    /// The tensors `id` was computed from directly.
    pub fn inputs(&self, id: NodeId) -> Vec<NodeId> {
        match &self.nodes[id].step {
            Step::Leaf => Vec::new(),
            Step::View { input, .. }
            | Step::Reshape { input }
            | Step::Reduce { input, .. }
            | Step::Along { input, .. }
            | Step::Rank { input, .. } => vec![*input],
            Step::Elementwise { inputs } => inputs.iter().map(|(i, _)| *i).collect(),
            Step::Pick { inputs, deciders, .. } => inputs.iter().chain(deciders).map(|(i, _)| *i).collect(),
            Step::Take { input, deciders, .. } => {
                std::iter::once(*input).chain(deciders.iter().map(|d| d.node)).collect()
            }
            Step::Contract { inputs, .. } | Step::Join { inputs, .. } => inputs.clone(),
        }
    }

    /// Every tensor `id` was computed from, directly or not, and `id`
    /// itself, in increasing order.
    pub fn upstream(&self, id: NodeId) -> Vec<NodeId> {
        let mut seen = vec![false; id + 1];
        seen[id] = true;
        let mut pending = vec![id];
        while let Some(n) = pending.pop() {
            for i in self.inputs(n) {
                if !seen[i] {
                    seen[i] = true;
                    pending.push(i);
                }
            }
        }
        ids_of(&seen)
    }

    /// Every element downstream that element `flat` of `id` feeds, in the
    /// tensors `within` (sorted ids; the inverse of `trace`'s sources, walked
    /// forward with the same layouts and lanes).
    pub fn targets(&self, id: NodeId, flat: usize, within: &[NodeId]) -> Marks {
        let last = within.last().copied().unwrap_or(id).max(id).min(self.nodes.len().saturating_sub(1));
        // reached[n]: the elements of tensor n that element `flat` of `id` feeds.
        let mut reached = vec![Vec::new(); last + 1];
        reached[id] = vec![flat];
        for consumer in id + 1..=last {
            reached[consumer] = self.fed_by(consumer, &reached);
        }
        let mut marks = Collect::default();
        for &n in within.iter().filter(|&&n| n != id && n <= last) {
            marks.extend(n, std::mem::take(&mut reached[n]));
        }
        marks.finish()
    }

    /// The elements of `consumer` that read any element in `reached`
    /// (sorted, without repeats).
    fn fed_by(&self, consumer: NodeId, reached: &[Vec<usize>]) -> Vec<usize> {
        let node = &self.nodes[consumer];
        let mut fed = Vec::new();
        let mut through = |input: NodeId, map: &Layout| {
            for &f in &reached[input] {
                fed.extend(map.positions_at(f).into_iter().map(|index| node.shape.ravel(&index)));
            }
        };
        match &node.step {
            Step::Leaf => {}
            Step::View { input, map } => through(*input, map),
            Step::Elementwise { inputs } => inputs.iter().for_each(|(input, map)| through(*input, map)),
            Step::Pick { inputs, deciders, .. } => {
                inputs.iter().chain(deciders).for_each(|(input, map)| through(*input, map))
            }
            Step::Take { input, from, deciders, .. } => {
                // Tables, not layouts: read them forwards, once.
                let reads = |node: NodeId, at: usize| reached[node].binary_search(&at).is_ok();
                fed.extend(
                    (0..from.len()).filter(|&k| {
                        reads(*input, from[k]) || deciders.iter().any(|d| reads(d.node, d.at[k]))
                    }),
                );
            }
            Step::Rank { op, input, lanes, .. } => {
                let dim = lanes.reduced_dims().next();
                for &f in &reached[*input] {
                    let mut index = lanes.input_shape().unravel(f);
                    let Some(dim) = dim else {
                        fed.push(f);
                        continue;
                    };
                    // The element was compared for its whole lane of the
                    // output, or for the lane from its own place on.
                    let first = if op.reach() == Reach::Prefix { index[dim] } else { 0 };
                    for k in first..node.shape.dims()[dim] {
                        index[dim] = k;
                        fed.push(node.shape.ravel(&index));
                    }
                }
            }
            Step::Reshape { input } => fed.extend_from_slice(&reached[*input]),
            Step::Reduce { input, lanes, .. } => {
                let input_shape = lanes.input_shape();
                for &f in &reached[*input] {
                    fed.push(node.shape.ravel(&lanes.output_index(&input_shape.unravel(f))));
                }
            }
            Step::Along { op, input, lanes } => {
                let dim = lanes.reduced_dims().next();
                for &f in &reached[*input] {
                    let mut index = node.shape.unravel(f);
                    let Some(dim) = dim else {
                        fed.push(f);
                        continue;
                    };
                    // The element feeds its whole lane, or the lane from its own place on.
                    let first = if op.reach() == Reach::Prefix { index[dim] } else { 0 };
                    for k in first..node.shape.dims()[dim] {
                        index[dim] = k;
                        fed.push(node.shape.ravel(&index));
                    }
                }
            }
            Step::Contract { inputs, contraction } => {
                for (k, &input) in inputs.iter().enumerate() {
                    let input_shape = &self.nodes[input].shape;
                    for &f in &reached[input] {
                        fed.extend(contraction.fed_by(k, &input_shape.unravel(f), &node.shape));
                    }
                }
            }
            Step::Join { inputs, join } => {
                // An input listed twice (`torch.cat([t, t])`) is copied twice.
                for (k, &input) in inputs.iter().enumerate() {
                    let input_shape = &self.nodes[input].shape;
                    for &f in &reached[input] {
                        fed.push(node.shape.ravel(&join.target(k, &input_shape.unravel(f))));
                    }
                }
            }
        }
        fed.sort_unstable();
        fed.dedup();
        fed
    }

    /// For a selection, the input element it picked for element `flat`.
    pub fn winner(&self, id: NodeId, flat: usize) -> Option<(NodeId, usize)> {
        let node = &self.nodes[id];
        match &node.step {
            Step::Pick { inputs, picked, .. } => {
                let (input, map) = inputs.get(usize::from(picked[flat]))?;
                Some((*input, map.offset_of(&node.shape.unravel(flat))))
            }
            Step::Take { op, input, from, .. } if op.picks() => Some((*input, from[flat])),
            Step::Rank { input, lanes, picked, .. } => {
                let (start, lane) = self.lane_of(lanes, rank_lane(lanes, &node.shape.unravel(flat)));
                Some((*input, start + lane.offset_of(&lane.shape().unravel(picked[flat]))))
            }
            Step::Reduce { input, lanes, winners: Some(winners), .. } => {
                let (start, lane) = self.lane_of(lanes, flat);
                let position = lane.shape().unravel(winners[flat]);
                Some((*input, start + lane.offset_of(&position)))
            }
            _ => None,
        }
    }

    /// Whether `id` is a selection: each of its elements was picked (even
    /// when what was picked is a number the program wrote, which no element
    /// stands for: then nothing upstream won).
    fn selects(&self, id: NodeId) -> bool {
        match &self.nodes[id].step {
            Step::Pick { .. } | Step::Rank { .. } | Step::Reduce { winners: Some(_), .. } => true,
            Step::Take { op, .. } => op.picks(),
            _ => false,
        }
    }

    /// The first row-major position of the lane feeding output `flat`, and
    /// the lane's layout relative to it.
    fn lane_of(&self, lanes: &Lanes, flat: usize) -> (usize, Layout) {
        let (outer, lane) = lanes.split(&Layout::contiguous(lanes.input_shape().clone()));
        let outer_index = outer.shape().unravel(flat);
        (outer.offset_of(&outer_index), lane)
    }

    /// Everything element `flat` of `id` was computed from, in every tensor upstream.
    pub fn trace(&self, id: NodeId, flat: usize) -> Trace {
        let sources = self.sources(id, flat);
        let winners = self.winners(id, flat);
        Trace { sources, winners }
    }

    /// All upstream elements feeding element `flat` of `id`; each tensor is
    /// expanded once, newest first (inputs have smaller ids than what reads
    /// them), so shared inputs are never walked twice.
    fn sources(&self, id: NodeId, flat: usize) -> Marks {
        let mut pending = Collect::default();
        pending.insert(id, flat);
        let mut found = Collect::default();
        for node in (0..=id).rev() {
            let elements = pending.take(node);
            for &e in &elements {
                for (input, at) in self.feeds(node, e) {
                    pending.insert(input, at);
                }
            }
            if node != id {
                found.extend(node, elements);
            }
        }
        found.finish()
    }

    /// The elements a selection picked on the way to element `flat` of `id`:
    /// at a selection, the picked input element, plus what picked it
    /// upstream (or, if nothing did, everything it was computed from);
    /// elsewhere, the union over the inputs.
    ///
    /// Walked with a stack of its own, not by recursion: a program's
    /// statements can chain thousands of tensors (`t = t + 1`, repeated),
    /// and recursing once per tensor overflowed the browser's stack.
    fn winners(&self, id: NodeId, flat: usize) -> Marks {
        // Only elements of tensors with a selection at or above them can
        // have winners: the rest are never visited (a sum over 16 million
        // elements visited, and remembered, each one).
        let mut selecting = vec![false; id + 1];
        for n in 0..=id {
            selecting[n] = self.selects(n) || self.inputs(n).iter().any(|&i| selecting[i]);
        }
        if !selecting[id] {
            return Marks::default();
        }
        // Each element's winners, once all the elements it reads have theirs.
        let mut done: HashMap<Element, Rc<Marks>> = HashMap::new();
        // An element, and the elements it reads once they are pushed above it.
        let mut pending: Vec<(NodeId, usize, Option<Vec<Element>>)> = vec![(id, flat, None)];
        while let Some((n, f, reads)) = pending.pop() {
            if done.contains_key(&(n, f)) {
                continue;
            }
            let picked = self.winner(n, f);
            let Some(reads) = reads else {
                let reads = match picked {
                    Some(element) => vec![element],
                    // A selection that picked a number the program wrote: nothing won.
                    None if self.selects(n) => Vec::new(),
                    None => self.feeds(n, f).into_iter().filter(|&(i, _)| selecting[i]).collect(),
                };
                let waiting: Vec<_> =
                    reads.iter().filter(|e| selecting[e.0] && !done.contains_key(e)).copied().collect();
                pending.push((n, f, Some(reads)));
                pending.extend(waiting.into_iter().map(|(i, at)| (i, at, None)));
                continue;
            };
            let mut marks = Collect::default();
            match picked {
                Some((input, at)) => {
                    let nothing = Rc::new(Marks::default());
                    let upstream = done.get(&(input, at)).unwrap_or(&nothing);
                    if upstream.is_empty() {
                        marks.add(&self.sources(input, at));
                    } else {
                        marks.add(upstream);
                    }
                    marks.insert(input, at);
                }
                None => reads.iter().for_each(|e| marks.add(&done[e])),
            }
            done.insert((n, f), Rc::new(marks.finish()));
        }
        done.remove(&(id, flat)).map(Rc::unwrap_or_clone).unwrap_or_default()
    }
}

/// The place along its lane of the element at `index` (0 for a 0-d tensor).
fn along_position(lanes: &Lanes, index: &[usize]) -> usize {
    lanes.reduced_dims().next().map_or(0, |dim| index[dim])
}

/// The lane (its row-major number) an element of a `Step::Rank` output at
/// `index` belongs to; the output may be shorter along the dim (`topk`).
fn rank_lane(lanes: &Lanes, index: &[usize]) -> usize {
    let mut outer = index.to_vec();
    if let Some(dim) = lanes.reduced_dims().next() {
        outer[dim] = 0;
    }
    lanes.output_shape().ravel(&outer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(d: &[usize]) -> Shape {
        Shape::new(d.to_vec()).unwrap()
    }

    /// t (3x4) -> sum(dim=0) -> argmax(), winners as the whole winning column.
    #[test]
    fn a_sum_then_argmax_wins_with_a_whole_column() {
        let mut g = Graph::new();
        let t = g.add(Step::Leaf, shape(&[3, 4]), "t");
        let lanes = Lanes::new(&shape(&[3, 4]), Some(&[0]), false).unwrap();
        let s = g.add(
            Step::Reduce { op: Reduction::Sum, input: t, lanes, winners: None },
            shape(&[4]),
            "t.sum(dim=0)",
        );
        let lanes = Lanes::new(&shape(&[4]), None, false).unwrap();
        let a = g.add(
            Step::Reduce { op: Reduction::Argmax, input: s, lanes, winners: Some(Rc::new(vec![2])) },
            Shape::scalar(),
            "argmax",
        );
        let trace = g.trace(a, 0);
        assert_eq!(trace.sources[t].len(), 12);
        assert_eq!(trace.sources[s].len(), 4);
        assert_eq!(trace.winners[s], [2]);
        assert_eq!(trace.winners[t], [2, 6, 10]);
    }

    #[test]
    fn a_row_argmax_wins_with_one_element() {
        let mut g = Graph::new();
        let t = g.add(Step::Leaf, shape(&[3, 4]), "t");
        let lanes = Lanes::new(&shape(&[3, 4]), Some(&[1]), false).unwrap();
        let a = g.add(
            Step::Reduce { op: Reduction::Argmax, input: t, lanes, winners: Some(Rc::new(vec![3, 1, 3])) },
            shape(&[3]),
            "a",
        );
        let trace = g.trace(a, 1);
        assert_eq!(trace.sources[t], [4, 5, 6, 7]);
        assert_eq!(trace.winners[t], [5]);
    }

    /// 20,000 statements of `t = t + 1` after an argmax: tracing the last
    /// one walks every tensor, within the browser's 1 MB of stack.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn long_chains_of_tensors_are_traced_without_recursion() {
        let trace = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(|| {
                let mut g = Graph::new();
                let t = g.add(Step::Leaf, shape(&[3]), "t");
                let lanes = Lanes::new(&shape(&[3]), None, false).unwrap();
                let winners = Some(Rc::new(vec![1]));
                let mut last = g.add(
                    Step::Reduce { op: Reduction::Argmax, input: t, lanes, winners },
                    Shape::scalar(),
                    "a",
                );
                for _ in 0..20_000 {
                    let map = Layout::contiguous(Shape::scalar());
                    last = g.add(Step::Elementwise { inputs: vec![(last, map)] }, Shape::scalar(), "a");
                }
                g.trace(last, 0)
            })
            .unwrap()
            .join()
            .expect("traced without overflowing the stack");
        assert_eq!(trace.sources[0], [0, 1, 2]);
        assert_eq!(trace.winners[0], [1]);
        assert_eq!(trace.winners.iter().count(), 1);
    }

    #[test]
    fn a_plain_sum_has_no_winners() {
        let mut g = Graph::new();
        let t = g.add(Step::Leaf, shape(&[3, 4]), "t");
        let lanes = Lanes::new(&shape(&[3, 4]), Some(&[0]), false).unwrap();
        let s = g.add(Step::Reduce { op: Reduction::Sum, input: t, lanes, winners: None }, shape(&[4]), "s");
        let trace = g.trace(s, 3);
        assert_eq!(trace.sources[t], [3, 7, 11]);
        assert!(trace.winners.is_empty());
    }
}
