//! Basic indexing and slicing (NumPy's rules), and reshaping.
//!
//! Each operation here is a function on `Layout`: the value is the input's
//! buffer seen through the new layout, and lineage applies the same function
//! to the input's contiguous layout to map each element back.

use super::Tensor;
use super::error::{PyExceptionType, TensorError};
use super::layout::Layout;
use super::shape::{MAX_DIMS, Shape};

/// One component of `t[...]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexItem {
    /// `t[2]`, `t[-1]`: picks one position and drops the dim.
    Int(i64),
    /// `t[1:]`, `t[::2]`: keeps a strided range of the dim.
    Slice { start: Option<i64>, stop: Option<i64>, step: Option<i64> },
    /// `t[...]`: as many `:` as the other items leave dims.
    Ellipsis,
    /// `t[None]`: a new dim of size 1.
    NewAxis,
    /// An index tensor or list (`t[idx]`), a mask (`t[t > 0]`) or a Python
    /// bool (`t[True]`), which the basic pass leaves to `advanced`: it keeps
    /// the `dims` dims it indexes (a mask as many as it has), or for a bool
    /// (`dims` 0) adds one of size 1.
    Advanced { dims: usize },
}

fn index_error(message: impl Into<String>) -> TensorError {
    TensorError::Other { kind: PyExceptionType::IndexError, message: message.into() }
}

fn value_error(message: impl Into<String>) -> TensorError {
    TensorError::Other { kind: PyExceptionType::ValueError, message: message.into() }
}

/// Applies `items` to `layout`, giving the layout of `t[items]`.
pub fn apply_index(layout: &Layout, items: &[IndexItem]) -> Result<Layout, TensorError> {
    Ok(apply_basic(layout, items)?.0)
}

/// Applies the basic items to `layout` (the advanced ones keep their dims,
/// see `IndexItem::Advanced`), giving the layout of the view and, for each
/// advanced item in order, the first dim of the view it indexes.
pub fn apply_basic(layout: &Layout, items: &[IndexItem]) -> Result<(Layout, Vec<usize>), TensorError> {
    let rank = layout.shape().rank();
    let consuming = items
        .iter()
        .map(|i| match i {
            IndexItem::Int(_) | IndexItem::Slice { .. } => 1,
            IndexItem::Advanced { dims } => *dims,
            IndexItem::Ellipsis | IndexItem::NewAxis => 0,
        })
        .sum::<usize>();
    // A 0-d tensor indexed by one int or slice gets its own messages.
    match (rank, items) {
        (0, [IndexItem::Int(0)]) => return Err(TensorError::IndexZeroDim),
        (0, [IndexItem::Int(i)]) => {
            return Err(TensorError::IndexOutOfBounds { index: *i, dim: 0, size: 0 });
        }
        (0, [IndexItem::Slice { step, .. }]) => {
            // Python checks the step when it unpacks the slice, before PyTorch sees the tensor.
            check_step(*step)?;
            return Err(index_error("slice() cannot be applied to a 0-dim tensor."));
        }
        _ => {}
    }
    if consuming > rank {
        return Err(TensorError::TooManyIndices { rank });
    }
    let selected = items.iter().filter(|i| matches!(i, IndexItem::Int(_))).count();
    // A Python bool as an index adds a dim of size 1, as `None` does.
    let new_axes =
        items.iter().filter(|i| matches!(i, IndexItem::NewAxis | IndexItem::Advanced { dims: 0 })).count();
    let result_rank = rank - selected + new_axes;
    if result_rank > MAX_DIMS {
        // PyTorch has no such limit, so its own errors (an index out of
        // range) come first: the items are applied without their new axes
        // (which change no other item's dim or size), and only then is the
        // view refused, before it is built (10,000 `None`s were 10,000 copies
        // of a growing shape).
        index_items(layout, items, rank - consuming, false)?;
        return Err(TensorError::TooManyDims { dims: result_rank });
    }
    index_items(layout, items, rank - consuming, true)
}

