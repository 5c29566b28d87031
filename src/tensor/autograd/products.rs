//! The backward formula of products (`mm`, `mv`, `dot`, `bmm`, `matmul`,
//! `outer`, `einsum`): each input's gradient is the contraction of the
//! output's gradient with the other inputs (`grad @ b.T` for `a @ b`),
//! walked term by term through the same index notation that computed the
//! values and traces their lineage.

use super::super::Tensor;
use super::super::dtype::DType;
use super::super::error::TensorError;
use super::super::lineage::Step;
use super::super::shape::Shape;
use super::Entry;
use super::grads::{tensor, values};

/// The multiply-adds the gradient of a product costs for `grad`: a term
/// per nonzero gradient element (every one where the operands are not all
/// finite), per input.
pub(super) fn cost(entry: &Entry, grad: &Tensor, inputs: &[Tensor]) -> usize {
    let Step::Contract { contraction, .. } = &entry.step else { return 0 };
    let finite = inputs.iter().all(|t| values(t).iter().all(|e| e.is_finite()));
    let counted = if finite { values(grad).iter().filter(|&&g| g != 0.0).count() } else { grad.numel() };
    counted.saturating_mul(contraction.term_count()).saturating_mul(inputs.len())
}

/// The gradient of each input of a product of `inputs`.
pub(super) fn contract(
    entry: &Entry,
    grad: &Tensor,
    inputs: &[Tensor],
) -> Result<Vec<Option<Tensor>>, TensorError> {
    let Step::Contract { contraction, .. } = &entry.step else {
        return Err(TensorError::runtime(format!("{} was recorded without its index notation", entry.name)));
    };
    let dtype = grad.dtype();
    let round = |v: f64| if dtype == DType::Float32 { f64::from(v as f32) } else { v };
    let shapes: Vec<&Shape> = inputs.iter().map(Tensor::shape).collect();
    let x: Vec<Vec<f64>> = inputs.iter().map(values).collect();
    let mut grads: Vec<Vec<f64>> = inputs.iter().map(|t| vec![0.0; t.numel()]).collect();
    let terms = contraction.term_count();
    // A zero gradient times finite elements adds a zero of either sign to
    // a sum that starts at +0, which changes nothing: such terms are
    // skipped (a walk for one element's lineage has one nonzero gradient).
    // A NaN or infinity among the elements makes them count (0 x inf is NaN).
    let finite = x.iter().all(|v| v.iter().all(|e| e.is_finite()));
    for (flat, g) in values(grad).into_iter().enumerate() {
        if g == 0.0 && finite {
            continue;
        }
        let out = entry.shape.unravel(flat);
        for t in 0..terms {
            let at = contraction.term(&out, t, &shapes);
            for k in 0..inputs.len() {
                let product = (0..inputs.len()).filter(|&j| j != k).fold(g, |p, j| round(p * x[j][at[j]]));
                grads[k][at[k]] = round(grads[k][at[k]] + product);
            }
        }
    }
    Ok(grads
        .into_iter()
        .zip(inputs)
        .map(|(g, input)| Some(tensor(g, input.shape().clone(), dtype)))
        .collect())
}
