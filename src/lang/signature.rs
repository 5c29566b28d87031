//! Binding call arguments to PyTorch's overloaded signatures, with the
//! exact `TypeError`s PyTorch's argument parser raises.
//!
//! Signatures are written as in PyTorch's `native_functions.yaml`
//! (`"sum(int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)"`),
//! so each one can be checked against PyTorch's own list by eye.

use super::error::LangError;
use super::value::Value;
use crate::tensor::DType;

/// The kinds of parameter PyTorch's parser distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Tensor,
    Int,
    /// `int[]`; `int[1]` (a sized list) also takes a single int.
    IntList {
        sized: bool,
    },
    Bool,
    Float,
    Scalar,
    Dtype,
    Str,
    /// A device: a string or an index.
    Device,
    /// `torch.channels_last` and the like, which the playground does not
    /// have: only `None` binds.
    MemoryFormat,
    /// Anything (`torch.tensor`'s data, which its kernel reads itself).
    Any,
}

impl Kind {
    fn parse(ty: &str) -> Kind {
        match ty {
            "Tensor" => Kind::Tensor,
            "int" | "SymInt" => Kind::Int,
            "bool" => Kind::Bool,
            "float" => Kind::Float,
            "Scalar" => Kind::Scalar,
            "ScalarType" => Kind::Dtype,
            // Dimension names only appear in hidden overloads; a string binds to them.
            "str" | "Dimname" | "Dimname[1]" => Kind::Str,
            "Device" => Kind::Device,
            "MemoryFormat" => Kind::MemoryFormat,
            "Any" => Kind::Any,
            t if t.starts_with("int[") || t.starts_with("SymInt[") => {
                Kind::IntList { sized: !t.ends_with("[]") }
            }
            other => unreachable!("signature type {other} is not used by the playground"),
        }
    }

    /// How PyTorch names the expected type in its messages.
    fn describe(self) -> &'static str {
        match self {
            Kind::Tensor => "Tensor",
            Kind::Int => "int",
            Kind::IntList { .. } => "tuple of ints",
            Kind::Bool => "bool",
            Kind::Float => "float",
            Kind::Scalar => "Number",
            Kind::Dtype => "torch.dtype",
            Kind::Str => "str",
            Kind::Device => "torch.device",
            Kind::MemoryFormat => "torch.memory_format",
            Kind::Any => "object",
        }
    }

    fn accepts(self, v: &Value) -> bool {
        match (self, v) {
            (Kind::Tensor, Value::Tensor(_)) => true,
            (Kind::Int, Value::Int(_)) => true,
            // PyTorch takes a 0-d integer tensor for an int...
            (Kind::Int, Value::Tensor(t)) => {
                t.tensor.rank() == 0 && matches!(t.tensor.dtype(), DType::Int32 | DType::Int64)
            }
            (Kind::IntList { sized }, Value::Int(_)) => sized,
            // ...and any one-element integer or bool tensor for an int in a list.
            (Kind::IntList { sized }, v @ Value::Tensor(_)) => sized && index_tensor(v).is_some(),
            // As in PyTorch, only the first item decides whether a sequence
            // fits an int list; the others are checked once it was chosen
            // (`unpack_error`), and may be bools.
            (Kind::IntList { .. }, Value::Tuple(items) | Value::List(items)) => {
                items.first().is_none_or(|i| matches!(i, Value::Int(_)) || index_tensor(i).is_some())
            }
            (Kind::IntList { .. }, Value::Size(_)) => true,
            (Kind::Bool, Value::Bool(_)) => true,
            (Kind::Float, Value::Int(_) | Value::Float(_)) => true,
            (Kind::Scalar, Value::Int(_) | Value::Float(_) | Value::Bool(_)) => true,
            (Kind::Dtype, Value::Dtype(_)) => true,
            (Kind::Dtype, Value::Builtin(b)) => b.as_dtype().is_some(),
            (Kind::Str, Value::Str(_)) => true,
            (Kind::Device, Value::Str(_) | Value::Int(_)) => true,
            (Kind::Any, _) => true,
            _ => false,
        }
    }
}

