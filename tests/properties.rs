//! Property tests: the strided reductions agree with naive nested loops on
//! random shapes, dims and views, and lineage agrees with the values.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use tensor_playground::tensor::index::IndexItem;
use tensor_playground::tensor::lanes::Lanes;
use tensor_playground::tensor::lineage::{Graph, Step};
use tensor_playground::tensor::rearrange::Rearrange;
use tensor_playground::tensor::reduce::{Reduction, reduce};
use tensor_playground::tensor::{Layout, Scalar, Shape, Tensor};

/// A random tensor of small integers (as int64), possibly seen through a
/// strided view, with the dims to reduce and keepdim.
#[derive(Debug, Clone)]
struct Case {
    base_dims: Vec<usize>,
    values: Vec<i64>,
    /// Per base dim: (start, step) of a slice that keeps at least one element.
    slices: Vec<(usize, usize)>,
    /// The order the slice's dims are then permuted into (`t.permute`), so
    /// that strides come in any order.
    perm: Vec<usize>,
    dims: Option<Vec<i64>>,
    keepdim: bool,
}

fn case() -> impl Strategy<Value = Case> {
    prop::collection::vec(1usize..5, 1..5)
        .prop_flat_map(|base_dims| {
            let n: usize = base_dims.iter().product();
            let rank = base_dims.len();
            let slices = base_dims.iter().map(|&d| (0..d, 1..3usize)).collect::<Vec<_>>();
            (
                Just(base_dims),
                prop::collection::vec(-4i64..5, n),
                slices,
                Just((0..rank).collect::<Vec<usize>>()).prop_shuffle(),
                prop::option::of(prop::collection::btree_set(0..rank, 1..=rank)),
                any::<bool>(),
                any::<bool>(),
            )
        })
        .prop_map(|(base_dims, values, slices, perm, dims, negative, keepdim)| {
            let rank = base_dims.len() as i64;
            let dims = dims.map(|set| {
                set.into_iter().map(|d| if negative { d as i64 - rank } else { d as i64 }).collect()
            });
            Case { base_dims, values, slices, perm, dims, keepdim }
        })
}

impl Case {
    /// The strided view the reduction runs on: a slice, permuted.
    fn view(&self) -> Tensor {
        self.slice().rearranged(&Rearrange::Permute(self.perm.clone()))
    }

    /// The slice of the base tensor, before the permutation.
    fn slice(&self) -> Tensor {
        let base = Tensor::from_vec(self.values.clone(), Shape::new(self.base_dims.clone()).unwrap());
        let items: Vec<IndexItem> = self
            .slices
            .iter()
            .map(|&(start, step)| IndexItem::Slice {
                start: Some(start as i64),
                stop: None,
                step: Some(step as i64),
            })
            .collect();
        base.index(&items).unwrap()
    }
}

/// The view's elements by full index, read one at a time.
fn element(t: &Tensor, index: &[usize]) -> i64 {
    match t.get(index) {
        Scalar::Int(i) => i,
        other => panic!("int64 expected, got {other:?}"),
    }
}

/// Every index of a shape, row-major.
fn indices(dims: &[usize]) -> Vec<Vec<usize>> {
    let shape = Shape::new(dims.to_vec()).unwrap();
    (0..shape.numel()).map(|f| shape.unravel(f)).collect()
}

/// The naive reduction: for each output index, loop over all input indices
/// and keep those whose non-reduced coordinates match.
fn naive(t: &Tensor, reduced: &[bool], op: Reduction) -> Vec<(i64, usize)> {
    let dims = t.shape().dims();
    let kept: Vec<usize> = (0..dims.len()).filter(|&k| !reduced[k]).map(|k| dims[k]).collect();
    indices(&kept)
        .into_iter()
        .map(|out| {
            let lane: Vec<i64> = indices(dims)
                .into_iter()
                .filter(|i| (0..dims.len()).filter(|&k| !reduced[k]).map(|k| i[k]).eq(out.iter().copied()))
                .map(|i| element(t, &i))
                .collect();
            match op {
                Reduction::Sum => (lane.iter().sum(), 0),
                Reduction::Prod => (lane.iter().product(), 0),
                Reduction::Max | Reduction::Argmax => {
                    let best = *lane.iter().max().unwrap();
                    (best, lane.iter().position(|&v| v == best).unwrap())
                }
                Reduction::Min | Reduction::Argmin => {
                    let best = *lane.iter().min().unwrap();
                    (best, lane.iter().position(|&v| v == best).unwrap())
                }
                Reduction::CountNonzero => (lane.iter().filter(|&&v| v != 0).count() as i64, 0),
                _ => unreachable!("not exercised here"),
            }
        })
        .collect()
}

