//! The backward formulas of the operations along a dim: `cumsum_backward`
//! (a running sum from the end of the lane), `cumprod_backward`, and the
//! softmax kernels' `_softmax_backward_data` and
//! `_log_softmax_backward_data`.

use super::super::Tensor;
use super::super::along::{Along, along, reduce_all_in};
use super::super::dtype::DType;
use super::super::elementwise::BinaryOp::{Div, Mul};
use super::super::error::TensorError;
use super::super::lanes::Lanes;
use super::super::reduce::{Reduction, reduce};
use super::super::take::{flip, take};
use super::Entry;
use super::grads::{op, tensor, values};
use super::reductions::{lane_positions, lanes_of};

/// The dim a scan runs along, and the lanes along it.
fn dim_of(entry: &Entry) -> Result<(usize, &Lanes), TensorError> {
    let lanes = lanes_of(entry)?;
    Ok((lanes.reduced_dims().next().unwrap_or(0), lanes))
}

/// `t` with the order along `dim` reversed.
fn flipped(t: &Tensor, dim: usize) -> Result<Tensor, TensorError> {
    if t.rank() == 0 {
        return Ok(t.clone());
    }
    Ok(take(t, &flip(t, &[dim as i64])?, t.shape().clone()))
}

/// A running sum from the end of each lane along `dim`, by the forward
/// kernel (`w.flip(dim).cumsum(dim).flip(dim)`).
fn reversed_cumsum(w: &Tensor, dim: usize) -> Result<Tensor, TensorError> {
    flipped(&along(&flipped(w, dim)?, Along::Cumsum, dim as i64)?, dim)
}

/// `cumsum`: each element's gradient is the sum of its lane's gradients
/// from its own place to the end.
pub(super) fn cumsum(entry: &Entry, grad: &Tensor) -> Result<Tensor, TensorError> {
    let (dim, _) = dim_of(entry)?;
    if grad.numel() <= 1 || grad.shape().dims()[dim] == 1 {
        return Ok(grad.clone());
    }
    reversed_cumsum(grad, dim)
}

/// `cumprod`: with no zero in the input, the running sum from the end of
/// `result * grad`, over the input; otherwise, per lane, that formula
/// before the first zero, the derivative through the products up to the
/// second zero at the first, and zeros after it.
pub(super) fn cumprod(
    entry: &Entry,
    grad: &Tensor,
    input: &Tensor,
    result: &Tensor,
) -> Result<Tensor, TensorError> {
    let (dim, _) = dim_of(entry)?;
    if input.numel() <= 1 || input.shape().dims()[dim] == 1 {
        return Ok(grad.clone());
    }
    let w = op(Mul, result, grad)?;
    let x = values(input);
    if !x.contains(&0.0) {
        return op(Div, &reversed_cumsum(&w, dim)?, input);
    }
    let dtype = grad.dtype();
    let shape = input.shape().clone();
    let lanes = lane_positions(&shape, dim)?;
    // zeros_seen[p]: the zeros in p's lane up to and including p.
    let mut zeros_seen = vec![0usize; x.len()];
    for lane in &lanes {
        let mut seen = 0;
        for &p in lane {
            seen += usize::from(x[p] == 0.0);
            zeros_seen[p] = seen;
        }
    }
    let before_first = |p: usize| zeros_seen[p] == 0;
    // Before the first zero: the running sum of what is before it, over the input.
    let w_before = tensor(
        values(&w).into_iter().enumerate().map(|(p, v)| if before_first(p) { v } else { 0.0 }).collect(),
        shape.clone(),
        dtype,
    );
    let early = values(&op(Div, &reversed_cumsum(&w_before, dim)?, input)?);
    // At the first zero: the products of the elements after it (up to the
    // second zero) times the gradients from it to the second zero, summed,
    // times the product before it.
    let first_zero: Vec<Option<usize>> =
        lanes.iter().map(|lane| lane.iter().copied().find(|&p| x[p] == 0.0)).collect();
    let mut between = vec![1.0; x.len()];
    let mut g_between = vec![0.0; x.len()];
    let g = values(grad);
    for (lane, first) in lanes.iter().zip(&first_zero) {
        for &p in lane {
            if zeros_seen[p] == 1 {
                g_between[p] = g[p];
                if Some(p) != *first {
                    between[p] = x[p];
                }
            }
        }
    }
    let running = along(&tensor(between, shape.clone(), dtype), Along::Cumprod, dim as i64)?;
    let terms = op(Mul, &running, &tensor(g_between, shape.clone(), dtype))?;
    let sums =
        values(&reduce(&terms, Reduction::Sum, &Lanes::new(&shape, Some(&[dim as i64]), true)?)?.values);
    let y = values(result);
    let round = |v: f64| if dtype == DType::Float32 { f64::from(v as f32) } else { v };
    let mut out: Vec<f64> = (0..x.len()).map(|p| if before_first(p) { early[p] } else { 0.0 }).collect();
    for ((lane, first), sum) in lanes.iter().zip(&first_zero).zip(sums) {
        if let Some(z) = *first {
            let k = lane.iter().position(|&p| p == z).unwrap_or(0);
            out[z] = if k == 0 { sum } else { round(sum * y[lane[k - 1]]) };
        }
    }
    Ok(tensor(out, shape, dtype))
}