/// The int a one-element integer or bool tensor stands for in an int list
/// (`t.sum(torch.tensor([0]))`), as Python's `__index__` gives it.
fn index_tensor(v: &Value) -> Option<Value> {
    let Value::Tensor(t) = v else { return None };
    let integral = matches!(t.tensor.dtype(), DType::Int32 | DType::Int64 | DType::Bool);
    if !integral || t.tensor.numel() != 1 {
        return None;
    }
    t.tensor.scalars().next().map(|s| Value::Int(s.to_i64()))
}

/// An accepted int or int-list argument with its tensors read as ints,
/// so that what uses it needs to know only Python numbers.
fn tensors_as_ints(kind: Kind, v: &Value) -> Value {
    match (kind, v) {
        (Kind::Int | Kind::IntList { .. }, Value::Tensor(_)) => index_tensor(v).unwrap_or_else(|| v.clone()),
        (Kind::IntList { .. }, Value::Tuple(items)) => {
            Value::tuple(items.iter().map(|i| index_tensor(i).unwrap_or_else(|| i.clone())).collect())
        }
        (Kind::IntList { .. }, Value::List(items)) => Value::List(std::rc::Rc::new(
            items.iter().map(|i| index_tensor(i).unwrap_or_else(|| i.clone())).collect(),
        )),
        _ => v.clone(),
    }
}

/// One parameter of a signature.
#[derive(Debug, Clone)]
struct Param {
    name: &'static str,
    kind: Kind,
    nullable: bool,
    has_default: bool,
    keyword_only: bool,
}

/// One overload of a function or method.
#[derive(Debug, Clone)]
pub struct Signature {
    name: &'static str,
    params: Vec<Param>,
    /// Overloads PyTorch does not count when choosing which error to show
    /// (those taking dimension names).
    hidden: bool,
    /// Whether the `torch.` function form also takes `out=`, which counts
    /// when PyTorch picks the overload to explain an error.
    out: bool,
}

impl Signature {
    /// Reads a signature like `"max(int dim, bool keepdim=False)"`; a
    /// trailing `|hidden` marks it hidden, `|out` gives its function form `out=`.
    pub fn parse(text: &'static str) -> Signature {
        let (text, hidden) = match text.strip_suffix("|hidden") {
            Some(t) => (t, true),
            None => (text, false),
        };
        let (text, out) = match text.strip_suffix("|out") {
            Some(t) => (t, true),
            None => (text, false),
        };
        let open = text.find('(').expect("signature has a parameter list");
        let name = &text[..open];
        let inner = &text[open + 1..text.len() - 1];
        let mut params = Vec::new();
        let mut keyword_only = false;
        for part in inner.split(", ").filter(|p| !p.is_empty()) {
            if part == "*" {
                keyword_only = true;
                continue;
            }
            let (decl, default) = match part.split_once('=') {
                Some((d, _)) => (d, true),
                None => (part, false),
            };
            let (ty, pname) = decl.rsplit_once(' ').expect("parameter has a type and a name");
            let nullable = ty.ends_with('?');
            let ty = ty.trim_end_matches('?');
            params.push(Param {
                name: pname,
                kind: Kind::parse(ty),
                nullable,
                has_default: default,
                keyword_only,
            });
        }
        Signature { name, params, hidden, out }
    }

    /// The function's name.
    #[cfg(test)]
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Whether it has a parameter called `name`.
    pub fn has_param(&self, name: &str) -> bool {
        self.params.iter().any(|p| p.name == name)
    }

    /// The `torch.` function form of a method signature: `self` becomes
    /// the first positional parameter, `input`, and `out=` may follow.
    fn with_input(mut self) -> Signature {
        let input = Param {
            name: "input",
            kind: Kind::Tensor,
            nullable: false,
            has_default: false,
            keyword_only: false,
        };
        self.params.insert(0, input);
        if self.out {
            let out = Param {
                name: "out",
                kind: Kind::Tensor,
                nullable: true,
                has_default: true,
                keyword_only: true,
            };
            self.params.push(out);
        }
        self
    }

    fn max_positional(&self) -> usize {
        self.params.iter().filter(|p| !p.keyword_only).count()
    }

    fn min_args(&self) -> usize {
        self.params.iter().filter(|p| !p.has_default).count()
    }

