//! The small tensor steps PyTorch's backward formulas are written in
//! (`expand`, `sum_to`, `where`, `masked_fill`, scatters), each rounding as
//! the kernel it stands for rounds: arithmetic goes through `binary`, the
//! element-wise kernel itself; the rest only moves elements or picks
//! between them, which rounds nothing.

use super::super::Tensor;
use super::super::dtype::DType;
use super::super::elementwise::{BinaryOp, Side, binary};
use super::super::error::TensorError;
use super::super::lanes::Lanes;
use super::super::layout::Layout;
use super::super::reduce::{Reduction, reduce};
use super::super::scalar::Scalar;
use super::super::shape::Shape;

/// The elements of `t` in row-major order, as f64 (exactly).
pub(crate) fn values(t: &Tensor) -> Vec<f64> {
    t.to_f64s()
}

/// A row-major tensor of `dtype` holding `values` (each rounded to it once).
pub(crate) fn tensor(values: Vec<f64>, shape: Shape, dtype: DType) -> Tensor {
    Tensor::from_f64s(values, shape, dtype)
}

/// Zeros (+0) of a shape.
pub(crate) fn zeros(shape: &Shape, dtype: DType) -> Tensor {
    tensor(vec![0.0; shape.numel()], shape.clone(), dtype)
}

/// `a op b` through the element-wise kernel, with broadcasting.
pub(crate) fn op(op: BinaryOp, a: &Tensor, b: &Tensor) -> Result<Tensor, TensorError> {
    binary(op, Side::Tensor(a), Side::Tensor(b))
}

/// `a op number` through the element-wise kernel (the number in `a`'s dtype).
pub(crate) fn op_number(op: BinaryOp, a: &Tensor, number: f64) -> Result<Tensor, TensorError> {
    binary(op, Side::Tensor(a), Side::Number(Scalar::Float(number)))
}

/// `number op a` through the element-wise kernel.
pub(crate) fn number_op(op: BinaryOp, number: f64, a: &Tensor) -> Result<Tensor, TensorError> {
    binary(op, Side::Number(Scalar::Float(number)), Side::Tensor(a))
}

/// A reduction's result (or its gradient) seen with the reduced dims kept
/// as size 1 (`unsqueeze_multiple`): the same elements in the same order.
pub(crate) fn kept(t: &Tensor, lanes: &Lanes) -> Tensor {
    let dims: Vec<usize> = lanes
        .input_shape()
        .dims()
        .iter()
        .zip(lanes.reduced())
        .map(|(&size, &r)| if r { 1 } else { size })
        .collect();
    t.with_shape(Shape::derived(dims))
}

/// `t` broadcast to `shape` and written out (`expand`, then a copy): no
/// element changes, not even the sign of a zero.
pub(crate) fn expand(t: &Tensor, shape: &Shape) -> Tensor {
    let contiguous = t.contiguous_as(t.dtype());
    let layout = Layout::contiguous(contiguous.shape().clone()).broadcast_to(shape);
    contiguous.view_as(layout).contiguous_as(t.dtype())
}

/// `at::sum_to`: a gradient of a broadcast result summed back to the
/// shape of the operand that was broadcast (over the leading dims it
/// lacked and the dims where it had size 1), by the sum kernel.
pub(crate) fn sum_to(grad: &Tensor, shape: &Shape) -> Result<Tensor, TensorError> {
    if grad.shape() == shape {
        return Ok(grad.clone());
    }
    let (have, want) = (grad.shape().dims(), shape.dims());
    let lead = have.len() - want.len();
    let dims: Vec<i64> = (0..have.len())
        .filter(|&k| k < lead || (want[k - lead] == 1 && have[k] != 1))
        .map(|k| k as i64)
        .collect();
    if dims.is_empty() {
        return Ok(grad.with_shape(shape.clone()));
    }
    let lanes = Lanes::new(grad.shape(), Some(&dims), true)?;
    let summed = reduce(grad, Reduction::Sum, &lanes)?.values;
    Ok(summed.with_shape(shape.clone()))
}

/// Element by element: `f` of the elements of `a` and `b` (broadcast
/// together), in `dtype`, for the formulas' picks (`where`, `masked_fill`),
/// which choose between values without computing new ones.
pub(crate) fn zip(
    a: &Tensor,
    b: &Tensor,
    dtype: DType,
    f: impl Fn(f64, f64) -> f64,
) -> Result<Tensor, TensorError> {
    let shape = super::super::shape::broadcast_shapes(a.shape(), b.shape())?;
    let (va, vb) = (values(&expand(a, &shape)), values(&expand(b, &shape)));
    let out = va.into_iter().zip(vb).map(|(x, y)| f(x, y)).collect();
    Ok(tensor(out, shape, dtype))
}

/// Element by element: `f` of each element of `t`, in `t`'s dtype.
pub(crate) fn map(t: &Tensor, f: impl Fn(f64) -> f64) -> Tensor {
    tensor(values(t).into_iter().map(f).collect(), t.shape().clone(), t.dtype())
}

/// A gradient for an input of `shape` made of the output gradient's
/// elements, each put where `into` says (or dropped, for `None`):
/// copied into zeros, or, with `accumulate`, added to what is there
/// (`index_put_(accumulate=True)`, `scatter_add_`), in row-major order.
pub(crate) fn scatter(
    grad: &Tensor,
    shape: &Shape,
    accumulate: bool,
    into: impl Fn(usize) -> Option<usize>,
) -> Tensor {
    let dtype = grad.dtype();
    let round = |x: f64| if dtype == DType::Float32 { f64::from(x as f32) } else { x };
    let mut out = vec![0.0; shape.numel()];
    for (k, g) in values(grad).into_iter().enumerate() {
        if let Some(at) = into(k) {
            out[at] = if accumulate { round(out[at] + g) } else { g };
        }
    }
    tensor(out, shape.clone(), dtype)
}

/// The sign of a real number as PyTorch's `sgn` gives it: -1, 1, or +0
/// for a zero of either sign and for NaN.
pub(crate) fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}
