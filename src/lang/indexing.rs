//! Tensor subscripts, basic and advanced, as PyTorch reads them:
//! `t[0, 1:]` is a view; `t[[0, 2]]`, `t[:, idx]`, `t[t > 0]` and
//! `t[True]` copy the elements the indices pick, each traced to the element
//! picked and to the index or mask element that picked it.

use super::access::Raw;
use super::ast::{Expr, ExprKind};
use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::torch_api::index_tensor_from;
use super::value::{Traced, Value};
use crate::tensor::advanced::{Index, advanced, view_origins};
use crate::tensor::autograd::Derivative;
use crate::tensor::index::{IndexItem, apply_basic, apply_index};
use crate::tensor::lineage::{Decider, Step, Taking};
use crate::tensor::take::take;
use crate::tensor::{DType, Layout, Shape, Tensor, TensorError};
use std::rc::Rc;

/// One item of a tensor subscript, evaluated.
enum Item {
    /// An int, a slice, `None` or `...`.
    Basic(IndexItem),
    /// A Python bool (`t[True]`).
    Bool(bool),
    /// A tensor: integers, or a bool mask.
    Tensor(Traced),
    /// A list or tuple inside a subscript, which PyTorch makes an index tensor.
    Sequence(Value, Span),
    /// Anything else, refused where PyTorch reaches it.
    Bad(Value, Span),
}

impl Item {
    fn of(v: Value, span: Span) -> Item {
        match v {
            Value::Int(i) => Item::Basic(IndexItem::Int(i)),
            Value::None => Item::Basic(IndexItem::NewAxis),
            Value::Bool(b) => Item::Bool(b),
            Value::Tensor(t) => Item::Tensor(t),
            v @ (Value::List(_) | Value::Tuple(_) | Value::Size(_)) => Item::Sequence(v, span),
            other => Item::Bad(other, span),
        }
    }

    /// How many of the tensor's dims PyTorch counts it as indexing.
    fn specified(&self) -> usize {
        match self {
            Item::Basic(IndexItem::NewAxis | IndexItem::Ellipsis) | Item::Bool(_) => 0,
            Item::Tensor(t) if t.tensor.dtype() == DType::Bool => t.tensor.rank(),
            _ => 1,
        }
    }

    /// An item that takes the same dims and cannot fail, standing in for
    /// this one while the items before a failing one are checked.
    fn harmless(&self) -> IndexItem {
        match self {
            Item::Basic(item @ (IndexItem::NewAxis | IndexItem::Ellipsis)) => *item,
            Item::Bool(_) => IndexItem::NewAxis,
            other => IndexItem::Advanced { dims: other.specified() },
        }
    }
}

/// Whether PyTorch reads a list subscript (`t[[0, 1], [1, 2]]` written as
/// `t[[[0, 1], [1, 2]]]`) as a tuple of indices rather than one index: as
/// NumPy once did, when it is short and holds a tensor, a sequence or `None`.
fn list_is_a_tuple(items: &[Value]) -> bool {
    items.len() < 32
        && items.iter().any(|v| {
            matches!(
                v,
                Value::Tensor(_)
                    | Value::List(_)
                    | Value::Tuple(_)
                    | Value::Size(_)
                    | Value::Str(_)
                    | Value::None
            )
        })
}

/// An index tensor from a Python bool: `True` picks the one element of a
/// new dim, `False` none.
fn bool_index(b: bool) -> Tensor {
    let picked: Vec<i64> = if b { vec![0] } else { Vec::new() };
    let n = picked.len();
    Tensor::from_vec(picked, Shape::new(vec![n]).expect("one dim of at most one element"))
}

/// An index tensor and the traced tensor it stands for, if any.
struct Advanced {
    tensor: Tensor,
    traced: Option<Traced>,
}

