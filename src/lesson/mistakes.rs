//! The classic mistakes: a wrong answer that follows a pattern (the value
//! where argmax gives a position, `8` where PyTorch prints `tensor(8.)`,
//! the reduced dim kept, the other dim reduced, a row picked for a column)
//! is recognised and the idea behind it explained.
//!
//! Every comparison is with what the program really computed: its printed
//! output, its shapes, its lineage and the values of its drawn inputs. The
//! mistakes are variations of those, never a second answer key.

use super::printed::{Form, Number, Printed, read_printed, same_values};
use crate::session::{Grid, GridRole, Session};
use crate::tensor::lineage::{Marks, NodeId, Step};
use crate::tensor::reduce::Reduction;

/// What a wrong answer gets wrong, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    /// The explanation.
    pub message: String,
    /// Whether the values are right and only the way they are written is
    /// not (the author's hint, about working the value out, does not apply).
    pub value_right: bool,
}

impl Diagnosis {
    pub(crate) fn of(message: impl Into<String>) -> Diagnosis {
        Diagnosis { message: message.into(), value_right: false }
    }
}

/// A shape as lesson prose writes it: `[3, 1]`.
fn shape_text(dims: &[usize]) -> String {
    format!("`[{}]`", join(dims.iter().map(|d| d.to_string())))
}

fn join(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// "dim 1", "dims 1 and 2".
fn dims_words(dims: &[usize]) -> String {
    match dims {
        [d] => format!("dim {d}"),
        [rest @ .., last] => format!("dims {} and {last}", join(rest.iter().map(|d| d.to_string()))),
        [] => "no dim".to_string(),
    }
}

/// How the program names them: `dim=1`, `dim=(1, 2)`.
fn dim_arg(dims: &[usize]) -> String {
    match dims {
        [d] => format!("`dim={d}`"),
        _ => format!("`dim=({})`", join(dims.iter().map(|d| d.to_string()))),
    }
}

fn positions(flags: &[bool]) -> Vec<usize> {
    flags.iter().enumerate().filter(|(_, f)| **f).map(|(k, _)| k).collect()
}

/// `shape` reduced over `reduced`, keeping them as size 1 with `keepdim`.
fn reduce_shape(shape: &[usize], reduced: &[bool], keepdim: bool) -> Vec<usize> {
    shape
        .iter()
        .zip(reduced)
        .filter_map(|(&n, &r)| match (r, keepdim) {
            (false, _) => Some(n),
            (true, true) => Some(1),
            (true, false) => None,
        })
        .collect()
}

/// The reduction that computed the focus value, as far as the words need it.
struct Reduced {
    op: Reduction,
    node: NodeId,
    input: NodeId,
    input_name: String,
    input_shape: Vec<usize>,
    reduced: Vec<bool>,
    keepdim: bool,
    whole: bool,
}

impl Reduced {
    fn of(session: &Session, node: NodeId) -> Option<Reduced> {
        let graph = &session.run().graph;
        let Step::Reduce { op, input, lanes, .. } = &graph.node(node).step else { return None };
        Some(Reduced {
            op: *op,
            node,
            input: *input,
            input_name: graph.node(*input).label.clone(),
            input_shape: lanes.input_shape().dims().to_vec(),
            reduced: lanes.reduced().to_vec(),
            keepdim: lanes.keepdim(),
            whole: lanes.whole(),
        })
    }

    fn name(&self) -> &'static str {
        self.op.name()
    }

    fn dims(&self) -> Vec<usize> {
        positions(&self.reduced)
    }

    fn lane_len(&self) -> usize {
        self.input_shape.iter().zip(&self.reduced).filter(|(_, r)| **r).map(|(n, _)| n).product()
    }

    /// What one lane is: "row" or "column" of a matrix, else "group".
    fn lane_word(&self) -> &'static str {
        match (self.input_shape.len(), self.dims().as_slice()) {
            (2, [0]) => "column",
            (2, [1]) => "row",
            _ => "group",
        }
    }

    /// "disappears" / "disappear", or "shrinks to size 1" with keepdim.
    fn fate(&self, several: bool) -> &'static str {
        match (self.keepdim, several) {
            (false, false) => "disappears",
            (false, true) => "disappear",
            (true, false) => "shrinks to size 1",
            (true, true) => "shrink to size 1",
        }
    }

    /// Whether it gives positions (`argmax`, `argmin`) rather than values.
    fn gives_position(&self) -> bool {
        matches!(self.op, Reduction::Argmax | Reduction::Argmin)
    }

    /// "along dim 1" or "in the flattened tensor".
    fn where_words(&self) -> String {
        if self.whole {
            format!("in the flattened `{}`, counting row after row from 0", self.input_name)
        } else {
            format!("along {}, counting from 0", dims_words(&self.dims()))
        }
    }

    /// What a shape `given` tells about how the reduction was misread.
    fn shape_mistake(&self, given: &[usize]) -> Option<String> {
        let dims = self.dims();
        let several = dims.len() > 1;
        let input = &self.input_name;
        if given == reduce_shape(&self.input_shape, &self.reduced, !self.keepdim) {
            return Some(if self.keepdim {
                format!(
                    "That is the shape without `keepdim`. With `keepdim=True` the reduced {} {} in the \
                     shape with size 1, so the result has as many dims as `{input}`.",
                    dims_words(&dims),
                    if several { "stay" } else { "stays" },
                )
            } else {
                format!(
                    "That keeps {} with size 1, which is what `keepdim=True` does. Without `keepdim`, \
                     the {} you reduce {} from the shape.",
                    dims_words(&dims),
                    if several { "dims" } else { "dim" },
                    self.fate(several)
                )
            });
        }
        if given == self.input_shape {
            let lane = self.lane_len();
            return Some(if self.whole {
                format!(
                    "That is the shape of `{input}` itself. Without a `dim`, `{}` turns all {lane} elements \
                     into a single number.",
                    self.name()
                )
            } else {
                format!(
                    "That is the shape of `{input}` itself, before the reduction. `{}` along {} turns the \
                     {lane} elements of each {} into one, so {} {}.",
                    self.name(),
                    dims_words(&dims),
                    self.lane_word(),
                    dims_words(&dims),
                    self.fate(several)
                )
            });
        }
        if self.whole {
            return Some(format!(
                "Without a `dim`, `{}` turns every element of `{input}` into a single number.",
                self.name()
            ));
        }
        if given.is_empty() {
            return Some(format!(
                "A single number is what `{}` gives without a `dim`, from every element at once. \
                 With {} it works along {} only, so one result is left for each position of the other dims.",
                self.name(),
                dim_arg(&dims),
                dims_words(&dims)
            ));
        }
        // Another set of dims reduced (with or without keepdim).
        let rank = self.input_shape.len();
        for keepdim in [self.keepdim, !self.keepdim] {
            for mask in 1..(1u64 << rank.min(16)) {
                let other: Vec<bool> = (0..rank).map(|k| mask & (1 << k) != 0).collect();
                if other == self.reduced || given != reduce_shape(&self.input_shape, &other, keepdim) {
                    continue;
                }
                let picked = positions(&other);
                let kept = match (keepdim == self.keepdim, keepdim) {
                    (true, _) => "",
                    (false, true) => " with `keepdim=True`",
                    (false, false) => " without `keepdim`",
                };
                if picked.iter().all(|k| dims.contains(k)) {
                    return Some(format!(
                        "That reduces only {}{kept}. {} reduces every dim it names: {}{} {}.",
                        dims_words(&picked),
                        dim_arg(&dims),
                        dims_words(&dims),
                        if dims.len() == 2 { " both" } else { " all" },
                        self.fate(several)
                    ));
                }
                let sizes = |ks: &[usize]| {
                    let words: Vec<String> = ks.iter().map(|&k| self.input_shape[k].to_string()).collect();
                    match words.split_last() {
                        Some((last, [])) => format!("size {last}"),
                        Some((last, rest)) => format!("sizes {} and {last}", rest.join(", ")),
                        None => String::new(),
                    }
                };
                return Some(format!(
                    "That is what reducing {} ({}){kept} would leave. {} names {} ({}): the {} you \
                     name {} the one{} that {}.",
                    dims_words(&picked),
                    sizes(&picked),
                    dim_arg(&dims),
                    dims_words(&dims),
                    sizes(&dims),
                    if several { "dims" } else { "dim" },
                    if several { "are" } else { "is" },
                    if several { "s" } else { "" },
                    self.fate(several)
                ));
            }
        }
        None
    }
}

