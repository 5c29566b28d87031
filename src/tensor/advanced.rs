//! Advanced indexing (`t[idx]`, `t[:, [2, 0]]`, `t[t > 0]`), after the
//! basic items (ints, slices, `None`, `...`) have made their view, as
//! PyTorch's `index` does it: masks become the indices of their true
//! elements, the index tensors are broadcast together, and their dims take
//! the place of the dims they index (or go first, when those are not next
//! to each other).
//!
//! The result is worked out as positions: for each output element, the
//! row-major position in the original tensor it reads, and for each index
//! tensor, the position of the element of it that chose it, which lineage
//! credits as a source.

use super::error::{PyExceptionType, TensorError};
use super::layout::Layout;
use super::shape::{Shape, broadcast_shapes};
use super::take;
use super::{DType, Tensor};

/// One advanced index: an integer tensor, or a bool mask, indexing the view
/// from its dim `dim` on (a mask one dim per dim of its own).
#[derive(Debug, Clone, Copy)]
pub struct Index<'a> {
    /// The index or mask.
    pub tensor: &'a Tensor,
    /// The first dim of the view it indexes.
    pub dim: usize,
}

/// What advanced indexing gives, as positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indexed {
    /// The result's shape.
    pub shape: Shape,
    /// For each output element, the row-major position it reads in the
    /// tensor the view was made from.
    pub from: Vec<usize>,
    /// For each index (in order), for each output element, the row-major
    /// position of the element of the index (or mask) that chose it.
    pub at: Vec<Vec<usize>>,
    /// The output dims that are dims of the view: `(output dim, view dim)`.
    pub dims: Vec<(usize, usize)>,
    /// For each index, its dims that are output dims: `(output dim, its dim)`.
    pub index_dims: Vec<Vec<(usize, usize)>>,
}

fn index_error(message: impl Into<String>) -> TensorError {
    TensorError::Other { kind: PyExceptionType::IndexError, message: message.into() }
}

/// One dim indexed by integers: the integers (broadcast to the shared
/// shape through `map`), and where they came from.
struct Column {
    /// The view's dim.
    dim: usize,
    /// The integers, in the row-major order of their own shape.
    values: Vec<i64>,
    /// Their shape.
    shape: Shape,
    /// Which index they come from, and for a mask, the positions of its
    /// true elements (the integers are their coordinates along one dim).
    index: usize,
    mask: Option<Vec<usize>>,
}

