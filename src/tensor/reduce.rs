//! Reductions: one routine walks the lanes, each op is a small kernel over
//! one lane's values.

use super::cascade;
use super::dtype::DType;
use super::error::TensorError;
use super::extreme;
use super::iteration::Plan;
use super::lanes::Lanes;
use super::logsumexp;
use super::norm;
use super::product;
use super::scalar::Scalar;
use super::storage::{Element, Storage, with_storage};
use super::{Shape, Tensor};

/// A reduction and its parameters.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Reduction {
    /// `sum`
    Sum,
    /// `prod`
    Prod,
    /// `mean`
    Mean,
    /// `var` with a correction (1 is PyTorch's default, the unbiased estimate)
    Var { correction: f64 },
    /// `std` with a correction
    Std { correction: f64 },
    /// `max` (whole tensor, or the values of `max(dim)`)
    Max,
    /// `min`
    Min,
    /// `amax`
    Amax,
    /// `amin`
    Amin,
    /// `argmax`
    Argmax,
    /// `argmin`
    Argmin,
    /// `all`
    All,
    /// `any`
    Any,
    /// `count_nonzero`
    CountNonzero,
    /// `norm` with exponent `p` (2 by default, `inf` for the largest magnitude)
    Norm { p: f64 },
    /// `logsumexp`
    Logsumexp,
}

impl Reduction {
    /// The name PyTorch uses in this op's error messages.
    pub fn name(self) -> &'static str {
        match self {
            Reduction::Sum => "sum",
            Reduction::Prod => "prod",
            Reduction::Mean => "mean",
            Reduction::Var { .. } => "var",
            Reduction::Std { .. } => "std",
            Reduction::Max => "max",
            Reduction::Min => "min",
            Reduction::Amax => "amax",
            Reduction::Amin => "amin",
            Reduction::Argmax => "argmax",
            Reduction::Argmin => "argmin",
            Reduction::All => "all",
            Reduction::Any => "any",
            Reduction::CountNonzero => "count_nonzero",
            Reduction::Norm { .. } => "norm",
            Reduction::Logsumexp => "logsumexp",
        }
    }

    /// Whether the result is one element picked from the lane, which
    /// lineage reports as the lane's winner.
    pub fn selects(self) -> bool {
        matches!(self, Reduction::Max | Reduction::Min | Reduction::Argmax | Reduction::Argmin)
    }

    /// Whether lineage names a winner in each lane: the element a selection
    /// picked, or for `amax`/`amin`, which return the extreme value without
    /// saying where it was, the element `max`/`min` would pick (the first
    /// of equals).
    pub fn has_winner(self) -> bool {
        self.selects() || matches!(self, Reduction::Amax | Reduction::Amin)
    }

    /// Whether `dim=()` reduces every dim, as no dim does; `all` and `any`
    /// take it literally and reduce none.
    pub fn empty_dims_mean_every_dim(self) -> bool {
        !matches!(self, Reduction::All | Reduction::Any)
    }

    /// PyTorch's refusal of a `dtype=` this reduction cannot compute in.
    pub fn refuses_requested(self, dtype: DType) -> Option<TensorError> {
        match self {
            Reduction::Mean if !dtype.is_floating() => {
                Some(TensorError::MeanNeedsFloat { dtype, requested: true })
            }
            _ => None,
        }
    }

    /// The dtype of the result for an input of `dtype`, or PyTorch's refusal.
    pub fn output_dtype(self, dtype: DType) -> Result<DType, TensorError> {
        use Reduction::*;
        match self {
            Sum | Prod => Ok(dtype.accumulate()),
            Mean if !dtype.is_floating() => Err(TensorError::MeanNeedsFloat { dtype, requested: false }),
            Var { .. } | Std { .. } if !dtype.is_floating() => Err(TensorError::StdNeedsFloat),
            Norm { .. } if !dtype.is_floating() => Err(TensorError::NormNeedsFloat { dtype }),
            Argmax | Argmin if dtype == DType::Bool => Err(TensorError::NoBoolSupport { op: self.name() }),
            Argmax | Argmin | CountNonzero => Ok(DType::Int64),
            All | Any => Ok(DType::Bool),
            // Integers are converted to the default float first.
            Logsumexp if !dtype.is_floating() => Ok(DType::Float32),
            _ => Ok(dtype),
        }
    }
}

