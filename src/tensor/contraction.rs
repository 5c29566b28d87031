//! Contractions: how each output element of a product (`a @ b`, `dot`,
//! `torch.einsum`) comes from its inputs, written in index notation.
//!
//! A product has output indices (one per output dim) and summed indices
//! (the contracted lanes, `k` in `c[i, j] = Σk a[i, k] b[k, j]`). Each dim
//! of each input follows one of them, or stays at 0 where a dim of size 1
//! is broadcast. An output element is the sum, over every value of the
//! summed indices, of the product of one element of each input: lineage
//! reads exactly those elements, so the highlight of `a @ b`'s `[i, j]` is
//! row `i` of `a` and column `j` of `b`, whatever computed the values.

use super::shape::Shape;
use serde::{Deserialize, Serialize};

/// Which index of the product one dim of an input follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Axis {
    /// Output index `k`: the input dim runs along output dim `k`.
    Out(usize),
    /// Summed index `s`: the input dim is contracted.
    Sum(usize),
    /// A dim of size 1 broadcast against a larger one: always at 0.
    Broadcast,
}

/// The index notation of a product: for each input, the axis each of its
/// dims follows, and the sizes of the summed indices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contraction {
    /// Per input, per dim.
    pub axes: Vec<Vec<Axis>>,
    /// The size of each summed index.
    pub summed: Vec<usize>,
}

impl Contraction {
    /// How many terms each output element adds up: one per value of the
    /// summed indices (one without sums, none when one of them is empty).
    pub fn term_count(&self) -> usize {
        self.summed.iter().fold(1usize, |n, &s| n.saturating_mul(s))
    }

    /// Term `t` of output element `out` (its full index), counting the
    /// values of the summed indices row-major: the row-major position of
    /// the element each input contributes to it, in inputs of shapes `shapes`.
    pub fn term(&self, out: &[usize], t: usize, shapes: &[&Shape]) -> Vec<usize> {
        let s = Shape::derived(self.summed.clone()).unravel(t);
        self.axes.iter().zip(shapes).map(|(axes, shape)| shape.ravel(&self.index_in(axes, out, &s))).collect()
    }

    /// Every element of input `k` (of shape `shape`) that output element
    /// `out` reads, row-major positions in the order of the summed indices,
    /// each once: only the summed indices the input has are walked.
    pub fn reads(&self, k: usize, out: &[usize], shape: &Shape) -> Vec<usize> {
        let axes = &self.axes[k];
        let mut own: Vec<usize> =
            axes.iter().filter_map(|a| if let Axis::Sum(s) = a { Some(*s) } else { None }).collect();
        own.sort_unstable();
        own.dedup();
        if self.term_count() == 0 {
            return Vec::new();
        }
        let sizes: Vec<usize> = own.iter().map(|&s| self.summed[s]).collect();
        let count: usize = sizes.iter().product();
        let mut s = vec![0; self.summed.len()];
        let mut at = vec![0; own.len()];
        let mut found = Vec::with_capacity(count);
        for _ in 0..count {
            for (&label, &i) in own.iter().zip(&at) {
                s[label] = i;
            }
            found.push(shape.ravel(&self.index_in(axes, out, &s)));
            // Odometer over the input's own summed indices, the last fastest.
            for d in (0..own.len()).rev() {
                at[d] += 1;
                if at[d] < sizes[d] {
                    break;
                }
                at[d] = 0;
            }
        }
        found
    }

    /// The index into an input whose dims follow `axes`, for output index
    /// `out` and summed index `s`.
    fn index_in(&self, axes: &[Axis], out: &[usize], s: &[usize]) -> Vec<usize> {
        axes.iter()
            .map(|a| match *a {
                Axis::Out(k) => out[k],
                Axis::Sum(k) => s[k],
                Axis::Broadcast => 0,
            })
            .collect()
    }

