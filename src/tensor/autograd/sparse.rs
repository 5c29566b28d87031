//! The walk back from ONE element, kept sparse: lineage's gradients walk
//! back once per element of the focus, and each such walk starts from a
//! one-hot gradient whose nonzero part stays as small as the elements that
//! element was computed from. The dense walk (`engine`) carries whole
//! tensors of zeros through every step, so a 64 x 64 product cost 4096
//! walks over 4096-element tensors; this one touches only the elements
//! that carry a gradient.
//!
//! It gives the dense walk's numbers exactly, by running the very same
//! formulas: element-wise formulas on the gathered elements (each element's
//! result depends on its own place only), moves and sums by the same index
//! arithmetic, products term by term in the same order. Where that cannot
//! be promised it declines (`None`) and the caller walks densely: a step
//! this module does not know, broadcasting (summing back would regroup a
//! sum), and a step whose formula turns a zero gradient into something
//! else than zero (`0 * inf` is NaN, and PyTorch's dense backward spreads
//! that NaN), which is checked once per step with an all-zero gradient.

use super::super::Tensor;
use super::super::dtype::DType;
use super::super::lineage::{NodeId, Step};
use super::grads::{tensor, values};
use super::{Derivative, Entry, Operand, Tape, moving, pointwise, reductions};
use std::collections::{BTreeMap, HashMap};

/// A gradient held where it is not +0, by row-major position.
pub type Sparse = BTreeMap<usize, f64>;

/// What the sparse walks of one focus share: per step, whether it can be
/// walked sparsely, and the elements of what its formula saved.
#[derive(Default)]
pub struct Prepared {
    steps: HashMap<NodeId, Option<Saved>>,
}

/// A step's saved tensors as numbers, gathered from for each walk.
struct Saved {
    tensors: Vec<(Vec<f64>, DType)>,
}

/// What one sparse walk found: by node reached, its gradient (absent
/// positions are +0), and about how many elements it computed.
pub struct SparseWalk {
    /// The gradients by node.
    pub grads: BTreeMap<NodeId, Sparse>,
    /// The work done.
    pub work: usize,
}

/// Walks back from element `flat` of `root` (of `dtype`; a gradient of one
/// there) as `walk(.., Follow::Everything, ..)` would, sparsely; `None`
/// when it cannot promise the dense walk's numbers (or past `limit`
/// elements of work), and the caller walks densely.
pub fn walk_one(
    tape: &Tape,
    root: NodeId,
    flat: usize,
    dtype: DType,
    prepared: &mut Prepared,
    limit: usize,
) -> Option<SparseWalk> {
    // Each gradient with its dtype: its tensor's own.
    let mut pending: BTreeMap<NodeId, (Sparse, DType)> = BTreeMap::new();
    let mut done: BTreeMap<NodeId, Sparse> = BTreeMap::new();
    pending.insert(root, (Sparse::from([(flat, 1.0)]), dtype));
    let mut work = 1usize;
    while let Some((node, (grad, dtype))) = pending.pop_last() {
        let Some(entry) = tape.entry(node) else {
            done.insert(node, grad);
            continue;
        };
        let saved = prepared.steps.entry(node).or_insert_with(|| prepare(entry, dtype));
        let saved = saved.as_ref()?;
        work = work.saturating_add(grad.len().saturating_mul(entry.inputs.len().max(1)));
        if work > limit {
            return None;
        }
        let outs = backward(entry, saved, &grad, dtype, &mut work)?;
        done.insert(node, grad);
        for (input, gi) in entry.inputs.iter().zip(outs) {
            if !input.dtype.is_floating() {
                continue;
            }
            let gi: Sparse = gi.into_iter().map(|(p, v)| (p, round(v, input.dtype))).collect();
            let (slot, _) = pending.entry(input.node).or_insert_with(|| (Sparse::new(), input.dtype));
            for (p, v) in gi {
                // As the element-wise sum of two gradient tensors: +0 where
                // there was nothing yet.
                let sum = round(slot.get(&p).copied().unwrap_or(0.0) + v, input.dtype);
                slot.insert(p, sum);
            }
        }
        if work > limit {
            return None;
        }
    }
    Some(SparseWalk { grads: done, work })
}

