//! Tensor methods (and their `torch.` function forms): reductions,
//! reshaping, conversions and access.

use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::numpy_api::{item, to_list};
use super::signature::{Bound, CallStyle, bind, overloads_for};
use super::torch_api::{dtype_arg, int_list};
use super::value::{Traced, Value};
use crate::tensor::elementwise::absolute;
use crate::tensor::format::float::general;
use crate::tensor::lanes::Lanes;
use crate::tensor::lineage::{Step, Winners};
use crate::tensor::rearrange::Rearrange;
use crate::tensor::reduce::{Reduction, reduce};
use crate::tensor::shape::wrap_dim;
use crate::tensor::{DType, Tensor, TensorError};
use std::rc::Rc;

/// PyTorch's overloads for each reduction, in the method form, in the
/// order PyTorch tries (and lists) them; `|out` marks those whose `torch.`
/// form also takes `out=`.
fn reduction_signatures(name: &str) -> &'static [&'static str] {
    match name {
        "sum" => &[
            "sum(*, ScalarType? dtype=None)",
            "sum(int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)|out",
            "sum(Dimname[1] dim, bool keepdim=False, *, ScalarType? dtype=None)|hidden",
        ],
        "mean" => &[
            "mean(*, ScalarType? dtype=None)|out",
            "mean(int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)|out",
            "mean(Dimname[1] dim, bool keepdim=False, *, ScalarType? dtype=None)|hidden",
        ],
        "prod" => &[
            "prod(*, ScalarType? dtype=None)",
            "prod(int dim, bool keepdim=False, *, ScalarType? dtype=None)|out",
            "prod(Dimname dim, bool keepdim=False, *, ScalarType? dtype=None)|hidden",
        ],
        "std" => &[
            "std(int[1]? dim, bool unbiased=True, bool keepdim=False)|out",
            "std(int[1]? dim=None, *, Scalar? correction=None, bool keepdim=False)|out",
            "std(bool unbiased=True)",
            "std(Dimname[1] dim, bool unbiased=True, bool keepdim=False)|hidden",
        ],
        "var" => &[
            "var(int[1]? dim, bool unbiased=True, bool keepdim=False)|out",
            "var(int[1]? dim=None, *, Scalar? correction=None, bool keepdim=False)|out",
            "var(bool unbiased=True)",
            "var(Dimname[1] dim, bool unbiased=True, bool keepdim=False)|hidden",
        ],
        "max" => &[
            "max()|out",
            "max(Tensor other)|out",
            "max(int dim, bool keepdim=False)|out",
            "max(Dimname dim, bool keepdim=False)|hidden",
        ],
        "min" => &[
            "min()|out",
            "min(Tensor other)|out",
            "min(int dim, bool keepdim=False)|out",
            "min(Dimname dim, bool keepdim=False)|hidden",
        ],
        "argmax" => &["argmax(int? dim=None, bool keepdim=False)|out"],
        "argmin" => &["argmin(int? dim=None, bool keepdim=False)|out"],
        "amax" => &["amax(int[1]? dim=[], bool keepdim=False)|out"],
        "amin" => &["amin(int[1]? dim=[], bool keepdim=False)|out"],
        "all" => &[
            "all()|out",
            "all(int[1]? dim=None, bool keepdim=False)|out",
            "all(int dim, bool keepdim=False)|out",
            "all(Dimname dim, bool keepdim=False)|hidden",
        ],
        "any" => &[
            "any()|out",
            "any(int[1]? dim=None, bool keepdim=False)|out",
            "any(int dim, bool keepdim=False)|out",
            "any(Dimname dim, bool keepdim=False)|hidden",
        ],
        "count_nonzero" => &["count_nonzero(int? dim=None)", "count_nonzero(int[] dim)"],
        _ => &[],
    }
}

