//! Element types and PyTorch's type-promotion rules.

use std::fmt;

/// The element type of a tensor, named as PyTorch names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum DType {
    /// `torch.bool`
    Bool,
    /// `torch.int32`
    Int32,
    /// `torch.int64` (PyTorch's default integer type)
    Int64,
    /// `torch.float32` (PyTorch's default floating type)
    Float32,
    /// `torch.float64`
    Float64,
}

/// The kind of number a dtype holds; promotion never moves down this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// `torch.bool`
    Bool,
    /// `torch.int32`, `torch.int64`
    Integer,
    /// `torch.float32`, `torch.float64`
    Floating,
}

impl DType {
    /// PyTorch's default for floating data (`torch.get_default_dtype()`).
    pub const DEFAULT_FLOAT: DType = DType::Float32;

    /// The name after `torch.`: `float32`, `int64`, ...
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
        }
    }

    /// The short name PyTorch uses inside some error messages (`Long`, `Float`, ...).
    pub fn scalar_type_name(self) -> &'static str {
        match self {
            DType::Bool => "Bool",
            DType::Int32 => "Int",
            DType::Int64 => "Long",
            DType::Float32 => "Float",
            DType::Float64 => "Double",
        }
    }

    /// Looks a dtype up by any of the attribute names `torch` offers for it.
    pub fn from_torch_attr(name: &str) -> Option<DType> {
        Some(match name {
            "bool" => DType::Bool,
            "int32" | "int" => DType::Int32,
            "int64" | "long" => DType::Int64,
            "float32" | "float" => DType::Float32,
            "float64" | "double" => DType::Float64,
            _ => return None,
        })
    }

    /// Bool, integer or floating.
    pub fn category(self) -> Category {
        match self {
            DType::Bool => Category::Bool,
            DType::Int32 | DType::Int64 => Category::Integer,
            DType::Float32 | DType::Float64 => Category::Floating,
        }
    }

    /// True for float32 and float64.
    pub fn is_floating(self) -> bool {
        self.category() == Category::Floating
    }

    /// `torch.promote_types`: the smallest dtype both values fit in.
    pub fn promote(self, other: DType) -> DType {
        // The enum is declared in promotion order, so the larger one wins.
        self.max(other)
    }

    /// The dtype an op computes in when it needs floating point
    /// (true division, mean, ...): floats stay, everything else becomes float32.
    pub fn to_floating(self) -> DType {
        if self.is_floating() { self } else { DType::DEFAULT_FLOAT }
    }

    /// The dtype `sum`/`prod` return: integers and bools widen to int64.
    pub fn accumulate(self) -> DType {
        if self.is_floating() { self } else { DType::Int64 }
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "torch.{}", self.name())
    }
}

/// One participant in an operation, as PyTorch's `result_type` sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operand {
    /// A tensor with at least one dimension.
    Dimensioned(DType),
    /// A 0-d tensor.
    ZeroDim(DType),
    /// A Python number (`True`, `2`, `2.5`).
    Wrapped(Category),
}

/// `torch.result_type` for the operands of one op.
///
/// Dimensioned tensors decide the dtype; 0-d tensors and Python numbers
/// only matter when they belong to a higher category (`int_tensor * 2.5` is
/// float32, `float32_tensor * float64_scalar_tensor` stays float32).
pub fn result_type(operands: &[Operand]) -> DType {
    let mut dimensioned = None;
    let mut zero_dim = None;
    let mut wrapped = None;
    for op in operands {
        let (slot, dtype) = match *op {
            Operand::Dimensioned(d) => (&mut dimensioned, d),
            Operand::ZeroDim(d) => (&mut zero_dim, d),
            Operand::Wrapped(c) => (&mut wrapped, wrapped_dtype(c)),
        };
        *slot = Some(slot.map_or(dtype, |d: DType| d.promote(dtype)));
    }
    combine_categories(dimensioned, combine_categories(zero_dim, wrapped)).unwrap_or(DType::DEFAULT_FLOAT)
}

/// The dtype a Python number stands for in promotion.
fn wrapped_dtype(category: Category) -> DType {
    match category {
        Category::Bool => DType::Bool,
        Category::Integer => DType::Int64,
        Category::Floating => DType::DEFAULT_FLOAT,
    }
}

/// Lets the lower-priority group in only when it is of a higher category.
fn combine_categories(higher: Option<DType>, lower: Option<DType>) -> Option<DType> {
    match (higher, lower) {
        (Some(h), _) if h.is_floating() => Some(h),
        (Some(h), Some(l)) if h == DType::Bool || l.is_floating() => Some(h.promote(l)),
        (Some(h), _) => Some(h),
        (None, l) => l,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Operand::*;

    #[test]
    fn python_numbers_only_lift_the_category() {
        assert_eq!(result_type(&[Dimensioned(DType::Int32), Wrapped(Category::Integer)]), DType::Int32);
        assert_eq!(result_type(&[Dimensioned(DType::Int64), Wrapped(Category::Floating)]), DType::Float32);
        assert_eq!(result_type(&[Dimensioned(DType::Bool), Wrapped(Category::Integer)]), DType::Int64);
        assert_eq!(result_type(&[Dimensioned(DType::Float64), Wrapped(Category::Floating)]), DType::Float64);
    }

    #[test]
    fn zero_dim_tensors_yield_to_dimensioned_ones_of_the_same_category() {
        assert_eq!(result_type(&[Dimensioned(DType::Float32), ZeroDim(DType::Float64)]), DType::Float32);
        assert_eq!(result_type(&[Dimensioned(DType::Int64), ZeroDim(DType::Float64)]), DType::Float64);
        assert_eq!(result_type(&[ZeroDim(DType::Int32), ZeroDim(DType::Int64)]), DType::Int64);
    }
}
