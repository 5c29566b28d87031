//! Element-wise arithmetic and comparisons with broadcasting and PyTorch's
//! type promotion.

use super::Tensor;
use super::dtype::{DType, Operand, result_type};
use super::error::TensorError;
use super::layout::Layout;
use super::scalar::Scalar;
use super::shape::{Shape, broadcast_shapes};
use super::storage::Storage;

/// A binary operator as Python spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/` (true division: integers give float32)
    Div,
    /// `//` (floor division)
    FloorDiv,
    /// `%` (remainder with the sign of the divisor, as in Python)
    Rem,
    /// `**`
    Pow,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl BinaryOp {
    /// Whether the result is a bool tensor.
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge
        )
    }
}

/// One side of an element-wise op: a tensor or a Python number.
#[derive(Debug, Clone, Copy)]
pub enum Side<'a> {
    /// A tensor.
    Tensor(&'a Tensor),
    /// A Python number (it takes part in promotion only by its category).
    Number(Scalar),
}

impl Side<'_> {
    fn operand(&self) -> Operand {
        match self {
            Side::Tensor(t) if t.rank() == 0 => Operand::ZeroDim(t.dtype()),
            Side::Tensor(t) => Operand::Dimensioned(t.dtype()),
            Side::Number(s) => Operand::Wrapped(s.category()),
        }
    }

    fn shape(&self) -> Shape {
        match self {
            Side::Tensor(t) => t.shape().clone(),
            Side::Number(_) => Shape::scalar(),
        }
    }

    fn is_bool(&self) -> bool {
        match self {
            Side::Tensor(t) => t.dtype() == DType::Bool,
            Side::Number(s) => matches!(s, Scalar::Bool(_)),
        }
    }
}

/// The output shape of `a op b` and, for each side, the layout that reads
/// it broadcast to that shape (over its own contiguous index space).
///
/// Values and lineage both index the operands through these layouts.
pub fn broadcast_layouts(a: &Shape, b: &Shape) -> Result<(Shape, Layout, Layout), TensorError> {
    let out = broadcast_shapes(a, b)?;
    let la = Layout::contiguous(a.clone()).broadcast_to(&out);
    let lb = Layout::contiguous(b.clone()).broadcast_to(&out);
    Ok((out, la, lb))
}

/// `a op b`, element by element.
pub fn binary(op: BinaryOp, a: Side<'_>, b: Side<'_>) -> Result<Tensor, TensorError> {
    if op == BinaryOp::Sub && (a.is_bool() || b.is_bool()) {
        return Err(if a.is_bool() && b.is_bool() {
            TensorError::SubtractBool
        } else {
            TensorError::SubtractOneBool
        });
    }
    let mut compute = result_type(&[a.operand(), b.operand()]);
    if compute == DType::Bool {
        // PyTorch's pow with a number exponent short-cuts 1 and 0 before its kernel.
        if let (BinaryOp::Pow, Side::Tensor(t), Side::Number(e)) = (op, a, b) {
            let exponent = e.is_nonzero();
            return Ok(if exponent {
                t.to_dtype(DType::Bool)
            } else {
                super::create::full(t.shape().clone(), Scalar::Bool(true), Some(DType::Bool))
            });
        }
        let kernel = match op {
            BinaryOp::FloorDiv => Some("div_floor_cpu"),
            BinaryOp::Rem => Some("remainder_cpu"),
            BinaryOp::Pow => Some("pow"),
            _ => None,
        };
        if let Some(kernel) = kernel {
            return Err(TensorError::NotImplementedForBool { kernel });
        }
    }
    if op == BinaryOp::Div {
        compute = compute.to_floating();
    }
    if let (BinaryOp::Pow, false, Side::Number(Scalar::Int(e))) = (op, compute.is_floating(), b)
        && e < 0
    {
        return Err(TensorError::NegativeIntegerPower);
    }
    let (shape, la, lb) = broadcast_layouts(&a.shape(), &b.shape())?;
    let left = materialize(a, compute);
    let right = materialize(b, compute);
    let mut out = Vec::with_capacity(shape.numel());
    for (ia, ib) in la.offsets().zip(lb.offsets()) {
        out.push(apply(op, compute, left[ia], right[ib])?);
    }
    let out_dtype = if op.is_comparison() {
        DType::Bool
    } else {
        compute
    };
    Ok(Tensor::from_storage(
        Storage::from_scalars(out_dtype, out.into_iter()),
        shape,
    ))
}