/// Signatures of the other methods the playground runs.
fn method_signatures(name: &str) -> &'static [&'static str] {
    match name {
        "reshape" => &["reshape(SymInt[] shape)"],
        "view" => &["view(ScalarType dtype)", "view(SymInt[] size)"],
        "flatten" => &[
            "flatten(int start_dim=0, int end_dim=-1)",
            "flatten(int start_dim, int end_dim, Dimname out_dim)|hidden",
        ],
        "abs" => &["abs()"],
        "float" => &["float()"],
        "double" => &["double()"],
        "long" => &["long()"],
        "int" => &["int()"],
        "bool" => &["bool()"],
        "clone" => &["clone()"],
        "transpose" => &["transpose(int dim0, int dim1)", "transpose(Dimname dim0, Dimname dim1)|hidden"],
        "permute" => &["permute(int[] dims)"],
        "t" => &["t()"],
        "unsqueeze" => &["unsqueeze(int dim)"],
        "squeeze" => &["squeeze()", "squeeze(int dim)", "squeeze(int[] dim)", "squeeze(Dimname dim)|hidden"],
        "contiguous" => &["contiguous()"],
        "is_contiguous" => &["is_contiguous()"],
        "to" => &[
            "to(Device? device=None, ScalarType? dtype=None, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
            "to(ScalarType dtype, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
            "to(Tensor tensor, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
        ],
        "numel" => &["numel()"],
        "dim" => &["dim()"],
        "size" => &["size(int? dim=None)", "size(Dimname dim)|hidden"],
        "item" => &["item()"],
        "tolist" => &["tolist()"],
        "numpy" => &["numpy(*, bool force=False)"],
        _ => &[],
    }
}

