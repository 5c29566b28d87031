//! The few NumPy operations on arrays from `.numpy()`, and conversions of
//! tensors to Python lists and numbers.

use super::error::LangError;
use super::value::{Traced, Value};
use crate::tensor::shape::numel_u64;
use crate::tensor::{Scalar, Tensor, TensorError};
use std::rc::Rc;

/// The most elements `.tolist()` converts, so a huge tensor cannot exhaust memory.
pub const MAX_LIST_ELEMENTS: usize = 1 << 20;

/// The numbers and lists that `t.tolist()` makes, besides the outermost list.
/// Counted in 64 bits: an empty tensor's sizes may multiply past a 32-bit usize.
pub fn list_objects(t: &Tensor) -> u64 {
    let dims = t.shape().dims();
    // Depth k holds one list per index into the dims before it.
    let inner_lists = (1..dims.len()).map(|k| numel_u64(&dims[..k])).fold(0, u64::saturating_add);
    (t.numel() as u64).saturating_add(inner_lists)
}

/// `t.tolist()`: nested lists of Python numbers (a number for a 0-d tensor).
pub fn to_list(t: &Tensor) -> Result<Value, LangError> {
    if t.numel() > MAX_LIST_ELEMENTS {
        return Err(LangError::limit(format!(
            "the playground converts at most {MAX_LIST_ELEMENTS} elements to a list, and this tensor has {}",
            t.numel()
        )));
    }
    // An empty tensor can still stand for millions of lists: zeros(2**24, 5, 0) made 100M.
    if list_objects(t) > 2 * MAX_LIST_ELEMENTS as u64 {
        return Err(LangError::limit(format!(
            "the playground converts at most {} numbers and lists to a list, and this tensor would make {}",
            2 * MAX_LIST_ELEMENTS,
            list_objects(t)
        )));
    }
    let values: Vec<Scalar> = t.scalars().collect();
    fn build(values: &[Scalar], dims: &[usize]) -> Value {
        match dims.split_first() {
            None => Value::from_scalar(values[0]),
            Some((&n, rest)) => {
                let step: usize = rest.iter().product();
                Value::List(Rc::new((0..n).map(|i| build(&values[i * step..], rest)).collect()))
            }
        }
    }
    Ok(build(&values, t.shape().dims()))
}

/// `t.item()`: the one element as a Python number.
pub fn item(t: &Tensor) -> Result<Value, LangError> {
    if t.numel() != 1 {
        return Err(TensorError::NotAScalar { numel: t.numel() }.into());
    }
    Ok(Value::from_scalar(t.get(&vec![0; t.rank()])))
}

/// A method call on a NumPy array.
pub fn array_method(
    t: &Traced,
    name: &str,
    args: &[Value],
    kwargs: &[(String, Value)],
) -> Result<Value, LangError> {
    if !args.is_empty() || !kwargs.is_empty() {
        return Err(LangError::unsupported_here(format!("arguments to numpy.ndarray.{name}()")));
    }
    match name {
        "tolist" => to_list(&t.tensor),
        "item" => match t.tensor.numel() {
            1 => item(&t.tensor),
            _ => Err(LangError::value_error("can only convert an array of size 1 to a Python scalar")),
        },
        _ => Err(LangError::unsupported_here(format!("numpy.ndarray.{name}()"))),
    }
}
