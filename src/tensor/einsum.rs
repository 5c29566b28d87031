//! `torch.einsum`: products written in index notation (`"ij,jk->ik"`),
//! read with PyTorch's rules and words and computed along PyTorch's path.
//!
//! PyTorch lines every operand up on one list of dims (the output's, then
//! the summed ones in letter order), with repeated letters read as a
//! diagonal and missing ones as dims of size 1, and then contracts the
//! operands left to right: a dim only one operand still needs is summed
//! away first, a pair with nothing to sum is multiplied element-wise (with
//! type promotion), and any other pair is a batched matrix product. A
//! single operand is a view, summed over its summed dims at the end. The
//! playground takes the same steps with its own kernels, so sums of one
//! operand, element-wise products and integer products agree with PyTorch
//! in every bit, and the printed values of the others do (`matmul`).

use super::Tensor;
use super::contraction::{Axis, Contraction};
use super::dtype::DType;
use super::elementwise::{BinaryOp, Side, binary};
use super::error::TensorError;
use super::lanes::Lanes;
use super::layout::Layout;
use super::matmul::{self, Product};
use super::reduce::{Reduction, reduce};
use super::shape::Shape;

/// Letters `A`-`Z` are subscripts 0-25 and `a`-`z` 26-51, PyTorch's order
/// for an implicit output.
const LETTERS: usize = 52;

/// The subscript of a letter.
fn subscript(letter: u8) -> usize {
    if letter.is_ascii_uppercase() { usize::from(letter - b'A') } else { usize::from(letter - b'a') + 26 }
}

/// The letter of a subscript.
fn letter(s: usize) -> char {
    char::from(if s < 26 { b'A' + s as u8 } else { b'a' + (s - 26) as u8 })
}

/// A RuntimeError in einsum's words.
fn refuse(message: String) -> TensorError {
    TensorError::runtime(format!("einsum(): {message}"))
}

/// An equation read against its operands.
pub struct Equation {
    /// Per operand, the subscript of each dim.
    operands: Vec<Vec<usize>>,
    /// The output's subscripts, in order.
    output: Vec<usize>,
    /// The summed subscripts, in PyTorch's (letter) order.
    summed: Vec<usize>,
    /// Each subscript's size (broadcast over the operands).
    sizes: [usize; LETTERS],
}

impl Equation {
    /// Where each subscript sits on the common list of dims (output, then summed).
    fn position(&self, s: usize) -> usize {
        match self.output.iter().position(|&o| o == s) {
            Some(k) => k,
            None => self.output.len() + self.summed.iter().position(|&x| x == s).unwrap_or(0),
        }
    }

    /// The number of dims on the common list.
    fn width(&self) -> usize {
        self.output.len() + self.summed.len()
    }
}

impl Equation {
    /// The multiply-adds of computing it element by element: one per
    /// output element and value of the summed indices, per operand.
    pub fn multiply_adds(&self) -> usize {
        let letters = self.output.iter().chain(&self.summed);
        let combos = letters.fold(1usize, |n, &s| n.saturating_mul(self.sizes[s]));
        combos.saturating_mul(self.operands.len())
    }

    /// `torch.einsum(equation, *operands)` of the operands it was read against.
    pub fn run(&self, operands: &[&Tensor]) -> Result<Product, TensorError> {
        let contraction = contraction(self, operands);
        let values = compute(self, operands)?;
        Ok(Product { values, contraction })
    }
}

/// `torch.einsum(equation, *operands)`.
pub fn einsum(equation: &str, operands: &[&Tensor]) -> Result<Product, TensorError> {
    read(equation, operands)?.run(operands)
}

