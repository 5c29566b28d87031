//! Joining and splitting: `torch.cat`, `torch.stack`, and where `chunk`
//! and `split` cut, with PyTorch's checks, order and words.
//!
//! Every element of a joined tensor is a copy of one element of one input,
//! and a piece of a split is a view of its input: `Join` says which input
//! element each output element was copied from, by the same arithmetic
//! that copied it.

use super::Tensor;
use super::dtype::DType;
use super::error::TensorError;
use super::shape::{Shape, wrap_dim};
use super::storage::Storage;
use serde::{Deserialize, Serialize};

/// How the inputs of a `cat` or `stack` lie in its output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Join {
    /// The dim they are joined along.
    pub dim: usize,
    /// Whether each input is one index along a new dim (`stack`) rather
    /// than a run of indices along an existing one (`cat`).
    pub stacked: bool,
    /// Per input, its first index along `dim` (for `stack`, its position).
    pub starts: Vec<usize>,
}

impl Join {
    /// The input an output element at `index` was copied from, and its index there.
    pub fn source(&self, index: &[usize]) -> (usize, Vec<usize>) {
        let at = index[self.dim];
        // The last input starting at or before `at` (inputs of size 0 start
        // where the next one does, and hold nothing): the starts increase.
        let k = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        let mut own = index.to_vec();
        if self.stacked {
            own.remove(self.dim);
        } else {
            own[self.dim] = at - self.starts[k];
        }
        (k, own)
    }

    /// The output index that element `index` of input `k` was copied to.
    pub fn target(&self, k: usize, index: &[usize]) -> Vec<usize> {
        let mut out = index.to_vec();
        if self.stacked {
            out.insert(self.dim, k);
        } else {
            out[self.dim] += self.starts[k];
        }
        out
    }
}

/// A joined tensor, and which inputs it holds (those PyTorch does not skip).
#[derive(Debug, Clone)]
pub struct Joined {
    /// The values.
    pub values: Tensor,
    /// The positions, in the list given, of the inputs it holds.
    pub inputs: Vec<usize>,
    /// Where they lie.
    pub join: Join,
}

/// A 1-D tensor with nothing in it, which `cat` skips whatever its shape
/// (PyTorch's legacy rule: `torch.cat([torch.tensor([]), t])` is `t`).
fn skipped(t: &Tensor) -> bool {
    t.rank() == 1 && t.numel() == 0
}

/// The dtype every input promotes to.
fn promoted(tensors: &[&Tensor]) -> DType {
    tensors.iter().map(|t| t.dtype()).max().unwrap_or(DType::DEFAULT_FLOAT)
}

/// `torch.cat(tensors, dim)`.
pub fn cat(tensors: &[&Tensor], dim: i64) -> Result<Joined, TensorError> {
    if tensors.is_empty() {
        return Err(TensorError::Other {
            kind: super::error::PyExceptionType::ValueError,
            message: "torch.cat(): expected a non-empty list of Tensors".into(),
        });
    }
    if let Some(k) = tensors.iter().position(|t| t.rank() == 0) {
        return Err(TensorError::runtime(format!(
            "zero-dimensional tensor (at position {k}) cannot be concatenated"
        )));
    }
    let dtype = promoted(tensors);
    let kept: Vec<usize> = (0..tensors.len()).filter(|&k| !skipped(tensors[k])).collect();
    let Some(&first) = kept.first() else {
        // Only empty vectors: an empty vector, whatever the dim.
        let values =
            Tensor::from_storage(Storage::from_scalars(dtype, std::iter::empty()), Shape::derived(vec![0]));
        return Ok(Joined {
            values,
            inputs: Vec::new(),
            join: Join { dim: 0, stacked: false, starts: Vec::new() },
        });
    };
    let reference = tensors[first].shape().dims();
    let dim = wrap_dim(dim, reference.len())?;
    for &k in &kept[1..] {
        let dims = tensors[k].shape().dims();
        if dims.len() != reference.len() {
            return Err(TensorError::runtime(format!(
                "Tensors must have same number of dimensions: got {} and {}",
                reference.len(),
                dims.len()
            )));
        }
        if let Some(d) = (0..dims.len()).find(|&d| d != dim && dims[d] != reference[d]) {
            return Err(TensorError::runtime(format!(
                "Sizes of tensors must match except in dimension {dim}. Expected size {} but got size {} for tensor number {k} in the list.",
                reference[d], dims[d]
            )));
        }
    }
    let mut starts = Vec::with_capacity(kept.len());
    let mut along = 0usize;
    for &k in &kept {
        starts.push(along);
        along = along.saturating_add(tensors[k].shape().dims()[dim]);
    }
    let mut out = reference.to_vec();
    out[dim] = along;
    let join = Join { dim, stacked: false, starts };
    let parts: Vec<&Tensor> = kept.iter().map(|&k| tensors[k]).collect();
    let values = copy(&parts, &join, Shape::new(out)?, dtype);
    Ok(Joined { values, inputs: kept, join })
}

