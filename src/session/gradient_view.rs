//! What the page's gradient view shows for one output element: the
//! derivative of that element with respect to each drawn element it was
//! computed from (the numbers `Session::with_gradients` worked out, as
//! `torch.autograd.grad` gives them), each one's tint, its number as a cell
//! shows it, and the words a screen reader hears. Plain data and text, so
//! that `cargo test` reaches all of it; the page only paints it.

use super::gradients::Gradients;
use super::{GridRole, Session};
use crate::tensor::format::float;
use crate::tensor::lineage::NodeId;

/// How many steps of intensity each sign's tint has (style.css has a class
/// for each).
pub const LEVELS: u8 = 4;

/// The derivatives of one output element on the drawn grids.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputGradients {
    /// The output element: the focus's node and the element's row-major position.
    pub output: (NodeId, usize),
    /// By drawn grid (in drawing order): its node, and the row-major
    /// positions of its elements the output was computed from, each with
    /// its derivative (positions increasing).
    pub grids: Vec<(NodeId, Vec<(usize, f64)>)>,
    /// Drawn grids the output was computed from that have no derivative
    /// (integer and bool tensors), by node.
    pub without: Vec<NodeId>,
    /// The largest finite magnitude among the derivatives (0 when none is):
    /// the tints are relative to it.
    pub scale: f64,
}

/// How a derivative is tinted: its sign and how large it is next to the
/// largest of its hover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tint {
    /// Exactly zero (of either sign): a source all the same, hatched grey.
    Zero,
    /// Positive, 1 (faint) to `LEVELS` (the largest).
    Positive(u8),
    /// Negative, 1 to `LEVELS`.
    Negative(u8),
    /// NaN.
    Nan,
}

impl Tint {
    /// The tint of `value` when the largest finite magnitude is `scale`;
    /// infinities take the strongest step, and no nonzero value is drawn
    /// as faint as zero.
    pub fn of(value: f64, scale: f64) -> Tint {
        if value.is_nan() {
            return Tint::Nan;
        }
        if value == 0.0 {
            return Tint::Zero;
        }
        let share = if value.is_finite() && scale > 0.0 { value.abs() / scale } else { 1.0 };
        let level = ((share * f64::from(LEVELS)).ceil() as u8).clamp(1, LEVELS);
        if value > 0.0 { Tint::Positive(level) } else { Tint::Negative(level) }
    }

    /// Its class in style.css: `tp-g0`, `tp-gp1` ... `tp-gp4`, `tp-gn1` ... `tp-gn4`, `tp-gnan`.
    pub fn class(&self) -> String {
        match self {
            Tint::Zero => "tp-g0".to_string(),
            Tint::Positive(l) => format!("tp-gp{l}"),
            Tint::Negative(l) => format!("tp-gn{l}"),
            Tint::Nan => "tp-gnan".to_string(),
        }
    }
}

