//! Tensor methods (and their `torch.` function forms): dispatch through
//! the catalogue, and the kernels written here (reductions' bookkeeping,
//! shapes, conversions and questions about a tensor).

use super::catalog::{Call, Kernel, Method, Op, Pick};
use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::numpy_api::{item as item_of, to_list};
use super::signature::{Bound, CallStyle, bind, bind_python};
use super::torch_api::{dtype_arg, int_list};
use super::value::{Traced, Value};
use crate::tensor::Scalar;
use crate::tensor::along::{Along, along, lanes_along};
use crate::tensor::autograd::{Derivative, Operand};
use crate::tensor::elementwise::BinaryOp;
use crate::tensor::elementwise::absolute;
use crate::tensor::format::float::general;
use crate::tensor::lanes::Lanes;
use crate::tensor::lineage::{Step, Winners};
use crate::tensor::rearrange::Rearrange;
use crate::tensor::reduce::{Reduction, reduce};
use crate::tensor::shape::wrap_dim;
use crate::tensor::unary::Unary;
use crate::tensor::{DType, Tensor, TensorError};
use std::rc::Rc;

impl Interpreter<'_> {
    /// `t.name(args, kwargs)`.
    pub(crate) fn tensor_method(
        &mut self,
        t: Traced,
        op: Op,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, LangError> {
        self.tensor_call(t, op, args, kwargs, span, CallStyle::Method)
    }

    /// A tensor operation called as `t.name(...)` or `torch.name(t, ...)`.
    pub(crate) fn tensor_call(
        &mut self,
        t: Traced,
        op: Op,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
        style: CallStyle,
    ) -> Result<Value, LangError> {
        let decl = op.decl();
        let name = decl.name;
        let kernel = op.kernel();
        if let Kernel::Python(kernel) = kernel {
            // A Python function takes the tensor as its first argument, `input`.
            let args = if style == CallStyle::Function && !args.is_empty() { &args[1..] } else { &args[..] };
            let kwargs: Vec<_> = kwargs.into_iter().filter(|(k, _)| k != "input").collect();
            return kernel(self, t, args, &kwargs, style, span);
        }
        // Methods PyTorch writes in C without parameters refuse arguments
        // in CPython's words.
        if style == CallStyle::Method && decl.spellings.method == Method::NoArgs {
            if !kwargs.is_empty() {
                return Err(LangError::type_error(format!("TensorBase.{name}() takes no keyword arguments")));
            }
            if !args.is_empty() {
                return Err(LangError::type_error(format!(
                    "TensorBase.{name}() takes no arguments ({} given)",
                    args.len()
                )));
            }
        }
        let (which, bound) = bind(op.overloads(style), &args, &kwargs)?;
        if bound.get("out").is_some() {
            return Err(LangError::unsupported_here("out= (results are new tensors)"));
        }
        let call = Call { which, bound: &bound, span };
        match kernel {
            Kernel::Reduce(pick) => self.reduction(t, pick(which, &bound), &bound, span),
            Kernel::Along(op) => self.along(t, op, &bound, span),
            Kernel::Unary(op) => {
                let values = op.apply(&t.tensor)?;
                let out = self.element_wise(values, &t, span);
                let (grad_fn, derivative) = match op {
                    // `square` is `pow(t, 2)`.
                    Unary::Square => (
                        "PowBackward0",
                        Derivative::Binary {
                            op: BinaryOp::Pow,
                            operands: [Operand::Tensor(t.tensor.clone()), Operand::Number(Scalar::Int(2))],
                            result: out.tensor.clone(),
                        },
                    ),
                    _ => (
                        unary_grad_fn(op),
                        Derivative::Unary { op, input: t.tensor.clone(), result: out.tensor.clone() },
                    ),
                };
                Ok(Value::Tensor(self.differentiable(out, grad_fn, derivative, &[&t])))
            }
            Kernel::Method(kernel) | Kernel::Function { method: kernel, .. } => kernel(self, t, &call),
            Kernel::Python(_) => unreachable!("Python functions are run above"),
            Kernel::Create(_) => Err(binding_error(op, &args, &kwargs)),
            Kernel::InInterpreter => unreachable!("the interpreter reads whole kernels (Op::kernel)"),
        }
    }

    /// `torch.nn.functional.name(input, ...)`, a Python function: its
    /// arguments bound by Python's rules, then the tensor's method called
    /// as PyTorch's Python code calls it.
    pub(crate) fn functional(
        &mut self,
        op: Op,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, LangError> {
        let signature = op.decl().spellings.functional.expect("only functional ops are called so");
        let mut bound = bind_python(signature, &args, &kwargs)?.into_iter();
        let input = bound.next().flatten();
        let Some(Value::Tensor(t)) = input else {
            // PyTorch's softmax calls the input's method; relu and the like
            // pass the input to their `torch.` function, which refuses it.
            return Err(match op.kernel() {
                Kernel::Along(_) => LangError::attribute_error(format!(
                    "'{}' object has no attribute '{}'",
                    input.as_ref().map_or("NoneType", Value::type_name),
                    op.name()
                )),
                _ => binding_error(op, &input.into_iter().collect::<Vec<_>>(), &[]),
            });
        };
        match op.kernel() {
            // `softmax(input, dim=None, _stacklevel=3, dtype=None)` and its kin.
            Kernel::Along(_) => {
                let (dim, _stacklevel, dtype) =
                    (bound.next().flatten(), bound.next(), bound.next().flatten());
                // No dim: PyTorch's (deprecated) implicit choice, dim 0 for
                // 0-, 1- and 3-d tensors, dim 1 otherwise.
                let dim = dim.unwrap_or_else(|| Value::Int(i64::from(!matches!(t.tensor.rank(), 0 | 1 | 3))));
                let kwargs = dtype.map(|d| vec![("dtype".to_string(), d)]).unwrap_or_default();
                self.tensor_call(t, op, vec![dim], kwargs, span, CallStyle::Method)
            }
            // `relu(input, inplace=False)`, `sigmoid(input)`: the method, without arguments.
            Kernel::Unary(_) => {
                if matches!(bound.next().flatten(), Some(Value::Bool(true))) {
                    return Err(LangError::unsupported_here("inplace=True (results are new tensors)"));
                }
                self.tensor_call(t, op, Vec::new(), Vec::new(), span, CallStyle::Method)
            }
            _ => self.tensor_call(t, op, bound.flatten().collect(), Vec::new(), span, CallStyle::Method),
        }
    }

    /// `t.to(dtype)` and friends: the same tensor when nothing changes.
    pub(crate) fn convert(&mut self, t: &Traced, dtype: DType, span: Span) -> Result<Value, LangError> {
        if t.tensor.dtype() == dtype {
            return Ok(Value::Tensor(t.clone()));
        }
        Ok(Value::Tensor(self.converted(t.tensor.to_dtype(dtype), t, span)))
    }

    /// Runs a bound reduction call.
    fn reduction(&mut self, t: Traced, pick: Pick, b: &Bound, span: Span) -> Result<Value, LangError> {
        let op = match pick {
            Pick::Reduce(op) | Pick::WithIndices(op) => op,
            Pick::NotYet(what) => return Err(LangError::unsupported_here(what)),
        };
        let keepdim = matches!(b.get("keepdim"), Some(Value::Bool(true)));
        let dims = match b.get("dim") {
            // For `all` and `any`, `dim=()` reduces no dim; for the others, every dim.
            Some(v) if !op.empty_dims_mean_every_dim() => Some(int_list(Some(v))),
            // `kthvalue`'s dim defaults to the last one.
            None if matches!(op, Reduction::Kthvalue { .. }) => Some(vec![-1]),
            v => dims_arg(v),
        };
        if let Some(d) = dtype_arg(b.get("dtype"))
            && let Some(refusal) = op.refuses_requested(d)
        {
            return Err(refusal.into());
        }
        let input = match dtype_arg(b.get("dtype")) {
            Some(d) if d != t.tensor.dtype() => {
                let cast = t.tensor.to_dtype(d);
                self.converted(cast, &t, span)
            }
            _ => t,
        };
        if let Pick::WithIndices(op) = pick {
            return self.values_indices(&input, op, dims, keepdim, span);
        }
        // PyTorch refuses the dtype before looking at the dims
        // (`torch.tensor([1, 2]).mean(dim=3)` is the dtype error).
        op.output_dtype_over(input.tensor.dtype(), dims.is_none())?;
        if matches!(op, Reduction::Amax | Reduction::Amin) {
            nonempty_dims(&input.tensor, op, dims.as_deref().unwrap_or(&[]))?;
        }
        let (traced, _) = self.reduce_traced(&input, op, dims.as_deref(), keepdim, span, None)?;
        let traced = self.reduction_derivative(traced, &input, op, b.get("dim").is_some());
        match dtype_arg(b.get("dtype")) {
            // `sum(dtype=torch.int32)` is int32 (and `bool` bool), not the int64 a sum of them makes.
            Some(d) if d != traced.tensor.dtype() => {
                Ok(Value::Tensor(self.converted(traced.tensor.to_dtype(d), &traced, span)))
            }
            _ => Ok(Value::Tensor(traced)),
        }
    }

    /// Runs a bound call of an operation along a dim: the input converted
    /// first (to `dtype=`, or to the dtype the op computes in), then the
    /// op, recorded with the lanes it read.
    fn along(&mut self, t: Traced, op: Along, b: &Bound, span: Span) -> Result<Value, LangError> {
        let dim = int_arg(b, "dim", 0);
        let dtype = match dtype_arg(b.get("dtype")) {
            Some(d) => d,
            None => op.output_dtype(t.tensor.dtype())?,
        };
        let input = match dtype == t.tensor.dtype() {
            true => t,
            false => {
                let cast = t.tensor.to_dtype(dtype);
                self.converted(cast, &t, span)
            }
        };
        let values = along(&input.tensor, op, dim)?;
        let lanes = lanes_along(input.tensor.shape(), wrap_dim(dim, input.tensor.rank())?)?;
        let step = Step::Along { op, input: input.node, lanes };
        let out = self.derived(values, step, span);
        let result = out.tensor.clone();
        let (grad_fn, derivative) = match op {
            Along::Cumsum => ("CumsumBackward0", Derivative::Cumsum),
            Along::Cumprod => {
                ("CumprodBackward0", Derivative::Cumprod { input: input.tensor.clone(), result })
            }
            Along::Softmax => ("SoftmaxBackward0", Derivative::Softmax { result }),
            Along::LogSoftmax => ("LogSoftmaxBackward0", Derivative::LogSoftmax { result }),
        };
        Ok(Value::Tensor(self.differentiable(out, grad_fn, derivative, &[&input])))
    }

    /// Reduces and records the reduction in the lineage graph.
    fn reduce_traced(
        &mut self,
        input: &Traced,
        op: Reduction,
        dims: Option<&[i64]>,
        keepdim: bool,
        span: Span,
        label_suffix: Option<&str>,
    ) -> Result<(Traced, Option<Winners>), LangError> {
        let lanes = Lanes::new(input.tensor.shape(), dims, keepdim)?;
        let reduced = reduce(&input.tensor, op, &lanes)?;
        let winners = reduced.winners.map(Rc::new);
        let step = Step::Reduce { op, input: input.node, lanes, winners: winners.clone() };
        let traced = self.derived(reduced.values, step, span);
        if let Some(suffix) = label_suffix {
            let label = format!("{}{suffix}", self.graph.node(traced.node).label);
            self.graph.rename(traced.node, label);
        }
        Ok((traced, winners))
    }

    /// `t.max(dim)`: the values and where they were found.
    fn values_indices(
        &mut self,
        input: &Traced,
        op: Reduction,
        dims: Option<Vec<i64>>,
        keepdim: bool,
        span: Span,
    ) -> Result<Value, LangError> {
        let (values, winners) =
            self.reduce_traced(input, op, dims.as_deref(), keepdim, span, Some(".values"))?;
        let grad_fn = match op {
            Reduction::Max => "MaxBackward0",
            Reduction::Min => "MinBackward0",
            Reduction::Median { .. } => "MedianBackward1",
            _ => "KthvalueBackward0",
        };
        let values = self.differentiable(values, grad_fn, Derivative::Copy, &[input]);
        let positions = winners.expect("max and min with a dim always pick winners");
        let indices = Tensor::indices(&positions, values.tensor.shape().clone());
        // The indices are computed from the input exactly as the values are
        // (they are its argmax), not from the values.
        let Step::Reduce { input, lanes, winners, .. } = self.graph.node(values.node).step.clone() else {
            unreachable!("reduce_traced records a reduction")
        };
        let step = Step::Reduce { op: op.positions(), input, lanes, winners };
        let label = format!("{}.indices", self.text(span));
        let indices = self.record(indices, step, span, label);
        Ok(Value::ValuesIndices { op: Op::of_reduction(op).name(), values, indices })
    }
}

impl Interpreter<'_> {
    /// Records how to differentiate `out`, the reduction `op` of `input`
    /// (`dim_given`: over named dims, which PyTorch names another overload).
    fn reduction_derivative(
        &mut self,
        out: Traced,
        input: &Traced,
        op: Reduction,
        dim_given: bool,
    ) -> Traced {
        let (x, result) = (input.tensor.clone(), out.tensor.clone());
        let overload = |whole: &'static str, dims: &'static str| if dim_given { dims } else { whole };
        let (grad_fn, derivative) = match op {
            Reduction::Sum => (overload("SumBackward0", "SumBackward1"), Derivative::Sum),
            Reduction::Mean => (overload("MeanBackward0", "MeanBackward1"), Derivative::Mean),
            Reduction::Prod => {
                (overload("ProdBackward0", "ProdBackward1"), Derivative::Prod { input: x, result })
            }
            Reduction::Var { correction } => ("VarBackward0", Derivative::Var { input: x, correction }),
            Reduction::Std { correction } => {
                ("StdBackward0", Derivative::Std { input: x, result, correction })
            }
            Reduction::Max => ("MaxBackward1", Derivative::Evenly { input: x, result }),
            Reduction::Min => ("MinBackward1", Derivative::Evenly { input: x, result }),
            Reduction::Median { .. } => ("MedianBackward0", Derivative::Evenly { input: x, result }),
            Reduction::Amax => ("AmaxBackward0", Derivative::Counted { input: x, result }),
            Reduction::Amin => ("AminBackward0", Derivative::Counted { input: x, result }),
            Reduction::Norm { p } => ("LinalgVectorNormBackward0", Derivative::Norm { input: x, result, p }),
            Reduction::Logsumexp => ("LogsumexpBackward0", Derivative::Logsumexp { input: x, result }),
            // Positions, counts and truth values have no derivative.
            _ => return out,
        };
        self.differentiable(out, grad_fn, derivative, &[input])
    }

    /// Records a reshape (`reshape`, `view`, `flatten`): a view where the
    /// elements allow one (`ViewBackward0`), else a copy (`UnsafeViewBackward0`).
    fn reshaped(&mut self, shaped: Tensor, t: &Traced, span: Span) -> Traced {
        let grad_fn =
            if shaped.buffer_id() == t.tensor.buffer_id() { "ViewBackward0" } else { "UnsafeViewBackward0" };
        let out = self.derived(shaped, Step::Reshape { input: t.node }, span);
        self.differentiable(out, grad_fn, Derivative::Copy, &[t])
    }
}

