//! Matrix products: `dot`, `mv`, `mm`, `bmm` and `matmul` (`@`), each with
//! PyTorch's checks in PyTorch's order and its words, and one kernel for
//! all of them.
//!
//! `matmul` goes down the same paths as PyTorch's (`_matmul_impl`: a dot
//! product, a matrix times a vector, a matrix product, batch dims folded
//! into rows, or broadcast batches), so a mismatch is reported by the same
//! function with the same sizes. The values are sums of products taken in
//! order along the contracted dim, one product rounded and added at a
//! time. PyTorch hands float products to MKL, whose order (blocks, vector
//! lanes, fused multiply-adds) depends on the sizes and the CPU: the
//! printed values agree, the last bit of `.tolist()` may not
//! (docs/decisions.md). Integer products wrap as PyTorch's do.

use super::Tensor;
use super::contraction::{Axis, Contraction};
use super::dtype::DType;
use super::error::TensorError;
use super::layout::Layout;
use super::scalar::Scalar;
use super::shape::{Shape, broadcast_shapes};
use super::storage::{Element, Storage};

/// A product and the index notation that says what each element read.
#[derive(Debug, Clone)]
pub struct Product {
    /// The values.
    pub values: Tensor,
    /// How each element comes from the inputs (lineage).
    pub contraction: Contraction,
}

/// The work of a product of these shapes: its multiply-adds, which the
/// interpreter counts before computing it.
pub fn multiply_adds(a: &Shape, b: &Shape) -> usize {
    let k = a.dims().last().copied().unwrap_or(1);
    let out = matmul_shape(a, b).map_or(0, |s| s.numel());
    out.saturating_mul(k)
}

/// `torch.dot(a, b)`: two vectors of one dtype and length.
pub fn dot(a: &Tensor, b: &Tensor) -> Result<Product, TensorError> {
    if a.rank() != 1 || b.rank() != 1 {
        return Err(TensorError::runtime(format!(
            "1D tensors expected, but got {}D and {}D tensors",
            a.rank(),
            b.rank()
        )));
    }
    if a.dtype() != b.dtype() {
        return Err(TensorError::runtime(format!(
            "dot : expected both vectors to have same dtype, but found {} and {}",
            a.dtype().scalar_type_name(),
            b.dtype().scalar_type_name()
        )));
    }
    if a.numel() != b.numel() {
        return Err(TensorError::runtime(format!(
            "inconsistent tensor size, expected tensor [{0}] and src [{1}] to have the same number of elements, but got {0} and {1} elements respectively",
            a.numel(),
            b.numel()
        )));
    }
    refuse_bool(a.dtype(), "dot")?;
    multiply(a, b)
}

/// `torch.mv(mat, vec)`: a matrix times a vector.
pub fn mv(mat: &Tensor, vec: &Tensor) -> Result<Product, TensorError> {
    if mat.rank() != 2 || vec.rank() != 1 {
        return Err(TensorError::runtime(format!(
            "vector + matrix @ vector expected, got 1, {}, {}",
            mat.rank(),
            vec.rank()
        )));
    }
    mv_refusal(mat.shape().dims(), vec.numel(), mat.dtype(), vec.dtype())?;
    multiply(mat, vec)
}

/// `torch.mm(a, b)`: two matrices.
pub fn mm(a: &Tensor, b: &Tensor) -> Result<Product, TensorError> {
    if a.rank() != 2 {
        return Err(TensorError::runtime(format!("mm: self must be a matrix, got {}-D tensor", a.rank())));
    }
    if b.rank() != 2 {
        return Err(TensorError::runtime(format!("mm: mat2 must be a matrix, got {}-D tensor", b.rank())));
    }
    mm_refusal(a.shape().dims(), b.shape().dims(), a.dtype(), b.dtype())?;
    multiply(a, b)
}

/// `torch.bmm(a, b)`: two batches of matrices, of one batch size.
pub fn bmm(a: &Tensor, b: &Tensor) -> Result<Product, TensorError> {
    bmm_checks(a, b)?;
    multiply(a, b)
}

