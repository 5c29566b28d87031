//! The kernels of the operations that pick elements, each recording how
//! every element it gives was picked: ranking a lane (`sort`, `argsort`,
//! `topk`, `cummax`, `cummin`), taking by index or mask (`gather`,
//! `index_select`, `nonzero`, `where`, `masked_fill`), and moving elements
//! (`flip`, `roll`).

use super::catalog::Call;
use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::signature::{Signature, bind, overloads};
use super::tensor_methods::int_arg;
use super::torch_api::int_list;
use super::value::{Traced, Value};
use crate::tensor::autograd::Derivative;
use crate::tensor::choose::{masked_fill as fill_masked, select_where};
use crate::tensor::elementwise::Side;
use crate::tensor::layout::Layout;
use crate::tensor::lineage::{Decider, NodeId, Ranking, Step, Taking};
use crate::tensor::ordering::{self, Ranked};
use crate::tensor::shape::{Shape, broadcast_shapes, wrap_dim};
use crate::tensor::take;
use crate::tensor::{Scalar, Tensor};
use std::rc::Rc;
use std::sync::OnceLock;

/// In a `Step::Pick`, the choice of a number the program wrote (no input
/// element stands for it).
const NUMBER: u8 = u8::MAX;

/// A bool argument, or `default` when it was not given.
fn flag(c: &Call<'_>, name: &str, default: bool) -> bool {
    match c.bound.get(name) {
        Some(Value::Bool(b)) => *b,
        _ => default,
    }
}

/// A tensor argument the overload that bound guarantees.
fn tensor_arg<'a>(c: &'a Call<'_>, name: &str) -> &'a Traced {
    match c.bound.get(name) {
        Some(Value::Tensor(t)) => t,
        _ => unreachable!("the overload binds a tensor `{name}`"),
    }
}

impl Interpreter<'_> {
    /// Records what ranking `input`'s lanes gave as a `(values, indices)`
    /// pair named as PyTorch names its type (`torch.return_types.sort`).
    fn ranked_pair(
        &mut self,
        input: &Traced,
        r: Ranked,
        op: Ranking,
        name: &'static str,
        span: Span,
    ) -> Value {
        let text = self.text(span);
        let indices = r.indices();
        let Ranked { values, picked, lanes } = r;
        let picked = Rc::new(picked);
        let step = |indices| Step::Rank {
            op,
            input: input.node,
            lanes: lanes.clone(),
            picked: picked.clone(),
            indices,
        };
        let values = self.record(values, step(false), span, format!("{text}.values"));
        let (grad_fn, derivative) = match op {
            Ranking::Sort { .. } => ("SortBackward0", Derivative::Copy),
            Ranking::Topk { .. } => ("TopkBackward0", Derivative::Copy),
            // The running extremes repeat an element: their gradients add up there.
            Ranking::Cummax => ("CummaxBackward0", Derivative::Accumulate),
            Ranking::Cummin => ("CumminBackward0", Derivative::Accumulate),
        };
        let values = self.differentiable(values, grad_fn, derivative, &[input]);
        let indices = self.record(indices, step(true), span, format!("{text}.indices"));
        Value::ValuesIndices { op: name, values, indices }
    }
}

/// How a tensor whose elements were taken from `input` at `from` derives.
fn took(
    op: Taking,
    input: &Traced,
    from: impl Into<Rc<Vec<usize>>>,
    dims: Vec<(usize, usize)>,
    deciders: Vec<Decider>,
) -> Step {
    Step::Take { op, input: input.node, from: from.into(), dims, deciders }
}

/// `t.sort(dim=-1, descending=False)` and `t.sort(stable=..., ...)`.
pub(crate) fn sort(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let descending = flag(c, "descending", false);
    let r = ordering::sort(&t.tensor, int_arg(c.bound, "dim", -1), descending, flag(c, "stable", false))?;
    Ok(i.ranked_pair(&t, r, Ranking::Sort { descending }, "sort", c.span))
}