/// The `grad_fn` of an element-wise function.
fn unary_grad_fn(op: Unary) -> &'static str {
    match op {
        Unary::Exp => "ExpBackward0",
        Unary::Log => "LogBackward0",
        Unary::Sqrt => "SqrtBackward0",
        Unary::Square => "PowBackward0",
        Unary::Sigmoid => "SigmoidBackward0",
        Unary::Tanh => "TanhBackward0",
        Unary::Relu => "ReluBackward0",
        Unary::Isnan => "NotImplemented",
    }
}

/// `t.reshape(shape)`.
pub(crate) fn reshape(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let shaped = t.tensor.reshape(&int_list(c.bound.get("shape")))?;
    Ok(Value::Tensor(i.reshaped(shaped, &t, c.span)))
}

/// `t.view(size)`; `t.view(dtype)` reinterprets bytes, which the playground does not.
pub(crate) fn view(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    if c.which == 0 {
        return Err(LangError::unsupported_here("view(dtype)"));
    }
    let shaped = t.tensor.view(&int_list(c.bound.get("size")))?;
    Ok(Value::Tensor(i.reshaped(shaped, &t, c.span)))
}

/// `t.flatten(start_dim, end_dim)`.
pub(crate) fn flatten(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let (start, end) = (int_arg(c.bound, "start_dim", 0), int_arg(c.bound, "end_dim", -1));
    let flat = flatten_dims(&t.tensor, start, end)?;
    let out = i.reshaped(flat, &t, c.span);
    // `flatten` of one dim is the tensor itself (`start_dim == end_dim`).
    let same = t.tensor.rank() > 0 && wrap_dim(start, t.tensor.rank())? == wrap_dim(end, t.tensor.rank())?;
    Ok(Value::Tensor(if same { i.same_tensor(out, &t) } else { out }))
}