/// `torch.matmul(a, b)` and `a @ b`, by PyTorch's paths.
pub fn matmul(a: &Tensor, b: &Tensor) -> Result<Product, TensorError> {
    let (ra, rb) = (a.rank(), b.rank());
    if ra == 0 || rb == 0 {
        return Err(TensorError::runtime(format!(
            "both arguments to matmul need to be at least 1D, but they are {ra}D and {rb}D"
        )));
    }
    match (ra, rb) {
        (1, 1) => return dot(a, b),
        (2, 1) => return mv(a, b),
        (1, 2) => {
            // The vector is a matrix of one row here, and named so in errors.
            mm_refusal(&[1, a.numel()], b.shape().dims(), a.dtype(), b.dtype())?;
            return multiply(a, b);
        }
        (2, 2) => return mm(a, b),
        _ => {}
    }
    if let Some((rows, k)) = folded(a, b) {
        // The batch dims of the larger fold into the rows of one matrix.
        match rb {
            1 => mv_refusal(&[rows, k], b.numel(), a.dtype(), b.dtype())?,
            _ => mm_refusal(&[rows, k], b.shape().dims(), a.dtype(), b.dtype())?,
        }
        return multiply(a, b);
    }
    if let Some((rows, m)) = folded_transposed(a, b) {
        // `v @ t` with `t.mT` foldable: PyTorch multiplies `t.mT`'s rows by `v`.
        mv_refusal(&[rows, m], a.numel(), b.dtype(), a.dtype())?;
        return multiply(a, b);
    }
    // Broadcast batches, expanded and multiplied as one batch.
    let (a_batch, b_batch) = (batch_dims(a.shape()), batch_dims(b.shape()));
    let batch = broadcast_shapes(&Shape::derived(a_batch.to_vec()), &Shape::derived(b_batch.to_vec()))?;
    let count = batch.numel();
    let (n, m1) = (if ra > 1 { a.shape().dims()[ra - 2] } else { 1 }, a.shape().dims()[ra - 1]);
    let (m2, p) =
        if rb > 1 { (b.shape().dims()[rb - 2], b.shape().dims()[rb - 1]) } else { (b.shape().dims()[0], 1) };
    bmm_shape_checks(&[count, n, m1], &[count, m2, p], a.dtype(), b.dtype())?;
    multiply(a, b)
}

/// Whether PyTorch folds `a`'s batch dims into the rows of one matrix
/// (`a` of 3 or more dims times a vector or a matrix, its batch dims lying
/// in memory as one run): the folded matrix's rows and columns.
fn folded(a: &Tensor, b: &Tensor) -> Option<(usize, usize)> {
    if a.rank() < 3 || b.rank() > 2 {
        return None;
    }
    let dims = a.shape().dims();
    let k = dims[dims.len() - 1];
    let rows: usize = dims[..dims.len() - 1].iter().product();
    (a.numel() == 0 || runs_as_one(a.shape().dims(), a.layout().strides())).then_some((rows, k))
}

/// The same for `v @ t` with `t` of 3 or more dims: PyTorch folds `t.mT`
/// when a vector multiplies it (not a matrix), which needs `t.mT`'s leading
/// dims to lie as one run.
fn folded_transposed(a: &Tensor, b: &Tensor) -> Option<(usize, usize)> {
    if b.rank() < 3 || a.rank() != 1 {
        return None;
    }
    let r = b.rank();
    let mut dims = b.shape().dims().to_vec();
    let mut strides = b.layout().strides().to_vec();
    dims.swap(r - 2, r - 1);
    strides.swap(r - 2, r - 1);
    let m = dims[r - 1];
    let rows: usize = dims[..r - 1].iter().product();
    (b.numel() == 0 || runs_as_one(&dims, &strides)).then_some((rows, m))
}

/// Whether all dims but the last step through memory as one run (PyTorch's
/// test that `view(-1, size(-1))` needs no copy).
fn runs_as_one(dims: &[usize], strides: &[i64]) -> bool {
    (0..dims.len().saturating_sub(2)).all(|i| strides[i] == strides[i + 1] * dims[i + 1] as i64)
}

