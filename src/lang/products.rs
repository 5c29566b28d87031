//! Products of tensors: `@`, `matmul`, `mm`, `mv`, `dot`, `bmm`, `outer`
//! (kernels in `tensor::matmul`), each element traced to the row and the
//! column it multiplied (`Step::Contract`).

use super::catalog::Call;
use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::value::{Traced, Value};
use crate::tensor::autograd::Derivative;
use crate::tensor::contraction::{Axis, Contraction};
use crate::tensor::elementwise::{BinaryOp, Side, binary};
use crate::tensor::lineage::Step;
use crate::tensor::matmul::{self, Product};
use crate::tensor::{Tensor, TensorError};

/// How many multiply-adds of a product cost as much as one element of
/// another operation: its inner loop runs over contiguous memory, one
/// multiply and one add per step, where other ops walk layouts element by
/// element. A 1000×1000 `a @ b` then costs about as much of a run's work
/// as the sixteen million elements of a large tensor's one pass.
const MULTIPLY_ADDS_PER_ELEMENT: usize = 32;

impl Interpreter<'_> {
    /// `a @ b`.
    pub(crate) fn matmul_operator(&mut self, l: &Value, r: &Value, span: Span) -> Result<Value, LangError> {
        match (l, r) {
            (Value::Tensor(a), Value::Tensor(b)) => {
                self.product(a, b, matmul::matmul, matmul_grad_fn(a, b), span)
            }
            _ => Err(LangError::type_error(format!(
                "unsupported operand type(s) for @: '{}' and '{}'",
                l.type_name(),
                r.type_name()
            ))),
        }
    }

    /// Runs a product of two tensors, its work counted before it is done
    /// (a product of large matrices is refused, not computed and then refused).
    fn product(
        &mut self,
        a: &Traced,
        b: &Traced,
        kernel: fn(&Tensor, &Tensor) -> Result<Product, TensorError>,
        grad_fn: &'static str,
        span: Span,
    ) -> Result<Value, LangError> {
        let work = matmul::multiply_adds(a.tensor.shape(), b.tensor.shape()) / MULTIPLY_ADDS_PER_ELEMENT;
        self.budget.work(work);
        self.budget.check()?;
        let product = kernel(&a.tensor, &b.tensor)?;
        let step = Step::Contract { inputs: vec![a.node, b.node], contraction: product.contraction };
        let out = self.derived(product.values, step, span);
        Ok(Value::Tensor(self.contracted(out, grad_fn, &[a, b])))
    }

    /// Records how to differentiate a product of `inputs`.
    fn contracted(&mut self, out: Traced, grad_fn: &'static str, inputs: &[&Traced]) -> Traced {
        let derivative = Derivative::Contract { inputs: inputs.iter().map(|t| t.tensor.clone()).collect() };
        self.differentiable(out, grad_fn, derivative, inputs)
    }
}

/// The `grad_fn` of `a @ b`, after the last step PyTorch's `matmul` takes
/// for these ranks (`dot`, `mv`, `mm`, a squeeze, or a batch folded into
/// one product and viewed back).
fn matmul_grad_fn(a: &Traced, b: &Traced) -> &'static str {
    let (ra, rb) = (a.tensor.rank(), b.tensor.rank());
    let (da, db) = (a.tensor.shape().dims(), b.tensor.shape().dims());
    match (ra, rb) {
        (1, 1) => "DotBackward0",
        (2, 1) => "MvBackward0",
        (1, 2) => "SqueezeBackward4",
        (2, 2) => "MmBackward0",
        // A matrix times a batch is folded into one product through transposes, then copied.
        (2, _) => "CloneBackward0",
        (3, 3) if da[0] == 1 && db[0] > 1 => "CloneBackward0",
        _ => "UnsafeViewBackward0",
    }
}

/// The tensor a product's overload bound as its other operand.
fn other<'a>(c: &'a Call<'_>, name: &str) -> &'a Traced {
    match c.bound.get(name) {
        Some(Value::Tensor(t)) => t,
        _ => unreachable!("the overload binds a tensor `{name}`"),
    }
}

/// `t.matmul(other)`, `torch.matmul(t, other)`.
pub(crate) fn matmul(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let b = other(c, "other");
    i.product(&t, b, matmul::matmul, matmul_grad_fn(&t, b), c.span)
}

/// `t.mm(mat2)`.
pub(crate) fn mm(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    i.product(&t, other(c, "mat2"), matmul::mm, "MmBackward0", c.span)
}

