//! Floating products multiplied in the order PyTorch's CPU kernel multiplies
//! them, so that `t.prod()` agrees with PyTorch in every bit, which
//! `.item()` and `.tolist()` show.
//!
//! PyTorch (ATen's `binary_kernel_reduce_vec`) walks the reduction in the
//! blocks its TensorIterator lays out (`iteration::Plan`) and multiplies
//! into the result, which starts at 1. A line contiguous in memory is
//! multiplied in four SIMD vectors side by side once it holds at least four
//! vectors' worth: each lane a running product, the four vectors then
//! multiplied pairwise and the lanes in order, the elements past the last
//! whole group one by one. Contiguous columns are multiplied four vectors
//! of columns at a time, each column a running product that finally
//! multiplies the result; everything else one element at a time.

use super::cascade::Summand;
use super::iteration::{Block, Plan};
use super::layout::Layout;
use std::ops::Mul;

/// A floating element type that multiplies in its own precision.
pub trait Factor: Summand + Mul<Output = Self> {
    const ONE: Self;
}

impl Factor for f32 {
    const ONE: f32 = 1.0;
}

impl Factor for f64 {
    const ONE: f64 = 1.0;
}

/// The products of the elements `layout` picks from `buffer` over the dims
/// marked in `reduced`, in row-major order of the kept dims.
pub fn products<T: Factor>(buffer: &[T], layout: &Layout, reduced: &[bool]) -> Vec<T> {
    let plan = Plan::new(layout, reduced);
    let mut out = vec![T::ONE; plan.out_len()];
    for block in plan.blocks() {
        multiply_block(buffer, &block, &mut out);
    }
    out
}

/// PyTorch's loop for one block: multiplies the block's elements into `out`.
fn multiply_block<T: Factor>(buffer: &[T], block: &Block, out: &mut [T]) {
    let (a, b) = (block.first, block.second);
    let read = |i: usize, j: usize| buffer[block.input_at(i, j)];
    let group = 4 * T::WIDTH;
    if a.out_stride == 0 && a.stride == 1 {
        // Contiguous lines.
        let mut line = Vec::with_capacity(a.size);
        for j in 0..b.size {
            block.read_line(buffer, j, &mut line);
            let at = block.output_at(0, j);
            out[at] = line_product(&line, out[at]);
        }
    } else if a.out_stride == 0 && b.out_stride == 1 && b.stride == 1 {
        // Contiguous columns: whole groups as running products that then
        // multiply the result, the rest one by one into it.
        for j in 0..b.size {
            let at = block.output_at(0, j);
            out[at] = if j < b.size / group * group {
                let column = (1..a.size).fold(read(0, j), |acc, i| acc * read(i, j));
                column * out[at]
            } else {
                (0..a.size).fold(out[at], |acc, i| acc * read(i, j))
            };
        }
    } else {
        for j in 0..b.size {
            for i in 0..a.size {
                let at = block.output_at(i, j);
                out[at] = out[at] * read(i, j);
            }
        }
    }
}

/// `result` times the product of a contiguous line, in PyTorch's order.
fn line_product<T: Factor>(line: &[T], result: T) -> T {
    let group = 4 * T::WIDTH;
    let whole = line.len() / group * group;
    let mut result = result;
    if whole > 0 {
        // acc[k]: the running product of lane k of the four vectors.
        let mut acc: Vec<T> = line[..group].to_vec();
        for chunk in line[group..whole].chunks_exact(group) {
            for (a, &x) in acc.iter_mut().zip(chunk) {
                *a = *a * x;
            }
        }
        let w = T::WIDTH;
        let lanes: Vec<T> =
            (0..w).map(|l| (acc[l] * acc[w + l]) * (acc[2 * w + l] * acc[3 * w + l])).collect();
        let product = lanes[1..].iter().fold(lanes[0], |p, &x| p * x);
        result = result * product;
    }
    line[whole..].iter().fold(result, |p, &x| p * x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::shape::Shape;

    #[test]
    fn short_lines_multiply_in_plain_order() {
        let layout = Layout::contiguous(Shape::new(vec![3]).unwrap());
        assert_eq!(products(&[2.0f64, 3.0, 4.0], &layout, &[true]), vec![24.0]);
    }

    #[test]
    fn long_lines_multiply_lane_by_lane() {
        // 40 float32 elements: one group of 32 in vectors, then 8 one by one.
        // A huge first factor overflows a plain running product but not
        // PyTorch's, whose lanes meet the tiny ones first.
        let mut line = vec![1.0f32; 40];
        line[0] = 1e30;
        line[1] = 1e30;
        line[16] = 1e-30;
        line[17] = 1e-30;
        let layout = Layout::contiguous(Shape::new(vec![40]).unwrap());
        let plain = line.iter().fold(1.0f32, |p, &x| p * x);
        assert!(plain.is_infinite());
        assert_eq!(products(&line, &layout, &[true]), vec![1.0]);
    }
}
