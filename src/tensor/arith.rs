//! Arithmetic on one pair of elements, per element type, with PyTorch's
//! semantics: integers wrap, integer division by zero is an error, floats
//! follow IEEE, and `//` and `%` follow Python.

use super::elementwise::BinaryOp;
use super::error::TensorError;
use super::storage::Element;

/// An element type that element-wise arithmetic runs in.
pub trait Arith: Element {
    /// `a op b` for an arithmetic (not comparison) operator.
    fn arith(op: BinaryOp, a: Self, b: Self) -> Result<Self, TensorError>;
}

impl Arith for bool {
    /// Bools add as `or` and multiply as `and`; the other operators never
    /// compute in bool (they are refused or promoted before reaching here).
    fn arith(op: BinaryOp, a: bool, b: bool) -> Result<bool, TensorError> {
        Ok(match op {
            BinaryOp::Add => a || b,
            BinaryOp::Mul => a && b,
            other => unreachable!("{other:?} never computes in bool"),
        })
    }
}

/// Integer arithmetic for one width.
macro_rules! integer {
    ($t:ty) => {
        impl Arith for $t {
            fn arith(op: BinaryOp, x: $t, y: $t) -> Result<$t, TensorError> {
                Ok(match op {
                    BinaryOp::Add => x.wrapping_add(y),
                    BinaryOp::Sub => x.wrapping_sub(y),
                    BinaryOp::Mul => x.wrapping_mul(y),
                    BinaryOp::FloorDiv | BinaryOp::Rem if y == 0 => {
                        return Err(TensorError::IntegerDivisionByZero);
                    }
                    BinaryOp::FloorDiv => {
                        let q = x.wrapping_div(y);
                        if x.wrapping_rem(y) != 0 && ((x < 0) != (y < 0)) { q - 1 } else { q }
                    }
                    BinaryOp::Rem => {
                        let r = x.wrapping_rem(y);
                        if r != 0 && ((r < 0) != (y < 0)) { r + y } else { r }
                    }
                    BinaryOp::Pow => integer_pow(i64::from(x), i64::from(y)) as $t,
                    other => unreachable!("{other:?} never computes in integers"),
                })
            }
        }
    };
}
integer!(i32);
integer!(i64);

/// Integer power with wrapping; negative exponents (from tensors) give
/// what PyTorch gives: 1 for base 1, +-1 for base -1, otherwise 0.
fn integer_pow(base: i64, exp: i64) -> i64 {
    if exp < 0 {
        return match base {
            1 => 1,
            -1 if exp % 2 == 0 => 1,
            -1 => -1,
            _ => 0,
        };
    }
    let (mut result, mut b, mut e) = (1i64, base, exp);
    while e > 0 {
        if e & 1 == 1 {
            result = result.wrapping_mul(b);
        }
        b = b.wrapping_mul(b);
        e >>= 1;
    }
    result
}

/// Float arithmetic for one precision.
macro_rules! floating {
    ($t:ty) => {
        impl Arith for $t {
            fn arith(op: BinaryOp, x: $t, y: $t) -> Result<$t, TensorError> {
                Ok(match op {
                    BinaryOp::Add => x + y,
                    BinaryOp::Sub => x - y,
                    BinaryOp::Mul => x * y,
                    BinaryOp::Div => x / y,
                    BinaryOp::Pow => x.powf(y),
                    BinaryOp::Rem => {
                        let m = x % y;
                        if m != 0.0 && ((y < 0.0) != (m < 0.0)) { m + y } else { m }
                    }
                    BinaryOp::FloorDiv => {
                        if y == 0.0 {
                            return Ok(x / y);
                        }
                        // Python's floor division, computed from the remainder
                        // so that it is exact where `floor(x / y)` is not.
                        let m = x % y;
                        let mut div = (x - m) / y;
                        if m != 0.0 && ((y < 0.0) != (m < 0.0)) {
                            div -= 1.0;
                        }
                        if div != 0.0 {
                            let floored = div.floor();
                            if div - floored > 0.5 { floored + 1.0 } else { floored }
                        } else {
                            (0.0 as $t).copysign(x / y)
                        }
                    }
                    other => unreachable!("{other:?} is a comparison"),
                })
            }
        }
    };
}
floating!(f32);
floating!(f64);