/// `t.argsort(dim=-1, descending=False, stable=False)`: the indices of `sort`.
pub(crate) fn argsort(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let descending = flag(c, "descending", false);
    let r = ordering::sort(&t.tensor, int_arg(c.bound, "dim", -1), descending, flag(c, "stable", false))?;
    let indices = r.indices();
    let step = Step::Rank {
        op: Ranking::Sort { descending },
        input: t.node,
        lanes: r.lanes,
        picked: Rc::new(r.picked),
        indices: true,
    };
    Ok(Value::Tensor(i.derived(indices, step, c.span)))
}

/// `t.topk(k, dim=-1, largest=True, sorted=True)`.
pub(crate) fn topk(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let largest = flag(c, "largest", true);
    let k = int_arg(c.bound, "k", 0);
    let r = ordering::topk(&t.tensor, k, int_arg(c.bound, "dim", -1), largest, flag(c, "sorted", true))?;
    Ok(i.ranked_pair(&t, r, Ranking::Topk { largest }, "topk", c.span))
}

/// `t.cummax(dim)`.
pub(crate) fn cummax(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let r = ordering::cumulative_extreme(&t.tensor, int_arg(c.bound, "dim", 0), true)?;
    Ok(i.ranked_pair(&t, r, Ranking::Cummax, "cummax", c.span))
}

/// `t.cummin(dim)`.
pub(crate) fn cummin(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let r = ordering::cumulative_extreme(&t.tensor, int_arg(c.bound, "dim", 0), false)?;
    Ok(i.ranked_pair(&t, r, Ranking::Cummin, "cummin", c.span))
}

/// Each output dim paired with itself, for the dims below `rank` but `skip`.
fn same_dims(rank: usize, skip: Option<usize>) -> Vec<(usize, usize)> {
    (0..rank).filter(|&k| Some(k) != skip).map(|k| (k, k)).collect()
}

/// `t.gather(dim, index)`: each element of `index` picks, along `dim`, the
/// element at its own place otherwise.
pub(crate) fn gather(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let index = tensor_arg(c, "index");
    let dim = int_arg(c.bound, "dim", 0);
    let from = take::gather(&t.tensor, dim, &index.tensor)?;
    let shape = index.tensor.shape().clone();
    let values = take::take(&t.tensor, &from, shape.clone());
    let dim = wrap_dim(dim, t.tensor.rank())?;
    let rank = shape.rank().min(t.tensor.rank());
    let decider = Decider {
        node: index.node,
        at: Rc::new((0..shape.numel()).collect()),
        dims: same_dims(shape.rank(), None),
    };
    let dims = same_dims(rank, Some(dim));
    let out = i.derived(values, took(Taking::Gather, &t, from, dims, vec![decider]), c.span);
    Ok(Value::Tensor(i.differentiable(out, "GatherBackward0", Derivative::Accumulate, &[&t])))
}

/// `t.index_select(dim, index)`: the slices along `dim` that `index` names.
pub(crate) fn index_select(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let index = tensor_arg(c, "index");
    let dim = int_arg(c.bound, "dim", 0);
    let (shape, from) = take::index_select(&t.tensor, dim, &index.tensor)?;
    let values = take::take(&t.tensor, &from, shape.clone());
    let dim = wrap_dim(dim, t.tensor.rank())?;
    // Each output element was chosen by the index element at its place along `dim`.
    let at = (0..shape.numel()).map(|flat| shape.unravel(flat).get(dim).copied().unwrap_or(0)).collect();
    let along = if index.tensor.rank() == 1 && shape.rank() > 0 { vec![(dim, 0)] } else { Vec::new() };
    let decider = Decider { node: index.node, at: Rc::new(at), dims: along };
    let dims = same_dims(shape.rank(), Some(dim));
    let out = i.derived(values, took(Taking::IndexSelect, &t, from, dims, vec![decider]), c.span);
    Ok(Value::Tensor(i.differentiable(out, "IndexSelectBackward0", Derivative::Accumulate, &[&t])))
}

/// `t.nonzero()` (one row of indices per nonzero element) or
/// `t.nonzero(as_tuple=True)` (one tensor of indices per dim).
pub(crate) fn nonzero(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    nonzero_of(i, &t, flag(c, "as_tuple", false), c.span)
}

