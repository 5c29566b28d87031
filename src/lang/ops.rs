//! Operators on values: Python arithmetic on numbers, element-wise
//! arithmetic on tensors (recorded in the lineage graph), comparisons and
//! truthiness.

use super::ast::{BinOp, CmpOp, UnaryOp};
use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::value::{Traced, Value};
use crate::tensor::autograd::{Derivative, Operand};
use crate::tensor::elementwise::{BinaryOp, Side, binary, broadcast_layouts, negate};
use crate::tensor::lineage::Step;
use crate::tensor::shape::{MAX_ELEMENTS, count_within};
use crate::tensor::{DType, Scalar, Shape};
use std::rc::Rc;

/// The largest list a program may build by repetition or concatenation (`[0] * n`, `a + b`).
const MAX_LIST: usize = 1 << 20;

/// The longest string a program may build by concatenation, in bytes.
const MAX_STR: usize = 1 << 20;

/// The most items one `==` or `in` may compare: containers that share their
/// items (`x = [x, x]`, repeated) hold exponentially many.
const MAX_COMPARISONS: usize = 1 << 22;

impl Interpreter<'_> {
    /// `l op r`.
    pub(crate) fn binary(&mut self, op: BinOp, l: Value, r: Value, span: Span) -> Result<Value, LangError> {
        if op == BinOp::Mod && matches!(l, Value::Str(_)) {
            // `'%d' % 5` formats, whatever the right side is; a TypeError
            // about `%` would say Python cannot.
            return Err(LangError::unsupported_here("formatting strings with % ('%d' % x)"));
        }
        if matches!(l, Value::NdArray(_)) || matches!(r, Value::NdArray(_)) {
            // NumPy computes these; a TypeError would claim it cannot.
            return Err(LangError::unsupported_here("arithmetic on NumPy arrays"));
        }
        // A sequence and a tensor: a tensor leaves `seq + t` and `seq * t`
        // to the sequence, which concatenates or repeats (by the tensor as
        // an index); `t + seq` stays the tensor's, and fails below.
        match (op, &l, &r) {
            (BinOp::Add, seq, Value::Tensor(_)) if is_sequence(seq) => return concatenate(&l, &r),
            (BinOp::Mul, seq, t @ Value::Tensor(_)) | (BinOp::Mul, t @ Value::Tensor(_), seq)
                if is_sequence(seq) =>
            {
                return repeat(seq, &index_of(t)?);
            }
            _ => {}
        }
        if op == BinOp::MatMul && (matches!(l, Value::Tensor(_)) || matches!(r, Value::Tensor(_))) {
            return self.matmul_operator(&l, &r, span);
        }
        if matches!(l, Value::Tensor(_)) || matches!(r, Value::Tensor(_)) {
            let tensor_op = match op {
                BinOp::Add => BinaryOp::Add,
                BinOp::Sub => BinaryOp::Sub,
                BinOp::Mul => BinaryOp::Mul,
                BinOp::Div => BinaryOp::Div,
                BinOp::FloorDiv => BinaryOp::FloorDiv,
                BinOp::Mod => BinaryOp::Rem,
                BinOp::Pow => BinaryOp::Pow,
                other => {
                    return Err(LangError::unsupported_here(format!(
                        "the {} operator on tensors",
                        other.symbol()
                    )));
                }
            };
            return self.elementwise(tensor_op, &l, &r, op.in_type_error(), span);
        }
        if let (Some(a), Some(b)) = (number(&l), number(&r)) {
            return python_arithmetic(op, a, b);
        }
        sequence_arithmetic(op, &l, &r)
    }

    /// A tensor op between two values, at least one of them a tensor.
    fn elementwise(
        &mut self,
        op: BinaryOp,
        l: &Value,
        r: &Value,
        symbol: &str,
        span: Span,
    ) -> Result<Value, LangError> {
        let (a, ta) = side(l, l, r, symbol)?;
        let (b, tb) = side(r, l, r, symbol)?;
        let tensor = match (op, b) {
            // PyTorch computes `number / t` as `t.reciprocal() * number`,
            // rounding twice: `(3 / torch.tensor([7.5])).tolist()` is
            // 0.40000003576278687, not the 0.4000000059604645 of one division.
            (BinaryOp::Div, Side::Tensor(t)) if matches!(a, Side::Number(_)) => {
                let reciprocal = binary(BinaryOp::Div, Side::Number(Scalar::Int(1)), Side::Tensor(t))?;
                binary(BinaryOp::Mul, Side::Tensor(&reciprocal), a)?
            }
            _ => binary(op, a, b)?,
        };
        let shape_of =
            |t: &Option<Traced>| t.as_ref().map_or_else(Shape::scalar, |t| t.tensor.shape().clone());
        let (_, la, lb) = broadcast_layouts(&shape_of(&ta), &shape_of(&tb))?;
        let inputs =
            [(&ta, la), (&tb, lb)].into_iter().filter_map(|(t, l)| t.as_ref().map(|t| (t.node, l))).collect();
        let out = self.derived(tensor, Step::Elementwise { inputs }, span);
        if op.is_comparison() {
            return Ok(Value::Tensor(out));
        }
        let (grad_fn, derivative) = binary_derivative(op, [&ta, &tb], [a, b], &out);
        let operands: Vec<&Traced> = [&ta, &tb].into_iter().flatten().collect();
        Ok(Value::Tensor(self.differentiable(out, grad_fn, derivative, &operands)))
    }

    /// `-v`, `+v`, `~v`.
    pub(crate) fn unary(&mut self, op: UnaryOp, v: Value, span: Span) -> Result<Value, LangError> {
        if let Value::Tensor(t) = &v {
            let tensor = match op {
                UnaryOp::Neg => negate(&t.tensor)?,
                UnaryOp::Pos if t.tensor.dtype() == DType::Bool => {
                    return Err(LangError::new(
                        "NotImplementedError",
                        "The `+` operator, on a bool tensor is not supported.",
                    ));
                }
                UnaryOp::Pos => t.tensor.clone(),
                UnaryOp::Invert if t.tensor.dtype() == DType::Bool => {
                    binary(BinaryOp::Eq, Side::Tensor(&t.tensor), Side::Number(Scalar::Bool(false)))?
                }
                _ => {
                    return Err(LangError::unsupported_here("the ~ operator on non-bool tensors"));
                }
            };
            let out = self.element_wise(tensor, t, span);
            return Ok(Value::Tensor(match op {
                UnaryOp::Neg => self.differentiable(out, "NegBackward0", Derivative::Neg, &[t]),
                // `+t` is `t` itself to autograd.
                UnaryOp::Pos => self.same_tensor(out, t),
                _ => out,
            }));
        }
        let symbol = match op {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            UnaryOp::Invert => "~",
            UnaryOp::Not => "not",
        };
        match (op, number(&v)) {
            (UnaryOp::Neg, Some(Scalar::Float(f))) => Ok(Value::Float(-f)),
            (UnaryOp::Neg, Some(s)) => {
                Ok(Value::Int(s.to_i64().checked_neg().ok_or_else(LangError::int_too_large)?))
            }
            (UnaryOp::Pos, Some(Scalar::Float(f))) => Ok(Value::Float(f)),
            (UnaryOp::Pos, Some(s)) => Ok(Value::Int(s.to_i64())),
            (UnaryOp::Invert, Some(s)) if !matches!(s, Scalar::Float(_)) => Ok(Value::Int(!s.to_i64())),
            _ => Err(LangError::type_error(format!(
                "bad operand type for unary {symbol}: '{}'",
                v.type_name()
            ))),
        }
    }

    /// `l op r` for one link of a comparison chain.
    pub(crate) fn compare(&mut self, op: CmpOp, l: Value, r: Value, span: Span) -> Result<Value, LangError> {
        let tensor_op = match op {
            CmpOp::Eq => Some(BinaryOp::Eq),
            CmpOp::Ne => Some(BinaryOp::Ne),
            CmpOp::Lt => Some(BinaryOp::Lt),
            CmpOp::Le => Some(BinaryOp::Le),
            CmpOp::Gt => Some(BinaryOp::Gt),
            CmpOp::Ge => Some(BinaryOp::Ge),
            _ => None,
        };
        if tensor_op.is_some() && (matches!(l, Value::NdArray(_)) || matches!(r, Value::NdArray(_))) {
            // NumPy compares element by element; Python's rules would answer a plain False.
            return Err(LangError::unsupported_here("comparisons of NumPy arrays"));
        }
        let involves_tensor = matches!(l, Value::Tensor(_)) || matches!(r, Value::Tensor(_));
        let comparable = |v: &Value| matches!(v, Value::Tensor(_)) || number(v).is_some();
        if tensor_op.is_some() && involves_tensor && !(comparable(&l) && comparable(&r)) {
            // A tensor compares only with tensors and numbers; else Python
            // falls back to identity for == and != and refuses an order.
            return match op {
                CmpOp::Eq => Ok(Value::Bool(false)),
                CmpOp::Ne => Ok(Value::Bool(true)),
                _ => Err(LangError::type_error(format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    op.symbol(),
                    l.type_name(),
                    r.type_name()
                ))),
            };
        }
        match (tensor_op, involves_tensor) {
            (Some(t), true) => return self.elementwise(t, &l, &r, op.symbol(), span),
            (None, true) => {
                return Err(LangError::unsupported_here(format!(
                    "the '{}' operator on tensors",
                    op.symbol()
                )));
            }
            _ => {}
        }
        // Items compared count as steps of the run's work, `MAX_COMPARISONS` at most per comparison.
        let mut budget = MAX_COMPARISONS;
        let result = match op {
            CmpOp::Eq => equal_within(&l, &r, &mut budget).ok_or_else(too_many_comparisons)?,
            CmpOp::Ne => !equal_within(&l, &r, &mut budget).ok_or_else(too_many_comparisons)?,
            CmpOp::Is => identical(&l, &r),
            CmpOp::IsNot => !identical(&l, &r),
            CmpOp::In | CmpOp::NotIn => {
                let found = match &r {
                    Value::List(items) | Value::Tuple(items) => {
                        // One budget for the whole search, not one per item.
                        let mut found = false;
                        for i in items.iter() {
                            found = equal_within(&l, i, &mut budget).ok_or_else(too_many_comparisons)?;
                            if found {
                                break;
                            }
                        }
                        found
                    }
                    Value::Size(dims) => dims.iter().any(|&d| equal_numbers(&l, &Value::Int(d as i64))),
                    Value::Str(s) => match &l {
                        Value::Str(sub) => {
                            self.budget.text_read(s.len());
                            s.contains(&**sub)
                        }
                        _ => {
                            return Err(LangError::type_error(
                                "'in <string>' requires string as left operand",
                            ));
                        }
                    },
                    other => {
                        return Err(LangError::type_error(format!(
                            "argument of type '{}' is not iterable",
                            other.type_name()
                        )));
                    }
                };
                found == (op == CmpOp::In)
            }
            _ => {
                if let (Value::Str(a), Value::Str(b)) = (&l, &r) {
                    self.budget.text_read(a.len().min(b.len()));
                }
                order(op, &l, &r)?
            }
        };
        self.budget.steps((MAX_COMPARISONS - budget) as u64);
        Ok(Value::Bool(result))
    }
}