    /// The output elements (row-major positions in `out_shape`) that
    /// element `index` of input `input` feeds: those whose output indices
    /// agree with it; none if the input reads a diagonal (`ii`) the
    /// element is off.
    pub fn fed_by(&self, input: usize, index: &[usize], out_shape: &Shape) -> Vec<usize> {
        let mut fixed: Vec<Option<usize>> = vec![None; out_shape.rank()];
        let mut sums: Vec<Option<usize>> = vec![None; self.summed.len()];
        for (axis, &i) in self.axes[input].iter().zip(index) {
            let slot = match *axis {
                Axis::Out(k) => &mut fixed[k],
                Axis::Sum(k) => &mut sums[k],
                Axis::Broadcast => continue,
            };
            match *slot {
                Some(j) if j != i => return Vec::new(),
                _ => *slot = Some(i),
            }
        }
        if self.summed.contains(&0) {
            return Vec::new();
        }
        // Every output index the element does not fix takes every value.
        let free: Vec<usize> = (0..out_shape.rank()).filter(|&k| fixed[k].is_none()).collect();
        let dims = out_shape.dims();
        let count: usize = free.iter().map(|&k| dims[k]).product();
        let mut out = Vec::with_capacity(count);
        let mut at: Vec<usize> = fixed.iter().map(|f| f.unwrap_or(0)).collect();
        for _ in 0..count {
            out.push(out_shape.ravel(&at));
            // Odometer over the free dims, the last fastest.
            for &k in free.iter().rev() {
                at[k] += 1;
                if at[k] < dims[k] {
                    break;
                }
                at[k] = 0;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(d: &[usize]) -> Shape {
        Shape::new(d.to_vec()).unwrap()
    }

    /// `a @ b` for a of shape (2, 3) and b of shape (3, 4).
    fn mm() -> Contraction {
        Contraction {
            axes: vec![vec![Axis::Out(0), Axis::Sum(0)], vec![Axis::Sum(0), Axis::Out(1)]],
            summed: vec![3],
        }
    }

    #[test]
    fn a_product_element_reads_a_row_and_a_column() {
        let (a, b) = (shape(&[2, 3]), shape(&[3, 4]));
        let c = mm();
        let terms: Vec<Vec<usize>> = (0..c.term_count()).map(|t| c.term(&[1, 2], t, &[&a, &b])).collect();
        assert_eq!(terms, [vec![3, 2], vec![4, 6], vec![5, 10]]);
        assert_eq!(c.reads(0, &[1, 2], &a), [3, 4, 5]);
        assert_eq!(c.reads(1, &[1, 2], &b), [2, 6, 10]);
    }

    #[test]
    fn an_input_element_feeds_a_row_or_a_column_of_the_product() {
        let out = shape(&[2, 4]);
        assert_eq!(mm().fed_by(0, &[1, 2], &out), [4, 5, 6, 7]);
        assert_eq!(mm().fed_by(1, &[2, 3], &out), [3, 7]);
    }

    #[test]
    fn a_diagonal_feeds_only_from_its_own_elements() {
        // einsum('ii->i')
        let c = Contraction { axes: vec![vec![Axis::Out(0), Axis::Out(0)]], summed: vec![] };
        let out = shape(&[3]);
        assert_eq!(c.fed_by(0, &[1, 1], &out), [1]);
        assert!(c.fed_by(0, &[1, 2], &out).is_empty());
        assert_eq!(c.term(&[2], 0, &[&shape(&[3, 3])]), [8]);
        // einsum('ii'): the trace reads the diagonal, each element once.
        let trace = Contraction { axes: vec![vec![Axis::Sum(0), Axis::Sum(0)]], summed: vec![3] };
        assert_eq!(trace.reads(0, &[], &shape(&[3, 3])), [0, 4, 8]);
    }

    #[test]
    fn broadcast_dims_stay_at_zero() {
        // (1, 2, 3) @ (4, 3, 2): a's batch dim is broadcast.
        let c = Contraction {
            axes: vec![
                vec![Axis::Broadcast, Axis::Out(1), Axis::Sum(0)],
                vec![Axis::Out(0), Axis::Sum(0), Axis::Out(2)],
            ],
            summed: vec![3],
        };
        let (a, b) = (shape(&[1, 2, 3]), shape(&[4, 3, 2]));
        assert_eq!(c.term(&[3, 1, 0], 0, &[&a, &b]), [3, 18]);
        // a[0, 1, 0] feeds row 1 of every batch.
        assert_eq!(c.fed_by(0, &[0, 1, 0], &shape(&[4, 2, 2])), [2, 3, 6, 7, 10, 11, 14, 15]);
    }
}
