//! Printing values exactly as Python, PyTorch and NumPy print them.

mod exact;
pub mod float;
pub mod numpy;
pub mod tensor;

pub use tensor::{ElementFormat, tensor_repr, tensor_repr_with};

use super::Tensor;

/// How many elements PyTorch's and NumPy's printing shows of `t` (both
/// summarise past 1000 elements to 3 at each end of every longer dim), in
/// 64 bits. A tensor of 16 dims of size 6 is shown whole: millions of elements.
pub fn printed_elements(t: &Tensor) -> u64 {
    let summarize = tensor::is_summarized(t);
    t.shape().dims().iter().fold(1u64, |n, &d| n.saturating_mul(if summarize { d.min(6) } else { d } as u64))
}