/// The `grad_fn` PyTorch gives `a op b` (for operands that are tensors
/// or numbers, `traced` saying which are tensors) and its derivative.
fn binary_derivative(
    op: BinaryOp,
    traced: [&Option<Traced>; 2],
    sides: [Side<'_>; 2],
    out: &Traced,
) -> (&'static str, Derivative) {
    let operand = |s: Side<'_>| match s {
        Side::Tensor(t) => Operand::Tensor(t.clone()),
        Side::Number(n) => Operand::Number(n),
    };
    let tensors = [traced[0].is_some(), traced[1].is_some()];
    let grad_fn = match (op, tensors) {
        (BinaryOp::Add, _) => "AddBackward0",
        (BinaryOp::Sub, [false, _]) => "RsubBackward1",
        (BinaryOp::Sub, _) => "SubBackward0",
        (BinaryOp::Mul, _) => "MulBackward0",
        (BinaryOp::Div, [false, _]) => {
            // `number / t` is `t.reciprocal() * number`.
            return match sides {
                [Side::Number(n), Side::Tensor(t)] => {
                    ("MulBackward0", Derivative::Reciprocal { number: n.to_f64(), input: t.clone() })
                }
                _ => ("MulBackward0", Derivative::Missing("reciprocal")),
            };
        }
        (BinaryOp::Div, _) => "DivBackward0",
        (BinaryOp::Pow, [true, false]) => "PowBackward0",
        (BinaryOp::Pow, [true, true]) => "PowBackward1",
        (BinaryOp::Pow, _) => "PowBackward2",
        (BinaryOp::Rem, [false, _]) => return ("NotImplemented", Derivative::NotDifferentiable("remainder")),
        (BinaryOp::Rem, [true, true]) => "RemainderBackward1",
        (BinaryOp::Rem, _) => "RemainderBackward0",
        (BinaryOp::FloorDiv, _) => return ("NotImplemented", Derivative::NotDifferentiable("floor_divide")),
        _ => return ("NotImplemented", Derivative::Missing("a comparison")),
    };
    let derivative = Derivative::Binary {
        op,
        operands: [operand(sides[0]), operand(sides[1])],
        result: out.tensor.clone(),
    };
    (grad_fn, derivative)
}

