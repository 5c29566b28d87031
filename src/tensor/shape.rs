//! Shapes, dim wrapping and broadcasting.

use super::error::TensorError;
use std::fmt;

/// The most elements one tensor may have; larger requests are refused
/// with an error instead of exhausting the learner's memory.
pub const MAX_ELEMENTS: usize = 1 << 24;

/// The most dimensions one tensor may have.
pub const MAX_DIMS: usize = 16;

/// The sizes of a tensor's dimensions, outermost first (`torch.Size`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Shape(Vec<usize>);

impl Shape {
    /// A shape from its sizes, refusing too many dims or too many elements.
    pub fn new(dims: Vec<usize>) -> Result<Shape, TensorError> {
        if dims.len() > MAX_DIMS {
            return Err(TensorError::TooManyDims { dims: dims.len() });
        }
        // Each size is checked on its own too, so that an empty tensor
        // cannot smuggle in a size whose strides would overflow.
        let numel = dims.iter().fold(1usize, |n, &d| n.saturating_mul(d));
        let largest = dims.iter().copied().max().unwrap_or(0);
        if numel > MAX_ELEMENTS || largest > MAX_ELEMENTS {
            return Err(TensorError::TooManyElements { requested: numel.max(largest) });
        }
        // An empty tensor's strides (and its size before the zero is met)
        // still multiply its other sizes: zeros(2**24, 2**24, 2**24, 0)
        // overflowed them. PyTorch refuses these too.
        let strides_fit = dims
            .iter()
            .filter(|&&d| d > 0)
            .try_fold(1usize, |n, &d| n.checked_mul(d).filter(|&n| n <= isize::MAX as usize))
            .is_some();
        if !strides_fit {
            let sizes: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
            return Err(TensorError::runtime(format!(
                "Storage size calculation overflowed with sizes=[{}]",
                sizes.join(", ")
            )));
        }
        Ok(Shape(dims))
    }

    /// The shape of a 0-d tensor.
    pub fn scalar() -> Shape {
        Shape(Vec::new())
    }

    /// The sizes, outermost first.
    pub fn dims(&self) -> &[usize] {
        &self.0
    }

    /// The number of dimensions (`t.dim()`).
    pub fn rank(&self) -> usize {
        self.0.len()
    }

    /// The number of elements (`t.numel()`).
    pub fn numel(&self) -> usize {
        self.0.iter().product()
    }

    /// Row-major strides of a contiguous tensor of this shape.
    pub fn contiguous_strides(&self) -> Vec<isize> {
        let mut strides = vec![0isize; self.rank()];
        let mut step = 1isize;
        for (s, &d) in strides.iter_mut().zip(&self.0).rev() {
            *s = step;
            step *= d.max(1) as isize;
        }
        strides
    }

    /// Turns a possibly negative dim into an index, as every PyTorch op does.
    ///
    /// A 0-d tensor accepts dims 0 and -1, as PyTorch does.
    pub fn wrap_dim(&self, dim: i64) -> Result<usize, TensorError> {
        wrap_dim(dim, self.rank())
    }

    /// The index of the element at row-major position `flat`.
    pub fn unravel(&self, mut flat: usize) -> Vec<usize> {
        let mut index = vec![0; self.rank()];
        for (i, &d) in index.iter_mut().zip(&self.0).rev() {
            if d > 0 {
                *i = flat % d;
                flat /= d;
            }
        }
        index
    }

    /// The row-major position of `index`.
    pub fn ravel(&self, index: &[usize]) -> usize {
        index.iter().zip(&self.0).fold(0, |acc, (&i, &d)| acc * d + i)
    }

    /// Calls `f` with every row-major position and its index, in order,
    /// counting the index up as an odometer does (no allocation per element).
    pub fn each_index(&self, mut f: impl FnMut(usize, &[usize])) {
        let mut index = vec![0; self.rank()];
        for flat in 0..self.numel() {
            f(flat, &index);
            for (i, &d) in index.iter_mut().zip(&self.0).rev() {
                *i += 1;
                if *i < d {
                    break;
                }
                *i = 0;
            }
        }
    }
}

/// Wraps `dim` for a tensor of `rank` dims (`-1` is the last one).
pub fn wrap_dim(dim: i64, rank: usize) -> Result<usize, TensorError> {
    // 0-d tensors behave as if they had one dim for this purpose.
    let bound = rank.max(1) as i64;
    if dim < -bound || dim >= bound {
        return Err(TensorError::DimOutOfRange { dim, low: -bound, high: bound - 1 });
    }
    Ok(if dim < 0 { (dim + bound) as usize } else { dim as usize })
}

impl From<&[usize]> for Shape {
    fn from(dims: &[usize]) -> Shape {
        Shape(dims.to_vec())
    }
}

impl fmt::Display for Shape {
    /// As `torch.Size` prints it: `torch.Size([3, 4])`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sizes: Vec<String> = self.0.iter().map(|d| d.to_string()).collect();
        write!(f, "torch.Size([{}])", sizes.join(", "))
    }
}

/// The shape two operands broadcast to (NumPy rules: align on the right,
/// sizes must match or be 1).
pub fn broadcast_shapes(a: &Shape, b: &Shape) -> Result<Shape, TensorError> {
    let rank = a.rank().max(b.rank());
    let mut dims = vec![0; rank];
    // PyTorch compares from the last dim backwards and names the first mismatch.
    for k in (0..rank).rev() {
        let da = dim_from_right(a, rank - 1 - k);
        let db = dim_from_right(b, rank - 1 - k);
        dims[k] = match (da, db) {
            (x, y) if x == y => x,
            (1, y) => y,
            (x, 1) => x,
            _ => {
                return Err(TensorError::BroadcastMismatch { a: da, b: db, dim: k });
            }
        };
    }
    Shape::new(dims)
}

/// The size `k` dims from the right, 1 past the left edge.
fn dim_from_right(shape: &Shape, k: usize) -> usize {
    if k < shape.rank() { shape.0[shape.rank() - 1 - k] } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_dims_count_from_the_end() {
        let s = Shape::new(vec![3, 4]).unwrap();
        assert_eq!(s.wrap_dim(-1).unwrap(), 1);
        assert_eq!(s.wrap_dim(-2).unwrap(), 0);
        let err = s.wrap_dim(2).unwrap_err().to_string();
        assert_eq!(err, "Dimension out of range (expected to be in range of [-2, 1], but got 2)");
    }

    #[test]
    fn ravel_undoes_unravel() {
        let s = Shape::new(vec![2, 3, 4]).unwrap();
        for flat in 0..24 {
            assert_eq!(s.ravel(&s.unravel(flat)), flat);
        }
        assert_eq!(s.unravel(23), vec![1, 2, 3]);
    }

    #[test]
    fn broadcasting_aligns_on_the_right() {
        let a = Shape::new(vec![3, 1]).unwrap();
        let b = Shape::new(vec![4]).unwrap();
        assert_eq!(broadcast_shapes(&a, &b).unwrap().dims(), &[3, 4]);
        let c = Shape::new(vec![2]).unwrap();
        assert!(broadcast_shapes(&b, &c).is_err());
    }

    #[test]
    fn absurd_shapes_are_refused() {
        assert!(Shape::new(vec![1 << 20, 1 << 20]).is_err());
        assert!(Shape::new(vec![0, usize::MAX]).is_err());
        assert!(Shape::new(vec![0, 5]).is_ok());
        assert!(Shape::new(vec![1; 17]).is_err());
    }
}