/// `mv`'s size, dtype and bool checks on a matrix and a vector's length.
fn mv_refusal(mat: &[usize], vec: usize, dm: DType, dv: DType) -> Result<(), TensorError> {
    let (n, k) = (mat[0], mat[1]);
    if k != vec {
        return Err(TensorError::runtime(format!(
            "size mismatch, got input ({n}), mat ({n}x{k}), vec ({vec})"
        )));
    }
    if dm != dv {
        let (m, v) = (dm.scalar_type_name(), dv.scalar_type_name());
        return Err(TensorError::runtime(format!(
            "addmv input tensors must have the same dtype, but got {v}, {m}, and {v}"
        )));
    }
    if n > 0 && k > 0 {
        refuse_bool(dm, "addmv_impl_cpu")?;
    }
    Ok(())
}

/// `mm`'s size, dtype and bool checks on two matrices.
fn mm_refusal(a: &[usize], b: &[usize], da: DType, db: DType) -> Result<(), TensorError> {
    if a[1] != b[0] {
        return Err(TensorError::runtime(format!(
            "mm: mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})",
            a[0], a[1], b[0], b[1]
        )));
    }
    if da != db {
        return Err(TensorError::runtime(format!(
            "expected m1 and m2 to have the same dtype, but got: {} != {}",
            cpp_type(da),
            cpp_type(db)
        )));
    }
    if a[0] * b[1] > 0 && a[1] > 0 {
        refuse_bool(da, "addmm_impl_cpu_")?;
    }
    Ok(())
}

/// `bmm`'s checks.
fn bmm_checks(a: &Tensor, b: &Tensor) -> Result<(), TensorError> {
    if a.rank() != 3 {
        return Err(TensorError::runtime("batch1 must be a 3D tensor"));
    }
    if b.rank() != 3 {
        return Err(TensorError::runtime("batch2 must be a 3D tensor"));
    }
    bmm_shape_checks(a.shape().dims(), b.shape().dims(), a.dtype(), b.dtype())
}

/// `bmm`'s size, dtype and bool checks on two batches' sizes. A product
/// with nothing to compute (no element, or nothing to sum) is zeros
/// without further checks, of `b`'s dtype, as PyTorch's is.
fn bmm_shape_checks(a: &[usize], b: &[usize], da: DType, db: DType) -> Result<(), TensorError> {
    if b[0] != a[0] || b[1] != a[2] {
        return Err(TensorError::runtime(format!(
            "Expected size for first two dimensions of batch2 tensor to be: [{}, {}] but got: [{}, {}].",
            a[0], a[2], b[0], b[1]
        )));
    }
    if a[0] * a[1] * b[2] == 0 || a[2] == 0 {
        return Ok(());
    }
    if da != db {
        return Err(TensorError::runtime(format!(
            "expected scalar type {} but found {}",
            da.scalar_type_name(),
            db.scalar_type_name()
        )));
    }
    refuse_bool(da, "bmm")
}

/// PyTorch has no bool kernel for these products.
fn refuse_bool(dtype: DType, kernel: &'static str) -> Result<(), TensorError> {
    match dtype {
        DType::Bool => Err(TensorError::NotImplementedFor { kernel, dtype }),
        _ => Ok(()),
    }
}

/// How C++ names a dtype's element type (`mm`'s dtype error speaks C++).
fn cpp_type(dtype: DType) -> &'static str {
    match dtype {
        DType::Bool => "bool",
        DType::Int32 => "int",
        DType::Int64 => "long int",
        DType::Float32 => "float",
        DType::Float64 => "double",
    }
}

/// The dims before the last two (none for a vector or a matrix).
fn batch_dims(shape: &Shape) -> &[usize] {
    &shape.dims()[..shape.rank().saturating_sub(2)]
}

/// The shape of `a @ b` (both at least 1-D, their batches broadcasting).
fn matmul_shape(a: &Shape, b: &Shape) -> Result<Shape, TensorError> {
    let batch =
        broadcast_shapes(&Shape::derived(batch_dims(a).to_vec()), &Shape::derived(batch_dims(b).to_vec()))?;
    let mut dims = batch.dims().to_vec();
    if a.rank() > 1 {
        dims.push(a.dims()[a.rank() - 2]);
    }
    if b.rank() > 1 {
        dims.push(b.dims()[b.rank() - 1]);
    }
    Shape::new(dims)
}

