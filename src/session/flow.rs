//! How the drawn grids connect (contract section 6): which grids each one
//! was computed from directly, which of their dims are the same dim of the
//! data flow, and which operands are broadcast, stretched to what shape.
//!
//! All of it is read off the lineage graph's steps, the same records that
//! compute the highlights, so the picture of the flow cannot disagree with
//! what lights up.

use super::{Grid, Session};
use crate::tensor::contraction::Axis;
use crate::tensor::lineage::{Graph, NodeId, Step};
use crate::tensor::reduce::Reduction;
use serde::{Deserialize, Serialize};

/// The flow between the grids of one drawing, worked out once per run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    /// For each grid (in the drawing's order): the grids it was computed
    /// from directly, as positions in that order, each once.
    pub inputs: Vec<Vec<usize>>,
    /// For each grid, for each of its dims: the dim's key. Dims with the
    /// same key are the same dim of the data flow; keys are numbered from
    /// 0 in the order they first appear, and differ within a grid.
    pub keys: Vec<Vec<usize>>,
    /// For each grid, the shape it is drawn stretched to when a later step
    /// broadcasts it (`None`: drawn as it is).
    pub stretched: Vec<Option<Vec<usize>>>,
}

/// Names for dim keys, in order: the letters of index notation, without
/// `o` (read as 0) and `t` (the usual name of a tensor).
const KEY_NAMES: &[&str] = &[
    "i", "j", "k", "l", "m", "n", "p", "q", "r", "s", "u", "v", "w", "x", "y", "z", "a", "b", "c", "d", "e",
];

/// The name of dim key `key`: `i`, `j`, ..., then `d21`, `d22`, ...
pub fn key_name(key: usize) -> String {
    KEY_NAMES.get(key).map_or_else(|| format!("d{key}"), |n| n.to_string())
}

impl Flow {
    /// The flow between `grids`, from `graph`. `twins` are pairs of
    /// tensors with the same dims though neither was computed from the
    /// other: a leaf and its `.grad`, which has the leaf's shape element for
    /// element, so its dims get the leaf's names.
    pub fn of(graph: &Graph, grids: &[Grid], twins: &[(NodeId, NodeId)]) -> Flow {
        let at = |node: NodeId| grids.iter().position(|g| g.node == node);
        let inputs = grids.iter().map(|g| drawn_inputs(graph, g.node, &at)).collect();
        Flow { inputs, keys: dim_keys(graph, grids, twins), stretched: stretches(graph, grids) }
    }
}

impl Flow {
    /// Where each grid goes in a drawing that reads left to right: its
    /// stage (a column: 0 for what was computed from nothing drawn, else one
    /// past its latest input's) and its slot in that column. Within a stage,
    /// grids sit in the order of their inputs' slots (their average, ties
    /// kept in drawing order), which keeps the arrows of the usual programs
    /// from crossing.
    pub fn placement(&self) -> Vec<(usize, usize)> {
        let n = self.inputs.len();
        let mut stage = vec![0; n];
        for g in 0..n {
            // Inputs always come earlier in the drawing.
            stage[g] = self.inputs[g].iter().filter(|&&i| i < g).map(|&i| stage[i] + 1).max().unwrap_or(0);
        }
        let mut slot = vec![0; n];
        let stages = stage.iter().max().map_or(0, |s| s + 1);
        for s in 0..stages {
            let mut members: Vec<(f64, usize)> = (0..n)
                .filter(|&g| stage[g] == s)
                .map(|g| {
                    let inputs = &self.inputs[g];
                    let weight = if inputs.is_empty() {
                        g as f64
                    } else {
                        inputs.iter().map(|&i| slot[i] as f64).sum::<f64>() / inputs.len() as f64
                    };
                    (weight, g)
                })
                .collect();
            members.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for (k, (_, g)) in members.into_iter().enumerate() {
                slot[g] = k;
            }
        }
        stage.into_iter().zip(slot).collect()
    }
}

/// The drawn grids `node` was computed from directly: its inputs, or,
/// through tensors that are not drawn, theirs.
fn drawn_inputs(graph: &Graph, node: NodeId, at: &impl Fn(NodeId) -> Option<usize>) -> Vec<usize> {
    let mut found = Vec::new();
    let mut pending = graph.inputs(node);
    let mut seen = Vec::new();
    while let Some(n) = pending.pop() {
        if seen.contains(&n) {
            continue;
        }
        seen.push(n);
        match at(n) {
            Some(g) if !found.contains(&g) => found.push(g),
            Some(_) => {}
            None => pending.extend(graph.inputs(n)),
        }
    }
    found.sort_unstable();
    found
}

