//! The walk back from a tensor to everything it was computed from, as
//! PyTorch's engine walks it: each tensor's gradient complete before its
//! formula runs (tensors are visited newest first, and inputs are always
//! older than what reads them), each input's gradient summed back over
//! broadcasting and converted to its dtype, gradients reaching one tensor
//! along several paths added up as they arrive.

use super::super::Tensor;
use super::super::elementwise::BinaryOp;
use super::super::error::TensorError;
use super::super::lineage::NodeId;
use super::Tape;
use super::grads::{op, sum_to};

/// Which edges a walk follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// `backward()`: only through tensors with a `grad_fn`, along edges to
    /// inputs that required grad; frees what they saved unless `retain`.
    Program {
        /// `retain_graph=True`
        retain: bool,
    },
    /// Lineage's gradients: through every differentiable tensor, as if
    /// every floating leaf required grad.
    Everything,
}

/// Why a walk stopped before its end.
#[derive(Debug, Clone, PartialEq)]
pub enum Stopped {
    /// A formula refused (PyTorch's error: a second backward, an operation
    /// without a derivative).
    Error(TensorError),
    /// The walk would compute more gradient elements than it was allowed.
    TooMuchWork,
}

impl From<TensorError> for Stopped {
    fn from(e: TensorError) -> Stopped {
        Stopped::Error(e)
    }
}

/// What a walk found.
#[derive(Debug, Clone)]
pub struct Walked {
    /// By node: the gradient that reached it, complete.
    pub grads: Vec<Option<Tensor>>,
    /// About how many elements the walk computed (the run's work): for
    /// each formula, its output's and inputs' elements, or a product's terms.
    pub work: usize,
}

/// The error of a second backward through tensors whose saved values the
/// first one freed, in PyTorch's words.
pub const BACKWARD_TWICE: &str = "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.";

/// Walks back from tensor `root`, whose gradient is `grad` (of its shape
/// and dtype), to everything `follow` reaches, computing at most `limit`
/// gradient elements (past it, `Err(Walk::TooMuchWork)`). A backward
/// keeps only the gradients that reach tensors without a `grad_fn`; a
/// walk for lineage keeps every tensor's.
pub fn walk(
    tape: &Tape,
    root: NodeId,
    grad: Tensor,
    follow: Follow,
    limit: usize,
) -> Result<Walked, Stopped> {
    let program = matches!(follow, Follow::Program { .. });
    let mut grads: Vec<Option<Tensor>> = vec![None; root + 1];
    let mut work = grad.numel();
    grads[root] = Some(grad);
    let mut ran = Vec::new();
    for node in (0..=root).rev() {
        let Some(g) = grads[node].clone() else { continue };
        let Some(entry) = tape.entry(node) else { continue };
        if program && !entry.tracked {
            continue;
        }
        if program && entry.released.get() && entry.saves_tensors() {
            return Err(TensorError::runtime(BACKWARD_TWICE).into());
        }
        work = work.saturating_add(entry.cost(&g));
        if work > limit {
            return Err(Stopped::TooMuchWork);
        }
        ran.push(node);
        if program {
            // Only what reaches a leaf is kept: the rest is freed as the walk goes.
            grads[node] = None;
        }
        for (input, gi) in entry.inputs.iter().zip(entry.backward(&g)?) {
            let Some(gi) = gi else { continue };
            if !input.dtype.is_floating() || (program && !input.tracked) {
                continue;
            }
            let gi = sum_to(&gi, &input.shape)?;
            let gi = if gi.dtype() == input.dtype { gi } else { gi.contiguous_as(input.dtype) };
            let slot = &mut grads[input.node];
            *slot = Some(match slot.take() {
                None => gi,
                Some(old) => op(BinaryOp::Add, &old, &gi)?,
            });
        }
    }
    if let Follow::Program { retain: false } = follow {
        for node in ran {
            if let Some(entry) = tape.entry(node) {
                entry.released.set(true);
            }
        }
    }
    Ok(Walked { grads, work })
}
