//! Functions of `torch` that make new tensors from sizes or from another
//! tensor's shape: random ones (`torch.manual_seed`, `rand`, `randn`,
//! `randint`, `randperm` and their `_like` forms, kernels in
//! `tensor::random`), `linspace`, `eye`, `zeros_like`, `ones_like`,
//! `full_like`. Every one is a leaf: nothing in it was computed from
//! another tensor's values.

use super::catalog::Op;
use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::signature::{Bound, CallStyle, bind, bind_python};
use super::torch_api::{dtype_arg, fits, made, new_shape};
use super::value::{Builtin, Traced, Value};
use crate::tensor::create::full;
use crate::tensor::memory_order::result_strides;
use crate::tensor::random::{self, Generator};
use crate::tensor::storage::Storage;
use crate::tensor::{DType, Scalar, Shape, Tensor, TensorError};

/// A creation function's arguments, bound to its overloads, with what
/// every one of them takes checked: `out=` and a device other than the
/// CPU are not the playground's.
fn bound(op: Op, args: &[Value], kwargs: &[(String, Value)]) -> Result<(usize, Bound), LangError> {
    let (which, b) = bind(op.overloads(CallStyle::Function), args, kwargs)?;
    if b.get("out").is_some() {
        return Err(LangError::unsupported_here("out= (results are new tensors)"));
    }
    match b.get("device") {
        None => {}
        Some(Value::Str(s)) if &**s == "cpu" => {}
        Some(_) => return Err(LangError::unsupported_here("devices other than the CPU")),
    }
    Ok((which, b))
}

/// The int an overload bound as `name`.
fn int(b: &Bound, name: &str) -> Option<i64> {
    b.get(name).and_then(Value::as_number).map(|s| s.to_i64())
}

/// `torch.manual_seed(seed)`, a Python function: the seed read as Python's
/// `int()` reads it, stored as PyTorch's 64 unsigned bits (a negative seed
/// wraps); returns the generator.
pub(crate) fn manual_seed(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let seed =
        bind_python("manual_seed(seed)", args, kwargs)?.into_iter().next().flatten().unwrap_or(Value::None);
    reseed(i, seed, span)
}

/// Seeds the program's generator with `seed` as `int(seed)` reads it.
pub(crate) fn reseed(i: &mut Interpreter<'_>, seed: Value, span: Span) -> Result<Value, LangError> {
    let seed = match i.call(Value::Builtin(Builtin::Int), vec![seed], Vec::new(), span)? {
        Value::Int(s) => s,
        _ => unreachable!("int() gives an int"),
    };
    i.generator = Generator::new(seed as u64);
    Ok(Value::Generator)
}

/// `torch.initial_seed()`: the seed the generator was last seeded with.
pub(crate) fn initial_seed(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    _: Span,
) -> Result<Value, LangError> {
    bind_python("initial_seed()", args, kwargs)?;
    seed_value(i.generator.seed())
}

/// A seed as a Python int: PyTorch's seeds are unsigned 64-bit numbers,
/// past the playground's 64-bit signed ints from 2**63 on.
pub(crate) fn seed_value(seed: u64) -> Result<Value, LangError> {
    i64::try_from(seed).map(Value::Int).map_err(|_| LangError::int_too_large())
}

/// The shape and dtype of a new random tensor.
fn sized(op: Op, b: &Bound, default: DType) -> Result<(Shape, DType), LangError> {
    Ok((new_shape(op, b.get("size"))?, dtype_arg(b.get("dtype")).unwrap_or(default)))
}

/// `torch.rand(*size)`: uniforms in [0, 1).
pub(crate) fn rand(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bound(Op::Rand, args, kwargs)?;
    let (shape, dtype) = sized(Op::Rand, &b, DType::DEFAULT_FLOAT)?;
    let t = random::rand(&mut i.generator, shape, dtype, None)?;
    made(i, t, &b, span)
}

/// `torch.randn(*size)`: standard normals.
pub(crate) fn randn(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bound(Op::Randn, args, kwargs)?;
    let (shape, dtype) = sized(Op::Randn, &b, DType::DEFAULT_FLOAT)?;
    let t = random::randn(&mut i.generator, shape, dtype, None)?;
    made(i, t, &b, span)
}

/// `torch.randint(low=0, high, size)`: integers in `[low, high)`, int64 by default.
pub(crate) fn randint(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bound(Op::Randint, args, kwargs)?;
    let (shape, dtype) = sized(Op::Randint, &b, DType::Int64)?;
    let (low, high) = (int(&b, "low").unwrap_or(0), int(&b, "high").unwrap_or(0));
    let t = random::randint(&mut i.generator, low, high, shape, dtype, None)?;
    made(i, t, &b, span)
}

/// What shuffling a tensor costs of a run's work, in passes over it, on
/// top of the one pass every new tensor counts: each place is swapped
/// with a random later one, a cache miss each time. In a release build a
/// shuffle of 2**24 took 0.45 s, a pass of `t + 1` over as many elements
/// 0.19 s. Found by fuzzing: fifteen `torch.randperm(2**24)` in a row
/// counted a pass each, and five were shuffled before the cap stopped the
/// run (20 s of processor time in the fuzzer's build); now the first takes
/// the whole cap and the second is refused before it is shuffled.
const SHUFFLE_PASSES: usize = 3;

