//! The values a program computes: Python numbers and containers, tensors
//! (with their place in the lineage graph), and the torch/NumPy objects
//! around them.

use crate::tensor::lineage::NodeId;
use crate::tensor::{DType, Scalar, Tensor};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

/// Keyword arguments of a call, in the order written.
pub type Kwargs = Vec<(String, Value)>;

/// A tensor together with the lineage node that explains its elements.
#[derive(Debug, Clone)]
pub struct Traced {
    /// The values.
    pub tensor: Tensor,
    /// Where it sits in the program's lineage graph.
    pub node: NodeId,
    /// What autograd knows about it, shared by every value that is this
    /// tensor (as Python's names share one object).
    pub autograd: Rc<Autograd>,
}

/// What autograd knows about one tensor object.
#[derive(Debug, Default)]
pub struct Autograd {
    /// A leaf's `requires_grad` (`requires_grad=True`, `requires_grad_()`).
    pub requires_grad: Cell<bool>,
    /// The name of its `grad_fn` (`SumBackward0`), when it was computed
    /// from tensors that required grad.
    pub grad_fn: Option<&'static str>,
    /// A leaf's `.grad`: what backward put there.
    pub grad: RefCell<Option<Traced>>,
    /// For a tensor that is a leaf's `.grad`, that leaf: changing it in
    /// place (`zero_()`) changes the leaf's `.grad`.
    pub grad_of: Option<Weak<Autograd>>,
}

impl Autograd {
    /// A tensor computed by `grad_fn` from tensors that required grad.
    pub fn computed(grad_fn: &'static str) -> Autograd {
        Autograd { grad_fn: Some(grad_fn), ..Autograd::default() }
    }
}

impl Traced {
    /// `t.requires_grad`
    pub fn requires_grad(&self) -> bool {
        self.autograd.grad_fn.is_some() || self.autograd.requires_grad.get()
    }

    /// `t.is_leaf`: not computed from tensors that required grad.
    pub fn is_leaf(&self) -> bool {
        self.autograd.grad_fn.is_none()
    }
}

/// A Python value.
#[derive(Debug, Clone)]
pub enum Value {
    /// `None`
    None,
    /// `True` / `False`
    Bool(bool),
    /// A Python int (64-bit in the playground).
    Int(i64),
    /// A Python float.
    Float(f64),
    /// A Python str.
    Str(Rc<str>),
    /// A Python list.
    List(Rc<Vec<Value>>),
    /// A Python tuple.
    Tuple(Rc<Vec<Value>>),
    /// A `torch.Tensor`.
    Tensor(Traced),
    /// A `torch.Size`.
    Size(Rc<Vec<usize>>),
    /// `torch.return_types.max(values=..., indices=...)` (or `min`, `sort`, ...).
    ValuesIndices { op: &'static str, values: Traced, indices: Traced },
    /// A NumPy array (from `.numpy()`).
    NdArray(Traced),
    /// A NumPy scalar (`np.float32(4.0)`).
    NpScalar(Scalar, DType),
    /// A `torch.dtype`.
    Dtype(DType),
    /// A tensor's `grad_fn`: the backward function PyTorch names so
    /// (`SumBackward0`).
    GradFn(&'static str),
    /// The random number generator (`torch.manual_seed(0)` returns it); the
    /// playground has one, the program's.
    Generator,
    /// A module: `torch` or `numpy`.
    Module(Module),
    /// A Python builtin function (`print`, `len`, ...).
    Builtin(Builtin),
    /// A function of a module (`torch.sum`).
    Function(Module, Rc<str>),
    /// A method bound to its receiver (`t.sum`).
    Method(Box<Value>, Rc<str>),
}

/// The modules a program can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Module {
    /// `torch`
    Torch,
    /// `torch.nn`
    Nn,
    /// `torch.nn.functional` (`import torch.nn.functional as F`)
    Functional,
    /// `numpy`
    Numpy,
}

impl Module {
    /// The module's import name.
    pub fn name(self) -> &'static str {
        match self {
            Module::Torch => "torch",
            Module::Nn => "torch.nn",
            Module::Functional => "torch.nn.functional",
            Module::Numpy => "numpy",
        }
    }
}

/// Python's builtin functions that the playground provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `print(...)`
    Print,
    /// `len(x)`
    Len,
    /// `float(x)` (also `dtype=float`)
    Float,
    /// `int(x)` (also `dtype=int`)
    Int,
    /// `bool(x)` (also `dtype=bool`)
    Bool,
    /// `abs(x)`
    Abs,
    /// `round(x)`
    Round,
    /// `str(x)`
    Str,
    /// `repr(x)`
    Repr,
    /// `list(x)`
    List,
    /// `tuple(x)`
    Tuple,
    /// `min(iterable)`, `min(a, b, ...)`
    Min,
    /// `max(iterable)`, `max(a, b, ...)`
    Max,
    /// `sum(iterable, start=0)`
    Sum,
}