/// `t.transpose(dim0, dim1)`.
pub(crate) fn transpose(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let r = Rearrange::transpose(t.tensor.rank(), int_arg(c.bound, "dim0", 0), int_arg(c.bound, "dim1", 0))?;
    Ok(Value::Tensor(i.rearranged(&t, r, "TransposeBackward0", c.span)))
}

/// `t.permute(dims)`.
pub(crate) fn permute(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let r = Rearrange::permute(t.tensor.rank(), &int_list(c.bound.get("dims")))?;
    Ok(Value::Tensor(i.rearranged(&t, r, "PermuteBackward0", c.span)))
}

/// `t.t()`.
pub(crate) fn matrix_t(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let r = Rearrange::t(t.tensor.rank())?;
    Ok(Value::Tensor(i.rearranged(&t, r, "TBackward0", c.span)))
}

/// `t.unsqueeze(dim)`.
pub(crate) fn unsqueeze(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let r = Rearrange::unsqueeze(t.tensor.rank(), int_arg(c.bound, "dim", 0))?;
    Ok(Value::Tensor(i.rearranged(&t, r, "UnsqueezeBackward0", c.span)))
}

/// `t.squeeze()` (every dim of size 1, the first overload) or `t.squeeze(dim)`.
pub(crate) fn squeeze(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let dims = (c.which > 0).then(|| int_list(c.bound.get("dim")));
    let r = Rearrange::squeeze(t.tensor.shape(), dims.as_deref())?;
    let grad_fn = match c.which {
        0 => "SqueezeBackward0",
        1 => "SqueezeBackward1",
        _ => "SqueezeBackward2",
    };
    Ok(Value::Tensor(i.rearranged(&t, r, grad_fn, c.span)))
}

