//! Joining and splitting tensors: `torch.cat` (also `concat`,
//! `concatenate`), `torch.stack`, `chunk` and `split` (kernels in
//! `tensor::join`). A join traces each element to the one it was copied
//! from (`Step::Join`); the pieces of a split are views of their input,
//! returned as a tuple as PyTorch returns them.

use super::catalog::{Call, Op};
use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::signature::{CallStyle, bind, bind_python};
use super::value::{Traced, Value};
use crate::tensor::autograd::Derivative;
use crate::tensor::join::{self, Joined, check_lengths, chunk_lengths, split_lengths};
use crate::tensor::lineage::Step;
use crate::tensor::shape::wrap_dim;
use crate::tensor::{Layout, Tensor, TensorError};

/// The most pieces one split may make: each is a tensor the page can draw
/// and the lineage keeps (`t.split(1)` of a large tensor would make millions).
const MAX_PIECES: usize = 1024;

/// `torch.cat(tensors, dim=0)`.
pub(crate) fn cat(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    joined(i, Op::Cat, join::cat, args, kwargs, span)
}

/// `torch.stack(tensors, dim=0)`.
pub(crate) fn stack(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    joined(i, Op::Stack, join::stack, args, kwargs, span)
}

/// Binds a call of `cat` or `stack` and runs it.
fn joined(
    i: &mut Interpreter<'_>,
    op: Op,
    kernel: fn(&[&Tensor], i64) -> Result<Joined, TensorError>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bind(op.overloads(CallStyle::Function), args, kwargs)?;
    if b.get("out").is_some() {
        return Err(LangError::unsupported_here("out= (results are new tensors)"));
    }
    let Some(Value::List(items) | Value::Tuple(items)) = b.get("tensors") else {
        unreachable!("the overload binds a list of tensors")
    };
    let traced: Vec<&Traced> = items
        .iter()
        .map(|v| match v {
            Value::Tensor(t) => t,
            _ => unreachable!("the binding checks every item is a tensor"),
        })
        .collect();
    let dim = b.get("dim").and_then(Value::as_number).map_or(0, |s| s.to_i64());
    let tensors: Vec<&Tensor> = traced.iter().map(|t| &t.tensor).collect();
    let joined = kernel(&tensors, dim)?;
    let inputs = joined.inputs.iter().map(|&k| traced[k].node).collect();
    let step = Step::Join { inputs, join: joined.join };
    let out = i.derived(joined.values, step, span);
    let read: Vec<&Traced> = joined.inputs.iter().map(|&k| traced[k]).collect();
    let grad_fn = if op == Op::Stack { "StackBackward0" } else { "CatBackward0" };
    Ok(Value::Tensor(i.differentiable(out, grad_fn, Derivative::Copy, &read)))
}

/// `t.chunk(chunks, dim=0)`: as equal pieces as the size allows, the last smaller.
pub(crate) fn chunk(i: &mut Interpreter<'_>, t: Traced, c: &Call<'_>) -> Result<Value, LangError> {
    let int = |name: &str| c.bound.get(name).and_then(Value::as_number).map(|s| s.to_i64());
    let (chunks, dim) = (int("chunks").unwrap_or(1), int("dim").unwrap_or(0));
    if t.tensor.rank() == 0 {
        return Err(TensorError::runtime("chunk expects at least a 1-dimensional tensor").into());
    }
    if chunks <= 0 {
        return Err(TensorError::runtime(format!(
            "chunk expects `chunks` to be greater than 0, got: {chunks}"
        ))
        .into());
    }
    let dim = wrap_dim(dim, t.tensor.rank())?;
    let size = t.tensor.shape().dims()[dim];
    let lengths =
        chunk_lengths(size, usize::try_from(chunks).unwrap_or(usize::MAX).min(size.max(MAX_PIECES + 1)));
    pieces(i, &t, dim, &lengths, "SplitBackward0", c.span)
}

