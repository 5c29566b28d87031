//! Where each element of a tensor lives in its storage: shape, strides, offset.
//!
//! Views (indexing, slicing, `None`, broadcasting) only make a new `Layout`
//! over the same storage. The same functions also map an element of a view
//! back to the element of the tensor it views, which is how lineage is
//! computed from the very arithmetic that produced the values.

use super::shape::Shape;

/// A strided view of a flat buffer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Layout {
    shape: Shape,
    /// In 64 bits on every target: an empty tensor's strides may pass 2**32.
    strides: Vec<i64>,
    offset: usize,
}

impl Layout {
    /// The row-major layout of a fresh tensor.
    pub fn contiguous(shape: Shape) -> Layout {
        let strides = shape.contiguous_strides();
        Layout { shape, strides, offset: 0 }
    }

    /// The sizes of this view.
    pub fn shape(&self) -> &Shape {
        &self.shape
    }

    /// How far one step along each dim moves in the buffer.
    pub fn strides(&self) -> &[i64] {
        &self.strides
    }

    /// The buffer position of the first element.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Whether the elements are exactly the buffer, in row-major order.
    pub fn is_contiguous(&self) -> bool {
        self.offset == 0 && self.strides == self.shape.contiguous_strides()
    }

    /// PyTorch's `is_contiguous()`: one step along each dim is the size of
    /// the dims after it (dims of size 1 and the starting offset do not
    /// matter; nothing is always contiguous).
    pub fn is_row_major(&self) -> bool {
        let mut expected = 1i64;
        for (&size, &stride) in self.shape.dims().iter().zip(&self.strides).rev() {
            if size == 0 {
                return true;
            }
            if size != 1 && stride != expected {
                return false;
            }
            expected = expected.saturating_mul(size as i64);
        }
        true
    }

    /// The same elements with the dims reordered so that strides never
    /// grow (ties keep their order): walking it row-major walks memory forwards.
    pub fn by_decreasing_stride(&self) -> Layout {
        let mut perm: Vec<usize> = Vec::with_capacity(self.strides.len());
        for k in 0..self.strides.len() {
            let at = perm.iter().position(|&p| self.strides[p] < self.strides[k]).unwrap_or(perm.len());
            perm.insert(at, k);
        }
        self.permute(&perm)
    }

    /// The view with its dims in the order `perm` names them (`t.permute`).
    pub fn permute(&self, perm: &[usize]) -> Layout {
        let dims = self.shape.dims();
        Layout {
            shape: Shape::derived(perm.iter().map(|&d| dims[d]).collect()),
            strides: perm.iter().map(|&d| self.strides[d]).collect(),
            offset: self.offset,
        }
    }

    /// The buffer position of the element at `index`.
    pub fn offset_of(&self, index: &[usize]) -> usize {
        let mut at = self.offset as i64;
        for (&i, &s) in index.iter().zip(&self.strides) {
            at += i as i64 * s;
        }
        at as usize
    }

    /// The buffer positions of all elements, in row-major order.
    pub fn offsets(&self) -> Offsets<'_> {
        Offsets::new(self)
    }

    /// Every index whose buffer position is `at`: none, one, or several
    /// when dims are broadcast (stride 0).
    ///
    /// The layouts lineage builds come from a contiguous buffer through
    /// selecting, slicing, new axes and broadcasting, so their non-zero
    /// strides never overlap and a greedy division from the largest stride
    /// finds the one index along them.
    pub fn positions_at(&self, at: usize) -> Vec<Vec<usize>> {
        let dims = self.shape.dims();
        let Some(mut rest) = at.checked_sub(self.offset) else { return Vec::new() };
        let mut index = vec![0; dims.len()];
        let mut left: Vec<usize> = (0..dims.len()).filter(|&k| self.strides[k] != 0 && dims[k] > 1).collect();
        // Largest stride first, ties in dim order. Picking the largest each
        // time, rather than sorting, spares the wasm a copy of the sorting
        // code for a list as short as the rank.
        while let Some(at) = (0..left.len()).min_by_key(|&i| std::cmp::Reverse(self.strides[left[i]])) {
            let k = left.remove(at);
            // A non-zero stride of a dim with elements is at most the buffer's length.
            let step = self.strides[k] as usize;
            let i = rest / step;
            if i >= dims[k] {
                return Vec::new();
            }
            index[k] = i;
            rest -= i * step;
        }
        if rest != 0 {
            return Vec::new();
        }
        // Broadcast dims take every value.
        let mut found = vec![index];
        for k in (0..dims.len()).filter(|&k| self.strides[k] == 0 && dims[k] > 1) {
            found = found
                .into_iter()
                .flat_map(|base| {
                    (0..dims[k]).map(move |i| {
                        let mut v = base.clone();
                        v[k] = i;
                        v
                    })
                })
                .collect();
        }
        found
    }

    /// `t[..., i, ...]` at `dim`: drops the dim. `i` must be in range.
    pub fn select(&self, dim: usize, i: usize) -> Layout {
        let mut out = self.clone();
        out.offset = (self.offset as i64 + i as i64 * self.strides[dim]) as usize;
        out.strides.remove(dim);
        let mut dims = self.shape.dims().to_vec();
        dims.remove(dim);
        out.shape = Shape::derived(dims);
        out
    }

    /// `t[..., start::step, ...]` at `dim`, keeping `len` elements.
    pub fn slice(&self, dim: usize, start: usize, len: usize, step: usize) -> Layout {
        let mut out = self.clone();
        if len > 0 {
            out.offset = (self.offset as i64 + start as i64 * self.strides[dim]) as usize;
        }
        // The step is at most the dim's size (`slice_range`), so this stays
        // within the buffer's reach; saturating keeps an empty one in range.
        out.strides[dim] = out.strides[dim].saturating_mul(step as i64);
        let mut dims = self.shape.dims().to_vec();
        dims[dim] = len;
        out.shape = Shape::derived(dims);
        out
    }

    /// The same view with buffer positions counted from `base`.
    pub fn relative_to(&self, base: usize) -> Layout {
        Layout { offset: self.offset - base, ..self.clone() }
    }

    /// The same buffer positions seen with another shape and strides.
    pub fn restrided(&self, shape: Shape, strides: Vec<i64>) -> Layout {
        Layout { shape, strides, offset: self.offset }
    }

    /// `t[..., None, ...]`: a new dim of size 1 before `dim`. The caller
    /// has checked that the view stays within `MAX_DIMS` dims.
    pub fn unsqueeze(&self, dim: usize) -> Layout {
        let mut out = self.clone();
        out.strides.insert(dim, 0);
        let mut dims = self.shape.dims().to_vec();
        dims.insert(dim, 1);
        out.shape = Shape::derived(dims);
        out
    }

    /// The view of this tensor broadcast to `shape` (which it must broadcast to):
    /// new leading dims and stretched size-1 dims get stride 0.
    pub fn broadcast_to(&self, shape: &Shape) -> Layout {
        let extra = shape.rank() - self.shape.rank();
        let mut strides = vec![0i64; shape.rank()];
        for (k, s) in strides.iter_mut().enumerate().skip(extra) {
            let own = k - extra;
            if self.shape.dims()[own] == shape.dims()[k] {
                *s = self.strides[own];
            }
        }
        Layout { shape: shape.clone(), strides, offset: self.offset }
    }
}

