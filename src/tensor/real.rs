//! The floating element types, with the maths the floating kernels need,
//! each step in the type's own precision as PyTorch computes it.

use super::cascade::Summand;
use super::storage::Element;
use std::ops::{Div, Mul, Sub};

/// `f32` or `f64`.
pub trait Real: Element + Summand + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self> {
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;
    /// Minus infinity.
    const NEG_INFINITY: Self;
    /// A NaN.
    fn from_f64_nan() -> Self;
    /// `e^x`, as the C library's `exp`/`expf` gives it.
    fn exp(self) -> Self;
    /// The natural logarithm, as the C library's `log`/`logf` gives it.
    fn ln(self) -> Self;
    /// The square root.
    fn sqrt(self) -> Self;
    /// The hyperbolic tangent, as the C library's `tanh`/`tanhf` gives it.
    fn tanh(self) -> Self;
    /// Whether this is plus or minus infinity.
    fn is_infinite(self) -> bool;
    /// This value as an f64 (exactly).
    fn to_f64(self) -> f64;
}

impl Real for f32 {
    const ZERO: f32 = 0.0;
    const ONE: f32 = 1.0;
    const NEG_INFINITY: f32 = f32::NEG_INFINITY;
    fn from_f64_nan() -> f32 {
        f32::NAN
    }
    fn exp(self) -> f32 {
        f32::exp(self)
    }
    fn ln(self) -> f32 {
        f32::ln(self)
    }
    fn sqrt(self) -> f32 {
        f32::sqrt(self)
    }
    fn tanh(self) -> f32 {
        f32::tanh(self)
    }
    fn is_infinite(self) -> bool {
        f32::is_infinite(self)
    }
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Real for f64 {
    const ZERO: f64 = 0.0;
    const ONE: f64 = 1.0;
    const NEG_INFINITY: f64 = f64::NEG_INFINITY;
    fn from_f64_nan() -> f64 {
        f64::NAN
    }
    fn exp(self) -> f64 {
        f64::exp(self)
    }
    fn ln(self) -> f64 {
        f64::ln(self)
    }
    fn sqrt(self) -> f64 {
        f64::sqrt(self)
    }
    fn tanh(self) -> f64 {
        f64::tanh(self)
    }
    fn is_infinite(self) -> bool {
        f64::is_infinite(self)
    }
    fn to_f64(self) -> f64 {
        self
    }
}
