//! The backward formulas of operations that move or pick elements without
//! computing new ones (views, reshapes, dtype conversions, indexing,
//! `gather`, `flip`, `sort`, `max(dim)`, `cat`, `torch.where`, ...): each
//! output element's gradient goes back to the element it is, found by the
//! same index arithmetic its lineage step records.

use super::super::Tensor;
use super::super::error::TensorError;
use super::super::lanes::Lanes;
use super::super::layout::Layout;
use super::super::lineage::Step;
use super::super::shape::Shape;
use super::Entry;
use super::grads::{scatter, tensor, values};

/// The first row-major position of the lane that output lane `k` reduces,
/// and the lane's layout relative to it.
fn lane(lanes: &Lanes, k: usize) -> (usize, Layout) {
    let (outer, lane) = lanes.split(&Layout::contiguous(lanes.input_shape().clone()));
    (outer.offset_of(&outer.shape().unravel(k)), lane)
}

/// The row-major positions of the input elements in the lane that output
/// element `k` reduces, in the lane's order.
pub(super) fn lane_positions(lanes: &Lanes, k: usize) -> Vec<usize> {
    let (start, lane) = lane(lanes, k);
    let shape = lane.shape().clone();
    (0..shape.numel()).map(|i| start + lane.offset_of(&shape.unravel(i))).collect()
}

/// For output element `flat` of a step that moves elements: which of the
/// entry's inputs it is an element of, and where in it (row-major).
pub(super) fn origin(entry: &Entry, flat: usize) -> Option<(usize, usize)> {
    let index = entry.shape.unravel(flat);
    match &entry.step {
        Step::View { map, .. } => Some((0, map.offset_of(&index))),
        Step::Reshape { .. } => Some((0, flat)),
        // `+t`: each element is its input's element at its place.
        Step::Elementwise { inputs } if inputs.len() == 1 => Some((0, inputs[0].1.offset_of(&index))),
        Step::Take { from, .. } => Some((0, from[flat])),
        Step::Reduce { lanes, winners: Some(winners), .. } => {
            let (start, lane) = lane(lanes, flat);
            Some((0, start + lane.offset_of(&lane.shape().unravel(winners[flat]))))
        }
        Step::Rank { lanes, picked, .. } => {
            let dim = lanes.reduced_dims().next();
            let mut outer = index;
            if let Some(d) = dim {
                outer[d] = 0;
            }
            let (start, lane) = lane(lanes, lanes.output_shape().ravel(&outer));
            Some((0, start + lane.offset_of(&lane.shape().unravel(picked[flat]))))
        }
        Step::Join { join, .. } => {
            let (k, own) = join.source(&index);
            Some((k, entry.inputs.get(k)?.shape.ravel(&own)))
        }
        _ => None,
    }
}

/// The gradient of each input of a step that moves elements: copied into
/// zeros of the input's shape where each output element came from (or,
/// with `accumulate`, added there); for a pick (`torch.where`), the
/// gradient of the elements each input won, zeros elsewhere, in the
/// output's shape (summed back over broadcasting by the caller).
pub(super) fn copy_back(
    entry: &Entry,
    grad: &Tensor,
    accumulate: bool,
) -> Result<Vec<Option<Tensor>>, TensorError> {
    if let Step::Pick { picked, .. } = &entry.step {
        let g = values(grad);
        return Ok((0..entry.inputs.len())
            .map(|k| {
                let won =
                    g.iter().zip(picked.iter()).map(|(&v, &p)| if usize::from(p) == k { v } else { 0.0 });
                Some(tensor(won.collect(), grad.shape().clone(), grad.dtype()))
            })
            .collect());
    }
    if matches!(entry.step, Step::Leaf | Step::Contract { .. } | Step::Along { .. })
        || matches!(entry.step, Step::Reduce { winners: None, .. })
    {
        return Err(TensorError::runtime(format!(
            "{} was recorded without the elements it moved",
            entry.name
        )));
    }
    Ok(entry
        .inputs
        .iter()
        .enumerate()
        .map(|(k, input)| {
            let shape: &Shape = &input.shape;
            Some(scatter(grad, shape, accumulate, |flat| match origin(entry, flat) {
                Some((from, at)) if from == k => Some(at),
                _ => None,
            }))
        })
        .collect())
}