/// The elements of one side, row-major, converted to the compute dtype.
fn materialize(side: Side<'_>, dtype: DType) -> Vec<Scalar> {
    match side {
        Side::Tensor(t) => t.scalars().map(|s| s.cast(dtype)).collect(),
        Side::Number(s) => vec![s.cast(dtype)],
    }
}

/// One element of `a op b`, both already in `dtype`.
fn apply(op: BinaryOp, dtype: DType, a: Scalar, b: Scalar) -> Result<Scalar, TensorError> {
    if op.is_comparison() {
        return Ok(Scalar::Bool(compare(op, a, b)));
    }
    Ok(match (a, b) {
        (Scalar::Float(x), Scalar::Float(y)) if dtype == DType::Float32 => {
            Scalar::Float(f64::from(float_op(op, x as f32, y as f32)))
        }
        (Scalar::Float(x), Scalar::Float(y)) => Scalar::Float(float_op(op, x, y)),
        (Scalar::Bool(x), Scalar::Bool(y)) => match op {
            BinaryOp::Add => Scalar::Bool(x || y),
            BinaryOp::Mul => Scalar::Bool(x && y),
            _ => int_op(op, i64::from(x), i64::from(y))?.cast(DType::Bool),
        },
        _ => {
            let r = int_op(op, a.to_i64(), b.to_i64())?;
            // int32 arithmetic wraps at 32 bits.
            r.cast(dtype)
        }
    })
}

fn compare(op: BinaryOp, a: Scalar, b: Scalar) -> bool {
    let ordering = match (a, b) {
        (Scalar::Int(x), Scalar::Int(y)) => Some(x.cmp(&y)),
        _ => a.to_f64().partial_cmp(&b.to_f64()),
    };
    use std::cmp::Ordering::*;
    match (op, ordering) {
        (BinaryOp::Ne, None) => true,
        (_, None) => false,
        (BinaryOp::Eq, Some(o)) => o == Equal,
        (BinaryOp::Ne, Some(o)) => o != Equal,
        (BinaryOp::Lt, Some(o)) => o == Less,
        (BinaryOp::Le, Some(o)) => o != Greater,
        (BinaryOp::Gt, Some(o)) => o == Greater,
        (BinaryOp::Ge, Some(o)) => o != Less,
        _ => unreachable!("compare is only called for comparisons"),
    }
}

/// Float arithmetic in the precision of `F`, with Python's floor division
/// and remainder as PyTorch implements them.
trait Float:
    Copy
    + PartialOrd
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::Rem<Output = Self>
{
    const ZERO: Self;
    const HALF: Self;
    const ONE: Self;
    fn floor(self) -> Self;
    fn powf(self, e: Self) -> Self;
    fn copysign(self, sign: Self) -> Self;
}

macro_rules! float {
    ($t:ty) => {
        impl Float for $t {
            const ZERO: Self = 0.0;
            const HALF: Self = 0.5;
            const ONE: Self = 1.0;
            fn floor(self) -> Self {
                <$t>::floor(self)
            }
            fn powf(self, e: Self) -> Self {
                <$t>::powf(self, e)
            }
            fn copysign(self, sign: Self) -> Self {
                <$t>::copysign(self, sign)
            }
        }
    };
}
float!(f32);
float!(f64);

fn float_op<F: Float>(op: BinaryOp, x: F, y: F) -> F
where
    f64: From<F>,
{
    match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mul => x * y,
        BinaryOp::Div => x / y,
        BinaryOp::Pow => x.powf(y),
        BinaryOp::Rem => {
            let m = x % y;
            if m != F::ZERO && ((y < F::ZERO) != (m < F::ZERO)) {
                m + y
            } else {
                m
            }
        }
        BinaryOp::FloorDiv => {
            if y == F::ZERO {
                return x / y;
            }
            let m = x % y;
            let mut div = (x - m) / y;
            if m != F::ZERO && ((y < F::ZERO) != (m < F::ZERO)) {
                div = div - F::ONE;
            }
            if div != F::ZERO {
                let mut floored = div.floor();
                if div - floored > F::HALF {
                    floored = floored + F::ONE;
                }
                floored
            } else {
                F::ZERO.copysign(x / y)
            }
        }
        _ => unreachable!("comparisons are handled before arithmetic"),
    }
}