/// The index notation of `a @ b`: batch dims line up from the right (a dim
/// of size 1 against a larger one is broadcast), `a`'s rows and `b`'s
/// columns are output dims, `a`'s last dim and `b`'s rows are summed.
fn contraction(a: &Shape, b: &Shape, out: &Shape) -> Contraction {
    let batch = out.rank() - usize::from(a.rank() > 1) - usize::from(b.rank() > 1);
    let batch_axes = |shape: &Shape| -> Vec<Axis> {
        let own = batch_dims(shape);
        own.iter()
            .enumerate()
            .map(|(d, &size)| {
                let k = batch - own.len() + d;
                if size == 1 && out.dims()[k] != 1 { Axis::Broadcast } else { Axis::Out(k) }
            })
            .collect()
    };
    let mut a_axes = batch_axes(a);
    if a.rank() > 1 {
        a_axes.push(Axis::Out(batch));
    }
    a_axes.push(Axis::Sum(0));
    let mut b_axes = batch_axes(b);
    b_axes.push(Axis::Sum(0));
    if b.rank() > 1 {
        b_axes.push(Axis::Out(out.rank() - 1));
    }
    let k = a.dims()[a.rank() - 1];
    Contraction { axes: vec![a_axes, b_axes], summed: vec![k] }
}

/// Multiplies two tensors whose checks have passed: every element of the
/// result, in order along the summed dim.
fn multiply(a: &Tensor, b: &Tensor) -> Result<Product, TensorError> {
    let out = matmul_shape(a.shape(), b.shape())?;
    let contraction = contraction(a.shape(), b.shape(), &out);
    let (ra, rb) = (a.rank(), b.rank());
    let n = if ra > 1 { a.shape().dims()[ra - 2] } else { 1 };
    let k = a.shape().dims()[ra - 1];
    let p = if rb > 1 { b.shape().dims()[rb - 1] } else { 1 };
    let batch = Shape::derived(out.dims()[..out.rank() - usize::from(ra > 1) - usize::from(rb > 1)].to_vec());
    // Where each output batch finds its matrices, in each input's own batches.
    let starts = |t: &Tensor, size: usize| -> Vec<usize> {
        let own = Layout::contiguous(Shape::derived(batch_dims(t.shape()).to_vec()));
        own.broadcast_to(&batch).offsets().map(|at| at * size).collect()
    };
    let (a_starts, b_starts) = (starts(a, n * k), starts(b, k * p));
    let storage = match a.dtype() {
        // Only a product with nothing to compute has two dtypes (`bmm`'s zeros).
        d if d != b.dtype() => {
            Storage::from_scalars(b.dtype(), std::iter::repeat_n(Scalar::Int(0), out.numel()))
        }
        DType::Float32 => kernel::<f32>(a, b, &a_starts, &b_starts, (n, k, p)),
        DType::Float64 => kernel::<f64>(a, b, &a_starts, &b_starts, (n, k, p)),
        DType::Int32 => kernel::<i32>(a, b, &a_starts, &b_starts, (n, k, p)),
        DType::Int64 => kernel::<i64>(a, b, &a_starts, &b_starts, (n, k, p)),
        // Only products with nothing to sum get here (the checks refuse the others).
        DType::Bool => Storage::Bool(vec![false; out.numel()]),
    };
    Ok(Product { values: Tensor::from_storage(storage, out), contraction })
}

/// The products of every batch, as a buffer.
fn kernel<T: Entry>(
    a: &Tensor,
    b: &Tensor,
    a_starts: &[usize],
    b_starts: &[usize],
    nkp: (usize, usize, usize),
) -> Storage {
    let (n, k, p) = nkp;
    let (av, bv) = (a.to_vec::<T>(), b.to_vec::<T>());
    let mut out = vec![T::default(); a_starts.len() * n * p];
    for (batch, (&sa, &sb)) in a_starts.iter().zip(b_starts).enumerate() {
        let o = &mut out[batch * n * p..(batch + 1) * n * p];
        product_into(&av[sa..sa + n * k], &bv[sb..sb + k * p], o, (n, k, p));
    }
    T::into_storage(out)
}