/// Which dims of which grids are the same dim of the flow: a union of
/// (node, dim) pairs over every step, in the order the tensors were
/// computed. A union that would make two dims of one tensor the same
/// (`t + t.T`) is not made: within a grid the dims stay apart.
fn dim_keys(graph: &Graph, grids: &[Grid], twins: &[(NodeId, NodeId)]) -> Vec<Vec<usize>> {
    let mut sets = DimSets::default();
    for &(a, b) in twins {
        for k in 0..graph.node(a).shape.rank().min(graph.node(b).shape.rank()) {
            sets.join((a, k), (b, k));
        }
    }
    for (id, node) in graph.nodes().iter().enumerate() {
        let rank = node.shape.rank();
        let out = |k: usize| (id, k);
        match &node.step {
            Step::Leaf => {}
            Step::Reduce { input, lanes, .. } => {
                let kept: Vec<usize> = if lanes.keepdim() {
                    (0..rank).collect()
                } else {
                    (0..lanes.reduced().len()).filter(|&j| !lanes.reduced()[j]).collect()
                };
                for (k, j) in kept.into_iter().enumerate() {
                    sets.join(out(k), (*input, j));
                }
            }
            // An op along a dim keeps every dim where it is (`topk` shortens
            // its dim, which is still the same dim).
            Step::Along { input, .. } | Step::Rank { input, .. } => {
                for k in 0..rank {
                    sets.join(out(k), (*input, k));
                }
            }
            Step::Take { input, dims, deciders, .. } => {
                for &(k, j) in dims {
                    sets.join(out(k), (*input, j));
                }
                for d in deciders {
                    for &(k, j) in &d.dims {
                        sets.join(out(k), (d.node, j));
                    }
                }
            }
            Step::Elementwise { .. } | Step::Pick { .. } => {
                let operands = node.step.broadcast_operands().iter().chain(node.step.broadcast_deciders());
                for (input, _) in operands {
                    // Broadcasting lines dims up from the right.
                    let r = graph.node(*input).shape.rank();
                    for j in 0..r.min(rank) {
                        sets.join(out(rank - 1 - j), (*input, r - 1 - j));
                    }
                }
            }
            // A product: an input dim that runs along an output dim is that
            // dim; the dims it contracts (a's columns and b's rows) are one
            // dim of the flow, which the output does not have.
            Step::Contract { inputs, contraction } => {
                let mut summed: Vec<Option<(NodeId, usize)>> = vec![None; contraction.summed.len()];
                for (&input, axes) in inputs.iter().zip(&contraction.axes) {
                    for (d, axis) in axes.iter().enumerate() {
                        match *axis {
                            Axis::Out(k) => sets.join(out(k), (input, d)),
                            Axis::Sum(s) => match summed[s] {
                                Some(first) => sets.join(first, (input, d)),
                                None => summed[s] = Some((input, d)),
                            },
                            Axis::Broadcast => {}
                        }
                    }
                }
            }
            // Joined tensors keep every dim where it was; a stack's new dim
            // is its own.
            Step::Join { inputs, join } => {
                for &input in inputs {
                    for j in 0..graph.node(input).shape.rank() {
                        let k = if join.stacked && j >= join.dim { j + 1 } else { j };
                        sets.join(out(k), (input, j));
                    }
                }
            }
            Step::View { input, map } => {
                let in_shape = graph.node(*input).shape.dims();
                let in_strides = graph.node(*input).shape.contiguous_strides();
                for (k, (&size, &stride)) in map.shape().dims().iter().zip(map.strides()).enumerate() {
                    // A dim of the view is a dim of the input when it steps
                    // through the input exactly as that dim does.
                    let matches: Vec<usize> = (0..in_shape.len())
                        .filter(|&j| stride != 0 && in_strides[j] == stride && in_shape[j] > 1)
                        .collect();
                    if let [j] = matches[..]
                        && size > 1
                    {
                        sets.join(out(k), (*input, j));
                    }
                }
            }
            Step::Reshape { input } => {
                // Row-major reshapes keep the leading and trailing dims whose
                // sizes they keep.
                let (a, b) = (graph.node(*input).shape.dims(), node.shape.dims());
                let lead = a.iter().zip(b).take_while(|(x, y)| x == y).count();
                for k in 0..lead {
                    sets.join(out(k), (*input, k));
                }
                let trail = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
                for j in 0..trail.min(a.len() - lead).min(b.len() - lead) {
                    sets.join(out(b.len() - 1 - j), (*input, a.len() - 1 - j));
                }
            }
        }
    }
    // Keys numbered in the order the grids show them.
    let mut numbered: Vec<(usize, usize)> = Vec::new();
    grids
        .iter()
        .map(|g| {
            (0..g.shape().len())
                .map(|k| {
                    let root = sets.find((g.node, k));
                    match numbered.iter().find(|(r, _)| *r == root) {
                        Some(&(_, key)) => key,
                        None => {
                            numbered.push((root, numbered.len()));
                            numbered.len() - 1
                        }
                    }
                })
                .collect()
        })
        .collect()
}

