//! Printing values exactly as Python, PyTorch and NumPy print them.

mod exact;
pub mod float;
pub mod numpy;
pub mod tensor;

pub use tensor::{ElementFormat, tensor_repr};
