//! The backward formulas of element-wise operations (derivatives.yaml's
//! entries for `exp`, `log`, `sqrt`, `sigmoid`, `tanh`, `relu`, `abs`,
//! `neg`, `clamp`, `add`, `sub`, `mul`, `div`, `pow`, `remainder`,
//! `reciprocal`, `maximum`, `minimum`), in the output's shape: a
//! broadcast operand's gradient is summed back to its shape afterwards.

use super::super::Tensor;
use super::super::dtype::DType;
use super::super::elementwise::{BinaryOp, Side, binary};
use super::super::error::TensorError;
use super::super::scalar::Scalar;
use super::super::unary::Unary;
use super::Operand;
use super::grads::{expand, map, number_op, op, op_number, sign, tensor, values, zeros, zip};
use BinaryOp::{Div, FloorDiv, Mul, Pow, Sub};

/// Rounds to `dtype`'s precision.
fn rounder(dtype: DType) -> impl Fn(f64) -> f64 {
    move |v| if dtype == DType::Float32 { f64::from(v as f32) } else { v }
}

/// `exp`, `log`, `sqrt`, `sigmoid`, `tanh` and `relu`.
pub(super) fn unary(u: Unary, grad: &Tensor, input: &Tensor, result: &Tensor) -> Result<Tensor, TensorError> {
    let r = rounder(grad.dtype());
    match u {
        Unary::Exp => op(Mul, grad, result),
        Unary::Log => op(Div, grad, input),
        Unary::Sqrt => op(Div, grad, &number_op(Mul, 2.0, result)?),
        // sigmoid_backward: `grad * (1 - y) * y`.
        Unary::Sigmoid => zip(grad, result, grad.dtype(), |g, y| r(r(g * r(1.0 - y)) * y)),
        // tanh_backward: `grad * (1 - y * y)`.
        Unary::Tanh => zip(grad, result, grad.dtype(), |g, y| r(g * r(1.0 - r(y * y)))),
        // threshold_backward: 0 where the result is at most 0.
        Unary::Relu => zip(grad, result, grad.dtype(), |g, y| if y <= 0.0 { 0.0 } else { g }),
        Unary::Square | Unary::Isnan => {
            Err(TensorError::runtime(format!("{} has no derivative of its own", u.name())))
        }
    }
}

/// `abs`: `grad * sgn(x)`.
pub(super) fn abs(grad: &Tensor, input: &Tensor) -> Result<Tensor, TensorError> {
    op(Mul, grad, &map(input, sign))
}

/// `-t`: `-grad`.
pub(super) fn neg(grad: &Tensor) -> Result<Tensor, TensorError> {
    Ok(map(grad, |g| -g))
}

/// `clamp`: the gradient where the element lies strictly between the
/// bounds, 0 on a bound, outside them and for NaN.
pub(super) fn clamp(
    grad: &Tensor,
    input: &Tensor,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<Tensor, TensorError> {
    let r = rounder(input.dtype());
    let (lo, hi) = (min.map(&r), max.map(&r));
    zip(grad, input, grad.dtype(), |g, x| {
        let inside = lo.is_none_or(|lo| x > lo) && hi.is_none_or(|hi| x < hi);
        if inside { g } else { 0.0 }
    })
}

/// A side of the element-wise kernel for an operand.
fn side(o: &Operand) -> Side<'_> {
    match o {
        Operand::Tensor(t) => Side::Tensor(t),
        Operand::Number(s) => Side::Number(*s),
    }
}

/// `+ - * / ** %`: the gradient of each tensor operand, in the order written.
pub(super) fn binary_op(
    bop: BinaryOp,
    grad: &Tensor,
    operands: &[Operand; 2],
    result: &Tensor,
) -> Result<Vec<Option<Tensor>>, TensorError> {
    let [a, b] = operands;
    let mut grads = Vec::new();
    for (k, own) in operands.iter().enumerate() {
        let Operand::Tensor(own) = own else { continue };
        let other = if k == 0 { b } else { a };
        let g = match (bop, k) {
            (BinaryOp::Add, _) | (BinaryOp::Rem, 0) | (BinaryOp::Sub, 0) => grad.clone(),
            (BinaryOp::Sub, _) => neg(grad)?,
            (Mul, _) => binary(Mul, Side::Tensor(grad), side(other))?,
            (Div, 0) => binary(Div, Side::Tensor(grad), side(other))?,
            // div_tensor_other_backward: `-grad * ((self / other) / other)`.
            (Div, _) => {
                let ratio = binary(Div, side(a), side(b))?;
                let quotient = op(Div, &ratio, own)?;
                op(Mul, &neg(grad)?, &quotient)?
            }
            // remainder: `-grad * self.div(other, rounding_mode="floor")`.
            (BinaryOp::Rem, _) => op(Mul, &neg(grad)?, &binary(FloorDiv, side(a), side(b))?)?,
            (Pow, 0) => pow_base(grad, own, other)?,
            (Pow, _) => pow_exponent(grad, a, own, result)?,
            _ => return Err(TensorError::runtime("no derivative for a comparison")),
        };
        grads.push(Some(g));
    }
    Ok(grads)
}

