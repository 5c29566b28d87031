//! Ordering the elements of each lane along a dim: `sort`, `topk`,
//! `cummax`/`cummin`, and the order statistics `median` and `kthvalue`,
//! with equal elements and NaN ranked exactly as PyTorch's CPU kernels rank
//! them.
//!
//! Every kernel answers, for each output element, the position in its lane
//! of the element it picked: the values are those elements, the indices
//! are those positions, and lineage names the same element as the winner.

use super::error::TensorError;
use super::introsort;
use super::lanes::Lanes;
use super::layout::Layout;
use super::shape::{Shape, wrap_dim};
use super::storage::{Element, with_storage};
use super::{DType, Tensor};

/// What ordering a tensor's lanes gave.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// The picked elements.
    pub values: Tensor,
    /// For each output element (row-major), the position in its lane of
    /// the element picked.
    pub picked: Vec<usize>,
    /// The lanes along the dim (which they keep).
    pub lanes: Lanes,
}

impl Ranked {
    /// The positions as an int64 tensor laid out as the values are (`indices`).
    pub fn indices(&self) -> Tensor {
        let positions = Tensor::indices(&self.picked, self.values.shape().clone());
        match self.values.layout().is_contiguous() {
            true => positions,
            false => positions.laid_out(self.values.layout().strides().to_vec()),
        }
    }
}

/// PyTorch's order for a sort: NaN is larger than every number.
fn ascending<T: Element>(a: &T, b: &T) -> bool {
    (!a.is_nan() && b.is_nan()) || a < b
}

/// The reverse order, NaN first.
fn descending<T: Element>(a: &T, b: &T) -> bool {
    (a.is_nan() && !b.is_nan()) || a > b
}

/// PyTorch's CPU sort takes a radix sort (stable) for long 1-d integer
/// tensors in increasing order: at least `at::internal::GRAIN_SIZE` elements.
const RADIX_SORT_FROM: usize = 32768;

/// `t.sort(dim, descending, stable)`.
pub fn sort(t: &Tensor, dim: i64, descending_order: bool, stable: bool) -> Result<Ranked, TensorError> {
    let dim = wrap_dim(dim, t.rank())?;
    let radix = t.rank() == 1
        && !descending_order
        && matches!(t.dtype(), DType::Int32 | DType::Int64)
        && t.numel() >= RADIX_SORT_FROM;
    let stable = stable || radix;
    let ranked = with_storage!(&*t.storage, buffer => {
        per_lane(buffer, t, dim, t.shape().clone(), |lane, out| {
            let mut pairs: Vec<_> = lane.iter().copied().zip(0..).collect();
            let less = |a: &(_, usize), b: &(_, usize)| match descending_order {
                true => descending(&a.0, &b.0),
                false => ascending(&a.0, &b.0),
            };
            if stable {
                // `std::stable_sort`: equal elements keep their order.
                pairs.sort_by(|a, b| match (less(a, b), less(b, a)) {
                    (true, _) => std::cmp::Ordering::Less,
                    (_, true) => std::cmp::Ordering::Greater,
                    _ => std::cmp::Ordering::Equal,
                });
            } else {
                introsort::sort(&mut pairs, &less);
            }
            out.extend(pairs.iter().map(|p| p.1));
        })
    })?;
    // PyTorch sorts a copy of the input, laid out in memory as it is.
    let values = ranked.values.in_memory_order_of(&[t]);
    Ok(Ranked { values, ..ranked })
}

