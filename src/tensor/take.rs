//! Taking elements by position: `gather`, `index_select`, `nonzero`,
//! `flip` and `roll` (and the last step of indexing with tensors).
//!
//! Each operation works out, for every output element, the row-major
//! position of the input element it takes; `take` reads the values there,
//! and lineage records the same positions, so a highlight names exactly
//! the element whose value was copied.

use super::error::{PyExceptionType, TensorError};
use super::shape::{Shape, wrap_dim};
use super::storage::{Element, Storage, with_storage};
use super::{DType, Tensor};

/// The elements of `t` at row-major positions `from`, as a tensor of `shape`.
pub fn take(t: &Tensor, from: &[usize], shape: Shape) -> Tensor {
    debug_assert_eq!(from.len(), shape.numel());
    let layout = t.layout();
    let (own, strides) = (t.shape().dims(), layout.strides());
    let contiguous = layout.is_contiguous();
    // The buffer position of row-major position `p`, worked out dim by dim.
    let offset = |p: usize| {
        if contiguous {
            return p;
        }
        let (mut rest, mut at) = (p, layout.offset() as i64);
        for (&d, &stride) in own.iter().zip(strides).rev() {
            if d > 0 {
                at += (rest % d) as i64 * stride;
                rest /= d;
            }
        }
        at as usize
    };
    let storage = with_storage!(&*t.storage, buffer => {
        let values: Vec<_> = from.iter().map(|&p| buffer[offset(p)]).collect();
        Element::into_storage(values)
    });
    Tensor::from_storage(storage, shape)
}

/// An index tensor's elements as integers, refusing other dtypes with `refusal`.
fn index_values(index: &Tensor, refusal: &str) -> Result<Vec<i64>, TensorError> {
    match index.dtype() {
        DType::Int32 | DType::Int64 => Ok(index.scalars().map(|s| s.to_i64()).collect()),
        _ => Err(TensorError::runtime(refusal)),
    }
}

/// The sizes of a tensor as `gather` and `index_select` treat them: a
/// 0-d tensor has one dim of size 1.
fn sizes_of(shape: &Shape) -> Vec<usize> {
    if shape.rank() == 0 { vec![1] } else { shape.dims().to_vec() }
}

/// `t.gather(dim, index)`: for each element of `index`, the position in
/// `t` of the element at the same place but along `dim`, where `index` says.
pub fn gather(t: &Tensor, dim: i64, index: &Tensor) -> Result<Vec<usize>, TensorError> {
    let dim = wrap_dim(dim, t.rank())?;
    let values = index_values(index, "gather(): Expected dtype int32/int64 for index")?;
    let (own, wanted) = (sizes_of(t.shape()), sizes_of(index.shape()));
    if own.len() != wanted.len() {
        return Err(TensorError::runtime(
            "Index tensor must have the same number of dimensions as input tensor",
        ));
    }
    if let Some(k) = (0..own.len()).find(|&k| k != dim && wanted[k] > own[k]) {
        let show = |s: &Shape| format!("{:?}", s.dims());
        return Err(TensorError::runtime(format!(
            "Size does not match at dimension {k} expected index {} to be no larger than self {} apart from dimension {dim}",
            show(index.shape()),
            show(t.shape())
        )));
    }
    let own_shape = Shape::new(own.clone())?;
    let index_shape = Shape::new(wanted)?;
    values
        .iter()
        .enumerate()
        .map(|(flat, &i)| {
            if i < 0 || i as usize >= own[dim] {
                return Err(TensorError::runtime(format!(
                    "index {i} is out of bounds for dimension {dim} with size {}",
                    own[dim]
                )));
            }
            let mut at = index_shape.unravel(flat);
            at[dim] = i as usize;
            Ok(own_shape.ravel(&at))
        })
        .collect()
}

/// `t.index_select(dim, index)`: the output's shape and, for each of its
/// elements, the position in `t` it takes.
pub fn index_select(t: &Tensor, dim: i64, index: &Tensor) -> Result<(Shape, Vec<usize>), TensorError> {
    let dim = wrap_dim(dim, t.rank())?;
    if index.rank() > 1 {
        return Err(TensorError::Other {
            kind: PyExceptionType::IndexError,
            message: "index_select(): Index is supposed to be a vector".to_string(),
        });
    }
    if t.rank() == 0 && index.numel() != 1 {
        return Err(TensorError::runtime(format!(
            "index_select(): Index to scalar can have only 1 value, got {} value(s)",
            index.numel()
        )));
    }
    let values = index_values(index, "index_select(): Expected dtype int32 or int64 for index")?;
    let own = sizes_of(t.shape());
    if own[dim] == 0 && !values.is_empty() {
        return Err(TensorError::runtime("index_select(): self indexing axis dim should be positive"));
    }
    if let Some(&bad) = values.iter().find(|&&i| i < 0 || i as usize >= own[dim]) {
        // An empty tensor is indexed by another kernel, with other words.
        return Err(match t.numel() {
            0 => TensorError::runtime(format!(
                "INDICES element is out of DATA bounds, id={bad} axis_dim={}",
                own[dim]
            )),
            _ => TensorError::Other {
                kind: PyExceptionType::IndexError,
                message: "index out of range in self".to_string(),
            },
        });
    }
    let own_shape = Shape::new(own)?;
    let mut dims = t.shape().dims().to_vec();
    if let Some(d) = dims.get_mut(dim) {
        *d = values.len();
    }
    let shape = Shape::new(dims)?;
    let out = Shape::new(sizes_of(&shape))?;
    let from = (0..shape.numel())
        .map(|flat| {
            let mut at = out.unravel(flat);
            at[dim] = values[at[dim]] as usize;
            own_shape.ravel(&at)
        })
        .collect();
    Ok((shape, from))
}

