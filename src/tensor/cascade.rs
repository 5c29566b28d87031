//! Floating sums added in the order PyTorch's CPU kernel adds them, so that
//! `t.sum()` and `t.mean()` agree with PyTorch in every bit, which
//! `.item()` and `.tolist()` show.
//!
//! PyTorch (ATen's `cascade_sum`) lays a reduction out as its
//! TensorIterator does: dims of size 1 dropped, neighbouring dims that are
//! both reduced or both kept merged into one, innermost first. The first two
//! dims form 2-D blocks, whose sums are added into the result block after
//! block. Inside a block, a reduced innermost dim is summed row by row and a
//! reduced outer dim column by column, in one of a few orders chosen by the
//! sizes: four interleaved partial sums, sums of whole SIMD vectors added
//! lane by lane at the end, and chunks of 16 or more summed apart and then
//! together ("cascade"), so that long sums stay accurate.
//!
//! The vector width is the one of x86 CPUs with AVX2 (8 float32, 4 float64),
//! on which the golden files were made; on a CPU with other vectors PyTorch
//! itself adds in another order (docs/decisions.md).

use std::ops::Add;

/// A floating element type, with the number of its elements in one SIMD vector.
pub trait Summand: Copy + Add<Output = Self> + Default {
    /// Elements per vector.
    const WIDTH: usize;
}

impl Summand for f32 {
    const WIDTH: usize = 8;
}

impl Summand for f64 {
    const WIDTH: usize = 4;
}

/// The sums of `values` (a contiguous tensor of `shape`, row-major) over
/// the dims marked in `reduced`, in row-major order of the kept dims.
pub fn sums<T: Summand>(values: &[T], shape: &[usize], reduced: &[bool]) -> Vec<T> {
    let out_len = shape.iter().zip(reduced).filter(|(_, r)| !**r).map(|(s, _)| s).product();
    let mut out = vec![T::default(); out_len];
    if values.is_empty() {
        return out;
    }
    let dims = iterator_dims(shape, reduced);
    let (first, second) = (dims.first().copied(), dims.get(1).copied());
    // Every combination of the dims past the first two, the third fastest:
    // the order in which blocks are added into the result.
    let outer = &dims[dims.len().min(2)..];
    let blocks: usize = outer.iter().map(|d| d.size).product();
    for b in 0..blocks {
        let (mut input, mut output, mut rest) = (0, 0, b);
        for d in outer {
            input += rest % d.size * d.stride;
            output += rest % d.size * d.out_stride;
            rest /= d.size;
        }
        match first {
            // A single element (every dim of size 1).
            None => out[0] = out[0] + values[0],
            // The innermost dim is reduced: one sum per row.
            Some(r) if r.reduced => {
                let (rows, row_stride, out_stride) =
                    second.map_or((1, 0, 0), |k| (k.size, k.stride, k.out_stride));
                let mut row = Vec::with_capacity(r.size);
                for j in 0..rows {
                    row.clear();
                    row.extend((0..r.size).map(|i| values[input + j * row_stride + i]));
                    let at = output + j * out_stride;
                    out[at] = out[at] + inner_sum(&row);
                }
            }
            // An outer dim is reduced: one sum per column of the block.
            Some(k) => {
                let Some(r) = second else {
                    // Nothing reduced in this block: each element as it is.
                    for j in 0..k.size {
                        let at = output + j * k.out_stride;
                        out[at] = out[at] + values[input + j];
                    }
                    continue;
                };
                let mut column = Vec::with_capacity(r.size);
                for j in 0..k.size {
                    column.clear();
                    column.extend((0..r.size).map(|i| values[input + j + i * r.stride]));
                    let at = output + j * k.out_stride;
                    out[at] = out[at] + outer_order::<T>(j, k.size).sum(&column);
                }
            }
        }
    }
    out
}

/// One dim as PyTorch's TensorIterator sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Dim {
    size: usize,
    /// Elements between neighbours in the input.
    stride: usize,
    /// Elements between neighbours in the output (0 for a reduced dim).
    out_stride: usize,
    reduced: bool,
}