/// One operand of an element-wise op, and its lineage if it is a tensor.
fn side<'a>(
    v: &'a Value,
    l: &Value,
    r: &Value,
    symbol: &str,
) -> Result<(Side<'a>, Option<Traced>), LangError> {
    match v {
        Value::Tensor(t) => Ok((Side::Tensor(&t.tensor), Some(t.clone()))),
        other => match number(other) {
            Some(s) => Ok((Side::Number(s), None)),
            None => Err(LangError::type_error(format!(
                "unsupported operand type(s) for {symbol}: '{}' and '{}'",
                l.type_name(),
                r.type_name()
            ))),
        },
    }
}

/// A Python number (bools included), if the value is one.
fn number(v: &Value) -> Option<Scalar> {
    v.as_number()
}

/// Python's arithmetic on ints, floats and bools.
fn python_arithmetic(op: BinOp, a: Scalar, b: Scalar) -> Result<Value, LangError> {
    let floats = matches!(a, Scalar::Float(_)) || matches!(b, Scalar::Float(_));
    if floats {
        let (x, y) = (a.to_f64(), b.to_f64());
        return Ok(Value::Float(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::Div if y == 0.0 => {
                return Err(LangError::zero_division("float division by zero"));
            }
            BinOp::Div => x / y,
            BinOp::FloorDiv if y == 0.0 => {
                return Err(LangError::zero_division("float floor division by zero"));
            }
            BinOp::FloorDiv => float_divmod(x, y).0,
            BinOp::Mod if y == 0.0 => return Err(LangError::zero_division("float modulo")),
            BinOp::Mod => float_divmod(x, y).1,
            BinOp::Pow => float_pow(x, y)?,
            other => {
                return Err(LangError::type_error(format!(
                    "unsupported operand type(s) for {}: 'float' and 'float'",
                    other.symbol()
                )));
            }
        }));
    }
    let (x, y) = (a.to_i64(), b.to_i64());
    let int = |r: Option<i64>| r.map(Value::Int).ok_or_else(LangError::int_too_large);
    match op {
        BinOp::Add => int(x.checked_add(y)),
        BinOp::Sub => int(x.checked_sub(y)),
        BinOp::Mul => int(x.checked_mul(y)),
        BinOp::Div if y == 0 => Err(LangError::zero_division("division by zero")),
        BinOp::Div => Ok(Value::Float(x as f64 / y as f64)),
        BinOp::FloorDiv if y == 0 => Err(LangError::zero_division("integer division or modulo by zero")),
        BinOp::FloorDiv => {
            int(x.checked_div(y).map(|q| if (x % y != 0) && ((x < 0) != (y < 0)) { q - 1 } else { q }))
        }
        BinOp::Mod if y == 0 => Err(LangError::zero_division("integer modulo by zero")),
        BinOp::Mod => Ok(Value::Int(
            x.checked_rem(y).map_or(0, |r| if r != 0 && ((r < 0) != (y < 0)) { r + y } else { r }),
        )),
        BinOp::Pow if y < 0 => Ok(Value::Float(float_pow(x as f64, y as f64)?)),
        BinOp::Pow => int(u32::try_from(y).ok().and_then(|e| x.checked_pow(e))),
        BinOp::BitAnd => Ok(Value::Int(x & y)),
        BinOp::BitOr => Ok(Value::Int(x | y)),
        BinOp::BitXor => Ok(Value::Int(x ^ y)),
        BinOp::LShift if y < 0 => Err(LangError::value_error("negative shift count")),
        BinOp::LShift => int(u32::try_from(y)
            .ok()
            .filter(|&s| s < 63 && (x.unsigned_abs() >> (63 - s)) == 0)
            .map(|s| x << s)),
        BinOp::RShift if y < 0 => Err(LangError::value_error("negative shift count")),
        BinOp::RShift => Ok(Value::Int(x >> y.min(63))),
        BinOp::MatMul => Err(LangError::type_error("unsupported operand type(s) for @: 'int' and 'int'")),
    }
}

