//! Lineage's gradients: for every element of the focus, the derivative of
//! that element with respect to each element it was computed from, as
//! PyTorch's autograd gives it (`torch.autograd.grad` of the element, every
//! floating leaf requiring grad). Computed where the program runs, from
//! the run's tape, and kept as plain data for the views.

use crate::tensor::DType;
use crate::tensor::Tensor;
use crate::tensor::autograd::sparse::{self, Prepared};
use crate::tensor::autograd::{Follow, Stopped, Tape, walk};
use crate::tensor::lineage::{Graph, NodeId};
use crate::tensor::shape::Shape;
use serde::{Deserialize, Serialize};

/// The most gradient elements the walks back from the focus's elements
/// may compute in all: one walk per element, each over everything the
/// element was computed from (a 64 x 64 product is 4096 walks through a
/// product of that size), two or three seconds at this cap.
pub const MAX_GRADIENT_WORK: usize = 1 << 27;

/// The most derivatives kept in all (one per element each element of the
/// focus was computed from).
pub const MAX_GRADIENTS: usize = 1 << 22;

/// One derivative: a number, which may be NaN or infinite (written as the
/// strings `"nan"`, `"inf"` and `"-inf"` where JSON has no number for it).
/// Two are equal when their bits are (NaN equals NaN, -0 is not 0).
#[derive(Debug, Clone, Copy)]
pub struct Derivative(pub f64);

impl PartialEq for Derivative {
    fn eq(&self, other: &Derivative) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Derivative {}

impl Serialize for Derivative {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            v if v.is_finite() => s.serialize_f64(v),
            v if v.is_nan() => s.serialize_str("nan"),
            v if v > 0.0 => s.serialize_str("inf"),
            _ => s.serialize_str("-inf"),
        }
    }
}

impl<'de> Deserialize<'de> for Derivative {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Derivative, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Number(f64),
            Word(String),
        }
        Ok(Derivative(match Written::deserialize(d)? {
            Written::Number(v) => v,
            Written::Word(w) if w == "inf" => f64::INFINITY,
            Written::Word(w) if w == "-inf" => f64::NEG_INFINITY,
            Written::Word(_) => f64::NAN,
        }))
    }
}

/// The derivatives of one element of the focus with respect to the
/// elements of one tensor it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TensorGradient {
    /// The tensor.
    pub node: NodeId,
    /// The row-major positions of its elements that feed the focus element (increasing).
    pub positions: Vec<usize>,
    /// The derivative with respect to each of them.
    pub values: Vec<Derivative>,
}

/// The gradients of the focus, element by element.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Gradients {
    /// Per element of the focus (row-major): per tensor it was computed
    /// from that has a derivative (floating, reached through operations
    /// that have one), in increasing node order.
    #[serde(with = "compact")]
    pub elements: Vec<Vec<TensorGradient>>,
    /// Why there are none, when the focus has elements but no gradients
    /// (too much work, or an operation without a derivative).
    pub missing: Option<String>,
}

impl Gradients {
    /// The derivative of focus element `flat` with respect to element
    /// `at` of tensor `node`, if it has one.
    pub fn get(&self, flat: usize, node: NodeId, at: usize) -> Option<f64> {
        let tensors = self.elements.get(flat)?;
        let t = &tensors[tensors.binary_search_by_key(&node, |t| t.node).ok()?];
        Some(t.values[t.positions.binary_search(&at).ok()?].0)
    }

    /// Walks back from every element of the focus (`node`, of `shape` and
    /// `dtype`) through `tape`, keeping the derivatives with respect to the
    /// elements `graph` traces it to.
    pub fn of_focus(graph: &Graph, tape: &Tape, node: NodeId, shape: &Shape, dtype: DType) -> Gradients {
        Gradients::walked(graph, tape, node, shape, dtype, true)
    }