/// The result of a reduction.
#[derive(Debug, Clone)]
pub struct Reduced {
    /// One value per output element (for argmax/argmin: the index).
    pub values: Tensor,
    /// For selections: per output element (row-major), the position within
    /// its lane of the element that was picked.
    pub winners: Option<Vec<usize>>,
}

/// Applies `op` to every lane of `t` described by `lanes`.
pub fn reduce(t: &Tensor, op: Reduction, lanes: &Lanes) -> Result<Reduced, TensorError> {
    let out_dtype = op.output_dtype(t.dtype())?;
    check_not_empty(t, op, lanes)?;
    // Sums and products accumulate in their output type (bools and
    // integers as int64); everything else reads the elements as they are,
    // where they are: a view's strides decide PyTorch's order of a sum.
    let input = match op {
        Reduction::Sum | Reduction::Prod | Reduction::Logsumexp if t.dtype() != out_dtype => {
            t.to_dtype(out_dtype)
        }
        _ => t.clone(),
    };
    let out_shape = lanes.output_shape().clone();
    let ordered = floating_sums(&input, op, lanes)
        .or_else(|| floating_products(&input, op, lanes))
        .or_else(|| floating_norms(&input, op, lanes))
        .or_else(|| single_variance(&input, op, lanes))
        .or_else(|| (op == Reduction::Logsumexp).then(|| logsumexp::logsumexps(&input, lanes)));
    if let Some(values) = ordered {
        let storage = Storage::from_scalars(out_dtype, values.into_iter());
        return Ok(Reduced { values: Tensor::from_storage(storage, out_shape), winners: None });
    }
    // `max()` and `min()` of the whole tensor have a kernel of their own,
    // whose order decides which of `0.` and `-0.` they return.
    let whole_extreme = lanes.whole() && matches!(op, Reduction::Max | Reduction::Min);
    let (storage, winners) = with_storage!(&*input.storage, buffer => {
        let (values, winners) = per_lane(buffer, &input, lanes, !op.selects(), |lane| match whole_extreme {
            true => (extreme::whole(lane, op == Reduction::Max).to_scalar(), apply(op, lane).1),
            false => apply(op, lane),
        });
        (Storage::from_scalars(out_dtype, values.into_iter()), winners)
    });
    let winners = if op.selects() {
        Some(winners)
    } else if op.has_winner() {
        // amax/amin: their values were read in memory order, for
        // PyTorch's; the winner is counted in index order, as `max`'s is.
        Some(with_storage!(&*input.storage, buffer => {
            per_lane(buffer, &input, lanes, false, |lane| apply(op, lane)).1
        }))
    } else {
        None
    };
    Ok(Reduced { values: Tensor::from_storage(storage, out_shape), winners })
}

/// Floating sums and means, added in PyTorch's order for the whole
/// reduction (`cascade`), which one lane alone does not decide; `None` for
/// every other reduction.
fn floating_sums(input: &Tensor, op: Reduction, lanes: &Lanes) -> Option<Vec<Scalar>> {
    if !matches!(op, Reduction::Sum | Reduction::Mean) {
        return None;
    }
    let sums = cascade_sums(input, lanes.reduced())?;
    // A mean divides its sum, in the sum's own precision (a float32
    // quotient computed in f64 rounds to the float32 one).
    let n = lanes.lane_len() as f64;
    let value = |s: f64| if op == Reduction::Mean { s / n } else { s };
    Some(sums.into_iter().map(|s| Scalar::Float(value(s))).collect())
}

/// Floating products, multiplied in PyTorch's order for the whole
/// reduction (`product`); `None` for every other reduction.
fn floating_products(input: &Tensor, op: Reduction, lanes: &Lanes) -> Option<Vec<Scalar>> {
    if op != Reduction::Prod {
        return None;
    }
    let layout = input.layout();
    let values: Vec<f64> = match input.dtype() {
        DType::Float32 => product::products(input.buffer::<f32>(), layout, lanes.reduced())
            .into_iter()
            .map(f64::from)
            .collect(),
        DType::Float64 => product::products(input.buffer::<f64>(), layout, lanes.reduced()),
        _ => return None,
    };
    Some(values.into_iter().map(Scalar::Float).collect())
}