/// Python's `divmod` for floats: the quotient floors and the remainder
/// takes the divisor's sign.
fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let q = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0.0f64.copysign(x / y)
    };
    (q, m)
}

fn float_pow(x: f64, y: f64) -> Result<f64, LangError> {
    if x == 0.0 && y < 0.0 {
        return Err(LangError::zero_division("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(LangError::unsupported_here("complex numbers (a negative number to a fractional power)"));
    }
    let power = x.powf(y);
    // Python's float power, unlike its product, refuses to overflow.
    if power.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(LangError::new("OverflowError", "(34, 'Numerical result out of range')"));
    }
    Ok(power)
}

/// `+` and `*` on lists, tuples and strings, and on the tuples PyTorch
/// returns (`torch.Size`, `torch.return_types.max`).
fn sequence_arithmetic(op: BinOp, l: &Value, r: &Value) -> Result<Value, LangError> {
    match op {
        BinOp::Add if is_sequence(l) => concatenate(l, r),
        BinOp::Mul if is_sequence(l) => repeat(l, r),
        BinOp::Mul if is_sequence(r) => repeat(r, l),
        _ => Err(LangError::type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.in_type_error(),
            l.type_name(),
            r.type_name()
        ))),
    }
}

fn is_sequence(v: &Value) -> bool {
    matches!(v, Value::List(_) | Value::Str(_)) || tuple_items(v).is_some()
}