    /// Binds `args` and `kwargs`; on failure, the error PyTorch would raise
    /// for this overload alone.
    fn bind(&self, args: &[Value], kwargs: &[(String, Value)]) -> Result<Bound, LangError> {
        let args = self.varargs(args);
        let args = args.as_slice();
        let max = self.max_positional();
        if args.len() > max && self.min_args() != max {
            return Err(LangError::type_error(format!(
                "{}() takes from {} to {max} positional arguments but {} were given",
                self.name,
                self.min_args(),
                args.len()
            )));
        }
        if args.len() > max {
            return Err(LangError::type_error(format!(
                "{}() takes {} positional argument{} but {} {} given",
                self.name,
                max,
                if max == 1 { "" } else { "s" },
                args.len(),
                if args.len() == 1 { "was" } else { "were" }
            )));
        }
        // As PyTorch's parser: a parameter takes its positional argument if
        // there is one, else its keyword (or a NumPy-style alias of it); the
        // keywords left over are reported once every parameter is bound.
        let mut values = Vec::with_capacity(self.params.len());
        let mut keywords_used = 0;
        for (i, p) in self.params.iter().enumerate() {
            let (value, position) = match args.get(i).filter(|_| !p.keyword_only) {
                Some(v) => (Some(v), Some(i + 1)),
                None => {
                    let keyword = keyword(kwargs, p.name);
                    keywords_used += usize::from(keyword.is_some());
                    (keyword, None)
                }
            };
            match value {
                None if p.has_default => values.push(None),
                None => {
                    return Err(LangError::type_error(format!(
                        "{}() missing 1 required positional arguments: \"{}\"",
                        self.name, p.name
                    )));
                }
                Some(Value::None) if p.nullable => values.push(None),
                Some(v) if p.kind.accepts(v) => values.push(Some(tensors_as_ints(p.kind, v))),
                Some(v) => {
                    let at = position.map(|k| format!(" (position {k})")).unwrap_or_default();
                    // Only a positional argument has its bad element named.
                    let found = match v {
                        Value::Tuple(items) | Value::List(items)
                            if position.is_some() && matches!(p.kind, Kind::IntList { .. }) =>
                        {
                            format!("but found element of type {} at pos 0", items[0].type_name())
                        }
                        _ => format!("not {}", v.type_name()),
                    };
                    return Err(LangError::type_error(format!(
                        "{}(): argument '{}'{} must be {}, {found}",
                        self.name,
                        p.name,
                        at,
                        p.kind.describe(),
                    )));
                }
            }
        }
        if keywords_used < kwargs.len() {
            return Err(self.extra_keyword(kwargs, args.len()));
        }
        Ok(Bound { names: self.params.iter().map(|p| p.name).collect(), values })
    }

    /// PyTorch's error for keywords no parameter took: the first one that
    /// names no parameter (an alias names none) or one already given by position.
    fn extra_keyword(&self, kwargs: &[(String, Value)], positional: usize) -> LangError {
        for (k, _) in kwargs {
            match self.params.iter().position(|p| p.name == k) {
                None => {
                    return LangError::type_error(format!(
                        "{}() got an unexpected keyword argument '{k}'",
                        self.name
                    ));
                }
                Some(i) if i < positional => {
                    return LangError::type_error(format!(
                        "{}() got multiple values for argument '{k}'",
                        self.name
                    ));
                }
                Some(_) => {}
            }
        }
        LangError::type_error("invalid keyword arguments")
    }

    /// PyTorch's error for an int list chosen by its first item whose later
    /// items are not all ints (or bools): "failed to unpack the object at
    /// pos 2 ...", raised whatever other overloads there are.
    fn unpack_error(&self, bound: &Bound) -> Option<LangError> {
        self.params.iter().zip(&bound.values).find_map(|(p, v)| {
            let (Kind::IntList { .. }, Some(Value::Tuple(items) | Value::List(items))) = (p.kind, v) else {
                return None;
            };
            let (i, bad) =
                items.iter().enumerate().find(|(_, item)| !matches!(item, Value::Int(_) | Value::Bool(_)))?;
            Some(LangError::type_error(format!(
                "{}(): argument '{}' failed to unpack the object at pos {} with error \"type must be tuple of ints,but got {}\"",
                self.name,
                p.name,
                i + 1,
                bad.type_name()
            )))
        })
    }