/// `nonzero`, as a table or as a tuple of index tensors.
fn nonzero_of(i: &mut Interpreter<'_>, t: &Traced, as_tuple: bool, span: Span) -> Result<Value, LangError> {
    let found = Rc::new(take::nonzero(&t.tensor));
    let shape = t.tensor.shape().clone();
    // The coordinate along dim `d` of row-major position `p` (0 past the last dim).
    let dims = shape.dims();
    let coordinate = |p: usize, d: usize| match dims.get(d) {
        Some(&size) => ((p / dims[d + 1..].iter().product::<usize>().max(1)) % size.max(1)) as i64,
        None => 0,
    };
    if as_tuple {
        // A 0-d tensor answers as if it had one dim of size 1.
        let parts: Vec<Value> = (0..shape.rank().max(1))
            .map(|d| {
                let values = found.iter().map(|&p| coordinate(p, d)).collect();
                let part = take::positions(values, Shape::new(vec![found.len()])?);
                Ok(Value::Tensor(i.derived(
                    part,
                    took(Taking::Nonzero, t, Rc::clone(&found), Vec::new(), Vec::new()),
                    span,
                )))
            })
            .collect::<Result<_, LangError>>()?;
        return Ok(Value::tuple(parts));
    }
    let rank = shape.rank();
    let values =
        found.iter().flat_map(|&p| (0..rank).map(move |d| (p, d))).map(|(p, d)| coordinate(p, d)).collect();
    let from: Vec<usize> = found.iter().flat_map(|&p| std::iter::repeat_n(p, rank)).collect();
    let table = take::positions(values, Shape::new(vec![found.len(), rank])?);
    Ok(Value::Tensor(i.derived(table, took(Taking::Nonzero, t, from, Vec::new(), Vec::new()), span)))
}

/// `t.flip(dims)`.
pub(crate) fn flip(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let from = take::flip(&t.tensor, &int_list(c.bound.get("dims")))?;
    // PyTorch's flip lays its result out in memory as its input is.
    let values = take::take(&t.tensor, &from, t.tensor.shape().clone()).in_memory_order_of(&[&t.tensor]);
    let dims = same_dims(t.tensor.rank(), None);
    let out = i.derived(values, took(Taking::Flip, &t, from, dims, Vec::new()), c.span);
    Ok(Value::Tensor(i.differentiable(out, "FlipBackward0", Derivative::Copy, &[&t])))
}

/// `t.roll(shifts, dims)`.
pub(crate) fn roll(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let (shifts, dims) = (int_list(c.bound.get("shifts")), int_list(c.bound.get("dims")));
    let from = take::roll(&t.tensor, &shifts, &dims)?;
    let values = take::take(&t.tensor, &from, t.tensor.shape().clone());
    let dims = same_dims(t.tensor.rank(), None);
    let out = i.derived(values, took(Taking::Roll, &t, from, dims, Vec::new()), c.span);
    Ok(Value::Tensor(i.differentiable(out, "RollBackward0", Derivative::Copy, &[&t])))
}

/// One candidate of a choice: a tensor, or a number the program wrote.
enum Candidate<'a> {
    Tensor(&'a Traced),
    Number(Scalar),
}

impl Candidate<'_> {
    fn side(&self) -> Side<'_> {
        match self {
            Candidate::Tensor(t) => Side::Tensor(&t.tensor),
            Candidate::Number(s) => Side::Number(*s),
        }
    }
}

/// A candidate from a bound argument (the overload chose tensor or number).
fn candidate(v: Option<&Value>) -> Candidate<'_> {
    match v {
        Some(Value::Tensor(t)) => Candidate::Tensor(t),
        other => Candidate::Number(other.and_then(Value::as_number).unwrap_or(Scalar::Int(0))),
    }
}