/// The items of a tuple, or of a value PyTorch makes a tuple of its own kind:
/// a `torch.Size` (its sizes) and `max(dim)`'s values and indices.
fn tuple_items(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Tuple(items) => Some(items.to_vec()),
        Value::Size(dims) => Some(dims.iter().map(|&d| Value::Int(d as i64)).collect()),
        Value::ValuesIndices { values, indices, .. } => {
            Some(vec![Value::Tensor(values.clone()), Value::Tensor(indices.clone())])
        }
        _ => None,
    }
}

/// A tuple of `items`, a `torch.Size` if `size` (which holds only sizes).
fn tuple_of(items: Vec<Value>, size: bool) -> Result<Value, LangError> {
    if !size {
        return Ok(Value::Tuple(Rc::new(items)));
    }
    let mut dims = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item {
            // Checked before it becomes a usize, which has 32 bits on wasm32.
            Value::Int(d) if *d >= 0 => dims.push(count_within(*d, MAX_ELEMENTS).ok_or_else(|| {
                LangError::limit(format!(
                    "the playground limits the sizes in a torch.Size to {MAX_ELEMENTS} (the most elements a tensor may have), but this one is {d}"
                ))
            })?),
            Value::Int(_) => return Err(LangError::unsupported_here("a torch.Size with a negative size")),
            other => {
                return Err(LangError::type_error(format!(
                    "torch.Size() takes an iterable of 'int' (item {i} is '{}')",
                    other.type_name()
                )));
            }
        }
    }
    Ok(Value::Size(Rc::new(dims)))
}