/// Norms, in the tensor's own precision and PyTorch's order (`norm`);
/// `None` for every other reduction.
fn floating_norms(input: &Tensor, op: Reduction, lanes: &Lanes) -> Option<Vec<Scalar>> {
    let Reduction::Norm { p } = op else { return None };
    let contiguous = Plan::new(input.layout(), lanes.reduced()).reduces_one_contiguous_dim();
    let (values, _) = match input.dtype() {
        DType::Float32 => per_lane(input.buffer::<f32>(), input, lanes, true, |lane| {
            (Scalar::Float(f64::from(norm::norm(lane, p, contiguous))), 0)
        }),
        DType::Float64 => per_lane(input.buffer::<f64>(), input, lanes, true, |lane| {
            (Scalar::Float(norm::norm(lane, p, contiguous)), 0)
        }),
        _ => return None,
    };
    Some(values)
}

/// A floating tensor's sums over the dims marked in `reduced`, in
/// PyTorch's order; `None` for other dtypes.
fn cascade_sums(input: &Tensor, reduced: &[bool]) -> Option<Vec<f64>> {
    let layout = input.layout();
    match input.dtype() {
        DType::Float32 => {
            Some(cascade::sums(input.buffer::<f32>(), layout, reduced).into_iter().map(f64::from).collect())
        }
        DType::Float64 => Some(cascade::sums(input.buffer::<f64>(), layout, reduced)),
        _ => None,
    }
}

/// A `var` or `std` with one result (over every dim, or a tensor with one
/// lane): PyTorch's two-pass computation; `None` otherwise.
fn single_variance(input: &Tensor, op: Reduction, lanes: &Lanes) -> Option<Vec<Scalar>> {
    let (Reduction::Var { correction } | Reduction::Std { correction }) = op else { return None };
    if lanes.output_shape().numel() != 1 || input.numel() == 0 {
        return None;
    }
    let every_dim = vec![true; input.shape().dims().len()];
    let total = cascade_sums(input, &every_dim)?[0];
    let n = input.numel() as f64;
    // The mean as `t.mean()` holds it: a float32 mean is a float32.
    let mean = match input.dtype() {
        DType::Float32 => f64::from((total / n) as f32),
        _ => total / n,
    };
    let plan = Plan::new(input.layout(), &every_dim);
    let squares = match input.dtype() {
        DType::Float32 => squared_deviations(input.buffer::<f32>(), &plan, mean),
        _ => squared_deviations(input.buffer::<f64>(), &plan, mean),
    };
    let var = squares / (n - correction).max(0.0);
    Some(vec![Scalar::Float(if matches!(op, Reduction::Std { .. }) { var.sqrt() } else { var })])
}

/// The squared deviations from `mean`, added in f64 as PyTorch's
/// `std_var_all_cpu` adds them: in memory order, one running sum per 2-D
/// block of the layout, the blocks' sums then added together.
fn squared_deviations<T: Copy + Into<f64>>(buffer: &[T], plan: &Plan, mean: f64) -> f64 {
    plan.blocks().fold(0.0, |total, b| {
        let mut local = 0.0;
        for j in 0..b.second.size {
            for i in 0..b.first.size {
                let dx = buffer[b.input_at(i, j)].into() - mean;
                local += dx * dx;
            }
        }
        total + local
    })
}

/// PyTorch refuses to pick from nothing: a whole-tensor selection of an
/// empty tensor, or a selection along an empty dim.
fn check_not_empty(t: &Tensor, op: Reduction, lanes: &Lanes) -> Result<(), TensorError> {
    let picks = matches!(
        op,
        Reduction::Max
            | Reduction::Min
            | Reduction::Amax
            | Reduction::Amin
            | Reduction::Argmax
            | Reduction::Argmin
    );
    if !picks || lanes.lane_len() > 0 {
        return Ok(());
    }
    match lanes.reduced_dims().find(|&k| t.shape().dims()[k] == 0) {
        Some(_) if lanes.whole() && matches!(op, Reduction::Argmax | Reduction::Argmin) => {
            Err(TensorError::EmptyReductionIndex { op: op.name() })
        }
        Some(_) if lanes.whole() => Err(TensorError::EmptyReductionRuntime { op: op.name() }),
        Some(dim) => Err(TensorError::EmptyReductionDim { op: op.name(), dim: dim as i64 }),
        None => Ok(()),
    }
}