/// The lanes along the op's dim, with the sum of `f` over each lane,
/// added as PyTorch's softmax kernels add: in SIMD vectors along the last
/// dim, element after element along another.
fn lane_sums(entry: &Entry, terms: &[f64], dtype: DType) -> Result<(Vec<Vec<usize>>, Vec<f64>), TensorError> {
    let (dim, lanes) = dim_of(entry)?;
    let shape = lanes.input_shape();
    let positions = lane_positions(shape, dim)?;
    let round = |v: f64| if dtype == DType::Float32 { f64::from(v as f32) } else { v };
    let last = dim + 1 >= shape.rank();
    let width = if dtype == DType::Float32 { 8 } else { 4 };
    let sums = positions
        .iter()
        .map(|lane| {
            let items = lane.iter().map(|&p| terms[p]);
            if last {
                reduce_all_in(width, items, lane.len(), |a, b| round(a + b))
            } else {
                items.fold(0.0, |a, b| round(a + b))
            }
        })
        .collect();
    Ok((positions, sums))
}

/// `softmax`: `y * (grad - sum(grad * y))` along the lane.
pub(super) fn softmax(entry: &Entry, grad: &Tensor, result: &Tensor) -> Result<Tensor, TensorError> {
    let dtype = grad.dtype();
    let round = |v: f64| if dtype == DType::Float32 { f64::from(v as f32) } else { v };
    let (g, y) = (values(grad), values(result));
    let products: Vec<f64> = g.iter().zip(&y).map(|(a, b)| round(a * b)).collect();
    let (lanes, sums) = lane_sums(entry, &products, dtype)?;
    let mut out = vec![0.0; g.len()];
    for (lane, dot) in lanes.iter().zip(sums) {
        for &p in lane {
            out[p] = round(round(g[p] - dot) * y[p]);
        }
    }
    Ok(tensor(out, result.shape().clone(), dtype))
}

/// `log_softmax`: `grad - exp(y) * sum(grad)` along the lane.
pub(super) fn log_softmax(entry: &Entry, grad: &Tensor, result: &Tensor) -> Result<Tensor, TensorError> {
    let dtype = grad.dtype();
    let round = |v: f64| if dtype == DType::Float32 { f64::from(v as f32) } else { v };
    let g = values(grad);
    let e = values(&super::super::unary::Unary::Exp.apply(result)?);
    let (lanes, sums) = lane_sums(entry, &g, dtype)?;
    let mut out = vec![0.0; g.len()];
    for (lane, sum) in lanes.iter().zip(sums) {
        for &p in lane {
            out[p] = round(g[p] - round(e[p] * sum));
        }
    }
    Ok(tensor(out, result.shape().clone(), dtype))
}