/// Applies the items of a subscript one after another; `ellipsis` dims are
/// left to `...`, and new axes are skipped unless `new_axes`.
fn index_items(
    layout: &Layout,
    items: &[IndexItem],
    ellipsis: usize,
    new_axes: bool,
) -> Result<(Layout, Vec<usize>), TensorError> {
    let rank = layout.shape().rank();
    let mut out = layout.clone();
    let mut advanced = Vec::new();
    // `dim` is where the next item applies in the view being built.
    let mut dim = 0;
    for (position, item) in items.iter().enumerate() {
        match *item {
            IndexItem::Int(i) => {
                // Repeated ellipses can push past the last dim, which PyTorch treats as empty.
                let size = out.shape().dims().get(dim).copied().unwrap_or(0);
                let wrapped = if i < 0 { i + size as i64 } else { i };
                if wrapped < 0 || wrapped >= size as i64 {
                    // PyTorch names the position of the item, not the dim.
                    return Err(TensorError::IndexOutOfBounds { index: i, dim: position, size });
                }
                out = out.select(dim, wrapped as usize);
            }
            IndexItem::Slice { start, stop, step } => {
                let Some(&size) = out.shape().dims().get(dim) else {
                    return Err(TensorError::TooManyIndices { rank });
                };
                let (first, len, step) = slice_range(start, stop, step, size)?;
                out = out.slice(dim, first, len, step);
                dim += 1;
            }
            IndexItem::Ellipsis => dim += ellipsis,
            IndexItem::NewAxis if !new_axes => {}
            IndexItem::NewAxis | IndexItem::Advanced { dims: 0 } => {
                out = out.unsqueeze(dim.min(out.shape().rank()));
                if let IndexItem::Advanced { .. } = item {
                    advanced.push(dim.min(out.shape().rank() - 1));
                }
                dim += 1;
            }
            IndexItem::Advanced { dims } => {
                advanced.push(dim);
                dim += dims;
            }
        }
    }
    Ok((out, advanced))
}

/// Python's `slice.indices` for a positive step: the first position, the
/// number of positions, and the step.
pub fn slice_range(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    size: usize,
) -> Result<(usize, usize, usize), TensorError> {
    let step = check_step(step)?;
    let size = size as i64;
    let clamp = |v: i64| -> i64 {
        let v = if v < 0 { v + size } else { v };
        v.clamp(0, size)
    };
    let first = start.map_or(0, clamp);
    let stop = stop.map_or(size, clamp);
    // In i128: `stop - first + step - 1` passes i64 for a step near i64's largest.
    let len =
        if stop > first { (i128::from(stop - first) + i128::from(step) - 1) / i128::from(step) } else { 0 };
    // A step past the dim's size takes at most one position, where any step
    // longer than the dim does the same: clamped, it fits a 32-bit usize
    // (`t[::2**32]` on wasm32 was a step of 0) and its stride cannot overflow.
    let step = step.min(size.max(1));
    Ok((first as usize, len as usize, step as usize))
}

/// A slice's step (1 when omitted), which must be positive.
fn check_step(step: Option<i64>) -> Result<i64, TensorError> {
    match step.unwrap_or(1) {
        0 => Err(value_error("slice step cannot be zero")),
        s if s < 0 => Err(value_error("step must be greater than zero")),
        s => Ok(s),
    }
}