impl Interpreter<'_> {
    /// `t[index]`.
    pub(crate) fn tensor_subscript(
        &mut self,
        t: &Traced,
        index: &Expr,
        span: Span,
    ) -> Result<Value, LangError> {
        let items = match &index.kind {
            ExprKind::Tuple(items) => {
                items.iter().map(|e| self.subscript_item(e)).collect::<Result<Vec<_>, _>>()?
            }
            _ => match self.subscript_item(index)? {
                // One int, slice, `None` or `...`: the view, with a 0-d
                // tensor's own messages.
                Item::Basic(item) => return Ok(Value::Tensor(self.basic_view(t, &[item], true, span)?)),
                // A tuple held in a variable indexes as one written out.
                Item::Sequence(Value::Tuple(items), span) => {
                    items.iter().map(|v| Item::of(v.clone(), span)).collect()
                }
                Item::Sequence(Value::Size(dims), _) => {
                    dims.iter().map(|&d| Item::Basic(IndexItem::Int(d as i64))).collect()
                }
                Item::Sequence(Value::List(items), span) if list_is_a_tuple(&items) => {
                    items.iter().map(|v| Item::of(v.clone(), span)).collect()
                }
                // A short string is a sequence of sequences, which PyTorch
                // reads as a tuple of one-letter strings.
                Item::Bad(Value::Str(s), span) if (1..32).contains(&s.chars().count()) => {
                    s.chars().map(|c| Item::Bad(Value::Str(Rc::from(c.to_string().as_str())), span)).collect()
                }
                item => vec![item],
            },
        };
        let rank = t.tensor.rank();
        if items.iter().map(Item::specified).sum::<usize>() > rank {
            return Err(TensorError::TooManyIndices { rank }.into());
        }
        let mut basic = Vec::with_capacity(items.len());
        let mut indices: Vec<Advanced> = Vec::new();
        // 0-d integer tensors select as ints do, but still chose the result.
        let mut selectors: Vec<Traced> = Vec::new();
        for (k, item) in items.iter().enumerate() {
            let failed = |e: LangError, basic: &[IndexItem]| -> LangError {
                // The items before a failing one may fail first.
                let rest = items[k..].iter().map(Item::harmless);
                let all: Vec<IndexItem> = basic.iter().copied().chain(rest).collect();
                match apply_basic(&Layout::contiguous(t.tensor.shape().clone()), &all) {
                    Err(earlier) => earlier.into(),
                    Ok(_) => e,
                }
            };
            match item {
                Item::Basic(b) => basic.push(*b),
                Item::Bool(b) => {
                    basic.push(IndexItem::Advanced { dims: 0 });
                    indices.push(Advanced { tensor: bool_index(*b), traced: None });
                }
                Item::Tensor(i) if i.tensor.rank() == 0 && i.tensor.dtype() == DType::Bool => {
                    basic.push(IndexItem::Advanced { dims: 0 });
                    let tensor = bool_index(i.tensor.get(&[]).is_nonzero());
                    indices.push(Advanced { tensor, traced: Some(i.clone()) });
                }
                Item::Tensor(i)
                    if i.tensor.rank() == 0 && matches!(i.tensor.dtype(), DType::Int32 | DType::Int64) =>
                {
                    basic.push(IndexItem::Int(i.tensor.get(&[]).to_i64()));
                    selectors.push(i.clone());
                }
                Item::Tensor(i) => {
                    let dims = if i.tensor.dtype() == DType::Bool { i.tensor.rank() } else { 1 };
                    basic.push(IndexItem::Advanced { dims });
                    indices.push(Advanced { tensor: i.tensor.clone(), traced: Some(i.clone()) });
                }
                Item::Sequence(v, span) => {
                    let tensor = index_tensor_from(v).map_err(|e| failed(e.at(*span), &basic))?;
                    let dims = if tensor.dtype() == DType::Bool { tensor.rank() } else { 1 };
                    basic.push(IndexItem::Advanced { dims });
                    indices.push(Advanced { tensor, traced: None });
                }
                Item::Bad(v, span) => return Err(failed(bad_index(v, *span), &basic)),
            }
        }
        if indices.is_empty() && selectors.is_empty() {
            return Ok(Value::Tensor(self.basic_view(t, &basic, false, span)?));
        }
        let (view, starts) = apply_basic(&Layout::contiguous(t.tensor.shape().clone()), &basic)?;
        let origins = view_origins(&view, t.tensor.shape());
        let selected = |n: usize| Decider { node: 0, at: Rc::new(vec![0; n]), dims: Vec::new() };
        if indices.is_empty() {
            // Only 0-d integer tensors: a view, as PyTorch gives, whose
            // elements those tensors chose.
            let values = t.tensor.index(&basic)?;
            let from: Vec<usize> = view.offsets().collect();
            let n = from.len();
            let dims = origins.iter().enumerate().filter_map(|(k, o)| o.map(|j| (k, j))).collect();
            let deciders = selectors.iter().map(|s| Decider { node: s.node, ..selected(n) }).collect();
            let step = Step::Take { op: Taking::Index, input: t.node, from: Rc::new(from), dims, deciders };
            let out = self.derived(values, step, span);
            let grad_fn = view_grad_fn(&basic, false, t.tensor.shape());
            return Ok(Value::Tensor(self.differentiable(out, grad_fn, Derivative::Copy, &[t])));
        }
        let picks: Vec<Index<'_>> =
            indices.iter().zip(&starts).map(|(a, &dim)| Index { tensor: &a.tensor, dim }).collect();
        let indexed = advanced(&view, &picks)?;
        let values = take(&t.tensor, &indexed.from, indexed.shape.clone());
        let n = indexed.from.len();
        let dims = indexed.dims.iter().filter_map(|&(k, d)| origins[d].map(|j| (k, j))).collect();
        let mut deciders: Vec<Decider> =
            selectors.iter().map(|s| Decider { node: s.node, ..selected(n) }).collect();
        for ((a, at), dims) in indices.iter().zip(indexed.at).zip(indexed.index_dims) {
            if let Some(traced) = &a.traced {
                // A 0-d bool index stands for a 1-d one of its own making.
                let dims = if traced.tensor.rank() == 0 { Vec::new() } else { dims };
                deciders.push(Decider { node: traced.node, at: Rc::new(at), dims });
            }
        }
        let step =
            Step::Take { op: Taking::Index, input: t.node, from: Rc::new(indexed.from), dims, deciders };
        let out = self.derived(values, step, span);
        Ok(Value::Tensor(self.differentiable(out, "IndexBackward0", Derivative::Accumulate, &[t])))
    }

    /// `t[items]` for basic items only (`single`: one item, not a tuple): a view.
    fn basic_view(
        &mut self,
        t: &Traced,
        items: &[IndexItem],
        single: bool,
        span: Span,
    ) -> Result<Traced, LangError> {
        let tensor = t.tensor.index(items)?;
        let map = apply_index(&Layout::contiguous(t.tensor.shape().clone()), items)?;
        let out = self.derived(tensor, Step::View { input: t.node, map }, span);
        let grad_fn = view_grad_fn(items, single, t.tensor.shape());
        Ok(self.differentiable(out, grad_fn, Derivative::Copy, &[t]))
    }

    /// One item of a subscript, evaluated.
    fn subscript_item(&mut self, e: &Expr) -> Result<Item, LangError> {
        Ok(match self.index_item(e)? {
            Raw::Item(item) => Item::Basic(item),
            Raw::Bad(v, span) => Item::of(v, span),
        })
    }
}

