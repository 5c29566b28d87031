//! Functions of the `torch` module: the kernels that build tensors from
//! data, and the dispatch of the function forms of tensor methods
//! (`torch.sum(t, dim=0)`).

use super::catalog::{Kernel, Op};
use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::signature::{Bound, CallStyle, bind, keyword};
use super::value::{Traced, Value};
use crate::tensor::create::{Nested, arange as arange_tensor, full as full_tensor, tensor_from_nested};
use crate::tensor::shape::{MAX_DIMS, MAX_ELEMENTS};
use crate::tensor::{DType, Scalar, Shape, Tensor, TensorError};

impl Interpreter<'_> {
    /// `torch.name(args, kwargs)`, for a name the catalogue declares.
    pub(crate) fn torch_function(
        &mut self,
        op: Op,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, LangError> {
        if let Kernel::Create(kernel) | Kernel::Function { function: kernel, .. } = op.kernel() {
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
    let mut requires_grad = false;
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
            ("requires_grad", Value::Bool(b)) => requires_grad = *b,
            ("requires_grad", v) => {
                return Err(LangError::type_error(format!(
                    "tensor(): argument 'requires_grad' must be bool, not {}",
                    v.type_name()
                )));
            }
            ("device", _) => {
                return Err(LangError::unsupported_here("device= (the playground computes on the CPU)"));
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
        let leaf = i.leaf(t, span);
        return Ok(Value::Tensor(i.requiring_grad(leaf, requires_grad)?));
    }
    if !matches!(data, Value::Str(_)) && string_in_shape(data) {
        // PyTorch reads the shape down the first items, and a string is a
        // sequence whose first item is a string, without end.
        return Err(LangError::value_error("too many dimensions 'str'"));
    }
    // The shape comes from the first items at each depth: past 16 of
    // them, the tensor would have too many dims.
    let rank = implied_rank(data);
    if rank > MAX_DIMS {
        return Err(TensorError::TooManyDims { dims: rank }.into());
    }
    let numel = implied_numel(data);
    if numel > MAX_ELEMENTS as u64 {
        return Err(TensorError::TooManyElements { requested: numel }.into());
    }
    // Lists count as nodes too, hence twice the elements.
    let mut budget = 2 * MAX_ELEMENTS;
    let nested = to_nested(data, 0, &mut budget, dtype)?;
    i.budget.steps((2 * MAX_ELEMENTS - budget) as u64);
    if let Some(d) = dtype {
        check_fits(&nested, d)?;
    }
    let t = tensor_from_nested(&nested, dtype)?;
    let leaf = i.leaf(t, span);
    Ok(Value::Tensor(i.requiring_grad(leaf, requires_grad)?))
}

/// A list used as an index (`t[[0, 2]]`), made a tensor as PyTorch's
/// `indexing_tensor_from_data` makes it: all bools stay a bool mask,
/// anything else becomes int64 (floats cut towards zero).
pub(crate) fn index_tensor_from(data: &Value) -> Result<crate::tensor::Tensor, LangError> {
    let numel = implied_numel(data);
    if numel > MAX_ELEMENTS as u64 {
        return Err(TensorError::TooManyElements { requested: numel }.into());
    }
    let mut budget = 2 * MAX_ELEMENTS;
    let nested = to_nested(data, 0, &mut budget, None)?;
    fn all_bools(n: &Nested) -> bool {
        match n {
            Nested::Scalar(s) => matches!(s, Scalar::Bool(_)),
            Nested::List(items) => !items.is_empty() && items.iter().all(all_bools),
        }
    }
    let dtype = if all_bools(&nested) { DType::Bool } else { DType::Int64 };
    Ok(tensor_from_nested(&nested, Some(dtype))?)
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
    made(i, t, &b, span)
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
    made(i, t, &b, span)
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
    made(i, t, &b, span)
}

/// A tensor a creation function made: a leaf on the CPU (`device=`), that
/// requires grad if `requires_grad=True` says so.
pub(crate) fn made(i: &mut Interpreter<'_>, t: Tensor, b: &Bound, span: Span) -> Result<Value, LangError> {
    match b.get("device") {
        None => {}
        Some(Value::Str(s)) if &**s == "cpu" => {}
        Some(_) => return Err(LangError::unsupported_here("devices other than the CPU")),
    }
    let leaf = i.leaf(t, span);
    let requires_grad = matches!(b.get("requires_grad"), Some(Value::Bool(true)));
    Ok(Value::Tensor(i.requiring_grad(leaf, requires_grad)?))
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
pub(crate) fn new_shape(op: Op, size: Option<&Value>) -> Result<Shape, LangError> {
    let sizes = int_list(size);
    if let Some(&bad) = sizes.iter().find(|&&s| s < 0) {
        return Err(LangError::runtime(if op == Op::Zeros {
            "zeros: Dimension size must be non-negative.".to_string()
        } else {
            let all: Vec<String> = sizes.iter().map(|s| s.to_string()).collect();
            format!("Trying to create tensor with negative dimension {bad}: [{}]", all.join(", "))
        }));
    }
    Ok(Shape::from_sizes(&sizes)?)
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
/// is walked. In 64 bits, so that the count refused is the same on wasm32.
fn implied_numel(data: &Value) -> u64 {
    let mut numel = 1u64;
    let mut at = data;
    for _ in 0..=MAX_DIMS {
        let (Value::List(items) | Value::Tuple(items)) = at else { break };
        numel = numel.saturating_mul(items.len() as u64);
        match items.first() {
            Some(first) => at = first,
            None => break,
        }
    }
    numel
}

/// How many lists and tuples deep the first items go: the rank PyTorch
/// reads off the data (values nest at most `MAX_VALUE_NESTING` deep).
fn implied_rank(data: &Value) -> usize {
    let mut rank = 0;
    let mut at = data;
    while let Value::List(items) | Value::Tuple(items) = at {
        rank += 1;
        match items.first() {
            Some(first) => at = first,
            None => break,
        }
    }
    rank
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
pub(crate) fn fits(value: Scalar, dtype: DType) -> bool {
    value.fits(dtype)
}
