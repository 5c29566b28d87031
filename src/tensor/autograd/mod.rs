//! Autograd: the derivative of every operation as PyTorch's backward
//! formulas compute it (its `tools/autograd/derivatives.yaml` and
//! `torch/csrc/autograd/FunctionsManual.cpp`), and the walk back through a
//! program's tensors that `backward()` and lineage's gradients take.
//!
//! Every floating tensor an operation computes gets an `Entry` on the
//! `Tape`, whether or not anything requires grad: its lineage `Step`,
//! which says which input elements each output element read (the same
//! lanes, layouts and tables that computed the values), and a `Derivative`
//! with what the formula needs besides (the op, the tensors PyTorch
//! saves). The formulas are written with the tensor kernels themselves
//! (`binary`, `reduce`, `Unary::apply`), so every step rounds as
//! PyTorch's does.

mod engine;
mod grads;
mod moving;
mod pointwise;
mod products;
mod reductions;
mod scans;
pub mod sparse;

pub use engine::{BACKWARD_TWICE, Follow, Stopped, Walked, walk};

use super::Tensor;
use super::dtype::DType;
use super::elementwise::BinaryOp;
use super::error::TensorError;
use super::lineage::{NodeId, Step};
use super::scalar::Scalar;
use super::shape::Shape;
use super::unary::Unary;
use std::cell::Cell;

/// One operand of an element-wise op as its derivative needs it.
#[derive(Debug, Clone)]
pub enum Operand {
    /// A tensor (one of the step's inputs, in the order written).
    Tensor(Tensor),
    /// A Python number.
    Number(Scalar),
}

/// What an operation's backward formula needs besides its lineage step.
#[derive(Debug, Clone)]
pub enum Derivative {
    /// Each output element is one input element (views, reshapes, dtype
    /// conversions, `flip`, `roll`, `cat`, `stack`, the pieces of a split;
    /// `sort`, `topk`, and `max`/`min`/`median`/`kthvalue` along a dim):
    /// its gradient goes back to that element, zeros elsewhere.
    Copy,
    /// The same, added up where an element was taken more than once
    /// (indexing with tensors, `gather`, `index_select`, `cummax`,
    /// `cummin`: `index_put_(accumulate=True)`, `scatter_add_`).
    Accumulate,
    /// `sum`
    Sum,
    /// `mean`
    Mean,
    /// `prod`
    Prod { input: Tensor, result: Tensor },
    /// `var`
    Var { input: Tensor, correction: f64 },
    /// `std`
    Std { input: Tensor, result: Tensor, correction: f64 },
    /// `max()`, `min()` and `median()` of the whole tensor: the gradient
    /// shared evenly by the elements equal to the result (or, for a NaN
    /// result, by the NaNs).
    Evenly { input: Tensor, result: Tensor },
    /// `amax`, `amin`: in each lane, shared evenly by the elements equal
    /// to the result.
    Counted { input: Tensor, result: Tensor },
    /// `norm` of order `p`
    Norm { input: Tensor, result: Tensor, p: f64 },
    /// `logsumexp`
    Logsumexp { input: Tensor, result: Tensor },
    /// `cumsum`
    Cumsum,
    /// `cumprod`
    Cumprod { input: Tensor, result: Tensor },
    /// `softmax`
    Softmax { result: Tensor },
    /// `log_softmax`
    LogSoftmax { result: Tensor },
    /// `exp`, `log`, `sqrt`, `sigmoid`, `tanh`, `relu`
    Unary { op: Unary, input: Tensor, result: Tensor },
    /// `abs`
    Abs { input: Tensor },
    /// `-t`
    Neg,
    /// `clamp` with number bounds
    Clamp { input: Tensor, min: Option<f64>, max: Option<f64> },
    /// `+ - * / ** %` with broadcasting (`square` is `** 2`): the operands
    /// as written, and the result (`**` needs it).
    Binary { op: BinaryOp, operands: [Operand; 2], result: Tensor },
    /// `number / t`, which PyTorch computes as `t.reciprocal() * number`.
    Reciprocal { number: f64, input: Tensor },
    /// `torch.maximum` (`larger`) and `torch.minimum`
    Extreme { a: Tensor, b: Tensor, larger: bool },
    /// `torch.where`, `masked_fill`: the gradient to the input each
    /// element was picked from, zeros to the others.
    Pick,
    /// Products (`a @ b`, `torch.einsum`): the operands.
    Contract { inputs: Vec<Tensor> },
    /// An operation whose derivative PyTorch does not have (`//`): the
    /// name PyTorch gives it in its error.
    NotDifferentiable(&'static str),
    /// An operation whose derivative the playground does not have yet.
    Missing(&'static str),
}

impl Entry {
    /// Whether PyTorch saves tensors for this formula, which a backward
    /// without `retain_graph=True` frees (a second backward through it is
    /// then an error): a selection's indices, a product's operands, a
    /// function's result, ...; moves and sums save only sizes.
    pub fn saves_tensors(&self) -> bool {
        match &self.derivative {
            Derivative::Copy => matches!(self.step, Step::Reduce { .. } | Step::Rank { .. }),
            Derivative::Sum
            | Derivative::Mean
            | Derivative::Cumsum
            | Derivative::Neg
            | Derivative::NotDifferentiable(_)
            | Derivative::Missing(_) => false,
            Derivative::Binary { op: BinaryOp::Add | BinaryOp::Sub, .. } => false,
            // `remainder` saves its operands only for the divisor's gradient.
            Derivative::Binary { op: BinaryOp::Rem, operands, .. } => {
                matches!(operands[1], Operand::Tensor(_)) && self.inputs.last().is_some_and(|i| i.tracked)
            }
            _ => true,
        }
    }
}

/// One tensor's input as its derivative sees it.
#[derive(Debug, Clone)]
pub struct Input {
    /// The input tensor.
    pub node: NodeId,
    /// Its shape (a gradient for it is summed back to this).
    pub shape: Shape,
    /// Its dtype (a gradient for it is converted to this).
    pub dtype: DType,
    /// Whether it required grad when the operation ran (PyTorch records an
    /// edge back to it only then).
    pub tracked: bool,
}

/// A differentiable tensor on the tape.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The name PyTorch gives its `grad_fn` (`SumBackward1`).
    pub name: &'static str,
    /// What its formula needs.
    pub derivative: Derivative,
    /// Which input elements each of its elements read.
    pub step: Step,
    /// Its shape.
    pub shape: Shape,
    /// Its differentiable inputs, in the order the step lists them.
    pub inputs: Vec<Input>,
    /// Whether it has a `grad_fn`: some input required grad.
    pub tracked: bool,
    /// Whether a backward without `retain_graph` freed what it saved.
    pub released: Cell<bool>,
}

/// Every differentiable tensor of a run, by its lineage node.
#[derive(Debug, Clone, Default)]
pub struct Tape {
    entries: Vec<Option<Entry>>,
}

impl Tape {
    /// An empty tape.
    pub fn new() -> Tape {
        Tape::default()
    }

