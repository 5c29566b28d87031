//! The words a screen reader hears for the active cell (contract section 3):
//! "output [1] = 8: the sum of t[1, 0], t[1, 1], t[1, 2], t[1, 3]".

use super::{ElementRef, Grid, GridRole, Session};
use crate::lang::catalog::Op;
use crate::tensor::lineage::{Marks, NodeId, Ranking, Step};
use crate::tensor::reduce::Reduction;
use crate::tensor::shape::Shape;

/// How many elements a description lists before summing up the rest.
const LISTED: usize = 8;

impl Session {
    /// Describes element `flat` of `node` in words. While a question hides
    /// the results (`hidden`), their values read `?` and no winner is named:
    /// the words must not give the answer away.
    pub fn describe(&self, node: NodeId, flat: usize, hidden: bool) -> String {
        let grids = self.grids();
        let Some(grid) = grids.iter().find(|g| g.node == node) else { return String::new() };
        let index = grid.index(flat);
        // Results are "output", unless there are two (max's values and
        // indices), which are told apart by name.
        let results = grids.iter().filter(|g| g.role == GridRole::Result).count();
        let name = |g: &Grid| {
            if g.role == GridRole::Result && results == 1 { "output".to_string() } else { g.name.clone() }
        };
        let who = name(grid);
        let mut value =
            if hidden && grid.role == GridRole::Result { "?".to_string() } else { grid.text(&index) };
        // "8." reads badly aloud; the integer-mode dot carries no meaning there.
        if value.ends_with('.') {
            value.pop();
        }
        let graph = &self.run().graph;
        let leaf_sources = || self.leaf_list(&graph.trace(node, flat).sources);
        let explanation = match &graph.node(node).step {
            // While a question is open, the outputs an input feeds are not
            // named: their indices would tell a result's shape.
            Step::Leaf if hidden => "an input".to_string(),
            Step::Leaf => {
                let focus: Vec<String> = grids
                    .iter()
                    .filter(|g| g.role == GridRole::Result)
                    .flat_map(|g| {
                        let targets = graph.targets(node, flat, &[g.node]);
                        targets
                            .get(g.node)
                            .into_iter()
                            .flatten()
                            .map(|&f| subject(&name(g), &g.index(f)))
                            .collect::<Vec<_>>()
                    })
                    .collect();
                if focus.is_empty() {
                    "an input".to_string()
                } else {
                    format!("an input that feeds {}", listed(&focus))
                }
            }
            // A reduction is told in terms of what it reduced (its input's
            // lane), not of the leaves far upstream: `t.sum(dim=0).argmax()`
            // picks the largest of `t.sum(dim=0)[0], ...`.
            Step::Reduce { op, .. } => {
                let lane = graph.feeds(node, flat);
                let first: Vec<String> =
                    lane.iter().take(shown(lane.len())).map(|&e| self.element_name(e)).collect();
                let won = if hidden { None } else { graph.winner(node, flat).map(|e| self.element_name(e)) };
                reduction_words(*op, &listed_of(&first, lane.len()), won)
            }
            // An element along a dim is told by the lane it read, as a reduction's is.
            Step::Along { op, .. } => {
                let lane = graph.feeds(node, flat);
                let first: Vec<String> =
                    lane.iter().take(shown(lane.len())).map(|&e| self.element_name(e)).collect();
                let words = Op::of_along(*op).decl().words.map_or("{of}", |w| w.describe);
                words.replace("{of}", &listed_of(&first, lane.len()))
            }
            Step::Rank { op, lanes, indices, .. } => {
                let lane = graph.feeds(node, flat);
                let first: Vec<String> =
                    lane.iter().take(shown(lane.len())).map(|&e| self.element_name(e)).collect();
                let won = if hidden { None } else { graph.winner(node, flat).map(|e| self.element_name(e)) };
                let place = lanes.reduced_dims().next().map_or(0, |d| index[d]);
                let rank = match *op {
                    Ranking::Sort { descending } | Ranking::Topk { largest: descending } => {
                        ranked(place + 1, if descending { "largest" } else { "smallest" })
                    }
                    Ranking::Cummax | Ranking::Cummin => String::new(),
                };
                let words = Op::of_ranking(*op).decl().words.map_or("{of}", |w| w.describe);
                let text = fill(words, &listed_of(&first, lane.len()), won, "", &rank);
                if *indices { format!("the position of {text}") } else { text }
            }
            Step::Take { op, input, from, deciders, .. } => {
                let taken = self.element_name((*input, from[flat]));
                let by: Vec<String> =
                    deciders.iter().map(|d| self.element_name((d.node, d.at[flat]))).collect();
                let words = match Op::of_taking(*op) {
                    Some(o) => o.decl().words.map_or("{of}", |w| w.describe),
                    None if by.is_empty() => "taken from {of}",
                    None => "{won}, picked by {by}",
                };
                let won = (!hidden).then(|| taken.clone());
                fill(words, &taken, won, &listed(&by), "")
            }
            Step::Pick { inputs, picked, deciders } if !deciders.is_empty() => {
                let by: Vec<String> = graph
                    .feeds(node, flat)
                    .into_iter()
                    .skip(inputs.len())
                    .map(|e| self.element_name(e))
                    .collect();
                let chosen = graph.winner(node, flat);
                let others: Vec<String> = inputs
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != usize::from(picked[flat]))
                    .map(|(_, (n, map))| self.element_name((*n, map.offset_of(&index))))
                    .collect();
                // What was chosen over: the other input, or the number written.
                let over = match (others.is_empty(), chosen.is_some()) {
                    (false, _) => listed(&others),
                    (true, true) => "a number".to_string(),
                    (true, false) => "another number".to_string(),
                };
                let won = match chosen {
                    _ if hidden => None,
                    Some(e) => Some(self.element_name(e)),
                    None => Some(format!("the number {value}")),
                };
                let words = Op::Where.decl().words.map_or("{of}", |w| w.describe);
                fill(words, &over, won, &listed(&by), "")
            }
            // A product is told term by term, each the elements it multiplies:
            // "the sum of a[1, 0] × b[0, 2], a[1, 1] × b[1, 2]".
            Step::Contract { inputs, contraction } => {
                let shapes: Vec<&Shape> = inputs.iter().map(|&i| &graph.node(i).shape).collect();
                let count = contraction.term_count();
                let named: Vec<String> = (0..shown(count))
                    .map(|t| {
                        let term = contraction.term(&index, t, &shapes);
                        let factors: Vec<String> =
                            inputs.iter().zip(term).map(|(&n, at)| self.element_name((n, at))).collect();
                        factors.join(" × ")
                    })
                    .collect();
                match (contraction.summed.is_empty(), inputs.len()) {
                    (true, 1) => format!("taken from {}", listed_of(&named, count)),
                    (true, _) => listed_of(&named, count),
                    (false, _) => format!("the sum of {}", listed_of(&named, count)),
                }
            }
            Step::View { .. } | Step::Join { .. } => format!("taken from {}", listed(&leaf_sources())),
            Step::Elementwise { .. } => match self.broadcast_words(node, flat) {
                Some(read) => format!("computed from {read}; in all from {}", listed(&leaf_sources())),
                None => format!("computed from {}", listed(&leaf_sources())),
            },
            _ => format!("computed from {}", listed(&leaf_sources())),
        };
        format!("{} = {value}: {explanation}", subject(&who, &index))
    }

    /// Leaf elements as the learner writes them (`t[1, 0]`), sorted by name then index.
    fn leaf_list(&self, marks: &Marks) -> Vec<String> {
        self.leaf_elements(marks).iter().map(ToString::to_string).collect()
    }

    /// An element as the learner would point at it: followed back through
    /// indexing, reshapes and dtype conversions to the tensor it was read
    /// from (`t[1, 0]`, `t.sum(dim=0)[2]`, `(t[0] + t[1])[3]`).
    fn element_name(&self, (mut node, mut flat): (NodeId, usize)) -> String {
        let graph = &self.run().graph;
        while let Step::View { .. } | Step::Reshape { .. } | Step::Join { .. } = graph.node(node).step {
            let Some(&read) = graph.feeds(node, flat).first() else { break };
            (node, flat) = read;
        }
        let n = graph.node(node);
        ElementRef { name: indexable(&n.label), index: n.shape.unravel(flat), grad: None }.to_string()
    }
}