/// The row-major positions of `t`'s nonzero elements (NaN is nonzero).
pub fn nonzero(t: &Tensor) -> Vec<usize> {
    t.scalars().enumerate().filter(|(_, s)| s.is_nonzero()).map(|(p, _)| p).collect()
}

/// `t.flip(dims)`: for each output element, the position it comes from.
pub fn flip(t: &Tensor, dims: &[i64]) -> Result<Vec<usize>, TensorError> {
    let mut flipped = vec![false; t.rank()];
    for &d in dims {
        let k = wrap_dim(d, t.rank())?;
        if t.rank() == 0 {
            continue;
        }
        if std::mem::replace(&mut flipped[k], true) {
            return Err(TensorError::RepeatedDim { dim: k });
        }
    }
    let shape = t.shape();
    let mut from = Vec::with_capacity(t.numel());
    shape.each_index(|_, index| {
        let at = index
            .iter()
            .zip(shape.dims())
            .zip(&flipped)
            .fold(0, |acc, ((&i, &d), &f)| acc * d + if f { d - 1 - i } else { i });
        from.push(at);
    });
    Ok(from)
}

/// `t.roll(shifts, dims)`: for each output element, the position it comes
/// from; without dims, the flattened tensor rolls.
pub fn roll(t: &Tensor, shifts: &[i64], dims: &[i64]) -> Result<Vec<usize>, TensorError> {
    let n = t.numel();
    if dims.is_empty() {
        if shifts.len() != 1 {
            return Err(misaligned(shifts, dims));
        }
        let shift = if n == 0 { 0 } else { shifts[0].rem_euclid(n as i64) as usize };
        return Ok((0..n).map(|p| (p + n - shift) % n.max(1)).collect());
    }
    if shifts.len() != dims.len() {
        return Err(misaligned(shifts, dims));
    }
    if t.rank() == 0 {
        return Err(TensorError::Other {
            kind: PyExceptionType::IndexError,
            message: format!("Dimension specified as {} but tensor has no dimensions", dims[0]),
        });
    }
    let mut by = vec![0usize; t.rank()];
    for (&s, &d) in shifts.iter().zip(dims) {
        let k = wrap_dim(d, t.rank())?;
        let size = t.shape().dims()[k];
        if size > 0 {
            // A dim named twice rolls twice.
            by[k] = (by[k] + s.rem_euclid(size as i64) as usize) % size;
        }
    }
    let shape = t.shape();
    let mut from = Vec::with_capacity(n);
    shape.each_index(|_, index| {
        let at =
            index.iter().zip(shape.dims()).zip(&by).fold(0, |acc, ((&i, &d), &b)| acc * d + (i + d - b) % d);
        from.push(at);
    });
    Ok(from)
}

fn misaligned(shifts: &[i64], dims: &[i64]) -> TensorError {
    TensorError::runtime(format!(
        "shifts and dimensions must align. shifts: {}, dims:{}",
        shifts.len(),
        dims.len()
    ))
}

/// A tensor of int64 positions, for `nonzero`'s results.
pub fn positions(values: Vec<i64>, shape: Shape) -> Tensor {
    Tensor::from_storage(Storage::Int64(values), shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t34() -> Tensor {
        Tensor::from_vec((0..12).map(|x| x as f32).collect(), Shape::new(vec![3, 4]).unwrap())
    }

    fn long(values: &[i64], dims: &[usize]) -> Tensor {
        Tensor::from_vec(values.to_vec(), Shape::new(dims.to_vec()).unwrap())
    }

    #[test]
    fn gather_reads_along_its_dim_where_the_index_says() {
        let from = gather(&t34(), 1, &long(&[1, 0, 2, 3, 0, 0], &[3, 2])).unwrap();
        assert_eq!(from, [1, 0, 6, 7, 8, 8]);
        let err = gather(&t34(), 0, &long(&[1, 7, 9], &[1, 3])).unwrap_err();
        assert_eq!(err.to_string(), "index 7 is out of bounds for dimension 0 with size 3");
    }

    #[test]
    fn index_select_keeps_the_other_dims() {
        let (shape, from) = index_select(&t34(), 1, &long(&[0, 2], &[2])).unwrap();
        assert_eq!(shape.dims(), [3, 2]);
        assert_eq!(from, [0, 2, 4, 6, 8, 10]);
    }

    #[test]
    fn flips_and_rolls_move_elements() {
        assert_eq!(flip(&t34(), &[0]).unwrap()[..4], [8, 9, 10, 11]);
        assert_eq!(roll(&t34(), &[1], &[]).unwrap()[..3], [11, 0, 1]);
        assert_eq!(roll(&t34(), &[-1], &[1]).unwrap()[..4], [1, 2, 3, 0]);
        assert_eq!(
            roll(&t34(), &[1, 2], &[0]).unwrap_err().to_string(),
            "shifts and dimensions must align. shifts: 2, dims:1"
        );
    }
}
