//! The reduction walk-through: the output elements one by one, each with
//! its sources lit and the computation written out (`1 + 2 + 3 = 6`); for
//! an argmax over the whole tensor, a walker through the flattened order.

use crate::lang::catalog::{Caption, Op};
use crate::session::{GridRole, Session};
use crate::tensor::lineage::{NodeId, Step};
use crate::tensor::reduce::Reduction;

/// How many terms a written-out computation lists before eliding.
const TERMS: usize = 8;

/// One frame of the walk-through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The cell the frame is about (its sources light up), as (node, flat).
    pub focus: (NodeId, usize),
    /// How many result elements are filled in so far (row-major).
    pub revealed: usize,
    /// The best element so far, for the argmax walker, as (node, flat).
    pub best: Option<(NodeId, usize)>,
    /// The computation in words: `1 + 2 + 3 = 6`.
    pub caption: String,
    /// The output element being filled in, as the live region names it
    /// (`output [1]`), if the frame fills one.
    pub filling: Option<String>,
    /// The input elements whose values travel into the output element, in
    /// the order the computation takes them, as (node, flat).
    pub travel: Vec<(NodeId, usize)>,
    /// The running result as each of those arrives (`1`, `3`, `6` for a
    /// sum), where the op has one a learner can follow; else empty.
    pub running: Vec<String>,
}

/// The frames for the step's result, if it is a reduction.
pub fn walkthrough(session: &Session) -> Vec<Frame> {
    let grids = session.grids();
    let Some(result) = grids.iter().find(|g| g.role == GridRole::Result) else { return Vec::new() };
    let graph = &session.run().graph;
    // Reductions, and ops along a dim (whose element also reads its own place).
    let (op, input, whole_argmax, along) = match &graph.node(result.node).step {
        Step::Reduce { op, input, lanes, .. } => {
            let whole_argmax = lanes.whole() && matches!(op, Reduction::Argmax | Reduction::Argmin);
            (Op::of_reduction(*op), input, whole_argmax.then_some(*op), false)
        }
        Step::Along { op, input, .. } => (Op::of_along(*op), input, None, true),
        _ => return Vec::new(),
    };
    // A walk-through of elements the page does not draw would show nothing.
    let Some(input_grid) = grids.iter().find(|g| g.node == *input && !g.summarized()) else {
        return Vec::new();
    };
    let numel: usize = result.shape().iter().product();
    let text = |g: &crate::session::Grid, f: usize| trim_dot(&g.text(&g.index(f)));

    // argmax over the whole tensor: walk the flattened order.
    if let Some(op) = whole_argmax {
        let n: usize = input_grid.shape().iter().product();
        let mut best: Option<(usize, f64)> = None;
        let better = |x: f64, b: f64| {
            if op == Reduction::Argmax {
                x > b || (x.is_nan() && !b.is_nan())
            } else {
                x < b || (x.is_nan() && !b.is_nan())
            }
        };
        let word = if op == Reduction::Argmax { "largest" } else { "smallest" };
        let mut frames = Vec::new();
        for f in 0..n {
            let v = input_grid.value(&input_grid.index(f));
            if best.is_none_or(|(_, b)| better(v, b)) {
                best = Some((f, v));
            }
            let (bf, _) = best.expect("set above");
            frames.push(Frame {
                focus: (input_grid.node, f),
                revealed: 0,
                best: Some((input_grid.node, bf)),
                caption: format!(
                    "flat index {f}: {} ({word} so far: {} at index {bf})",
                    text(input_grid, f),
                    text(input_grid, bf)
                ),
                filling: None,
                travel: Vec::new(),
                running: Vec::new(),
            });
        }
        if let Some((bf, _)) = best {
            frames.push(Frame {
                focus: (result.node, 0),
                revealed: 1,
                best: Some((input_grid.node, bf)),
                caption: format!("the {} sits at index {bf}", text(input_grid, bf)),
                // The caption already says where the answer comes from.
                filling: None,
                travel: vec![(input_grid.node, bf)],
                running: Vec::new(),
            });
        }
        return frames;
    }

    (0..numel)
        .map(|flat| {
            let trace = graph.trace(result.node, flat);
            let sources: Vec<usize> = trace.sources.get(*input).map(<[usize]>::to_vec).unwrap_or_default();
            let terms: Vec<String> = sources.iter().map(|&f| text(input_grid, f)).collect();
            let value = text(result, flat);
            let winner = trace.winners.get(*input).and_then(|w| w.first()).copied();
            // An op along a dim keeps the shape: its element's own input is at the same place.
            let own = along.then(|| text(input_grid, flat));
            let winner_name = winner.map(|w| session.cell_name(*input, w));
            let values: Vec<f64> = sources.iter().map(|&f| input_grid.value(&input_grid.index(f))).collect();
            let index = result.index(flat);
            let filling = if index.is_empty() {
                "output".to_string()
            } else {
                format!("output [{}]", index.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", "))
            };
            Frame {
                focus: (result.node, flat),
                revealed: flat + 1,
                best: winner.map(|w| (*input, w)),
                caption: computation(op, &terms, own.as_deref(), &value, winner_name),
                filling: Some(filling),
                travel: sources.iter().map(|&f| (*input, f)).collect(),
                running: running(op, &values),
            }
        })
        .collect()
}