impl Builtin {
    /// Every builtin the playground has, for the reference of what it supports.
    pub const ALL: [Builtin; 14] = [
        Builtin::Print,
        Builtin::Len,
        Builtin::Float,
        Builtin::Int,
        Builtin::Bool,
        Builtin::Abs,
        Builtin::Round,
        Builtin::Str,
        Builtin::Repr,
        Builtin::List,
        Builtin::Tuple,
        Builtin::Min,
        Builtin::Max,
        Builtin::Sum,
    ];

    /// Looks a builtin up by name.
    pub fn from_name(name: &str) -> Option<Builtin> {
        Some(match name {
            "print" => Builtin::Print,
            "len" => Builtin::Len,
            "float" => Builtin::Float,
            "int" => Builtin::Int,
            "bool" => Builtin::Bool,
            "abs" => Builtin::Abs,
            "round" => Builtin::Round,
            "str" => Builtin::Str,
            "repr" => Builtin::Repr,
            "list" => Builtin::List,
            "tuple" => Builtin::Tuple,
            "min" => Builtin::Min,
            "max" => Builtin::Max,
            "sum" => Builtin::Sum,
            _ => return None,
        })
    }

    /// The builtin's name.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Print => "print",
            Builtin::Len => "len",
            Builtin::Float => "float",
            Builtin::Int => "int",
            Builtin::Bool => "bool",
            Builtin::Abs => "abs",
            Builtin::Round => "round",
            Builtin::Str => "str",
            Builtin::Repr => "repr",
            Builtin::List => "list",
            Builtin::Tuple => "tuple",
            Builtin::Min => "min",
            Builtin::Max => "max",
            Builtin::Sum => "sum",
        }
    }

    /// `float`, `int` and `bool` double as dtypes (`dtype=float` is float64).
    pub fn as_dtype(self) -> Option<DType> {
        match self {
            Builtin::Float => Some(DType::Float64),
            Builtin::Int => Some(DType::Int64),
            Builtin::Bool => Some(DType::Bool),
            _ => None,
        }
    }
}

impl Value {
    /// The name of the value's Python type, as error messages show it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Tensor(_) => "Tensor",
            Value::Size(_) => "torch.Size",
            Value::ValuesIndices { op, .. } => return_type(op),
            Value::NdArray(_) => "numpy.ndarray",
            Value::NpScalar(_, dtype) => match dtype {
                DType::Bool => "numpy.bool",
                DType::Int32 => "numpy.int32",
                DType::Int64 => "numpy.int64",
                DType::Float32 => "numpy.float32",
                DType::Float64 => "numpy.float64",
            },
            Value::Dtype(_) => "torch.dtype",
            Value::GradFn(name) => name,
            Value::Generator => "torch._C.Generator",
            Value::Module(_) => "module",
            Value::Builtin(_) => "builtin_function_or_method",
            Value::Function(..) => "builtin_function_or_method",
            Value::Method(..) => "builtin_function_or_method",
        }
    }

    /// The value as a Python number, if it is one (bools count, as in Python).
    pub fn as_number(&self) -> Option<Scalar> {
        match self {
            Value::Bool(b) => Some(Scalar::Bool(*b)),
            Value::Int(i) => Some(Scalar::Int(*i)),
            Value::Float(f) => Some(Scalar::Float(*f)),
            Value::NpScalar(s, _) => Some(*s),
            _ => None,
        }
    }

    /// A Python number from a scalar.
    pub fn from_scalar(s: Scalar) -> Value {
        match s {
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Int(i) => Value::Int(i),
            Scalar::Float(f) => Value::Float(f),
        }
    }

    /// A tuple of values.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }
}

/// The name of the named tuple type an op returns `(values, indices)` as.
fn return_type(op: &str) -> &'static str {
    match op {
        "min" => "torch.return_types.min",
        "sort" => "torch.return_types.sort",
        "topk" => "torch.return_types.topk",
        "kthvalue" => "torch.return_types.kthvalue",
        "median" => "torch.return_types.median",
        "cummax" => "torch.return_types.cummax",
        "cummin" => "torch.return_types.cummin",
        _ => "torch.return_types.max",
    }
}

#[cfg(test)]
mod tests {
    use super::Builtin;

    #[test]
    fn every_builtin_is_found_by_its_name() {
        for b in Builtin::ALL {
            assert_eq!(Builtin::from_name(b.name()), Some(b));
        }
    }
}