impl Session {
    /// For an element-wise step with a broadcast operand, the elements it
    /// read, each operand's broadcast dims named: "t[1, 2] and
    /// t.mean(dim=1, keepdim=True)[1, 0], broadcast along dim 1".
    fn broadcast_words(&self, node: NodeId, flat: usize) -> Option<String> {
        let graph = &self.run().graph;
        let out = graph.node(node).shape.dims();
        let mut broadcast = false;
        let read: Vec<String> = graph
            .feeds(node, flat)
            .into_iter()
            .map(|(input, at)| {
                let dims = graph.node(input).shape.dims();
                let extra = out.len() - dims.len().min(out.len());
                let along: Vec<String> = (0..out.len())
                    .filter(|&k| out[k] > 1 && (k < extra || dims[k - extra] == 1))
                    .map(|k| k.to_string())
                    .collect();
                let name = self.element_name((input, at));
                if along.is_empty() {
                    return name;
                }
                broadcast = true;
                let dims = if along.len() == 1 { "dim" } else { "dims" };
                format!("{name}, broadcast along {dims} {}", along.join(" and "))
            })
            .collect();
        broadcast.then(|| read.join(" and "))
    }
}

/// An expression's text made ready to be indexed: in parentheses when it
/// has an operator outside brackets, `(t[0] + t[1])` for `(t[0] + t[1])[3]`,
/// as it is otherwise (`t.sum(dim=0)` for `t.sum(dim=0)[3]`).
pub fn indexable(text: &str) -> String {
    let mut depth = 0i32;
    let has_operator = text.chars().any(|c| {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        depth == 0 && "+-*/%<>=!&|^~@ ".contains(c)
    });
    if has_operator { format!("({text})") } else { text.to_string() }
}