/// `t.contiguous()`: a copy only when the elements are not already in row-major order.
pub(crate) fn contiguous(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    if t.tensor.layout().is_row_major() {
        return Ok(Value::Tensor(t));
    }
    let copy = t.tensor.contiguous_as(t.tensor.dtype());
    let out = i.same_elements(copy, &t, c.span);
    Ok(Value::Tensor(i.differentiable(out, "CloneBackward0", Derivative::Copy, &[&t])))
}

/// `t.is_contiguous()`.
pub(crate) fn is_contiguous(_: &mut Interpreter<'_>, t: Traced, _: &Call<'_>) -> Result<Value, LangError> {
    Ok(Value::Bool(t.tensor.layout().is_row_major()))
}

/// `t.abs()`.
pub(crate) fn abs(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let values = absolute(&t.tensor)?;
    let out = i.element_wise(values, &t, c.span);
    let derivative = Derivative::Abs { input: t.tensor.clone() };
    Ok(Value::Tensor(i.differentiable(out, "AbsBackward0", derivative, &[&t])))
}

/// `t.clamp(min, max)` (also `clip`) with number bounds.
pub(crate) fn clamp(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    if c.which == 1 {
        return Err(LangError::unsupported_here("clamp() with tensor bounds"));
    }
    let (min, max) =
        (c.bound.get("min").and_then(Value::as_number), c.bound.get("max").and_then(Value::as_number));
    if min.is_none() && max.is_none() {
        return Err(LangError::runtime("torch.clamp: At least one of 'min' or 'max' must not be None"));
    }
    let values = crate::tensor::unary::clamp(&t.tensor, min, max)?;
    let out = i.element_wise(values, &t, c.span);
    let derivative = Derivative::Clamp {
        input: t.tensor.clone(),
        min: min.map(Scalar::to_f64),
        max: max.map(Scalar::to_f64),
    };
    Ok(Value::Tensor(i.differentiable(out, "ClampBackward1", derivative, &[&t])))
}