/// Rounds to `dtype` (float32 or float64).
fn round(v: f64, dtype: DType) -> f64 {
    if dtype == DType::Float32 { f64::from(v as f32) } else { v }
}

/// Whether and how step `entry` can be walked sparsely: the numbers of its
/// saved tensors, when its formula is one this walk runs and a zero
/// gradient gives zeros through it (checked once, densely).
fn prepare(entry: &Entry, dtype: DType) -> Option<Saved> {
    use Derivative as D;
    let same = |t: &Tensor| t.shape() == &entry.shape;
    let saved: Vec<&Tensor> = match &entry.derivative {
        D::Copy | D::Accumulate | D::Pick | D::Sum | D::Mean | D::Neg => Vec::new(),
        D::Unary { input, result, .. } => vec![input, result],
        D::Abs { input } | D::Clamp { input, .. } | D::Reciprocal { input, .. } => vec![input],
        D::Binary { operands, result, .. } => {
            let mut t: Vec<&Tensor> = operands
                .iter()
                .filter_map(|o| if let Operand::Tensor(t) = o { Some(t) } else { None })
                .collect();
            t.push(result);
            t
        }
        D::Extreme { a, b, .. } => vec![a, b],
        D::Contract { inputs } => inputs.iter().collect(),
        _ => return None,
    };
    let pointwise =
        !matches!(entry.derivative, D::Contract { .. } | D::Copy | D::Accumulate | D::Sum | D::Mean);
    if pointwise && (!saved.iter().all(|t| same(t)) || entry.inputs.iter().any(|i| i.shape != entry.shape)) {
        // Broadcasting: the dense walk sums back over it.
        return None;
    }
    if matches!(entry.derivative, D::Pick) && entry.inputs.iter().any(|i| i.shape != entry.shape) {
        return None;
    }
    let tensors: Vec<(Vec<f64>, DType)> = saved.iter().map(|t| (values(t), t.dtype())).collect();
    if let D::Contract { .. } = entry.derivative {
        // Zero gradients are skipped only while every element is finite.
        return tensors.iter().all(|(v, _)| v.iter().all(|e| e.is_finite())).then_some(Saved { tensors });
    }
    // A zero gradient must give zeros (of either sign) through the formula:
    // else the dense walk's zeros turn into NaN, which flows on.
    let zero = tensor(vec![0.0; entry.shape.numel()], entry.shape.clone(), dtype);
    let through = entry.backward(&zero).ok()?;
    let zeros = through.iter().flatten().all(|g| values(g).iter().all(|v| *v == 0.0));
    zeros.then_some(Saved { tensors })
}