/// `a + b` for a sequence `a`: `b` must be of the same kind (any tuple for a
/// tuple), and a `torch.Size` on either side makes the result one.
fn concatenate(l: &Value, r: &Value) -> Result<Value, LangError> {
    match (l, r) {
        (Value::Str(a), Value::Str(b)) if a.len() + b.len() > MAX_STR => Err(too_long(l)),
        (Value::Str(a), Value::Str(b)) => Ok(Value::Str(Rc::from(format!("{a}{b}").as_str()))),
        (Value::List(a), Value::List(b)) if a.len() + b.len() > MAX_LIST => Err(too_long(l)),
        (Value::List(a), Value::List(b)) => Ok(Value::List(Rc::new([&a[..], &b[..]].concat()))),
        _ => match (tuple_items(l), tuple_items(r)) {
            (Some(a), Some(b)) if a.len() + b.len() > MAX_LIST => Err(too_long(l)),
            (Some(a), Some(b)) => {
                let size = matches!(l, Value::Size(_)) || matches!(r, Value::Size(_));
                tuple_of([a, b].concat(), size)
            }
            // PyTorch's own wording for a torch.Size, Python's for the rest.
            _ if matches!(l, Value::Size(_)) => Err(LangError::type_error(format!(
                "can only concatenate tuple (not {}) to torch.Size",
                r.type_name()
            ))),
            _ => {
                let kind = if matches!(l, Value::List(_) | Value::Str(_)) { l.type_name() } else { "tuple" };
                Err(LangError::type_error(format!(
                    "can only concatenate {kind} (not \"{}\") to {kind}",
                    r.type_name()
                )))
            }
        },
    }
}

/// A tensor used as a Python index (`__index__`): its one integer element.
fn index_of(v: &Value) -> Result<Value, LangError> {
    match v {
        Value::Tensor(t) if t.tensor.numel() == 1 && !t.tensor.dtype().is_floating() => {
            Ok(Value::Int(t.tensor.scalars().next().map_or(0, Scalar::to_i64)))
        }
        _ => Err(LangError::type_error(
            "only integer tensors of a single element can be converted to an index",
        )),
    }
}

/// "The list would be too long", "the string ...".
fn too_long(seq: &Value) -> LangError {
    let noun = if matches!(seq, Value::Str(_)) { "string" } else { seq.type_name() };
    LangError::limit(format!("the {noun} would be too long for the playground"))
}

/// `seq * n`: `n` copies of a sequence, one after another (none for
/// `n <= 0`), capped like everything the playground builds.
fn repeat(seq: &Value, count: &Value) -> Result<Value, LangError> {
    let n = match count {
        Value::Int(n) => *n,
        Value::Bool(b) => i64::from(*b),
        other => {
            return Err(LangError::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                other.type_name()
            )));
        }
    };
    // The length is worked out in 64 bits before anything becomes a usize:
    // on wasm32, `4294967297 as usize` is 1, and `len([0] * 4294967297)` was 1.
    let times = n.max(0).unsigned_abs();
    let length = |len: usize| (len as u64).saturating_mul(times);
    let copies = |items: &[Value]| -> Result<Vec<Value>, LangError> {
        let length = length(items.len());
        if length > MAX_LIST as u64 {
            return Err(too_long(seq));
        }
        Ok(items.iter().cloned().cycle().take(length as usize).collect())
    };
    match seq {
        Value::Str(s) if length(s.len()) > MAX_STR as u64 => Err(too_long(seq)),
        Value::Str(s) if s.is_empty() => Ok(seq.clone()),
        // Not empty, so `times` is at most the length, which fits.
        Value::Str(s) => Ok(Value::Str(Rc::from(s.repeat(times as usize).as_str()))),
        Value::List(items) => Ok(Value::List(Rc::new(copies(items)?))),
        _ => {
            let items = tuple_items(seq).expect("repeat is only called with a sequence");
            tuple_of(copies(&items)?, matches!(seq, Value::Size(_)))
        }
    }
}

fn too_many_comparisons() -> LangError {
    LangError::limit("the comparison has more items than the playground compares")
}