fn reduced_flags(rank: usize, dims: &Option<Vec<i64>>) -> Vec<bool> {
    match dims {
        None => vec![true; rank],
        Some(ds) => (0..rank).map(|k| ds.iter().any(|&d| d.rem_euclid(rank as i64) as usize == k)).collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn strided_reductions_match_nested_loops(c in case()) {
        let t = c.view();
        let reduced = reduced_flags(t.rank(), &c.dims);
        for op in [Reduction::Sum, Reduction::Prod, Reduction::Max, Reduction::Min, Reduction::CountNonzero] {
            let lanes = Lanes::new(t.shape(), c.dims.as_deref(), c.keepdim).unwrap();
            let r = reduce(&t, op, &lanes).unwrap();
            let got: Vec<i64> = r.values.scalars().map(|s| s.to_i64()).collect();
            let expected: Vec<i64> = naive(&t, &reduced, op).into_iter().map(|(v, _)| v).collect();
            prop_assert_eq!(got, expected, "op {:?}", op);
        }
    }

    #[test]
    fn argmax_matches_the_first_maximum_of_each_lane(c in case()) {
        let t = c.view();
        // Selections take a single dim (or the whole tensor).
        let dims = c.dims.as_ref().map(|d| vec![d[0]]);
        let reduced = reduced_flags(t.rank(), &dims);
        // Multi-dim lanes are walked row-major, as the naive loop does.
        let lanes = Lanes::new(t.shape(), dims.as_deref(), c.keepdim).unwrap();
        let r = reduce(&t, Reduction::Argmax, &lanes).unwrap();
        let got: Vec<i64> = r.values.scalars().map(|s| s.to_i64()).collect();
        let expected: Vec<i64> = naive(&t, &reduced, Reduction::Argmax).into_iter().map(|(_, p)| p as i64).collect();
        prop_assert_eq!(&got, &expected);
        prop_assert_eq!(r.winners.unwrap(), expected.iter().map(|&p| p as usize).collect::<Vec<_>>());
    }

    /// Every input element feeds exactly the one output its index says,
    /// and each output is the sum of its sources.
    #[test]
    fn sum_lineage_agrees_with_the_values(c in case()) {
        let t = c.view();
        let contiguous = t.to_dtype(t.dtype());
        let mut g = Graph::new();
        let leaf = g.add(Step::Leaf, t.shape().clone(), "t");
        let lanes = Lanes::new(t.shape(), c.dims.as_deref(), c.keepdim).unwrap();
        let r = reduce(&t, Reduction::Sum, &lanes).unwrap();
        let out = g.add(Step::Reduce { op: Reduction::Sum, input: leaf, lanes: lanes.clone(), winners: None }, r.values.shape().clone(), "s");
        let mut fed = vec![0usize; t.numel()];
        for (flat, value) in r.values.scalars().enumerate() {
            let trace = g.trace(out, flat);
            let sources = trace.sources.get(leaf).map(<[usize]>::to_vec).unwrap_or_default();
            let total: i64 = sources.iter().map(|&f| element(&contiguous, &t.shape().unravel(f))).sum();
            prop_assert_eq!(total, value.to_i64());
            for &f in &sources {
                fed[f] += 1;
                let expected_out = r.values.shape().ravel(&lanes.output_index(&t.shape().unravel(f)));
                prop_assert_eq!(expected_out, flat);
            }
            prop_assert!(trace.winners.is_empty());
        }
        prop_assert!(fed.iter().all(|&n| n == 1));
    }

    /// The winner of each argmax lane holds the lane's maximum, at the
    /// position the argmax reports.
    #[test]
    fn argmax_winners_hold_the_maximum(c in case()) {
        let t = c.view();
        let contiguous = t.to_dtype(t.dtype());
        let dim = c.dims.as_ref().map(|d| d[0]);
        let dims = dim.map(|d| vec![d]);
        let mut g = Graph::new();
        let leaf = g.add(Step::Leaf, t.shape().clone(), "t");
        let lanes = Lanes::new(t.shape(), dims.as_deref(), c.keepdim).unwrap();
        let r = reduce(&t, Reduction::Argmax, &lanes).unwrap();
        let winners = std::rc::Rc::new(r.winners.clone().unwrap());
        let out = g.add(Step::Reduce { op: Reduction::Argmax, input: leaf, lanes, winners: Some(winners) }, r.values.shape().clone(), "a");
        for (flat, position) in r.values.scalars().enumerate() {
            let trace = g.trace(out, flat);
            let sources: &[usize] = &trace.sources[leaf];
            let winner: Vec<usize> = trace.winners[leaf].to_vec();
            prop_assert_eq!(winner.len(), 1);
            prop_assert!(sources.contains(&winner[0]));
            let value_at = |f: usize| element(&contiguous, &t.shape().unravel(f));
            let best = sources.iter().map(|&f| value_at(f)).max().unwrap();
            prop_assert_eq!(value_at(winner[0]), best);
            let index = t.shape().unravel(winner[0]);
            let reported = match dim {
                Some(d) => index[d.rem_euclid(t.rank() as i64) as usize],
                None => winner[0],
            };
            prop_assert_eq!(reported as i64, position.to_i64());
        }
    }

    /// Element-wise lineage: each output of `a + b` has exactly one source
    /// in each operand, and their sum is the output.
    #[test]
    fn broadcast_lineage_agrees_with_the_values(
        a_dims in prop::collection::vec(prop_oneof![Just(1usize), 2usize..4], 1..4),
        stretch in prop::collection::vec(any::<bool>(), 4),
        seed in any::<u64>(),
    ) {
        use tensor_playground::tensor::elementwise::{BinaryOp, Side, binary, broadcast_layouts};
        // b takes a's dims, with some turned to 1 and maybe one fewer leading dim.
        let mut b_dims: Vec<usize> = a_dims.iter().zip(&stretch).map(|(&d, &s)| if s { 1 } else { d }).collect();
        if stretch[3] && b_dims.len() > 1 {
            b_dims.remove(0);
        }
        let fill = |n: usize, k: u64| -> Vec<i64> { (0..n as u64).map(|i| ((i * 7 + k + seed) % 11) as i64 - 5).collect() };
        let a = Tensor::from_vec(fill(a_dims.iter().product(), 1), Shape::new(a_dims.clone()).unwrap());
        let b = Tensor::from_vec(fill(b_dims.iter().product(), 2), Shape::new(b_dims.clone()).unwrap());
        let sum = binary(BinaryOp::Add, Side::Tensor(&a), Side::Tensor(&b)).unwrap();
        let (shape, la, lb) = broadcast_layouts(a.shape(), b.shape()).unwrap();
        let mut g = Graph::new();
        let na = g.add(Step::Leaf, a.shape().clone(), "a");
        let nb = g.add(Step::Leaf, b.shape().clone(), "b");
        let out = g.add(Step::Elementwise { inputs: vec![(na, la), (nb, lb)] }, shape, "a + b");
        for (flat, value) in sum.scalars().enumerate() {
            let trace = g.trace(out, flat);
            let fa: Vec<usize> = trace.sources[na].to_vec();
            let fb: Vec<usize> = trace.sources[nb].to_vec();
            prop_assert_eq!((fa.len(), fb.len()), (1, 1));
            let va = element(&a, &a.shape().unravel(fa[0]));
            let vb = element(&b, &b.shape().unravel(fb[0]));
            prop_assert_eq!(va + vb, value.to_i64());
        }
    }
}

#[test]
fn a_column_view_reduces_like_its_copy() {
    // The same check by hand on the layout the lesson uses: t[:, 1:3].
    let t = Tensor::from_vec((0..12i64).collect(), Shape::new(vec![3, 4]).unwrap());
    let view = t
        .index(&[
            IndexItem::Slice { start: None, stop: None, step: None },
            IndexItem::Slice { start: Some(1), stop: Some(3), step: None },
        ])
        .unwrap();
    let copy = view.to_dtype(view.dtype());
    assert_eq!(copy.layout(), &Layout::contiguous(Shape::new(vec![3, 2]).unwrap()));
    let from_view = view.reduce(Reduction::Sum, Some(&[0]), false).unwrap().values.to_vec::<i64>();
    let from_copy = copy.reduce(Reduction::Sum, Some(&[0]), false).unwrap().values.to_vec::<i64>();
    assert_eq!(from_view, vec![1 + 5 + 9, 2 + 6 + 10]);
    assert_eq!(from_view, from_copy);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A permuted view's element at `i` is the slice's element at the
    /// index the permutation names, and lineage (the same layout arithmetic
    /// on a row-major layout) points at exactly that element.
    #[test]
    fn permuted_views_and_their_lineage_agree(c in case()) {
        let slice = c.slice();
        let r = Rearrange::Permute(c.perm.clone());
        let view = slice.rearranged(&r);
        let mut g = Graph::new();
        let leaf = g.add(Step::Leaf, slice.shape().clone(), "t");
        let map = r.apply(&Layout::contiguous(slice.shape().clone()));
        let out = g.add(Step::View { input: leaf, map }, view.shape().clone(), "t.permute");
        for (flat, index) in indices(view.shape().dims()).into_iter().enumerate() {
            let mut source = vec![0; index.len()];
            for (k, &i) in index.iter().enumerate() {
                source[c.perm[k]] = i;
            }
            prop_assert_eq!(element(&view, &index), element(&slice, &source));
            let trace = g.trace(out, flat);
            prop_assert_eq!(trace.sources[leaf].to_vec(), vec![slice.shape().ravel(&source)]);
        }
    }
}