    /// `of_focus`, walking each element sparsely where that gives the
    /// same numbers (`sparse`), else densely.
    fn walked(
        graph: &Graph,
        tape: &Tape,
        node: NodeId,
        shape: &Shape,
        dtype: DType,
        sparse: bool,
    ) -> Gradients {
        let numel = shape.numel();
        if !dtype.is_floating() || tape.entry(node).is_none() {
            // Integers, truth values and leaves have no derivatives to show.
            return Gradients { elements: vec![Vec::new(); numel], missing: None };
        }
        let (mut work, mut kept) = (0usize, 0usize);
        let mut elements = Vec::with_capacity(numel);
        let mut prepared = Prepared::default();
        for flat in 0..numel {
            let left = MAX_GRADIENT_WORK.saturating_sub(work);
            // Sparse where it gives the same numbers (most walks), else dense.
            let quick =
                sparse.then(|| sparse::walk_one(tape, node, flat, dtype, &mut prepared, left)).flatten();
            if let Some(walked) = quick {
                work = work.saturating_add(walked.work);
                let sources = graph.trace(node, flat).sources;
                let mut tensors = Vec::new();
                for (input, positions) in sources.iter() {
                    let Some(g) = walked.grads.get(&input) else { continue };
                    let values: Vec<Derivative> =
                        positions.iter().map(|p| Derivative(g.get(p).copied().unwrap_or(0.0))).collect();
                    kept = kept.saturating_add(values.len());
                    tensors.push(TensorGradient { node: input, positions: positions.to_vec(), values });
                }
                if kept > MAX_GRADIENTS {
                    return Gradients::none(too_many());
                }
                elements.push(tensors);
                continue;
            }
            let walked = match walk(tape, node, one_hot(shape, dtype, flat), Follow::Everything, left) {
                Ok(w) => w,
                Err(Stopped::Error(e)) => return Gradients::none(format!("no gradients: {e}")),
                Err(Stopped::TooMuchWork) => return Gradients::none(too_much_work(numel)),
            };
            work = work.saturating_add(walked.work);
            if work.saturating_mul(numel) / (flat + 1) > MAX_GRADIENT_WORK {
                return Gradients::none(too_much_work(numel));
            }
            let sources = graph.trace(node, flat).sources;
            let mut tensors = Vec::new();
            for (input, positions) in sources.iter() {
                let Some(Some(g)) = walked.grads.get(input) else { continue };
                let all = g.to_f64s();
                let values: Vec<Derivative> = positions.iter().map(|&p| Derivative(all[p])).collect();
                kept = kept.saturating_add(values.len());
                tensors.push(TensorGradient { node: input, positions: positions.to_vec(), values });
            }
            if kept > MAX_GRADIENTS {
                return Gradients::none(too_many());
            }
            elements.push(tensors);
        }
        Gradients { elements, missing: None }
    }

    /// No gradients, for `reason`.
    fn none(reason: String) -> Gradients {
        Gradients { elements: Vec::new(), missing: Some(reason) }
    }
}

/// How the gradients cross from the worker to the page: one byte buffer
/// (a `Uint8Array`), not a JavaScript array per element and tensor. A
/// 64 x 64 product has half a million derivatives, which as numbers read
/// one by one would hold the page's main thread for a long moment.
///
/// Per element: its tensor count; per tensor: its node, its position
/// count, the positions, then the derivatives' bits (all little-endian,
/// counts and positions as u32, derivatives as f64).
mod compact {
    use super::{Derivative, TensorGradient};
    use serde::{Deserializer, Serializer};
    use serde_bytes::ByteBuf;

    pub fn serialize<S: Serializer>(elements: &[Vec<TensorGradient>], s: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::new();
        let mut put = |n: usize| bytes.extend_from_slice(&(n as u32).to_le_bytes());
        for tensors in elements {
            put(tensors.len());
            for t in tensors {
                put(t.node);
                put(t.positions.len());
                t.positions.iter().for_each(|&p| put(p));
                t.values.iter().for_each(|v| put_f64(v.0, &mut put));
            }
        }
        serde_bytes::serialize(&bytes, s)
    }