/// The gradient of each of `entry`'s inputs for the gradient `grad` of its
/// output, as the dense formula gives it at the positions that can differ
/// from +0 (`None`: a formula refused, and the dense walk says why).
fn backward(
    entry: &Entry,
    saved: &Saved,
    grad: &Sparse,
    dtype: DType,
    work: &mut usize,
) -> Option<Vec<Sparse>> {
    use Derivative as D;
    let positions: Vec<usize> = grad.keys().copied().collect();
    let g: Vec<f64> = grad.values().copied().collect();
    let small = |v: Vec<f64>, dtype: DType| {
        tensor(v, super::super::shape::Shape::derived(vec![positions.len()]), dtype)
    };
    let gathered = |k: usize| {
        let (all, dtype) = &saved.tensors[k];
        small(positions.iter().map(|&p| all[p]).collect(), *dtype)
    };
    let back = |t: Tensor| -> Sparse { positions.iter().copied().zip(values(&t)).collect() };
    let inputs = entry.inputs.len();
    Some(match &entry.derivative {
        D::Copy | D::Accumulate => {
            // The steps the dense formula refuses are left to it.
            if matches!(
                entry.step,
                Step::Leaf | Step::Contract { .. } | Step::Along { .. } | Step::Pick { .. }
            ) || matches!(entry.step, Step::Reduce { winners: None, .. })
            {
                return None;
            }
            let accumulate = matches!(entry.derivative, D::Accumulate);
            let mut outs = vec![Sparse::new(); inputs];
            for (&p, &v) in grad {
                // An element that came from no input gives nothing back.
                let Some((k, at)) = moving::origin(entry, p) else { continue };
                let Some(out) = outs.get_mut(k) else { continue };
                let v = if accumulate { round(out.get(&at).copied().unwrap_or(0.0) + v, dtype) } else { v };
                out.insert(at, v);
            }
            outs
        }
        D::Pick => {
            let Step::Pick { picked, .. } = &entry.step else { return None };
            let mut outs = vec![Sparse::new(); inputs];
            for (&p, &v) in grad {
                outs.get_mut(usize::from(*picked.get(p)?))?.insert(p, v);
            }
            outs
        }
        D::Sum | D::Mean => {
            let spread = match entry.derivative {
                D::Mean => {
                    let lanes = reductions::lanes_of(entry).ok()?;
                    let divided = super::grads::op_number(
                        super::super::elementwise::BinaryOp::Div,
                        &small(g.clone(), dtype),
                        lanes.lane_len() as f64,
                    )
                    .ok()?;
                    values(&divided)
                }
                _ => g.clone(),
            };
            let mut out = Sparse::new();
            match reductions::lanes_of(entry) {
                Ok(lanes) => {
                    for (&p, v) in positions.iter().zip(spread) {
                        let lane = moving::lane_positions(lanes, p);
                        *work = work.saturating_add(lane.len());
                        out.extend(lane.into_iter().map(|q| (q, v)));
                    }
                }
                Err(_) => out.extend(positions.iter().copied().zip(spread)),
            }
            vec![out]
        }
        D::Contract { .. } => {
            let Step::Contract { contraction, .. } = &entry.step else { return None };
            let shapes: Vec<&super::super::shape::Shape> = entry.inputs.iter().map(|i| &i.shape).collect();
            let x: Vec<&Vec<f64>> = saved.tensors.iter().map(|(v, _)| v).collect();
            let mut outs = vec![Sparse::new(); x.len()];
            let terms = contraction.term_count();
            for (&p, &v) in grad {
                // The dense formula skips zero gradients (all elements are finite).
                if v == 0.0 {
                    continue;
                }
                let out = entry.shape.unravel(p);
                *work = work.saturating_add(terms.saturating_mul(x.len()));
                for t in 0..terms {
                    let at = contraction.term(&out, t, &shapes);
                    for k in 0..x.len() {
                        let product =
                            (0..x.len()).filter(|&j| j != k).fold(v, |p, j| round(p * x[j][at[j]], dtype));
                        let slot = outs[k].entry(at[k]).or_insert(0.0);
                        *slot = round(*slot + product, dtype);
                    }
                }
            }
            outs
        }
        D::Neg => vec![back(pointwise::neg(&small(g, dtype)).ok()?)],
        D::Unary { op, .. } => {
            vec![back(pointwise::unary(*op, &small(g, dtype), &gathered(0), &gathered(1)).ok()?)]
        }
        D::Abs { .. } => vec![back(pointwise::abs(&small(g, dtype), &gathered(0)).ok()?)],
        D::Clamp { min, max, .. } => {
            vec![back(pointwise::clamp(&small(g, dtype), &gathered(0), *min, *max).ok()?)]
        }
        D::Reciprocal { number, .. } => {
            vec![back(pointwise::reciprocal(&small(g, dtype), *number, &gathered(0)).ok()?)]
        }
        D::Binary { op, operands, .. } => {
            let mut k = 0;
            let ops: Vec<Operand> = operands
                .iter()
                .map(|o| match o {
                    Operand::Tensor(_) => {
                        k += 1;
                        Operand::Tensor(gathered(k - 1))
                    }
                    Operand::Number(n) => Operand::Number(*n),
                })
                .collect();
            let [a, b]: [Operand; 2] = ops.try_into().ok()?;
            let grads = pointwise::binary_op(*op, &small(g, dtype), &[a, b], &gathered(k)).ok()?;
            grads.into_iter().map(|t| t.map(back)).collect::<Option<Vec<_>>>()?
        }
        D::Extreme { larger, .. } => {
            let grads = pointwise::extreme(&small(g, dtype), &gathered(0), &gathered(1), *larger).ok()?;
            grads.into_iter().map(|t| t.map(back)).collect::<Option<Vec<_>>>()?
        }
        _ => return None,
    })
    .filter(|outs: &Vec<Sparse>| outs.len() == inputs)
}
