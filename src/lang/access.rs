//! Attribute access (`t.shape`, `torch.sum`) and subscripts (`t[0, 1:]`).

use super::ast::{Expr, ExprKind};
use super::catalog::Op;
use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::names::{self, Names};
use super::value::{Module, Value};
use crate::tensor::DType;
use crate::tensor::index::IndexItem;
use crate::tensor::rearrange::Rearrange;
use std::rc::Rc;

impl Interpreter<'_> {
    /// `v.name`.
    pub(crate) fn attribute(&mut self, v: Value, name: &str, span: Span) -> Result<Value, LangError> {
        match &v {
            Value::Module(Module::Torch) => {
                if let Some(d) = DType::from_torch_attr(name) {
                    return Ok(Value::Dtype(d));
                }
                if Op::torch(name).is_some() {
                    return Ok(Value::Function(Module::Torch, Rc::from(name)));
                }
                if name == "nn" {
                    return Ok(Value::Module(Module::Nn));
                }
                Err(missing(&names::TORCH, name, "torch", "PyTorch", || {
                    format!("module 'torch' has no attribute '{name}'")
                }))
            }
            Value::Module(Module::Nn) if name == "functional" => Ok(Value::Module(Module::Functional)),
            Value::Module(Module::Nn) => Err(missing(&names::NN, name, "torch.nn", "PyTorch", || {
                format!("module 'torch.nn' has no attribute '{name}'")
            })),
            Value::Module(Module::Functional) if Op::functional(name).is_some() => {
                Ok(Value::Function(Module::Functional, Rc::from(name)))
            }
            Value::Module(Module::Functional) => {
                Err(missing(&names::FUNCTIONAL, name, "torch.nn.functional", "PyTorch", || {
                    format!("module 'torch.nn.functional' has no attribute '{name}'")
                }))
            }
            Value::Module(Module::Numpy) => Err(missing(&names::NUMPY, name, "numpy", "NumPy", || {
                format!("module 'numpy' has no attribute '{name}'")
            })),
            Value::Tensor(t) => match name {
                "shape" => Ok(Value::Size(Rc::new(t.tensor.shape().dims().to_vec()))),
                "ndim" => Ok(Value::Int(t.tensor.rank() as i64)),
                "dtype" => Ok(Value::Dtype(t.tensor.dtype())),
                "requires_grad" => Ok(Value::Bool(t.requires_grad())),
                "is_leaf" => Ok(Value::Bool(t.is_leaf())),
                "grad" => Ok(self.grad_of(t)),
                "grad_fn" => Ok(t.autograd.grad_fn.map_or(Value::None, Value::GradFn)),
                "T" => Ok(Value::Tensor(self.rearranged(
                    t,
                    Rearrange::reverse(t.tensor.rank()),
                    "PermuteBackward0",
                    span,
                ))),
                "mT" => {
                    let r = Rearrange::matrix_transpose(t.tensor.rank())?;
                    Ok(Value::Tensor(self.rearranged(t, r, "TransposeBackward0", span)))
                }
                m if Op::method(m).is_some() => Ok(Value::Method(Box::new(v.clone()), Rc::from(m))),
                _ => Err(missing(&names::TENSOR, name, "Tensor", "PyTorch", || {
                    format!("'Tensor' object has no attribute '{name}'")
                })),
            },
            Value::ValuesIndices { values, indices, .. } => match name {
                "values" => Ok(Value::Tensor(values.clone())),
                "indices" => Ok(Value::Tensor(indices.clone())),
                _ => Err(no_attribute(&v, name)),
            },
            Value::NdArray(t) => match name {
                "shape" => {
                    Ok(Value::tuple(t.tensor.shape().dims().iter().map(|&d| Value::Int(d as i64)).collect()))
                }
                "ndim" => Ok(Value::Int(t.tensor.rank() as i64)),
                "size" => Ok(Value::Int(t.tensor.numel() as i64)),
                "tolist" | "item" | "sum" | "mean" | "max" | "min" | "argmax" | "argmin" => {
                    Ok(Value::Method(Box::new(v.clone()), Rc::from(name)))
                }
                _ => Err(LangError::unsupported_here(format!("numpy.ndarray.{name}"))),
            },
            Value::NpScalar(..) if name == "item" => Ok(Value::Method(Box::new(v.clone()), Rc::from(name))),
            Value::Size(_) if name == "numel" => Ok(Value::Method(Box::new(v.clone()), Rc::from(name))),
            Value::GradFn(_) if name == "name" => Ok(Value::Method(Box::new(v.clone()), Rc::from(name))),
            Value::GradFn(f) if matches!(name, "next_functions" | "register_hook" | "metadata") => {
                Err(LangError::not_yet(format!("{f}.{name}"), "PyTorch"))
            }
            Value::Generator if matches!(name, "manual_seed" | "initial_seed") => {
                Ok(Value::Method(Box::new(v.clone()), Rc::from(name)))
            }
            _ => Err(no_attribute(&v, name)),
        }
    }

    /// `v[index]`.
    pub(crate) fn subscript(&mut self, v: Value, index: &Expr, span: Span) -> Result<Value, LangError> {
        match &v {
            Value::Tensor(t) => self.tensor_subscript(t, index, span),
            // The pair is a tuple (values, indices): it indexes and slices as one.
            Value::ValuesIndices { values, indices, .. } => {
                let items = [Value::Tensor(values.clone()), Value::Tensor(indices.clone())];
                Ok(match self.sequence_index(&items, index, "tuple")? {
                    Picked::One(item) => item,
                    Picked::Slice(items) => Value::tuple(items),
                })
            }
            Value::List(items) | Value::Tuple(items) => {
                let kind = if matches!(v, Value::List(_)) { "list" } else { "tuple" };
                let picked = self.sequence_index(items, index, kind)?;
                Ok(match picked {
                    Picked::One(item) => item,
                    Picked::Slice(items) if kind == "list" => Value::List(Rc::new(items)),
                    Picked::Slice(items) => Value::tuple(items),
                })
            }
            Value::Size(dims) => {
                let items: Vec<Value> = dims.iter().map(|&d| Value::Int(d as i64)).collect();
                Ok(match self.sequence_index(&items, index, "tuple")? {
                    Picked::One(item) => item,
                    Picked::Slice(items) => Value::Size(Rc::new(
                        items.iter().filter_map(|i| i.as_number()).map(|s| s.to_i64() as usize).collect(),
                    )),
                })
            }
            Value::Str(s) => {
                let chars: Vec<Value> =
                    s.chars().map(|c| Value::Str(Rc::from(c.to_string().as_str()))).collect();
                // Each character becomes a string of its own: two steps.
                self.budget.steps(2 * chars.len() as u64);
                Ok(match self.sequence_index(&chars, index, "string")? {
                    Picked::One(item) => item,
                    Picked::Slice(items) => {
                        let joined: String = items.iter().map(super::repr::str).collect();
                        Value::Str(Rc::from(joined.as_str()))
                    }
                })
            }
            Value::NdArray(_) => Err(LangError::unsupported_here("indexing NumPy arrays")),
            other => {
                Err(LangError::type_error(format!("'{}' object is not subscriptable", other.type_name())))
            }
        }
    }

    /// One item of a subscript, evaluated; what basic indexing cannot use is
    /// kept, to be refused in PyTorch's order.
    pub(super) fn index_item(&mut self, e: &Expr) -> Result<Raw, LangError> {
        match &e.kind {
            ExprKind::Ellipsis => Ok(Raw::Item(IndexItem::Ellipsis)),
            ExprKind::Slice { start, stop, step } => {
                let mut bound = |b: &Option<Box<Expr>>| -> Result<Option<i64>, LangError> {
                    match b {
                        None => Ok(None),
                        Some(e) => match self.eval(e)? {
                            Value::None => Ok(None),
                            Value::Int(i) => Ok(Some(i)),
                            Value::Bool(b) => Ok(Some(i64::from(b))),
                            _ => Err(LangError::type_error(
                                "slice indices must be integers or None or have an __index__ method",
                            )
                            .at(e.span)),
                        },
                    }
                };
                Ok(Raw::Item(IndexItem::Slice {
                    start: bound(start)?,
                    stop: bound(stop)?,
                    step: bound(step)?,
                }))
            }
            _ => Ok(Raw::of(self.eval(e)?, e.span)),
        }
    }
}