/// The shape `reshape(sizes)` asks for, with a `-1` inferred. Sizes are
/// multiplied in 64 bits on every target: on wasm32, `4294967298 as usize`
/// is 2, and `torch.ones(2).reshape(4294967298)` succeeded.
pub fn infer_shape(sizes: &[i64], numel: usize) -> Result<Shape, TensorError> {
    let shown = || sizes.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ");
    let mut inferred = None;
    // Saturating is exact enough: a product past u64 matches no element count
    // (and a later 0 still makes it 0).
    let mut known: u64 = 1;
    for (k, &s) in sizes.iter().enumerate() {
        match s {
            -1 if inferred.is_some() => return Err(TensorError::ReshapeTwoInferred),
            -1 => inferred = Some(k),
            s if s < 0 => {
                return Err(TensorError::runtime(format!(
                    "invalid shape dimension {s} at index {k} of shape [{}]",
                    shown()
                )));
            }
            s => known = known.saturating_mul(s.unsigned_abs()),
        }
    }
    let count = numel as u64;
    let mut dims: Vec<i64> = sizes.to_vec();
    match inferred {
        Some(_) if known == 0 => {
            if numel == 0 {
                return Err(TensorError::runtime(format!(
                    "cannot reshape tensor of 0 elements into shape [{}] because the unspecified dimension size -1 can be any value and is ambiguous",
                    shown()
                )));
            }
            return Err(TensorError::ReshapeMismatch { shape: shown(), numel });
        }
        // At most `numel`, so it fits an i64.
        Some(k) if count.is_multiple_of(known) => dims[k] = (count / known) as i64,
        Some(_) => {
            return Err(TensorError::ReshapeMismatch { shape: shown(), numel });
        }
        None if known != count => {
            return Err(TensorError::ReshapeMismatch { shape: shown(), numel });
        }
        None => {}
    }
    Shape::from_sizes(&dims)
}

/// The strides that let `layout` be seen as `shape` without copying, if any
/// (PyTorch's rule for `view`: each run of merged dims must be contiguous).
pub fn view_strides(layout: &Layout, shape: &Shape) -> Option<Vec<i64>> {
    let old = layout.shape().dims();
    let old_strides = layout.strides();
    let new = shape.dims();
    if old.is_empty() || layout.shape().numel() == 0 {
        return Some(shape.contiguous_strides());
    }
    let mut strides = vec![0i64; new.len()];
    let mut view_d = new.len() as isize - 1;
    let mut chunk_base = *old_strides.last()?;
    let mut tensor_numel: usize = 1;
    let mut view_numel: usize = 1;
    for d in (0..old.len()).rev() {
        tensor_numel *= old[d];
        let chunk_ends =
            d == 0 || (old[d - 1] != 1 && old_strides[d - 1] != tensor_numel as i64 * chunk_base);
        if chunk_ends {
            while view_d >= 0 && (view_numel < tensor_numel || new[view_d as usize] == 1) {
                strides[view_d as usize] = view_numel as i64 * chunk_base;
                view_numel *= new[view_d as usize];
                view_d -= 1;
            }
            if view_numel != tensor_numel {
                return None;
            }
            if d > 0 {
                chunk_base = old_strides[d - 1];
                tensor_numel = 1;
                view_numel = 1;
            }
        }
    }
    (view_d == -1).then_some(strides)
}

impl Tensor {
    /// `t[items]`: a view of the same elements.
    pub fn index(&self, items: &[IndexItem]) -> Result<Tensor, TensorError> {
        Ok(self.view_as(apply_index(self.layout(), items)?))
    }

    /// `t.reshape(sizes)`: the same elements in row-major order, viewed if possible.
    pub fn reshape(&self, sizes: &[i64]) -> Result<Tensor, TensorError> {
        let shape = infer_shape(sizes, self.numel())?;
        Ok(match view_strides(self.layout(), &shape) {
            Some(strides) => self.view_as(self.layout().restrided(shape, strides)),
            None => self.with_shape(shape),
        })
    }