/// `torch.maximum(t, other)`.
pub(crate) fn maximum(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    extreme_of_two(i, t, c, true)
}

/// `torch.minimum(t, other)`.
pub(crate) fn minimum(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    extreme_of_two(i, t, c, false)
}

/// The element-wise extreme of two tensors, each element traced to the
/// two it was chosen from, the one chosen its winner.
fn extreme_of_two(
    i: &mut Interpreter<'_>,
    t: Traced,
    c: &Call<'_>,
    larger: bool,
) -> Result<Value, LangError> {
    let Some(Value::Tensor(other)) = c.bound.get("other") else {
        unreachable!("the overload binds a tensor `other`")
    };
    let (values, picked) = crate::tensor::unary::extreme_of(&t.tensor, &other.tensor, larger)?;
    let (_, la, lb) = crate::tensor::elementwise::broadcast_layouts(t.tensor.shape(), other.tensor.shape())?;
    let step = Step::Pick {
        inputs: vec![(t.node, la), (other.node, lb)],
        picked: Rc::new(picked),
        deciders: Vec::new(),
    };
    let out = i.derived(values, step, c.span);
    let derivative = Derivative::Extreme { a: t.tensor.clone(), b: other.tensor.clone(), larger };
    let grad_fn = if larger { "MaximumBackward0" } else { "MinimumBackward0" };
    Ok(Value::Tensor(i.differentiable(out, grad_fn, derivative, &[&t, other])))
}