/// `pow_backward` / `pow_backward_self`: `grad * (e * x ** (e - 1))`, 0 where `e` is 0.
fn pow_base(grad: &Tensor, base: &Tensor, exponent: &Operand) -> Result<Tensor, TensorError> {
    match exponent {
        Operand::Number(e) => {
            let e = e.to_f64();
            if e == 0.0 {
                return Ok(zeros(base.shape(), base.dtype()));
            }
            op(Mul, grad, &number_op(Mul, e, &op_number(Pow, base, e - 1.0)?)?)
        }
        Operand::Tensor(e) => {
            let less = binary(Sub, Side::Tensor(e), Side::Number(Scalar::Int(1)))?;
            let full = op(Mul, grad, &op(Mul, e, &op(Pow, base, &less)?)?)?;
            zip(&full, &expand(e, full.shape()), full.dtype(), |v, e| if e == 0.0 { 0.0 } else { v })
        }
    }
}

/// `pow_backward_exponent`: `grad * (result * log(base))`, 0 where the base
/// is 0 and the exponent is not negative.
fn pow_exponent(
    grad: &Tensor,
    base: &Operand,
    exponent: &Tensor,
    result: &Tensor,
) -> Result<Tensor, TensorError> {
    let logged = match base {
        Operand::Number(b) => op_number(Mul, result, b.to_f64().ln())?,
        Operand::Tensor(b) => {
            let promoted = b.to_dtype(result.dtype());
            op(Mul, result, &Unary::Log.apply(&promoted)?)?
        }
    };
    let shape = logged.shape().clone();
    let base_values = match base {
        Operand::Number(b) => vec![b.to_f64(); shape.numel()],
        Operand::Tensor(b) => values(&expand(b, &shape)),
    };
    let e = values(&expand(exponent, &shape));
    let kept: Vec<f64> = values(&logged)
        .into_iter()
        .enumerate()
        .map(|(p, v)| if base_values[p] == 0.0 && e[p] >= 0.0 { 0.0 } else { v })
        .collect();
    op(Mul, grad, &tensor(kept, shape, result.dtype()))
}

/// `number / t`, computed as `t.reciprocal() * number`: the product's
/// derivative, then the reciprocal's (`-grad * (result * result)`).
pub(super) fn reciprocal(grad: &Tensor, number: f64, input: &Tensor) -> Result<Tensor, TensorError> {
    let reciprocal = &number_op(Div, 1.0, input)?;
    let through_product = op_number(Mul, grad, number)?;
    op(Mul, &neg(&through_product)?, &op(Mul, reciprocal, reciprocal)?)
}

/// `torch.maximum` (`larger`) and `torch.minimum`: the gradient to the
/// operand that won, halved between equals; both get it where one is NaN.
pub(super) fn extreme(
    grad: &Tensor,
    a: &Tensor,
    b: &Tensor,
    larger: bool,
) -> Result<Vec<Option<Tensor>>, TensorError> {
    let shape = grad.shape().clone();
    let (x, y) = (values(&expand(a, &shape)), values(&expand(b, &shape)));
    let half = values(&op_number(Div, grad, 2.0)?);
    let g = values(grad);
    let share = |own: &[f64], other: &[f64]| -> Tensor {
        let out = (0..g.len())
            .map(|p| {
                let (s, o) = (own[p], other[p]);
                let lost = if larger { s < o } else { s > o };
                if lost {
                    0.0
                } else if s == o {
                    half[p]
                } else {
                    g[p]
                }
            })
            .collect();
        tensor(out, shape.clone(), grad.dtype())
    };
    Ok(vec![Some(share(&x, &y)), Some(share(&y, &x))])
}