/// Runs `kernel` on each lane's values in turn; returns each lane's value
/// and the lane position of its winner (0 for kernels that pick nothing).
fn per_lane<T: Element>(
    buffer: &[T],
    input: &Tensor,
    lanes: &Lanes,
    in_memory_order: bool,
    mut kernel: impl FnMut(&[T]) -> (Scalar, usize),
) -> (Vec<Scalar>, Vec<usize>) {
    let (outer, lane) = lanes.split(input.layout());
    // Kernels that fold a lane in order read it as PyTorch's do, in the
    // order its elements lie in memory; selections keep the index order,
    // which their winner's position counts in.
    let lane = if in_memory_order { lane.by_decreasing_stride() } else { lane };
    let n = lanes.output_shape().numel();
    let mut values = Vec::with_capacity(n);
    let mut winners = Vec::with_capacity(n);
    // No lane holds more than the tensor: an empty tensor's lanes may be
    // "long" (zeros(2**24, 2**24, 0) over dims 0 and 1) yet never visited.
    let mut scratch = Vec::with_capacity(lanes.lane_len().min(input.numel()));
    for start in outer.offsets() {
        scratch.clear();
        scratch.extend(lane.offsets().map(|at| buffer[start + at]));
        let (value, winner) = kernel(&scratch);
        values.push(value);
        winners.push(winner);
    }
    (values, winners)
}

/// One lane's result for `op`, and the position of the element it picked.
fn apply<T: Element>(op: Reduction, lane: &[T]) -> (Scalar, usize) {
    let as_f64 = || lane.iter().map(|x| x.to_scalar().to_f64());
    match op {
        Reduction::Sum => (sum(lane), 0),
        Reduction::Prod => (prod(lane), 0),
        // Means are of floating tensors only (integers are refused), and
        // floating sums and means are added by `floating_sums`.
        Reduction::Mean => unreachable!("means are computed by floating_sums"),
        Reduction::Var { correction } => (Scalar::Float(variance(as_f64(), correction)), 0),
        Reduction::Std { correction } => (Scalar::Float(variance(as_f64(), correction).sqrt()), 0),
        Reduction::Max | Reduction::Amax | Reduction::Argmax => pick(lane, |x, best| x > best),
        Reduction::Min | Reduction::Amin | Reduction::Argmin => pick(lane, |x, best| x < best),
        Reduction::All => (Scalar::Bool(lane.iter().all(|x| x.to_scalar().is_nonzero())), 0),
        Reduction::Any => (Scalar::Bool(lane.iter().any(|x| x.to_scalar().is_nonzero())), 0),
        Reduction::CountNonzero => {
            (Scalar::Int(lane.iter().filter(|x| x.to_scalar().is_nonzero()).count() as i64), 0)
        }
        // Norms are of floating tensors only, computed by `floating_norms`.
        Reduction::Norm { .. } => unreachable!("norms are computed by floating_norms"),
        Reduction::Logsumexp => unreachable!("logsumexps are computed by logsumexp::logsumexps"),
    }
    .pipe(|(value, at)| match op {
        Reduction::Argmax | Reduction::Argmin => (Scalar::Int(at as i64), at),
        _ => (value, at),
    })
}

/// Small helper so `apply` can post-process its match without a temporary.
trait Pipe: Sized {
    fn pipe<R>(self, f: impl FnOnce(Self) -> R) -> R {
        f(self)
    }
}
impl<T> Pipe for T {}

/// The first element that beats all others by `better`; the first NaN beats everything.
fn pick<T: Element>(lane: &[T], better: impl Fn(T, T) -> bool) -> (Scalar, usize) {
    let mut at = 0;
    for (i, &x) in lane.iter().enumerate().skip(1) {
        if lane[at].is_nan() {
            break;
        }
        if x.is_nan() || better(x, lane[at]) {
            at = i;
        }
    }
    (lane[at].to_scalar(), at)
}

/// An integer sum (int64, which bools and int32 accumulate in), wrapping
/// as PyTorch's does. Floating sums never come here: they are added in
/// PyTorch's order for the whole reduction (`floating_sums`).
fn sum<T: Element>(lane: &[T]) -> Scalar {
    assert!(!T::DTYPE.is_floating(), "floating sums are added by cascade::sums");
    Scalar::Int(lane.iter().fold(0i64, |acc, x| acc.wrapping_add(x.to_scalar().to_i64())))
}

/// An integer product (int64, which bools and int32 accumulate in),
/// wrapping as PyTorch's does. Floating products never come here: they are
/// multiplied in PyTorch's order for the whole reduction (`floating_products`).
fn prod<T: Element>(lane: &[T]) -> Scalar {
    assert!(!T::DTYPE.is_floating(), "floating products are multiplied by product::products");
    Scalar::Int(lane.iter().fold(1i64, |acc, x| acc.wrapping_mul(x.to_scalar().to_i64())))
}