/// `t.topk(k, dim, largest, sorted)`.
pub fn topk(t: &Tensor, k: i64, dim: i64, largest: bool, sorted: bool) -> Result<Ranked, TensorError> {
    let dim = wrap_dim(dim, t.rank())?;
    let size = t.shape().dims().get(dim).copied().unwrap_or(1);
    if k < 0 || k as usize > size {
        return Err(TensorError::runtime("selected index k out of range"));
    }
    if t.dtype() == DType::Bool {
        return Err(TensorError::Other {
            kind: super::error::PyExceptionType::NotImplementedError,
            message: "topk does not support bool dtypes on CPU".to_string(),
        });
    }
    let k = k as usize;
    let mut dims = t.shape().dims().to_vec();
    if let Some(d) = dims.get_mut(dim) {
        *d = k;
    }
    let shape = Shape::new(dims)?;
    with_storage!(&*t.storage, buffer => {
        per_lane(buffer, t, dim, shape, |lane, out| {
            // A 0-d tensor's one element is its top 1, even for k = 0.
            let k = if t.rank() == 0 { 1 } else { k };
            if k == 0 {
                return;
            }
            let mut pairs: Vec<_> = lane.iter().copied().zip(0..).collect();
            let less = |a: &(_, usize), b: &(_, usize)| match largest {
                true => descending(&a.0, &b.0),
                false => ascending(&a.0, &b.0),
            };
            // ATen's `topk_impl_loop`: a partial sort when k is small
            // against the lane, else an nth_element and a sort of the
            // elements before the k-th.
            if k * 64 <= pairs.len() {
                introsort::partial_sort(&mut pairs, k, &less);
            } else {
                introsort::nth_element(&mut pairs, k - 1, &less);
                if sorted {
                    introsort::sort(&mut pairs[..k - 1], &less);
                }
            }
            out.extend(pairs[..k].iter().map(|p| p.1));
        })
    })
}

/// `t.cummax(dim)` (`largest`) or `t.cummin(dim)`: the extreme so far, a
/// later equal element or any NaN taking over, as ATen's
/// `cummax_cummin_helper` does.
pub fn cumulative_extreme(t: &Tensor, dim: i64, largest: bool) -> Result<Ranked, TensorError> {
    if t.rank() == 0 && !matches!(dim, 0 | -1) {
        let name = if largest { "cummax" } else { "cummin" };
        return Err(TensorError::Other {
            kind: super::error::PyExceptionType::IndexError,
            message: format!("{name}(): Expected reduction dim -1 or 0 for scalar but got {dim}"),
        });
    }
    let dim = wrap_dim(dim, t.rank())?;
    with_storage!(&*t.storage, buffer => {
        per_lane(buffer, t, dim, t.shape().clone(), |lane, out| {
            let mut best = 0;
            for (i, x) in lane.iter().enumerate() {
                let takes_over = if largest { x >= &lane[best] } else { x <= &lane[best] };
                if x.is_nan() || (!lane[best].is_nan() && takes_over) {
                    best = i;
                }
                out.push(best);
            }
        })
    })
}

/// The median of a lane and its position: NaN (the first one) if there is
/// one, else the element of rank `(n - 1) / 2` when equal elements are
/// ranked by position, as ATen's `median_with_indices_impl` picks it.
/// `None` for an empty lane.
pub fn median<T: Element>(lane: &[T]) -> Option<(T, usize)> {
    if let Some(at) = lane.iter().position(|x| x.is_nan()) {
        return Some((lane[at], at));
    }
    let mut order: Vec<usize> = (0..lane.len()).collect();
    let k = lane.len().checked_sub(1)? / 2;
    let less = |&a: &usize, &b: &usize| lane[a] < lane[b] || (lane[a] == lane[b] && a < b);
    introsort::nth_element(&mut order, k, &less);
    Some((lane[order[k]], order[k]))
}

/// The `k`-th smallest element of a lane (counting from 0) and its
/// position, found by ATen's `quick_select_template` (which decides which
/// of equal elements it is); NaN counts as the largest.
pub fn kth_smallest<T: Element>(lane: &[T], k: usize) -> (T, usize) {
    let mut values = lane.to_vec();
    let mut positions: Vec<usize> = (0..lane.len()).collect();
    let greater = |x: T, y: T| (x.is_nan() && !y.is_nan()) || x > y;
    // Signed, as in ATen: the right end may step below the left one.
    let mut swap = |values: &mut Vec<T>, i: isize, j: isize| {
        values.swap(i as usize, j as usize);
        positions.swap(i as usize, j as usize);
    };
    let at = |values: &[T], i: isize| values[i as usize];
    let target = k as isize;
    let (mut left, mut right) = (0isize, lane.len() as isize - 1);
    loop {
        if right <= left {
            break;
        }
        if right == left + 1 {
            if greater(at(&values, left), at(&values, right)) {
                swap(&mut values, left, right);
            }
            break;
        }
        // The median of three as pivot, at `left`.
        let mid = left + (right - left) / 2;
        swap(&mut values, mid, left + 1);
        if greater(at(&values, left + 1), at(&values, right)) {
            swap(&mut values, left + 1, right);
        }
        if greater(at(&values, left), at(&values, right)) {
            swap(&mut values, left, right);
        }
        if greater(at(&values, left + 1), at(&values, left)) {
            swap(&mut values, left + 1, left);
        }
        let (mut i, mut j) = (left + 1, right);
        let pivot = at(&values, left);
        loop {
            i += 1;
            while greater(pivot, at(&values, i)) {
                i += 1;
            }
            j -= 1;
            while greater(at(&values, j), pivot) {
                j -= 1;
            }
            if j < i {
                break;
            }
            swap(&mut values, i, j);
        }
        swap(&mut values, left, j);
        if j <= target {
            left = i;
        }
        if j >= target {
            right = j - 1;
        }
    }
    (values[k], positions[k])
}