/// `t.to(...)`: a device (only the CPU), a dtype, or another tensor's dtype.
pub(crate) fn to(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let b = c.bound;
    match b.get("device") {
        None => {}
        Some(Value::Str(s)) if &**s == "cpu" => {}
        Some(_) => return Err(LangError::unsupported_here("devices other than the CPU")),
    }
    let dtype = match b.get("tensor") {
        Some(Value::Tensor(other)) => other.tensor.dtype(),
        _ => dtype_arg(b.get("dtype")).unwrap_or(t.tensor.dtype()),
    };
    match b.get("copy") {
        // `copy=True` makes a new tensor even when nothing changes.
        Some(Value::Bool(true)) => Ok(Value::Tensor(i.converted(t.tensor.to_dtype(dtype), &t, c.span))),
        _ => i.convert(&t, dtype, c.span),
    }
}

/// `t.clone()`.
pub(crate) fn clone(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let copy = t.tensor.to_dtype(t.tensor.dtype());
    let out = i.same_elements(copy, &t, c.span);
    Ok(Value::Tensor(i.differentiable(out, "CloneBackward0", Derivative::Copy, &[&t])))
}

/// `t.numel()`.
pub(crate) fn numel(_: &mut Interpreter<'_>, t: Traced, _: &Call<'_>) -> Result<Value, LangError> {
    Ok(Value::Int(t.tensor.numel() as i64))
}

/// `t.dim()`.
pub(crate) fn dim(_: &mut Interpreter<'_>, t: Traced, _: &Call<'_>) -> Result<Value, LangError> {
    Ok(Value::Int(t.tensor.rank() as i64))
}

/// `t.size()` and `t.size(dim)`.
pub(crate) fn size(_: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let tensor = &t.tensor;
    match c.bound.get("dim") {
        None => Ok(Value::Size(Rc::new(tensor.shape().dims().to_vec()))),
        Some(d) => {
            let d = d.as_number().map_or(0, |s| s.to_i64());
            if tensor.rank() == 0 {
                return Err(LangError::index_error(format!(
                    "Dimension specified as {d} but tensor has no dimensions"
                )));
            }
            Ok(Value::Int(tensor.shape().dims()[wrap_dim(d, tensor.rank())?] as i64))
        }
    }
}

/// `t.item()`.
pub(crate) fn item(_: &mut Interpreter<'_>, t: Traced, _: &Call<'_>) -> Result<Value, LangError> {
    item_of(&t.tensor)
}

/// `t.tolist()`.
pub(crate) fn tolist(i: &mut Interpreter<'_>, t: Traced, _: &Call<'_>) -> Result<Value, LangError> {
    let list = to_list(&t.tensor)?;
    i.budget.nested_list(&t.tensor);
    Ok(list)
}

/// `t.numpy()`.
pub(crate) fn numpy(_: &mut Interpreter<'_>, t: Traced, _: &Call<'_>) -> Result<Value, LangError> {
    if t.requires_grad() {
        return Err(LangError::runtime(
            "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
        ));
    }
    Ok(Value::NdArray(t))
}