/// `1 + 2 + 3 = 6`, `max(2, 0, 4) = 4`, `exp(3) / (exp(1) + exp(3)) = 0.8808`, ...,
/// as the catalogue declares the op's caption; `own` is the element's own
/// input, for an op along a dim.
fn computation(op: Op, terms: &[String], own: Option<&str>, value: &str, winner: Option<String>) -> String {
    let listed = |sep: &str| {
        if terms.len() <= TERMS {
            terms.join(sep)
        } else {
            format!("{}{sep}…{sep}{} ({} terms)", terms[..3].join(sep), terms[terms.len() - 1], terms.len())
        }
    };
    let at = winner.map(|w| format!(", at {w}")).unwrap_or_default();
    let exps = || {
        let e: Vec<String> = terms.iter().map(|t| format!("exp({t})")).collect();
        if e.len() <= TERMS {
            e.join(" + ")
        } else {
            format!("{} + … + {} ({} terms)", e[..3].join(" + "), e[e.len() - 1], e.len())
        }
    };
    let own = own.unwrap_or_default();
    match op.decl().words.map(|w| w.caption) {
        Some(Caption::Infix(sep)) => format!("{} = {value}", listed(sep)),
        Some(Caption::Mean) => format!("({}) / {} = {value}", listed(" + "), terms.len()),
        Some(Caption::Call(f)) => format!("{f}({}) = {value}{at}", listed(", ")),
        Some(Caption::Share) => format!("exp({own}) / ({}) = {value}", exps()),
        Some(Caption::LogShare) => format!("{own} - log({}) = {value}", exps()),
        None => format!("{} = {value}", listed(", ")),
    }
}

/// The running result of `op` as each of `values` arrives, where it is one
/// a learner follows along (a sum, a product, a mean's sum, a maximum or
/// minimum); empty for the others, and for lanes too long to write out.
fn running(op: Op, values: &[f64]) -> Vec<String> {
    if values.len() > TERMS {
        return Vec::new();
    }
    let fold = |f: fn(f64, f64) -> f64| {
        let mut acc: Option<f64> = None;
        values
            .iter()
            .map(|&v| {
                let next = acc.map_or(v, |a| f(a, v));
                acc = Some(next);
                short(next)
            })
            .collect()
    };
    match op.decl().words.map(|w| w.caption) {
        Some(Caption::Infix(" + ")) | Some(Caption::Mean) => fold(|a, v| a + v),
        Some(Caption::Infix(" × ")) => fold(|a, v| a * v),
        // NaN wins, as it does in PyTorch's max and min.
        Some(Caption::Call("max")) => fold(|a, v| if a.is_nan() || v.is_nan() { f64::NAN } else { a.max(v) }),
        Some(Caption::Call("min")) => fold(|a, v| if a.is_nan() || v.is_nan() { f64::NAN } else { a.min(v) }),
        _ => Vec::new(),
    }
}

