//! Autograd as a program sees it: `requires_grad=True`, `.requires_grad`,
//! `.is_leaf`, `.grad`, `requires_grad_()`, `detach()`, `backward()` and
//! `.grad.zero_()`, with PyTorch's errors. The derivatives themselves are
//! `tensor::autograd`'s; this module decides what requires grad and where
//! gradients land.

use super::catalog::Call;
use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::signature::{CallStyle, bind_python};
use super::value::{Autograd, Traced, Value};
use crate::tensor::autograd::{Follow, Stopped, walk};
use crate::tensor::create::full;
use crate::tensor::elementwise::{BinaryOp, Side, binary};
use crate::tensor::lineage::NodeId;
use crate::tensor::{Scalar, Tensor};
use std::rc::Rc;

/// PyTorch's refusal of `requires_grad=True` for a tensor that is not floating.
pub(crate) const NOT_FLOATING: &str =
    "Only Tensors of floating point and complex dtype can require gradients";

impl Interpreter<'_> {
    /// Makes a tensor just created a leaf that requires grad, as
    /// `requires_grad=True` asks.
    pub(crate) fn requiring_grad(&mut self, t: Traced, requires_grad: bool) -> Result<Traced, LangError> {
        if requires_grad {
            if !t.tensor.dtype().is_floating() {
                return Err(LangError::runtime(NOT_FLOATING));
            }
            t.autograd.requires_grad.set(true);
        }
        Ok(t)
    }

    /// `t.grad`: a leaf's gradient, or `None`.
    pub(crate) fn grad_of(&self, t: &Traced) -> Value {
        match &*t.autograd.grad.borrow() {
            Some(g) => Value::Tensor(g.clone()),
            None => Value::None,
        }
    }

    /// Adds `grad` to the `.grad` of the leaf `leaf` (node `node`), in
    /// place when it has one: every value holding that `.grad` sees the sum.
    fn accumulate(
        &mut self,
        leaf: &Rc<Autograd>,
        node: NodeId,
        grad: Tensor,
        span: Span,
    ) -> Result<(), LangError> {
        let old = leaf.grad.borrow().clone();
        let (tensor, autograd, label) = match old {
            None => {
                let own = Autograd { grad_of: Some(Rc::downgrade(leaf)), ..Autograd::default() };
                (grad, Rc::new(own), format!("{}.grad", self.graph.node(node).label))
            }
            Some(old) => {
                let sum = binary(BinaryOp::Add, Side::Tensor(&old.tensor), Side::Tensor(&grad))?;
                (sum, Rc::clone(&old.autograd), self.graph.node(old.node).label.clone())
            }
        };
        self.replace_grad(leaf, tensor, autograd, label, span);
        Ok(())
    }

    /// Makes `tensor` the `.grad` of `leaf`, a tensor object with
    /// `autograd` shown as `label`: variables holding that object see the
    /// new values.
    fn replace_grad(
        &mut self,
        leaf: &Rc<Autograd>,
        tensor: Tensor,
        autograd: Rc<Autograd>,
        label: String,
        span: Span,
    ) -> Traced {
        let mut grad = self.record(tensor, crate::tensor::lineage::Step::Leaf, span, label);
        grad.autograd = autograd;
        self.rebind(&grad);
        *leaf.grad.borrow_mut() = Some(grad.clone());
        grad
    }

    /// Points every variable (and every list or tuple in one) holding the
    /// tensor object of `new` at `new`'s values.
    fn rebind(&mut self, new: &Traced) {
        fn rebound(v: &Value, new: &Traced, depth: usize) -> Option<Value> {
            match v {
                Value::Tensor(t) if Rc::ptr_eq(&t.autograd, &new.autograd) => {
                    Some(Value::Tensor(new.clone()))
                }
                Value::List(items) | Value::Tuple(items) if depth < 128 => {
                    let changed: Vec<Option<Value>> =
                        items.iter().map(|i| rebound(i, new, depth + 1)).collect();
                    if changed.iter().all(Option::is_none) {
                        return None;
                    }
                    let items: Vec<Value> = changed
                        .into_iter()
                        .zip(items.iter())
                        .map(|(c, i)| c.unwrap_or_else(|| i.clone()))
                        .collect();
                    Some(if matches!(v, Value::List(_)) {
                        Value::List(Rc::new(items))
                    } else {
                        Value::tuple(items)
                    })
                }
                _ => None,
            }
        }
        for v in self.variables_mut() {
            if let Some(updated) = rebound(v, new, 0) {
                *v = updated;
            }
        }
    }
}