    /// Records the entry of tensor `node`.
    pub fn record(&mut self, node: NodeId, entry: Entry) {
        if self.entries.len() <= node {
            self.entries.resize_with(node + 1, || None);
        }
        self.entries[node] = Some(entry);
    }

    /// The entry of tensor `node`, if it is differentiable and not a leaf.
    pub fn entry(&self, node: NodeId) -> Option<&Entry> {
        self.entries.get(node).and_then(Option::as_ref)
    }

    /// Forgets everything the tape keeps about tensors after `keep`
    /// (sorted ids): what remains traces the kept ones back.
    pub fn retain(&mut self, keep: &[NodeId]) {
        for (id, entry) in self.entries.iter_mut().enumerate() {
            if keep.binary_search(&id).is_err() {
                *entry = None;
            }
        }
    }
}

impl Entry {
    /// About how many elements working out the inputs' gradients for
    /// `grad` computes: the output's and the inputs', or a product's terms.
    pub fn cost(&self, grad: &Tensor) -> usize {
        let moved = self.inputs.iter().fold(self.shape.numel(), |n, i| n.saturating_add(i.shape.numel()));
        match &self.derivative {
            Derivative::Contract { inputs } => moved.saturating_add(products::cost(self, grad, inputs)),
            _ => moved,
        }
    }

    /// The gradient of each input for the gradient `grad` of this tensor,
    /// in this tensor's shape or one that sums back to the input's.
    pub fn backward(&self, grad: &Tensor) -> Result<Vec<Option<Tensor>>, TensorError> {
        use Derivative as D;
        let one = |g: Tensor| Ok(vec![Some(g)]);
        match &self.derivative {
            D::Copy => moving::copy_back(self, grad, false),
            D::Accumulate => moving::copy_back(self, grad, true),
            D::Sum => one(reductions::sum(self, grad)),
            D::Mean => one(reductions::mean(self, grad)?),
            D::Prod { input, result } => one(reductions::prod(self, grad, input, result)?),
            D::Var { input, correction } => one(reductions::var(self, grad, input, *correction)?),
            D::Std { input, result, correction } => {
                one(reductions::std(self, grad, input, result, *correction)?)
            }
            D::Evenly { input, result } => one(reductions::evenly(grad, input, result)?),
            D::Counted { input, result } => one(reductions::counted(self, grad, input, result)?),
            D::Norm { input, result, p } => Ok(vec![reductions::norm(self, grad, input, result, *p)?]),
            D::Logsumexp { input, result } => one(reductions::logsumexp(self, grad, input, result)?),
            D::Cumsum => one(scans::cumsum(self, grad)?),
            D::Cumprod { input, result } => one(scans::cumprod(self, grad, input, result)?),
            D::Softmax { result } => one(scans::softmax(self, grad, result)?),
            D::LogSoftmax { result } => one(scans::log_softmax(self, grad, result)?),
            D::Unary { op, input, result } => one(pointwise::unary(*op, grad, input, result)?),
            D::Abs { input } => one(pointwise::abs(grad, input)?),
            D::Neg => one(pointwise::neg(grad)?),
            D::Clamp { input, min, max } => one(pointwise::clamp(grad, input, *min, *max)?),
            D::Binary { op, operands, result } => pointwise::binary_op(*op, grad, operands, result),
            D::Reciprocal { number, input } => one(pointwise::reciprocal(grad, *number, input)?),
            D::Extreme { a, b, larger } => pointwise::extreme(grad, a, b, *larger),
            D::Pick => moving::copy_back(self, grad, false),
            D::Contract { inputs } => products::contract(self, grad, inputs),
            D::NotDifferentiable(name) => {
                Err(TensorError::runtime(format!("derivative for aten::{name} is not implemented")))
            }
            D::Missing(name) => Err(TensorError::unsupported(format!(
                "gradients through {name} yet (its backward, {}, is not written)",
                self.name
            ))),
        }
    }
}
