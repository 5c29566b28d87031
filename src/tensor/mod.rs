//! The tensor core: dtypes, shapes, strided storage, operations, PyTorch's
//! printing, and lineage (which input elements feed each output element).
//!
//! Pure Rust: nothing here knows about the browser.

pub mod advanced;
pub mod along;
pub mod arith;
pub mod autograd;
pub mod box_muller;
pub mod cascade;
pub mod choose;
pub mod contraction;
pub mod create;
pub mod decimal;
pub mod dtype;
pub mod einsum;
pub mod elementwise;
pub mod error;
pub mod extreme;
pub mod format;
pub mod index;
pub mod introsort;
pub mod iteration;
pub mod join;
pub mod lanes;
pub mod layout;
pub mod lineage;
pub mod logsumexp;
pub mod marks;
pub mod matmul;
pub mod memory_order;
pub mod norm;
pub mod ordering;
pub mod product;
pub mod random;
pub mod real;
pub mod rearrange;
pub mod reduce;
pub mod scalar;
pub mod shape;
pub mod storage;
pub mod take;
pub mod unary;

pub use dtype::DType;
pub use error::TensorError;
pub use layout::Layout;
pub use scalar::Scalar;
pub use shape::Shape;

use std::rc::Rc;
use storage::{Element, Storage, with_storage};

/// An n-dimensional array: a shared buffer seen through a strided layout.
///
/// Cloning is cheap (the buffer is shared); views share it too.
#[derive(Debug, Clone)]
pub struct Tensor {
    storage: Rc<Storage>,
    layout: Layout,
}

impl Tensor {
    /// A contiguous tensor owning `values`, which must hold `shape.numel()` elements.
    pub fn from_vec<T: Element>(values: Vec<T>, shape: Shape) -> Tensor {
        debug_assert_eq!(values.len(), shape.numel());
        Tensor { storage: Rc::new(T::into_storage(values)), layout: Layout::contiguous(shape) }
    }

    /// A contiguous tensor from a buffer holding `shape.numel()` elements.
    pub fn from_storage(storage: Storage, shape: Shape) -> Tensor {
        Tensor { storage: Rc::new(storage), layout: Layout::contiguous(shape) }
    }

    /// A view of this tensor's buffer through another layout.
    pub(crate) fn view_as(&self, layout: Layout) -> Tensor {
        Tensor { storage: Rc::clone(&self.storage), layout }
    }

    /// The element type.
    pub fn dtype(&self) -> DType {
        self.storage.dtype()
    }

    /// The sizes of the dims.
    pub fn shape(&self) -> &Shape {
        self.layout.shape()
    }

    /// Where the elements live in the buffer.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The number of dims (`t.dim()`).
    pub fn rank(&self) -> usize {
        self.shape().rank()
    }

    /// The number of elements (`t.numel()`).
    pub fn numel(&self) -> usize {
        self.shape().numel()
    }

    /// The element at `index` (which must be in range).
    pub fn get(&self, index: &[usize]) -> Scalar {
        self.storage.get(self.layout.offset_of(index))
    }

    /// All elements in row-major order.
    pub fn scalars(&self) -> impl Iterator<Item = Scalar> + '_ {
        self.layout.offsets().map(|at| self.storage.get(at))
    }

    /// The whole buffer behind this tensor (its layout says which elements
    /// are its own), as `T`, which must be this tensor's element type.
    pub(crate) fn buffer<T: Element>(&self) -> &[T] {
        T::slice(&self.storage).expect("a buffer read as the tensor's own element type")
    }

    /// All elements in row-major order as `T`, which must be this tensor's element type.
    pub fn to_vec<T: Element>(&self) -> Vec<T> {
        let buffer = self.buffer::<T>();
        if self.layout.is_contiguous() && buffer.len() == self.numel() {
            return buffer.to_vec();
        }
        self.layout.offsets().map(|at| buffer[at]).collect()
    }

    /// All elements in row-major order as f64 (exactly: every element type
    /// converts without rounding but int64's beyond 2^53).
    pub fn to_f64s(&self) -> Vec<f64> {
        match self.dtype() {
            DType::Float64 => self.to_vec::<f64>(),
            DType::Float32 => self.to_vec::<f32>().into_iter().map(f64::from).collect(),
            _ => self.scalars().map(Scalar::to_f64).collect(),
        }
    }

    /// A contiguous tensor of `dtype` holding `values` (row-major, each
    /// rounded to `dtype` as `to(dtype)` would).
    pub fn from_f64s(values: Vec<f64>, shape: Shape, dtype: DType) -> Tensor {
        debug_assert_eq!(values.len(), shape.numel());
        match dtype {
            DType::Float64 => Tensor::from_vec(values, shape),
            DType::Float32 => {
                Tensor::from_vec(values.into_iter().map(|v| v as f32).collect::<Vec<f32>>(), shape)
            }
            _ => Tensor::from_storage(
                Storage::from_scalars(dtype, values.into_iter().map(Scalar::Float)),
                shape,
            ),
        }
    }

    /// `t.to(dtype)`: a copy converted to `dtype`, which keeps the order in
    /// memory of a view's dims (`t.T`) as PyTorch's `preserve_format` does;
    /// shares the buffer when nothing changes.
    pub fn to_dtype(&self, dtype: DType) -> Tensor {
        let copy = self.contiguous_as(dtype);
        if self.layout.is_contiguous() { copy } else { copy.in_memory_order_of(&[self]) }
    }

    /// A row-major copy converted to `dtype`; shares the buffer when nothing changes.
    pub fn contiguous_as(&self, dtype: DType) -> Tensor {
        if dtype == self.dtype() && self.layout.is_contiguous() {
            return self.clone();
        }
        let storage = if dtype == self.dtype() {
            with_storage!(&*self.storage, v => {
                let picked: Vec<_> = self.layout.offsets().map(|at| v[at]).collect();
                storage::Element::into_storage(picked)
            })
        } else {
            Storage::from_scalars(dtype, self.scalars())
        };
        Tensor::from_storage(storage, self.shape().clone())
    }

    /// An identity for the buffer behind this tensor, which its views share.
    pub fn buffer_id(&self) -> usize {
        Rc::as_ptr(&self.storage) as usize
    }

    /// The bytes of the buffer behind this tensor, which its views share.
    pub fn buffer_bytes(&self) -> usize {
        with_storage!(&*self.storage, v => std::mem::size_of_val(v.as_slice()))
    }

    /// The same elements in row-major order with a new shape of equal size.
    pub(crate) fn with_shape(&self, shape: Shape) -> Tensor {
        debug_assert_eq!(shape.numel(), self.numel());
        let contiguous = self.contiguous_as(self.dtype());
        Tensor { storage: contiguous.storage, layout: Layout::contiguous(shape) }
    }
}