/// The tensor the last expression shows, and its name on the page.
fn focus(session: &Session) -> Option<(NodeId, String)> {
    let (node, _) = session.run().focus.as_ref()?.traced.as_ref()?;
    let name = session
        .grids()
        .iter()
        .find(|g| g.node == *node && g.role == GridRole::Result)
        .map_or_else(|| session.run().graph.node(*node).label.clone(), |g| g.name.clone());
    Some((*node, name))
}

/// What a wrong shape `given` for the step's result gets wrong, if it
/// follows a pattern.
pub fn shape_mistake(session: &Session, given: &[usize]) -> Option<String> {
    let (node, _) = focus(session)?;
    if let Some(r) = Reduced::of(session, node) {
        return r.shape_mistake(given);
    }
    let graph = &session.run().graph;
    let label = |n: NodeId| graph.node(n).label.clone();
    let shape_of = |n: NodeId| graph.node(n).shape.dims().to_vec();
    match &graph.node(node).step {
        Step::View { input, .. } | Step::Reshape { input } => {
            let (before, after) = (shape_of(*input), shape_of(node));
            // A dim of size 1 inserted (`unsqueeze`, `[:, None]`).
            let inserted_at = (0..after.len()).find(|&p| {
                after.len() == before.len() + 1
                    && after[p] == 1
                    && [&after[..p], &after[p + 1..]].concat() == before
            })?;
            if given == before {
                return Some(format!(
                    "That is the shape of `{}`, before the new dim is inserted. A new dim of size 1 makes \
                     the result one dim longer.",
                    label(*input)
                ));
            }
            let at = (0..=before.len())
                .find(|&q| q != inserted_at && [&before[..q], &[1][..], &before[q..]].concat() == given)?;
            Some(format!(
                "That puts the new dim of size 1 at position {at}. `unsqueeze(d)` inserts it so that it \
                 becomes dim d of the result: the dims before d keep their place."
            ))
        }
        Step::Elementwise { inputs } => {
            if given == shape_of(node) {
                return None;
            }
            let operands: Vec<NodeId> = inputs.iter().map(|(n, _)| *n).collect();
            let names = operands.iter().map(|&n| format!("`{}`", label(n))).collect::<Vec<_>>();
            let differ = operands.iter().any(|&n| shape_of(n) != shape_of(operands[0]));
            if differ && let Some(&o) = operands.iter().find(|&&o| shape_of(o) == given) {
                return Some(format!(
                    "That is the shape of `{}`. Broadcasting stretches the size-1 dims of an operand to \
                     match the other, so the result has the larger size in every dim.",
                    label(o)
                ));
            }
            let pairs = format!(
                "An element-wise operation pairs up its operands element by element, so the result has \
                 their shape: here they are {}.",
                names.join(" and ")
            );
            let leaf = graph
                .upstream(node)
                .into_iter()
                .find(|&n| matches!(graph.node(n).step, Step::Leaf) && shape_of(n) == given);
            Some(match leaf {
                Some(l) => format!("That is the shape of `{}`. {pairs}", label(l)),
                None => pairs,
            })
        }
        _ => None,
    }
}

