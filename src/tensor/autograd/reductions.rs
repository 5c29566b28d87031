//! The backward formulas of reductions (`sum_backward`, `mean_backward`,
//! `prod_backward`, `var_backward`, `std_backward`,
//! `evenly_distribute_backward`, `scale_grad_by_count`, `norm_backward`,
//! `logsumexp_backward` in PyTorch's FunctionsManual.cpp): the reduced
//! dims restored (`kept`), then the formula, element by element.

use super::super::Tensor;
use super::super::elementwise::BinaryOp::{Div, Mul, Pow, Sub};
use super::super::error::TensorError;
use super::super::lanes::Lanes;
use super::super::layout::Layout;
use super::super::lineage::Step;
use super::super::reduce::{Reduction, reduce};
use super::super::shape::Shape;
use super::super::unary::Unary;
use super::Entry;
use super::grads::{expand, kept, map, number_op, op, op_number, sign, tensor, values, zeros, zip};

/// The lanes of a reduction's step.
pub(super) fn lanes_of(entry: &Entry) -> Result<&Lanes, TensorError> {
    match &entry.step {
        Step::Reduce { lanes, .. } | Step::Along { lanes, .. } | Step::Rank { lanes, .. } => Ok(lanes),
        _ => Err(TensorError::runtime(format!("{} was recorded without its lanes", entry.name))),
    }
}

/// `sum`: every element of a lane gets its output's gradient.
pub(super) fn sum(entry: &Entry, grad: &Tensor) -> Tensor {
    match lanes_of(entry) {
        Ok(lanes) => expand(&kept(grad, lanes), lanes.input_shape()),
        Err(_) => grad.clone(),
    }
}

/// `mean`: the gradient spread over a lane, divided by its length.
pub(super) fn mean(entry: &Entry, grad: &Tensor) -> Result<Tensor, TensorError> {
    let lanes = lanes_of(entry)?;
    op_number(Div, &sum(entry, grad), lanes.lane_len() as f64)
}

/// `prod`: the product of the other elements of the lane, as `result /
/// input` when the tensor holds no zero, else as the products before and
/// after each element (`prod_safe_zeros_backward`); a whole-tensor product
/// with more than one zero has a zero gradient everywhere.
pub(super) fn prod(
    entry: &Entry,
    grad: &Tensor,
    input: &Tensor,
    result: &Tensor,
) -> Result<Tensor, TensorError> {
    if input.rank() == 0 {
        return Ok(grad.clone());
    }
    let lanes = lanes_of(entry)?;
    let zero_count = values(input).iter().filter(|v| **v == 0.0).count();
    if zero_count == 0 {
        return op(Mul, &kept(grad, lanes), &op(Div, &kept(result, lanes), input)?);
    }
    if lanes.whole() {
        if zero_count > 1 {
            return Ok(zeros(input.shape(), grad.dtype()));
        }
        let flat = input.with_shape(Shape::derived(vec![input.numel()]));
        let others = products_of_others(&flat, 0)?;
        return Ok(op(Mul, grad, &others)?.with_shape(input.shape().clone()));
    }
    if input.numel() == 0 {
        return Ok(expand(&kept(grad, lanes), input.shape()));
    }
    let dim = lanes.reduced_dims().next().unwrap_or(0);
    op(Mul, &kept(grad, lanes), &products_of_others(input, dim)?)
}

/// For each element, the product of the elements before it in its lane
/// along `dim` times the product of those after it, each a running
/// product (`cumprod`) from its end of the lane.
fn products_of_others(input: &Tensor, dim: usize) -> Result<Tensor, TensorError> {
    let x = values(input);
    let dtype = input.dtype();
    let round = |v: f64| if dtype == super::super::DType::Float32 { f64::from(v as f32) } else { v };
    let mut out = vec![0.0; x.len()];
    for lane in lane_positions(input.shape(), dim)? {
        let n = lane.len();
        let mut before = vec![1.0; n];
        for k in 1..n {
            before[k] = round(before[k - 1] * x[lane[k - 1]]);
        }
        let mut after = vec![1.0; n];
        for k in (0..n.saturating_sub(1)).rev() {
            after[k] = round(after[k + 1] * x[lane[k + 1]]);
        }
        for k in 0..n {
            out[lane[k]] = round(before[k] * after[k]);
        }
    }
    Ok(tensor(out, input.shape().clone(), dtype))
}