/// `batch` products of the n×k and k×p matrices lying one after another,
/// row-major, in the contiguous `a` and `b`: a flat buffer of `batch` n×p
/// results. Of two tensors of one dtype; a bool product has nothing to sum.
pub(super) fn batched(a: &Tensor, b: &Tensor, (batch, n, k, p): (usize, usize, usize, usize)) -> Tensor {
    let a_starts: Vec<usize> = (0..batch).map(|i| i * n * k).collect();
    let b_starts: Vec<usize> = (0..batch).map(|i| i * k * p).collect();
    let storage = match a.dtype() {
        DType::Float32 => kernel::<f32>(a, b, &a_starts, &b_starts, (n, k, p)),
        DType::Float64 => kernel::<f64>(a, b, &a_starts, &b_starts, (n, k, p)),
        DType::Int32 => kernel::<i32>(a, b, &a_starts, &b_starts, (n, k, p)),
        DType::Int64 => kernel::<i64>(a, b, &a_starts, &b_starts, (n, k, p)),
        DType::Bool => Storage::Bool(vec![false; batch * n * p]),
    };
    Tensor::from_storage(storage, Shape::derived(vec![batch * n * p]))
}

/// The bytes of `b`'s rows kept in cache while every row of `a` goes by.
const BLOCK_BYTES: usize = 128 << 10;

/// `out += a @ b` for row-major `a` (n×k), `b` (k×p) and `out` (n×p).
///
/// Rows of the result are built a row of `b` at a time (the i-k-j order,
/// whose inner loop runs over contiguous memory), `b`'s rows taken in
/// blocks that stay in cache; every element still receives its products in
/// order along k, so the sum is the same as one taken element by element.
fn product_into<T: Entry>(a: &[T], b: &[T], out: &mut [T], (n, k, p): (usize, usize, usize)) {
    if p == 0 {
        return;
    }
    let block = (BLOCK_BYTES / (p * std::mem::size_of::<T>())).clamp(1, k.max(1));
    let mut k0 = 0;
    while k0 < k {
        let k1 = (k0 + block).min(k);
        for i in 0..n {
            let row = &mut out[i * p..(i + 1) * p];
            let a_row = &a[i * k..(i + 1) * k];
            // Four rows of `b` per pass over the output row: the row is
            // read and written a quarter as often, and each element still
            // takes its four products one after another.
            let mut kk = k0;
            while kk + 4 <= k1 {
                let (x0, x1, x2, x3) = (a_row[kk], a_row[kk + 1], a_row[kk + 2], a_row[kk + 3]);
                let rows = &b[kk * p..(kk + 4) * p];
                let (b0, rest) = rows.split_at(p);
                let (b1, rest) = rest.split_at(p);
                let (b2, b3) = rest.split_at(p);
                for ((((o, &y0), &y1), &y2), &y3) in row.iter_mut().zip(b0).zip(b1).zip(b2).zip(b3) {
                    *o =
                        o.plus_product(x0, y0).plus_product(x1, y1).plus_product(x2, y2).plus_product(x3, y3);
                }
                kk += 4;
            }
            for kk in kk..k1 {
                let x = a_row[kk];
                for (o, &y) in row.iter_mut().zip(&b[kk * p..(kk + 1) * p]) {
                    *o = o.plus_product(x, y);
                }
            }
        }
        k0 = k1;
    }
}

/// An element type products are computed in.
trait Entry: Element {
    /// `self + a * b`, the product rounded before it is added (floats) or
    /// wrapping (integers).
    fn plus_product(self, a: Self, b: Self) -> Self;
}

impl Entry for f32 {
    fn plus_product(self, a: f32, b: f32) -> f32 {
        self + a * b
    }
}

impl Entry for f64 {
    fn plus_product(self, a: f64, b: f64) -> f64 {
        self + a * b
    }
}

impl Entry for i32 {
    fn plus_product(self, a: i32, b: i32) -> i32 {
        self.wrapping_add(a.wrapping_mul(b))
    }
}