/// A running result, written short: `6`, `2.5`, `0.3333` (it is only ever
/// on its way to the exact value the grid shows).
fn short(v: f64) -> String {
    if !v.is_finite() {
        return (if v.is_nan() {
            "nan"
        } else if v > 0.0 {
            "inf"
        } else {
            "-inf"
        })
        .to_string();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{v:.0}");
    }
    let text = format!("{v:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `6.` reads as 6 in a written-out sum.
fn trim_dot(s: &str) -> String {
    s.strip_suffix('.').unwrap_or(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sum_along_dim_zero_adds_each_column() {
        let s = Session::new(
            "t = torch.tensor([[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]], dtype=torch.float32)\nt.sum(dim=0)",
        );
        let frames = walkthrough(&s);
        assert_eq!(frames.len(), 4);
        assert_eq!(frames[0].caption, "1 + 2 + 3 = 6");
        assert_eq!(frames[3].revealed, 4);
        // Column 1's values travel into output [1], the total building up.
        assert_eq!(frames[1].filling.as_deref(), Some("output [1]"));
        let t = s.grids()[0].node;
        assert_eq!(frames[1].travel, [(t, 1), (t, 5), (t, 9)]);
        assert_eq!(frames[1].running, ["1", "3", "6"]);
    }

    #[test]
    fn a_running_maximum_and_a_mean_build_up() {
        let s = Session::new("t = torch.tensor([[2., 0., 4., 1.]])\nt.max(dim=1).values");
        assert_eq!(walkthrough(&s)[0].running, ["2", "2", "4", "4"]);
        let s = Session::new("t = torch.tensor([1., 2.])\nt.mean()");
        let frames = walkthrough(&s);
        assert_eq!(frames[0].filling.as_deref(), Some("output"));
        assert_eq!(frames[0].running, ["1", "3"]);
        // Nothing a learner can follow step by step: no running result.
        let s = Session::new("t = torch.tensor([1., 2.])\nt.std()");
        assert!(walkthrough(&s)[0].running.is_empty());
    }

    #[test]
    fn max_along_rows_names_the_winner() {
        let s = Session::new("t = torch.tensor([[2, 0], [0, 4]])\nt.max(dim=0).values");
        let frames = walkthrough(&s);
        assert_eq!(frames[1].caption, "max(0, 4) = 4, at t[1, 1]");
        let s = Session::new("t = torch.tensor([[2, 0, 4], [1, 5, 0]])\nt.amax(dim=1)");
        // amax says only the value; the walk-through still shows where it is.
        assert_eq!(walkthrough(&s)[0].caption, "max(2, 0, 4) = 4, at t[0, 2]");
        let s = Session::new("t = torch.tensor([[2, 0, 4], [1, 5, 0]])\nt.argmax(dim=1)");
        assert_eq!(walkthrough(&s)[1].caption, "argmax(1, 5, 0) = 1, at t[1, 1]");
    }

    #[test]
    fn ops_along_a_dim_write_out_their_lane() {
        let s = Session::new("t = torch.tensor([[1, 2, 3], [4, 5, 6]])\nt.cumsum(dim=1)");
        let frames = walkthrough(&s);
        assert_eq!(frames.len(), 6);
        assert_eq!(frames[2].caption, "1 + 2 + 3 = 6");
        assert_eq!(frames[3].caption, "4 = 4");
        let s = Session::new("t = torch.tensor([[1., 3.]])\nt.softmax(dim=1)");
        assert_eq!(walkthrough(&s)[1].caption, "exp(3) / (exp(1) + exp(3)) = 0.8808");
        let s = Session::new("t = torch.tensor([[1., 3.]])\nt.log_softmax(dim=1)");
        assert_eq!(walkthrough(&s)[0].caption, "1 - log(exp(1) + exp(3)) = -2.1269");
    }

    #[test]
    fn argmax_of_everything_walks_the_flat_order() {
        let s = Session::new(
            "t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)\nt.argmax()",
        );
        let frames = walkthrough(&s);
        assert_eq!(frames.len(), 13);
        assert_eq!(frames[5].caption, "flat index 5: 3 (largest so far: 3 at index 5)");
        assert_eq!(frames[6].caption, "flat index 6: 3 (largest so far: 3 at index 5)");
        assert_eq!(frames[12].caption, "the 5 sits at index 11");
    }
}