/// Union-find over (node, dim) pairs, each set knowing its members, so
/// that a union joining two dims of one tensor can be refused.
#[derive(Default)]
struct DimSets {
    pairs: Vec<(NodeId, usize)>,
    parent: Vec<usize>,
    members: Vec<Vec<(NodeId, usize)>>,
}

impl DimSets {
    fn id(&mut self, pair: (NodeId, usize)) -> usize {
        if let Some(i) = self.pairs.iter().position(|&p| p == pair) {
            return i;
        }
        self.pairs.push(pair);
        self.parent.push(self.pairs.len() - 1);
        self.members.push(vec![pair]);
        self.pairs.len() - 1
    }

    fn root(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    /// The set `pair` belongs to.
    fn find(&mut self, pair: (NodeId, usize)) -> usize {
        let i = self.id(pair);
        self.root(i)
    }

    fn join(&mut self, a: (NodeId, usize), b: (NodeId, usize)) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let clash =
            self.members[ra].iter().any(|(n, d)| self.members[rb].iter().any(|(m, e)| n == m && d != e));
        if clash {
            return;
        }
        let moved = std::mem::take(&mut self.members[rb]);
        self.members[ra].extend(moved);
        self.parent[rb] = ra;
    }
}

/// For each grid, the shape of the largest drawn step that broadcasts it,
/// if one does.
fn stretches(graph: &Graph, grids: &[Grid]) -> Vec<Option<Vec<usize>>> {
    grids
        .iter()
        .map(|g| {
            let own = g.shape();
            grids
                .iter()
                .filter(|consumer| reads_broadcast(&graph.node(consumer.node).step, g.node))
                .map(|consumer| consumer.shape())
                // Stretched only where every copy can be drawn.
                .filter(|shape| *shape != own && super::view::drawn_size(shape) <= super::MAX_DRAWN)
                .max_by_key(|shape| super::view::drawn_size(shape))
                .map(<[usize]>::to_vec)
        })
        .collect()
}

/// Whether `step` reads `node` element for element through a broadcast
/// layout (an operand of `t + b`, the condition of `torch.where`).
fn reads_broadcast(step: &Step, node: NodeId) -> bool {
    step.broadcast_operands().iter().chain(step.broadcast_deciders()).any(|(i, _)| *i == node)
}

/// Where the element at `at` of a grid of shape `own`, drawn stretched to
/// `stretched`, really is: broadcasting reads dims of size 1 at 0 and
/// lines dims up from the right.
pub fn broadcast_source(own: &[usize], stretched: &[usize], at: &[usize]) -> Vec<usize> {
    let extra = stretched.len() - own.len();
    own.iter().enumerate().map(|(j, &n)| if n == 1 { 0 } else { at[extra + j] }).collect()
}

/// What one grid shows of the flow: everything its drawing needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridFlow {
    /// The names of the grids it was computed from directly (`data-inputs`).
    pub inputs: Vec<String>,
    /// Its dims' keys.
    pub keys: Vec<usize>,
    /// For each dim that is another grid's dim under another number: that
    /// dim, as `t's dim 2`.
    pub origins: Vec<Option<String>>,
    /// The shape it is drawn stretched to, when broadcast.
    pub stretched: Option<Vec<usize>>,
    /// The steps that broadcast it to that shape: pointing at their
    /// elements lights the copies they read.
    pub broadcast_by: Vec<NodeId>,
    /// Whether its elements' flat (row-major) indices matter: an argmax or
    /// argmin over all of it answers with one.
    pub flat_indices: bool,
}

