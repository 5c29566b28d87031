//! Element-wise functions of one tensor (`exp`, `sqrt`, `relu`, ...) and
//! the element-wise extremes of two (`maximum`, `minimum`), as PyTorch's
//! CPU kernels compute them: floating functions with the C library's
//! maths in the tensor's own precision, integers and bools turned into
//! float32 first where the result is floating.

use super::Tensor;
use super::dtype::{DType, result_type};
use super::elementwise::{Side, broadcast_layouts};
use super::error::{PyExceptionType, TensorError};
use super::real::Real;
use super::scalar::Scalar;
use super::storage::{Element, Storage};

/// An element-wise function of one tensor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unary {
    /// `exp`
    Exp,
    /// `log` (natural)
    Log,
    /// `sqrt`
    Sqrt,
    /// `square`
    Square,
    /// `relu`: the element, or 0 where it is negative
    Relu,
    /// `sigmoid`: `1 / (1 + exp(-x))`
    Sigmoid,
    /// `tanh`
    Tanh,
    /// `isnan`
    Isnan,
}

impl Unary {
    /// The name PyTorch uses for it.
    pub fn name(self) -> &'static str {
        match self {
            Unary::Exp => "exp",
            Unary::Log => "log",
            Unary::Sqrt => "sqrt",
            Unary::Square => "square",
            Unary::Relu => "relu",
            Unary::Sigmoid => "sigmoid",
            Unary::Tanh => "tanh",
            Unary::Isnan => "isnan",
        }
    }

    /// The dtype of the result for an input of `dtype` (the input is
    /// converted to it first, except for `isnan`), or PyTorch's refusal.
    pub fn output_dtype(self, dtype: DType) -> Result<DType, TensorError> {
        match self {
            Unary::Exp | Unary::Log | Unary::Sqrt | Unary::Sigmoid | Unary::Tanh => Ok(dtype.to_floating()),
            Unary::Square if dtype == DType::Bool => Ok(DType::Int64),
            Unary::Relu if dtype == DType::Bool => Err(TensorError::Other {
                kind: PyExceptionType::NotImplementedError,
                message: "Boolean inputs not supported for relu".to_string(),
            }),
            Unary::Square | Unary::Relu => Ok(dtype),
            Unary::Isnan => Ok(DType::Bool),
        }
    }

    /// `op` of every element of `t`, laid out in memory as `t` is.
    pub fn apply(self, t: &Tensor) -> Result<Tensor, TensorError> {
        let out = self.output_dtype(t.dtype())?;
        let input = if self == Unary::Isnan { t.clone() } else { t.to_dtype(out) };
        let values: Vec<Scalar> = match input.dtype() {
            _ if self == Unary::Isnan => input.scalars().map(|s| Scalar::Bool(s.to_f64().is_nan())).collect(),
            DType::Float32 => input.to_vec::<f32>().into_iter().map(|x| self.float(x).to_scalar()).collect(),
            DType::Float64 => input.to_vec::<f64>().into_iter().map(|x| self.float(x).to_scalar()).collect(),
            _ => input.scalars().map(|s| Scalar::Int(self.int(s.to_i64()))).collect(),
        };
        let result = Tensor::from_storage(Storage::from_scalars(out, values.into_iter()), t.shape().clone());
        Ok(result.in_memory_order_of(&[t]))
    }

    /// The function of one floating element.
    fn float<T: Real>(self, x: T) -> T {
        match self {
            Unary::Exp => x.exp(),
            Unary::Log => x.ln(),
            Unary::Sqrt => x.sqrt(),
            Unary::Square => x * x,
            // Only a negative element becomes 0: NaN and -0. stay.
            Unary::Relu if x < T::ZERO => T::ZERO,
            Unary::Relu => x,
            Unary::Sigmoid => T::ONE / (T::ONE + (T::ZERO - x).exp()),
            Unary::Tanh => x.tanh(),
            Unary::Isnan => unreachable!("isnan reads its input as it is"),
        }
    }

    /// The function of one integer element (`square` and `relu`).
    fn int(self, x: i64) -> i64 {
        match self {
            Unary::Square => x.wrapping_mul(x),
            Unary::Relu => x.max(0),
            other => unreachable!("{} of an integer is computed in floating point", other.name()),
        }
    }
}