impl Interpreter<'_> {
    /// `t.name(args, kwargs)`.
    pub(crate) fn tensor_method(
        &mut self,
        t: Traced,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, LangError> {
        self.tensor_call(t, name, args, kwargs, span, CallStyle::Method)
    }

    /// A tensor method called as `t.name(...)` or `torch.name(t, ...)`.
    pub(crate) fn tensor_call(
        &mut self,
        t: Traced,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
        style: CallStyle,
    ) -> Result<Value, LangError> {
        if name == "norm" {
            // `torch.norm(input, ...)` and `t.norm(...)` are Python functions.
            let args = if style == CallStyle::Function && !args.is_empty() { &args[1..] } else { &args[..] };
            let kwargs: Vec<_> = kwargs.into_iter().filter(|(k, _)| k != "input").collect();
            return self.norm(t, args, &kwargs, style, span);
        }
        // Methods PyTorch writes in C without parameters refuse arguments
        // in CPython's words.
        if style == CallStyle::Method && matches!(name, "abs" | "numel" | "dim" | "item" | "tolist") {
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
        let reduction = reduction_signatures(name);
        if !reduction.is_empty() {
            let (which, b) = bind(&overloads_for(reduction, style), &args, &kwargs)?;
            if b.get("out").is_some() {
                return Err(LangError::unsupported_here("out= (results are new tensors)"));
            }
            return self.reduction(t, name, which, &b, span);
        }
        let (which, b) = bind(&overloads_for(method_signatures(name), style), &args, &kwargs)?;
        let tensor = &t.tensor;
        Ok(match name {
            "reshape" => {
                let shaped = tensor.reshape(&int_list(b.get("shape")))?;
                Value::Tensor(self.derived(shaped, Step::Reshape { input: t.node }, span))
            }
            "view" if which == 0 => return Err(LangError::unsupported_here("view(dtype)")),
            "view" => {
                let shaped = tensor.view(&int_list(b.get("size")))?;
                Value::Tensor(self.derived(shaped, Step::Reshape { input: t.node }, span))
            }
            "flatten" => {
                let flat = flatten(tensor, int_arg(&b, "start_dim", 0), int_arg(&b, "end_dim", -1))?;
                Value::Tensor(self.derived(flat, Step::Reshape { input: t.node }, span))
            }
            "transpose" | "permute" | "t" | "unsqueeze" | "squeeze" => {
                let r = rearrangement(name, which, &b, tensor)?;
                Value::Tensor(self.rearranged(&t, r, span))
            }
            // A copy only when the elements are not already in row-major order.
            "contiguous" if tensor.layout().is_row_major() => Value::Tensor(t.clone()),
            "contiguous" => Value::Tensor(self.same_elements(tensor.contiguous_as(tensor.dtype()), &t, span)),
            "is_contiguous" => Value::Bool(tensor.layout().is_row_major()),
            "abs" => Value::Tensor(self.element_wise(absolute(tensor)?, &t, span)),
            "float" => self.convert(&t, DType::Float32, span),
            "double" => self.convert(&t, DType::Float64, span),
            "long" => self.convert(&t, DType::Int64, span),
            "int" => self.convert(&t, DType::Int32, span),
            "bool" => self.convert(&t, DType::Bool, span),
            "to" => {
                match b.get("device") {
                    None => {}
                    Some(Value::Str(s)) if &**s == "cpu" => {}
                    Some(_) => return Err(LangError::unsupported_here("devices other than the CPU")),
                }
                let dtype = match b.get("tensor") {
                    Some(Value::Tensor(other)) => other.tensor.dtype(),
                    _ => dtype_arg(b.get("dtype")).unwrap_or(tensor.dtype()),
                };
                match b.get("copy") {
                    // `copy=True` makes a new tensor even when nothing changes.
                    Some(Value::Bool(true)) => {
                        Value::Tensor(self.same_elements(tensor.to_dtype(dtype), &t, span))
                    }
                    _ => self.convert(&t, dtype, span),
                }
            }
            "clone" => Value::Tensor(self.same_elements(tensor.to_dtype(tensor.dtype()), &t, span)),
            "numel" => Value::Int(tensor.numel() as i64),
            "dim" => Value::Int(tensor.rank() as i64),
            "size" => match b.get("dim") {
                None => Value::Size(Rc::new(tensor.shape().dims().to_vec())),
                Some(d) => {
                    let d = d.as_number().map_or(0, |s| s.to_i64());
                    if tensor.rank() == 0 {
                        return Err(LangError::index_error(format!(
                            "Dimension specified as {d} but tensor has no dimensions"
                        )));
                    }
                    Value::Int(tensor.shape().dims()[wrap_dim(d, tensor.rank())?] as i64)
                }
            },
            "item" => item(tensor)?,
            "tolist" => {
                let list = to_list(tensor)?;
                self.budget.nested_list(tensor);
                list
            }
            "numpy" => Value::NdArray(t.clone()),
            other => return Err(LangError::unsupported_here(format!("Tensor.{other}"))),
        })
    }

    /// `t.to(dtype)` and friends: the same tensor when nothing changes.
    fn convert(&mut self, t: &Traced, dtype: DType, span: Span) -> Value {
        if t.tensor.dtype() == dtype {
            return Value::Tensor(t.clone());
        }
        Value::Tensor(self.same_elements(t.tensor.to_dtype(dtype), t, span))
    }

    /// Runs a bound reduction call.
    fn reduction(
        &mut self,
        t: Traced,
        name: &str,
        which: usize,
        b: &Bound,
        span: Span,
    ) -> Result<Value, LangError> {
        let keepdim = matches!(b.get("keepdim"), Some(Value::Bool(true)));
        let dims = match b.get("dim") {
            // For `all` and `any`, `dim=()` reduces no dim; for the others, every dim.
            Some(v) if matches!(name, "all" | "any") => Some(int_list(Some(v))),
            v => dims_arg(v),
        };
        if name == "mean"
            && let Some(d) = dtype_arg(b.get("dtype"))
            && !d.is_floating()
        {
            return Err(TensorError::MeanNeedsFloat { dtype: d, requested: true }.into());
        }
        let input = match dtype_arg(b.get("dtype")) {
            Some(d) if d != t.tensor.dtype() => {
                let cast = t.tensor.to_dtype(d);
                self.same_elements(cast, &t, span)
            }
            _ => t,
        };
        let op = match name {
            "sum" => Reduction::Sum,
            "mean" => Reduction::Mean,
            "prod" => Reduction::Prod,
            "std" | "var" => {
                let correction = match (b.get("correction"), b.get("unbiased")) {
                    (Some(c), _) => c.as_number().map_or(1.0, |s| s.to_f64()),
                    (None, Some(Value::Bool(false))) => 0.0,
                    _ => 1.0,
                };
                if name == "std" { Reduction::Std { correction } } else { Reduction::Var { correction } }
            }
            "max" | "min" if which == 1 => {
                return Err(LangError::unsupported_here(format!(
                    "{name}(other) (the element-wise {name}imum)"
                )));
            }
            "max" | "min" if which == 2 => {
                let op = if name == "max" { Reduction::Max } else { Reduction::Min };
                return self.values_indices(&input, op, dims, keepdim, span);
            }
            "max" => Reduction::Max,
            "min" => Reduction::Min,
            "argmax" => Reduction::Argmax,
            "argmin" => Reduction::Argmin,
            "amax" => Reduction::Amax,
            "amin" => Reduction::Amin,
            "all" => Reduction::All,
            "any" => Reduction::Any,
            "count_nonzero" => Reduction::CountNonzero,
            other => unreachable!("{other} has reduction signatures but no reduction"),
        };
        // PyTorch refuses the dtype before looking at the dims
        // (`torch.tensor([1, 2]).mean(dim=3)` is the dtype error).
        op.output_dtype(input.tensor.dtype())?;
        if matches!(op, Reduction::Amax | Reduction::Amin) {
            nonempty_dims(&input.tensor, op, dims.as_deref().unwrap_or(&[]))?;
        }
        let (traced, _) = self.reduce_traced(&input, op, dims.as_deref(), keepdim, span, None)?;
        match dtype_arg(b.get("dtype")) {
            // `sum(dtype=torch.int32)` is int32 (and `bool` bool), not the int64 a sum of them makes.
            Some(d) if d != traced.tensor.dtype() => {
                Ok(Value::Tensor(self.same_elements(traced.tensor.to_dtype(d), &traced, span)))
            }
            _ => Ok(Value::Tensor(traced)),
        }
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
        let positions = winners.expect("max and min with a dim always pick winners");
        let indices = Tensor::indices(&positions, values.tensor.shape().clone());
        // The indices are computed from the input exactly as the values are
        // (they are its argmax), not from the values.
        let Step::Reduce { input, lanes, winners, .. } = self.graph.node(values.node).step.clone() else {
            unreachable!("reduce_traced records a reduction")
        };
        let position = if op == Reduction::Max { Reduction::Argmax } else { Reduction::Argmin };
        let step = Step::Reduce { op: position, input, lanes, winners };
        let label = format!("{}.indices", self.text(span));
        let indices = self.record(indices, step, span, label);
        let name = if op == Reduction::Max { "max" } else { "min" };
        Ok(Value::ValuesIndices { op: name, values, indices })
    }

    /// `t.norm(p='fro', dim=None, keepdim=False, dtype=None)`, a Python
    /// function in PyTorch, so its arguments follow Python's rules.
    fn norm(
        &mut self,
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
        let params: &[&str] = if function {
            &["p", "dim", "keepdim", "out", "dtype"]
        } else {
            &["p", "dim", "keepdim", "dtype"]
        };
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
                self.same_elements(cast, &t, span)
            }
            _ => t,
        };
        let (traced, _) =
            self.reduce_traced(&input, Reduction::Norm { p: order }, dims.as_deref(), keepdim, span, None)?;
        Ok(Value::Tensor(traced))
    }
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
pub(crate) fn binding_error(name: &str, args: &[Value], kwargs: &[(String, Value)]) -> LangError {
    if name == "norm" {
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
    let texts = match reduction_signatures(name) {
        [] => method_signatures(name),
        sigs => sigs,
    };
    match bind(&overloads_for(texts, CallStyle::Function), args, kwargs) {
        Err(e) => e,
        Ok(_) => LangError::type_error(format!("{name}(): argument 'input' (position 1) must be Tensor")),
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

/// The view a dim-rearranging method asks for, checked as PyTorch checks it.
fn rearrangement(name: &str, which: usize, b: &Bound, t: &Tensor) -> Result<Rearrange, TensorError> {
    let rank = t.rank();
    match name {
        "transpose" => Rearrange::transpose(rank, int_arg(b, "dim0", 0), int_arg(b, "dim1", 0)),
        "permute" => Rearrange::permute(rank, &int_list(b.get("dims"))),
        "t" => Rearrange::t(rank),
        "unsqueeze" => Rearrange::unsqueeze(rank, int_arg(b, "dim", 0)),
        // The first overload is `squeeze()`, every dim of size 1.
        _ => Rearrange::squeeze(t.shape(), (which > 0).then(|| int_list(b.get("dim"))).as_deref()),
    }
}

fn int_arg(b: &Bound, name: &str, default: i64) -> i64 {
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
fn flatten(t: &Tensor, start: i64, end: i64) -> Result<Tensor, TensorError> {
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