/// A derivative as a cell shows it, short and in PyTorch's manner: whole
/// numbers with a point (`2.`, `-0.`), four decimals at most without
/// trailing zeros (`0.25`, `0.3333`), scientific past them (`1.00e-05`).
pub fn compact(value: f64) -> String {
    if value.is_nan() {
        return "nan".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let size = value.abs();
    if value.fract() == 0.0 && size < 1e8 {
        let mut text = float::fixed(value, 0);
        text.push('.');
        return text;
    }
    if !(1e-4..1e8).contains(&size) {
        return scientific(value);
    }
    let text = float::fixed(value, 4);
    let text = text.trim_end_matches('0');
    if text.ends_with('.') {
        // Rounded to a whole number at four decimals (1.00001): a zero after the point says so.
        format!("{text}0")
    } else {
        text.to_string()
    }
}

/// `value` as `1.50e-05`: two decimals, the exponent signed with at least
/// two digits, as Python's `{:.2e}` (worked out here with `fixed`, which
/// the page has anyway, rather than with another decimal expansion).
fn scientific(value: f64) -> String {
    let mut exponent = value.abs().log10().floor() as i32;
    let mut text = float::fixed(value / 10f64.powi(exponent), 2);
    if text.trim_start_matches('-').starts_with("10") {
        // 9.996e-05 rounds up to the next power of ten.
        exponent += 1;
        text = float::fixed(value / 10f64.powi(exponent), 2);
    }
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{text}e{sign}{:02}", exponent.unsigned_abs())
}

/// A derivative in words: its compact form without a bare trailing point.
fn spoken(value: f64) -> String {
    let mut text = compact(value);
    if text.ends_with('.') {
        text.pop();
    }
    text
}

impl Session {
    /// The tensor the focus's elements stand for, if it has elements.
    pub fn focus_node(&self) -> Option<NodeId> {
        self.run().focus.as_ref()?.traced.as_ref().map(|(node, _)| *node)
    }

    /// The derivatives of element `flat` of the focus on the drawn grids,
    /// read from `gradients` (worked out for this very program), with the
    /// drawn grids it was computed from that have none.
    pub fn output_gradients(&self, gradients: &Gradients, flat: usize) -> Option<OutputGradients> {
        let focus = self.focus_node()?;
        let tensors = gradients.elements.get(flat)?;
        let mut grids: Vec<(NodeId, Vec<(usize, f64)>)> = Vec::new();
        let mut without = Vec::new();
        let sources = self.run().graph.trace(focus, flat).sources;
        for grid in self.grids() {
            let Some(fed) = sources.get(grid.node).filter(|f| !f.is_empty()) else { continue };
            if let Some(t) = tensors.iter().find(|t| t.node == grid.node) {
                grids.push((
                    grid.node,
                    t.positions.iter().copied().zip(t.values.iter().map(|v| v.0)).collect(),
                ));
            } else if !grid.dtype().is_floating() {
                without.push(grid.node);
            } else if grid.node != focus {
                // A floating tensor with no derivative on the way: every source
                // of it has derivative zero (`allow_unused`), as PyTorch reports.
                grids.push((grid.node, fed.iter().map(|&f| (f, 0.0)).collect()));
            }
        }
        let scale = grids
            .iter()
            .flat_map(|(_, cells)| cells.iter().map(|(_, v)| v.abs()))
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        Some(OutputGradients { output: (focus, flat), grids, without, scale })
    }

    /// What a screen reader hears of `lit`: with `at` (a cell the learner
    /// moved to while the output stays pinned), that cell's derivative,
    /// "d output [1] / d t[1, 2] = 0.25"; otherwise each grid's
    /// derivatives, one as that, several as a count and their range.
    pub fn gradient_words(&self, lit: &OutputGradients, at: Option<(NodeId, usize)>) -> String {
        let (focus, flat) = lit.output;
        let of = format!("d {}", self.named(focus, flat));
        if let Some((node, f)) = at.filter(|&(node, _)| node != focus) {
            let cell = self.named(node, f);
            if lit.without.contains(&node) {
                return format!(
                    "{cell} has no derivative: {} is not a floating tensor",
                    self.grid_name(node)
                );
            }
            let found =
                lit.grids.iter().find(|(n, _)| *n == node).and_then(|(_, cells)| {
                    cells.binary_search_by_key(&f, |(p, _)| *p).ok().map(|k| cells[k].1)
                });
            return match found {
                Some(v) => format!("{of} / d {cell} = {}", spoken(v)),
                None => format!("{} was not computed from {cell}", self.named(focus, flat)),
            };
        }
        let mut parts: Vec<String> = lit
            .grids
            .iter()
            .filter(|(_, cells)| !cells.is_empty())
            .map(|(node, cells)| {
                if let [(f, v)] = cells.as_slice() {
                    return format!("{of} / d {} = {}", self.named(*node, *f), spoken(*v));
                }
                let name = self.grid_name(*node);
                let n = cells.len();
                let (low, high) = range(cells);
                if low.to_bits() == high.to_bits() || (low == high && low != 0.0) {
                    format!("{of} / d {name} = {} for each of its {n} sources", spoken(low))
                } else {
                    format!("{of} / d {name}: {n} sources, from {} to {}", spoken(low), spoken(high))
                }
            })
            .collect();
        parts.extend(
            lit.without
                .iter()
                .map(|&node| format!("{} has no derivative (not a floating tensor)", self.grid_name(node))),
        );
        if parts.is_empty() {
            return format!("{} was computed from no drawn element: no derivatives", self.named(focus, flat));
        }
        parts.join("; ")
    }

    /// A drawn grid's name as the words use it: "output" for the only result.
    fn grid_name(&self, node: NodeId) -> String {
        let grids = self.grids();
        let results = grids.iter().filter(|g| g.role == GridRole::Result).count();
        match grids.iter().find(|g| g.node == node) {
            Some(g) if g.role == GridRole::Result && results == 1 => "output".to_string(),
            Some(g) => super::describe::indexable(&g.name),
            None => self.run().graph.node(node).label.clone(),
        }
    }

    /// An element of a drawn grid as the words name it: `t[1, 2]`,
    /// `output [1]`, or a 0-d tensor's name alone.
    fn named(&self, node: NodeId, flat: usize) -> String {
        let name = self.grid_name(node);
        let index = self.run().graph.node(node).shape.unravel(flat);
        let joined = index.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
        match (name.as_str(), index.is_empty()) {
            (_, true) => name,
            ("output", false) => format!("output [{joined}]"),
            (_, false) => format!("{name}[{joined}]"),
        }
    }
}

/// The smallest and largest of the derivatives (NaN only when all are).
fn range(cells: &[(usize, f64)]) -> (f64, f64) {
    let finite = cells.iter().map(|(_, v)| *v).filter(|v| !v.is_nan());
    let low = finite.clone().fold(f64::INFINITY, f64::min);
    let high = finite.fold(f64::NEG_INFINITY, f64::max);
    if low > high { (f64::NAN, f64::NAN) } else { (low, high) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_written_as_pytorch_writes_them() {
        let cases = [
            (1.0, "1."),
            (-2.0, "-2."),
            (-0.0, "-0."),
            (0.25, "0.25"),
            (1.0 / 3.0, "0.3333"),
            (-0.5, "-0.5"),
            (1.00001, "1.0"),
            (2.5e-5, "2.50e-05"),
            (1.5e9, "1.50e+09"),
            (-9.996e-5, "-1.00e-04"),
            (1e-300, "1.00e-300"),
            (f64::NAN, "nan"),
            (f64::NEG_INFINITY, "-inf"),
        ];
        for (v, text) in cases {
            assert_eq!(compact(v), text, "{v}");
        }
    }

    #[test]
    fn tints_are_signed_and_relative_to_the_largest() {
        assert_eq!(Tint::of(2.0, 2.0), Tint::Positive(4));
        assert_eq!(Tint::of(-0.5, 2.0), Tint::Negative(1));
        assert_eq!(Tint::of(-1.2, 2.0), Tint::Negative(3));
        // A tiny derivative is faint, never as faint as zero.
        assert_eq!(Tint::of(1e-9, 2.0), Tint::Positive(1));
        assert_eq!(Tint::of(-0.0, 2.0), Tint::Zero);
        assert_eq!(Tint::of(f64::INFINITY, 2.0), Tint::Positive(4));
        assert_eq!(Tint::of(f64::NAN, 2.0), Tint::Nan);
        assert_eq!(Tint::Negative(3).class(), "tp-gn3");
    }

    fn lit(code: &str, flat: usize) -> (Session, OutputGradients) {
        let s = Session::with_gradients(code);
        let lit = s.output_gradients(s.gradients().expect("worked out"), flat).expect("an element");
        (s, lit)
    }

    #[test]
    fn an_output_element_shows_its_derivative_on_every_drawn_source() {
        // d/dt[1, j] of t.exp().sum(dim=1)[1] is exp(t[1, j]); the step's
        // elements each have derivative 1.
        let (s, lit) =
            lit("t = torch.tensor([[0., 1.], [2., 0.]], dtype=torch.float64)\nt.exp().sum(dim=1)", 1);
        let t = s.grids().iter().find(|g| g.name == "t").unwrap().node;
        let exp = s.grids().iter().find(|g| g.name == "t.exp()").unwrap().node;
        assert_eq!(lit.grids, vec![(t, vec![(2, 2f64.exp()), (3, 1.0)]), (exp, vec![(2, 1.0), (3, 1.0)])]);
        assert_eq!(lit.scale, 2f64.exp());
        assert_eq!(
            s.gradient_words(&lit, None),
            "d output [1] / d t: 2 sources, from 1 to 7.3891; d output [1] / d t.exp() = 1 for each of its 2 sources"
        );
        assert_eq!(s.gradient_words(&lit, Some((t, 3))), "d output [1] / d t[1, 1] = 1");
        assert_eq!(s.gradient_words(&lit, Some((t, 0))), "output [1] was not computed from t[0, 0]");
    }

    #[test]
    fn tensors_without_a_derivative_are_named_as_such() {
        let (s, lit) =
            lit("t = torch.tensor([1., -2., 3.])\nm = torch.tensor([True, False, True])\nt[m].sum()", 0);
        let m = s.grids().iter().find(|g| g.name == "m").unwrap().node;
        assert_eq!(lit.without, vec![m]);
        let words = s.gradient_words(&lit, None);
        assert!(
            words.contains("d output / d t: 2 sources, from 1 to 1")
                || words.contains("= 1 for each of its 2"),
            "{words}"
        );
        assert!(words.ends_with("m has no derivative (not a floating tensor)"), "{words}");
        assert_eq!(
            s.gradient_words(&lit, Some((m, 1))),
            "m[1] has no derivative: m is not a floating tensor"
        );
    }

    #[test]
    fn one_source_is_said_with_its_value() {
        let (s, lit) = lit("t = torch.tensor([[1., 2.], [3., 4.]])\n(t * -0.25)[1]", 0);
        assert_eq!(
            s.gradient_words(&lit, None).split("; ").next().unwrap(),
            "d output [0] / d t[1, 0] = -0.25"
        );
    }
}
