//! Operations along one dim that keep the shape: each output element is
//! computed from its lane along that dim (`softmax`), or from the lane's
//! prefix up to it (`cumsum`). Values and lineage both walk the lanes
//! through `Lanes::split`, as reductions do.

use super::dtype::DType;
use super::error::TensorError;
use super::lanes::Lanes;
use super::layout::Layout;
use super::real::Real;
use super::scalar::Scalar;
use super::shape::wrap_dim;
use super::storage::{Element, Storage, with_storage};
use super::{Shape, Tensor};

/// An operation along one dim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Along {
    /// `cumsum`: the sum of the lane up to each element.
    Cumsum,
    /// `cumprod`: the product of the lane up to each element.
    Cumprod,
    /// `softmax`: `exp(x)` over the sum of the lane's `exp`.
    Softmax,
    /// `log_softmax`: the logarithm of `softmax`.
    LogSoftmax,
}

/// Which of its lane's elements an output element is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The lane's elements up to and including its own place.
    Prefix,
    /// The whole lane.
    Lane,
}

impl Along {
    /// The name PyTorch uses for it.
    pub fn name(self) -> &'static str {
        match self {
            Along::Cumsum => "cumsum",
            Along::Cumprod => "cumprod",
            Along::Softmax => "softmax",
            Along::LogSoftmax => "log_softmax",
        }
    }

    /// Which elements of its lane each output element reads.
    pub fn reach(self) -> Reach {
        match self {
            Along::Cumsum | Along::Cumprod => Reach::Prefix,
            Along::Softmax | Along::LogSoftmax => Reach::Lane,
        }
    }

    /// The dtype it computes in and returns for an input of `dtype`
    /// (the input is converted to it first), or PyTorch's refusal.
    pub fn output_dtype(self, dtype: DType) -> Result<DType, TensorError> {
        match self {
            Along::Cumsum | Along::Cumprod => Ok(dtype.accumulate()),
            // Refused by the kernel (`along`), which PyTorch's error names.
            Along::Softmax | Along::LogSoftmax => Ok(dtype),
        }
    }
}

/// The name of PyTorch's CPU kernel for softmax (`last`: along the last
/// dim), which its dtype errors name.
fn softmax_kernel(op: Along, last: bool) -> &'static str {
    match (op, last) {
        (Along::LogSoftmax, true) => "log_softmax_lastdim_kernel_impl",
        (Along::LogSoftmax, false) => "log_softmax_kernel_impl",
        (_, true) => "softmax_lastdim_kernel_impl",
        _ => "softmax_kernel_impl",
    }
}

/// `op` along `dim` of `t`, whose dtype must be `op`'s output dtype for it.
pub fn along(t: &Tensor, op: Along, dim: i64) -> Result<Tensor, TensorError> {
    let dim = wrap_dim(dim, t.rank())?;
    let lanes = lanes_along(t.shape(), dim)?;
    // PyTorch's softmax takes a shortcut along the last dim (a 0-d tensor's
    // one element is a last dim of one).
    let last = dim + 1 >= t.rank();
    let softmax_like = matches!(op, Along::Softmax | Along::LogSoftmax);
    if softmax_like && !t.dtype().is_floating() {
        return Err(TensorError::NotImplementedFor { kernel: softmax_kernel(op, last), dtype: t.dtype() });
    }
    let storage = match (op, t.dtype()) {
        (Along::Softmax | Along::LogSoftmax, DType::Float32) => {
            let values = per_lane(t.buffer::<f32>(), t, &lanes, |lane, out| softmax(op, last, lane, out));
            Storage::from_scalars(t.dtype(), values.into_iter())
        }
        (Along::Softmax | Along::LogSoftmax, _) => {
            let values = per_lane(t.buffer::<f64>(), t, &lanes, |lane, out| softmax(op, last, lane, out));
            Storage::from_scalars(t.dtype(), values.into_iter())
        }
        _ => with_storage!(&*t.storage, buffer => {
            let values = per_lane(buffer, t, &lanes, |lane, out| scan(op, lane, out));
            Storage::from_scalars(t.dtype(), values.into_iter())
        }),
    };
    Ok(Tensor::from_storage(storage, t.shape().clone()))
}

/// The lanes along `dim` (already wrapped) of a tensor of `shape`; a 0-d
/// tensor's one element is its own lane.
pub fn lanes_along(shape: &Shape, dim: usize) -> Result<Lanes, TensorError> {
    Lanes::new(shape, Some(&[dim as i64]), true)
}

/// Runs `kernel` on each lane of `t` (read in index order) and writes its
/// results where the lane lies in a row-major output of `t`'s shape.
fn per_lane<T: Element>(
    buffer: &[T],
    t: &Tensor,
    lanes: &Lanes,
    mut kernel: impl FnMut(&[T], &mut Vec<Scalar>),
) -> Vec<Scalar> {
    let (outer, lane) = lanes.split(t.layout());
    let (out_outer, out_lane) = lanes.split(&Layout::contiguous(t.shape().clone()));
    let mut values = vec![Scalar::Int(0); t.numel()];
    let (mut scratch, mut results) = (Vec::new(), Vec::new());
    for (start, out_start) in outer.offsets().zip(out_outer.offsets()) {
        scratch.clear();
        scratch.extend(lane.offsets().map(|at| buffer[start + at]));
        results.clear();
        kernel(&scratch, &mut results);
        for (at, v) in out_lane.offsets().zip(results.drain(..)) {
            values[out_start + at] = v;
        }
    }
    values
}