/// `t.norm(p='fro', dim=None, keepdim=False, dtype=None)`, a Python
/// function in PyTorch, so its arguments follow Python's rules.
pub(crate) fn norm(
    i: &mut Interpreter<'_>,
    t: Traced,
    args: &[Value],
    kwargs: &[(String, Value)],
    style: CallStyle,
    span: Span,
) -> Result<Value, LangError> {
    // Python functions: `Tensor.norm(self, p, dim, keepdim, dtype)` and
    // `torch.norm(input, p, dim, keepdim, out, dtype)`, which CPython names
    // by their qualified names.
    let function = style == CallStyle::Function;
    let params: &[&str] =
        if function { &["p", "dim", "keepdim", "out", "dtype"] } else { &["p", "dim", "keepdim", "dtype"] };
    let who = if function { "norm()" } else { "Tensor.norm()" };
    let mut bound: Vec<Option<Value>> = vec![None; params.len()];
    if args.len() > params.len() {
        return Err(LangError::type_error(format!(
            "{who} takes from 1 to {} positional arguments but {} were given",
            params.len() + 1,
            args.len() + 1
        )));
    }
    for (slot, v) in bound.iter_mut().zip(args) {
        *slot = Some(v.clone());
    }
    for (k, v) in kwargs {
        let Some(i) = params.iter().position(|p| p == k) else {
            return Err(LangError::type_error(format!("{who} got an unexpected keyword argument '{k}'")));
        };
        if bound[i].is_some() {
            return Err(LangError::type_error(format!("{who} got multiple values for argument '{k}'")));
        }
        bound[i] = Some(v.clone());
    }
    let arg = |name: &str| bound[params.iter().position(|p| *p == name).unwrap_or(0)].clone();
    if function && !matches!(arg("out"), None | Some(Value::None)) {
        return Err(LangError::unsupported_here("torch.norm(out=...)"));
    }
    let (p, dim, keepdim, dtype) = (arg("p"), arg("dim"), arg("keepdim"), arg("dtype"));
    let keepdim = match &keepdim {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            return Err(LangError::type_error(format!(
                "linalg_vector_norm(): argument 'keepdim' (position 4) must be bool, not {}",
                other.type_name()
            )));
        }
    };
    let dims = match &dim {
        None | Some(Value::None) => None,
        Some(Value::Int(i)) => Some(vec![*i]),
        // `dim=()` is every dim, as no dim is.
        Some(v @ (Value::Tuple(_) | Value::List(_) | Value::Size(_))) => dims_arg(Some(v)),
        // A bool is an int to Python but not to PyTorch's int lists.
        Some(Value::Bool(_)) => {
            return Err(LangError::type_error(
                "linalg_vector_norm(): argument 'dim' (position 3) must be tuple of ints, but found element of type bool at pos 0",
            ));
        }
        Some(other) => {
            return Err(LangError::type_error(format!(
                "linalg_vector_norm(): argument 'dim' (position 3) must be tuple of ints, not {}",
                other.type_name()
            )));
        }
    };
    let order = match &p {
        Some(Value::None) => 2.0,
        // The default order is 'fro', which over at most two dims is the 2-norm.
        None => frobenius(dims.as_deref())?,
        Some(Value::Str(s)) if &**s == "fro" => frobenius(dims.as_deref())?,
        Some(Value::Str(s)) if &**s == "nuc" => {
            return Err(LangError::unsupported_here("the nuclear norm (p='nuc')"));
        }
        Some(Value::Str(s)) => {
            return Err(LangError::runtime(format!("linalg.matrix_norm: Order {s} not supported.")));
        }
        Some(v) => match v.as_number() {
            Some(s) => s.to_f64(),
            None => {
                return Err(LangError::type_error(format!(
                    "linalg_vector_norm(): argument 'ord' (position 2) must be Number, not {}",
                    v.type_name()
                )));
            }
        },
    };
    // PyTorch checks the dtype first, before any dim (and refuses an
    // integer tensor even when `dtype=` asks for a float).
    if !t.tensor.dtype().is_floating() {
        return Err(TensorError::NormNeedsFloat { dtype: t.tensor.dtype() }.into());
    }
    check_norm_identity(&t.tensor, order, dims.as_deref())?;
    let input = match dtype_arg(dtype.as_ref()) {
        Some(d) if d != t.tensor.dtype() => {
            let cast = t.tensor.to_dtype(d);
            i.converted(cast, &t, span)
        }
        _ => t,
    };
    let op = Reduction::Norm { p: order };
    let (traced, _) = i.reduce_traced(&input, op, dims.as_deref(), keepdim, span, None)?;
    Ok(Value::Tensor(i.reduction_derivative(traced, &input, op, true)))
}

/// Norms of negative or infinite order have no value for nothing (no
/// identity), so PyTorch refuses them over an empty dim, naming the order
/// as C++ prints it and the dim as the learner wrote it.
fn check_norm_identity(t: &Tensor, order: f64, dims: Option<&[i64]>) -> Result<(), LangError> {
    if t.numel() != 0 || (order >= 0.0 && order != f64::INFINITY) {
        return Ok(());
    }
    let ord = general(order);
    let Some(dims) = dims else {
        return Err(LangError::runtime(format!(
            "linalg.vector_norm cannot compute the {ord} norm on an empty tensor because the operation does not have an identity"
        )));
    };
    for &d in dims {
        if t.shape().dims()[wrap_dim(d, t.rank())?] == 0 {
            // PyTorch's message has no space before "because".
            return Err(LangError::runtime(format!(
                "linalg.vector_norm cannot compute the {ord} norm on the dimension {d}because this dimension is empty and the operation does not have an identity"
            )));
        }
    }
    Ok(())
}