/// `clamp(t, min, max)` with number bounds: each element kept between them
/// (`min` applied first, so `min > max` gives `max`), in the dtype PyTorch
/// promotes the tensor and the bounds to; NaN elements and NaN bounds give NaN.
pub fn clamp(t: &Tensor, min: Option<Scalar>, max: Option<Scalar>) -> Result<Tensor, TensorError> {
    let mut operands = vec![Side::Tensor(t).operand()];
    operands.extend(min.iter().chain(&max).map(|s| Side::Number(*s).operand()));
    let dtype = match result_type(&operands) {
        // Bools clamped by numbers compute as int64.
        DType::Bool => DType::Int64,
        d => d,
    };
    let input = t.to_dtype(dtype);
    let values: Vec<Scalar> = input
        .scalars()
        .map(|s| match (s, dtype.is_floating()) {
            (s, true) => {
                // In float32, the bounds are float32 too.
                let own = |v: f64| if dtype == DType::Float32 { f64::from(v as f32) } else { v };
                let x = s.to_f64();
                let lo = own(min.map_or(f64::NEG_INFINITY, Scalar::to_f64));
                let hi = own(max.map_or(f64::INFINITY, Scalar::to_f64));
                let clamped =
                    if x.is_nan() || lo.is_nan() || hi.is_nan() { f64::NAN } else { x.max(lo).min(hi) };
                Scalar::Float(clamped)
            }
            (s, false) => {
                let x = s.to_i64();
                let lo = min.map_or(i64::MIN, Scalar::to_i64);
                let hi = max.map_or(i64::MAX, Scalar::to_i64);
                Scalar::Int(x.max(lo).min(hi))
            }
        })
        .collect();
    let result = Tensor::from_storage(Storage::from_scalars(dtype, values.into_iter()), t.shape().clone());
    Ok(result.in_memory_order_of(&[t]))
}

/// `torch.maximum(a, b)` (`larger`) or `torch.minimum(a, b)`: the larger
/// (smaller) of each pair of broadcast elements, NaN if either is, in the
/// dtype PyTorch promotes the two to; and, per element, which of the two
/// it is (0 for `a`, also on a tie; the NaN if there is one).
pub fn extreme_of(a: &Tensor, b: &Tensor, larger: bool) -> Result<(Tensor, Vec<u8>), TensorError> {
    let (shape, la, lb) = broadcast_layouts(a.shape(), b.shape())?;
    let dtype = result_type(&[Side::Tensor(a).operand(), Side::Tensor(b).operand()]);
    let (a, b) = (a.to_dtype(dtype), b.to_dtype(dtype));
    let (va, vb): (Vec<Scalar>, Vec<Scalar>) = (a.scalars().collect(), b.scalars().collect());
    let mut picked = Vec::with_capacity(shape.numel());
    let values: Vec<Scalar> = (0..shape.numel())
        .map(|flat| {
            let index = shape.unravel(flat);
            let (x, y) = (va[la.offset_of(&index)], vb[lb.offset_of(&index)]);
            let second = match (x, y) {
                (Scalar::Float(x), Scalar::Float(y)) if x.is_nan() || y.is_nan() => !x.is_nan(),
                (Scalar::Float(x), Scalar::Float(y)) => y != x && (y > x) == larger,
                (Scalar::Bool(x), Scalar::Bool(y)) => x != y && y == larger,
                (x, y) => {
                    let (x, y) = (x.to_i64(), y.to_i64());
                    y != x && (y > x) == larger
                }
            };
            picked.push(u8::from(second));
            if second { y } else { x }
        })
        .collect();
    let result = Tensor::from_storage(Storage::from_scalars(dtype, values.into_iter()), shape);
    Ok((result.in_memory_order_of(&[&a, &b]), picked))
}