/// Reads an equation against its operands with PyTorch's checks, in PyTorch's order.
pub fn read(equation: &str, operands: &[&Tensor]) -> Result<Equation, TensorError> {
    let bytes = equation.as_bytes();
    let arrow = equation.find("->");
    let lhs = &bytes[..arrow.unwrap_or(bytes.len())];
    let mut labels: Vec<Vec<usize>> = vec![Vec::new(); operands.len()];
    let mut op = 0;
    let mut i = 0;
    while i < lhs.len() {
        match lhs[i] {
            b' ' => {}
            b'.' => {
                if i + 2 < lhs.len() && lhs[i + 1] == b'.' && lhs[i + 2] == b'.' {
                    return Err(ellipsis());
                }
                return Err(refuse(format!("found '.' for operand {op} that is not part of any ellipsis")));
            }
            b',' => {
                op += 1;
                if op >= operands.len() {
                    return Err(refuse("fewer operands were provided than specified in the equation".into()));
                }
            }
            c if c.is_ascii_alphabetic() => labels[op].push(subscript(c)),
            _ => {
                return Err(refuse(format!(
                    "invalid subscript given at index {i} in the equation string, subscripts must be in [a-zA-Z]"
                )));
            }
        }
        i += 1;
    }
    if op + 1 != operands.len() {
        return Err(refuse("more operands were provided than specified in the equation".into()));
    }
    let mut count = [0usize; LETTERS];
    for (k, (labels, t)) in labels.iter().zip(operands).enumerate() {
        labels.iter().for_each(|&s| count[s] += 1);
        if labels.len() != t.rank() {
            return Err(refuse(format!(
                "the number of subscripts in the equation ({}) does not match the number of dimensions ({}) for operand {k} and no ellipsis was given",
                labels.len(),
                t.rank()
            )));
        }
    }
    let output = match arrow {
        // Implicit: every letter seen once, in letter order.
        None => (0..LETTERS).filter(|&s| count[s] == 1).collect(),
        Some(at) => {
            let rhs = &bytes[at + 2..];
            let mut output = Vec::new();
            let mut i = 0;
            while i < rhs.len() {
                match rhs[i] {
                    b' ' => {}
                    b'.' if i + 2 < rhs.len() && rhs[i + 1] == b'.' && rhs[i + 2] == b'.' => {
                        return Err(ellipsis());
                    }
                    b'.' => {
                        return Err(refuse(
                            "found '.' for output that is not part of any ellipsis (...)".into(),
                        ));
                    }
                    c if c.is_ascii_alphabetic() => {
                        let s = subscript(c);
                        if output.contains(&s) {
                            return Err(refuse(format!(
                                "output subscript {} appears more than once in the output",
                                char::from(c)
                            )));
                        }
                        if count[s] == 0 {
                            return Err(refuse(format!(
                                "output subscript {} does not appear in the equation for any input operand",
                                char::from(c)
                            )));
                        }
                        output.push(s);
                    }
                    _ => {
                        return Err(refuse(format!(
                            "invalid subscript given at index {} in the equation string, subscripts must be in [a-zA-Z]",
                            at + 2 + i
                        )));
                    }
                }
                i += 1;
            }
            output
        }
    };
    let summed = (0..LETTERS).filter(|&s| count[s] > 0 && !output.contains(&s)).collect();
    // Sizes: a letter repeated in one operand reads a diagonal; across
    // operands, sizes must agree or be 1.
    let mut sizes = [1usize; LETTERS];
    for (k, (labels, t)) in labels.iter().zip(operands).enumerate() {
        let dims = t.shape().dims();
        for (d, &s) in labels.iter().enumerate() {
            match labels[..d].iter().position(|&x| x == s) {
                Some(first) if dims[first] != dims[d] => {
                    return Err(refuse(format!(
                        "subscript {} is repeated for operand {k} but the sizes don't match, {} != {}",
                        letter(s),
                        dims[d],
                        dims[first]
                    )));
                }
                Some(_) => {}
                None if dims[d] != 1 => {
                    if sizes[s] != 1 && sizes[s] != dims[d] {
                        return Err(refuse(format!(
                            "subscript {} has size {} for operand {k} which does not broadcast with previously seen size {}",
                            letter(s),
                            dims[d],
                            sizes[s]
                        )));
                    }
                    sizes[s] = dims[d];
                }
                None => {}
            }
        }
    }
    // The result must fit, checked before anything is computed.
    Shape::new(output.iter().map(|&s| sizes[s]).collect())?;
    Ok(Equation { operands: labels, output, summed, sizes })
}