/// The dims innermost first, without dims of size 1, neighbours of the same
/// kind merged.
fn iterator_dims(shape: &[usize], reduced: &[bool]) -> Vec<Dim> {
    let mut dims: Vec<Dim> = Vec::new();
    let (mut stride, mut out_stride) = (1, 1);
    for (&size, &r) in shape.iter().zip(reduced).rev() {
        if size != 1 {
            match dims.last_mut() {
                Some(last) if last.reduced == r => last.size *= size,
                _ => dims.push(Dim { size, stride, out_stride: if r { 0 } else { out_stride }, reduced: r }),
            }
        }
        stride *= size;
        if !r {
            out_stride *= size;
        }
    }
    dims
}

/// A reduced innermost row: whole vectors summed lane by lane when the row
/// holds at least one, then the rest and the lanes added to it; else four
/// interleaved partial sums.
fn inner_sum<T: Summand>(row: &[T]) -> T {
    if row.len() < T::WIDTH {
        return interleaved(row);
    }
    let vectors = row.len() / T::WIDTH;
    let mut total = T::default();
    for &x in &row[vectors * T::WIDTH..] {
        total = total + x;
    }
    let mut lane = Vec::with_capacity(vectors);
    for l in 0..T::WIDTH {
        lane.clear();
        lane.extend((0..vectors).map(|v| row[v * T::WIDTH + l]));
        total = total + interleaved(&lane);
    }
    total
}

/// How one column of a reduced outer dim is summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// One running sum, in cascade chunks.
    Cascade,
    /// Four interleaved partial sums.
    Interleaved,
}

impl Order {
    fn sum<T: Summand>(self, column: &[T]) -> T {
        match self {
            Order::Cascade => cascade(column),
            Order::Interleaved => interleaved(column),
        }
    }
}

/// The order of column `j` of `columns` contiguous ones: with at least a
/// vector's worth, groups of four vectors in cascade, then the rest
/// interleaved (whole vectors and single columns alike); with fewer, groups
/// of four columns in cascade, the last few interleaved.
fn outer_order<T: Summand>(j: usize, columns: usize) -> Order {
    let group = if columns >= T::WIDTH { 4 * T::WIDTH } else { 4 };
    if j < columns / group * group { Order::Cascade } else { Order::Interleaved }
}

/// PyTorch's `row_sum`: four partial sums of every fourth element (each in
/// cascade), the elements past the last whole four added to the first, then
/// the partial sums added in order.
fn interleaved<T: Summand>(xs: &[T]) -> T {
    let whole = xs.len() / 4;
    let mut partial = [T::default(); 4];
    let mut column = Vec::with_capacity(whole);
    for (k, p) in partial.iter_mut().enumerate() {
        column.clear();
        column.extend((0..whole).map(|i| xs[4 * i + k]));
        *p = cascade(&column);
    }
    for &x in &xs[4 * whole..] {
        partial[0] = partial[0] + x;
    }
    ((partial[0] + partial[1]) + partial[2]) + partial[3]
}

/// PyTorch's `multi_row_sum` for one row: a running sum that, every
/// 2^level_power elements, is moved up into the next of four levels, each
/// level moving up in turn when its own count rolls over; the levels are
/// added at the end.
fn cascade<T: Summand>(xs: &[T]) -> T {
    const LEVELS: usize = 4;
    let n = xs.len();
    let ceil_log2 = if n <= 1 { 0 } else { (usize::BITS - (n - 1).leading_zeros()) as usize };
    let power = (ceil_log2 / LEVELS).max(4);
    let step = 1 << power;
    let mask = step - 1;
    let mut acc = [T::default(); LEVELS];
    let mut i = 0;
    while i + step <= n {
        for &x in &xs[i..i + step] {
            acc[0] = acc[0] + x;
        }
        i += step;
        for j in 1..LEVELS {
            acc[j] = acc[j] + acc[j - 1];
            acc[j - 1] = T::default();
            if i & (mask << (j * power)) != 0 {
                break;
            }
        }
    }
    for &x in &xs[i..] {
        acc[0] = acc[0] + x;
    }
    for j in 1..LEVELS {
        acc[0] = acc[0] + acc[j];
    }
    acc[0]
}
