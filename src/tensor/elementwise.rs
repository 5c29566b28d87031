//! Element-wise arithmetic and comparisons with broadcasting and PyTorch's
//! type promotion.

use super::Tensor;
use super::arith::Arith;
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
    /// How this side takes part in type promotion.
    pub(crate) fn operand(&self) -> Operand {
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
    // An int32 power's exponent is read as an int32 first.
    if let (BinaryOp::Pow, DType::Int32, Side::Number(Scalar::Int(e))) = (op, compute, b)
        && i32::try_from(e).is_err()
    {
        return Err(TensorError::runtime("value cannot be converted to type int without overflow"));
    }
    if let (BinaryOp::Pow, Side::Tensor(t), Side::Number(e)) = (op, a, b)
        && compute.is_floating()
    {
        return Ok(pow_by_number(&operand_in(Side::Tensor(t), compute), e.to_f64()));
    }
    let shape = broadcast_shapes(&a.shape(), &b.shape())?;
    let left = operand_in(a, compute);
    let right = operand_in(b, compute);
    let storage = match (&*left.storage, &*right.storage) {
        (Storage::Bool(x), Storage::Bool(y)) => combine(op, x, y, &left, &right, &shape)?,
        (Storage::Int32(x), Storage::Int32(y)) => combine(op, x, y, &left, &right, &shape)?,
        (Storage::Int64(x), Storage::Int64(y)) => combine(op, x, y, &left, &right, &shape)?,
        (Storage::Float32(x), Storage::Float32(y)) => combine(op, x, y, &left, &right, &shape)?,
        (Storage::Float64(x), Storage::Float64(y)) => combine(op, x, y, &left, &right, &shape)?,
        _ => unreachable!("both operands were converted to the compute dtype"),
    };
    Ok(Tensor::from_storage(storage, shape).in_memory_order_of(&[&left, &right]))
}

/// `t ** e` for a floating tensor and a Python number, computed as
/// PyTorch's CPU kernel computes it, so that even the last bit agrees (it
/// shows in `.tolist()`): exponents 0.5, -0.5, -1, 2, 3 and -2 have their
/// own formulas (`sqrt(x)`, `1 / sqrt(x)`, `x * x * x`, ...), each step
/// rounded to the tensor's precision; any other is `pow` in double
/// precision, rounded once. (Sums of at most two 24-bit products and
/// quotients are exact or correctly rounded in f64, so computing a float32
/// step in f64 and rounding it gives the float32 result.)
fn pow_by_number(t: &Tensor, e: f64) -> Tensor {
    let single = t.dtype() == DType::Float32;
    let round = |v: f64| if single { f64::from(v as f32) } else { v };
    let power = |x: f64| match e {
        0.5 => x.sqrt(),
        -0.5 => 1.0 / round(x.sqrt()),
        -1.0 => 1.0 / x,
        2.0 => x * x,
        3.0 => round(x * x) * x,
        -2.0 => 1.0 / round(x * x),
        _ => x.powf(e),
    };
    let values = t.scalars().map(|s| Scalar::Float(round(power(s.to_f64()))));
    Tensor::from_storage(Storage::from_scalars(t.dtype(), values), t.shape().clone()).in_memory_order_of(&[t])
}

/// One side as a tensor of the compute dtype (a number becomes a 0-d
/// tensor); a tensor already of that dtype is used in place, views included.
fn operand_in(side: Side<'_>, dtype: DType) -> Tensor {
    match side {
        Side::Tensor(t) if t.dtype() == dtype => t.clone(),
        Side::Tensor(t) => t.to_dtype(dtype),
        Side::Number(s) => {
            Tensor::from_storage(Storage::from_scalars(dtype, std::iter::once(s)), Shape::scalar())
        }
    }
}