/// What the playground says of `...`, which it does not read.
fn ellipsis() -> TensorError {
    TensorError::unsupported("einsum with '...' (write every dim's letter)")
}

/// The index notation lineage follows: an operand's dim is the output dim
/// or summed index of its letter, or broadcast where it is 1 against more.
fn contraction(eq: &Equation, operands: &[&Tensor]) -> Contraction {
    let axes = eq
        .operands
        .iter()
        .zip(operands)
        .map(|(labels, t)| {
            labels
                .iter()
                .zip(t.shape().dims())
                .map(|(&s, &size)| {
                    if size == 1 && eq.sizes[s] != 1 {
                        Axis::Broadcast
                    } else if let Some(k) = eq.output.iter().position(|&o| o == s) {
                        Axis::Out(k)
                    } else {
                        Axis::Sum(eq.summed.iter().position(|&x| x == s).unwrap_or(0))
                    }
                })
                .collect()
        })
        .collect();
    Contraction { axes, summed: eq.summed.iter().map(|&s| eq.sizes[s]).collect() }
}

/// An operand lined up on the common list of dims, as a view: a repeated
/// letter steps along its diagonal (the strides added), a missing one is a
/// dim of size 1.
fn lined_up(eq: &Equation, labels: &[usize], t: &Tensor) -> Tensor {
    let width = eq.width();
    let mut sizes = vec![1usize; width];
    let mut strides = vec![0i64; width];
    for ((&s, &size), &stride) in labels.iter().zip(t.shape().dims()).zip(t.layout().strides()) {
        let at = eq.position(s);
        sizes[at] = size;
        strides[at] += stride;
    }
    t.view_as(t.layout().restrided(Shape::derived(sizes.clone()), strides))
}

/// The values, by PyTorch's steps.
fn compute(eq: &Equation, operands: &[&Tensor]) -> Result<Tensor, TensorError> {
    let out_dims = eq.output.len();
    let width = eq.width();
    let mut ops: Vec<Tensor> =
        eq.operands.iter().zip(operands).map(|(labels, t)| lined_up(eq, labels, t)).collect();
    if ops.len() == 1 {
        let op = ops.remove(0);
        if eq.summed.is_empty() {
            return Ok(op);
        }
        let dims: Vec<i64> = (out_dims as i64..width as i64).collect();
        return sum(&op, &dims, false);
    }
    // How many operands still have each dim at a size other than 1.
    let mut counts: Vec<usize> =
        (0..width).map(|d| ops.iter().filter(|t| t.shape().dims()[d] != 1).count()).collect();
    let mut rest = ops.into_iter();
    let mut a = rest.next().expect("two operands or more");
    for mut b in rest {
        let (mut sum_dims, mut a_only, mut b_only) = (Vec::new(), Vec::new(), Vec::new());
        for (d, count) in counts.iter_mut().enumerate().skip(out_dims) {
            let (sa, sb) = (a.shape().dims()[d] != 1, b.shape().dims()[d] != 1);
            if sa && sb {
                // The last pair to have it sums it.
                *count -= 1;
                if *count == 1 {
                    sum_dims.push(d);
                    *count = 0;
                }
            } else if *count == 1 && (sa || sb) {
                // Only one of them has it, and no later operand: summed away first.
                if sa {
                    a_only.push(d as i64)
                } else {
                    b_only.push(d as i64)
                }
                *count = 0;
            }
        }
        if !a_only.is_empty() {
            a = sum(&a, &a_only, true)?;
        }
        if !b_only.is_empty() {
            b = sum(&b, &b_only, true)?;
        }
        a = sum_of_products(&a, &b, &sum_dims)?;
    }
    // The summed dims are all of size 1 by now.
    let dims = &a.shape().dims()[..out_dims];
    let layout = a.layout();
    Ok(a.view_as(layout.restrided(Shape::derived(dims.to_vec()), layout.strides()[..out_dims].to_vec())))
}

/// `t.sum(dims, keepdim)`, in PyTorch's order.
fn sum(t: &Tensor, dims: &[i64], keepdim: bool) -> Result<Tensor, TensorError> {
    let lanes = Lanes::new(t.shape(), Some(dims), keepdim)?;
    Ok(reduce(t, Reduction::Sum, &lanes)?.values)
}