/// `t.mv(vec)`.
pub(crate) fn mv(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    i.product(&t, other(c, "vec"), matmul::mv, "MvBackward0", c.span)
}

/// `t.dot(tensor)`.
pub(crate) fn dot(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    i.product(&t, other(c, "tensor"), matmul::dot, "DotBackward0", c.span)
}

/// `t.bmm(mat2)`.
pub(crate) fn bmm(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    i.product(&t, other(c, "mat2"), matmul::bmm, "BmmBackward0", c.span)
}

/// `t.outer(vec2)` (also `ger`): every element of `t` times every element
/// of `vec2`, an element-wise product with PyTorch's type promotion.
pub(crate) fn outer(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let vec2 = other(c, "vec2");
    for (name, v) in [("self", &t), ("vec2", vec2)] {
        if v.tensor.rank() != 1 {
            return Err(TensorError::runtime(format!(
                "outer: Expected 1-D argument {name}, but got {}-D",
                v.tensor.rank()
            ))
            .into());
        }
    }
    let (n, m) = (t.tensor.numel(), vec2.tensor.numel());
    let column = t.tensor.reshape(&[n as i64, 1])?;
    let values = binary(BinaryOp::Mul, Side::Tensor(&column), Side::Tensor(&vec2.tensor))?;
    debug_assert_eq!(values.shape().dims(), [n, m]);
    let contraction = Contraction { axes: vec![vec![Axis::Out(0)], vec![Axis::Out(1)]], summed: Vec::new() };
    let step = Step::Contract { inputs: vec![t.node, vec2.node], contraction };
    let out = i.derived(values, step, c.span);
    Ok(Value::Tensor(i.contracted(out, "MulBackward0", &[&t, vec2])))
}

/// `torch.einsum(equation, *operands)`, a Python function in PyTorch:
/// operands one by one or as one list, checked in its order and words.
pub(crate) fn einsum(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    if let Some((k, _)) = kwargs.first() {
        return Err(LangError::type_error(format!("einsum() got an unexpected keyword argument '{k}'")));
    }
    let too_few = || {
        LangError::value_error(
            "einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list",
        )
    };
    let [equation, operands @ ..] = args else { return Err(too_few()) };
    if operands.is_empty() {
        return Err(too_few());
    }
    if matches!(equation, Value::Tensor(_)) {
        return Err(LangError::unsupported_here("einsum's sublist format (write the equation as a string)"));
    }
    // The old interface: the operands as one list.
    let operands: &[Value] = match operands {
        [Value::List(items) | Value::Tuple(items)] if items.is_empty() => return Err(too_few()),
        [Value::List(items) | Value::Tuple(items)] => items,
        _ => operands,
    };
    let Value::Str(equation) = equation else {
        return Err(LangError::type_error(format!(
            "einsum(): argument 'equation' (position 1) must be str, not {}",
            equation.type_name()
        )));
    };
    let mut traced = Vec::with_capacity(operands.len());
    for (k, v) in operands.iter().enumerate() {
        match v {
            Value::Tensor(t) => traced.push(t.clone()),
            other => {
                return Err(LangError::type_error(format!(
                    "expected Tensor as element {k} in argument 1, but got {}",
                    other.type_name()
                )));
            }
        }
    }
    let tensors: Vec<&Tensor> = traced.iter().map(|t| &t.tensor).collect();
    let eq = crate::tensor::einsum::read(equation, &tensors)?;
    // A product's multiply-adds are cheap; one operand's sum reads every element.
    let per_element = if tensors.len() > 1 { MULTIPLY_ADDS_PER_ELEMENT } else { 1 };
    i.budget.work(eq.multiply_adds() / per_element);
    i.budget.check()?;
    let product = eq.run(&tensors)?;
    // PyTorch's einsum ends in a sum for one operand with summed labels, a
    // permute for one without, a view after products with summed labels,
    // a multiplication without.
    let summed = !product.contraction.summed.is_empty();
    let grad_fn = match (traced.len(), summed) {
        (1, true) => "SumBackward1",
        (1, false) => "PermuteBackward0",
        (_, true) => "ViewBackward0",
        (_, false) => "MulBackward0",
    };
    let step =
        Step::Contract { inputs: traced.iter().map(|t| t.node).collect(), contraction: product.contraction };
    let out = i.derived(product.values, step, span);
    let inputs: Vec<&Traced> = traced.iter().collect();
    Ok(Value::Tensor(i.contracted(out, grad_fn, &inputs)))
}
