//! Lineage: for any element of any tensor a program computed, the elements
//! it was computed from, and the ones a selection (max, argmax, ...) picked.
//!
//! Every operation records one `Step` saying how its output elements map to
//! its inputs' elements, using the same layouts and lanes that computed the
//! values. Queries walk these steps lazily, element by element, so asking
//! about one output of a huge reduction touches only its lane.

use super::along::{Along, Reach};
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

/// For each output element of a selection, the lane position it picked.
pub type Winners = Rc<Vec<usize>>;

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
    /// (`maximum`): `picked` says, per element, which input won.
    Pick { inputs: Vec<(NodeId, Layout)>, picked: Rc<Vec<u8>> },
    /// Each element is computed from its lane along one dim of an input of
    /// the same shape (`lanes` keep that dim): all of it, or its prefix up
    /// to the element's own place (`cumsum`).
    Along { op: Along, input: NodeId, lanes: Lanes },
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
            Step::Elementwise { inputs } | Step::Pick { inputs, .. } => {
                inputs.iter().map(|(input, map)| (*input, map.offset_of(&index))).collect()
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
        }
    }

    /// The tensors `id` was computed from directly.
    pub fn inputs(&self, id: NodeId) -> Vec<NodeId> {
        match &self.nodes[id].step {
            Step::Leaf => Vec::new(),
            Step::View { input, .. }
            | Step::Reshape { input }
            | Step::Reduce { input, .. }
            | Step::Along { input, .. } => vec![*input],
            Step::Elementwise { inputs } | Step::Pick { inputs, .. } => {
                inputs.iter().map(|(i, _)| *i).collect()
            }
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
            Step::Elementwise { inputs } | Step::Pick { inputs, .. } => {
                inputs.iter().for_each(|(input, map)| through(*input, map))
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
        }
        fed.sort_unstable();
        fed.dedup();
        fed
    }

    /// For a selection, the input element it picked for element `flat`.
    pub fn winner(&self, id: NodeId, flat: usize) -> Option<(NodeId, usize)> {
        if let Step::Pick { inputs, picked } = &self.nodes[id].step {
            let (input, map) = &inputs[usize::from(picked[flat])];
            return Some((*input, map.offset_of(&self.nodes[id].shape.unravel(flat))));
        }
        let Step::Reduce { input, lanes, winners: Some(winners), .. } = &self.nodes[id].step else {
            return None;
        };
        let (start, lane) = self.lane_of(lanes, flat);
        let position = lane.shape().unravel(winners[flat]);
        Some((*input, start + lane.offset_of(&position)))
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
        let mut memo = HashMap::new();
        let winners = (*self.winners(id, flat, &mut memo)).clone();
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
    fn winners(&self, id: NodeId, flat: usize, memo: &mut HashMap<(NodeId, usize), Rc<Marks>>) -> Rc<Marks> {
        if let Some(done) = memo.get(&(id, flat)) {
            return Rc::clone(done);
        }
        let mut marks = Collect::default();
        if let Some((input, at)) = self.winner(id, flat) {
            let upstream = self.winners(input, at, memo);
            if upstream.is_empty() {
                marks.add(&self.sources(input, at));
            } else {
                marks.add(&upstream);
            }
            marks.insert(input, at);
        } else {
            for (input, at) in self.feeds(id, flat) {
                marks.add(&self.winners(input, at, memo));
            }
        }
        let marks = Rc::new(marks.finish());
        memo.insert((id, flat), Rc::clone(&marks));
        marks
    }
}

/// The place along its lane of the element at `index` (0 for a 0-d tensor).
fn along_position(lanes: &Lanes, index: &[usize]) -> usize {
    lanes.reduced_dims().next().map_or(0, |dim| index[dim])
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