/// What a wrong printed answer gets wrong, if it follows a pattern.
pub fn print_mistake(session: &Session, typed: &str) -> Option<Diagnosis> {
    let expected_text = session.run().focus.as_ref()?.repr.as_ref()?;
    let expected = read_printed(expected_text)?;
    let typed = read_printed(typed)?;
    let focus = focus(session);
    let reduced = focus.as_ref().and_then(|(node, _)| Reduced::of(session, *node));
    if typed.shape == expected.shape && typed.same_values(&expected) {
        let name = focus.as_ref().map_or("it".to_string(), |(_, n)| format!("`{n}`"));
        return written_differently(session, &name, expected_text, &expected, &typed, reduced.as_ref());
    }
    if typed.shape != expected.shape {
        if let Some(r) = reduced.as_ref().filter(|r| r.gives_position() && r.whole) {
            // The position as an index into the tensor, one number per dim.
            let flat = expected.numbers.first()?.value as usize;
            let index = unravel(&r.input_shape, flat);
            if same_values(&typed.numbers, index.iter().map(|&i| i as f64)) && typed.numbers.len() > 1 {
                return Some(Diagnosis::of(format!(
                    "That is the position as an index into `{}`, one number per dim. Without a `dim`, \
                     `{}` counts positions in the flattened tensor, row after row from 0, so it gives a \
                     single number.",
                    r.input_name,
                    r.name()
                )));
            }
        }
        let mistake = shape_mistake(session, &typed.shape)?;
        let said = if typed.shape.is_empty() {
            String::new()
        } else {
            format!("Your answer has the shape {}. ", shape_text(&typed.shape))
        };
        return Some(Diagnosis::of(format!("{said}{mistake}")));
    }
    let r = reduced?;
    if r.gives_position() && same_values(&typed.numbers, expected.numbers.iter().map(|n| n.value + 1.0)) {
        return Some(Diagnosis::of(
            "Positions count from 0 in PyTorch, as everywhere in Python: the first element is at index 0.",
        ));
    }
    lane_mistake(session, &r, &typed)
}

fn unravel(shape: &[usize], mut flat: usize) -> Vec<usize> {
    let mut index = vec![0; shape.len()];
    for k in (0..shape.len()).rev() {
        if shape[k] > 0 {
            index[k] = flat % shape[k];
            flat /= shape[k];
        }
    }
    index
}

/// Right values written another way: a bare number for a tensor, `8` for
/// `8.`, `8.0` for `8.`, an index with a dot, a missing dtype.
fn written_differently(
    session: &Session,
    name: &str,
    expected_text: &str,
    expected: &Printed,
    typed: &Printed,
    reduced: Option<&Reduced>,
) -> Option<Diagnosis> {
    let mut parts: Vec<String> = Vec::new();
    match (expected.form, typed.form) {
        (Form::Tensor, Form::Number) => parts.push(format!(
            "{name} gives a tensor, even when it holds a single number, and PyTorch prints a tensor as \
             `tensor(...)`"
        )),
        (Form::Tensor, Form::List) => parts.push(format!(
            "{name} gives a tensor, printed as `tensor([...])`; a bare `[...]` is how a Python list prints"
        )),
        (Form::Number, Form::Tensor) => {
            parts.push("this is a plain Python number, printed without `tensor(...)`".to_string())
        }
        (Form::List, Form::Tensor) => {
            parts.push("this is a Python list, printed without `tensor(...)`".to_string())
        }
        _ => {}
    }
    let pair = expected.numbers.iter().zip(&typed.numbers).find(|(e, t)| e.text != t.text);
    if let Some((e, t)) = pair {
        parts.push(number_style(session, expected.form, e, t, reduced));
    }
    if parts.is_empty()
        && let Some(dtype) = expected_text.split("dtype=").nth(1).map(|d| d.trim_end_matches(')'))
    {
        parts.push(format!(
            "its dtype is not the default one, so PyTorch adds it to what it prints: `dtype={dtype}`"
        ));
    }
    let first = parts.first()?;
    let what = if expected.numbers.len() == 1 { "number is" } else { "numbers are" };
    let mut message = format!("The {what} right, but {first}.");
    for more in &parts[1..] {
        message.push_str(&format!(" Also, {more}."));
    }
    Some(Diagnosis { message, value_right: true })
}

