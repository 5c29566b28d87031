//! The index arithmetic of reductions: which input elements (a "lane") each
//! output element collapses.
//!
//! Both the values (`reduce`) and the lineage (`lineage`) walk lanes through
//! `Lanes::split`, so a highlight can never disagree with the value it explains.

use super::error::TensorError;
use super::layout::Layout;
use super::shape::{Shape, numel_u64, saturating_usize, wrap_dim};

/// The dims a reduction collapses, for an input of a given shape.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Lanes {
    input: Shape,
    reduced: Vec<bool>,
    whole: bool,
    keepdim: bool,
    output: Shape,
}

impl Lanes {
    /// Lanes over `dims` (all dims when `None`), wrapping negative dims and
    /// refusing out-of-range or repeated ones as PyTorch does.
    pub fn new(input: &Shape, dims: Option<&[i64]>, keepdim: bool) -> Result<Lanes, TensorError> {
        let rank = input.rank();
        let mut reduced = vec![dims.is_none(); rank];
        // A 0-d tensor accepts dim 0 / -1 (once) but has nothing to collapse.
        let mut zero_d_named = false;
        for &d in dims.unwrap_or(&[]) {
            let k = wrap_dim(d, rank)?;
            if rank == 0 {
                if std::mem::replace(&mut zero_d_named, true) {
                    return Err(TensorError::RepeatedDim { dim: k });
                }
                continue;
            }
            if reduced[k] {
                return Err(TensorError::RepeatedDim { dim: k });
            }
            reduced[k] = true;
        }
        let output = input
            .dims()
            .iter()
            .zip(&reduced)
            .filter_map(|(&size, &r)| match (r, keepdim) {
                (false, _) => Some(size),
                (true, true) => Some(1),
                (true, false) => None,
            })
            .collect();
        Ok(Lanes {
            input: input.clone(),
            reduced,
            whole: dims.is_none(),
            keepdim,
            output: Shape::new(output)?,
        })
    }

    /// The shape of the input.
    pub fn input_shape(&self) -> &Shape {
        &self.input
    }

    /// The shape of the result.
    pub fn output_shape(&self) -> &Shape {
        &self.output
    }

    /// Whether no dim was named, so the whole tensor is one lane.
    pub fn whole(&self) -> bool {
        self.whole
    }

    /// Whether the result keeps the reduced dims as size 1.
    pub fn keepdim(&self) -> bool {
        self.keepdim
    }

    /// Which input dims are collapsed.
    pub fn reduced_dims(&self) -> impl Iterator<Item = usize> + '_ {
        self.reduced.iter().enumerate().filter(|(_, r)| **r).map(|(k, _)| k)
    }

    /// For each input dim, whether it is collapsed.
    pub fn reduced(&self) -> &[bool] {
        &self.reduced
    }

    /// How many input elements feed each output element. Counted in 64
    /// bits and saturated: only lanes of an empty result (`zeros(2**24,
    /// 2**24, 0).sum(dim=(0, 1))`, which has no elements to compute) can pass
    /// a 32-bit usize; a result with elements has lanes of at most
    /// `MAX_ELEMENTS`.
    pub fn lane_len(&self) -> usize {
        let sizes: Vec<usize> = self.reduced_dims().map(|k| self.input.dims()[k]).collect();
        saturating_usize(numel_u64(&sizes))
    }

    /// Splits an input layout into the layout of lane starts (one per output
    /// element, in the output's row-major order) and the layout of one lane
    /// relative to its start (in the order the lane is reduced).
    pub fn split(&self, input: &Layout) -> (Layout, Layout) {
        let pick = |want: bool| -> Layout {
            let mut layout = input.clone();
            // Views drop the dims that belong to the other half.
            for k in (0..self.reduced.len()).rev() {
                if self.reduced[k] != want {
                    layout = layout.select(k, 0);
                }
            }
            layout
        };
        let outer = pick(false);
        let lane = pick(true);
        let lane = lane.relative_to(lane.offset_of(&vec![0; lane.shape().rank()]));
        (outer, lane)
    }

    /// The index of the output element that `input_index` feeds.
    pub fn output_index(&self, input_index: &[usize]) -> Vec<usize> {
        input_index
            .iter()
            .zip(&self.reduced)
            .filter_map(|(&i, &r)| match (r, self.keepdim) {
                (false, _) => Some(i),
                (true, true) => Some(0),
                (true, false) => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(d: &[usize]) -> Shape {
        Shape::new(d.to_vec()).unwrap()
    }

    #[test]
    fn dim_zero_lanes_are_columns() {
        let lanes = Lanes::new(&shape(&[3, 4]), Some(&[0]), false).unwrap();
        assert_eq!(lanes.output_shape().dims(), &[4]);
        let (outer, lane) = lanes.split(&Layout::contiguous(shape(&[3, 4])));
        assert_eq!(outer.offsets().collect::<Vec<_>>(), vec![0, 1, 2, 3]);
        assert_eq!(lane.offsets().collect::<Vec<_>>(), vec![0, 4, 8]);
    }

    #[test]
    fn keepdim_leaves_a_one() {
        let lanes = Lanes::new(&shape(&[2, 3, 4]), Some(&[1, -1]), true).unwrap();
        assert_eq!(lanes.output_shape().dims(), &[2, 1, 1]);
        assert_eq!(lanes.lane_len(), 12);
        assert_eq!(lanes.output_index(&[1, 2, 3]), vec![1, 0, 0]);
    }

    #[test]
    fn repeated_dims_are_refused_after_wrapping() {
        let err = Lanes::new(&shape(&[2, 3, 4]), Some(&[0, -3]), false).unwrap_err();
        assert_eq!(err.to_string(), "dim 0 appears multiple times in the list of dims");
    }

    #[test]
    fn zero_dim_tensors_accept_dim_zero() {
        let lanes = Lanes::new(&Shape::scalar(), Some(&[-1]), false).unwrap();
        assert_eq!((lanes.lane_len(), lanes.output_shape().rank()), (1, 0));
        assert!(Lanes::new(&Shape::scalar(), Some(&[1]), false).is_err());
    }
}