/// `t.backward(gradient=None, retain_graph=None, create_graph=False,
/// inputs=None)`, a Python function: the gradients of `t` with respect
/// to every leaf that requires grad, added to their `.grad`.
pub(crate) fn backward(
    i: &mut Interpreter<'_>,
    t: Traced,
    args: &[Value],
    kwargs: &[(String, Value)],
    _: CallStyle,
    span: Span,
) -> Result<Value, LangError> {
    let mut all = vec![Value::Tensor(t.clone())];
    all.extend_from_slice(args);
    let bound = bind_python(
        "Tensor.backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None)",
        &all,
        kwargs,
    )?;
    let arg = |k: usize| bound.get(k).cloned().flatten().filter(|v| !matches!(v, Value::None));
    let flag = |k: usize| arg(k).map(|v| super::ops::truthy(&v)).transpose().map(|b| b.unwrap_or(false));
    if flag(3)? {
        return Err(LangError::unsupported_here("create_graph=True (gradients of gradients)"));
    }
    if arg(4).is_some() {
        return Err(LangError::unsupported_here("backward(inputs=...)"));
    }
    let retain = flag(2)?;
    let shape = t.tensor.shape();
    let ones = full(shape.clone(), Scalar::Int(1), Some(t.tensor.dtype()));
    let implicit = |ones: Tensor| {
        if t.requires_grad() && t.tensor.numel() != 1 {
            return Err(LangError::runtime("grad can be implicitly created only for scalar outputs"));
        }
        Ok(ones)
    };
    let grad = match arg(1) {
        None => implicit(ones)?,
        Some(Value::List(items) | Value::Tuple(items)) if matches!(items.first(), Some(Value::None)) => {
            implicit(ones)?
        }
        Some(v) => {
            let given = match &v {
                Value::Tensor(g) => g.tensor.clone(),
                // A list of gradients, one per output: the first is this one's.
                Value::List(items) | Value::Tuple(items) => match items.first() {
                    Some(Value::Tensor(g)) => g.tensor.clone(),
                    Some(Value::None) => ones.clone(),
                    Some(other) => {
                        return Err(LangError::type_error(format!(
                            "gradients can be either Tensors or None, but got {}",
                            other.type_name()
                        )));
                    }
                    None => return Err(LangError::runtime("got 1 tensors and 0 gradients")),
                },
                other => {
                    return Err(LangError::type_error(format!(
                        "'{}' object is not iterable",
                        other.type_name()
                    )));
                }
            };
            if given.shape() != shape {
                return Err(LangError::runtime(format!(
                    "Mismatch in shape: grad_output[0] has a shape of torch.Size([{}]) and output[0] has a shape of torch.Size([{}]).",
                    sizes(given.shape().dims()),
                    sizes(shape.dims())
                )));
            }
            given.contiguous_as(t.tensor.dtype())
        }
    };
    if !t.requires_grad() {
        return Err(LangError::runtime(
            "element 0 of tensors does not require grad and does not have a grad_fn",
        ));
    }
    let walked = match walk(&i.tape, t.node, grad, Follow::Program { retain }, i.budget.work_left()) {
        Ok(walked) => walked,
        Err(Stopped::Error(e)) => return Err(e.into()),
        Err(Stopped::TooMuchWork) => {
            i.budget.work(i.budget.work_left().saturating_add(1));
            return Err(i.budget.check().err().unwrap_or_else(|| LangError::runtime("too much work")));
        }
    };
    i.budget.work(walked.work);
    for (node, g) in walked.grads.into_iter().enumerate() {
        let Some(g) = g else { continue };
        let leaf = if node == t.node && t.is_leaf() {
            Some(Rc::clone(&t.autograd))
        } else if i.tape.entry(node).is_some_and(|e| e.tracked) {
            None
        } else {
            i.accumulators.get(&node).cloned()
        };
        // A leaf that stopped requiring grad since (`requires_grad_(False)`) gets nothing.
        if let Some(leaf) = leaf.filter(|l| l.requires_grad.get()) {
            i.accumulate(&leaf, node, g, span)?;
        }
    }
    Ok(Value::None)
}

/// Sizes as `torch.Size` lists them.
fn sizes(dims: &[usize]) -> String {
    dims.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
}

/// `t.requires_grad_(requires_grad=True)`: a leaf's flag set in place.
pub(crate) fn requires_grad_(_: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let wanted = !matches!(c.bound.get("requires_grad"), Some(Value::Bool(false)));
    if !t.is_leaf() {
        if !wanted {
            return Err(LangError::runtime(
                "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
            ));
        }
        return Ok(Value::Tensor(t));
    }
    if wanted && !t.tensor.dtype().is_floating() {
        return Err(LangError::runtime("only Tensors of floating point dtype can require gradients"));
    }
    t.autograd.requires_grad.set(wanted);
    Ok(Value::Tensor(t))
}

/// `t.detach()`: the same elements, cut off from autograd.
pub(crate) fn detach(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    Ok(Value::Tensor(i.same_elements(t.tensor.clone(), &t, c.span)))
}

/// `t.zero_()`, which the playground runs on a `.grad` only: the leaf's
/// gradient becomes zeros, seen by every value holding it.
pub(crate) fn zero_(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let leaf = t.autograd.grad_of.as_ref().and_then(std::rc::Weak::upgrade);
    let Some(leaf) =
        leaf.filter(|l| l.grad.borrow().as_ref().is_some_and(|g| Rc::ptr_eq(&g.autograd, &t.autograd)))
    else {
        return Err(LangError::unsupported_here(
            "changing a tensor in place, except a gradient (t.grad.zero_())",
        ));
    };
    let zeros = full(t.tensor.shape().clone(), Scalar::Int(0), Some(t.tensor.dtype()));
    let label = i.graph.node(t.node).label.clone();
    Ok(Value::Tensor(i.replace_grad(&leaf, zeros, Rc::clone(&t.autograd), label, c.span)))
}

#[cfg(test)]
mod tests {
    use crate::lang::run_program;

    #[test]
    fn zero_changes_only_a_gradient_in_place() {
        let got = run_program("t = torch.tensor([1., 2.])\nt.zero_()");
        let error = got.error.unwrap_or_default();
        assert!(
            error.starts_with(
                "NotImplementedError: the playground does not support changing a tensor in place"
            ),
            "{error}"
        );
    }

    #[test]
    fn a_gradient_held_in_a_list_sees_what_backward_adds() {
        let program = "t = torch.tensor([1., 2.], requires_grad=True)\n(t * 2).sum().backward()\n\
                       gs = [t.grad]\n(t * 3).sum().backward()\ngs[0]";
        let got = run_program(program);
        assert_eq!(got.error, None);
        assert_eq!(got.stdout, "tensor([5., 5.])\n");
    }
}