/// "the sum of ...", "the largest of ..., which is t[2, 3]" (the winner left
/// out when there is none to name), in the words the catalogue declares.
fn reduction_words(op: Reduction, of: &str, won: Option<String>) -> String {
    let of = match won {
        Some(won) if op.has_winner() => format!("{of}, which is {won}"),
        _ => of.to_string(),
    };
    let words = Op::of_reduction(op).decl().words.map_or("{of}", |w| w.describe);
    let rank = match op {
        Reduction::Kthvalue { k, .. } => ranked(k.max(1) as usize, "smallest"),
        _ => String::new(),
    };
    let text = words.replace("{of}", &of).replace("{rank}", &rank);
    // `median(dim).indices` are where the median is (argmax says so in its own words).
    match op {
        Reduction::Median { indices: true } | Reduction::Kthvalue { indices: true, .. } => {
            format!("the position of {text}")
        }
        _ => text,
    }
}

/// The catalogue's words for a selection filled in: `{of}` what it
/// compared, `{won}` what it picked (while a question hides the answer,
/// "one element", and no "which is"), `{by}` what decided, `{rank}` its rank.
fn fill(words: &str, of: &str, won: Option<String>, by: &str, rank: &str) -> String {
    let words = match &won {
        Some(_) => words.to_string(),
        None => words.replace(", which is {won}", "").replace("{won}", "one element"),
    };
    words
        .replace("{won}", won.as_deref().unwrap_or_default())
        .replace("{of}", of)
        .replace("{by}", by)
        .replace("{rank}", rank)
}

/// "smallest", "2nd smallest", "3rd largest", ...: place `n` (from 1) in an order.
fn ranked(n: usize, order: &str) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    if n == 1 { order.to_string() } else { format!("{n}{suffix} {order}") }
}

/// The first few items, then how many more.
fn listed(items: &[String]) -> String {
    listed_of(&items[..shown(items.len())], items.len())
}

/// How many of `total` items are named: a few, or all of them when naming
/// the last one costs no more than saying "and 1 more".
fn shown(total: usize) -> usize {
    if total == LISTED + 1 { total } else { total.min(LISTED) }
}

/// The `first` few of `total` items, then how many more.
fn listed_of(first: &[String], total: usize) -> String {
    match total {
        0 => "nothing".to_string(),
        n if n <= first.len() => first.join(", "),
        n => format!("{} and {} more", first.join(", "), n - first.len()),
    }
}

/// An element named as the subject of a description: `t[1, 2]`,
/// `(t + 1)[0]`, or for the result "output [1]" (words, not Python); the
/// one element of a 0-d tensor is its tensor's name alone ("output", not
/// "output []").
fn subject(name: &str, index: &[usize]) -> String {
    match (name, index.is_empty()) {
        (_, true) => name.to_string(),
        ("output", false) => format!("output [{}]", join(index)),
        (_, false) => format!("{}[{}]", indexable(name), join(index)),
    }
}