impl Session {
    /// How the drawn grids connect.
    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    /// The flow as grid `at` (a position in `grids()`) draws it.
    pub fn grid_flow(&self, at: usize) -> GridFlow {
        let (grids, flow) = (self.grids(), self.flow());
        let Some(grid) = grids.get(at) else { return GridFlow::default() };
        let keys = flow.keys.get(at).cloned().unwrap_or_default();
        // A dim comes from the first grid upstream with the same key: `b`
        // in `a @ b` shares a key with `a` (the dim summed), but is not
        // computed from it.
        let upstream = self.run().graph.upstream(grid.node);
        let origins = keys
            .iter()
            .enumerate()
            .map(|(k, key)| {
                let (o, j) = flow
                    .keys
                    .iter()
                    .enumerate()
                    .filter(|(o, _)| upstream.binary_search(&grids[*o].node).is_ok())
                    .find_map(|(o, ks)| ks.iter().position(|x| x == key).map(|j| (o, j)))?;
                let origin = &grids[o];
                (o != at && j != k).then(|| format!("{}'s dim {j}", origin.name))
            })
            .collect();
        let stretched = flow.stretched.get(at).cloned().flatten();
        let graph = &self.run().graph;
        let broadcast_by = match &stretched {
            None => Vec::new(),
            Some(shape) => grids
                .iter()
                .filter(|c| {
                    c.shape() == shape.as_slice() && reads_broadcast(&graph.node(c.node).step, grid.node)
                })
                .map(|c| c.node)
                .collect(),
        };
        let flat_indices = grid.shape().len() >= 2
            && grids.iter().any(|c| {
                matches!(&graph.node(c.node).step,
                    Step::Reduce { op: Reduction::Argmax | Reduction::Argmin, input, lanes, .. }
                        if *input == grid.node && lanes.whole())
            });
        GridFlow {
            inputs: flow.inputs.get(at).into_iter().flatten().map(|&i| grids[i].name.clone()).collect(),
            keys,
            origins,
            stretched,
            broadcast_by,
            flat_indices,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(program: &str) -> (Vec<String>, Flow) {
        let s = Session::new(program);
        let names = s.grids().iter().map(|g| g.name.clone()).collect();
        (names, s.flow().clone())
    }

    const T: &str = "t = torch.arange(24.).reshape(2, 3, 4)\n";

    #[test]
    fn a_reduced_dim_disappears_and_the_others_keep_their_keys() {
        let (names, f) = flow(&format!("{T}t.sum(dim=1)"));
        assert_eq!(names, ["t", "t.sum(dim=1)"]);
        assert_eq!(f.keys, [vec![0, 1, 2], vec![0, 2]]);
        assert_eq!(f.inputs, [vec![], vec![0]]);
        // keepdim keeps the reduced dim as itself, at size 1.
        let (_, f) = flow(&format!("{T}t.sum(dim=1, keepdim=True)"));
        assert_eq!(f.keys, [vec![0, 1, 2], vec![0, 1, 2]]);
        // A chain: the argmax's dim is still t's dim 2.
        let (_, f) = flow(&format!("{T}t.sum(dim=0).argmax(dim=0)"));
        assert_eq!(f.keys, [vec![0, 1, 2], vec![1, 2], vec![2]]);
    }

    #[test]
    fn a_gradient_has_its_leafs_dims() {
        let x = "x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)\n";
        let (names, f) = flow(&format!("{x}x.sum(dim=0).sum().backward()\nx.grad"));
        assert_eq!(names, ["x", "x.grad"]);
        assert_eq!(f.keys, [vec![0, 1], vec![0, 1]]);
        // Drawn under a backward's tensor too, beside the flow, not in it.
        let (names, f) = flow(&format!("{x}y = x.amax(dim=1)\ny.sum().backward()\ny"));
        assert_eq!(names, ["x", "x.grad", "y"]);
        assert_eq!(f.keys, [vec![0, 1], vec![0, 1], vec![0]]);
        assert_eq!(f.inputs, [vec![], vec![], vec![0]]);
    }

    #[test]
    fn views_follow_their_dims() {
        let (_, f) = flow("t = torch.arange(6.).reshape(2, 3)\nt.T");
        assert_eq!(f.keys, [vec![0, 1], vec![1, 0]]);
        let (_, f) = flow(&format!("{T}t[1]"));
        assert_eq!(f.keys, [vec![0, 1, 2], vec![1, 2]]);
        let (_, f) = flow(&format!("{T}t[:, None, 0]"));
        assert_eq!(f.keys, [vec![0, 1, 2], vec![0, 3, 2]]);
    }

    #[test]
    fn broadcasting_lines_dims_up_from_the_right_and_stretches_the_operand() {
        let (names, f) = flow("t = torch.arange(12.).reshape(3, 4)\nt - t.mean(dim=1, keepdim=True)");
        assert_eq!(names, ["t", "t.mean(dim=1, keepdim=True)", "t - t.mean(dim=1, keepdim=True)"]);
        assert_eq!(f.keys, [vec![0, 1], vec![0, 1], vec![0, 1]]);
        assert_eq!(f.inputs, [vec![], vec![0], vec![0, 1]]);
        assert_eq!(f.stretched, [None, Some(vec![3, 4]), None]);
        let (_, f) = flow("b = torch.tensor([1., 2., 3., 4.])\nt = torch.ones(3, 4)\nt + b");
        assert_eq!(f.stretched, [Some(vec![3, 4]), None, None]);
        assert_eq!(f.keys, [vec![0], vec![1, 0], vec![1, 0]]);
        assert_eq!(broadcast_source(&[4], &[3, 4], &[2, 1]), [1]);
        assert_eq!(broadcast_source(&[3, 1], &[3, 4], &[2, 3]), [2, 0]);
    }

    #[test]
    fn an_output_dim_says_which_input_dim_it_came_from() {
        let s = Session::new(&format!("{T}t.sum(dim=1)"));
        let f = s.grid_flow(1);
        assert_eq!(f.inputs, ["t"]);
        assert_eq!(f.origins, [None, Some("t's dim 2".to_string())]);
        // Same dims under the same numbers say nothing.
        let s = Session::new("t = torch.ones(3, 4)\nt - t.mean(dim=1, keepdim=True)");
        assert_eq!(s.grid_flow(2).origins, [None, None]);
        assert_eq!(s.grid_flow(2).inputs, ["t", "t.mean(dim=1, keepdim=True)"]);
        let mean = s.grid_flow(1);
        assert_eq!(mean.stretched, Some(vec![3, 4]));
        assert_eq!(mean.broadcast_by, [s.grids()[2].node]);
    }

    #[test]
    fn a_dim_comes_only_from_a_grid_it_was_computed_from() {
        // `b`'s rows are the dim `a @ b` sums with `a`'s columns, one key,
        // but `b` is not computed from `a`.
        let s = Session::new("a = torch.ones(2, 3)\nb = torch.ones(3, 4)\na @ b");
        assert_eq!(s.grid_flow(1).origins, [None, None]);
        assert_eq!(s.grid_flow(2).origins, [None, None]);
        let s = Session::new("v = torch.ones(3)\nm = torch.ones(3, 4)\nv @ m");
        assert_eq!(s.grid_flow(2).origins, [Some("m's dim 1".to_string())]);
    }

    #[test]
    fn selections_keep_the_dims_they_pick_along_and_index_tensors_give_theirs() {
        // A sort keeps every dim, values then indices.
        let (names, f) = flow("t = torch.ones(3, 4)\nt.sort(dim=1)");
        assert_eq!(names, ["t", "t.sort(dim=1).values", "t.sort(dim=1).indices"]);
        assert_eq!(f.keys, [vec![0, 1], vec![0, 1], vec![0, 1]]);
        // Picked columns keep the rows; the picked dim is the list's, not t's.
        let (_, f) = flow("t = torch.ones(3, 4)\nt[:, [2, 0]]");
        assert_eq!(f.keys, [vec![0, 1], vec![0, 2]]);
        // gather's output is its index's shape, and t's along the other dims.
        let (_, f) = flow("t = torch.ones(3, 4)\ni = torch.tensor([[1, 0], [2, 3], [0, 0]])\nt.gather(1, i)");
        assert_eq!(f.keys, [vec![0, 1], vec![0, 2], vec![0, 2]]);
        assert_eq!(f.inputs, [vec![], vec![], vec![0, 1]]);
        // A condition is broadcast like an operand, and drawn stretched.
        let (_, f) =
            flow("t = torch.ones(3, 4)\nc = torch.tensor([True, False, True, True])\ntorch.where(c, t, 0)");
        assert_eq!(f.stretched, [None, Some(vec![3, 4]), None]);
        assert_eq!(f.keys, [vec![0, 1], vec![1], vec![0, 1]]);
    }

    #[test]
    fn a_tensor_added_to_its_transpose_keeps_its_two_dims_apart() {
        let (_, f) = flow("t = torch.ones(3, 3)\nt + t.T");
        for keys in &f.keys {
            assert_ne!(keys[0], keys[1], "{f:?}");
        }
    }

    #[test]
    fn a_product_keeps_the_rows_of_one_and_the_columns_of_the_other() {
        let (names, f) = flow("a = torch.ones(2, 3)\nb = torch.ones(3, 4)\na @ b");
        assert_eq!(names, ["a", "b", "a @ b"]);
        // a's columns and b's rows are one dim, contracted: the output has
        // a's rows and b's columns.
        assert_eq!(f.keys, [vec![0, 1], vec![1, 2], vec![0, 2]]);
        assert_eq!(f.inputs, [vec![], vec![], vec![0, 1]]);
        // A batch broadcast against a single matrix.
        let (_, f) = flow("a = torch.ones(5, 2, 3)\nb = torch.ones(3, 4)\na @ b");
        assert_eq!(f.keys, [vec![0, 1, 2], vec![2, 3], vec![0, 1, 3]]);
        // A vector times a matrix: the vector is contracted whole.
        let (_, f) = flow("v = torch.ones(3)\nb = torch.ones(3, 4)\nv @ b");
        assert_eq!(f.keys, [vec![0], vec![0, 1], vec![1]]);
    }

    #[test]
    fn joined_tensors_keep_their_dims_and_a_stack_adds_one() {
        let (names, f) = flow("a = torch.ones(2, 3)\nb = torch.ones(1, 3)\ntorch.cat([a, b])");
        assert_eq!(names, ["a", "b", "torch.cat([a, b])"]);
        assert_eq!(f.keys, [vec![0, 1], vec![0, 1], vec![0, 1]]);
        assert_eq!(f.inputs, [vec![], vec![], vec![0, 1]]);
        let (_, f) = flow("a = torch.ones(2, 3)\ntorch.stack([a, a], dim=1)");
        assert_eq!(f.keys, [vec![0, 1], vec![0, 2, 1]]);
    }

    #[test]
    fn the_pieces_of_a_split_are_each_drawn() {
        let (names, f) = flow("t = torch.arange(6.).reshape(2, 3)\nt.chunk(2, dim=1)");
        assert_eq!(names, ["t", "t.chunk(2, dim=1)[0]", "t.chunk(2, dim=1)[1]"]);
        assert_eq!(f.inputs, [vec![], vec![0], vec![0]]);
    }

    #[test]
    fn the_graph_of_a_sum_of_rows_is_a_graph_not_a_chain() {
        let (names, f) = flow("t = torch.arange(12.).reshape(3, 4)\nt[0] + t[1] + t[2]");
        assert_eq!(names, ["t", "t[0]", "t[1]", "t[0] + t[1]", "t[2]", "t[0] + t[1] + t[2]"]);
        assert_eq!(f.inputs, [vec![], vec![0], vec![0], vec![1, 2], vec![0], vec![3, 4]]);
        // t, then its three rows in a column, then the two sums.
        assert_eq!(f.placement(), [(0, 0), (1, 0), (1, 1), (2, 0), (1, 2), (3, 0)]);
    }

    #[test]
    fn a_chain_is_one_grid_per_stage_and_a_broadcast_joins_two() {
        let (_, f) = flow("t = torch.ones(3, 4)\nt.sum(dim=0).argmax()");
        assert_eq!(f.placement(), [(0, 0), (1, 0), (2, 0)]);
        let (_, f) = flow("t = torch.ones(3, 4)\nt - t.mean(dim=1, keepdim=True)");
        assert_eq!(f.placement(), [(0, 0), (1, 0), (2, 0)]);
        // Two leaves in one stage, in the order drawn.
        let (_, f) = flow("a = torch.ones(2)\nb = torch.ones(2)\na * b");
        assert_eq!(f.placement(), [(0, 0), (0, 1), (1, 0)]);
    }
}
