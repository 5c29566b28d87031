//! The flat buffers behind tensors, one variant per dtype.

use super::dtype::DType;
use super::scalar::Scalar;

/// A flat buffer of elements of one dtype.
#[derive(Debug, Clone, PartialEq)]
pub enum Storage {
    /// `torch.bool`
    Bool(Vec<bool>),
    /// `torch.int32`
    Int32(Vec<i32>),
    /// `torch.int64`
    Int64(Vec<i64>),
    /// `torch.float32`
    Float32(Vec<f32>),
    /// `torch.float64`
    Float64(Vec<f64>),
}

/// Runs `$body` with `$v` bound to the typed buffer inside `$storage`.
macro_rules! with_storage {
    ($storage:expr, $v:ident => $body:expr) => {
        match $storage {
            $crate::tensor::storage::Storage::Bool($v) => $body,
            $crate::tensor::storage::Storage::Int32($v) => $body,
            $crate::tensor::storage::Storage::Int64($v) => $body,
            $crate::tensor::storage::Storage::Float32($v) => $body,
            $crate::tensor::storage::Storage::Float64($v) => $body,
        }
    };
}
pub(crate) use with_storage;

impl Storage {
    /// The dtype of the elements.
    pub fn dtype(&self) -> DType {
        match self {
            Storage::Bool(_) => DType::Bool,
            Storage::Int32(_) => DType::Int32,
            Storage::Int64(_) => DType::Int64,
            Storage::Float32(_) => DType::Float32,
            Storage::Float64(_) => DType::Float64,
        }
    }

    /// The element at buffer position `at`.
    pub fn get(&self, at: usize) -> Scalar {
        with_storage!(self, v => v[at].to_scalar())
    }

    /// A buffer of `dtype` holding `values` converted as `tensor.to(dtype)` would.
    pub fn from_scalars(dtype: DType, values: impl Iterator<Item = Scalar>) -> Storage {
        match dtype {
            DType::Bool => Storage::Bool(values.map(bool::from_scalar).collect()),
            DType::Int32 => Storage::Int32(values.map(i32::from_scalar).collect()),
            DType::Int64 => Storage::Int64(values.map(i64::from_scalar).collect()),
            DType::Float32 => Storage::Float32(values.map(f32::from_scalar).collect()),
            DType::Float64 => Storage::Float64(values.map(f64::from_scalar).collect()),
        }
    }
}

/// A Rust type that can be a tensor element.
pub trait Element: Copy + PartialOrd + Default + std::fmt::Debug + 'static {
    /// The dtype of this element type.
    const DTYPE: DType;
    /// This value as a `Scalar`.
    fn to_scalar(self) -> Scalar;
    /// A scalar converted to this type with PyTorch's casting rules.
    fn from_scalar(s: Scalar) -> Self;
    /// Wraps a buffer of this type.
    fn into_storage(values: Vec<Self>) -> Storage;
    /// The buffer, if `storage` holds this type.
    fn slice(storage: &Storage) -> Option<&[Self]>;
    /// Whether this is a float NaN.
    fn is_nan(self) -> bool {
        false
    }
}

/// Implements `Element` for one Rust type and its `Storage` variant.
macro_rules! element {
    ($t:ty, $variant:ident, $to:expr, $from:expr, $nan:expr) => {
        impl Element for $t {
            const DTYPE: DType = DType::$variant;
            fn to_scalar(self) -> Scalar {
                $to(self)
            }
            fn from_scalar(s: Scalar) -> Self {
                $from(s)
            }
            fn into_storage(values: Vec<Self>) -> Storage {
                Storage::$variant(values)
            }
            fn slice(storage: &Storage) -> Option<&[Self]> {
                match storage {
                    Storage::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn is_nan(self) -> bool {
                $nan(self)
            }
        }
    };
}

element!(bool, Bool, Scalar::Bool, |s: Scalar| s.is_nonzero(), |_| { false });
element!(i32, Int32, |v: i32| Scalar::Int(v.into()), |s: Scalar| s.to_i32(), |_| false);
element!(i64, Int64, Scalar::Int, |s: Scalar| s.to_i64(), |_| false);
element!(f32, Float32, |v: f32| Scalar::Float(v.into()), |s: Scalar| s.to_f64() as f32, f32::is_nan);
element!(f64, Float64, Scalar::Float, |s: Scalar| s.to_f64(), f64::is_nan);
