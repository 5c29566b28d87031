//! Building tensors from data: `torch.tensor`, `arange`, `zeros`, `ones`, `full`.

use super::Tensor;
use super::dtype::{Category, DType};
use super::error::TensorError;
use super::format::float;
use super::scalar::Scalar;
use super::shape::{MAX_DIMS, MAX_ELEMENTS, Shape};
use super::storage::Storage;

/// Nested Python data as `torch.tensor` receives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Nested {
    /// A number.
    Scalar(Scalar),
    /// A list or tuple.
    List(Vec<Nested>),
}

/// `torch.tensor(data, dtype=...)`: the shape comes from the first element
/// at each depth, the dtype from all elements (bool < int64 < float32).
pub fn tensor_from_nested(data: &Nested, dtype: Option<DType>) -> Result<Tensor, TensorError> {
    let dims = first_element_sizes(data)?;
    let shape = Shape::new(dims)?;
    let dtype = dtype.unwrap_or_else(|| infer_dtype(data));
    let mut flat = Vec::with_capacity(shape.numel());
    store(data, shape.dims(), 0, dtype, &mut flat)?;
    Ok(Tensor::from_storage(Storage::from_scalars(dtype, flat.into_iter()), shape))
}

/// The sizes read off the first element at each nesting level, as PyTorch reads them.
fn first_element_sizes(data: &Nested) -> Result<Vec<usize>, TensorError> {
    let mut dims = Vec::new();
    let mut at = data;
    while let Nested::List(items) = at {
        dims.push(items.len());
        if dims.len() > MAX_DIMS {
            return Err(TensorError::TooManyDims { dims: dims.len() });
        }
        match items.first() {
            Some(first) => at = first,
            None => break,
        }
    }
    Ok(dims)
}

/// The dtype `torch.tensor` picks when none is given.
fn infer_dtype(data: &Nested) -> DType {
    fn widest(data: &Nested) -> Category {
        match data {
            Nested::Scalar(s) => s.category(),
            Nested::List(items) => items.iter().map(widest).max().unwrap_or(Category::Floating),
        }
    }
    match widest(data) {
        Category::Bool => DType::Bool,
        Category::Integer => DType::Int64,
        Category::Floating => DType::DEFAULT_FLOAT,
    }
}

/// Checks `data` against `dims` from `depth` on, appending its elements row-major.
fn store(
    data: &Nested,
    dims: &[usize],
    depth: usize,
    dtype: DType,
    out: &mut Vec<Scalar>,
) -> Result<(), TensorError> {
    match data {
        Nested::Scalar(s) if depth == dims.len() => {
            out.push(*s);
            Ok(())
        }
        Nested::Scalar(_) => Err(TensorError::type_error("not a sequence")),
        Nested::List(_) if depth == dims.len() => Err(list_as_number(dtype)),
        Nested::List(items) => {
            if items.len() != dims[depth] {
                return Err(TensorError::Ragged { expected: dims[depth], dim: depth, got: items.len() });
            }
            items.iter().try_for_each(|item| store(item, dims, depth + 1, dtype, out))
        }
    }
}

/// The error Python's number conversion raises when it meets a list.
fn list_as_number(dtype: DType) -> TensorError {
    match dtype.category() {
        Category::Floating => TensorError::type_error("must be real number, not list"),
        _ => TensorError::type_error("'list' object cannot be interpreted as an integer"),
    }
}

/// `torch.full(size, fill_value, dtype=...)`; the dtype follows the fill value by default.
pub fn full(shape: Shape, value: Scalar, dtype: Option<DType>) -> Tensor {
    let dtype = dtype.unwrap_or(match value.category() {
        Category::Bool => DType::Bool,
        Category::Integer => DType::Int64,
        Category::Floating => DType::DEFAULT_FLOAT,
    });
    let n = shape.numel();
    Tensor::from_storage(Storage::from_scalars(dtype, std::iter::repeat_n(value, n)), shape)
}