/// A running sum or product, accumulated as PyTorch's CPU kernel does: in
/// f64 for floats (each result rounded to the tensor's dtype when stored),
/// wrapping in i64 for integers.
fn scan<T: Element>(op: Along, lane: &[T], out: &mut Vec<Scalar>) {
    if T::DTYPE.is_floating() {
        let mut acc = if op == Along::Cumsum { 0.0 } else { 1.0 };
        for x in lane {
            let x = x.to_scalar().to_f64();
            acc = if op == Along::Cumsum { acc + x } else { acc * x };
            out.push(Scalar::Float(acc));
        }
    } else {
        let mut acc: i64 = if op == Along::Cumsum { 0 } else { 1 };
        for x in lane {
            let x = x.to_scalar().to_i64();
            acc = if op == Along::Cumsum { acc.wrapping_add(x) } else { acc.wrapping_mul(x) };
            out.push(Scalar::Int(acc));
        }
    }
}

/// Softmax or log-softmax of one lane, in PyTorch's order for it: along
/// the last dim, the lane's maximum and sum are reduced in SIMD vectors
/// (`reduce_all`) and softmax multiplies by the sum's reciprocal; along
/// another dim they are accumulated element after element and softmax
/// divides. Log-softmax along another dim takes the maximum of the
/// elements that are not NaN.
fn softmax<T: Real>(op: Along, last: bool, lane: &[T], out: &mut Vec<Scalar>) {
    let larger = |a: T, b: T| {
        if a.is_nan() || b.is_nan() {
            T::from_f64_nan()
        } else if b > a {
            b
        } else {
            a
        }
    };
    let max = match (last, op) {
        (true, _) => reduce_all(lane.iter().copied(), lane.len(), larger),
        (false, Along::LogSoftmax) => lane.iter().fold(T::NEG_INFINITY, |m, &x| if x > m { x } else { m }),
        (false, _) => lane.iter().copied().reduce(larger).unwrap_or(T::ZERO),
    };
    let exps = lane.iter().map(|&x| (x - max).exp());
    let sum = match last {
        true => reduce_all(exps.clone(), lane.len(), |a, b| a + b),
        false => exps.clone().fold(T::ZERO, |a, b| a + b),
    };
    match (op, last) {
        (Along::LogSoftmax, _) => {
            let log_sum = sum.ln();
            out.extend(lane.iter().map(|&x| (x - max - log_sum).to_scalar()));
        }
        (_, true) => {
            let reciprocal = T::ONE / sum;
            out.extend(exps.map(|e| (e * reciprocal).to_scalar()));
        }
        (_, false) => out.extend(exps.map(|e| (e / sum).to_scalar())),
    }
}

/// ATen's `vec::reduce_all` over `n` values with AVX2 vectors: fewer than a
/// vector's width are folded one after another; otherwise each vector lane
/// folds its own elements (a last partial vector into its first lanes), and
/// the lanes are combined, float32 ones pairwise as the shuffles pair them.
fn reduce_all<T: Real>(values: impl Iterator<Item = T>, n: usize, op: impl Fn(T, T) -> T) -> T {
    reduce_all_in(T::WIDTH, values, n, op)
}

/// `reduce_all` with vectors of `width` lanes (8 for float32, 4 for
/// float64), for callers that hold their values in another type.
pub(crate) fn reduce_all_in<T: Copy + Default>(
    width: usize,
    values: impl Iterator<Item = T>,
    n: usize,
    op: impl Fn(T, T) -> T,
) -> T {
    let mut values = values;
    if n < width {
        return values.reduce(&op).unwrap_or_default();
    }
    let mut acc: Vec<T> = values.by_ref().take(width).collect();
    for (i, x) in values.enumerate() {
        acc[i % width] = op(acc[i % width], x);
    }
    if width == 8 {
        let w: Vec<T> = (0..4).map(|i| op(acc[i], acc[i + 4])).collect();
        op(op(w[0], w[2]), op(w[1], w[3]))
    } else {
        acc.into_iter().reduce(&op).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(t: &Tensor) -> Vec<f64> {
        t.scalars().map(Scalar::to_f64).collect()
    }

    #[test]
    fn cumsum_runs_along_the_dim() {
        let t = Tensor::from_vec(vec![1i64, 2, 3, 4, 5, 6], Shape::new(vec![2, 3]).unwrap());
        assert_eq!(values(&along(&t, Along::Cumsum, 1).unwrap()), [1., 3., 6., 4., 9., 15.]);
        assert_eq!(values(&along(&t, Along::Cumsum, 0).unwrap()), [1., 2., 3., 5., 7., 9.]);
        assert_eq!(values(&along(&t, Along::Cumprod, -1).unwrap()), [1., 2., 6., 4., 20., 120.]);
    }

    #[test]
    fn a_float32_running_sum_accumulates_in_f64() {
        // 2^24 + 1 + 1: float32 steps would stay at 2^24.
        let t = Tensor::from_vec(vec![16777216f32, 1., 1.], Shape::new(vec![3]).unwrap());
        assert_eq!(values(&along(&t, Along::Cumsum, 0).unwrap()), [16777216., 16777216., 16777218.]);
    }
}