/// `torch.stack(tensors, dim)`.
pub fn stack(tensors: &[&Tensor], dim: i64) -> Result<Joined, TensorError> {
    let Some(first) = tensors.first() else {
        return Err(TensorError::runtime("stack expects a non-empty TensorList"));
    };
    let dim = wrap_dim(dim, first.rank() + 1)?;
    for (k, t) in tensors.iter().enumerate().skip(1) {
        if t.shape() != first.shape() {
            return Err(TensorError::runtime(format!(
                "stack expects each tensor to be equal size, but got {} at entry 0 and {} at entry {k}",
                sizes(first.shape()),
                sizes(t.shape())
            )));
        }
    }
    let mut out = first.shape().dims().to_vec();
    out.insert(dim, tensors.len());
    let join = Join { dim, stacked: true, starts: (0..tensors.len()).collect() };
    let values = copy(tensors, &join, Shape::new(out)?, promoted(tensors));
    Ok(Joined { values, inputs: (0..tensors.len()).collect(), join })
}

/// A shape as PyTorch's messages write it: `[2, 3]`.
fn sizes(shape: &Shape) -> String {
    let dims: Vec<String> = shape.dims().iter().map(|d| d.to_string()).collect();
    format!("[{}]", dims.join(", "))
}

/// The joined tensor: each output element copied from its source, in `dtype`.
fn copy(parts: &[&Tensor], join: &Join, shape: Shape, dtype: DType) -> Tensor {
    let converted: Vec<Tensor> = parts.iter().map(|t| t.contiguous_as(dtype)).collect();
    let values = (0..shape.numel()).map(|flat| {
        let (k, index) = join.source(&shape.unravel(flat));
        converted[k].get(&index)
    });
    Tensor::from_storage(Storage::from_scalars(dtype, values), shape)
}

/// Where `split(split_size, dim)` cuts a dim of `size`: the pieces' lengths,
/// with PyTorch's checks (the dim is checked by the caller, in PyTorch's
/// order).
pub fn split_lengths(size: usize, split_size: i64) -> Result<Vec<usize>, TensorError> {
    if split_size == 0 && size != 0 {
        return Err(TensorError::runtime(format!(
            "split_size can only be 0 if dimension size is 0, but got dimension size of {size}"
        )));
    }
    let step = split_size.max(1) as usize;
    let pieces = size.div_ceil(step).max(1);
    Ok((0..pieces).map(|i| step.min(size.saturating_sub(i * step))).collect())
}

/// Where `chunk(chunks)` cuts a dim of `size` (`chunks` is positive).
pub fn chunk_lengths(size: usize, chunks: usize) -> Vec<usize> {
    let step = size.div_ceil(chunks);
    if step == 0 {
        // An empty dim still gives `chunks` pieces.
        return vec![0; chunks];
    }
    split_lengths(size, step as i64).unwrap_or_default()
}

/// `split_with_sizes`' checks of the lengths asked for a dim of `size`.
pub fn check_lengths(size: usize, dim: usize, lengths: &[i64]) -> Result<Vec<usize>, TensorError> {
    let listed = || {
        let all: Vec<String> = lengths.iter().map(|l| l.to_string()).collect();
        format!("[{}]", all.join(", "))
    };
    if lengths.iter().any(|&l| l < 0) {
        return Err(TensorError::runtime(format!(
            "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes={}",
            listed()
        )));
    }
    let total = lengths.iter().fold(0i64, |s, &l| s.saturating_add(l));
    if total != size as i64 {
        return Err(TensorError::runtime(format!(
            "split_with_sizes expects split_sizes to sum exactly to {size} (input tensor's size at dimension {dim}), but got split_sizes={}",
            listed()
        )));
    }
    Ok(lengths.iter().map(|&l| l as usize).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(dims: &[usize], start: i64) -> Tensor {
        let shape = Shape::new(dims.to_vec()).unwrap();
        Tensor::from_vec::<i64>((start..start + shape.numel() as i64).collect(), shape)
    }

    #[test]
    fn every_element_of_a_join_is_where_its_source_says() {
        let (a, b) = (ints(&[2, 3], 0), ints(&[2, 1], 100));
        let joined = cat(&[&a, &b], 1).unwrap();
        assert_eq!(joined.values.to_vec::<i64>(), [0, 1, 2, 100, 3, 4, 5, 101]);
        let inputs = [&a, &b];
        for flat in 0..joined.values.numel() {
            let index = joined.values.shape().unravel(flat);
            let (k, own) = joined.join.source(&index);
            assert_eq!(joined.values.get(&index), inputs[k].get(&own));
            assert_eq!(joined.join.target(k, &own), index);
        }
        let stacked = stack(&[&a, &a], 1).unwrap();
        assert_eq!(stacked.values.shape().dims(), [2, 2, 3]);
        assert_eq!(stacked.join.source(&[1, 1, 2]), (1, vec![1, 2]));
    }

    #[test]
    fn pieces_are_cut_as_pytorch_cuts_them() {
        assert_eq!(split_lengths(10, 3).unwrap(), [3, 3, 3, 1]);
        assert_eq!(split_lengths(10, 20).unwrap(), [10]);
        assert_eq!(split_lengths(0, 0).unwrap(), [0]);
        assert_eq!(chunk_lengths(10, 4), [3, 3, 3, 1]);
        assert_eq!(chunk_lengths(10, 6), [2, 2, 2, 2, 2]);
        assert_eq!(chunk_lengths(0, 2), [0, 0]);
        assert_eq!(chunk_lengths(3, 2), [2, 1]);
    }
}