    /// Writes `v`'s bits as two u32 halves, low first (its little-endian bytes).
    fn put_f64(v: f64, put: &mut impl FnMut(usize)) {
        let bits = v.to_bits();
        put((bits & 0xffff_ffff) as usize);
        put((bits >> 32) as usize);
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<TensorGradient>>, D::Error> {
        let bytes: ByteBuf = serde_bytes::deserialize(d)?;
        let mut words = bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let short = || serde::de::Error::custom("the gradients end too soon");
        let mut next = || words.next().map(|w| w as usize).ok_or_else(short);
        let mut elements = Vec::new();
        while let Ok(count) = next() {
            let mut tensors = Vec::new();
            for _ in 0..count {
                let node = next()?;
                let n = next()?;
                let positions = (0..n).map(|_| next()).collect::<Result<Vec<_>, _>>()?;
                let values = (0..n)
                    .map(|_| Ok(Derivative(f64::from_bits((next()? as u64) | ((next()? as u64) << 32)))))
                    .collect::<Result<Vec<_>, D::Error>>()?;
                tensors.push(TensorGradient { node, positions, values });
            }
            elements.push(tensors);
        }
        Ok(elements)
    }
}

/// Why there are no gradients: too many to keep.
fn too_many() -> String {
    format!(
        "no gradients: the focus's elements have more than the {MAX_GRADIENTS} derivatives the playground keeps"
    )
}

/// Why a focus of `numel` elements has no gradients: too much work.
fn too_much_work(numel: usize) -> String {
    format!(
        "no gradients: walking back from each of the {numel} elements would compute more than the {MAX_GRADIENT_WORK} gradient elements the playground computes"
    )
}

/// Zeros of `shape` and `dtype` with a one at row-major position `flat`.
fn one_hot(shape: &Shape, dtype: DType, flat: usize) -> Tensor {
    let mut values = vec![0.0; shape.numel()];
    values[flat] = 1.0;
    Tensor::from_f64s(values, shape.clone(), dtype)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::run;

    /// Every element's derivatives, walked sparsely where possible and
    /// densely throughout: the same bits (NaN, infinities, -0 included).
    #[test]
    fn sparse_walks_give_the_dense_walks_numbers() {
        let t =
            "t = torch.tensor([[1.5, -2.25, 0.0, 0.8], [-0.5, 2.5, -1.25, 4.0], [3.5, 0.25, -3.0, 1.75]])";
        let programs = [
            "(t * 2).sum()",
            "t.exp().sum(dim=1)",
            "t @ t.T",
            "(t.T @ t).mean(dim=0)",
            "(t * -0.0).sum(dim=0) + t[0]",
            "t.relu() * t.sigmoid() - t.tanh() / 3",
            "t.abs().sqrt().sum(dim=1)",
            "t.abs().log()",
            "(1 / t).sum(dim=1)",
            "t.clamp(-1, 1) + t ** 2",
            "torch.maximum(t, t.flip(1) * 0.5) + torch.minimum(t, t * 0)",
            "t[[0, 2, 2]] * t[1]",
            "torch.where(t > 0, t, -t).max(dim=1).values",
            "torch.cat([t, t * 3], dim=1).sum(dim=0)",
            "t.double().sum(dim=1) * 2",
            "t - t.mean(dim=1, keepdim=True)",
            "t.softmax(dim=1)",
            "(t * float('inf')).sum(dim=1)",
            "(t / 0).sum(dim=0)",
            "t.reshape(4, 3).T.sum(dim=1)",
            "t.sum() * t",
        ];
        for program in programs {
            let code = format!("{t}\n{program}");
            let r = run(&code);
            assert!(r.error.is_none(), "{program}: {:?}", r.error);
            let f = r.focus.as_ref().and_then(|f| f.traced.as_ref()).expect("a tensor");
            let (shape, dtype) = (f.tensor.shape(), f.tensor.dtype());
            let sparse = Gradients::walked(&r.graph, &r.tape, f.node, shape, dtype, true);
            let dense = Gradients::walked(&r.graph, &r.tape, f.node, shape, dtype, false);
            assert!(dense.missing.is_none(), "{program}: {:?}", dense.missing);
            assert_eq!(sparse, dense, "{program}");
        }
    }
}