/// Why PyTorch writes `expected` where the learner wrote `typed` (same value).
fn number_style(
    session: &Session,
    form: Form,
    expected: &Number,
    typed: &Number,
    reduced: Option<&Reduced>,
) -> String {
    let dtype = focus(session)
        .and_then(|(node, _)| session.grids().iter().find(|g| g.node == node).map(Grid::dtype))
        .map(|d| format!(" (`torch.{}`)", d.name()))
        .unwrap_or_default();
    let (e, t) = (&expected.text, &typed.text);
    if expected.looks_integral() && !typed.looks_integral() {
        return match reduced.filter(|r| r.gives_position()) {
            Some(r) => format!(
                "`{}` gives positions, which are whole numbers{dtype}: PyTorch prints them without a dot, `{e}`",
                r.name()
            ),
            None => format!("the result holds integers{dtype}, printed without a dot: `{e}`"),
        };
    }
    if !expected.looks_integral() && typed.looks_integral() {
        return match form {
            Form::Tensor => format!(
                "the result holds floats{dtype}, and PyTorch writes a whole-number float with a dot: `{e}`, not `{t}`"
            ),
            _ => format!("this is a float, and Python writes it with a dot: `{e}`, not `{t}`"),
        };
    }
    let writer = if form == Form::Tensor { "PyTorch" } else { "Python" };
    let why = if form == Form::Tensor && e.ends_with('.') {
        ": in a tensor, a whole-number float gets a dot and no zeros after it"
    } else if form == Form::Tensor && e.split_once('.').is_some_and(|(_, d)| d.len() == 4) {
        ": it prints floats with 4 digits after the dot"
    } else {
        ""
    };
    format!("{writer} writes `{e}`, not `{t}`{why}")
}

/// Another reduction of the same lanes: the largest value where argmax
/// gives its position, the count or the mean where sum adds up, ...
fn lane_mistake(session: &Session, r: &Reduced, typed: &Printed) -> Option<Diagnosis> {
    let graph = &session.run().graph;
    let input = session.grids().iter().find(|g| g.node == r.input && !g.summarized())?;
    let outputs = graph.node(r.node).shape.numel();
    let lanes: Vec<Vec<f64>> = (0..outputs)
        .map(|f| graph.feeds(r.node, f).into_iter().map(|(_, at)| input.value(&input.index(at))).collect())
        .collect();
    if lanes.iter().flatten().any(|v| v.is_nan()) {
        return None;
    }
    let sum = |lane: &[f64]| lane.iter().sum::<f64>();
    let gives = |f: &dyn Fn(&[f64]) -> f64| same_values(&typed.numbers, lanes.iter().map(|l| f(l)));
    let one = typed.numbers.len() == 1;
    let (that, those, s) = if one { ("That is", "it is", "") } else { ("Those are", "they are", "s") };
    let largest = matches!(r.op, Reduction::Argmax | Reduction::Max | Reduction::Amax);
    let (word, pick): (&str, Pick) =
        if largest { ("largest", largest_of) } else { ("smallest", smallest_of) };
    let message = match r.op {
        Reduction::Argmax | Reduction::Argmin if gives(&|l| pick(l).1) => format!(
            "{that} the {word} value{s} {}. `{}` gives *where* {those}: {} position{s} {}.",
            if one { "itself" } else { "themselves" },
            r.name(),
            if one { "its" } else { "their" },
            r.where_words()
        ),
        Reduction::Max | Reduction::Amax | Reduction::Min | Reduction::Amin
            if gives(&|l| pick(l).0 as f64) =>
        {
            format!(
                "{that} where the {word} value{s} {}: {} position{s}. `{}` gives the value{s} {}.",
                if one { "is" } else { "are" },
                if one { "its" } else { "their" },
                r.name(),
                if one { "itself" } else { "themselves" },
            )
        }
        Reduction::Sum if gives(&|l| l.len() as f64) => format!(
            "That counts the elements ({} {}); `sum` adds up their values.",
            r.lane_len(),
            if outputs == 1 { "of them".to_string() } else { format!("in each {}", r.lane_word()) }
        ),
        Reduction::Sum if gives(&|l| sum(l) / l.len() as f64) => {
            "That is the mean; `sum` adds the values up without dividing by how many there are.".to_string()
        }
        Reduction::Mean if gives(&|l| sum(l)) => format!(
            "That is the sum; `mean` divides it by the number of elements ({}{}).",
            r.lane_len(),
            if outputs == 1 { String::new() } else { format!(" in each {}", r.lane_word()) }
        ),
        _ => return None,
    };
    Some(Diagnosis::of(message))
}

/// Picks one element of a lane: its position and value.
type Pick = fn(&[f64]) -> (usize, f64);

/// The position and value of the first largest element of a lane (as
/// argmax and max pick it: a tie keeps the first).
fn largest_of(lane: &[f64]) -> (usize, f64) {
    first_best(lane, |a, b| a > b)
}

/// The position and value of the first smallest element of a lane.
fn smallest_of(lane: &[f64]) -> (usize, f64) {
    first_best(lane, |a, b| a < b)
}

fn first_best(lane: &[f64], better: fn(f64, f64) -> bool) -> (usize, f64) {
    let best = lane.iter().enumerate().fold(0, |b, (i, &v)| if better(v, lane[b]) { i } else { b });
    (best, lane.get(best).copied().unwrap_or(f64::NAN))
}

/// Words for the elements of `grid` along dim `d` through one position.
fn line_words(grid: &Grid, d: usize) -> String {
    match (grid.shape().len(), d) {
        (2, 0) => "a column".to_string(),
        (2, 1) => "a row".to_string(),
        (1, _) => format!("all of `{}`", grid.name),
        _ => format!("a line of elements along dim {d}"),
    }
}