impl Interpreter<'_> {
    /// Records a choice between candidates made by `decider` (the
    /// condition or the mask): `picked` says, per element, which candidate
    /// won (0 or 1); the tensors among them are its inputs.
    fn chosen(
        &mut self,
        values: Tensor,
        candidates: [&Candidate<'_>; 2],
        picked: Vec<u8>,
        decider: &Traced,
        grad_fn: &'static str,
        span: Span,
    ) -> Traced {
        let shape = values.shape().clone();
        let read = |t: &Traced| Layout::contiguous(t.tensor.shape().clone()).broadcast_to(&shape);
        let mut inputs: Vec<(NodeId, Layout)> = Vec::new();
        let mut slot = [NUMBER; 2];
        for (k, c) in candidates.iter().enumerate() {
            if let Candidate::Tensor(t) = c {
                slot[k] = inputs.len() as u8;
                inputs.push((t.node, read(t)));
            }
        }
        let picked = picked.into_iter().map(|p| slot[usize::from(p)]).collect();
        let deciders = vec![(decider.node, read(decider))];
        let out = self.derived(values, Step::Pick { inputs, picked: Rc::new(picked), deciders }, span);
        let tensors: Vec<&Traced> = candidates
            .iter()
            .filter_map(|c| match c {
                Candidate::Tensor(t) => Some(*t),
                Candidate::Number(_) => None,
            })
            .collect();
        self.differentiable(out, grad_fn, Derivative::Pick, &tensors)
    }
}

/// `t.masked_fill(mask, value)`.
pub(crate) fn masked_fill(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let mask = tensor_arg(c, "mask");
    let value = candidate(c.bound.get("value"));
    broadcast_shapes(mask.tensor.shape(), t.tensor.shape())?;
    let fill = match &value {
        Candidate::Tensor(v) if v.tensor.rank() != 0 => {
            return Err(LangError::runtime(format!(
                "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with {} dimension(s).",
                v.tensor.rank()
            )));
        }
        Candidate::Tensor(v) => v.tensor.get(&[]),
        Candidate::Number(s) => *s,
    };
    let chosen = fill_masked(&t.tensor, &mask.tensor, fill)?;
    let own = Candidate::Tensor(&t);
    let grad_fn =
        if matches!(value, Candidate::Tensor(_)) { "MaskedFillBackward1" } else { "MaskedFillBackward0" };
    Ok(Value::Tensor(i.chosen(chosen.values, [&own, &value], chosen.picked, mask, grad_fn, c.span)))
}

/// `t.where(condition, other)`: `torch.where(condition, t, other)`.
pub(crate) fn where_method(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let condition = tensor_arg(c, "condition");
    let own = Candidate::Tensor(&t);
    choose_where(i, condition, own, candidate(c.bound.get("other")), c.span)
}

/// `torch.where(condition, input, other)`, or `torch.where(condition)`
/// (`nonzero(as_tuple=True)`), bound to PyTorch's function overloads.
pub(crate) fn where_function(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    static OVERLOADS: OnceLock<Vec<Signature>> = OnceLock::new();
    let sigs = OVERLOADS.get_or_init(|| {
        overloads(&[
            "where(Tensor condition)",
            "where(Tensor condition, Tensor input, Tensor other, *, Tensor? out=None)",
            "where(Tensor condition, Scalar self, Tensor other)",
            "where(Tensor condition, Tensor input, Scalar other)",
            "where(Tensor condition, Scalar self, Scalar other)",
        ])
    });
    let (which, b) = bind(sigs, args, kwargs)?;
    if b.get("out").is_some() {
        return Err(LangError::unsupported_here("out= (results are new tensors)"));
    }
    let Some(Value::Tensor(condition)) = b.get("condition") else {
        unreachable!("every overload binds a tensor condition")
    };
    if which == 0 {
        return nonzero_of(i, condition, true, span);
    }
    let input = candidate(b.get("input").or_else(|| b.get("self")));
    choose_where(i, condition, input, candidate(b.get("other")), span)
}

fn choose_where(
    i: &mut Interpreter<'_>,
    condition: &Traced,
    input: Candidate<'_>,
    other: Candidate<'_>,
    span: Span,
) -> Result<Value, LangError> {
    let chosen = select_where(&condition.tensor, input.side(), other.side())?;
    Ok(Value::Tensor(i.chosen(
        chosen.values,
        [&input, &other],
        chosen.picked,
        condition,
        "WhereBackward0",
        span,
    )))
}

#[cfg(test)]
mod tests {
    use crate::session::Session;

