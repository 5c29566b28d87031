//! Views that rearrange a tensor's dims: `permute`, `transpose`, `t()`,
//! `.T`, `.mT`, `unsqueeze` and `squeeze`. Each is checked as PyTorch
//! checks it into a `Rearrange`, which moves the strides of the tensor's
//! own layout for its values and of a row-major layout of its input for its
//! lineage, so a highlight follows the very same arithmetic.

use super::Tensor;
use super::error::TensorError;
use super::layout::Layout;
use super::shape::{MAX_DIMS, Shape, wrap_dim};

/// How a view rearranges its input's dims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rearrange {
    /// Dim `k` of the view is dim `perm[k]` of the input.
    Permute(Vec<usize>),
    /// A new dim of size 1 at this position.
    Unsqueeze(usize),
    /// These dims, each of size 1, dropped (in decreasing order).
    Squeeze(Vec<usize>),
}

impl Rearrange {
    /// `t.permute(dims)`: every dim named once.
    pub fn permute(rank: usize, dims: &[i64]) -> Result<Rearrange, TensorError> {
        if dims.len() != rank {
            return Err(TensorError::runtime(format!(
                "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = {rank} is not equal to len(dims) = {}",
                dims.len()
            )));
        }
        let mut perm = Vec::with_capacity(rank);
        for &d in dims {
            let k = wrap_dim(d, rank)?;
            if perm.contains(&k) {
                return Err(TensorError::runtime("permute(): duplicate dims are not allowed."));
            }
            perm.push(k);
        }
        Ok(Rearrange::Permute(perm))
    }

    /// `t.transpose(dim0, dim1)`: the two dims swapped (a 0-d tensor stays itself).
    pub fn transpose(rank: usize, dim0: i64, dim1: i64) -> Result<Rearrange, TensorError> {
        let (a, b) = (wrap_dim(dim0, rank)?, wrap_dim(dim1, rank)?);
        let mut perm: Vec<usize> = (0..rank).collect();
        if rank > 0 {
            perm.swap(a, b);
        }
        Ok(Rearrange::Permute(perm))
    }

    /// `t.t()`: a matrix transposed; at most two dims.
    pub fn t(rank: usize) -> Result<Rearrange, TensorError> {
        if rank > 2 {
            return Err(TensorError::runtime(format!(
                "t() expects a tensor with <= 2 dimensions, but self is {rank}D"
            )));
        }
        Ok(Rearrange::Permute((0..rank).rev().collect()))
    }

    /// `t.T`: every dim in reverse order.
    pub fn reverse(rank: usize) -> Rearrange {
        Rearrange::Permute((0..rank).rev().collect())
    }

    /// `t.mT`: the last two dims swapped (a 0-d tensor stays itself).
    pub fn matrix_transpose(rank: usize) -> Result<Rearrange, TensorError> {
        match rank {
            0 => Ok(Rearrange::Permute(Vec::new())),
            1 => Err(TensorError::runtime(
                "tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.",
            )),
            _ => Rearrange::transpose(rank, -2, -1),
        }
    }

    /// `t.unsqueeze(dim)`: `dim` may also name the position after the last dim.
    pub fn unsqueeze(rank: usize, dim: i64) -> Result<Rearrange, TensorError> {
        let dim = wrap_dim(dim, rank + 1)?;
        if rank + 1 > MAX_DIMS {
            return Err(TensorError::TooManyDims { dims: rank + 1 });
        }
        Ok(Rearrange::Unsqueeze(dim))
    }

    /// `t.squeeze()` (every dim of size 1) or `t.squeeze(dims)` (those of
    /// them that have size 1; others stay).
    pub fn squeeze(shape: &Shape, dims: Option<&[i64]>) -> Result<Rearrange, TensorError> {
        let sizes = shape.dims();
        let mut named = Vec::new();
        match dims {
            None => named.extend((0..sizes.len()).filter(|&k| sizes[k] == 1)),
            Some(dims) => {
                for &d in dims {
                    let k = wrap_dim(d, sizes.len())?;
                    if named.contains(&k) {
                        return Err(TensorError::RepeatedDim { dim: k });
                    }
                    named.push(k);
                }
                // A 0-d tensor has no dim to drop.
                named.retain(|&k| sizes.get(k) == Some(&1));
            }
        }
        // Dropping from the last keeps the other positions valid.
        Ok(Rearrange::Squeeze((0..sizes.len()).rev().filter(|k| named.contains(k)).collect()))
    }

    /// The view of `layout` this rearrangement makes.
    pub fn apply(&self, layout: &Layout) -> Layout {
        match self {
            Rearrange::Permute(perm) => layout.permute(perm),
            Rearrange::Unsqueeze(dim) => layout.unsqueeze(*dim),
            Rearrange::Squeeze(dims) => dims.iter().fold(layout.clone(), |l, &d| l.select(d, 0)),
        }
    }
}

impl Tensor {
    /// The view of this tensor's elements that `r` makes.
    pub fn rearranged(&self, r: &Rearrange) -> Tensor {
        self.view_as(r.apply(self.layout()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix() -> Tensor {
        Tensor::from_vec((0..6).collect::<Vec<i64>>(), Shape::new(vec![2, 3]).unwrap())
    }

    #[test]
    fn a_transpose_reads_columns_as_rows() {
        let t = matrix().rearranged(&Rearrange::reverse(2));
        assert_eq!(t.shape().dims(), &[3, 2]);
        assert_eq!(t.to_vec::<i64>(), vec![0, 3, 1, 4, 2, 5]);
    }

    #[test]
    fn squeeze_drops_only_dims_of_size_one() {
        let shape = Shape::new(vec![1, 2, 1]).unwrap();
        assert_eq!(Rearrange::squeeze(&shape, None).unwrap(), Rearrange::Squeeze(vec![2, 0]));
        assert_eq!(Rearrange::squeeze(&shape, Some(&[1, -1])).unwrap(), Rearrange::Squeeze(vec![2]));
    }

    #[test]
    fn unsqueeze_stops_at_sixteen_dims_after_checking_its_dim() {
        assert_eq!(Rearrange::unsqueeze(15, -1).unwrap(), Rearrange::Unsqueeze(15));
        assert_eq!(Rearrange::unsqueeze(16, 0).unwrap_err(), TensorError::TooManyDims { dims: 17 });
        assert!(matches!(Rearrange::unsqueeze(16, 40).unwrap_err(), TensorError::DimOutOfRange { .. }));
    }

    #[test]
    fn permute_names_every_dim_once() {
        assert!(Rearrange::permute(3, &[0, 1]).is_err());
        assert!(Rearrange::permute(2, &[1, -1]).is_err());
        assert_eq!(Rearrange::permute(2, &[-1, 0]).unwrap(), Rearrange::Permute(vec![1, 0]));
    }
}