/// If `flats` are all the elements of `grid` along one dim through one
/// position (a row, a column), that dim.
fn line_dim(grid: &Grid, flats: &[usize]) -> Option<usize> {
    let shape = grid.shape();
    let first = grid.index(*flats.first()?);
    (0..shape.len()).find(|&d| {
        flats.len() == shape[d]
            && shape[d] > 1
            && flats.iter().map(|&f| grid.index(f)).enumerate().all(|(i, index)| {
                index[d] == i && index.iter().zip(&first).enumerate().all(|(k, (a, b))| k == d || a == b)
            })
    })
}

/// `output [1, 2]`.
pub fn output_name(index: &[usize]) -> String {
    format!("output [{}]", join(index.iter().map(|i| i.to_string())))
}

/// The input elements that output `flat` of `result` was computed from.
pub fn input_sources(session: &Session, result: &Grid, flat: usize) -> Marks {
    let inputs: Vec<NodeId> =
        session.grids().iter().filter(|g| g.role == GridRole::Input).map(|g| g.node).collect();
    let mut sources = session.run().graph.trace(result.node, flat).sources;
    sources.retain_nodes(|n| inputs.contains(&n));
    sources
}

/// The most outputs whose sources are compared with a wrong pick.
const COMPARED: usize = 1024;

/// What a wrong pick of cells for `output` gets wrong, if it follows a pattern.
pub fn cells_mistake(session: &Session, output: &[usize], picked: &Marks) -> Option<String> {
    let grids = session.grids();
    let result = grids.iter().find(|g| g.role == GridRole::Result)?;
    let flat = result.flat(output);
    let expected = input_sources(session, result, flat);
    let asked = output_name(output);
    let graph = &session.run().graph;
    if picked.is_empty() || *picked == expected {
        return None;
    }
    // The sources of another output: the right idea, the wrong element.
    if let Some(other) = (0..result.numel().min(COMPARED))
        .filter(|&f| f != flat)
        .find(|&f| input_sources(session, result, f) == *picked)
    {
        let other_index = result.index(other);
        let mut m = format!("Those are the elements that feed {}, not {asked}.", output_name(&other_index));
        let last = output.len().saturating_sub(1);
        let counted_from_one = !output.is_empty()
            && other_index[..last] == output[..last]
            && other_index[last] + 1 == output[last];
        if counted_from_one {
            let mut first = output.to_vec();
            first[last] = 0;
            m.push_str(&format!(
                " Positions count from 0: {} is the first, so {asked} is the {}.",
                output_name(&first),
                ordinal(output[last])
            ));
        }
        return Some(m);
    }
    let mut picked_nodes = picked.iter();
    let (node, flats) = picked_nodes.next()?;
    let single = picked_nodes.next().is_none();
    let grid = grids.iter().find(|g| g.node == node)?;
    let reduced = Reduced::of(session, result.node).filter(|r| r.input == node);
    let wanted_here = expected.get(node).unwrap_or_default();
    // What the pick leaves out of the other operands (`b`, for a row of `a`
    // picked for `a @ b`), said after what it gets wrong in this one.
    let also = if single { also_reads(session, &expected, node) } else { String::new() };
    // Exactly this operand's part of the answer: the other operand forgotten.
    if single && flats == wanted_here && !also.is_empty() {
        let lane = line_dim(grid, flats).map(|d| format!(", {}", line_words(grid, d))).unwrap_or_default();
        return Some(format!("Those are the elements of `{}` that feed {asked}{lane}.{also}", grid.name));
    }
    // Every element of the tensor.
    if single && flats.len() == grid.numel() && wanted_here.len() < grid.numel() {
        let lane = line_dim(grid, wanted_here);
        return Some(match (reduced, lane) {
            (Some(r), Some(d)) if !r.whole => format!(
                "You picked every element of `{}`: that is what `{}` uses without a `dim`. With {}, each \
                 output comes only from the elements along {} at its own position: {}.",
                grid.name,
                r.name(),
                dim_arg(&r.dims()),
                dims_words(&r.dims()),
                line_words(grid, d)
            ),
            (_, lane) => format!(
                "You picked every element of `{}`, but {asked} is computed from {} of them{}.{also}",
                grid.name,
                wanted_here.len(),
                lane.map(|d| format!(": {}", line_words(grid, d))).unwrap_or_default()
            ),
        });
    }
    // A line along the wrong dim: a row for a column.
    if single
        && let Some(want) = expected.get(node).and_then(|e| line_dim(grid, e))
        && let Some(got) = line_dim(grid, flats)
        && got != want
    {
        return Some(format!(
            "You picked {} of `{}`, the elements along dim {got}. But {asked} is computed from elements \
             along dim {want}: {}.{also}",
            line_words(grid, got),
            grid.name,
            line_words(grid, want)
        ));
    }
    // Only the winner of a selection.
    if let Some(r) = Reduced::of(session, result.node)
        && let Some(winner) = graph.winner(result.node, flat)
        && single
        && flats.len() == 1
        && (node, flats[0]) == winner
        && expected.len() > 1
    {
        return Some(format!(
            "`{}` alone is not all: to give its answer, `{}` compares every element along {}, so each of \
             them feeds {asked}.",
            session.cell_name(node, flats[0]),
            r.name(),
            if r.whole { "the whole tensor".to_string() } else { dims_words(&r.dims()) }
        ));
    }
    // Part of it: what feeds the output directly, but not what feeds it
    // through a step in between (the mean it subtracts, say).
    let direct = graph.feeds(result.node, flat);
    let is_input = |n: NodeId| grids.iter().any(|g| g.node == n && g.role == GridRole::Input);
    let direct_inputs: Marks = direct.iter().copied().filter(|&(n, _)| is_input(n)).collect();
    if *picked == direct_inputs {
        let missing: Marks = expected.difference(picked).collect();
        let through = direct.iter().find(|&&(n, f)| {
            !is_input(n) && graph.trace(n, f).sources.cells().any(|c| missing.contains(c.0, c.1))
        })?;
        let named: Vec<String> =
            picked.cells().map(|(n, f)| format!("`{}`", session.cell_name(n, f))).collect();
        return Some(format!(
            "{} {} {asked} directly, but it also reads `{}`, which is computed from more elements of `{}`: \
             they feed {asked} through it.",
            named.join(", "),
            if named.len() == 1 { "feeds" } else { "feed" },
            session.cell_name(through.0, through.1),
            grid.name
        ));
    }
    None
}