    /// `t.reshape(2, 3)`, `torch.zeros(3)`: when an int list is the only
    /// positional parameter, it may be spread over the positional
    /// arguments, if the first of them is an int. A sized list (`int[1]`)
    /// takes that int itself, so `t.var(0, 1)` is not `t.var((0, 1))`.
    fn varargs(&self, args: &[Value]) -> Vec<Value> {
        let positional: Vec<&Param> = self.params.iter().filter(|p| !p.keyword_only).collect();
        let only_a_list =
            matches!(positional.as_slice(), [p] if matches!(p.kind, Kind::IntList { sized: false }));
        if only_a_list
            && !args.is_empty()
            && (matches!(args[0], Value::Int(_)) || index_tensor(&args[0]).is_some())
        {
            return vec![Value::Tuple(std::rc::Rc::new(args.to_vec()))];
        }
        args.to_vec()
    }
}

/// The keyword argument for parameter `name`, given by its name or by a
/// NumPy-style alias of it.
pub(crate) fn keyword<'a>(kwargs: &'a [(String, Value)], name: &str) -> Option<&'a Value> {
    std::iter::once(name)
        .chain(numpy_aliases(name).iter().copied())
        .find_map(|n| kwargs.iter().find(|(k, _)| k == n).map(|(_, v)| v))
}

/// The NumPy-style names PyTorch's parser also accepts for a keyword
/// (`t.sum(axis=0, keepdims=True)`); error messages still use the real name.
pub fn numpy_aliases(name: &str) -> &'static [&'static str] {
    match name {
        "dim" => &["axis"],
        "keepdim" => &["keepdims"],
        "input" => &["x", "a", "x1"],
        "other" => &["x2"],
        _ => &[],
    }
}

/// Binds a call to a function PyTorch writes in Python, such as
/// `"softmax(input, dim=None, _stacklevel=3, dtype=None)"` (parameters by
/// position or keyword, those with `=` optional), with Python's own
/// `TypeError`s; the arguments come back in the parameters' order.
pub fn bind_python(
    text: &str,
    args: &[Value],
    kwargs: &[(String, Value)],
) -> Result<Vec<Option<Value>>, LangError> {
    let open = text.find('(').unwrap_or(text.len());
    let name = &text[..open];
    let params: Vec<(&str, bool)> = text[open + 1..text.len() - 1]
        .split(", ")
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((n, _)) => (n, true),
            None => (p, false),
        })
        .collect();
    if args.len() > params.len() {
        let required = params.iter().filter(|(_, d)| !d).count();
        let takes = match required == params.len() {
            true => format!("{}", params.len()),
            false => format!("from {required} to {}", params.len()),
        };
        return Err(LangError::type_error(format!(
            "{name}() takes {takes} positional argument{} but {} {} given",
            if params.len() == 1 { "" } else { "s" },
            args.len(),
            if args.len() == 1 { "was" } else { "were" }
        )));
    }
    let mut bound: Vec<Option<Value>> = params.iter().map(|_| None).collect();
    for (slot, v) in bound.iter_mut().zip(args) {
        *slot = Some(v.clone());
    }
    for (k, v) in kwargs {
        let Some(i) = params.iter().position(|(p, _)| p == k) else {
            return Err(LangError::type_error(format!("{name}() got an unexpected keyword argument '{k}'")));
        };
        if bound[i].is_some() {
            return Err(LangError::type_error(format!("{name}() got multiple values for argument '{k}'")));
        }
        bound[i] = Some(v.clone());
    }
    let missing: Vec<&str> =
        params.iter().zip(&bound).filter(|((_, d), b)| !d && b.is_none()).map(|((p, _), _)| *p).collect();
    match missing.as_slice() {
        [] => Ok(bound),
        [one] => {
            Err(LangError::type_error(format!("{name}() missing 1 required positional argument: '{one}'")))
        }
        more => {
            let quoted: Vec<String> = more.iter().map(|p| format!("'{p}'")).collect();
            let (last, rest) = quoted.split_last().expect("more than one");
            Err(LangError::type_error(format!(
                "{name}() missing {} required positional arguments: {} and {last}",
                more.len(),
                rest.join(", ")
            )))
        }
    }
}

/// Arguments bound to one overload's parameters.
#[derive(Debug, Clone)]
pub struct Bound {
    names: Vec<&'static str>,
    values: Vec<Option<Value>>,
}

impl Bound {
    /// No arguments at all.
    #[cfg(test)]
    pub fn empty() -> Bound {
        Bound { names: Vec::new(), values: Vec::new() }
    }