/// PyTorch's `sumproduct_pair`: `(a * b).sum(sum_dims, keepdim=True)` for
/// two operands lined up on the same dims, as a product of matrices (or an
/// element-wise product when nothing is summed).
fn sum_of_products(a: &Tensor, b: &Tensor, sum_dims: &[usize]) -> Result<Tensor, TensorError> {
    if sum_dims.is_empty() {
        return binary(BinaryOp::Mul, Side::Tensor(a), Side::Tensor(b));
    }
    let (mut a, mut b) = (a.clone(), b.clone());
    // Dims kept: in both (a batch), in `a` only (rows), in `b` only (columns).
    let (mut both, mut rows, mut columns) = (Vec::new(), Vec::new(), Vec::new());
    let mut summed = Vec::new();
    for d in 0..a.rank() {
        let (sa, sb) = (a.shape().dims()[d] != 1, b.shape().dims()[d] != 1);
        if sum_dims.contains(&d) {
            if sa && sb {
                summed.push(d);
            } else if sa {
                a = sum(&a, &[d as i64], true)?;
            } else if sb {
                b = sum(&b, &[d as i64], true)?;
            }
        } else if sa && sb {
            both.push(d);
        } else if sa {
            rows.push(d);
        } else {
            columns.push(d);
        }
    }
    let size =
        |t: &Tensor, dims: &[usize]| dims.iter().fold(1usize, |n, &d| n.saturating_mul(t.shape().dims()[d]));
    let (batch, n, k, p) = (size(&a, &both), size(&a, &rows), size(&a, &summed), size(&b, &columns));
    // Refused before it is made: a pair's product can hold more than its operands.
    Shape::new(vec![batch, n, p])?;
    let values = if batch * n * p == 0 || k == 0 {
        // Nothing to compute: zeros of `b`'s dtype, unchecked, as `bmm` gives.
        zeros(b.dtype(), batch * n * p)
    } else {
        if a.dtype() != b.dtype() {
            return Err(TensorError::runtime(format!(
                "expected scalar type {} but found {}",
                a.dtype().scalar_type_name(),
                b.dtype().scalar_type_name()
            )));
        }
        if a.dtype() == DType::Bool {
            return Err(TensorError::NotImplementedFor { kernel: "bmm", dtype: DType::Bool });
        }
        // a as (both, rows, summed), b as (both, summed, columns), row-major copies.
        let a_order: Vec<usize> = [&both[..], &rows, &summed, &columns].concat();
        let b_order: Vec<usize> = [&both[..], &summed, &columns, &rows].concat();
        let a_mat = a.view_as(a.layout().permute(&a_order)).contiguous_as(a.dtype());
        let b_mat = b.view_as(b.layout().permute(&b_order)).contiguous_as(b.dtype());
        matmul::batched(&a_mat, &b_mat, (batch, n, k, p))
    };
    // The result lies as (both, rows, 1 per summed dim, columns); each dim
    // goes back to its place, as PyTorch's permuted view of it does.
    let laid_order: Vec<usize> = [&both[..], &rows, sum_dims, &columns].concat();
    let size_of = |d: usize| match () {
        _ if sum_dims.contains(&d) => 1,
        _ if columns.contains(&d) => b.shape().dims()[d],
        _ => a.shape().dims()[d],
    };
    let laid: Vec<usize> = laid_order.iter().map(|&d| size_of(d)).collect();
    let laid_strides = Shape::derived(laid.clone()).contiguous_strides();
    let mut sizes = vec![1usize; a.rank()];
    let mut strides = vec![0i64; a.rank()];
    for (k, &d) in laid_order.iter().enumerate() {
        sizes[d] = laid[k];
        strides[d] = laid_strides[k];
    }
    Ok(values.view_as(Layout::contiguous(Shape::scalar()).restrided(Shape::derived(sizes.clone()), strides)))
}

/// `n` zeros of `dtype`, flat.
fn zeros(dtype: DType, n: usize) -> Tensor {
    super::create::full(Shape::derived(vec![n]), super::scalar::Scalar::Int(0), Some(dtype))
}