/// PyTorch's refusal of a subscript item it cannot index with.
fn bad_index(v: &Value, span: Span) -> LangError {
    match v {
        // PyTorch turns strings (sequences) into an index tensor, and cannot.
        Value::Str(_) => LangError::type_error("new(): invalid data type 'str'"),
        Value::ValuesIndices { .. } | Value::NdArray(_) => {
            LangError::unsupported_here(format!("indexing with a {}", v.type_name()))
        }
        other => LangError::index_error(format!(
            "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got {})",
            other.type_name()
        )),
    }
    .at(span)
}

/// The `grad_fn` of basic indexing: PyTorch applies the items in turn
/// (`select` for an int, `slice` for a slice, `unsqueeze` for `None`),
/// skipping a slice of a whole dim inside a tuple, and names the last
/// one; with nothing applied the result is an alias. One slice alone is
/// always applied.
fn view_grad_fn(items: &[IndexItem], single: bool, shape: &crate::tensor::Shape) -> &'static str {
    let consuming = items.iter().filter(|i| matches!(i, IndexItem::Int(_) | IndexItem::Slice { .. })).count();
    let mut dim = 0;
    let mut last = "AliasBackward0";
    for item in items {
        match *item {
            IndexItem::Int(_) => {
                last = "SelectBackward0";
                dim += 1;
            }
            IndexItem::Slice { start, stop, step } => {
                let size = shape.dims().get(dim).copied().unwrap_or(0);
                let whole = crate::tensor::index::slice_range(start, stop, step, size)
                    .is_ok_and(|(first, len, step)| first == 0 && len == size && (step == 1 || size <= 1));
                if single || !whole {
                    last = "SliceBackward0";
                }
                dim += 1;
            }
            IndexItem::NewAxis => last = "UnsqueezeBackward0",
            IndexItem::Ellipsis => dim += shape.rank().saturating_sub(consuming),
            IndexItem::Advanced { dims } => dim += dims,
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use crate::session::Session;
    use crate::tensor::lineage::NodeId;

    const T: &str = "t = torch.arange(12.).reshape(3, 4)\n";

    fn session(program: &str) -> Session {
        let s = Session::new(program);
        assert_eq!(s.transcript().error, None, "{program}");
        s
    }

    fn node(s: &Session, name: &str) -> NodeId {
        s.grids().iter().find(|g| g.name == name).expect("drawn").node
    }

    fn sources(s: &Session, flat: usize) -> Vec<String> {
        s.focus_lineage().elements[flat].sources.iter().map(|r| r.to_string()).collect()
    }

    #[test]
    fn a_mask_element_that_picked_is_a_source() {
        let s = session(&format!("{T}m = torch.tensor([True, False, True])\nt[m]"));
        assert_eq!(sources(&s, 4), ["m[2]", "t[2, 0]"]);
        // A mask computed from the tensor traces back to the element itself.
        let s = session(&format!("{T}t[t > 5]"));
        assert_eq!(sources(&s, 0), ["t[1, 2]"]);
    }

    #[test]
    fn lists_pick_without_a_tensor_to_credit() {
        let s = session(&format!("{T}t[:, [2, 0]]"));
        assert_eq!(sources(&s, 1), ["t[0, 0]"]);
        let s = session(&format!("{T}i = torch.tensor([[0, 2]])\nt[i, 1]"));
        assert_eq!(sources(&s, 1), ["i[0, 1]", "t[2, 1]"]);
    }

    #[test]
    fn the_argmax_that_picked_is_credited_with_its_lane() {
        let s = session("x = torch.tensor([1., 5., 2.])\nx[x.argmax()]");
        assert_eq!(sources(&s, 0), ["x[0]", "x[1]", "x[2]"]);
        assert_eq!(
            s.focus_lineage().elements[0].winners.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
            ["x[1]"]
        );
    }

    #[test]
    fn pointing_at_an_index_element_lights_what_it_picked() {
        let s = session(&format!("{T}i = torch.tensor([2, 0])\nt[i]"));
        let (i, out) = (node(&s, "i"), node(&s, "t[i]"));
        let lit = s.run().graph.targets(i, 1, &[out]);
        assert_eq!(lit.get(out), Some(&[4, 5, 6, 7][..]));
    }
}
