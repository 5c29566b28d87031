//! Calling things: Python builtins here; torch functions and tensor
//! methods in their own modules.

use super::ast::{BinOp, CmpOp};
use super::budget::BYTES_PER_STEP;
use super::catalog::Op;
use super::error::{LangError, Span};
use super::interp::{Interpreter, MAX_OUTPUT, too_much_output};
use super::ops::truthy;
use super::parser::MAX_CHAIN_HEIGHT;
use super::repr::{Text, costed_repr, costed_str, repr};
use super::value::{Builtin, Kwargs, Module, Value};
use crate::tensor::Scalar;
use crate::tensor::decimal::parse_f64;
use crate::tensor::format::float;
use std::rc::Rc;

impl Interpreter<'_> {
    /// `f(args, kwargs)`.
    pub(crate) fn call(
        &mut self,
        f: Value,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, LangError> {
        match f {
            Value::Builtin(b) => self.builtin(b, args, kwargs, span),
            Value::Function(Module::Torch, name) => match Op::torch(&name) {
                Some(op) => self.torch_function(op, args, kwargs, span).map_err(|e| as_written(e, op, &name)),
                None => Err(LangError::unsupported_here(format!("torch.{name}"))),
            },
            Value::Function(Module::Functional, name) => match Op::functional(&name) {
                Some(op) => self.functional(op, args, kwargs, span),
                None => Err(LangError::unsupported_here(format!("torch.nn.functional.{name}"))),
            },
            Value::Method(receiver, name) => match (*receiver, Op::method(&name)) {
                (Value::Tensor(t), Some(op)) => {
                    self.tensor_method(t, op, args, kwargs, span).map_err(|e| as_written(e, op, &name))
                }
                (Value::Generator, _) => self.generator_method(&name, args, kwargs, span),
                (receiver, _) => self.other_method(receiver, &name, args, kwargs),
            },
            other => Err(LangError::type_error(format!("'{}' object is not callable", other.type_name()))),
        }
    }

    /// `g.manual_seed(seed)` (which returns the generator) and `g.initial_seed()`.
    fn generator_method(
        &mut self,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, LangError> {
        match name {
            "manual_seed" => {
                let seed = super::signature::bind_python("manual_seed(seed)", &args, &kwargs)?;
                let seed = seed.into_iter().next().flatten().unwrap_or(Value::None);
                super::creating::reseed(self, seed, span)
            }
            _ => {
                super::signature::bind_python("initial_seed()", &args, &kwargs)?;
                super::creating::seed_value(self.generator.seed())
            }
        }
    }

    /// A method of a value other than a tensor.
    fn other_method(
        &mut self,
        receiver: Value,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
    ) -> Result<Value, LangError> {
        {
            match receiver {
                Value::NdArray(t) => {
                    let v = super::numpy_api::array_method(&t, name, &args, &kwargs)?;
                    if name == "tolist" {
                        self.budget.nested_list(&t.tensor);
                    }
                    Ok(v)
                }
                Value::NpScalar(s, _) if args.is_empty() && kwargs.is_empty() => Ok(Value::from_scalar(s)),
                // `y.grad_fn.name()`
                Value::GradFn(f) if args.is_empty() && kwargs.is_empty() => Ok(Value::Str(Rc::from(f))),
                Value::Size(dims) if args.is_empty() && kwargs.is_empty() => {
                    // PyTorch multiplies in int64 and wraps (a usize product overflowed).
                    Ok(Value::Int(dims.iter().fold(1i64, |n, &d| n.wrapping_mul(d as i64))))
                }
                other => {
                    Err(LangError::type_error(format!("'{}' object is not callable", other.type_name())))
                }
            }
        }
    }

    fn builtin(
        &mut self,
        b: Builtin,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, LangError> {
        match b {
            Builtin::Print => return self.print(&args, &kwargs),
            Builtin::Min | Builtin::Max => return self.min_max(b, args, kwargs, span),
            Builtin::Sum => return self.sum(args, kwargs, span),
            Builtin::Round => {
                let [number, ndigits] = two_arguments(b, args, kwargs, Some("number"), "ndigits")?;
                let number = number.ok_or_else(|| {
                    LangError::type_error("round() missing required argument 'number' (pos 1)")
                })?;
                return round(&number, ndigits);
            }
            Builtin::Int if args.len() > 1 || !kwargs.is_empty() => {
                let [x, base] = two_arguments(b, args, kwargs, None, "base")?;
                return int_with_base(x, base);
            }
            _ => {}
        }
        if !kwargs.is_empty() {
            return Err(LangError::type_error(format!("{}() takes no keyword arguments", b.name())));
        }
        let one = |args: &[Value]| -> Result<Value, LangError> {
            match args {
                [v] => Ok(v.clone()),
                _ => Err(LangError::type_error(format!(
                    "{}() takes exactly one argument ({} given)",
                    b.name(),
                    args.len()
                ))),
            }
        };
        match b {
            Builtin::Print | Builtin::Min | Builtin::Max | Builtin::Sum => {
                unreachable!("handled above: they take keyword arguments")
            }
            // A string's characters are counted one by one.
            Builtin::Len => len(&self.read_string(one(&args)?, BYTES_PER_STEP)),
            Builtin::Float if args.is_empty() => Ok(Value::Float(0.0)),
            // Reading a float's digits costs a step a byte (`float('1' * 10**6)`
            // takes milliseconds); counting characters or digits, 16 bytes a step.
            Builtin::Float => to_float(&self.read_string(one(&args)?, 1)),
            Builtin::Int if args.is_empty() => Ok(Value::Int(0)),
            Builtin::Int => to_int(&self.read_string(one(&args)?, BYTES_PER_STEP)),
            Builtin::Bool if args.is_empty() => Ok(Value::Bool(false)),
            Builtin::Bool => Ok(Value::Bool(truthy(&one(&args)?)?)),
            // `abs(t)` is `t.abs()`.
            Builtin::Abs if let [Value::Tensor(t)] = args.as_slice() => {
                self.tensor_method(t.clone(), Op::Abs, Vec::new(), Vec::new(), span)
            }
            Builtin::Abs => match one(&args)?.as_number() {
                Some(Scalar::Float(f)) => Ok(Value::Float(f.abs())),
                Some(s) => Ok(Value::Int(s.to_i64().checked_abs().ok_or_else(LangError::int_too_large)?)),
                None => Err(LangError::unsupported_here("abs() of anything but a number")),
            },
            Builtin::Round => unreachable!("handled above: it takes keyword arguments"),
            Builtin::Str | Builtin::Repr => {
                let v = one(&args)?;
                let text = if b == Builtin::Str { costed_str(&v) } else { costed_repr(&v) };
                self.budget.steps(text.cost);
                text_value(text)
            }
            Builtin::List | Builtin::Tuple => {
                let items = match one(&args)? {
                    Value::List(items) | Value::Tuple(items) => items.to_vec(),
                    Value::Size(dims) => dims.iter().map(|&d| Value::Int(d as i64)).collect(),
                    Value::Str(s) => {
                        s.chars().map(|c| Value::Str(Rc::from(c.to_string().as_str()))).collect()
                    }
                    other => {
                        return Err(LangError::unsupported_here(format!(
                            "{}() of a {}",
                            b.name(),
                            other.type_name()
                        )));
                    }
                };
                Ok(if b == Builtin::List { Value::List(Rc::new(items)) } else { Value::tuple(items) })
            }
        }
    }

    /// Python's `min(iterable)` / `min(a, b, ...)` and `max`: the first
    /// item that no later one is less (greater) than, asked with `<` (`>`)
    /// as Python asks, so NaN, mixed types and 0-d tensors come out as in
    /// Python, and so do the errors of items that do not compare.
    fn min_max(
        &mut self,
        b: Builtin,
        args: Vec<Value>,
        kwargs: Kwargs,
        span: Span,
    ) -> Result<Value, LangError> {
        let name = b.name();
        if args.is_empty() {
            return Err(LangError::type_error(format!("{name} expected at least 1 argument, got 0")));
        }
        let mut default = None;
        for (k, v) in kwargs {
            match k.as_str() {
                "default" => default = Some(v),
                // `key=None` is the same as no key.
                "key" if matches!(v, Value::None) => {}
                "key" => return Err(LangError::unsupported_here(format!("{name}() with a key function"))),
                other => {
                    return Err(LangError::type_error(format!(
                        "'{other}' is an invalid keyword argument for {name}()"
                    )));
                }
            }
        }
        let items = match args.as_slice() {
            [iterable] => iterate(iterable, name)?,
            _ if default.is_some() => {
                return Err(LangError::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            _ => args,
        };
        let op = if b == Builtin::Min { CmpOp::Lt } else { CmpOp::Gt };
        // Each item is copied and compared: two steps.
        self.budget.steps(2 * items.len() as u64);
        let mut items = items.into_iter();
        let Some(mut best) = items.next() else {
            return default
                .ok_or_else(|| LangError::value_error(format!("{name}() arg is an empty sequence")));
        };
        let mut tensor_steps = 0;
        for item in items {
            tensor_step(&mut tensor_steps, name, &item, &best)?;
            // Python asks `item < best`, so on a tie the first item stays.
            let better = self.compare(op, item.clone(), best.clone(), span)?;
            if truthy(&better)? {
                best = item;
            }
        }
        Ok(best)
    }

    /// Python's `sum(iterable, start=0)`: `start + item + item ...`, left
    /// to right with the `+` of the items (numbers, lists, tuples, tensors).
    fn sum(&mut self, args: Vec<Value>, kwargs: Kwargs, span: Span) -> Result<Value, LangError> {
        if args.is_empty() {
            return Err(LangError::type_error("sum() takes at least 1 positional argument (0 given)"));
        }
        if args.len() + kwargs.len() > 2 {
            return Err(LangError::type_error(format!(
                "sum() takes at most 2 arguments ({} given)",
                args.len() + kwargs.len()
            )));
        }
        let mut args = args.into_iter();
        let iterable = args.next().unwrap_or(Value::None);
        let mut start = args.next();
        for (k, v) in kwargs {
            match k.as_str() {
                "start" if start.is_some() => {
                    return Err(LangError::type_error(
                        "argument for sum() given by name ('start') and position (2)",
                    ));
                }
                "start" => start = Some(v),
                other => {
                    return Err(LangError::type_error(format!(
                        "'{other}' is an invalid keyword argument for sum()"
                    )));
                }
            }
        }
        let items = iterate(&iterable, "sum")?;
        // Each item is copied and added: two steps.
        self.budget.steps(2 * items.len() as u64);
        let mut total = start.unwrap_or(Value::Int(0));
        if matches!(total, Value::Str(_)) {
            return Err(LangError::type_error("sum() can't sum strings [use ''.join(seq) instead]"));
        }
        let mut tensor_steps = 0;
        for item in items {
            tensor_step(&mut tensor_steps, "sum", &item, &total)?;
            total = self.binary(BinOp::Add, total, item, span)?;
            // Each partial sum is a new list (or tuple) when the items are:
            // counting them stops `sum([[0]] * 1000000, [])`, quadratic, early.
            self.budget.built(&total);
            self.budget.check()?;
        }
        Ok(total)
    }

    /// `v`, counting the reading of a string as work, a step per
    /// `bytes_per_step` bytes (`float(s)`, `int(s)`, `len(s)` read every
    /// character of a string a megabyte long).
    fn read_string(&mut self, v: Value, bytes_per_step: usize) -> Value {
        if let Value::Str(s) = &v {
            self.budget.steps((s.len() / bytes_per_step) as u64);
        }
        v
    }

    fn print(&mut self, args: &[Value], kwargs: &[(String, Value)]) -> Result<Value, LangError> {
        let mut sep = " ".to_string();
        let mut end = "\n".to_string();
        for (k, v) in kwargs {
            let text = match v {
                Value::Str(s) => s.to_string(),
                Value::None => continue,
                other => {
                    return Err(LangError::type_error(format!(
                        "{k} must be None or a string, not {}",
                        other.type_name()
                    )));
                }
            };
            match k.as_str() {
                "sep" => sep = text,
                "end" => end = text,
                other => {
                    return Err(LangError::type_error(format!(
                        "'{other}' is an invalid keyword argument for print()"
                    )));
                }
            }
        }
        let mut line = String::new();
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                line.push_str(&sep);
            }
            let text = costed_str(a);
            self.budget.steps(text.cost);
            // `write` refuses a line this long anyway.
            if text.too_long || line.len() + text.text.len() > MAX_OUTPUT {
                return Err(too_much_output());
            }
            line.push_str(&text.text);
        }
        self.write(&line)?;
        self.write(&end)?;
        Ok(Value::None)
    }
}

/// An error of `op` called by one of its aliases (`t.clip()`), naming the
/// function as the call wrote it, as PyTorch's own messages do.
fn as_written(mut e: LangError, op: Op, written: &str) -> LangError {
    if written != op.name()
        && let Some(rest) = e.message.strip_prefix(op.name()).filter(|r| r.starts_with('('))
    {
        e.message = format!("{written}{rest}");
    }
    e
}

/// The result of `str()` or `repr()`, refusing the over-long text that
/// `repr` stops writing at (a list sharing its items exponentially).
fn text_value(text: Text) -> Result<Value, LangError> {
    if text.too_long {
        return Err(LangError::limit("the string would be too long for the playground"));
    }
    Ok(Value::Str(Rc::from(text.text.as_str())))
}

/// Counts one comparison or addition of `min`, `max` or `sum`, refusing
/// more than `MAX_CHAIN_HEIGHT` of them on tensors: each is a step the page
/// draws, as in a chain `a + b + ...`, which is limited the same way.
fn tensor_step(steps: &mut usize, caller: &str, a: &Value, b: &Value) -> Result<(), LangError> {
    if matches!(a, Value::Tensor(_)) || matches!(b, Value::Tensor(_)) {
        *steps += 1;
        if *steps > MAX_CHAIN_HEIGHT {
            return Err(LangError::limit(format!(
                "{caller}() over more than {MAX_CHAIN_HEIGHT} tensors is too long a chain for the playground"
            )));
        }
    }
    Ok(())
}

/// The items `min`, `max` and `sum` go through, as Python iterates them.
fn iterate(v: &Value, caller: &str) -> Result<Vec<Value>, LangError> {
    Ok(match v {
        Value::List(items) | Value::Tuple(items) => items.to_vec(),
        Value::Size(dims) => dims.iter().map(|&d| Value::Int(d as i64)).collect(),
        Value::Str(s) => s.chars().map(|c| Value::Str(Rc::from(c.to_string().as_str()))).collect(),
        Value::ValuesIndices { values, indices, .. } => {
            vec![Value::Tensor(values.clone()), Value::Tensor(indices.clone())]
        }
        // Python would go through the tensor's sub-tensors one by one; the
        // reduction says the same thing in one step (and draws as one).
        Value::Tensor(_) => {
            return Err(LangError::unsupported_here(format!(
                "{caller}() over a tensor (t.{caller}() is supported)"
            )));
        }
        Value::NdArray(_) => {
            return Err(LangError::unsupported_here(format!("{caller}() over a NumPy array")));
        }
        other => {
            return Err(LangError::type_error(format!("'{}' object is not iterable", other.type_name())));
        }
    })
}

fn len(v: &Value) -> Result<Value, LangError> {
    let n = match v {
        Value::List(items) | Value::Tuple(items) => items.len(),
        Value::Str(s) => s.chars().count(),
        Value::Size(dims) => dims.len(),
        Value::ValuesIndices { .. } => 2,
        Value::Tensor(t) if t.tensor.rank() == 0 => {
            return Err(LangError::type_error("len() of a 0-d tensor"));
        }
        Value::Tensor(t) => t.tensor.shape().dims()[0],
        Value::NdArray(t) if t.tensor.rank() == 0 => {
            return Err(LangError::type_error("len() of unsized object"));
        }
        Value::NdArray(t) => t.tensor.shape().dims()[0],
        other => {
            return Err(LangError::type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )));
        }
    };
    Ok(Value::Int(n as i64))
}

