//! Printing values exactly as Python, PyTorch and NumPy print them.

pub mod float;
pub mod numpy;
pub mod tensor;

pub use tensor::{ElementFormat, tensor_repr};