impl Entry for i64 {
    fn plus_product(self, a: i64, b: i64) -> i64 {
        self.wrapping_add(a.wrapping_mul(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(dims: &[usize], start: i64) -> Tensor {
        let shape = Shape::new(dims.to_vec()).unwrap();
        let values = (0..shape.numel() as i64).map(|v| (v * 7 + start) % 11 - 5).collect();
        Tensor::from_vec::<i64>(values, shape)
    }

    /// Each element as its contraction says: the sum of its terms' products.
    fn by_terms(a: &Tensor, b: &Tensor, p: &Product) -> Vec<i64> {
        let (av, bv) = (a.to_vec::<i64>(), b.to_vec::<i64>());
        let out = p.values.shape();
        (0..out.numel())
            .map(|f| {
                let index = out.unravel(f);
                (0..p.contraction.term_count())
                    .map(|t| p.contraction.term(&index, t, &[a.shape(), b.shape()]))
                    .map(|t| av[t[0]] * bv[t[1]])
                    .sum()
            })
            .collect()
    }

    #[test]
    fn every_path_computes_what_its_lineage_says() {
        let cases: &[(&[usize], &[usize])] = &[
            (&[4], &[4]),
            (&[3, 4], &[4]),
            (&[4], &[4, 5]),
            (&[3, 4], &[4, 5]),
            (&[2, 3, 4], &[4, 5]),
            (&[2, 3, 4], &[4]),
            (&[4], &[2, 4, 5]),
            (&[3, 4], &[2, 4, 5]),
            (&[2, 1, 3, 4], &[5, 4, 2]),
            (&[1, 3, 4], &[6, 4, 2]),
            (&[2, 0, 4], &[4, 3]),
            (&[3, 0], &[0, 2]),
        ];
        for (sa, sb) in cases {
            let (a, b) = (ints(sa, 1), ints(sb, 4));
            let p = matmul(&a, &b).unwrap_or_else(|e| panic!("{sa:?} @ {sb:?}: {e}"));
            assert_eq!(p.values.to_vec::<i64>(), by_terms(&a, &b, &p), "{sa:?} @ {sb:?}");
        }
    }

    #[test]
    fn a_product_of_long_rows_adds_in_order_along_them() {
        // Wider than one block of b's rows: the blocks must keep the order.
        let k = 40_003;
        let a: Vec<f32> = (0..k).map(|i| 1.0 + (i % 13) as f32 * 1e-3).collect();
        let b: Vec<f32> = (0..2 * k).map(|i| 0.5 + (i % 7) as f32 * 1e-4).collect();
        let at = Tensor::from_vec(a.clone(), Shape::new(vec![1, k]).unwrap());
        let bt = Tensor::from_vec(b.clone(), Shape::new(vec![k, 2]).unwrap());
        let got = mm(&at, &bt).unwrap().values.to_vec::<f32>();
        for j in 0..2 {
            let mut sum = 0f32;
            for i in 0..k {
                sum += a[i] * b[i * 2 + j];
            }
            assert_eq!(got[j].to_bits(), sum.to_bits());
        }
    }

    #[test]
    fn mismatches_are_named_as_pytorch_names_them() {
        let err = |a: &[usize], b: &[usize]| matmul(&ints(a, 0), &ints(b, 0)).unwrap_err().to_string();
        assert_eq!(err(&[2, 3], &[2, 3]), "mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)");
        assert_eq!(err(&[3], &[2, 3]), "mm: mat1 and mat2 shapes cannot be multiplied (1x3 and 2x3)");
        assert_eq!(err(&[2, 3], &[2]), "size mismatch, got input (2), mat (2x3), vec (2)");
        assert_eq!(err(&[2, 2, 3], &[2, 4]), "mm: mat1 and mat2 shapes cannot be multiplied (4x3 and 2x4)");
        assert_eq!(
            err(&[2, 2, 2, 3], &[2, 2, 4, 5]),
            "Expected size for first two dimensions of batch2 tensor to be: [4, 3] but got: [4, 4]."
        );
        assert_eq!(
            err(&[2, 2, 3], &[4, 3, 2]),
            "The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 0"
        );
    }
}
