//! Where PyTorch puts the elements of a result in memory.
//!
//! An element-wise result (`t.T * 2`, `-t.T`, `t.T.double()`) is laid out in
//! memory the way its inputs are, not row-major: PyTorch's TensorIterator
//! orders the dims by the inputs' strides and gives the result contiguous
//! strides in that order. Nothing printed shows it, but the order a later
//! reduction adds in follows memory (`iteration::Plan`), so the last bits of
//! `(t.T * 2).sum(dim=0).tolist()` depend on it.

use super::Tensor;
use super::layout::Layout;
use super::storage::{Element, with_storage};

/// The strides PyTorch gives a result of `shape` computed from inputs seen
/// with `inputs` (each input's strides broadcast to `shape`, 0 where it is
/// broadcast); `None` when that is plain row-major.
pub fn result_strides(shape: &[usize], inputs: &[&[i64]]) -> Option<Vec<i64>> {
    let rank = shape.len();
    // TensorIterator's order, innermost first, starts from row-major.
    let mut perm: Vec<usize> = (0..rank).rev().collect();
    // 1: `dim0` goes after `dim1`; -1: before; 0: no input tells.
    let should_swap = |dim0: usize, dim1: usize| -> i8 {
        for strides in inputs {
            let (s0, s1) = (strides[dim0], strides[dim1]);
            if s0 == 0 || s1 == 0 {
                continue;
            }
            if s0 != s1 {
                return if s0 < s1 { -1 } else { 1 };
            }
            if shape[dim0] > shape[dim1] {
                return 1;
            }
        }
        0
    };
    // TensorIterator's insertion sort, which steps past dims no input
    // orders and may then swap dims that are not neighbours.
    for i in 1..rank {
        let mut dim1 = i;
        for dim0 in (0..i).rev() {
            match should_swap(perm[dim0], perm[dim1]) {
                1 => {
                    perm.swap(dim0, dim1);
                    dim1 = dim0;
                }
                -1 => break,
                _ => {}
            }
        }
    }
    if perm.iter().copied().eq((0..rank).rev()) {
        return None;
    }
    let mut strides = vec![0i64; rank];
    let mut step = 1i64;
    for &d in &perm {
        strides[d] = step;
        // Saturating: an empty result's sizes may multiply past a 32-bit usize.
        step = step.saturating_mul(shape[d] as i64);
    }
    Some(strides)
}

impl Tensor {
    /// This contiguous tensor's elements laid out with `strides` instead
    /// (a permutation of row-major ones), as PyTorch lays out a result.
    pub(crate) fn laid_out(&self, strides: Vec<i64>) -> Tensor {
        debug_assert!(self.layout().is_contiguous());
        let layout = Layout::contiguous(self.shape().clone()).restrided(self.shape().clone(), strides);
        let storage = with_storage!(&*self.storage, v => relaid(v, &layout));
        Tensor { storage: std::rc::Rc::new(storage), layout }
    }

    /// A result computed row-major from `inputs`, laid out in memory as
    /// PyTorch lays it out.
    pub(crate) fn in_memory_order_of(self, inputs: &[&Tensor]) -> Tensor {
        let shape = self.shape().clone();
        let strides: Vec<Vec<i64>> =
            inputs.iter().map(|t| t.layout().broadcast_to(&shape).strides().to_vec()).collect();
        let views: Vec<&[i64]> = strides.iter().map(Vec::as_slice).collect();
        match result_strides(shape.dims(), &views) {
            Some(strides) => self.laid_out(strides),
            None => self,
        }
    }
}

/// Row-major `values` written where `layout` puts each element.
fn relaid<T: Element>(values: &[T], layout: &Layout) -> super::storage::Storage {
    let mut out = values.to_vec();
    for (&v, at) in values.iter().zip(layout.offsets()) {
        out[at] = v;
    }
    T::into_storage(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transposed_input_keeps_its_memory_order() {
        // t.T for t of shape [2, 3]: shape [3, 2], strides (1, 3).
        assert_eq!(result_strides(&[3, 2], &[&[1, 3]]), Some(vec![1, 3]));
    }

    #[test]
    fn row_major_and_broadcast_inputs_give_row_major() {
        assert_eq!(result_strides(&[2, 3], &[&[3, 1]]), None);
        assert_eq!(result_strides(&[3, 4], &[&[1, 0], &[0, 1]]), None);
        assert_eq!(result_strides(&[3, 4], &[&[0, 0]]), None);
    }

    #[test]
    fn the_first_input_that_orders_the_dims_decides() {
        // A row-major [3, 4] and a transposed one: the first wins.
        assert_eq!(result_strides(&[3, 4], &[&[4, 1], &[1, 3]]), None);
        assert_eq!(result_strides(&[3, 4], &[&[1, 3], &[4, 1]]), Some(vec![1, 3]));
    }
}