/// The single element of a tensor, as `float(t)` / `int(t)` need it.
fn only_element(v: &Value) -> Result<Option<Scalar>, LangError> {
    match v {
        // NumPy converts only a 0-d array, whatever its size (NumPy 2 made
        // the deprecated one-element case an error).
        Value::NdArray(t) if t.tensor.rank() != 0 => {
            Err(LangError::type_error("only 0-dimensional arrays can be converted to Python scalars"))
        }
        Value::Tensor(t) | Value::NdArray(t) => match t.tensor.numel() {
            1 => Ok(t.tensor.scalars().next()),
            _ => Err(LangError::value_error("only one element tensors can be converted to Python scalars")),
        },
        other => Ok(other.as_number()),
    }
}

fn to_float(v: &Value) -> Result<Value, LangError> {
    if let Value::Str(s) = v {
        return parse_float(s).map(Value::Float);
    }
    match only_element(v)? {
        Some(s) => Ok(Value::Float(s.to_f64())),
        None => Err(LangError::type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            v.type_name()
        ))),
    }
}

/// Python's `float(str)`: decimal literals, `nan`, `inf`, `infinity`, with optional sign and spaces.
fn parse_float(s: &str) -> Result<f64, LangError> {
    let t = s.trim();
    let (sign, body) = match t.strip_prefix('-') {
        Some(b) => (-1.0, b),
        None => (1.0, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = body.to_ascii_lowercase();
    let value = match lower.as_str() {
        "nan" => Some(f64::NAN),
        "inf" | "infinity" => Some(f64::INFINITY),
        _ if !body.is_empty()
            && body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-' | '_'))
            && !body.starts_with('_') =>
        {
            parse_f64(&body.replace('_', ""))
        }
        _ => None,
    };
    value.map(|v| sign * v).ok_or_else(|| {
        LangError::value_error(format!(
            "could not convert string to float: {}",
            repr(&Value::Str(Rc::from(s)))
        ))
    })
}

fn to_int(v: &Value) -> Result<Value, LangError> {
    if let Value::Str(s) = v {
        return int_of_string(s);
    }
    match only_element(v)? {
        Some(Scalar::Float(f)) if f.is_nan() => {
            Err(LangError::value_error("cannot convert float NaN to integer"))
        }
        Some(Scalar::Float(f)) if f.is_infinite() => {
            Err(LangError::new("OverflowError", "cannot convert float infinity to integer"))
        }
        Some(Scalar::Float(f)) if f.abs() >= 9.2e18 => Err(LangError::int_too_large()),
        Some(s) => Ok(Value::Int(s.to_i64())),
        None => Err(LangError::type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            v.type_name()
        ))),
    }
}