/// An evaluated subscript item.
pub(super) enum Raw {
    /// What basic indexing takes: an int, a slice, `None`, `...`.
    Item(IndexItem),
    /// Anything else, with where it was written.
    Bad(Value, Span),
}

impl Raw {
    fn of(v: Value, span: Span) -> Raw {
        match v {
            Value::Int(i) => Raw::Item(IndexItem::Int(i)),
            Value::None => Raw::Item(IndexItem::NewAxis),
            other => Raw::Bad(other, span),
        }
    }
}

/// The error for an attribute the playground does not have: "not yet" for
/// a real one (in `real`), else Python's `AttributeError` with its suggestion.
fn missing(
    real: &Names,
    name: &str,
    owner: &str,
    library: &str,
    message: impl FnOnce() -> String,
) -> LangError {
    if real.contains(name) {
        return LangError::not_yet(format!("{owner}.{name}"), library);
    }
    LangError::unknown("AttributeError", message(), name, real.iter())
}

fn no_attribute(v: &Value, name: &str) -> LangError {
    let ty = match v {
        Value::Module(m) => {
            return LangError::attribute_error(format!("module '{}' has no attribute '{name}'", m.name()));
        }
        Value::Tensor(_) => "Tensor",
        other => other.type_name(),
    };
    LangError::attribute_error(format!("'{ty}' object has no attribute '{name}'"))
}