    /// The argument for parameter `name`, or `None` when it was omitted
    /// (or given as `None` to a nullable parameter).
    pub fn get(&self, name: &str) -> Option<&Value> {
        let i = self.names.iter().position(|n| *n == name)?;
        self.values[i].as_ref()
    }
}

/// How a call was written: as a method or as a `torch.` function, which
/// takes the tensor as its first argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallStyle {
    /// `t.sum(...)`
    Method,
    /// `torch.sum(t, ...)`
    Function,
}

/// Picks the first overload that accepts the arguments, as PyTorch does;
/// returns its position in `overloads` and the bound arguments.
pub fn bind(
    overloads: &[Signature],
    args: &[Value],
    kwargs: &[(String, Value)],
) -> Result<(usize, Bound), LangError> {
    let mut first_error = None;
    // The PyTorch the playground follows has no named-dimension overloads to
    // bind to: a string there would silently reduce over every dim.
    for (i, sig) in overloads.iter().enumerate().filter(|(_, s)| !s.hidden) {
        match sig.bind(args, kwargs) {
            Ok(bound) => return sig.unpack_error(&bound).map_or(Ok((i, bound)), Err),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    if overloads.iter().filter(|s| !s.hidden).count() == 1 {
        return Err(first_error.expect("one overload was tried"));
    }
    // PyTorch explains the one overload the argument count fits, if only one does.
    let count = args.len() + kwargs.len();
    let plausible: Vec<&Signature> =
        overloads.iter().filter(|s| !s.hidden && count >= s.min_args() && count <= s.params.len()).collect();
    if let [only] = plausible.as_slice() {
        only.bind(args, kwargs)?;
    }
    Err(LangError::type_error(format!(
        "{}() received an invalid combination of arguments - got {}, but expected one of:",
        overloads[0].name,
        describe_call(args, kwargs)
    )))
}

/// PyTorch's summary of the argument types: `(Tensor, dim=tuple)`;
/// keywords come last in reverse order, and keywords without positional
/// arguments end in a dangling `, ` (`(keepdim=bool, )`).
fn describe_call(args: &[Value], kwargs: &[(String, Value)]) -> String {
    let mut parts: Vec<String> = args.iter().map(|a| a.type_name().to_string()).collect();
    parts.extend(kwargs.iter().rev().map(|(k, v)| format!("{k}={}", v.type_name())));
    let trailer = if args.is_empty() && !kwargs.is_empty() { ", " } else { "" };
    format!("({}{trailer})", parts.join(", "))
}

/// Parses a list of signature strings.
pub fn overloads(texts: &[&'static str]) -> Vec<Signature> {
    texts.iter().map(|t| Signature::parse(t)).collect()
}

/// Parses method signatures for calls written in `style`: as `torch.`
/// functions they take the tensor as their first argument.
pub fn overloads_for(texts: &[&'static str], style: CallStyle) -> Vec<Signature> {
    let sigs = overloads(texts);
    match style {
        CallStyle::Method => sigs,
        CallStyle::Function => sigs.into_iter().map(Signature::with_input).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum() -> Vec<Signature> {
        overloads(&[
            "sum(*, ScalarType? dtype=None)",
            "sum(int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)",
            "sum(Dimname[1] dim, bool keepdim=False, *, ScalarType? dtype=None)|hidden",
        ])
    }

    #[test]
    fn keepdim_alone_is_an_invalid_combination() {
        let kwargs = vec![("keepdim".to_string(), Value::Bool(true))];
        let err = bind(&sum(), &[], &kwargs).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: sum() received an invalid combination of arguments - got (keepdim=bool, ), but expected one of:"
        );
    }

    #[test]
    fn a_single_plausible_overload_explains_itself() {
        let err = bind(&sum(), &[Value::Int(0), Value::Int(1)], &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: sum(): argument 'keepdim' (position 2) must be bool, not int"
        );
    }

    #[test]
    fn dims_bind_by_position_or_keyword() {
        let (i, bound) = bind(&sum(), &[Value::Int(1)], &[]).unwrap();
        assert_eq!(i, 1);
        assert!(matches!(bound.get("dim"), Some(Value::Int(1))));
        assert!(bound.get("keepdim").is_none());
    }
}