fn int_op(op: BinaryOp, x: i64, y: i64) -> Result<Scalar, TensorError> {
    Ok(Scalar::Int(match op {
        BinaryOp::Add => x.wrapping_add(y),
        BinaryOp::Sub => x.wrapping_sub(y),
        BinaryOp::Mul => x.wrapping_mul(y),
        BinaryOp::FloorDiv | BinaryOp::Rem if y == 0 => {
            return Err(TensorError::IntegerDivisionByZero);
        }
        BinaryOp::FloorDiv => {
            let q = x.wrapping_div(y);
            if (x % y != 0) && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            }
        }
        BinaryOp::Rem => {
            let r = x.wrapping_rem(y);
            if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            }
        }
        BinaryOp::Pow => int_pow(x, y),
        BinaryOp::Div => unreachable!("true division always computes in floating point"),
        _ => unreachable!("comparisons are handled before arithmetic"),
    }))
}

/// Integer power with wrapping; negative exponents (from tensors) give
/// what PyTorch gives: 1 for base 1, +-1 for base -1, otherwise 0.
fn int_pow(base: i64, exp: i64) -> i64 {
    if exp < 0 {
        return match base {
            1 => 1,
            -1 => {
                if exp % 2 == 0 {
                    1
                } else {
                    -1
                }
            }
            _ => 0,
        };
    }
    let mut result: i64 = 1;
    let mut b = base;
    let mut e = exp;
    while e > 0 {
        if e & 1 == 1 {
            result = result.wrapping_mul(b);
        }
        b = b.wrapping_mul(b);
        e >>= 1;
    }
    result
}

/// `-t`.
pub fn negate(t: &Tensor) -> Result<Tensor, TensorError> {
    if t.dtype() == DType::Bool {
        return Err(TensorError::NegateBool);
    }
    let values = t.scalars().map(|s| match s {
        Scalar::Int(i) => Scalar::Int(i.wrapping_neg()),
        Scalar::Float(f) => Scalar::Float(-f),
        Scalar::Bool(_) => unreachable!("bool tensors were refused above"),
    });
    Ok(Tensor::from_storage(
        Storage::from_scalars(t.dtype(), values),
        t.shape().clone(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn floats(v: &[f32]) -> Tensor {
        Tensor::from_vec(v.to_vec(), Shape::new(vec![v.len()]).unwrap())
    }

    #[test]
    fn rows_add_elementwise() {
        let a = floats(&[1., 1., 1., 1.]);
        let b = floats(&[2., 2., 2., 2.]);
        let sum = binary(BinaryOp::Add, Side::Tensor(&a), Side::Tensor(&b)).unwrap();
        assert_eq!(sum.to_vec::<f32>(), vec![3.; 4]);
    }

    #[test]
    fn integer_true_division_gives_float32() {
        let t = Tensor::from_vec(vec![1i64, 2, 3], Shape::new(vec![3]).unwrap());
        let q = binary(
            BinaryOp::Div,
            Side::Tensor(&t),
            Side::Number(Scalar::Int(2)),
        )
        .unwrap();
        assert_eq!(q.dtype(), DType::Float32);
        assert_eq!(q.to_vec::<f32>(), vec![0.5, 1.0, 1.5]);
    }

    #[test]
    fn floor_division_and_remainder_follow_python() {
        let t = Tensor::from_vec(vec![-7i64, 7], Shape::new(vec![2]).unwrap());
        let q = binary(
            BinaryOp::FloorDiv,
            Side::Tensor(&t),
            Side::Number(Scalar::Int(2)),
        )
        .unwrap();
        assert_eq!(q.to_vec::<i64>(), vec![-4, 3]);
        let r = binary(
            BinaryOp::Rem,
            Side::Tensor(&t),
            Side::Number(Scalar::Int(-3)),
        )
        .unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![-1, -2]);
        let f = floats(&[-7., 7.]);
        let q = binary(
            BinaryOp::FloorDiv,
            Side::Tensor(&f),
            Side::Number(Scalar::Float(2.0)),
        )
        .unwrap();
        assert_eq!(q.to_vec::<f32>(), vec![-4., 3.]);
    }

    #[test]
    fn comparisons_broadcast_a_column_against_a_row() {
        let col = Tensor::from_vec(vec![1i64, 2], Shape::new(vec![2, 1]).unwrap());
        let row = Tensor::from_vec(vec![1i64, 2, 3], Shape::new(vec![3]).unwrap());
        let lt = binary(BinaryOp::Lt, Side::Tensor(&col), Side::Tensor(&row)).unwrap();
        assert_eq!(lt.shape().dims(), &[2, 3]);
        assert_eq!(
            lt.to_vec::<bool>(),
            vec![false, true, true, false, false, true]
        );
    }
}