/// The row-major positions of each lane along `dim` of a tensor of
/// `shape`, each lane in order along the dim.
pub(super) fn lane_positions(shape: &Shape, dim: usize) -> Result<Vec<Vec<usize>>, TensorError> {
    let lanes = Lanes::new(shape, Some(&[dim as i64]), true)?;
    let (outer, lane) = lanes.split(&Layout::contiguous(shape.clone()));
    Ok(outer.offsets().map(|start| lane.offsets().map(|at| start + at).collect()).collect())
}

/// `var`: `2 / (n - correction) * grad * (x - mean)`; over the whole
/// tensor with no degrees of freedom left, NaN where an element equals
/// the mean and infinity elsewhere.
pub(super) fn var(
    entry: &Entry,
    grad: &Tensor,
    input: &Tensor,
    correction: f64,
) -> Result<Tensor, TensorError> {
    let lanes = lanes_of(entry)?;
    if lanes.whole() || input.rank() == 0 {
        let whole = Lanes::new(input.shape(), None, false)?;
        let mean = reduce(input, Reduction::Mean, &whole)?.values;
        let dof = input.numel() as f64 - correction;
        if dof <= 0.0 {
            let at_mean =
                zip(input, &mean, input.dtype(), |x, m| if x == m { f64::NAN } else { f64::INFINITY })?;
            return op(Mul, grad, &at_mean);
        }
        return op(Mul, &number_op(Mul, 2.0 / dof, grad)?, &op(Sub, input, &mean)?);
    }
    let kept_lanes = Lanes::new(input.shape(), Some(&reduced_dims(lanes)), true)?;
    let mean = reduce(input, Reduction::Mean, &kept_lanes)?.values;
    let scale = 2.0 / (lanes.lane_len() as f64 - correction);
    op(Mul, &number_op(Mul, scale, &kept(grad, lanes))?, &op(Sub, input, &mean)?)
}

/// The reduced dims of `lanes`, as a dim list.
fn reduced_dims(lanes: &Lanes) -> Vec<i64> {
    lanes.reduced_dims().map(|d| d as i64).collect()
}

/// `std`: `var`'s formula for `grad / (2 * std)` (0 where the std is 0).
pub(super) fn std(
    entry: &Entry,
    grad: &Tensor,
    input: &Tensor,
    result: &Tensor,
    correction: f64,
) -> Result<Tensor, TensorError> {
    let scaled = op(Div, grad, &op_number(Mul, result, 2.0)?)?;
    let scaled = zip(&scaled, result, grad.dtype(), |g, r| if r == 0.0 { 0.0 } else { g })?;
    var(entry, &scaled, input, correction)
}

/// `max()`, `min()`, `median()`: zeros, with the gradient divided by their
/// count at the elements equal to the result (the NaNs, if it is NaN).
pub(super) fn evenly(grad: &Tensor, input: &Tensor, result: &Tensor) -> Result<Tensor, TensorError> {
    let value = values(result).first().copied().unwrap_or(f64::NAN);
    let hit = |x: f64| if value.is_nan() { x.is_nan() } else { x == value };
    let x = values(input);
    let count = x.iter().filter(|&&v| hit(v)).count();
    let share = values(&op_number(Div, grad, count as f64)?).first().copied().unwrap_or(0.0);
    let out = x.iter().map(|&v| if hit(v) { share } else { 0.0 }).collect();
    Ok(tensor(out, input.shape().clone(), grad.dtype()))
}