    /// `t.view(sizes)`: like `reshape`, but refuses when a copy would be needed.
    pub fn view(&self, sizes: &[i64]) -> Result<Tensor, TensorError> {
        let shape = infer_shape(sizes, self.numel())?;
        match view_strides(self.layout(), &shape) {
            Some(strides) => Ok(self.view_as(self.layout().restrided(shape, strides))),
            None => Err(TensorError::runtime(
                "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(d: &[usize]) -> Layout {
        Layout::contiguous(Shape::new(d.to_vec()).unwrap())
    }

    #[test]
    fn an_int_after_a_none_names_its_position() {
        let err = apply_index(&layout(&[3, 4, 5]), &[IndexItem::NewAxis, IndexItem::Int(5)]).unwrap_err();
        assert_eq!(err.to_string(), "index 5 is out of bounds for dimension 1 with size 3");
    }

    #[test]
    fn new_axes_stop_at_sixteen_dims_after_pytorchs_own_errors() {
        let one = layout(&[1]);
        let nones = |n: usize| vec![IndexItem::NewAxis; n];
        assert_eq!(apply_index(&one, &nones(15)).unwrap().shape().rank(), 16);
        let err = apply_index(&one, &nones(10_000)).unwrap_err();
        assert_eq!(err, TensorError::TooManyDims { dims: 10_001 });
        // An index out of range is PyTorch's error, and comes first.
        let mut items = nones(20);
        items.push(IndexItem::Int(5));
        let err = apply_index(&one, &items).unwrap_err();
        assert_eq!(err.to_string(), "index 5 is out of bounds for dimension 20 with size 1");
        // Selecting a dim makes room for one more new axis.
        let mut items = nones(16);
        items.push(IndexItem::Int(0));
        assert_eq!(apply_index(&one, &items).unwrap().shape().rank(), 16);
    }

    #[test]
    fn steps_past_the_size_take_one_position_on_every_target() {
        // 2**32 was a step of 0 as a 32-bit usize.
        assert_eq!(slice_range(None, None, Some(1 << 32), 5).unwrap(), (0, 1, 5));
        assert_eq!(slice_range(Some(2), None, Some(i64::MAX), 5).unwrap(), (2, 1, 5));
        assert_eq!(slice_range(None, None, Some(i64::MAX), 0).unwrap(), (0, 0, 1));
    }

    #[test]
    fn reshape_sizes_are_multiplied_in_64_bits() {
        // 4294967298 is 2 as a 32-bit usize.
        let err = infer_shape(&[4_294_967_298], 2).unwrap_err();
        assert_eq!(err.to_string(), "shape '[4294967298]' is invalid for input of size 2");
        let err = infer_shape(&[-1, 4_294_967_298], 4).unwrap_err();
        assert_eq!(err.to_string(), "shape '[-1, 4294967298]' is invalid for input of size 4");
        let err = infer_shape(&[1 << 62, 1 << 62, 0], 0).unwrap_err();
        assert!(matches!(err, TensorError::TooManyElements { requested } if requested == 1 << 62));
        assert_eq!(infer_shape(&[1; 17], 1).unwrap_err(), TensorError::TooManyDims { dims: 17 });
    }

    #[test]
    fn ellipsis_fills_the_middle() {
        let l = apply_index(&layout(&[3, 4, 5]), &[IndexItem::Ellipsis, IndexItem::Int(0)]).unwrap();
        assert_eq!(l.shape().dims(), &[3, 4]);
        assert_eq!(l.offsets().take(3).collect::<Vec<_>>(), vec![0, 5, 10]);
    }

    #[test]
    fn slices_clamp_like_python() {
        assert_eq!(slice_range(Some(-2), None, None, 5).unwrap(), (3, 2, 1));
        assert_eq!(slice_range(Some(7), None, None, 5).unwrap(), (5, 0, 1));
        assert_eq!(slice_range(None, None, Some(2), 5).unwrap(), (0, 3, 2));
    }

    #[test]
    fn reshape_infers_one_size() {
        assert_eq!(infer_shape(&[-1, 4], 12).unwrap().dims(), &[3, 4]);
        assert_eq!(
            infer_shape(&[-1, 7], 60).unwrap_err().to_string(),
            "shape '[-1, 7]' is invalid for input of size 60"
        );
    }

    #[test]
    fn a_column_cannot_be_viewed_flat_but_a_block_can() {
        let column = apply_index(
            &layout(&[3, 4, 5]),
            &[IndexItem::Slice { start: None, stop: None, step: None }, IndexItem::Int(1)],
        )
        .unwrap();
        assert!(view_strides(&column, &Shape::new(vec![15]).unwrap()).is_none());
        assert!(view_strides(&column, &Shape::new(vec![3, 5]).unwrap()).is_some());
    }
}