    /// The leaf elements element `flat` of the program's last value came
    /// from and was picked through, as `name[i, j]`.
    fn lineage(program: &str, flat: usize) -> (Vec<String>, Vec<String>) {
        let session = Session::new(program);
        assert_eq!(session.transcript().error, None, "{program}");
        let report = session.focus_lineage();
        let element = &report.elements[flat];
        let names = |refs: &[crate::session::ElementRef]| refs.iter().map(|r| r.to_string()).collect();
        (names(&element.sources), names(&element.winners))
    }

    const T: &str = "t = torch.tensor([[3., 1., 2.], [0., 5., 4.]])\n";

    fn node_of(s: &Session, name: &str) -> crate::tensor::lineage::NodeId {
        s.grids().iter().find(|g| g.name == name).expect("drawn").node
    }

    #[test]
    fn an_index_element_that_picked_is_a_source() {
        let (sources, winners) =
            lineage(&format!("{T}i = torch.tensor([[1, 0], [2, 1]])\nt.gather(1, i)"), 2);
        assert_eq!(sources, ["i[1, 0]", "t[1, 2]"]);
        assert_eq!(winners, ["t[1, 2]"]);
        let (sources, _) = lineage(&format!("{T}i = torch.tensor([2, 0])\nt.index_select(1, i)"), 1);
        assert_eq!(sources, ["i[1]", "t[0, 0]"]);
    }

    #[test]
    fn where_lights_both_candidates_and_the_condition() {
        let program =
            format!("{T}c = torch.tensor([True, False, True])\nu = torch.ones(2, 3)\ntorch.where(c, t, u)");
        let (sources, winners) = lineage(&program, 1);
        assert_eq!(sources, ["c[1]", "t[0, 1]", "u[0, 1]"]);
        assert_eq!(winners, ["u[0, 1]"]);
        // Pointing at the condition lights what it decided: its column.
        let s = Session::new(&program);
        let node = |name: &str| s.grids().iter().find(|g| g.name == name).expect("drawn").node;
        let out = node("torch.where(c, t, u)");
        assert_eq!(s.run().graph.targets(node("c"), 1, &[out]).get(out), Some(&[1, 4][..]));
        // And a sorted element lights the whole sorted lane it was compared in.
        let s = Session::new(&format!("{T}t.sort(dim=1).values"));
        let out = s.grids().last().expect("drawn").node;
        assert_eq!(s.run().graph.targets(node_of(&s, "t"), 4, &[out]).get(out), Some(&[3, 4, 5][..]));
        // A number the program wrote is picked, but no element stands for it.
        let (sources, winners) = lineage(&format!("{T}m = t > 2\nt.masked_fill(m, 0)"), 0);
        assert_eq!(sources, ["t[0, 0]"]);
        assert!(winners.is_empty());
    }

    #[test]
    fn a_sort_compares_its_lane_and_picks_one() {
        let (sources, winners) = lineage(&format!("{T}t.sort(dim=1, descending=True).values"), 3);
        assert_eq!(sources, ["t[1, 0]", "t[1, 1]", "t[1, 2]"]);
        assert_eq!(winners, ["t[1, 1]"]);
        // A running maximum compares the lane up to its place.
        let (sources, winners) = lineage(&format!("{T}t.cummax(1).indices"), 1);
        assert_eq!(sources, ["t[0, 0]", "t[0, 1]"]);
        assert_eq!(winners, ["t[0, 0]"]);
    }

    #[test]
    fn moved_elements_are_not_picked() {
        let (sources, winners) = lineage(&format!("{T}t.flip(1)"), 0);
        assert_eq!(sources, ["t[0, 2]"]);
        assert!(winners.is_empty());
        let (sources, _) = lineage(&format!("{T}t.roll(1)"), 0);
        assert_eq!(sources, ["t[1, 2]"]);
    }

    #[test]
    fn nonzero_locates_an_element() {
        let (sources, winners) = lineage(&format!("{T}t.nonzero()"), 3);
        assert_eq!((sources, winners), (vec!["t[0, 1]".to_string()], vec!["t[0, 1]".to_string()]));
    }
}