/// A variance along dims, as PyTorch's kernel computes it: Welford's
/// running mean and sum of squared deviations, in f64, element by element,
/// over `n - correction` (never below zero, so too few elements give inf
/// or NaN as in PyTorch).
fn variance(values: impl Iterator<Item = f64>, correction: f64) -> f64 {
    let (mut n, mut mean, mut m2) = (0.0, 0.0, 0.0);
    for x in values {
        n += 1.0;
        let delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
    }
    // Nothing has no variance, whatever the correction.
    if n == 0.0 {
        return f64::NAN;
    }
    m2 / (n - correction).max(0.0)
}

impl Tensor {
    /// Reduces over `dims` (all when `None`), keeping them as size 1 if `keepdim`.
    pub fn reduce(&self, op: Reduction, dims: Option<&[i64]>, keepdim: bool) -> Result<Reduced, TensorError> {
        let lanes = Lanes::new(self.shape(), dims, keepdim)?;
        reduce(self, op, &lanes)
    }

    /// A contiguous int64 tensor of `positions` with `shape`.
    pub fn indices(positions: &[usize], shape: Shape) -> Tensor {
        Tensor::from_vec(positions.iter().map(|&p| p as i64).collect(), shape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: &[&[f32]]) -> Tensor {
        let shape = Shape::new(vec![rows.len(), rows[0].len()]).unwrap();
        Tensor::from_vec(rows.concat(), shape)
    }

    fn values(t: &Tensor) -> Vec<f64> {
        t.scalars().map(Scalar::to_f64).collect()
    }

    #[test]
    fn the_lesson_argmax_picks_the_first_of_a_tie() {
        let t = matrix(&[&[1., 0., 0., 2.], &[0., 3., 3., 0.], &[4., 0., 0., 5.]]);
        let r = t.reduce(Reduction::Argmax, Some(&[1]), false).unwrap();
        assert_eq!(values(&r.values), vec![3., 1., 3.]);
        assert_eq!(r.winners, Some(vec![3, 1, 3]));
        let flat = t.reduce(Reduction::Argmax, None, false).unwrap();
        assert_eq!(values(&flat.values), vec![11.]);
    }

    #[test]
    fn sums_along_each_dim() {
        let t = matrix(&[&[1., 1., 1., 1.], &[2., 2., 2., 2.], &[3., 3., 3., 3.]]);
        assert_eq!(values(&t.reduce(Reduction::Sum, Some(&[0]), false).unwrap().values), vec![6.; 4]);
        assert_eq!(values(&t.reduce(Reduction::Sum, Some(&[1]), false).unwrap().values), vec![4., 8., 12.]);
    }

    #[test]
    fn std_is_unbiased_by_default() {
        let t = matrix(&[&[0., 1., 0.], &[2., 0., 2.], &[0., 3., 0.]]);
        let std = t.reduce(Reduction::Std { correction: 1.0 }, None, false).unwrap();
        assert!((values(&std.values)[0] - 1.1667).abs() < 1e-4);
    }

    #[test]
    fn nan_wins_every_selection() {
        let t = Tensor::from_vec(vec![1.0f32, f32::NAN, 5.0, f32::NAN], Shape::new(vec![4]).unwrap());
        assert_eq!(values(&t.reduce(Reduction::Argmax, None, false).unwrap().values), vec![1.]);
        assert_eq!(values(&t.reduce(Reduction::Argmin, None, false).unwrap().values), vec![1.]);
    }

    #[test]
    fn empty_selections_are_refused() {
        let t = Tensor::from_vec(Vec::<f32>::new(), Shape::new(vec![3, 0]).unwrap());
        let err = t.reduce(Reduction::Max, Some(&[1]), false).unwrap_err();
        assert_eq!(err.to_string(), "max(): Expected reduction dim 1 to have non-zero size.");
        assert!(t.reduce(Reduction::Max, Some(&[0]), false).is_ok());
        let err = t.reduce(Reduction::Argmax, None, false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "argmax(): Expected reduction dim to be specified for input.numel() == 0."
        );
        assert_eq!(t.reduce(Reduction::Sum, None, false).unwrap().values.numel(), 1);
    }
}