/// What indexing a sequence picked.
enum Picked {
    One(Value),
    Slice(Vec<Value>),
}

impl Interpreter<'_> {
    /// Python indexing and slicing of a list, tuple or string.
    fn sequence_index(&mut self, items: &[Value], index: &Expr, kind: &str) -> Result<Picked, LangError> {
        if let ExprKind::Slice { .. } = index.kind {
            let Raw::Item(IndexItem::Slice { start, stop, step }) = self.index_item(index)? else {
                return Err(LangError::syntax("invalid syntax", index.span));
            };
            let picked = slice_indices(start, stop, step, items.len())?;
            return Ok(Picked::Slice(picked.map(|k| items[k].clone()).collect()));
        }
        match self.eval(index)? {
            i @ (Value::Int(_) | Value::Bool(_)) => {
                self.sequence_pick(items, i.as_number().map_or(0, |s| s.to_i64()), kind)
            }
            // A one-element integer (or bool) tensor is an index, as its
            // `__index__` makes it (`classes[t.argmax()]`).
            Value::Tensor(t) if t.tensor.numel() == 1 && !t.tensor.dtype().is_floating() => {
                let only = vec![0; t.tensor.rank()];
                let i = t.tensor.get(&only).cast(crate::tensor::DType::Int64);
                self.sequence_pick(items, i.to_i64(), kind)
            }
            Value::Tensor(_) => Err(LangError::type_error(
                "only integer tensors of a single element can be converted to an index",
            )),
            other => Err(LangError::type_error(format!(
                "{kind} indices must be integers or slices, not {}",
                other.type_name()
            ))),
        }
    }

    /// Item `i` of a sequence (counted from the end when negative).
    fn sequence_pick(&self, items: &[Value], i: i64, kind: &str) -> Result<Picked, LangError> {
        let n = items.len() as i64;
        let at = if i < 0 { i + n } else { i };
        if at < 0 || at >= n {
            return Err(LangError::index_error(format!("{kind} index out of range")));
        }
        Ok(Picked::One(items[at as usize].clone()))
    }
}

/// The positions `seq[start:stop:step]` picks from a sequence of `len`
/// items, as Python's `slice.indices` computes them. Unlike a tensor's, a
/// sequence's step may be negative (`[::-1]` reverses).
fn slice_indices(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    len: usize,
) -> Result<impl Iterator<Item = usize>, LangError> {
    // i128: no bound or step a program can write overflows it.
    let step = i128::from(step.unwrap_or(1));
    if step == 0 {
        return Err(LangError::value_error("slice step cannot be zero"));
    }
    let len = len as i128;
    // A negative bound counts from the end; bounds outside the sequence are
    // clamped to just before its first item or (going forwards) just past its last.
    let (lowest, highest) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let adjust = |bound: Option<i64>, default: i128| match bound {
        None => default,
        Some(b) => {
            let b = i128::from(b);
            (if b < 0 { b + len } else { b }).clamp(lowest, highest)
        }
    };
    let (first, stop) = if step < 0 {
        (adjust(start, len - 1), adjust(stop, -1))
    } else {
        (adjust(start, 0), adjust(stop, len))
    };
    let count = if step < 0 && stop < first {
        (first - stop - 1) / -step + 1
    } else if step > 0 && first < stop {
        (stop - first - 1) / step + 1
    } else {
        0
    };
    Ok((0..count).map(move |k| (first + k * step) as usize))
}
