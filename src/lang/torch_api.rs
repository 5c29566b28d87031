//! Functions of the `torch` module: the kernels that build tensors from
//! data, and the dispatch of the function forms of tensor methods
//! (`torch.sum(t, dim=0)`).

use super::catalog::{Kernel, Op};
use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::signature::{CallStyle, bind, keyword};
use super::value::{Traced, Value};
use crate::tensor::create::{Nested, arange as arange_tensor, full as full_tensor, tensor_from_nested};
use crate::tensor::shape::{MAX_DIMS, MAX_ELEMENTS};
use crate::tensor::{DType, Scalar, Shape, TensorError};

impl Interpreter<'_> {
    /// `torch.name(args, kwargs)`, for a name the catalogue declares.
    pub(crate) fn torch_function(
        &mut self,
        op: Op,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, LangError> {
        if let Kernel::Create(kernel) = op.kernel() {
            return kernel(self, &args, &kwargs, span);
        }
        // Every other torch function is a tensor method taking the tensor first.
        let input = match (args.first(), keyword(&kwargs, "input")) {
            (Some(Value::Tensor(t)), _) | (None, Some(Value::Tensor(t))) => Some(t.clone()),
            _ => None,
        };
        match input {
            Some(t) => self.tensor_call(t, op, args, kwargs, span, CallStyle::Function),
            None => Err(super::tensor_methods::binding_error(op, &args, &kwargs)),
        }
    }
}

/// `torch.tensor(data, dtype=...)`: bound by hand, since its data may be
/// anything and PyTorch names what it cannot hold.
pub(crate) fn tensor(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let data = match args {
        [data] => data,
        [] => {
            return Err(LangError::type_error("tensor() missing 1 required positional arguments: \"data\""));
        }
        _ => {
            return Err(LangError::type_error(format!(
                "tensor() takes 1 positional argument but {} were given",
                args.len()
            )));
        }
    };
    let mut dtype = None;
    for (k, v) in kwargs {
        match (k.as_str(), v) {
            ("dtype", Value::None) => {}
            ("dtype", v) => {
                dtype = Some(dtype_arg(Some(v)).ok_or_else(|| {
                    LangError::type_error(format!(
                        "tensor(): argument 'dtype' must be torch.dtype, not {}",
                        v.type_name()
                    ))
                })?);
            }
            ("device", Value::Str(s)) if &**s == "cpu" => {}
            ("requires_grad", Value::Bool(false)) => {}
            ("device" | "requires_grad", _) => {
                return Err(LangError::unsupported_here(format!(
                    "{k}= (the playground computes on the CPU, without gradients)"
                )));
            }
            _ => {
                return Err(LangError::type_error(format!(
                    "tensor() got an unexpected keyword argument '{k}'"
                )));
            }
        }
    }
    if let Value::Tensor(Traced { tensor, .. }) | Value::NdArray(Traced { tensor, .. }) = data {
        // A copy, keeping the shape (even an empty one) and the dtype,
        // without going through millions of nested Python numbers.
        let t = tensor.to_dtype(dtype.unwrap_or(tensor.dtype()));
        return Ok(Value::Tensor(i.leaf(t, span)));
    }
    if !matches!(data, Value::Str(_)) && string_in_shape(data) {
        // PyTorch reads the shape down the first items, and a string is a
        // sequence whose first item is a string, without end.
        return Err(LangError::value_error("too many dimensions 'str'"));
    }
    let numel = implied_numel(data);
    if numel > MAX_ELEMENTS {
        return Err(TensorError::TooManyElements { requested: numel }.into());
    }
    // Lists count as nodes too, hence twice the elements.
    let mut budget = 2 * MAX_ELEMENTS;
    let nested = to_nested(data, 0, &mut budget, dtype)?;
    if let Some(d) = dtype {
        check_fits(&nested, d)?;
    }
    let t = tensor_from_nested(&nested, dtype)?;
    Ok(Value::Tensor(i.leaf(t, span)))
}

/// `torch.zeros(size)`.
pub(crate) fn zeros(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    filled(i, Op::Zeros, 0, args, kwargs, span)
}

/// `torch.ones(size)`.
pub(crate) fn ones(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    filled(i, Op::Ones, 1, args, kwargs, span)
}

