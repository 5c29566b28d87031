//! How PyTorch's TensorIterator lays out a reduction on the CPU, which
//! decides the order its kernels combine elements in (and so the last bits
//! of a floating sum or product).
//!
//! The layout comes from where the elements lie in memory (a slice such as
//! `t[:, ::2]` is read where it lies, not copied first): dims of size 1
//! dropped, the reduced dims innermost, by increasing stride, then the kept
//! dims innermost first, and neighbours merged where one step over the first
//! is exactly the second in memory. The kernels then run over 2-D blocks of
//! the first two dims, one block for every combination of the others.

use super::layout::Layout;
use super::shape::numel_of;

/// One dim as TensorIterator sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dim {
    pub size: usize,
    /// Buffer elements between neighbours in the input.
    pub stride: usize,
    /// Elements between neighbours in the output (row-major over the kept
    /// dims; 0 for a reduced dim).
    pub out_stride: usize,
}

/// One 2-D block of a reduction: where it starts in the input buffer and in
/// the output, and its two dims (a missing dim is one step long).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Block {
    pub input: usize,
    pub output: usize,
    pub first: Dim,
    pub second: Dim,
}

impl Block {
    /// The buffer position of the block's element `i` along `first`, `j` along `second`.
    pub fn input_at(&self, i: usize, j: usize) -> usize {
        self.input + i * self.first.stride + j * self.second.stride
    }

    /// The result position that element `i`, `j` goes into.
    pub fn output_at(&self, i: usize, j: usize) -> usize {
        self.output + i * self.first.out_stride + j * self.second.out_stride
    }

    /// Column `j`: the elements along `first` at `j` along `second`, in
    /// order, written into `line`.
    pub fn read_line<T: Copy>(&self, buffer: &[T], j: usize, line: &mut Vec<T>) {
        line.clear();
        line.extend((0..self.first.size).map(|i| buffer[self.input_at(i, j)]));
    }
}

/// A reduction of a view over some of its dims, laid out in TensorIterator's order.
#[derive(Debug, Clone)]
pub struct Plan {
    dims: Vec<Dim>,
    offset: usize,
    out_len: usize,
    empty: bool,
}

impl Plan {
    /// The plan for reducing the view `layout` over the dims marked in `reduced`.
    pub fn new(layout: &Layout, reduced: &[bool]) -> Plan {
        let shape = layout.shape().dims();
        // The kept sizes are the result's, which `Lanes` checked against MAX_ELEMENTS.
        let kept: Vec<usize> = shape.iter().zip(reduced).filter(|(_, r)| !**r).map(|(&s, _)| s).collect();
        let out_len = numel_of(&kept);
        let empty = layout.shape().numel() == 0;
        Plan {
            // An empty input is never walked, and its sizes (2**24 x 2**24 x 0)
            // and strides may not even fit a 32-bit usize: it gets no dims.
            dims: if empty { Vec::new() } else { iterator_dims(shape, layout.strides(), reduced) },
            offset: layout.offset(),
            out_len,
            empty,
        }
    }

    /// Whether exactly one dim is reduced and it lies contiguous in memory,
    /// innermost (PyTorch's `is_reduce_lastdim`, which some kernels
    /// vectorise).
    pub fn reduces_one_contiguous_dim(&self) -> bool {
        let reduced = self.dims.iter().filter(|d| d.out_stride == 0).count();
        reduced == 1 && self.dims[0].out_stride == 0 && self.dims[0].stride == 1
    }

    /// How many results the reduction has.
    pub fn out_len(&self) -> usize {
        self.out_len
    }

    /// The blocks, in the order PyTorch visits them (the third dim
    /// fastest); none for an empty tensor.
    pub fn blocks(&self) -> impl Iterator<Item = Block> + '_ {
        let step = Dim { size: 1, stride: 0, out_stride: 0 };
        let first = self.dims.first().copied().unwrap_or(step);
        let second = self.dims.get(1).copied().unwrap_or(step);
        let outer = &self.dims[self.dims.len().min(2)..];
        let count: usize = if self.empty { 0 } else { outer.iter().map(|d| d.size).product() };
        (0..count).map(move |b| {
            let (mut input, mut output, mut rest) = (self.offset, 0, b);
            for d in outer {
                input += rest % d.size * d.stride;
                output += rest % d.size * d.out_stride;
                rest /= d.size;
            }
            Block { input, output, first, second }
        })
    }
}

/// The dims in TensorIterator's order: without dims of size 1, the reduced
/// ones first by increasing stride, then the kept ones innermost first;
/// neighbours merged where both the input and the output step over the
/// first onto the second.
fn iterator_dims(shape: &[usize], strides: &[i64], reduced: &[bool]) -> Vec<Dim> {
    let mut dims: Vec<Dim> = Vec::new();
    let mut kept = Vec::new();
    let mut out_stride = 1;
    for k in (0..shape.len()).rev() {
        // Strides are never negative (Python refuses slices with negative
        // steps), and those of a tensor with elements reach at most its buffer's length.
        let dim = Dim { size: shape[k], stride: strides[k] as usize, out_stride: 0 };
        if reduced[k] {
            if dim.size != 1 {
                // Insertion by stride, as TensorIterator sorts (a view's
                // dims of size over 1 never share a stride).
                let at = dims.iter().position(|d| d.stride > dim.stride).unwrap_or(dims.len());
                dims.insert(at, dim);
            }
        } else {
            if dim.size != 1 {
                kept.push(Dim { out_stride, ..dim });
            }
            out_stride *= dim.size;
        }
    }
    dims.extend(kept);
    let mut merged: Vec<Dim> = Vec::with_capacity(dims.len());
    for d in dims {
        match merged.last_mut() {
            Some(last)
                if last.size * last.stride == d.stride && last.size * last.out_stride == d.out_stride =>
            {
                last.size *= d.size;
            }
            _ => merged.push(d),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::shape::Shape;

    fn plan(dims: &[usize], reduced: &[bool]) -> Plan {
        Plan::new(&Layout::contiguous(Shape::new(dims.to_vec()).unwrap()), reduced)
    }

    #[test]
    fn reduced_dims_come_first_and_contiguous_ones_merge() {
        // [2, 3, 4] over dims 0 and 2: dim 2 (stride 1), then dim 0
        // (stride 12, not mergeable), then the kept dim 1.
        let p = plan(&[2, 3, 4], &[true, false, true]);
        let sizes: Vec<_> = p.dims.iter().map(|d| (d.size, d.stride, d.out_stride)).collect();
        assert_eq!(sizes, vec![(4, 1, 0), (2, 12, 0), (3, 4, 1)]);
        // Over every dim, one dim of 24.
        let p = plan(&[2, 3, 4], &[true, true, true]);
        assert_eq!(p.dims, vec![Dim { size: 24, stride: 1, out_stride: 0 }]);
    }

    #[test]
    fn blocks_walk_the_outer_dims_third_fastest() {
        let p = plan(&[2, 3, 4], &[true, false, true]);
        let starts: Vec<_> = p.blocks().map(|b| (b.input, b.output)).collect();
        assert_eq!(starts, vec![(0, 0), (4, 1), (8, 2)]);
    }

    #[test]
    fn an_empty_tensor_has_no_blocks() {
        assert_eq!(plan(&[2, 0], &[true, false]).blocks().count(), 0);
    }
}
