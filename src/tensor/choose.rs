//! Choosing each element between two candidates by a condition:
//! `torch.where(condition, input, other)` and `t.masked_fill(mask, value)`,
//! with broadcasting and PyTorch's type promotion.

use super::Tensor;
use super::dtype::{DType, result_type};
use super::elementwise::Side;
use super::error::TensorError;
use super::layout::Layout;
use super::scalar::Scalar;
use super::shape::{Shape, broadcast_shapes};
use super::storage::Storage;

/// What choosing gave: the values and, per element, which candidate was
/// chosen (0: the first, 1: the second).
#[derive(Debug, Clone)]
pub struct Chosen {
    /// The result.
    pub values: Tensor,
    /// Per element (row-major), the candidate chosen.
    pub picked: Vec<u8>,
}

/// C++'s name for a dtype, as `masked_fill` names its mask's.
fn cpp_name(dtype: DType) -> &'static str {
    match dtype {
        DType::Bool => "bool",
        DType::Int32 => "int",
        DType::Int64 => "long int",
        DType::Float32 => "float",
        DType::Float64 => "double",
    }
}

/// The shape of a candidate (a number is 0-d).
fn shape_of(side: &Side<'_>) -> Shape {
    match side {
        Side::Tensor(t) => t.shape().clone(),
        Side::Number(_) => Shape::scalar(),
    }
}

/// Where a candidate's elements lie in its buffer, read broadcast to a
/// shape (a number has none).
fn broadcast(side: &Side<'_>, shape: &Shape) -> Option<Layout> {
    match side {
        Side::Tensor(t) => Some(t.layout().broadcast_to(shape)),
        Side::Number(_) => None,
    }
}

/// Calls `f` with each place of `shape` (row-major) and the elements there
/// of `a`, `b` and `c` (broadcast), without an allocation per element.
fn each_of_three(shape: &Shape, sides: [Side<'_>; 3], mut f: impl FnMut(Scalar, Scalar, Scalar)) {
    let layouts: Vec<Option<Layout>> = sides.iter().map(|s| broadcast(s, shape)).collect();
    let mut offsets: Vec<Option<super::layout::Offsets<'_>>> =
        layouts.iter().map(|l| l.as_ref().map(Layout::offsets)).collect();
    let mut read = |k: usize| match (&sides[k], offsets[k].as_mut()) {
        (Side::Tensor(t), Some(at)) => t.storage.get(at.next().unwrap_or(0)),
        (Side::Number(s), _) => *s,
        (Side::Tensor(_), None) => unreachable!("every tensor has its layout"),
    };
    for _ in 0..shape.numel() {
        let (x, y, z) = (read(0), read(1), read(2));
        f(x, y, z);
    }
}

/// `torch.where(condition, input, other)`.
pub fn select_where(condition: &Tensor, input: Side<'_>, other: Side<'_>) -> Result<Chosen, TensorError> {
    if condition.dtype() != DType::Bool {
        return Err(TensorError::runtime(format!(
            "where expected condition to be a boolean tensor, but got a tensor with dtype {}",
            condition.dtype().scalar_type_name()
        )));
    }
    // Broadcast as TensorIterator folds its operands: condition, input, other.
    let shape =
        broadcast_shapes(&broadcast_shapes(condition.shape(), &shape_of(&input))?, &shape_of(&other))?;
    let dtype = result_type(&[input.operand(), other.operand()]);
    for side in [input, other] {
        if let Side::Number(s) = side {
            s.check_fits(dtype)?;
        }
    }
    let mut picked = Vec::with_capacity(shape.numel());
    let mut values = Vec::with_capacity(shape.numel());
    each_of_three(&shape, [Side::Tensor(condition), input, other], |c, a, b| {
        let first = c.is_nonzero();
        picked.push(u8::from(!first));
        values.push(if first { a } else { b });
    });
    // Laid out in memory as its operands are, as PyTorch's TensorIterator lays it out.
    let tensors: Vec<&Tensor> = [Side::Tensor(condition), input, other]
        .iter()
        .filter_map(|s| match s {
            Side::Tensor(t) => Some(*t),
            Side::Number(_) => None,
        })
        .collect();
    let values = Tensor::from_storage(Storage::from_scalars(dtype, values.into_iter()), shape);
    Ok(Chosen { values: values.in_memory_order_of(&tensors), picked })
}

/// `t.masked_fill(mask, value)`: `value` where the mask is true, `t`
/// elsewhere, in `t`'s dtype (both broadcast: the mask first, as PyTorch
/// expands them).
pub fn masked_fill(t: &Tensor, mask: &Tensor, value: Scalar) -> Result<Chosen, TensorError> {
    let shape = broadcast_shapes(mask.shape(), t.shape())?;
    if mask.dtype() != DType::Bool {
        return Err(TensorError::runtime(format!(
            "masked_fill_ only supports boolean masks, but got mask with dtype {}",
            cpp_name(mask.dtype())
        )));
    }
    value.check_fits(t.dtype())?;
    let mut picked = Vec::with_capacity(shape.numel());
    let mut values = Vec::with_capacity(shape.numel());
    each_of_three(&shape, [Side::Tensor(mask), Side::Tensor(t), Side::Number(value)], |m, own, fill| {
        let filled = m.is_nonzero();
        picked.push(u8::from(filled));
        values.push(if filled { fill } else { own });
    });
    let values = Tensor::from_storage(Storage::from_scalars(t.dtype(), values.into_iter()), shape);
    Ok(Chosen { values, picked })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn floats(values: &[f32]) -> Tensor {
        Tensor::from_vec(values.to_vec(), Shape::new(vec![values.len()]).unwrap())
    }

    fn bools(values: &[bool]) -> Tensor {
        Tensor::from_vec(values.to_vec(), Shape::new(vec![values.len()]).unwrap())
    }

    #[test]
    fn where_promotes_as_arithmetic_does() {
        let c = bools(&[true, false]);
        let got = select_where(&c, Side::Number(Scalar::Int(1)), Side::Number(Scalar::Int(0))).unwrap();
        assert_eq!(got.values.dtype(), DType::Int64);
        assert_eq!(got.picked, [0, 1]);
        let t = floats(&[5., 6.]);
        let got = select_where(&c, Side::Tensor(&t), Side::Number(Scalar::Float(0.5))).unwrap();
        assert_eq!(got.values.to_vec::<f32>(), [5., 0.5]);
        let err = select_where(&t, Side::Tensor(&t), Side::Tensor(&t)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "where expected condition to be a boolean tensor, but got a tensor with dtype Float"
        );
    }

    #[test]
    fn masked_fill_keeps_the_tensors_dtype() {
        let t = Tensor::from_vec(vec![1i64, 2, 3], Shape::new(vec![3]).unwrap());
        let got = masked_fill(&t, &bools(&[false, true, true]), Scalar::Float(0.5)).unwrap();
        assert_eq!(got.values.to_vec::<i64>(), [1, 0, 0]);
        let err = masked_fill(&t, &t, Scalar::Int(0)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "masked_fill_ only supports boolean masks, but got mask with dtype long int"
        );
    }
}