/// `torch.arange(start, end, step, dtype=...)`: int64 for whole-number
/// arguments, float32 when any is a float.
pub fn arange(start: Scalar, end: Scalar, step: Scalar, dtype: Option<DType>) -> Result<Tensor, TensorError> {
    let any_float = [start, end, step].iter().any(|s| s.category() == Category::Floating);
    let dtype = dtype.unwrap_or(if any_float { DType::DEFAULT_FLOAT } else { DType::Int64 });
    // PyTorch has no bool range, whatever the bounds.
    if dtype == DType::Bool {
        return Err(TensorError::NotImplementedForBool { kernel: "arange_cpu" });
    }
    let (s, e, st) = (start.to_f64(), end.to_f64(), step.to_f64());
    // PyTorch checks the step before the bounds.
    if !st.is_finite() {
        // Else a NaN step made an empty range and an infinite one a single element.
        return Err(TensorError::runtime(format!("step must be finite but got {}", float::general(st))));
    }
    if st == 0.0 {
        return Err(TensorError::runtime("step must be nonzero"));
    }
    if !s.is_finite() || !e.is_finite() {
        return Err(TensorError::runtime("unsupported range: ".to_string() + &range_text(s, e)));
    }
    if (st > 0.0 && e < s) || (st < 0.0 && e > s) {
        return Err(TensorError::runtime("upper bound and lower bound inconsistent with step sign"));
    }
    let len = if any_float {
        ((e - s) / st).ceil()
    } else {
        // Exactly: as floats, 2**63 - 4 and 2**63 - 1 are the same number.
        let (s, e, st) = (i128::from(start.to_i64()), i128::from(end.to_i64()), i128::from(step.to_i64()));
        let (q, r) = ((e - s) / st, (e - s) % st);
        (q + i128::from(r != 0)) as f64
    };
    if len > MAX_ELEMENTS as f64 {
        // A float-to-int cast saturates: 1e30 elements are reported as u64's largest.
        return Err(TensorError::TooManyElements { requested: len as u64 });
    }
    let len = len as usize;
    let shape = Shape::new(vec![len])?;
    let values = (0..len).map(|i| {
        if dtype.is_floating() {
            Scalar::Float(s + i as f64 * st)
        } else {
            // Whole-number ranges are exact in 64-bit integers: every value
            // lies between start and end, though `i * step` alone may not fit.
            Scalar::Int(start.to_i64().wrapping_add((i as i64).wrapping_mul(step.to_i64())))
        }
    });
    Ok(Tensor::from_storage(Storage::from_scalars(dtype, values), shape))
}

/// As PyTorch's C++ writes a range: `1e+20 -> nan`.
fn range_text(start: f64, end: f64) -> String {
    format!("{} -> {}", float::general(start), float::general(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: Vec<Nested>) -> Nested {
        Nested::List(items)
    }
    fn int(i: i64) -> Nested {
        Nested::Scalar(Scalar::Int(i))
    }

    #[test]
    fn ragged_rows_name_the_dim() {
        let data = list(vec![list(vec![int(1), int(2)]), list(vec![int(3)])]);
        let err = tensor_from_nested(&data, None).unwrap_err();
        assert_eq!(err.to_string(), "expected sequence of length 2 at dim 1 (got 1)");
    }

    #[test]
    fn a_list_where_a_number_belongs_is_a_type_error() {
        let data = list(vec![int(1), list(vec![int(2), int(3)])]);
        let err = tensor_from_nested(&data, None).unwrap_err();
        assert_eq!(err.to_string(), "'list' object cannot be interpreted as an integer");
        let data = list(vec![list(vec![int(1), int(2)]), int(3)]);
        assert_eq!(tensor_from_nested(&data, None).unwrap_err().to_string(), "not a sequence");
    }

    #[test]
    fn whole_numbers_make_int64_and_floats_float32() {
        let t = tensor_from_nested(&list(vec![int(1), int(2)]), None).unwrap();
        assert_eq!(t.dtype(), DType::Int64);
        let t = tensor_from_nested(&list(vec![int(1), Nested::Scalar(Scalar::Float(0.5))]), None).unwrap();
        assert_eq!(t.dtype(), DType::Float32);
        let t = tensor_from_nested(&list(vec![]), None).unwrap();
        assert_eq!((t.dtype(), t.shape().dims()), (DType::Float32, &[0usize][..]));
    }
}