/// `torch.zeros` and `torch.ones`: float32 unless `dtype=` says otherwise.
fn filled(
    i: &mut Interpreter<'_>,
    op: Op,
    fill: i64,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bind(op.overloads(CallStyle::Function), args, kwargs)?;
    let shape = new_shape(op, b.get("size"))?;
    let dtype = dtype_arg(b.get("dtype")).unwrap_or(DType::DEFAULT_FLOAT);
    let t = full_tensor(shape, Scalar::Int(fill), Some(dtype));
    Ok(Value::Tensor(i.leaf(t, span)))
}

/// `torch.full(size, fill_value)`.
pub(crate) fn full(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bind(Op::Full.overloads(CallStyle::Function), args, kwargs)?;
    let shape = new_shape(Op::Full, b.get("size"))?;
    let value = b.get("fill_value").and_then(Value::as_number).unwrap_or(Scalar::Int(0));
    let dtype = dtype_arg(b.get("dtype"));
    if let Some(d) = dtype
        && !fits(value, d)
    {
        // PyTorch names C++'s types here.
        let name = if d == DType::Int32 { "int" } else { "int64_t" };
        return Err(LangError::runtime(format!("value cannot be converted to type {name} without overflow")));
    }
    let t = full_tensor(shape, value, dtype);
    Ok(Value::Tensor(i.leaf(t, span)))
}

/// `torch.arange(end)`, `torch.arange(start, end, step)`.
pub(crate) fn arange(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bind(Op::Arange.overloads(CallStyle::Function), args, kwargs)?;
    let number = |n: &str, default: i64| b.get(n).and_then(Value::as_number).unwrap_or(Scalar::Int(default));
    let t =
        arange_tensor(number("start", 0), number("end", 0), number("step", 1), dtype_arg(b.get("dtype")))?;
    Ok(Value::Tensor(i.leaf(t, span)))
}

/// The dtype an argument names (`torch.float64`, or Python's `float`/`int`/`bool`).
pub(crate) fn dtype_arg(v: Option<&Value>) -> Option<DType> {
    match v? {
        Value::Dtype(d) => Some(*d),
        Value::Builtin(b) => b.as_dtype(),
        _ => None,
    }
}

/// The shape for `torch.zeros`/`ones`/`full`, refusing negative sizes with PyTorch's words.
fn new_shape(op: Op, size: Option<&Value>) -> Result<Shape, LangError> {
    let sizes = int_list(size);
    if let Some(&bad) = sizes.iter().find(|&&s| s < 0) {
        return Err(LangError::runtime(if op == Op::Zeros {
            "zeros: Dimension size must be non-negative.".to_string()
        } else {
            let all: Vec<String> = sizes.iter().map(|s| s.to_string()).collect();
            format!("Trying to create tensor with negative dimension {bad}: [{}]", all.join(", "))
        }));
    }
    Ok(Shape::new(sizes.iter().map(|&s| s as usize).collect())?)
}

/// An int-list argument as integers (a bound argument has been type-checked).
pub(crate) fn int_list(v: Option<&Value>) -> Vec<i64> {
    match v {
        Some(Value::Int(i)) => vec![*i],
        Some(Value::Tuple(items) | Value::List(items)) => {
            items.iter().filter_map(Value::as_number).map(|s| s.to_i64()).collect()
        }
        Some(Value::Size(dims)) => dims.iter().map(|&d| d as i64).collect(),
        _ => Vec::new(),
    }
}

/// The element count that the first item at each depth implies (PyTorch reads
/// the shape that way), so that data too big for a tensor is refused before it
/// is walked.
fn implied_numel(data: &Value) -> usize {
    let mut numel = 1usize;
    let mut at = data;
    for _ in 0..=MAX_DIMS {
        let (Value::List(items) | Value::Tuple(items)) = at else { break };
        numel = numel.saturating_mul(items.len());
        match items.first() {
            Some(first) => at = first,
            None => break,
        }
    }
    numel
}

/// Whether the first items, at each depth, reach a non-empty string.
fn string_in_shape(data: &Value) -> bool {
    let mut at = data;
    for _ in 0..=MAX_DIMS {
        match at {
            Value::List(items) | Value::Tuple(items) => match items.first() {
                Some(first) => at = first,
                None => return false,
            },
            Value::Str(s) => return !s.is_empty(),
            _ => return false,
        }
    }
    false
}