/// `torch.randperm(n)`: `0..n` in a random order, int64 by default.
pub(crate) fn randperm(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bound(Op::Randperm, args, kwargs)?;
    let n = int(&b, "n").unwrap_or(0);
    if n < 0 {
        return Err(LangError::runtime(format!(
            "Trying to create tensor with negative dimension {n}: [{n}]"
        )));
    }
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    // Refused before it is shuffled.
    Shape::new(vec![n])?;
    let dtype = dtype_arg(b.get("dtype")).unwrap_or(DType::Int64);
    i.budget.work(n.saturating_mul(SHUFFLE_PASSES));
    i.budget.check()?;
    let t = random::randperm(&mut i.generator, n, dtype)?;
    made(i, t, &b, span)
}

/// The tensor a `_like` function was given, its dtype (or `dtype=`), and
/// the strides PyTorch gives the new tensor: laid out in memory as the
/// input is (`preserve_format`).
fn like(b: &Bound) -> (&Traced, DType, Option<Vec<i64>>) {
    let Some(Value::Tensor(t)) = b.get("input") else { unreachable!("the overload binds a tensor `input`") };
    let dtype = dtype_arg(b.get("dtype")).unwrap_or(t.tensor.dtype());
    let strides = result_strides(t.tensor.shape().dims(), &[t.tensor.layout().strides()]);
    (t, dtype, strides)
}

/// `torch.rand_like(input)`.
pub(crate) fn rand_like(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bound(Op::RandLike, args, kwargs)?;
    let (t, dtype, strides) = like(&b);
    let shape = t.tensor.shape().clone();
    let t = random::rand(&mut i.generator, shape, dtype, strides)?;
    made(i, t, &b, span)
}

/// `torch.randn_like(input)`.
pub(crate) fn randn_like(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bound(Op::RandnLike, args, kwargs)?;
    let (t, dtype, strides) = like(&b);
    let shape = t.tensor.shape().clone();
    let t = random::randn(&mut i.generator, shape, dtype, strides)?;
    made(i, t, &b, span)
}

/// `torch.zeros_like(input)`.
pub(crate) fn zeros_like(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    filled_like(i, Op::ZerosLike, Some(Scalar::Int(0)), args, kwargs, span)
}

/// `torch.ones_like(input)`.
pub(crate) fn ones_like(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    filled_like(i, Op::OnesLike, Some(Scalar::Int(1)), args, kwargs, span)
}

/// `torch.full_like(input, fill_value)`.
pub(crate) fn full_like(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    filled_like(i, Op::FullLike, None, args, kwargs, span)
}

/// A tensor of the input's shape (and dtype, unless `dtype=`) filled with
/// one value (`fill`, or the call's `fill_value`).
fn filled_like(
    i: &mut Interpreter<'_>,
    op: Op,
    fill: Option<Scalar>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bound(op, args, kwargs)?;
    let (t, dtype, strides) = like(&b);
    let value = fill.or_else(|| b.get("fill_value").and_then(Value::as_number)).unwrap_or(Scalar::Int(0));
    if !fits(value, dtype) {
        // PyTorch names C++'s types here.
        let name = if dtype == DType::Int32 { "int" } else { "int64_t" };
        return Err(LangError::runtime(format!("value cannot be converted to type {name} without overflow")));
    }
    let shape = t.tensor.shape().clone();
    let values = full(shape.clone(), value, Some(dtype));
    let t = match strides {
        None => values,
        // The same value everywhere: only the layout changes.
        Some(strides) => {
            values.view_as(crate::tensor::Layout::contiguous(shape.clone()).restrided(shape, strides))
        }
    };
    made(i, t, &b, span)
}

/// `torch.linspace(start, end, steps)`: `steps` evenly spaced values from
/// `start` to `end`, both included, computed as PyTorch's CPU kernel does
/// (the first half up from `start`, the second down from `end`, each a
/// fused multiply-add).
pub(crate) fn linspace(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bound(Op::Linspace, args, kwargs)?;
    let end_point = |name: &str| -> Result<Scalar, LangError> {
        match b.get(name) {
            Some(Value::Tensor(t)) => Ok(t.tensor.scalars().next().unwrap_or(Scalar::Int(0))),
            Some(v) => Ok(v.as_number().unwrap_or(Scalar::Int(0))),
            None => Ok(Scalar::Int(0)),
        }
    };
    // The dims of each end given as a tensor; PyTorch names those.
    let ranks: Vec<String> = ["start", "end"]
        .iter()
        .filter_map(|&name| match b.get(name) {
            Some(Value::Tensor(t)) => Some(format!("{name} with {} dimension(s)", t.tensor.rank())),
            _ => None,
        })
        .collect();
    let tensor_ends = ["start", "end"].iter().filter_map(|&n| match b.get(n) {
        Some(Value::Tensor(t)) => Some(t.tensor.rank()),
        _ => None,
    });
    if tensor_ends.into_iter().any(|r| r != 0) {
        return Err(LangError::runtime(format!(
            "linspace only supports 0-dimensional start and end tensors, but got {}.",
            ranks.join(" and ")
        )));
    }
    let (start, end) = (end_point("start")?, end_point("end")?);
    let steps = int(&b, "steps").unwrap_or(0);
    if steps < 0 {
        return Err(LangError::runtime("number of steps must be non-negative"));
    }
    let dtype = dtype_arg(b.get("dtype")).unwrap_or(DType::DEFAULT_FLOAT);
    if dtype == DType::Bool {
        return Err(TensorError::NotImplementedFor { kernel: "linspace_cpu", dtype }.into());
    }
    let shape = Shape::new(vec![steps as usize])?;
    let values = match steps {
        // One step is the start alone.
        1 => Storage::from_scalars(dtype, std::iter::once(start)),
        _ => spaced(start, end, steps as usize, dtype),
    };
    let t = Tensor::from_storage(values, shape);
    made(i, t, &b, span)
}

