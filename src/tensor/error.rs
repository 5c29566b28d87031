//! Errors from tensor operations, worded as PyTorch words them.

use super::dtype::DType;
use super::shape::{MAX_DIMS, MAX_ELEMENTS};
use thiserror::Error;

/// The Python exception type an error surfaces as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PyExceptionType {
    /// `IndexError`
    IndexError,
    /// `RuntimeError`
    RuntimeError,
    /// `TypeError`
    TypeError,
    /// `ValueError`
    ValueError,
    /// `NotImplementedError`
    NotImplementedError,
}

impl PyExceptionType {
    /// The name Python prints before the colon.
    pub fn name(self) -> &'static str {
        match self {
            PyExceptionType::IndexError => "IndexError",
            PyExceptionType::RuntimeError => "RuntimeError",
            PyExceptionType::TypeError => "TypeError",
            PyExceptionType::ValueError => "ValueError",
            PyExceptionType::NotImplementedError => "NotImplementedError",
        }
    }
}

/// Everything a tensor operation can refuse, with PyTorch's message text.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum TensorError {
    /// A dim outside `[-rank, rank - 1]`.
    #[error("Dimension out of range (expected to be in range of [{low}, {high}], but got {dim})")]
    DimOutOfRange { dim: i64, low: i64, high: i64 },
    /// The same dim named twice in a tuple.
    #[error("dim {dim} appears multiple times in the list of dims")]
    RepeatedDim { dim: usize },
    /// An integer index past the end of a dim.
    #[error("index {index} is out of bounds for dimension {dim} with size {size}")]
    IndexOutOfBounds { index: i64, dim: usize, size: usize },
    /// Indexing a 0-d tensor.
    #[error(
        "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number"
    )]
    IndexZeroDim,
    /// More indices than dims.
    #[error("too many indices for tensor of dimension {rank}")]
    TooManyIndices { rank: usize },
    /// Shapes that cannot broadcast.
    #[error(
        "The size of tensor a ({a}) must match the size of tensor b ({b}) at non-singleton dimension {dim}"
    )]
    BroadcastMismatch { a: usize, b: usize, dim: usize },
    /// `reshape`/`view` to a shape with another element count.
    #[error("shape '[{shape}]' is invalid for input of size {numel}")]
    ReshapeMismatch { shape: String, numel: usize },
    /// Two `-1`s in a reshape.
    #[error("only one dimension can be inferred")]
    ReshapeTwoInferred,
    /// `item()` on anything but one element.
    #[error("a Tensor with {numel} elements cannot be converted to Scalar")]
    NotAScalar { numel: usize },
    /// mean of integers or bools; `requested` when the dtype came from `dtype=`.
    #[error(
        "mean(): could not infer output dtype. {} dtype must be either a floating point or complex dtype. Got: {}",
        if *requested { "Optional" } else { "Input" },
        dtype.scalar_type_name()
    )]
    MeanNeedsFloat { dtype: DType, requested: bool },
    /// std/var of integers or bools.
    #[error("std and var only support floating point and complex dtypes")]
    StdNeedsFloat,
    /// norm of integers or bools.
    #[error(
        "linalg.vector_norm: Expected a floating point or complex tensor as input. Got {}", dtype.scalar_type_name()
    )]
    NormNeedsFloat { dtype: DType },
    /// argmax/argmin of bools.
    #[error("{op}(): does not support bool input")]
    NoBoolSupport { op: &'static str },
    /// A whole-tensor max/min/argmax of an empty tensor (RuntimeError flavour).
    #[error(
        "{op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."
    )]
    EmptyReductionRuntime { op: &'static str },
    /// A whole-tensor argmax/argmin of an empty tensor (IndexError flavour).
    #[error("{op}(): Expected reduction dim to be specified for input.numel() == 0.")]
    EmptyReductionIndex { op: &'static str },
    /// A selection along an empty dim (amax/amin name it as it was written).
    #[error("{op}(): Expected reduction dim {dim} to have non-zero size.")]
    EmptyReductionDim { op: &'static str, dim: i64 },
    /// Negation of a bool tensor.
    #[error(
        "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
    )]
    NegateBool,
    /// Subtraction involving bool tensors.
    #[error(
        "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."
    )]
    SubtractBool,
    /// Subtraction of a bool tensor from a number or vice versa.
    #[error(
        "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
    )]
    SubtractOneBool,
    /// A kernel PyTorch has no version of for this dtype.
    #[error("\"{kernel}\" not implemented for '{}'", dtype.scalar_type_name())]
    NotImplementedFor { kernel: &'static str, dtype: DType },
    /// An arithmetic kernel PyTorch has no bool version of.
    #[error("\"{kernel}\" not implemented for 'Bool'")]
    NotImplementedForBool { kernel: &'static str },
    /// Integer division or remainder by zero.
    #[error("ZeroDivisionError")]
    IntegerDivisionByZero,
    /// An integer raised to a negative integer power.
    #[error("Integers to negative integer powers are not allowed.")]
    NegativeIntegerPower,
    /// Ragged nested lists.
    #[error("expected sequence of length {expected} at dim {dim} (got {got})")]
    Ragged { expected: usize, dim: usize, got: usize },
    /// A size too large for the playground.
    #[error("the playground limits tensors to {MAX_ELEMENTS} elements, but this one would have {requested}")]
    TooManyElements { requested: usize },
    /// Too many dims for the playground.
    #[error("the playground limits tensors to {MAX_DIMS} dimensions, but this one would have {dims}")]
    TooManyDims { dims: usize },
    /// Any other error, with its Python type and exact text.
    #[error("{message}")]
    Other { kind: PyExceptionType, message: String },
}

impl TensorError {
    /// The Python exception type PyTorch raises for this error.
    pub fn exception_type(&self) -> PyExceptionType {
        use PyExceptionType::*;
        match self {
            TensorError::DimOutOfRange { .. }
            | TensorError::IndexOutOfBounds { .. }
            | TensorError::IndexZeroDim
            | TensorError::TooManyIndices { .. }
            | TensorError::EmptyReductionIndex { .. }
            | TensorError::EmptyReductionDim { .. } => IndexError,
            TensorError::MeanNeedsFloat { .. }
            | TensorError::StdNeedsFloat
            | TensorError::NormNeedsFloat { .. }
            | TensorError::NoBoolSupport { .. }
            | TensorError::NegateBool
            | TensorError::SubtractBool
            | TensorError::SubtractOneBool
            | TensorError::NotImplementedForBool { .. }
            | TensorError::NotImplementedFor { .. } => NotImplementedError,
            TensorError::Ragged { .. } => ValueError,
            TensorError::Other { kind, .. } => *kind,
            _ => RuntimeError,
        }
    }

    /// A `RuntimeError` with the given text.
    pub fn runtime(message: impl Into<String>) -> TensorError {
        TensorError::Other { kind: PyExceptionType::RuntimeError, message: message.into() }
    }

    /// A `TypeError` with the given text.
    pub fn type_error(message: impl Into<String>) -> TensorError {
        TensorError::Other { kind: PyExceptionType::TypeError, message: message.into() }
    }
}