/// For a pick made in `picked` alone, what the output also reads from the
/// other inputs (` It also reads elements of `b`: a column.`), or nothing.
fn also_reads(session: &Session, expected: &Marks, picked: NodeId) -> String {
    let others: Vec<String> = expected
        .iter()
        .filter(|&(n, _)| n != picked)
        .filter_map(|(n, flats)| {
            let grid = session.grids().iter().find(|g| g.node == n)?;
            let lane =
                line_dim(grid, flats).map(|d| format!(": {}", line_words(grid, d))).unwrap_or_default();
            Some(format!("`{}`{lane}", grid.name))
        })
        .collect();
    if others.is_empty() {
        return String::new();
    }
    format!(" It also reads elements of {}.", others.join(", and of "))
}

/// "first" for position 0, "second" for 1, ...
fn ordinal(n: usize) -> String {
    const WORDS: [&str; 10] =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
    WORDS.get(n).map_or_else(|| format!("{}th", n + 1), |w| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "t = torch.tensor([[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]], dtype=torch.float32)\n";
    const ARG: &str = "t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)\n";

    fn print(program: &str, typed: &str) -> Option<String> {
        print_mistake(&Session::new(program), typed).map(|d| d.message)
    }

    fn shape(program: &str, given: &[usize]) -> Option<String> {
        shape_mistake(&Session::new(program), given)
    }

    /// The program's own output: the mistakes below are built from it.
    fn printed(program: &str) -> String {
        Session::new(program).run().focus.as_ref().unwrap().repr.clone().unwrap()
    }

    #[test]
    fn a_bare_number_or_an_integer_for_a_float_tensor_is_a_matter_of_writing() {
        let program = format!("{T}t.sum()");
        assert_eq!(printed(&program), "tensor(24.)");
        let d = print_mistake(&Session::new(&program), "24").unwrap();
        assert!(d.value_right);
        assert_eq!(
            d.message,
            "The number is right, but `t.sum()` gives a tensor, even when it holds a single number, and \
             PyTorch prints a tensor as `tensor(...)`. Also, the result holds floats (`torch.float32`), and \
             PyTorch writes a whole-number float with a dot: `24.`, not `24`."
        );
        assert_eq!(
            print(&program, "tensor(24)").unwrap(),
            "The number is right, but the result holds floats (`torch.float32`), and PyTorch writes a \
             whole-number float with a dot: `24.`, not `24`."
        );
        assert_eq!(
            print(&program, "tensor(24.0)").unwrap(),
            "The number is right, but PyTorch writes `24.`, not `24.0`: in a tensor, a whole-number float \
             gets a dot and no zeros after it."
        );
        let list = print(&format!("{T}t.sum(dim=1)"), "[4., 8., 12.]").unwrap();
        assert!(list.starts_with("The numbers are right, but `t.sum(dim=1)` gives a tensor"), "{list}");
        let mean = format!("{T}t.mean()");
        assert_eq!(printed(&mean), "tensor(2.)");
        let item = format!("{T}t.mean().item()");
        assert_eq!(printed(&item), "2.0");
        assert!(print(&item, "tensor(2.)").unwrap().contains("a plain Python number"));
        assert!(print(&item, "2").unwrap().contains("Python writes it with a dot: `2.0`"));
    }

    #[test]
    fn argmax_answered_with_the_value_or_counted_from_one() {
        let program = format!("{ARG}t.argmax()");
        assert_eq!(printed(&program), "tensor(11)");
        // The largest value, 5, in every way of writing it.
        for typed in ["tensor(5.)", "5", "tensor(5)"] {
            assert_eq!(
                print(&program, typed).unwrap(),
                "That is the largest value itself. `argmax` gives *where* it is: its position in the \
                 flattened `t`, counting row after row from 0.",
                "{typed}"
            );
        }
        assert!(print(&program, "tensor(12)").unwrap().starts_with("Positions count from 0"));
        // Row 2, column 3: an index into t, not the flat position.
        for typed in ["tensor([2, 3])", "[2, 3]"] {
            assert!(print(&program, typed).unwrap().starts_with("That is the position as an index into `t`"));
        }
        let index = print_mistake(&Session::new(&program), "tensor(11.)").unwrap();
        assert!(index.value_right);
        assert!(index.message.contains("`argmax` gives positions, which are whole numbers (`torch.int64`)"));
        // Not every wrong answer follows a pattern.
        assert_eq!(print(&program, "tensor(7)"), None);
        assert_eq!(print(&program, "seven"), None);
    }

    #[test]
    fn argmax_along_a_dim() {
        let program = format!("{ARG}t.argmax(dim=1)");
        assert_eq!(printed(&program), "tensor([3, 1, 3])");
        assert_eq!(
            print(&program, "tensor([2., 3., 5.])").unwrap(),
            "Those are the largest values themselves. `argmax` gives *where* they are: their positions \
             along dim 1, counting from 0."
        );
        assert!(print(&program, "tensor([4, 2, 4])").unwrap().starts_with("Positions count from 0"));
        // Along dim 0 there are 4 columns: one position each.
        assert_eq!(
            print(&program, "tensor([2, 1, 1, 2])").unwrap(),
            "Your answer has the shape `[4]`. That is what reducing dim 0 (size 3) would leave. `dim=1` \
             names dim 1 (size 4): the dim you name is the one that disappears."
        );
        let max = format!("{ARG}t.amax(dim=1)");
        assert_eq!(printed(&max), "tensor([2., 3., 5.])");
        assert!(
            print(&max, "tensor([3., 1., 3.])")
                .unwrap()
                .starts_with("Those are where the largest values are")
        );
    }

    #[test]
    fn sums_counted_or_averaged_and_means_summed() {
        let sum = format!("{T}t.sum()");
        assert_eq!(
            print(&sum, "tensor(12.)").unwrap(),
            "That counts the elements (12 of them); `sum` adds up their values."
        );
        assert!(print(&sum, "tensor(2.)").unwrap().starts_with("That is the mean;"));
        let mean = format!("{T}t.mean(dim=0)");
        assert_eq!(printed(&mean), "tensor([2., 2., 2., 2.])");
        assert_eq!(
            print(&mean, "tensor([6., 6., 6., 6.])").unwrap(),
            "That is the sum; `mean` divides it by the number of elements (3 in each column)."
        );
    }

    #[test]
    fn the_kept_dim_for_the_reduced_one_and_the_wrong_dim() {
        let program = format!("{T}t.sum(dim=1)");
        assert_eq!(printed(&program), "tensor([ 4.,  8., 12.])");
        assert_eq!(
            print(&program, "tensor([[4.], [8.], [12.]])").unwrap(),
            "Your answer has the shape `[3, 1]`. That keeps dim 1 with size 1, which is what \
             `keepdim=True` does. Without `keepdim`, the dim you reduce disappears from the shape."
        );
        assert_eq!(
            print(&program, "tensor(24.)").unwrap(),
            "A single number is what `sum` gives without a `dim`, from every element at once. With \
             `dim=1` it works along dim 1 only, so one result is left for each position of the other dims."
        );
        assert_eq!(
            shape(&program, &[4]).unwrap(),
            "That is what reducing dim 0 (size 3) would leave. `dim=1` names dim 1 (size 4): the dim you \
             name is the one that disappears."
        );
        assert_eq!(
            shape(&program, &[3, 4]).unwrap(),
            "That is the shape of `t` itself, before the reduction. `sum` along dim 1 turns the 4 elements \
             of each row into one, so dim 1 disappears."
        );
        assert_eq!(
            shape(&program, &[1, 4]).unwrap(),
            "That is what reducing dim 0 (size 3) with `keepdim=True` would leave. `dim=1` names dim 1 \
             (size 4): the dim you name is the one that disappears."
        );
        assert_eq!(shape(&program, &[7]), None);
        let kept = format!("{T}t.sum(dim=1, keepdim=True)");
        assert_eq!(
            shape(&kept, &[3]).unwrap(),
            "That is the shape without `keepdim`. With `keepdim=True` the reduced dim 1 stays in the shape \
             with size 1, so the result has as many dims as `t`."
        );
        assert!(
            shape(&kept, &[1, 4]).unwrap().ends_with("the dim you name is the one that shrinks to size 1.")
        );
    }

    #[test]
    fn several_dims_and_the_whole_tensor() {
        let images = "images = torch.arange(24.).reshape(2, 3, 4)\nimages.mean(dim=(1, 2))";
        assert_eq!(printed(images), "tensor([ 5.5000, 17.5000])");
        assert_eq!(
            shape(images, &[2, 3]).unwrap(),
            "That reduces only dim 2. `dim=(1, 2)` reduces every dim it names: dims 1 and 2 both disappear."
        );
        assert_eq!(
            shape(images, &[3, 4]).unwrap(),
            "That is what reducing dim 0 (size 2) would leave. `dim=(1, 2)` names dims 1 and 2 (sizes 3 and 4): \
             the dims you name are the ones that disappear."
        );
        assert!(shape(images, &[2, 1, 1]).unwrap().contains("`keepdim=True`"));
        let whole = format!("{T}t.sum()");
        assert_eq!(
            shape(&whole, &[3]).unwrap(),
            "Without a `dim`, `sum` turns every element of `t` into a single number."
        );
    }

    #[test]
    fn a_new_dim_in_the_wrong_place_or_none() {
        let program = format!("{T}m = t.mean(dim=1).unsqueeze(1)\nm");
        assert_eq!(
            shape(&program, &[3]).unwrap(),
            "That is the shape of `t.mean(dim=1)`, before the new dim is inserted. A new dim of size 1 \
             makes the result one dim longer."
        );
        assert!(
            shape(&program, &[1, 3]).unwrap().starts_with("That puts the new dim of size 1 at position 0.")
        );
        assert_eq!(shape(&program, &[3, 1]), None);
    }

    #[test]
    fn element_wise_results_have_their_operands_shape() {
        let program = format!("{T}t[0] + t[1] + t[2]");
        assert_eq!(
            shape(&program, &[3, 4]).unwrap(),
            "That is the shape of `t`. An element-wise operation pairs up its operands element by element, \
             so the result has their shape: here they are `t[0] + t[1]` and `t[2]`."
        );
        assert!(shape(&program, &[3]).unwrap().starts_with("An element-wise operation"));
        let broadcast = format!("{T}t - t.mean(dim=1, keepdim=True)");
        assert!(
            shape(&broadcast, &[3, 1])
                .unwrap()
                .starts_with("That is the shape of `t.mean(dim=1, keepdim=True)`.")
        );
    }

    fn marks(session: &Session, name: &str, indices: &[&[usize]]) -> Marks {
        let g = session.grids().iter().find(|g| g.name == name).unwrap();
        indices.iter().map(|i| (g.node, g.flat(i))).collect()
    }

    #[test]
    fn a_row_for_a_column_the_whole_tensor_or_another_output() {
        let s = Session::new(&format!("{T}t.sum(dim=0)"));
        let row = marks(&s, "t", &[&[1, 0], &[1, 1], &[1, 2], &[1, 3]]);
        assert_eq!(
            cells_mistake(&s, &[1], &row).unwrap(),
            "You picked a row of `t`, the elements along dim 1. But output [1] is computed from elements \
             along dim 0: a column."
        );
        let all: Vec<Vec<usize>> = (0..3).flat_map(|i| (0..4).map(move |j| vec![i, j])).collect();
        let all = marks(&s, "t", &all.iter().map(Vec::as_slice).collect::<Vec<_>>());
        assert_eq!(
            cells_mistake(&s, &[1], &all).unwrap(),
            "You picked every element of `t`: that is what `sum` uses without a `dim`. With `dim=0`, each \
             output comes only from the elements along dim 0 at its own position: a column."
        );
        let column0 = marks(&s, "t", &[&[0, 0], &[1, 0], &[2, 0]]);
        assert_eq!(
            cells_mistake(&s, &[1], &column0).unwrap(),
            "Those are the elements that feed output [0], not output [1]. Positions count from 0: output \
             [0] is the first, so output [1] is the second."
        );
        let column2 = marks(&s, "t", &[&[0, 2], &[1, 2], &[2, 2]]);
        assert_eq!(
            cells_mistake(&s, &[1], &column2).unwrap(),
            "Those are the elements that feed output [2], not output [1]."
        );
        let stray = marks(&s, "t", &[&[0, 2], &[1, 1], &[2, 1]]);
        assert_eq!(cells_mistake(&s, &[1], &stray), None);
    }

    #[test]
    fn a_product_read_from_one_operand_only() {
        let s = Session::new(
            "a = torch.tensor([[1., 2., 3.], [0., 1., 2.]])\nb = torch.tensor([[4., 1.], [0., 2.], [1., 0.]])\na @ b",
        );
        let row = marks(&s, "a", &[&[1, 0], &[1, 1], &[1, 2]]);
        assert_eq!(
            cells_mistake(&s, &[1, 0], &row).unwrap(),
            "Those are the elements of `a` that feed output [1, 0], a row. It also reads elements of `b`: \
             a column."
        );
        let all = marks(&s, "a", &[&[0, 0], &[0, 1], &[0, 2], &[1, 0], &[1, 1], &[1, 2]]);
        assert_eq!(
            cells_mistake(&s, &[1, 0], &all).unwrap(),
            "You picked every element of `a`, but output [1, 0] is computed from 3 of them: a row. It also \
             reads elements of `b`: a column."
        );
        let column = marks(&s, "a", &[&[0, 0], &[1, 0]]);
        assert_eq!(
            cells_mistake(&s, &[1, 0], &column).unwrap(),
            "You picked a column of `a`, the elements along dim 0. But output [1, 0] is computed from \
             elements along dim 1: a row. It also reads elements of `b`: a column."
        );
    }

    #[test]
    fn only_the_winner_or_only_the_direct_element() {
        let s = Session::new(&format!("{ARG}t.argmax(dim=0)"));
        let winner = marks(&s, "t", &[&[2, 3]]);
        assert_eq!(
            cells_mistake(&s, &[3], &winner).unwrap(),
            "`t[2, 3]` alone is not all: to give its answer, `argmax` compares every element along dim 0, \
             so each of them feeds output [3]."
        );
        let s = Session::new(&format!("{T}t - t.mean(dim=1, keepdim=True)"));
        let own = marks(&s, "t", &[&[2, 1]]);
        assert_eq!(
            cells_mistake(&s, &[2, 1], &own).unwrap(),
            "`t[2, 1]` feeds output [2, 1] directly, but it also reads `(t.mean(dim=1, keepdim=True))[2, 0]`, \
             which is computed from more elements of `t`: they feed output [2, 1] through it."
        );
    }
}