/// The error PyTorch raises for `torch.name(...)` called without a tensor.
pub(crate) fn binding_error(op: Op, args: &[Value], kwargs: &[(String, Value)]) -> LangError {
    if op == Op::Split {
        // `torch.split(tensor, split_size_or_sections, dim=0)`, a Python
        // function, calls the method of its first argument.
        return match bind_python("split(tensor, split_size_or_sections, dim=0)", args, kwargs) {
            Err(e) => e,
            Ok(bound) => {
                let tensor = bound.into_iter().next().flatten();
                let name = tensor.as_ref().map_or("NoneType", Value::type_name);
                LangError::attribute_error(format!("'{name}' object has no attribute 'split'"))
            }
        };
    }
    if let Kernel::Python(_) = op.kernel() {
        // `torch.norm` is a Python function with no overloads to bind: it
        // fails on its first use of `input`, as an attribute lookup.
        let input = args.first().or_else(|| kwargs.iter().find(|(k, _)| k == "input").map(|(_, v)| v));
        return match input {
            None => LangError::type_error("norm() missing 1 required positional argument: 'input'"),
            Some(v) => {
                LangError::attribute_error(format!("'{}' object has no attribute 'layout'", v.type_name()))
            }
        };
    }
    match bind(op.overloads(CallStyle::Function), args, kwargs) {
        Err(e) => e,
        Ok(_) => {
            LangError::type_error(format!("{}(): argument 'input' (position 1) must be Tensor", op.name()))
        }
    }
}

/// The Frobenius norm is the 2-norm over at most two dims; over more,
/// PyTorch hands it to the matrix norm, which refuses.
fn frobenius(dims: Option<&[i64]>) -> Result<f64, LangError> {
    match dims {
        Some(d) if d.len() > 2 => {
            let listed: Vec<String> = d.iter().map(|x| x.to_string()).collect();
            Err(LangError::runtime(format!(
                "linalg.matrix_norm: dim must be a 2-tuple. Got {}",
                listed.join(" ")
            )))
        }
        _ => Ok(2.0),
    }
}

/// An int argument, or `default` when it was not given.
pub(crate) fn int_arg(b: &Bound, name: &str, default: i64) -> i64 {
    b.get(name).and_then(Value::as_number).map_or(default, |s| s.to_i64())
}

/// A `dim` argument as a list of dims; `None` (and the empty tuple) mean every dim.
fn dims_arg(v: Option<&Value>) -> Option<Vec<i64>> {
    let dims = int_list(Some(v?));
    if dims.is_empty() { None } else { Some(dims) }
}

/// amax/amin of an empty tensor check each dim, in the order written and
/// before repeated dims, and name a dim of size 0 as it was written.
fn nonempty_dims(t: &Tensor, op: Reduction, dims: &[i64]) -> Result<(), TensorError> {
    if t.numel() > 0 {
        return Ok(());
    }
    for &d in dims {
        if t.shape().dims()[wrap_dim(d, t.rank())?] == 0 {
            return Err(TensorError::EmptyReductionDim { op: op.name(), dim: d });
        }
    }
    Ok(())
}

/// `t.flatten(start_dim, end_dim)`: merges the dims from start to end.
fn flatten_dims(t: &Tensor, start: i64, end: i64) -> Result<Tensor, TensorError> {
    let (s, e) = (wrap_dim(start, t.rank())?, wrap_dim(end, t.rank())?);
    if t.rank() == 0 {
        // Only after the dims are checked: `t.flatten(5)` is an IndexError even here.
        return t.reshape(&[1]);
    }
    if s > e {
        return Err(TensorError::runtime("flatten() has invalid args: start_dim cannot come after end_dim"));
    }
    let dims = t.shape().dims();
    let mut sizes: Vec<i64> = dims[..s].iter().map(|&d| d as i64).collect();
    // In 64 bits: an empty tensor's sizes (2**24 x 2**24 x 0) may multiply past a 32-bit usize.
    sizes.push(crate::tensor::shape::numel_u64(&dims[s..=e]) as i64);
    sizes.extend(dims[e + 1..].iter().map(|&d| d as i64));
    t.reshape(&sizes)
}