fn join(index: &[usize]) -> String {
    index.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broadcast_operand_is_named_with_the_dims_it_is_broadcast_along() {
        let s = Session::new("t = torch.arange(12.).reshape(3, 4)\nt - t.mean(dim=1, keepdim=True)");
        let result = s.grids().last().unwrap().node;
        assert_eq!(
            s.describe(result, 6, false),
            "output [1, 2] = 0.5000: computed from t[1, 2] and t.mean(dim=1, keepdim=True)[1, 0], \
             broadcast along dim 1; in all from t[1, 0], t[1, 1], t[1, 2], t[1, 3]"
        );
        let s = Session::new("b = torch.tensor([1., 2.])\nt = torch.ones(3, 2)\nt * b");
        let result = s.grids().last().unwrap().node;
        assert_eq!(
            s.describe(result, 3, false),
            "output [1, 1] = 2: computed from t[1, 1] and b[1], broadcast along dim 0; in all from b[1], t[1, 1]"
        );
    }

    const T: &str = "t = torch.tensor([[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]], dtype=torch.float32)\n";

    fn node_of(s: &Session, name: &str) -> NodeId {
        s.grids().iter().find(|g| g.name == name).expect("grid exists").node
    }

    #[test]
    fn a_sum_lists_its_row() {
        let s = Session::new(&format!("{T}t.sum(dim=1)"));
        let out = node_of(&s, "t.sum(dim=1)");
        assert_eq!(
            s.describe(out, 1, false),
            "output [1] = 8: the sum of t[1, 0], t[1, 1], t[1, 2], t[1, 3]"
        );
    }

    #[test]
    fn long_lanes_name_a_few_and_count_the_rest_but_never_one() {
        let s = Session::new("t = torch.arange(9.)\nt.sum()");
        let all: Vec<String> = (0..9).map(|i| format!("t[{i}]")).collect();
        assert_eq!(
            s.describe(node_of(&s, "t.sum()"), 0, false),
            format!("output = 36: the sum of {}", all.join(", "))
        );
        let s = Session::new("t = torch.arange(10.)\nt.sum()");
        let some: Vec<String> = (0..8).map(|i| format!("t[{i}]")).collect();
        assert_eq!(
            s.describe(node_of(&s, "t.sum()"), 0, false),
            format!("output = 45: the sum of {} and 2 more", some.join(", "))
        );
    }

    #[test]
    fn argmax_names_the_winner_and_inputs_name_their_outputs() {
        let s = Session::new("t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0]])\nt.argmax(dim=1)");
        let out = node_of(&s, "t.argmax(dim=1)");
        assert_eq!(
            s.describe(out, 1, false),
            "output [1] = 1: the position of the largest of t[1, 0], t[1, 1], t[1, 2], t[1, 3], which is t[1, 1]"
        );
        let t = node_of(&s, "t");
        assert_eq!(s.describe(t, 6, false), "t[1, 2] = 3: an input that feeds output [1]");
    }

    #[test]
    fn hidden_results_give_neither_value_nor_winner_away() {
        let s = Session::new("t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0]])\nt.max(dim=1)");
        let values = node_of(&s, "t.max(dim=1).values");
        assert_eq!(
            s.describe(values, 1, true),
            "t.max(dim=1).values[1] = ?: the largest of t[1, 0], t[1, 1], t[1, 2], t[1, 3]"
        );
        assert_eq!(
            s.describe(values, 1, false),
            "t.max(dim=1).values[1] = 3: the largest of t[1, 0], t[1, 1], t[1, 2], t[1, 3], which is t[1, 1]"
        );
        // An input names no output while hidden: the indices would tell the
        // result's shape, which a shape question asks for.
        let t = node_of(&s, "t");
        assert_eq!(s.describe(t, 5, true), "t[1, 1] = 3: an input");
        assert_eq!(
            s.describe(t, 5, false),
            "t[1, 1] = 3: an input that feeds t.max(dim=1).values[1], t.max(dim=1).indices[1]"
        );
    }

    #[test]
    fn a_reduction_is_told_in_terms_of_what_it_reduced() {
        let s = Session::new(&format!("{T}t.sum(dim=0).argmax()"));
        let t = node_of(&s, "t");
        assert_eq!(s.describe(t, 1, false), "t[0, 1] = 1: an input that feeds output");
        let out = s.grids().last().unwrap().node;
        assert_eq!(
            s.describe(out, 0, false),
            "output = 0: the position of the largest of t.sum(dim=0)[0], t.sum(dim=0)[1], \
             t.sum(dim=0)[2], t.sum(dim=0)[3], which is t.sum(dim=0)[0]"
        );
        let s = Session::new(&format!("{T}(t[0] + t[1]).sum()"));
        let out = s.grids().last().unwrap().node;
        assert_eq!(
            s.describe(out, 0, false),
            "output = 12: the sum of (t[0] + t[1])[0], (t[0] + t[1])[1], (t[0] + t[1])[2], (t[0] + t[1])[3]"
        );
        // Indexing only picks elements: they are named where they live.
        let s = Session::new(&format!("{T}t[1].float().sum()"));
        let out = s.grids().last().unwrap().node;
        assert_eq!(s.describe(out, 0, false), "output = 8: the sum of t[1, 0], t[1, 1], t[1, 2], t[1, 3]");
    }

    #[test]
    fn ops_along_a_dim_name_their_lane_or_its_prefix() {
        let s = Session::new(&format!("{T}t.cumsum(dim=1)"));
        let out = node_of(&s, "t.cumsum(dim=1)");
        assert_eq!(s.describe(out, 6, false), "output [1, 2] = 6: the sum of t[1, 0], t[1, 1], t[1, 2]");
        let s = Session::new(&format!("{T}t.softmax(dim=0)"));
        let out = node_of(&s, "t.softmax(dim=0)");
        assert_eq!(
            s.describe(out, 1, false),
            "output [0, 1] = 0.0900: exp of its element over the sum of the exps of t[0, 1], t[1, 1], t[2, 1]"
        );
    }

    /// What the screen reader says for element `flat` of the grid `name`.
    fn said(program: &str, name: &str, flat: usize, hidden: bool) -> String {
        let s = Session::new(program);
        s.describe(node_of(&s, name), flat, hidden)
    }

    const S: &str = "t = torch.tensor([[3., 1., 2.], [0., 5., 4.]])\n";

    #[test]
    fn a_sort_names_the_rank_it_picked_and_its_position() {
        let p = format!("{S}t.sort(dim=1)");
        assert_eq!(
            said(&p, "t.sort(dim=1).values", 1, false),
            "t.sort(dim=1).values[0, 1] = 2: the 2nd smallest of t[0, 0], t[0, 1], t[0, 2], which is t[0, 2]"
        );
        assert_eq!(
            said(&p, "t.sort(dim=1).indices", 1, true),
            "t.sort(dim=1).indices[0, 1] = ?: the position of the 2nd smallest of t[0, 0], t[0, 1], t[0, 2]"
        );
        assert_eq!(
            said(&format!("{S}t.topk(2)"), "t.topk(2).values", 0, false),
            "t.topk(2).values[0, 0] = 3: the largest of t[0, 0], t[0, 1], t[0, 2], which is t[0, 0]"
        );
        assert_eq!(
            said(&format!("{S}t.kthvalue(2)"), "t.kthvalue(2).values", 1, false),
            "t.kthvalue(2).values[1] = 4: the 2nd smallest of t[1, 0], t[1, 1], t[1, 2], which is t[1, 2]"
        );
    }

    #[test]
    fn a_pick_names_what_decided_it() {
        assert_eq!(
            said(&format!("{S}t[t > 2]"), "t[t > 2]", 1, false),
            "output [1] = 5: t[1, 1], picked by (t > 2)[1, 1]"
        );
        assert_eq!(
            said(&format!("{S}t[t > 2]"), "t[t > 2]", 1, true),
            "output [1] = ?: one element, picked by (t > 2)[1, 1]"
        );
        assert_eq!(
            said("x = torch.tensor([1., 5., 2.])\nx[x.argmax()]", "x[x.argmax()]", 0, false),
            "output = 5: x[1], picked by x.argmax()"
        );
        let p = format!("{S}torch.where(t > 2, t, 0)");
        assert_eq!(
            said(&p, "torch.where(t > 2, t, 0)", 1, false),
            "output [0, 1] = 0: the number 0, chosen over t[0, 1] by (t > 2)[0, 1]"
        );
        assert_eq!(
            said(&format!("{S}t.flip(0)"), "t.flip(0)", 1, false),
            "output [0, 1] = 5: t[1, 1], moved here"
        );
    }

    #[test]
    fn a_product_names_the_pairs_it_multiplies() {
        let s = Session::new(
            "a = torch.tensor([[1., 2.], [3., 4.]])\nb = torch.tensor([[5., 6.], [7., 8.]])\na @ b",
        );
        let out = s.grids().last().unwrap().node;
        assert_eq!(
            s.describe(out, 2, false),
            "output [1, 0] = 43: the sum of a[1, 0] × b[0, 0], a[1, 1] × b[1, 0]"
        );
        let s = Session::new("a = torch.tensor([1., 2.])\nb = torch.tensor([3., 4., 5.])\ntorch.outer(a, b)");
        let out = s.grids().last().unwrap().node;
        assert_eq!(s.describe(out, 5, false), "output [1, 2] = 10: a[1] × b[2]");
    }

    #[test]
    fn long_lists_are_cut_short() {
        let s = Session::new("torch.arange(20).sum()");
        let out = s.grids().last().unwrap().node;
        assert!(
            s.describe(out, 0, false).ends_with("torch.arange(20)[7] and 12 more"),
            "{}",
            s.describe(out, 0, false)
        );
    }
}