/// Row-major iterator over the buffer positions of a layout.
pub struct Offsets<'a> {
    layout: &'a Layout,
    index: Vec<usize>,
    next: Option<i64>,
}

impl<'a> Offsets<'a> {
    fn new(layout: &'a Layout) -> Offsets<'a> {
        let empty = layout.shape.numel() == 0;
        Offsets {
            layout,
            index: vec![0; layout.shape.rank()],
            next: if empty { None } else { Some(layout.offset as i64) },
        }
    }
}

impl Iterator for Offsets<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let current = self.next?;
        // Odometer step: bump the last dim, carrying leftwards.
        let dims = self.layout.shape.dims();
        let mut at = current;
        let mut k = dims.len();
        loop {
            if k == 0 {
                self.next = None;
                break;
            }
            k -= 1;
            self.index[k] += 1;
            at += self.layout.strides[k];
            if self.index[k] < dims[k] {
                self.next = Some(at);
                break;
            }
            at -= self.layout.strides[k] * dims[k] as i64;
            self.index[k] = 0;
        }
        Some(current as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(d: &[usize]) -> Shape {
        Shape::new(d.to_vec()).unwrap()
    }

    #[test]
    fn contiguous_offsets_count_up() {
        let l = Layout::contiguous(shape(&[2, 3]));
        assert_eq!(l.offsets().collect::<Vec<_>>(), vec![0, 1, 2, 3, 4, 5]);
        let scalar = Layout::contiguous(Shape::scalar());
        assert_eq!(scalar.offsets().collect::<Vec<_>>(), vec![0]);
        let empty = Layout::contiguous(shape(&[3, 0]));
        assert_eq!(empty.offsets().count(), 0);
    }

    #[test]
    fn column_select_walks_down_the_rows() {
        let l = Layout::contiguous(shape(&[3, 4]));
        let column = l.select(1, 2);
        assert_eq!(column.offsets().collect::<Vec<_>>(), vec![2, 6, 10]);
    }

    #[test]
    fn stepped_slices_skip() {
        let l = Layout::contiguous(shape(&[10]));
        let s = l.slice(0, 1, 3, 3);
        assert_eq!(s.offsets().collect::<Vec<_>>(), vec![1, 4, 7]);
    }

    #[test]
    fn positions_invert_offsets() {
        let base = Layout::contiguous(shape(&[4, 6]));
        let views = [
            base.clone(),
            base.slice(1, 1, 3, 2),
            base.select(0, 2),
            base.slice(0, 1, 2, 2).unsqueeze(1),
            base.select(1, 3).unsqueeze(0).broadcast_to(&shape(&[3, 4])),
        ];
        for view in views {
            for at in 0..24 {
                let mut expected: Vec<Vec<usize>> = Vec::new();
                let s = view.shape().clone();
                for flat in 0..s.numel() {
                    let index = s.unravel(flat);
                    if view.offset_of(&index) == at {
                        expected.push(index);
                    }
                }
                let mut got = view.positions_at(at);
                got.sort();
                assert_eq!(got, expected, "view {view:?} at {at}");
            }
        }
    }

    #[test]
    fn broadcasting_repeats_without_copying() {
        let row = Layout::contiguous(shape(&[3]));
        let b = row.broadcast_to(&shape(&[2, 3]));
        assert_eq!(b.offsets().collect::<Vec<_>>(), vec![0, 1, 2, 0, 1, 2]);
        let col = Layout::contiguous(shape(&[2, 1]));
        let b = col.broadcast_to(&shape(&[2, 3]));
        assert_eq!(b.offsets().collect::<Vec<_>>(), vec![0, 0, 0, 1, 1, 1]);
    }
}
