//! `logsumexp`: `log(sum(exp(x)))` over a lane, computed as PyTorch's
//! kernel computes it, so that it neither overflows nor loses the result's
//! last bit: the lane's largest element `m` (taken as 0 when infinite) is
//! subtracted first, the exponentials are added in PyTorch's order for a
//! sum (`cascade`), and `m` is added back after the logarithm, every step
//! in the tensor's own precision.

use super::Tensor;
use super::cascade;
use super::dtype::DType;
use super::lanes::Lanes;
use super::real::Real;
use super::scalar::Scalar;

/// The logsumexp of every lane of a floating `input` (integers are
/// converted to float32 before they come here), in row-major output order.
pub fn logsumexps(input: &Tensor, lanes: &Lanes) -> Vec<Scalar> {
    match input.dtype() {
        DType::Float32 => of::<f32>(input, lanes),
        _ => of::<f64>(input, lanes),
    }
}

fn of<T: Real>(input: &Tensor, lanes: &Lanes) -> Vec<Scalar> {
    let buffer = input.buffer::<T>();
    let (outer, lane) = lanes.split(input.layout());
    // Each lane's largest element (NaN if it holds one), 0 if infinite.
    let shifts: Vec<T> = outer
        .offsets()
        .map(|start| {
            let mut best: Option<T> = None;
            for x in lane.offsets().map(|at| buffer[start + at]) {
                best = match best {
                    Some(b) if b.is_nan() || (!x.is_nan() && x <= b) => Some(b),
                    _ => Some(x),
                };
            }
            best.filter(|m| !m.is_infinite()).unwrap_or(T::ZERO)
        })
        .collect();
    // exp(x - m) for every element, laid out in memory as PyTorch lays out
    // `self - maxes`, so that the sum adds them in PyTorch's order.
    let shape = input.shape();
    let exps: Vec<T> = (0..shape.numel())
        .map(|flat| {
            let index = shape.unravel(flat);
            let out = lanes.output_shape().ravel(&lanes.output_index(&index));
            (buffer[input.layout().offset_of(&index)] - shifts[out]).exp()
        })
        .collect();
    let exps = Tensor::from_vec(exps, shape.clone()).in_memory_order_of(&[input]);
    let sums = cascade::sums(exps.buffer::<T>(), exps.layout(), lanes.reduced());
    sums.into_iter().zip(shifts).map(|(s, m)| (s.ln() + m).to_scalar()).collect()
}