/// `t.split(split_size, dim=0)` and `torch.split(tensor,
/// split_size_or_sections, dim=0)`, Python functions in PyTorch: a size
/// cuts pieces of that length (the last shorter), a list of sizes pieces
/// of those lengths.
pub(crate) fn split(
    i: &mut Interpreter<'_>,
    t: Traced,
    args: &[Value],
    kwargs: &[(String, Value)],
    style: CallStyle,
    span: Span,
) -> Result<Value, LangError> {
    let signature = match style {
        CallStyle::Method => "Tensor.split(self, split_size, dim=0)",
        CallStyle::Function => "split(tensor, split_size_or_sections, dim=0)",
    };
    // Python counts the tensor among the positional arguments.
    let with_tensor: Vec<Value> =
        std::iter::once(Value::Tensor(t.clone())).chain(args.iter().cloned()).collect();
    let mut bound = bind_python(signature, &with_tensor, kwargs)?.into_iter().skip(1);
    let (size, dim) = (bound.next().flatten().unwrap_or(Value::None), bound.next().flatten());
    let dim_value = dim.clone().unwrap_or(Value::Int(0));
    // A one-element tensor is a size (`int(t)`); any other is a list of sizes.
    let size = match &size {
        Value::Tensor(s) if s.tensor.numel() == 1 => {
            Value::Int(s.tensor.scalars().next().map_or(0, |x| x.to_f64().trunc() as i64))
        }
        _ => size,
    };
    match size {
        Value::Int(split_size) => {
            let Value::Int(dim) = dim_value else {
                return Err(invalid_split(&size, &dim_value));
            };
            if t.tensor.rank() == 0 {
                return Err(TensorError::runtime("split expects at least a 1-dimensional tensor").into());
            }
            if split_size < 0 {
                return Err(TensorError::runtime(format!(
                    "split expects split_size be non-negative, but got split_size={split_size}"
                ))
                .into());
            }
            let dim = wrap_dim(dim, t.tensor.rank())?;
            let size = t.tensor.shape().dims()[dim];
            if split_size > 0 && size.div_ceil(split_size as usize) > MAX_PIECES {
                return Err(too_many_pieces());
            }
            let lengths = split_lengths(size, split_size)?;
            pieces(i, &t, dim, &lengths, "SplitBackward0", span)
        }
        Value::Bool(_) => Err(invalid_split(&size, &dim_value)),
        sizes => {
            // `split_with_sizes(Tensor self, SymInt[] split_sizes, int dim=0)`.
            let sig = [super::signature::Signature::parse(
                "split_with_sizes(Tensor self, int[] split_sizes, int dim=0)",
            )];
            let tensor = Value::Tensor(t.clone());
            let (_, b) = bind(&sig, &[tensor, sizes, dim_value], &[])?;
            let lengths = super::torch_api::int_list(b.get("split_sizes"));
            let dim = b.get("dim").and_then(Value::as_number).map_or(0, |s| s.to_i64());
            if t.tensor.rank() == 0 {
                return Err(TensorError::runtime("split expects at least a 1-dimensional tensor").into());
            }
            let dim = wrap_dim(dim, t.tensor.rank())?;
            if lengths.len() > MAX_PIECES {
                return Err(too_many_pieces());
            }
            let lengths = check_lengths(t.tensor.shape().dims()[dim], dim, &lengths)?;
            pieces(i, &t, dim, &lengths, "SplitWithSizesBackward0", span)
        }
    }
}

/// PyTorch's `split` refuses a bool size (or a dim that is not an int) as
/// a combination of arguments none of its overloads take.
fn invalid_split(size: &Value, dim: &Value) -> LangError {
    LangError::type_error(format!(
        "split() received an invalid combination of arguments - got (Tensor, {}, {}), but expected one of:",
        size.type_name(),
        dim.type_name()
    ))
}

fn too_many_pieces() -> LangError {
    LangError::limit(format!("the playground splits a tensor into at most {MAX_PIECES} pieces"))
}

/// The pieces of `t` along `dim` of these lengths, views of it, as a tuple;
/// each named as the learner would index the tuple (`t.chunk(2)[1]`).
fn pieces(
    i: &mut Interpreter<'_>,
    t: &Traced,
    dim: usize,
    lengths: &[usize],
    grad_fn: &'static str,
    span: Span,
) -> Result<Value, LangError> {
    if lengths.len() > MAX_PIECES {
        return Err(too_many_pieces());
    }
    let text = i.text(span);
    let whole = Layout::contiguous(t.tensor.shape().clone());
    let mut start = 0;
    let mut items = Vec::with_capacity(lengths.len());
    for (k, &len) in lengths.iter().enumerate() {
        let piece = t.tensor.view_as(t.tensor.layout().slice(dim, start, len, 1));
        let step = Step::View { input: t.node, map: whole.slice(dim, start, len, 1) };
        let piece = i.record(piece, step, span, format!("{text}[{k}]"));
        items.push(Value::Tensor(i.differentiable(piece, grad_fn, Derivative::Copy, &[t])));
        start += len;
    }
    i.budget.nest(items, true)
}