/// The values of `linspace`, in the dtype's own precision (integers step
/// in float64 and are truncated).
fn spaced(start: Scalar, end: Scalar, steps: usize, dtype: DType) -> Storage {
    let halfway = steps / 2;
    let divisor = steps.saturating_sub(1);
    match dtype {
        DType::Float32 => {
            let (s, e) = (start.to_f64() as f32, end.to_f64() as f32);
            let step = (e - s) / divisor as f32;
            Storage::Float32(
                (0..steps)
                    .map(|k| {
                        if k < halfway {
                            step.mul_add(k as f32, s)
                        } else {
                            (-step).mul_add((steps - k - 1) as f32, e)
                        }
                    })
                    .collect(),
            )
        }
        DType::Float64 => Storage::Float64(spaced_f64(start.to_f64(), end.to_f64(), steps, halfway, divisor)),
        _ => {
            // The dtype's own start and end, stepped in float64.
            let (s, e) = (Scalar::Int(start.to_i64()), Scalar::Int(end.to_i64()));
            let values = spaced_f64(s.to_f64(), e.to_f64(), steps, halfway, divisor);
            Storage::from_scalars(dtype, values.into_iter().map(|v| Scalar::Int(v as i64)))
        }
    }
}

/// `linspace` in float64.
fn spaced_f64(s: f64, e: f64, steps: usize, halfway: usize, divisor: usize) -> Vec<f64> {
    let step = (e - s) / divisor as f64;
    (0..steps)
        .map(
            |k| {
                if k < halfway {
                    step.mul_add(k as f64, s)
                } else {
                    (-step).mul_add((steps - k - 1) as f64, e)
                }
            },
        )
        .collect()
}

/// `torch.eye(n, m=n)`: ones on the diagonal, zeros elsewhere.
pub(crate) fn eye(
    i: &mut Interpreter<'_>,
    args: &[Value],
    kwargs: &[(String, Value)],
    span: Span,
) -> Result<Value, LangError> {
    let (_, b) = bound(Op::Eye, args, kwargs)?;
    let n = int(&b, "n").unwrap_or(0);
    let m = int(&b, "m").unwrap_or(n);
    for (name, v) in [("n", n), ("m", m)] {
        if v < 0 {
            return Err(LangError::runtime(format!("{name} must be greater or equal to 0, got {v}")));
        }
    }
    let (n, m) = (n as usize, m as usize);
    let shape = Shape::new(vec![n, m])?;
    let dtype = dtype_arg(b.get("dtype")).unwrap_or(DType::DEFAULT_FLOAT);
    let values = (0..n * m).map(|f| Scalar::Int(i64::from(f / m == f % m)));
    let t = Tensor::from_storage(Storage::from_scalars(dtype, values), shape);
    made(i, t, &b, span)
}

#[cfg(test)]
mod tests {
    use crate::lang::run_program;
    use crate::tensor::random::DEFAULT_SEED;

    #[test]
    fn an_unseeded_program_draws_what_a_fresh_generator_of_the_default_seed_draws() {
        let unseeded = run_program("torch.randn(20).tolist()\ntorch.randint(9, (5,)).tolist()");
        let seeded = run_program(&format!(
            "g = torch.manual_seed({DEFAULT_SEED})\ntorch.randn(20).tolist()\ntorch.randint(9, (5,)).tolist()"
        ));
        assert!(unseeded.error.is_none(), "{:?}", unseeded.error);
        assert_eq!(unseeded.stdout, seeded.stdout);
        // And every run of a program draws the same numbers.
        assert_eq!(run_program("torch.rand(3)").stdout, run_program("torch.rand(3)").stdout);
    }

    #[test]
    fn a_random_tensor_is_a_leaf_named_by_its_variable() {
        let session =
            crate::session::Session::new("torch.manual_seed(0)\nr = torch.randn(2, 3)\nr.sum(dim=1)");
        let names: Vec<&str> = session.grids().iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["r", "r.sum(dim=1)"]);
    }
}