/// `amax`, `amin`: `(grad / count) * mask` per lane, the mask marking the
/// elements equal to the result (a NaN result equals nothing, so its
/// lane's gradient is NaN throughout).
pub(super) fn counted(
    entry: &Entry,
    grad: &Tensor,
    input: &Tensor,
    result: &Tensor,
) -> Result<Tensor, TensorError> {
    let lanes = lanes_of(entry)?;
    let mask = zip(input, &kept(result, lanes), grad.dtype(), |x, r| f64::from(u8::from(x == r)))?;
    let count = lane_count(&mask, input, lanes)?;
    op(Mul, &op(Div, &kept(grad, lanes), &count)?, &mask)
}

/// How many elements of each lane of `input` the 0/1 `mask` marks, kept
/// as size-1 dims (the ties a gradient is split among).
fn lane_count(mask: &Tensor, input: &Tensor, lanes: &Lanes) -> Result<Tensor, TensorError> {
    let kept_lanes = Lanes::new(input.shape(), Some(&reduced_dims_or_all(lanes)), true)?;
    Ok(reduce(&mask.to_dtype(super::super::DType::Int64), Reduction::Sum, &kept_lanes)?.values)
}

/// The reduced dims, every dim for a whole-tensor reduction.
fn reduced_dims_or_all(lanes: &Lanes) -> Vec<i64> {
    if lanes.whole() { (0..lanes.input_shape().rank() as i64).collect() } else { reduced_dims(lanes) }
}

/// `norm` of order `p` (`norm_backward`), one formula per kind of order.
pub(super) fn norm(
    entry: &Entry,
    grad: &Tensor,
    input: &Tensor,
    result: &Tensor,
    p: f64,
) -> Result<Option<Tensor>, TensorError> {
    let lanes = lanes_of(entry)?;
    let (g, n) = (kept(grad, lanes), kept(result, lanes));
    let dtype = grad.dtype();
    let signs = map(input, sign);
    let zero_where_norm_is = |t: Tensor| zip(&t, &n, dtype, |v, n| if n == 0.0 { 0.0 } else { v });
    Ok(Some(if p == 0.0 {
        return Ok(None);
    } else if p == 1.0 {
        op(Mul, &signs, &g)?
    } else if p == 2.0 {
        op(Mul, &g, &zero_where_norm_is(op(Div, input, &n)?)?)?
    } else if p.is_infinite() {
        let abs = map(input, f64::abs);
        let mask = zip(&abs, &n, dtype, |a, n| f64::from(u8::from(a == n || a.is_nan())))?;
        let count = lane_count(&mask, input, lanes)?;
        op(Mul, &signs, &op(Mul, &op(Div, &g, &count)?, &mask)?)?
    } else if p < 1.0 {
        let powered = op_number(Pow, &map(input, f64::abs), p - 1.0)?;
        let scaled = op(Mul, &signs, &zip(&powered, input, dtype, |v, x| if x == 0.0 { 0.0 } else { v })?)?;
        op(Mul, &op(Mul, &scaled, &g)?, &op_number(Pow, &n, 1.0 - p)?)?
    } else {
        let scaled = if p < 2.0 {
            op(Mul, &signs, &op_number(Pow, &map(input, f64::abs), p - 1.0)?)?
        } else {
            op(Mul, input, &op_number(Pow, &map(input, f64::abs), p - 2.0)?)?
        };
        let scale = zero_where_norm_is(op(Div, &g, &op_number(Pow, &n, p - 1.0)?)?)?;
        op(Mul, &scaled, &scale)?
    }))
}

/// `logsumexp`: `grad * exp(x - result)`.
pub(super) fn logsumexp(
    entry: &Entry,
    grad: &Tensor,
    input: &Tensor,
    result: &Tensor,
) -> Result<Tensor, TensorError> {
    let lanes = lanes_of(entry)?;
    let shifted = op(Sub, input, &kept(result, lanes))?;
    op(Mul, &kept(grad, lanes), &Unary::Exp.apply(&shifted)?)
}
