//! Shapes, dim wrapping and broadcasting, and the checked conversion of
//! Python's integers into sizes.
//!
//! Every size a program asks for is checked in 64 bits before it becomes a
//! `usize`: on wasm32 a `usize` has 32 bits, and `4294967297 as usize` is 1,
//! so an unchecked cast made `torch.zeros(4294967297)` a one-element tensor
//! in the browser while the command line refused it.

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
        check_sizes(&dims.iter().map(|&d| d as u64).collect::<Vec<u64>>())?;
        Ok(Shape(dims))
    }

    /// A shape from the sizes a program wrote (`torch.zeros(2, 3)`,
    /// `t.reshape(6)`), which must not be negative (each op words that
    /// refusal its own way, so callers check first). Checked in 64 bits
    /// before any size becomes a `usize`.
    pub fn from_sizes(sizes: &[i64]) -> Result<Shape, TensorError> {
        debug_assert!(sizes.iter().all(|&s| s >= 0), "negative sizes are refused by the caller");
        let sizes: Vec<u64> = sizes.iter().map(|&s| s.max(0).unsigned_abs()).collect();
        check_sizes(&sizes)?;
        // Every size is at most MAX_ELEMENTS now, so it fits a usize on every target.
        Ok(Shape(sizes.into_iter().map(|s| s as usize).collect()))
    }

    /// A shape derived from a valid one without growing sizes (a
    /// selection, a slice, a permutation of its dims, a new axis). Its rank
    /// is the caller's to check: `t[None, ..., 0]` passes 16 dims on its way
    /// to a view of 16.
    pub(crate) fn derived(dims: Vec<usize>) -> Shape {
        debug_assert!(dims.len() <= 2 * MAX_DIMS && dims.iter().all(|&d| d <= MAX_ELEMENTS));
        Shape(dims)
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
        numel_of(&self.0)
    }

    /// Row-major strides of a contiguous tensor of this shape.
    pub fn contiguous_strides(&self) -> Vec<i64> {
        // `check_sizes` keeps the product of the sizes other than 0 within
        // i64, so no stride overflows, even of an empty tensor.
        let mut strides = vec![0i64; self.rank()];
        let mut step = 1i64;
        for (s, &d) in strides.iter_mut().zip(&self.0).rev() {
            *s = step;
            step = step.saturating_mul(d.max(1) as i64);
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

/// Checks the sizes of a shape in 64 bits: at most `MAX_DIMS` of them, at
/// most `MAX_ELEMENTS` elements, each size at most `MAX_ELEMENTS` (so that
/// an empty tensor cannot smuggle in a size whose strides would overflow),
/// and the sizes other than 0 multiplying to at most `i64::MAX`, as PyTorch
/// requires of the strides of an empty tensor too.
fn check_sizes(sizes: &[u64]) -> Result<(), TensorError> {
    if sizes.len() > MAX_DIMS {
        return Err(TensorError::TooManyDims { dims: sizes.len() });
    }
    let numel = sizes.iter().fold(1u64, |n, &d| n.saturating_mul(d));
    let largest = sizes.iter().copied().max().unwrap_or(0);
    if numel > MAX_ELEMENTS as u64 || largest > MAX_ELEMENTS as u64 {
        return Err(TensorError::TooManyElements { requested: numel.max(largest) });
    }
    // zeros(2**24, 2**24, 2**24, 0) overflowed the strides; PyTorch refuses these too.
    let strides_fit = sizes
        .iter()
        .filter(|&&d| d > 0)
        .try_fold(1u64, |n, &d| n.checked_mul(d).filter(|&n| n <= i64::MAX as u64))
        .is_some();
    if !strides_fit {
        let sizes: Vec<String> = sizes.iter().map(|d| d.to_string()).collect();
        return Err(TensorError::runtime(format!(
            "Storage size calculation overflowed with sizes=[{}]",
            sizes.join(", ")
        )));
    }
    Ok(())
}

/// A Python int as a count of things the playground builds (list items,
/// repetitions): `None` when it is past `limit`, checked in 64 bits before
/// it becomes a `usize`. Negative counts are 0, as Python's `[0] * -1` is empty.
pub fn count_within(n: i64, limit: usize) -> Option<usize> {
    let n = n.max(0).unsigned_abs();
    if n > limit as u64 { None } else { Some(n as usize) }
}

/// The number of elements of a tensor with these (checked) sizes: 0 if
/// any is 0, before multiplying the others, which for an empty tensor may
/// pass a 32-bit usize (`zeros(2**24, 2**24, 0)`).
pub fn numel_of(sizes: &[usize]) -> usize {
    if sizes.contains(&0) { 0 } else { sizes.iter().product() }
}

/// The number of elements of a tensor with these sizes, in 64 bits
/// (saturating): sizes of an empty tensor may multiply past a 32-bit `usize`.
pub fn numel_u64(sizes: &[usize]) -> u64 {
    sizes.iter().fold(1u64, |n, &d| n.saturating_mul(d as u64))
}

/// A 64-bit count as a `usize`, saturating: for counts that only an empty
/// tensor can make too large (its lanes), where nothing is then read.
pub fn saturating_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
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

    #[test]
    fn sizes_are_checked_in_64_bits_before_they_become_usize() {
        // 2**32 + 1 is 1 as a 32-bit usize: it must be refused, not wrapped.
        let err = Shape::from_sizes(&[4_294_967_297]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the playground limits tensors to 16777216 elements, but this one would have 4294967297"
        );
        let err = Shape::from_sizes(&[2, 4_294_967_298]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the playground limits tensors to 16777216 elements, but this one would have 8589934596"
        );
        assert_eq!(
            Shape::from_sizes(&[i64::MAX, i64::MAX]).unwrap_err(),
            TensorError::TooManyElements { requested: u64::MAX }
        );
        assert_eq!(Shape::from_sizes(&[2, 3]).unwrap().dims(), &[2, 3]);
        assert_eq!(Shape::from_sizes(&[1 << 24, 1 << 24, 0]).unwrap().numel(), 0);
        assert!(Shape::from_sizes(&[1 << 24, 1 << 24, 1 << 24, 0]).is_err());
        assert_eq!(Shape::from_sizes(&[1; 17]).unwrap_err(), TensorError::TooManyDims { dims: 17 });
    }

    #[test]
    fn counts_are_checked_in_64_bits_before_they_become_usize() {
        assert_eq!(count_within(4_294_967_297, 1 << 20), None);
        assert_eq!(
            count_within(i64::MAX, usize::MAX),
            if usize::BITS == 64 { Some(i64::MAX as usize) } else { None }
        );
        assert_eq!(count_within(-5, 10), Some(0));
        assert_eq!(count_within(10, 10), Some(10));
        assert_eq!(count_within(11, 10), None);
        assert_eq!(numel_u64(&[1 << 24, 1 << 24, 0]), 0);
        assert_eq!(numel_u64(&[1 << 24, 1 << 24]), 1 << 48);
        assert_eq!(saturating_usize(1 << 20), 1 << 20);
    }
}