/// `view[indices]`: `view` is the basic view's layout over the original
/// tensor's row-major positions (its shape is the view's).
pub fn advanced(view: &Layout, indices: &[Index<'_>]) -> Result<Indexed, TensorError> {
    let sizes = view.shape().dims();
    // Repeated ellipses can put an index past the view's last dim.
    let rank = sizes.len();
    if let Some(got) = indices.iter().map(|i| i.dim + 1).max().filter(|&n| n > rank) {
        return Err(index_error(format!("too many indices for tensor of dimension {rank} (got {got})")));
    }
    if indices.iter().any(|i| !matches!(i.tensor.dtype(), DType::Int32 | DType::Int64 | DType::Bool)) {
        return Err(index_error("tensors used as indices must be long, int, byte or bool tensors"));
    }
    // Masks become one column of integers per dim: their true elements' coordinates.
    let mut columns = Vec::new();
    for (k, index) in indices.iter().enumerate() {
        let t = index.tensor;
        if t.dtype() != DType::Bool {
            let values = t.scalars().map(|s| s.to_i64()).collect();
            columns.push(Column { dim: index.dim, values, shape: t.shape().clone(), index: k, mask: None });
            continue;
        }
        let own = t.shape().dims();
        for (j, &size) in own.iter().enumerate() {
            if index.dim + j >= rank {
                let (dim, high) = ((index.dim + j) as i64, rank as i64 - 1);
                return Err(TensorError::DimOutOfRange { dim, low: -(rank as i64), high });
            }
            if sizes[index.dim + j] != size {
                return Err(index_error(format!(
                    "The shape of the mask {own:?} at index {j} does not match the shape of the indexed tensor {sizes:?} at index {}",
                    index.dim + j
                )));
            }
        }
        let found = take::nonzero(t);
        let shape = Shape::new(vec![found.len()])?;
        for j in 0..own.len() {
            // The coordinate along dim j of row-major position p.
            let inner: usize = own[j + 1..].iter().product();
            let values = found.iter().map(|&p| ((p / inner.max(1)) % own[j]) as i64).collect();
            columns.push(Column {
                dim: index.dim + j,
                values,
                shape: shape.clone(),
                index: k,
                mask: Some(found.clone()),
            });
        }
    }
    let mut shared = Shape::scalar();
    for c in &columns {
        shared = broadcast_shapes(&shared, &c.shape).map_err(|_| {
            let shapes: Vec<String> = columns.iter().map(|c| format!("{:?}", c.shape.dims())).collect();
            index_error(format!(
                "shape mismatch: indexing tensors could not be broadcast together with shapes {}",
                shapes.join(", ")
            ))
        })?;
    }
    for c in &columns {
        if sizes[c.dim] == 0 && !c.values.is_empty() {
            return Err(index_error("index is out of bounds for dimension with size 0"));
        }
    }
    // The indexed dims are replaced where they are, if they are next to
    // each other; otherwise the broadcast dims come first.
    let indexed: Vec<usize> = columns.iter().map(|c| c.dim).collect();
    let adjacent = indexed.windows(2).all(|w| w[1] == w[0] + 1);
    let first = if adjacent { indexed.first().copied().unwrap_or(0) } else { 0 };
    let kept: Vec<usize> = (0..sizes.len()).filter(|d| !indexed.contains(d)).collect();
    let before = kept.iter().filter(|&&d| d < first && adjacent).count();
    let mut out_dims: Vec<usize> = kept[..before].iter().map(|&d| sizes[d]).collect();
    out_dims.extend_from_slice(shared.dims());
    out_dims.extend(kept[before..].iter().map(|&d| sizes[d]));
    let shape = Shape::new(out_dims)?;
    let b = shared.rank();
    let dims: Vec<(usize, usize)> =
        kept.iter().enumerate().map(|(k, &d)| (if k < before { k } else { k + b }, d)).collect();
    // Each column read through its broadcast layout over the shared shape.
    let maps: Vec<Layout> =
        columns.iter().map(|c| Layout::contiguous(c.shape.clone()).broadcast_to(&shared)).collect();
    let mut from = Vec::with_capacity(shape.numel());
    let mut at = vec![Vec::with_capacity(shape.numel()); indices.len()];
    let mut view_index = vec![0; sizes.len()];
    let mut error = None;
    shape.each_index(|_, out| {
        if error.is_some() {
            return;
        }
        let shared_index = &out[before..before + b];
        for (k, &d) in kept.iter().enumerate() {
            view_index[d] = out[if k < before { k } else { k + b }];
        }
        let flat = from.len();
        for (i, c) in columns.iter().enumerate() {
            let p = maps[i].offset_of(shared_index);
            let v = c.values[p];
            let size = sizes[c.dim] as i64;
            if v < -size || v >= size {
                error = Some(index_error(format!(
                    "index {v} is out of bounds for dimension {i} with size {size}"
                )));
                return;
            }
            view_index[c.dim] = if v < 0 { (v + size) as usize } else { v as usize };
            // A mask is credited with its true element; the other columns
            // of the same mask name the same one.
            if at[c.index].len() == flat {
                at[c.index].push(c.mask.as_ref().map_or(p, |found| found[p]));
            }
        }
        from.push(view.offset_of(&view_index));
    });
    if let Some(e) = error {
        return Err(e);
    }
    // An integer index's dims line up with the shared dims from the right;
    // a mask's dims are gone (its true elements make one dim).
    let index_dims = indices
        .iter()
        .map(|index| match index.tensor.dtype() {
            DType::Bool => Vec::new(),
            _ => {
                let r = index.tensor.rank();
                (0..r).map(|j| (before + b - r + j, j)).collect()
            }
        })
        .collect();
    Ok(Indexed { shape, from, at, dims, index_dims })
}

/// For each dim of a view of a tensor of `shape` (made by selecting,
/// slicing and adding dims, `view` over its row-major positions), the dim
/// of the tensor it steps through, if one.
pub fn view_origins(view: &Layout, shape: &Shape) -> Vec<Option<usize>> {
    let strides = shape.contiguous_strides();
    view.shape()
        .dims()
        .iter()
        .zip(view.strides())
        .map(|(&size, &stride)| {
            let matches: Vec<usize> = (0..shape.rank())
                .filter(|&j| stride != 0 && strides[j] == stride && shape.dims()[j] > 1)
                .collect();
            match matches[..] {
                [j] if size > 1 => Some(j),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t34() -> Layout {
        Layout::contiguous(Shape::new(vec![3, 4]).unwrap())
    }

    fn long(values: &[i64]) -> Tensor {
        Tensor::from_vec(values.to_vec(), Shape::new(vec![values.len()]).unwrap())
    }

    #[test]
    fn a_list_of_rows_picks_rows() {
        let idx = long(&[2, 0]);
        let got = advanced(&t34(), &[Index { tensor: &idx, dim: 0 }]).unwrap();
        assert_eq!(got.shape.dims(), [2, 4]);
        assert_eq!(got.from, [8, 9, 10, 11, 0, 1, 2, 3]);
        assert_eq!(got.at[0], [0, 0, 0, 0, 1, 1, 1, 1]);
        assert_eq!(got.dims, [(1, 1)]);
    }

    #[test]
    fn a_mask_picks_its_true_elements_in_order() {
        let mask = Tensor::from_vec(
            vec![false, true, false, false, true, false, false, false, false, false, false, true],
            Shape::new(vec![3, 4]).unwrap(),
        );
        let got = advanced(&t34(), &[Index { tensor: &mask, dim: 0 }]).unwrap();
        assert_eq!(got.from, [1, 4, 11]);
        assert_eq!(got.at[0], [1, 4, 11]);
    }

    #[test]
    fn indices_apart_put_their_dims_first() {
        let c = Layout::contiguous(Shape::new(vec![2, 3, 4]).unwrap());
        let (a, b) = (long(&[0, 1]), long(&[1, 2]));
        let got = advanced(&c, &[Index { tensor: &a, dim: 0 }, Index { tensor: &b, dim: 2 }]).unwrap();
        assert_eq!(got.shape.dims(), [2, 3]);
        assert_eq!(got.from, [1, 5, 9, 14, 18, 22]);
        let err = advanced(&c, &[Index { tensor: &long(&[0, 5]), dim: 1 }]).unwrap_err();
        assert_eq!(err.to_string(), "index 5 is out of bounds for dimension 0 with size 3");
    }
}