/// Python's `int(str)`, as CPython reads it: spaces around, a sign, then
/// digits with single underscores between them; past 4300 digits CPython
/// refuses (before looking at what follows them), and past 64 bits the
/// playground does. (Digits of other scripts, which Python also reads, are
/// not known here.)
fn int_of_string(s: &str) -> Result<Value, LangError> {
    let invalid = || {
        LangError::value_error(format!(
            "invalid literal for int() with base 10: {}",
            repr(&Value::Str(Rc::from(s)))
        ))
    };
    let text = s.trim_start();
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let bytes = body.as_bytes();
    let mut end = 0;
    let mut digits = 0usize;
    while end < bytes.len() {
        match bytes[end] {
            b'0'..=b'9' => digits += 1,
            // An underscore only between two digits.
            b'_' if end > 0
                && bytes[end - 1] != b'_'
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {}
            _ => break,
        }
        end += 1;
    }
    if digits == 0 {
        return Err(invalid());
    }
    if digits > 4300 {
        return Err(LangError::value_error(format!(
            "Exceeds the limit (4300 digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    if !body[end..].trim().is_empty() {
        return Err(invalid());
    }
    let mut value: i128 = 0;
    for d in bytes[..end].iter().filter(|b| b.is_ascii_digit()) {
        value = value * 10 + i128::from(d - b'0');
        if value > 1 << 63 {
            return Err(LangError::int_too_large());
        }
    }
    i64::try_from(if negative { -value } else { value })
        .map(Value::Int)
        .map_err(|_| LangError::int_too_large())
}

/// `round(x, n)` of an int for negative `n`: to a multiple of `10**-n`, ties to even.
fn round_int(x: i64, n: i64) -> Result<Value, LangError> {
    if n < -20 {
        // 10**21 is more than twice any 64-bit integer.
        return Ok(Value::Int(0));
    }
    let p = 10i128.pow((-n) as u32);
    let (q, r) = (i128::from(x).div_euclid(p), i128::from(x).rem_euclid(p));
    let q = if 2 * r > p || (2 * r == p && q % 2 != 0) { q + 1 } else { q };
    i64::try_from(q * p).map(Value::Int).map_err(|_| LangError::int_too_large())
}

/// The two arguments of `round(number, ndigits)` or `int(x, base)`, each
/// given by position or (`first` only if it has a name) by keyword, with
/// Python's errors for too many, unknown or repeated ones.
fn two_arguments(
    b: Builtin,
    args: Vec<Value>,
    kwargs: Kwargs,
    first: Option<&str>,
    second: &str,
) -> Result<[Option<Value>; 2], LangError> {
    let name = b.name();
    let given = args.len() + kwargs.len();
    if given > 2 {
        return Err(LangError::type_error(format!("{name}() takes at most 2 arguments ({given} given)")));
    }
    let mut args = args.into_iter();
    let mut slots = [args.next(), args.next()];
    for (k, v) in kwargs {
        let at = if first == Some(k.as_str()) {
            0
        } else if k == second {
            1
        } else {
            return Err(LangError::type_error(format!("'{k}' is an invalid keyword argument for {name}()")));
        };
        if slots[at].is_some() {
            return Err(LangError::type_error(format!(
                "argument for {name}() given by name ('{k}') and position ({})",
                at + 1
            )));
        }
        slots[at] = Some(v);
    }
    Ok(slots)
}

/// An argument Python uses as an integer (`ndigits`, `base`): an int or a bool.
fn as_index(v: &Value) -> Result<i64, LangError> {
    match v.as_number() {
        Some(s @ (Scalar::Int(_) | Scalar::Bool(_))) => Ok(s.to_i64()),
        _ => Err(LangError::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))),
    }
}

/// `int(x, base)`: Python's checks, in its order. Reading a string in
/// another base is outside the subset.
fn int_with_base(x: Option<Value>, base: Option<Value>) -> Result<Value, LangError> {
    let Some(x) = x else {
        return Err(LangError::type_error("int() missing string argument"));
    };
    let Some(base) = base else { return to_int(&x) };
    let base = as_index(&base)?;
    if base != 0 && !(2..=36).contains(&base) {
        return Err(LangError::value_error("int() base must be >= 2 and <= 36, or 0"));
    }
    match x {
        Value::Str(_) => Err(LangError::unsupported_here("int() of a string with a base (int('ff', 16))")),
        _ => Err(LangError::type_error("int() can't convert non-string with explicit base")),
    }
}

/// Python's `round(x)` (to an int, ties to even) and `round(x, n)`.
fn round(x: &Value, ndigits: Option<Value>) -> Result<Value, LangError> {
    if x.as_number().is_none() {
        // Python looks for the number's __round__ before reading ndigits.
        return Err(LangError::type_error(format!("type {} doesn't define __round__ method", x.type_name())));
    }
    let digits = match ndigits {
        None | Some(Value::None) => None,
        Some(n) => Some(as_index(&n)?),
    };
    match (x.as_number(), digits) {
        (Some(Scalar::Float(f)), None) => {
            // `to_int` refuses what is not finite or does not fit 64 bits.
            to_int(&Value::Float(f.round_ties_even()))
        }
        (Some(Scalar::Float(f)), Some(n)) if (0..=17).contains(&n) => {
            // Python rounds the exact binary value, as Rust's formatter does.
            Ok(Value::Float(parse_f64(&float::fixed(f, n as usize)).unwrap_or(f)))
        }
        (Some(Scalar::Float(f)), Some(n)) if n < 0 && f.is_finite() => {
            // To tens, hundreds, ...: Python divides, rounds ties to even and multiplies back.
            if n < -308 {
                return Ok(Value::Float(0.0f64.copysign(f)));
            }
            let p = 10f64.powi(-n as i32);
            Ok(Value::Float((f / p).round_ties_even() * p))
        }
        (Some(Scalar::Float(f)), Some(_)) => Ok(Value::Float(f)),
        (Some(s), Some(n)) if n < 0 => round_int(s.to_i64(), n),
        (Some(s), _) => Ok(Value::Int(s.to_i64())),
        (None, _) => {
            Err(LangError::type_error(format!("type {} doesn't define __round__ method", x.type_name())))
        }
    }
}