/// Applies `op` to every pair of elements, reading each operand through
/// its own layout broadcast to `shape`.
fn combine<T: Arith>(
    op: BinaryOp,
    x: &[T],
    y: &[T],
    left: &Tensor,
    right: &Tensor,
    shape: &Shape,
) -> Result<Storage, TensorError> {
    let (la, lb) = (left.layout().broadcast_to(shape), right.layout().broadcast_to(shape));
    let pairs = la.offsets().zip(lb.offsets());
    if op.is_comparison() {
        let out: Vec<bool> = pairs.map(|(i, j)| compare(op, x[i], y[j])).collect();
        return Ok(Storage::Bool(out));
    }
    let out = pairs.map(|(i, j)| T::arith(op, x[i], y[j])).collect::<Result<Vec<T>, _>>()?;
    Ok(T::into_storage(out))
}

/// `a op b` for a comparison; NaN compares unequal to everything.
fn compare<T: PartialOrd>(op: BinaryOp, a: T, b: T) -> bool {
    use std::cmp::Ordering::*;
    match (op, a.partial_cmp(&b)) {
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

/// `t.abs()`: integers wrap as PyTorch's do (the least int64 stays itself).
pub fn absolute(t: &Tensor) -> Result<Tensor, TensorError> {
    each_number(t, TensorError::NotImplementedForBool { kernel: "abs_cpu" }, i64::wrapping_abs, f64::abs)
}

/// `-t`.
pub fn negate(t: &Tensor) -> Result<Tensor, TensorError> {
    each_number(t, TensorError::NegateBool, i64::wrapping_neg, |f| -f)
}

/// `int` or `float` applied to every element of a number tensor, in its
/// own dtype; a bool tensor gets `refusal`.
fn each_number(
    t: &Tensor,
    refusal: TensorError,
    int: impl Fn(i64) -> i64,
    float: impl Fn(f64) -> f64,
) -> Result<Tensor, TensorError> {
    if t.dtype() == DType::Bool {
        return Err(refusal);
    }
    let values = t.scalars().map(|s| match s {
        Scalar::Int(i) => Scalar::Int(int(i)),
        Scalar::Float(f) => Scalar::Float(float(f)),
        Scalar::Bool(_) => unreachable!("bool tensors were refused above"),
    });
    Ok(Tensor::from_storage(Storage::from_scalars(t.dtype(), values), t.shape().clone())
        .in_memory_order_of(&[t]))
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
        let q = binary(BinaryOp::Div, Side::Tensor(&t), Side::Number(Scalar::Int(2))).unwrap();
        assert_eq!(q.dtype(), DType::Float32);
        assert_eq!(q.to_vec::<f32>(), vec![0.5, 1.0, 1.5]);
    }

    #[test]
    fn floor_division_and_remainder_follow_python() {
        let t = Tensor::from_vec(vec![-7i64, 7], Shape::new(vec![2]).unwrap());
        let q = binary(BinaryOp::FloorDiv, Side::Tensor(&t), Side::Number(Scalar::Int(2))).unwrap();
        assert_eq!(q.to_vec::<i64>(), vec![-4, 3]);
        let r = binary(BinaryOp::Rem, Side::Tensor(&t), Side::Number(Scalar::Int(-3))).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![-1, -2]);
        let f = floats(&[-7., 7.]);
        let q = binary(BinaryOp::FloorDiv, Side::Tensor(&f), Side::Number(Scalar::Float(2.0))).unwrap();
        assert_eq!(q.to_vec::<f32>(), vec![-4., 3.]);
    }

    #[test]
    fn comparisons_broadcast_a_column_against_a_row() {
        let col = Tensor::from_vec(vec![1i64, 2], Shape::new(vec![2, 1]).unwrap());
        let row = Tensor::from_vec(vec![1i64, 2, 3], Shape::new(vec![3]).unwrap());
        let lt = binary(BinaryOp::Lt, Side::Tensor(&col), Side::Tensor(&row)).unwrap();
        assert_eq!(lt.shape().dims(), &[2, 3]);
        assert_eq!(lt.to_vec::<bool>(), vec![false, true, true, false, false, true]);
    }
}