/// Python data for `torch.tensor`, with PyTorch's errors for what it cannot hold.
///
/// `budget` counts down the numbers and lists converted: lists that share
/// their items (`x = [x, x]`, repeated) can stand for far more than a tensor holds.
/// With a `dtype`, PyTorch infers none and converts each item as Python
/// would for that type, in Python's words.
fn to_nested(v: &Value, depth: usize, budget: &mut usize, dtype: Option<DType>) -> Result<Nested, LangError> {
    *budget = budget.checked_sub(1).ok_or_else(|| {
        LangError::limit(format!(
            "the playground limits tensors to {MAX_ELEMENTS} elements, and this data holds more"
        ))
    })?;
    if depth > MAX_DIMS {
        return Err(LangError::limit("the data is nested too deeply for the playground"));
    }
    Ok(match v {
        Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::NpScalar(..) => {
            Nested::Scalar(v.as_number().unwrap_or(Scalar::Int(0)))
        }
        Value::List(items) | Value::Tuple(items) => Nested::List(
            items.iter().map(|i| to_nested(i, depth + 1, budget, dtype)).collect::<Result<_, _>>()?,
        ),
        Value::Size(dims) => {
            Nested::List(dims.iter().map(|&d| Nested::Scalar(Scalar::Int(d as i64))).collect())
        }
        Value::Tensor(Traced { tensor, .. }) | Value::NdArray(Traced { tensor, .. }) => {
            tensor_nested(tensor, depth)?
        }
        Value::Str(_) if depth == 0 || dtype.is_none() => {
            return Err(LangError::type_error("new(): invalid data type 'str'"));
        }
        other if dtype.is_some_and(DType::is_floating) => {
            return Err(LangError::type_error(format!("must be real number, not {}", other.type_name())));
        }
        other if dtype.is_some() => {
            return Err(LangError::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
        other => {
            return Err(LangError::runtime(format!("Could not infer dtype of {}", other.type_name())));
        }
    })
}

/// A tensor's elements as nested data (inside a list only 0-d tensors may stand for numbers).
fn tensor_nested(t: &crate::tensor::Tensor, depth: usize) -> Result<Nested, LangError> {
    if depth > 0 && t.rank() > 0 {
        return Err(LangError::value_error("only one element tensors can be converted to Python scalars"));
    }
    let values: Vec<Scalar> = t.scalars().collect();
    fn build(values: &[Scalar], dims: &[usize]) -> Nested {
        match dims.split_first() {
            None => Nested::Scalar(values[0]),
            Some((&n, rest)) => {
                let step: usize = rest.iter().product();
                Nested::List((0..n).map(|i| build(&values[i * step..], rest)).collect())
            }
        }
    }
    if t.numel() == 0 {
        return Ok(Nested::List(Vec::new()));
    }
    Ok(build(&values, t.shape().dims()))
}

/// PyTorch refuses Python numbers that do not fit an integer dtype.
fn check_fits(data: &Nested, dtype: DType) -> Result<(), LangError> {
    match data {
        Nested::Scalar(s) if fits(*s, dtype) => Ok(()),
        Nested::Scalar(_) => Err(LangError::runtime(format!(
            "value cannot be converted to type {} without overflow",
            dtype.name()
        ))),
        Nested::List(items) => items.iter().try_for_each(|i| check_fits(i, dtype)),
    }
}

/// Whether a Python number fits an integer dtype as PyTorch decides it: a
/// float must be a number from the type's least value up to (not reaching)
/// one past its greatest, so 2147483647.9 becomes an int32 and NaN, the
/// infinities and 2147483648.0 do not. Every number fits the other dtypes.
fn fits(value: Scalar, dtype: DType) -> bool {
    let bits = match dtype {
        DType::Int32 => 31,
        DType::Int64 => 63,
        _ => return true,
    };
    // 2^bits: a power of two, exact in f64.
    let limit = 2f64.powi(bits);
    match value {
        Scalar::Float(v) => v >= -limit && v < limit,
        Scalar::Int(v) => dtype != DType::Int32 || i32::try_from(v).is_ok(),
        Scalar::Bool(_) => true,
    }
}