/// Runs `kernel` on each lane along `dim` of `t` (read in index order);
/// the kernel pushes, for each element of the output lane in order, the
/// position in the input lane it takes. The output has `shape` (the
/// input's, but for the dim's size).
fn per_lane<T: Element>(
    buffer: &[T],
    t: &Tensor,
    dim: usize,
    shape: Shape,
    mut kernel: impl FnMut(&[T], &mut Vec<usize>),
) -> Result<Ranked, TensorError> {
    let lanes = Lanes::new(t.shape(), Some(&[dim as i64]), true)?;
    let out_lanes = Lanes::new(&shape, Some(&[dim as i64]), true)?;
    let (outer, lane) = lanes.split(t.layout());
    let (out_outer, out_lane) = out_lanes.split(&Layout::contiguous(shape.clone()));
    let mut values = vec![T::default(); shape.numel()];
    let mut picked = vec![0; shape.numel()];
    let (mut scratch, mut taken) = (Vec::new(), Vec::new());
    for (start, out_start) in outer.offsets().zip(out_outer.offsets()) {
        scratch.clear();
        scratch.extend(lane.offsets().map(|at| buffer[start + at]));
        taken.clear();
        kernel(&scratch, &mut taken);
        for (at, &p) in out_lane.offsets().zip(&taken) {
            values[out_start + at] = scratch[p];
            picked[out_start + at] = p;
        }
    }
    Ok(Ranked { values: Tensor::from_vec(values, shape), picked, lanes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(values: &[f32]) -> Tensor {
        Tensor::from_vec(values.to_vec(), Shape::new(vec![values.len()]).unwrap())
    }

    #[test]
    fn nan_sorts_last_going_up_and_first_going_down() {
        let t = row(&[1., f32::NAN, 0., f32::NAN, -1.]);
        assert_eq!(sort(&t, 0, false, false).unwrap().picked, [4, 2, 0, 1, 3]);
        assert_eq!(sort(&t, 0, true, false).unwrap().picked, [1, 3, 0, 2, 4]);
    }

    #[test]
    fn topk_of_equal_elements_takes_them_in_libstdcxx_order() {
        let t = row(&[3., 1., 2., 1.]);
        assert_eq!(topk(&t, 4, -1, true, true).unwrap().picked, [0, 2, 3, 1]);
        assert_eq!(topk(&t, 5, -1, true, true).unwrap_err().to_string(), "selected index k out of range");
    }

    #[test]
    fn a_later_equal_element_takes_over_a_running_maximum() {
        let t = row(&[1., 1., 0., 1.]);
        assert_eq!(cumulative_extreme(&t, 0, true).unwrap().picked, [0, 1, 1, 3]);
        let t = row(&[1., f32::NAN, 0., f32::NAN, -1.]);
        assert_eq!(cumulative_extreme(&t, 0, false).unwrap().picked, [0, 1, 1, 3, 3]);
    }

    #[test]
    fn order_statistics_pick_as_pytorch_does() {
        assert_eq!(median(&[2.0f32; 5]), Some((2.0, 2)));
        assert_eq!(median(&[1.0f32, 2., 2., 2., 2., 2., 2.]), Some((2.0, 3)));
        assert_eq!(median::<f32>(&[]), None);
        // `torch.full((6,), 2.).kthvalue(1)` picks position 4, `kthvalue(3)` position 0.
        assert_eq!(kth_smallest(&[2.0f32; 6], 0), (2.0, 4));
        assert_eq!(kth_smallest(&[2.0f32; 6], 2), (2.0, 0));
    }
}