/// Python's `==` (between different kinds of value: numbers compare by
/// value, containers item by item, everything else is unequal), spending
/// one unit of `budget` per item compared; `None` when it runs out.
fn equal_within(l: &Value, r: &Value, budget: &mut usize) -> Option<bool> {
    *budget = budget.checked_sub(1)?;
    Some(match (l, r) {
        (Value::Str(a), Value::Str(b)) => {
            // Comparing strings reads them: 16 bytes a unit, as the run's steps count them.
            *budget = budget.checked_sub(a.len().min(b.len()) / super::budget::BYTES_PER_STEP)?;
            a == b
        }
        (Value::None, Value::None) => true,
        (Value::Dtype(a), Value::Dtype(b)) => a == b,
        (Value::Generator, Value::Generator) => true,
        (Value::List(a), Value::List(b)) | (Value::Tuple(a), Value::Tuple(b)) => {
            // Python compares items by identity first: a container equals itself.
            if Rc::ptr_eq(a, b) {
                return Some(true);
            }
            if a.len() != b.len() {
                return Some(false);
            }
            for (x, y) in a.iter().zip(b.iter()) {
                if !equal_within(x, y, budget)? {
                    return Some(false);
                }
            }
            true
        }
        (Value::Size(a), Value::Size(b)) => a == b,
        (Value::Size(dims), Value::Tuple(items)) | (Value::Tuple(items), Value::Size(dims)) => {
            dims.len() == items.len()
                && dims.iter().zip(items.iter()).all(|(&d, i)| equal_numbers(&Value::Int(d as i64), i))
        }
        _ => equal_numbers(l, r),
    })
}

/// `==` between numbers (anything else is unequal).
fn equal_numbers(l: &Value, r: &Value) -> bool {
    match (number(l), number(r)) {
        (Some(Scalar::Float(_)), Some(_)) | (Some(_), Some(Scalar::Float(_))) => {
            number(l).map(Scalar::to_f64) == number(r).map(Scalar::to_f64)
        }
        (Some(a), Some(b)) => a.to_i64() == b.to_i64(),
        _ => false,
    }
}

/// Python's `is`, for the values whose identity a learner can rely on.
fn identical(l: &Value, r: &Value) -> bool {
    match (l, r) {
        (Value::None, Value::None) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Dtype(a), Value::Dtype(b)) => a == b,
        (Value::Module(a), Value::Module(b)) => a == b,
        _ => false,
    }
}

/// `<`, `<=`, `>`, `>=` on numbers, strings and sequences.
fn order(op: CmpOp, l: &Value, r: &Value) -> Result<bool, LangError> {
    use std::cmp::Ordering;
    // Python orders two lists, or two tuples (torch.Size and max's pair
    // are tuples), item by item; the playground does not, and must not
    // answer with the TypeError that other mixes of types get.
    let tuple_like = |v: &Value| matches!(v, Value::Tuple(_) | Value::Size(_) | Value::ValuesIndices { .. });
    if matches!((l, r), (Value::List(_), Value::List(_))) || (tuple_like(l) && tuple_like(r)) {
        return Err(LangError::unsupported_here(format!("ordering lists or tuples ({})", op.symbol())));
    }
    let ordering: Option<Ordering> = match (l, r) {
        (Value::Str(a), Value::Str(b)) => Some(a.cmp(b)),
        _ => match (number(l), number(r)) {
            (Some(a @ (Scalar::Int(_) | Scalar::Bool(_))), Some(b @ (Scalar::Int(_) | Scalar::Bool(_)))) => {
                Some(a.to_i64().cmp(&b.to_i64()))
            }
            (Some(a), Some(b)) => a.to_f64().partial_cmp(&b.to_f64()),
            _ => {
                return Err(LangError::type_error(format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    op.symbol(),
                    l.type_name(),
                    r.type_name()
                )));
            }
        },
    };
    Ok(match ordering {
        None => false,
        Some(o) => match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            _ => o != Ordering::Less,
        },
    })
}

/// Python truthiness; tensors must have exactly one element, as in PyTorch.
pub(crate) fn truthy(v: &Value) -> Result<bool, LangError> {
    Ok(match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::List(items) | Value::Tuple(items) => !items.is_empty(),
        Value::Size(dims) => !dims.is_empty(),
        Value::Tensor(t) => match t.tensor.numel() {
            1 => t.tensor.scalars().next().is_some_and(Scalar::is_nonzero),
            0 => {
                return Err(LangError::runtime("Boolean value of Tensor with no values is ambiguous"));
            }
            _ => {
                return Err(LangError::runtime(
                    "Boolean value of Tensor with more than one value is ambiguous",
                ));
            }
        },
        Value::NdArray(t) => match t.tensor.numel() {
            1 => t.tensor.scalars().next().is_some_and(Scalar::is_nonzero),
            _ => {
                return Err(LangError::value_error(
                    "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
                ));
            }
        },
        Value::NpScalar(s, _) => s.is_nonzero(),
        _ => true,
    })
}
