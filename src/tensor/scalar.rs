//! One element's value, independent of its tensor's dtype.

use super::dtype::{Category, DType};

/// 2^63, the first float too large for an int64.
const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// A single number as Python would hold it: bool, int or float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar {
    /// `True` / `False`
    Bool(bool),
    /// A Python int (held in 64 bits).
    Int(i64),
    /// A Python float.
    Float(f64),
}

impl Scalar {
    /// The value as a float (bools are 0 or 1).
    pub fn to_f64(self) -> f64 {
        match self {
            Scalar::Bool(b) => f64::from(u8::from(b)),
            Scalar::Int(i) => i as f64,
            Scalar::Float(f) => f,
        }
    }

    /// Bool, integer or floating.
    pub fn category(self) -> Category {
        match self {
            Scalar::Bool(_) => Category::Bool,
            Scalar::Int(_) => Category::Integer,
            Scalar::Float(_) => Category::Floating,
        }
    }

    /// Python truthiness: nonzero (NaN counts as nonzero).
    pub fn is_nonzero(self) -> bool {
        match self {
            Scalar::Bool(b) => b,
            Scalar::Int(i) => i != 0,
            Scalar::Float(f) => f != 0.0,
        }
    }

    /// The value converted the way `tensor.to(dtype)` converts it.
    pub fn cast(self, dtype: DType) -> Scalar {
        match dtype {
            DType::Bool => Scalar::Bool(self.is_nonzero()),
            DType::Int32 => Scalar::Int(i64::from(self.to_i32())),
            DType::Int64 => Scalar::Int(self.to_i64()),
            DType::Float32 => Scalar::Float(f64::from(self.to_f64() as f32)),
            DType::Float64 => Scalar::Float(self.to_f64()),
        }
    }

    /// Whether PyTorch can hold the value in `dtype` (integers refuse what
    /// does not fit, NaN included; bools and floats take anything).
    pub fn fits(self, dtype: DType) -> bool {
        let bits = match dtype {
            DType::Int32 => 31,
            DType::Int64 => 63,
            _ => return true,
        };
        // 2^bits: a power of two, exact in f64.
        let limit = 2f64.powi(bits);
        match self {
            Scalar::Float(v) => v >= -limit && v < limit,
            Scalar::Int(v) => dtype != DType::Int32 || i32::try_from(v).is_ok(),
            Scalar::Bool(_) => true,
        }
    }

    /// PyTorch's refusal of a value that `fits` says `dtype` cannot hold,
    /// naming the C++ type.
    pub fn check_fits(self, dtype: DType) -> Result<(), super::TensorError> {
        if self.fits(dtype) {
            return Ok(());
        }
        let name = if dtype == DType::Int32 { "int" } else { "int64_t" };
        Err(super::TensorError::runtime(format!("value cannot be converted to type {name} without overflow")))
    }

    /// As C++'s `static_cast<int64_t>` on x86: truncation, with NaN and
    /// out-of-range floats giving the "integer indefinite" value `i64::MIN`.
    pub fn to_i64(self) -> i64 {
        match self {
            Scalar::Bool(b) => i64::from(b),
            Scalar::Int(i) => i,
            // 2^63 is exact in f64, so the range test is exact too.
            Scalar::Float(f) if (-TWO_63..TWO_63).contains(&f) => f as i64,
            Scalar::Float(_) => i64::MIN,
        }
    }

    /// As `to_i64`, for 32 bits (integers wrap, as a C++ narrowing cast does).
    pub fn to_i32(self) -> i32 {
        match self {
            Scalar::Float(f) if (-2_147_483_648.0..2_147_483_648.0).contains(&f) => f as i32,
            Scalar::Float(_) => i32::MIN,
            other => other.to_i64() as i32,
        }
    }
}
