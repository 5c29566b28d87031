//! Floating sums added in the order PyTorch's CPU kernel adds them, so that
//! `t.sum()` and `t.mean()` agree with PyTorch in every bit, which
//! `.item()` and `.tolist()` show.
//!
//! PyTorch (ATen's `cascade_sum`) walks the reduction in 2-D blocks laid
//! out as its TensorIterator lays them out (`iteration::Plan`, from where
//! the elements lie in memory). Inside a block, the strides choose how each
//! reduced line is summed: a contiguous line in whole SIMD vectors added
//! lane by lane at the end, contiguous columns a group of vectors at a time,
//! other lines with four interleaved partial sums, and every running sum in
//! chunks of 16 or more summed apart and then together ("cascade"), so that
//! long sums stay accurate.
//!
//! The vector width is the one of x86 CPUs with AVX2 (8 float32, 4 float64),
//! on which the golden files were made; on a CPU with other vectors PyTorch
//! itself adds in another order (docs/decisions.md).

use super::iteration::{Block, Plan};
use super::layout::Layout;
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

/// The sums of the elements `layout` picks from `buffer` over the dims
/// marked in `reduced`, in row-major order of the kept dims.
pub fn sums<T: Summand>(buffer: &[T], layout: &Layout, reduced: &[bool]) -> Vec<T> {
    let plan = Plan::new(layout, reduced);
    let mut out = vec![T::default(); plan.out_len()];
    for block in plan.blocks() {
        add_block(buffer, &block, &mut out);
    }
    out
}

/// PyTorch's `cascade_sum` loop for one block: adds the block's sums into `out`.
fn add_block<T: Summand>(buffer: &[T], block: &Block, out: &mut [T]) {
    let mut block = *block;
    // The reduced dim goes first.
    if block.first.out_stride != 0 && block.second.out_stride == 0 {
        std::mem::swap(&mut block.first, &mut block.second);
    }
    let (a, b) = (block.first, block.second);
    if a.out_stride != 0 {
        // Nothing reduced in this block: each element as it is.
        for j in 0..b.size {
            for i in 0..a.size {
                let at = block.output_at(i, j);
                out[at] = out[at] + buffer[block.input_at(i, j)];
            }
        }
        return;
    }
    // Each column `j` of the block reduces one line along `a`, in an
    // order the strides choose.
    let sum: &dyn Fn(usize, &[T]) -> T = if a.stride == 1 && a.size >= T::WIDTH {
        // Contiguous lines, in whole vectors.
        &|_, line| inner_sum(line)
    } else if b.stride == 1 && b.size >= T::WIDTH {
        // Contiguous columns, groups of four vectors side by side.
        &|j, line| column_order(j, b.size, 4 * T::WIDTH).sum(line)
    } else if a.stride < b.stride {
        &|_, line| interleaved(line)
    } else {
        // Groups of four columns side by side.
        &|j, line| column_order(j, b.size, 4).sum(line)
    };
    let mut line = Vec::with_capacity(a.size);
    for j in 0..b.size {
        block.read_line(buffer, j, &mut line);
        let at = block.output_at(0, j);
        out[at] = out[at] + sum(j, &line);
    }
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

/// The order of column `j` of `columns` summed side by side in groups of
/// `group`: the whole groups in cascade, the columns after them (whole
/// vectors and single columns alike) interleaved.
fn column_order(j: usize, columns: usize, group: usize) -> Order {
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
