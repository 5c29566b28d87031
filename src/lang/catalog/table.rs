//! The declarations: one entry per operation (`docs/adding-an-op.md`).

use super::reference::Section;
use super::{Caption, Decl, DtypeRule, Group, Keep, Kernel, Lineage, Method, Op, Pick, Spellings, Words};
use crate::lang::signature::Bound;
use crate::lang::value::Value;
use crate::tensor::DType;
use crate::tensor::along::Along;
use crate::tensor::reduce::Reduction;
use crate::tensor::unary::Unary;

/// A tensor method that is also a `torch.` function.
const METHOD_AND_TORCH: Spellings =
    Spellings { method: Method::Yes, torch: true, aliases: &[], functional: None };
/// A tensor method only.
const METHOD: Spellings = Spellings { method: Method::Yes, torch: false, aliases: &[], functional: None };
/// A C method without parameters (see `Method::NoArgs`).
const NOARGS: Spellings = Spellings { method: Method::NoArgs, torch: false, aliases: &[], functional: None };
/// A `torch.` function only.
const TORCH: Spellings = Spellings { method: Method::No, torch: true, aliases: &[], functional: None };

/// A reduction: offered by the op control, traced by its lanes.
const fn reduction(
    name: &'static str,
    signatures: &'static [&'static str],
    kernel: fn(usize, &Bound) -> Pick,
    dtype: DtypeRule,
    words: Words,
    summary: &'static str,
) -> Decl {
    Decl {
        name,
        spellings: METHOD_AND_TORCH,
        signatures,
        kernel: Kernel::Reduce(kernel),
        dtype,
        lineage: Lineage::Lane,
        words: Some(words),
        control: Some(Group::Reductions),
        section: Section::Reductions,
        summary,
    }
}

/// An operation along a dim that keeps the shape.
#[allow(clippy::too_many_arguments)]
const fn along(
    name: &'static str,
    signatures: &'static [&'static str],
    kernel: Along,
    dtype: DtypeRule,
    lineage: Lineage,
    describe: &'static str,
    caption: Caption,
    summary: &'static str,
) -> Decl {
    Decl {
        name,
        spellings: METHOD_AND_TORCH,
        signatures,
        kernel: Kernel::Along(kernel),
        dtype,
        lineage,
        words: Some(Words { describe, caption }),
        control: Some(Group::AlongDim),
        section: Section::AlongDim,
        summary,
    }
}

/// An operation that is not a reduction.
#[allow(clippy::too_many_arguments)]
const fn plain(
    name: &'static str,
    spellings: Spellings,
    signatures: &'static [&'static str],
    kernel: Kernel,
    dtype: DtypeRule,
    lineage: Lineage,
    section: Section,
    summary: &'static str,
) -> Decl {
    Decl { name, spellings, signatures, kernel, dtype, lineage, words: None, control: None, section, summary }
}

/// `std`/`var`'s correction: `correction=`, or `unbiased=False` for 0, else 1.
fn correction(b: &Bound) -> f64 {
    match (b.get("correction"), b.get("unbiased")) {
        (Some(c), _) => c.as_number().map_or(1.0, |s| s.to_f64()),
        (None, Some(Value::Bool(false))) => 0.0,
        _ => 1.0,
    }
}

/// `max` / `min`: the whole tensor, `(values, indices)` along a dim, or
/// (not yet) the element-wise extreme of two tensors.
fn extreme(which: usize, r: Reduction, other: &'static str) -> Pick {
    match which {
        1 => Pick::NotYet(other),
        2 => Pick::WithIndices(r),
        _ => Pick::Reduce(r),
    }
}

/// The declaration of `op`.
pub(super) fn declare<K: Keep>(op: Op) -> Decl {
    use crate::lang::creating as cr;
    use crate::lang::gradients as g;
    use crate::lang::joining as j;
    use crate::lang::products as p;
    use crate::lang::selecting as s;
    use crate::lang::tensor_methods as m;
    use crate::lang::torch_api as c;
    match op {
        // Creating tensors.
        Op::Tensor => plain(
            "tensor",
            TORCH,
            &["tensor(Any data, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)"],
            K::keep(|| Kernel::Create(c::tensor)),
            DtypeRule::FromData,
            Lineage::Leaf,
            Section::Creating,
            "a tensor holding the data (nested lists of numbers)",
        ),
        Op::Arange => plain(
            "arange",
            TORCH,
            &[
                "arange(Scalar end, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)",
                "arange(Scalar start, Scalar end, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)",
                "arange(Scalar start, Scalar end, Scalar step=1, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)",
            ],
            K::keep(|| Kernel::Create(c::arange)),
            DtypeRule::FromData,
            Lineage::Leaf,
            Section::Creating,
            "evenly spaced values from start up to (not including) end",
        ),
        Op::Zeros => plain(
            "zeros",
            TORCH,
            &["zeros(int[] size, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)"],
            K::keep(|| Kernel::Create(c::zeros)),
            DtypeRule::FromData,
            Lineage::Leaf,
            Section::Creating,
            "a tensor of zeros",
        ),
        Op::Ones => plain(
            "ones",
            TORCH,
            &["ones(int[] size, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)"],
            K::keep(|| Kernel::Create(c::ones)),
            DtypeRule::FromData,
            Lineage::Leaf,
            Section::Creating,
            "a tensor of ones",
        ),
        Op::Full => plain(
            "full",
            TORCH,
            &[
                "full(int[] size, Scalar fill_value, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)",
            ],
            K::keep(|| Kernel::Create(c::full)),
            DtypeRule::FromData,
            Lineage::Leaf,
            Section::Creating,
            "a tensor filled with one value",
        ),

        // Dtypes.
        Op::Float => convert(
            "float",
            &["float()"],
            K::keep(|| Kernel::Method(|i, t, c| i.convert(&t, DType::Float32, c.span))),
            "a float32 copy",
        ),
        Op::Double => convert(
            "double",
            &["double()"],
            K::keep(|| Kernel::Method(|i, t, c| i.convert(&t, DType::Float64, c.span))),
            "a float64 copy",
        ),
        Op::Long => convert(
            "long",
            &["long()"],
            K::keep(|| Kernel::Method(|i, t, c| i.convert(&t, DType::Int64, c.span))),
            "an int64 copy",
        ),
        Op::Int => convert(
            "int",
            &["int()"],
            K::keep(|| Kernel::Method(|i, t, c| i.convert(&t, DType::Int32, c.span))),
            "an int32 copy",
        ),
        Op::Bool => convert(
            "bool",
            &["bool()"],
            K::keep(|| Kernel::Method(|i, t, c| i.convert(&t, DType::Bool, c.span))),
            "a bool copy",
        ),
        Op::To => plain(
            "to",
            METHOD,
            &[
                "to(Device? device=None, ScalarType? dtype=None, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
                "to(ScalarType dtype, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
                "to(Tensor tensor, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
            ],
            K::keep(|| Kernel::Method(m::to)),
            DtypeRule::Named,
            Lineage::SameIndex,
            Section::Dtypes,
            "a copy in another dtype (or the tensor itself, if it already has it)",
        ),

        // Reductions, in the op control's order.
        Op::Sum => reduction(
            "sum",
            &[
                "sum(*, ScalarType? dtype=None)",
                "sum(int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)|out",
                "sum(Dimname[1] dim, bool keepdim=False, *, ScalarType? dtype=None)|hidden",
            ],
            |_, _| Pick::Reduce(Reduction::Sum),
            DtypeRule::Accumulate,
            Words { describe: "the sum of {of}", caption: Caption::Infix(" + ") },
            "adds the elements",
        ),
        Op::Prod => reduction(
            "prod",
            &[
                "prod(*, ScalarType? dtype=None)",
                "prod(int dim, bool keepdim=False, *, ScalarType? dtype=None)|out",
                "prod(Dimname dim, bool keepdim=False, *, ScalarType? dtype=None)|hidden",
            ],
            |_, _| Pick::Reduce(Reduction::Prod),
            DtypeRule::Accumulate,
            Words { describe: "the product of {of}", caption: Caption::Infix(" × ") },
            "multiplies the elements",
        ),
        Op::Mean => reduction(
            "mean",
            &[
                "mean(*, ScalarType? dtype=None)|out",
                "mean(int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)|out",
                "mean(Dimname[1] dim, bool keepdim=False, *, ScalarType? dtype=None)|hidden",
            ],
            |_, _| Pick::Reduce(Reduction::Mean),
            DtypeRule::FloatingOnly,
            Words { describe: "the mean of {of}", caption: Caption::Mean },
            "the average of the elements",
        ),
        Op::Std => reduction(
            "std",
            &[
                "std(int[1]? dim, bool unbiased=True, bool keepdim=False)|out",
                "std(int[1]? dim=None, *, Scalar? correction=None, bool keepdim=False)|out",
                "std(bool unbiased=True)",
                "std(Dimname[1] dim, bool unbiased=True, bool keepdim=False)|hidden",
            ],
            |_, b| Pick::Reduce(Reduction::Std { correction: correction(b) }),
            DtypeRule::FloatingOnly,
            Words { describe: "the standard deviation of {of}", caption: Caption::Call("std") },
            "the standard deviation (`correction=`, `unbiased=`)",
        ),
        Op::Var => reduction(
            "var",
            &[
                "var(int[1]? dim, bool unbiased=True, bool keepdim=False)|out",
                "var(int[1]? dim=None, *, Scalar? correction=None, bool keepdim=False)|out",
                "var(bool unbiased=True)",
                "var(Dimname[1] dim, bool unbiased=True, bool keepdim=False)|hidden",
            ],
            |_, b| Pick::Reduce(Reduction::Var { correction: correction(b) }),
            DtypeRule::FloatingOnly,
            Words { describe: "the variance of {of}", caption: Caption::Call("var") },
            "the variance (`correction=`, `unbiased=`)",
        ),
        Op::Max => reduction(
            "max",
            &[
                "max()|out",
                "max(Tensor other)|out",
                "max(int dim, bool keepdim=False)|out",
                "max(Dimname dim, bool keepdim=False)|hidden",
            ],
            |which, _| extreme(which, Reduction::Max, "max(other) (the element-wise maximum)"),
            DtypeRule::Same,
            Words { describe: "the largest of {of}", caption: Caption::Call("max") },
            "the largest element; along a dim, `(values, indices)`",
        ),
        Op::Min => reduction(
            "min",
            &[
                "min()|out",
                "min(Tensor other)|out",
                "min(int dim, bool keepdim=False)|out",
                "min(Dimname dim, bool keepdim=False)|hidden",
            ],
            |which, _| extreme(which, Reduction::Min, "min(other) (the element-wise minimum)"),
            DtypeRule::Same,
            Words { describe: "the smallest of {of}", caption: Caption::Call("min") },
            "the smallest element; along a dim, `(values, indices)`",
        ),
        Op::Argmax => reduction(
            "argmax",
            &["argmax(int? dim=None, bool keepdim=False)|out"],
            |_, _| Pick::Reduce(Reduction::Argmax),
            DtypeRule::Int64,
            Words { describe: "the position of the largest of {of}", caption: Caption::Call("argmax") },
            "where the largest element is (the first of equals)",
        ),
        Op::Argmin => reduction(
            "argmin",
            &["argmin(int? dim=None, bool keepdim=False)|out"],
            |_, _| Pick::Reduce(Reduction::Argmin),
            DtypeRule::Int64,
            Words { describe: "the position of the smallest of {of}", caption: Caption::Call("argmin") },
            "where the smallest element is (the first of equals)",
        ),
        Op::Amax => reduction(
            "amax",
            &["amax(int[1]? dim=[], bool keepdim=False)|out"],
            |_, _| Pick::Reduce(Reduction::Amax),
            DtypeRule::Same,
            Words { describe: "the largest of {of}", caption: Caption::Call("max") },
            "the largest element, over one or more dims",
        ),
        Op::Amin => reduction(
            "amin",
            &["amin(int[1]? dim=[], bool keepdim=False)|out"],
            |_, _| Pick::Reduce(Reduction::Amin),
            DtypeRule::Same,
            Words { describe: "the smallest of {of}", caption: Caption::Call("min") },
            "the smallest element, over one or more dims",
        ),
        Op::All => reduction(
            "all",
            &[
                "all()|out",
                "all(int[1]? dim=None, bool keepdim=False)|out",
                "all(int dim, bool keepdim=False)|out",
                "all(Dimname dim, bool keepdim=False)|hidden",
            ],
            |_, _| Pick::Reduce(Reduction::All),
            DtypeRule::Bool,
            Words { describe: "whether all of {of} are nonzero", caption: Caption::Call("all") },
            "whether every element is nonzero",
        ),
        Op::Any => reduction(
            "any",
            &[
                "any()|out",
                "any(int[1]? dim=None, bool keepdim=False)|out",
                "any(int dim, bool keepdim=False)|out",
                "any(Dimname dim, bool keepdim=False)|hidden",
            ],
            |_, _| Pick::Reduce(Reduction::Any),
            DtypeRule::Bool,
            Words { describe: "whether any of {of} is nonzero", caption: Caption::Call("any") },
            "whether some element is nonzero",
        ),
        Op::CountNonzero => reduction(
            "count_nonzero",
            &["count_nonzero(int? dim=None)", "count_nonzero(int[] dim)"],
            |_, _| Pick::Reduce(Reduction::CountNonzero),
            DtypeRule::Int64,
            Words { describe: "how many of {of} are nonzero", caption: Caption::Call("count_nonzero") },
            "how many elements are nonzero",
        ),
        Op::Norm => Decl {
            kernel: K::keep(|| Kernel::Python(m::norm)),
            control: None,
            ..reduction(
                "norm",
                // A Python function in PyTorch: `K::keep(|| Kernel::Method(m::norm))` binds its arguments.
                &[],
                |_, _| Pick::Reduce(Reduction::Norm { p: 2.0 }),
                DtypeRule::FloatingOnly,
                Words { describe: "the norm of {of}", caption: Caption::Call("norm") },
                "the vector norm (`p=`, 2 by default)",
            )
        },

        Op::Logsumexp => Decl {
            ..reduction(
                "logsumexp",
                &["logsumexp(int[1] dim, bool keepdim=False)|out"],
                |_, _| Pick::Reduce(Reduction::Logsumexp),
                DtypeRule::Floating,
                Words {
                    describe: "the log of the sum of the exponentials of {of}",
                    caption: Caption::Call("logsumexp"),
                },
                "`log(sum(exp(x)))` along dims, without overflowing",
            )
        },

        // Along a dim.
        Op::Cumsum => along(
            "cumsum",
            &[
                "cumsum(int dim, *, ScalarType? dtype=None)|out",
                "cumsum(Dimname dim, *, ScalarType? dtype=None)|hidden",
            ],
            Along::Cumsum,
            DtypeRule::Accumulate,
            Lineage::Prefix,
            "the sum of {of}",
            Caption::Infix(" + "),
            "running sums along a dim",
        ),
        Op::Cumprod => along(
            "cumprod",
            &[
                "cumprod(int dim, *, ScalarType? dtype=None)|out",
                "cumprod(Dimname dim, *, ScalarType? dtype=None)|hidden",
            ],
            Along::Cumprod,
            DtypeRule::Accumulate,
            Lineage::Prefix,
            "the product of {of}",
            Caption::Infix(" × "),
            "running products along a dim",
        ),

        Op::Softmax => Decl {
            spellings: Spellings {
                method: Method::Yes,
                torch: true,
                aliases: &[],
                functional: Some("softmax(input, dim=None, _stacklevel=3, dtype=None)"),
            },
            ..along(
                "softmax",
                &[
                    "softmax(int dim, ScalarType? dtype=None)|out",
                    "softmax(Dimname dim, *, ScalarType? dtype=None)|hidden",
                ],
                Along::Softmax,
                DtypeRule::FloatingOnly,
                Lineage::Lane,
                "exp of its element over the sum of the exps of {of}",
                Caption::Share,
                "`exp(x)` over the sum of `exp` along a dim: each lane sums to 1",
            )
        },
        Op::LogSoftmax => Decl {
            spellings: Spellings {
                method: Method::Yes,
                torch: true,
                aliases: &[],
                functional: Some("log_softmax(input, dim=None, _stacklevel=3, dtype=None)"),
            },
            ..along(
                "log_softmax",
                &[
                    "log_softmax(int dim, ScalarType? dtype=None)|out",
                    "log_softmax(Dimname dim, *, ScalarType? dtype=None)|hidden",
                ],
                Along::LogSoftmax,
                DtypeRule::FloatingOnly,
                Lineage::Lane,
                "the log of the softmax over {of}",
                Caption::LogShare,
                "the logarithm of `softmax`, computed without overflowing",
            )
        },

        // Element-wise.
        Op::Abs => plain(
            "abs",
            Spellings { method: Method::NoArgs, torch: true, aliases: &[], functional: None },
            &["abs()"],
            K::keep(|| Kernel::Method(m::abs)),
            DtypeRule::Same,
            Lineage::SameIndex,
            Section::Elementwise,
            "the absolute value of each element (also `abs(t)`)",
        ),

        Op::Exp => {
            unary(Unary::Exp, &["exp()|out"], None, DtypeRule::Floating, "`e` to the power of each element")
        }
        Op::Log => unary(
            Unary::Log,
            &["log()|out"],
            None,
            DtypeRule::Floating,
            "the natural logarithm of each element",
        ),
        Op::Sqrt => {
            unary(Unary::Sqrt, &["sqrt()|out"], None, DtypeRule::Floating, "the square root of each element")
        }
        Op::Square => unary(
            Unary::Square,
            &["square()|out"],
            None,
            DtypeRule::SameBoolsAsInt64,
            "each element times itself",
        ),
        Op::Sigmoid => unary(
            Unary::Sigmoid,
            &["sigmoid()|out"],
            Some("sigmoid(input)"),
            DtypeRule::Floating,
            "`1 / (1 + exp(-x))` of each element",
        ),
        Op::Tanh => unary(
            Unary::Tanh,
            &["tanh()|out"],
            Some("tanh(input)"),
            DtypeRule::Floating,
            "the hyperbolic tangent of each element",
        ),
        Op::Relu => unary(
            Unary::Relu,
            &["relu()"],
            Some("relu(input, inplace=False)"),
            DtypeRule::Same,
            "each element, or 0 where it is negative",
        ),
        Op::Isnan => unary(Unary::Isnan, &["isnan()"], None, DtypeRule::Bool, "whether each element is NaN"),
        Op::Clamp => plain(
            "clamp",
            Spellings { method: Method::Yes, torch: true, aliases: &["clip"], functional: None },
            &[
                "clamp(Scalar? min=None, Scalar? max=None)|out",
                "clamp(Tensor? min=None, Tensor? max=None)|out",
            ],
            K::keep(|| Kernel::Method(m::clamp)),
            DtypeRule::Same,
            Lineage::SameIndex,
            Section::Elementwise,
            "each element kept between `min` and `max`",
        ),
        Op::Maximum => plain(
            "maximum",
            METHOD_AND_TORCH,
            &["maximum(Tensor other)|out"],
            K::keep(|| Kernel::Method(m::maximum)),
            DtypeRule::Same,
            Lineage::SameIndex,
            Section::Elementwise,
            "the larger of each pair of elements of two tensors (broadcast)",
        ),
        Op::Minimum => plain(
            "minimum",
            METHOD_AND_TORCH,
            &["minimum(Tensor other)|out"],
            K::keep(|| Kernel::Method(m::minimum)),
            DtypeRule::Same,
            Lineage::SameIndex,
            Section::Elementwise,
            "the smaller of each pair of elements of two tensors (broadcast)",
        ),

        // Indexing and selecting.
        Op::Where => Decl {
            words: Some(Words {
                describe: "{won}, chosen over {of} by {by}",
                caption: Caption::Call("where"),
            }),
            ..plain(
                "where",
                METHOD_AND_TORCH,
                &["where(Tensor condition, Tensor other)", "where(Tensor condition, Scalar other)"],
                K::keep(|| Kernel::Function { function: s::where_function, method: s::where_method }),
                DtypeRule::Promoted,
                Lineage::Picked,
                Section::Selecting,
                "`input` where the condition is true, else `other` (tensors or numbers, broadcast); `torch.where(condition)` is `nonzero(as_tuple=True)`",
            )
        },
        Op::Gather => picking(
            plain(
                "gather",
                METHOD_AND_TORCH,
                &[
                    "gather(int dim, Tensor index, *, bool sparse_grad=False)|out",
                    "gather(Dimname dim, Tensor index, *, bool sparse_grad=False)|hidden",
                ],
                K::keep(|| Kernel::Method(s::gather)),
                DtypeRule::Same,
                Lineage::Picked,
                Section::Selecting,
                "along `dim`, the element each element of `index` names",
            ),
            "{won}, picked by {by}",
        ),
        Op::IndexSelect => picking(
            plain(
                "index_select",
                METHOD_AND_TORCH,
                &[
                    "index_select(int dim, Tensor index)|out",
                    "index_select(Dimname dim, Tensor index)|hidden",
                ],
                K::keep(|| Kernel::Method(s::index_select)),
                DtypeRule::Same,
                Lineage::Picked,
                Section::Selecting,
                "the slices along `dim` that a 1-d `index` names, in its order",
            ),
            "{won}, picked by {by}",
        ),
        Op::MaskedFill => picking(
            plain(
                "masked_fill",
                METHOD_AND_TORCH,
                &["masked_fill(Tensor mask, Scalar value)", "masked_fill(Tensor mask, Tensor value)"],
                K::keep(|| Kernel::Method(s::masked_fill)),
                DtypeRule::Same,
                Lineage::Picked,
                Section::Selecting,
                "`value` where the mask is true, the tensor's own element elsewhere",
            ),
            "{won}, chosen over {of} by {by}",
        ),
        Op::Nonzero => picking(
            plain(
                "nonzero",
                METHOD_AND_TORCH,
                &["nonzero()|out", "nonzero(*, bool as_tuple)"],
                K::keep(|| Kernel::Method(s::nonzero)),
                DtypeRule::Int64,
                Lineage::Picked,
                Section::Selecting,
                "the indices of the nonzero elements, one row each (`as_tuple=True`: one tensor per dim)",
            ),
            "an index of {won}, which is nonzero",
        ),

        // Sorting and ranking.
        Op::Sort => ranking(
            plain(
                "sort",
                METHOD_AND_TORCH,
                &[
                    "sort(int dim=-1, bool descending=False)|out",
                    "sort(*, bool? stable, int dim=-1, bool descending=False)|out",
                    "sort(Dimname dim, bool descending=False)|hidden",
                    "sort(*, bool? stable, Dimname dim, bool descending=False)|hidden",
                ],
                K::keep(|| Kernel::Method(s::sort)),
                DtypeRule::Same,
                Lineage::Ranked,
                Section::Sorting,
                "each lane along a dim in order, `(values, indices)` (`descending=`, `stable=`)",
            ),
            "the {rank} of {of}, which is {won}",
        ),
        Op::Argsort => Decl {
            control: Some(Group::Sorting),
            ..plain(
                "argsort",
                METHOD_AND_TORCH,
                &[
                    "argsort(int dim=-1, bool descending=False)",
                    "argsort(*, bool stable, int dim=-1, bool descending=False)",
                    "argsort(Dimname dim, bool descending=False)|hidden",
                ],
                K::keep(|| Kernel::Method(s::argsort)),
                DtypeRule::Int64,
                Lineage::Ranked,
                Section::Sorting,
                "the indices that sort each lane along a dim (`sort(...).indices`)",
            )
        },
        Op::Topk => Decl {
            control: None,
            ..ranking(
                plain(
                    "topk",
                    METHOD_AND_TORCH,
                    &["topk(int k, int dim=-1, bool largest=True, bool sorted=True)|out"],
                    K::keep(|| Kernel::Method(s::topk)),
                    DtypeRule::Same,
                    Lineage::Ranked,
                    Section::Sorting,
                    "the `k` largest (`largest=False`: smallest) of each lane, `(values, indices)`",
                ),
                "the {rank} of {of}, which is {won}",
            )
        },
        Op::Kthvalue => Decl {
            control: None,
            section: Section::Sorting,
            ..reduction(
                "kthvalue",
                &[
                    "kthvalue(int k, int dim=-1, bool keepdim=False)|out",
                    "kthvalue(int k, Dimname dim, bool keepdim=False)|hidden",
                ],
                |_, b| {
                    let k = b.get("k").and_then(Value::as_number).map_or(1, |s| s.to_i64());
                    Pick::WithIndices(Reduction::Kthvalue { k, indices: false })
                },
                DtypeRule::Same,
                Words { describe: "the {rank} of {of}", caption: Caption::Call("kthvalue") },
                "the `k`-th smallest of each lane along a dim, `(values, indices)`",
            )
        },
        Op::Median => reduction(
            "median",
            &[
                "median()",
                "median(int dim, bool keepdim=False)|out",
                "median(Dimname dim, bool keepdim=False)|hidden",
            ],
            |which, _| match which {
                0 => Pick::Reduce(Reduction::Median { indices: false }),
                _ => Pick::WithIndices(Reduction::Median { indices: false }),
            },
            DtypeRule::Same,
            Words { describe: "the median of {of}", caption: Caption::Call("median") },
            "the middle element (of an even count, the lower of the two); along a dim, `(values, indices)`",
        ),
        Op::Cummax => ranking(
            plain(
                "cummax",
                METHOD_AND_TORCH,
                &["cummax(int dim)|out", "cummax(Dimname dim)|hidden"],
                K::keep(|| Kernel::Method(s::cummax)),
                DtypeRule::Same,
                Lineage::Ranked,
                Section::Sorting,
                "the largest element so far along a dim, `(values, indices)`",
            ),
            "the largest of {of}, which is {won}",
        ),
        Op::Cummin => ranking(
            plain(
                "cummin",
                METHOD_AND_TORCH,
                &["cummin(int dim)|out", "cummin(Dimname dim)|hidden"],
                K::keep(|| Kernel::Method(s::cummin)),
                DtypeRule::Same,
                Lineage::Ranked,
                Section::Sorting,
                "the smallest element so far along a dim, `(values, indices)`",
            ),
            "the smallest of {of}, which is {won}",
        ),

        // Shapes.
        Op::Reshape => shape(
            "reshape",
            METHOD_AND_TORCH,
            &["reshape(SymInt[] shape)"],
            K::keep(|| Kernel::Method(m::reshape)),
            "the same elements in another shape",
        ),
        Op::View => shape(
            "view",
            METHOD,
            &["view(ScalarType dtype)", "view(SymInt[] size)"],
            K::keep(|| Kernel::Method(m::view)),
            "the same elements in another shape, sharing memory",
        ),
        Op::Flatten => shape(
            "flatten",
            METHOD_AND_TORCH,
            &[
                "flatten(int start_dim=0, int end_dim=-1)",
                "flatten(int start_dim, int end_dim, Dimname out_dim)|hidden",
            ],
            K::keep(|| Kernel::Method(m::flatten)),
            "merges dims into one",
        ),
        Op::Transpose => shape(
            "transpose",
            METHOD_AND_TORCH,
            &["transpose(int dim0, int dim1)", "transpose(Dimname dim0, Dimname dim1)|hidden"],
            K::keep(|| Kernel::Method(m::transpose)),
            "swaps two dims (a view; also `.T`, `.mT`)",
        ),
        Op::Permute => shape(
            "permute",
            METHOD_AND_TORCH,
            &["permute(int[] dims)"],
            K::keep(|| Kernel::Method(m::permute)),
            "reorders the dims (a view)",
        ),
        Op::T => shape(
            "t",
            METHOD_AND_TORCH,
            &["t()"],
            K::keep(|| Kernel::Method(m::matrix_t)),
            "swaps the dims of a matrix (a view)",
        ),
        Op::Unsqueeze => shape(
            "unsqueeze",
            METHOD_AND_TORCH,
            &["unsqueeze(int dim)"],
            K::keep(|| Kernel::Method(m::unsqueeze)),
            "adds a dim of size 1",
        ),
        Op::Squeeze => shape(
            "squeeze",
            METHOD_AND_TORCH,
            &["squeeze()", "squeeze(int dim)", "squeeze(int[] dim)", "squeeze(Dimname dim)|hidden"],
            K::keep(|| Kernel::Method(m::squeeze)),
            "removes dims of size 1",
        ),
        Op::Flip => moving(shape(
            "flip",
            METHOD_AND_TORCH,
            &["flip(int[] dims)"],
            K::keep(|| Kernel::Method(s::flip)),
            "the elements in reverse order along the dims",
        )),
        Op::Roll => moving(shape(
            "roll",
            METHOD_AND_TORCH,
            &["roll(int[1] shifts, int[1] dims=[])"],
            K::keep(|| Kernel::Method(s::roll)),
            "the elements shifted along dims, those pushed off the end coming back at the start",
        )),
        Op::Contiguous => shape(
            "contiguous",
            METHOD,
            &["contiguous()"],
            K::keep(|| Kernel::Method(m::contiguous)),
            "the elements in row-major memory order (the tensor itself if they are)",
        ),
        Op::IsContiguous => question(
            "is_contiguous",
            METHOD,
            &["is_contiguous()"],
            K::keep(|| Kernel::Method(m::is_contiguous)),
            "whether the elements lie in row-major order",
        ),
        Op::Clone => plain(
            "clone",
            METHOD,
            &["clone()"],
            K::keep(|| Kernel::Method(m::clone)),
            DtypeRule::Same,
            Lineage::SameIndex,
            Section::Shape,
            "a copy",
        ),
        Op::Size => question(
            "size",
            METHOD,
            &["size(int? dim=None)", "size(Dimname dim)|hidden"],
            K::keep(|| Kernel::Method(m::size)),
            "the shape, or one dim's size (also `.shape`)",
        ),
        Op::Dim => question(
            "dim",
            NOARGS,
            &["dim()"],
            K::keep(|| Kernel::Method(m::dim)),
            "the number of dims (also `.ndim`)",
        ),
        Op::Numel => question(
            "numel",
            Spellings { method: Method::NoArgs, torch: true, aliases: &[], functional: None },
            &["numel()"],
            K::keep(|| Kernel::Method(m::numel)),
            "the number of elements",
        ),

        // Getting numbers out.
        Op::Item => plain(
            "item",
            NOARGS,
            &["item()"],
            K::keep(|| Kernel::Method(m::item)),
            DtypeRule::NotATensor,
            Lineage::SameIndex,
            Section::NumbersOut,
            "the one element as a Python number",
        ),
        Op::Tolist => plain(
            "tolist",
            NOARGS,
            &["tolist()"],
            K::keep(|| Kernel::Method(m::tolist)),
            DtypeRule::NotATensor,
            Lineage::SameIndex,
            Section::NumbersOut,
            "the elements as nested Python lists",
        ),
        Op::Numpy => plain(
            "numpy",
            METHOD,
            &["numpy(*, bool force=False)"],
            K::keep(|| Kernel::Method(m::numpy)),
            DtypeRule::Same,
            Lineage::SameIndex,
            Section::NumbersOut,
            "the elements as a NumPy array",
        ),

        // Products.
        Op::Matmul => product::<K>(
            "matmul",
            &["matmul(Tensor other)|out"],
            p::matmul,
            "the matrix product (also `a @ b`): vectors, matrices and batches, broadcast",
        ),
        Op::Mm => product::<K>("mm", &["mm(Tensor mat2)|out"], p::mm, "the product of two matrices"),
        Op::Mv => product::<K>("mv", &["mv(Tensor vec)|out"], p::mv, "a matrix times a vector"),
        Op::Dot => product::<K>("dot", &["dot(Tensor tensor)|out"], p::dot, "the dot product of two vectors"),
        Op::Outer => Decl {
            spellings: Spellings { aliases: &["ger"], ..METHOD_AND_TORCH },
            dtype: DtypeRule::Promoted,
            ..product::<K>(
                "outer",
                &["outer(Tensor vec2)|out"],
                p::outer,
                "every element of one vector times every element of another",
            )
        },
        Op::Bmm => product::<K>(
            "bmm",
            &["bmm(Tensor mat2)|out"],
            p::bmm,
            "the products of two batches of matrices, one pair at a time",
        ),
        Op::Einsum => plain(
            "einsum",
            TORCH,
            // A Python function in PyTorch (`einsum(equation, *operands)`):
            // `p::einsum` binds its arguments.
            &[],
            K::keep(|| Kernel::Create(p::einsum)),
            DtypeRule::Promoted,
            Lineage::Contracted,
            Section::Products,
            "products in index notation: `torch.einsum('ij,jk->ik', a, b)`",
        ),

        // Joining and splitting.
        Op::Cat => plain(
            "cat",
            Spellings { aliases: &["concat", "concatenate"], ..TORCH },
            &["cat(Tensor[] tensors, int dim=0)|out", "cat(Tensor[] tensors, Dimname dim)|hidden"],
            K::keep(|| Kernel::Create(j::cat)),
            DtypeRule::Promoted,
            Lineage::Copied,
            Section::Joining,
            "tensors joined end to end along a dim",
        ),
        Op::Stack => plain(
            "stack",
            TORCH,
            &["stack(Tensor[] tensors, int dim=0)|out"],
            K::keep(|| Kernel::Create(j::stack)),
            DtypeRule::Promoted,
            Lineage::Copied,
            Section::Joining,
            "tensors of one shape stacked along a new dim",
        ),
        Op::Chunk => plain(
            "chunk",
            METHOD_AND_TORCH,
            &["chunk(int chunks, int dim=0)"],
            K::keep(|| Kernel::Method(j::chunk)),
            DtypeRule::Same,
            Lineage::Moved,
            Section::Joining,
            "a tuple of about equal pieces along a dim (views)",
        ),
        Op::Split => plain(
            "split",
            METHOD_AND_TORCH,
            // A Python function in PyTorch: `j::split` binds its arguments.
            &[],
            K::keep(|| Kernel::Python(j::split)),
            DtypeRule::Same,
            Lineage::Moved,
            Section::Joining,
            "a tuple of pieces of a size, or of the sizes listed (views)",
        ),

        // Creating: random numbers and new tensors shaped like others.
        Op::ManualSeed => plain(
            "manual_seed",
            TORCH,
            // A Python function in PyTorch: `cr::manual_seed` binds its argument.
            &[],
            K::keep(|| Kernel::Create(cr::manual_seed)),
            DtypeRule::NotATensor,
            Lineage::None,
            Section::Creating,
            "seeds the random numbers: one seed, the same numbers as PyTorch's",
        ),
        Op::InitialSeed => plain(
            "initial_seed",
            TORCH,
            &["initial_seed()"],
            K::keep(|| Kernel::Create(cr::initial_seed)),
            DtypeRule::NotATensor,
            Lineage::None,
            Section::Creating,
            "the seed the random numbers come from",
        ),
        Op::Rand => made::<K>(
            "rand",
            &[
                "rand(int[] size, *, Generator? generator, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
                "rand(int[] size, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
            ],
            cr::rand,
            "random numbers between 0 and 1",
        ),
        Op::Randn => made::<K>(
            "randn",
            &[
                "randn(int[] size, *, Generator? generator, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
                "randn(int[] size, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
            ],
            cr::randn,
            "random numbers from the standard normal distribution",
        ),
        Op::Randint => made::<K>(
            "randint",
            &[
                "randint(int high, int[] size, *, Generator? generator, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
                "randint(int high, int[] size, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
                "randint(int low, int high, int[] size, *, Generator? generator, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
                "randint(int low, int high, int[] size, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
            ],
            cr::randint,
            "random whole numbers from `low` up to (not including) `high`",
        ),
        Op::Randperm => made::<K>(
            "randperm",
            &[
                "randperm(int n, *, Generator? generator, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
                "randperm(int n, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
            ],
            cr::randperm,
            "the numbers 0 to n - 1 in a random order",
        ),
        Op::RandLike => made::<K>(
            "rand_like",
            &[
                "rand_like(Tensor input, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False, MemoryFormat? memory_format=None)",
            ],
            cr::rand_like,
            "`rand` of another tensor's shape",
        ),
        Op::RandnLike => made::<K>(
            "randn_like",
            &[
                "randn_like(Tensor input, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False, MemoryFormat? memory_format=None)",
            ],
            cr::randn_like,
            "`randn` of another tensor's shape",
        ),
        Op::ZerosLike => made::<K>(
            "zeros_like",
            &[
                "zeros_like(Tensor input, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False, MemoryFormat? memory_format=None)",
            ],
            cr::zeros_like,
            "zeros of another tensor's shape and dtype",
        ),
        Op::OnesLike => made::<K>(
            "ones_like",
            &[
                "ones_like(Tensor input, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False, MemoryFormat? memory_format=None)",
            ],
            cr::ones_like,
            "ones of another tensor's shape and dtype",
        ),
        Op::FullLike => made::<K>(
            "full_like",
            &[
                "full_like(Tensor input, Scalar fill_value, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False, MemoryFormat? memory_format=None)",
            ],
            cr::full_like,
            "one value in another tensor's shape and dtype",
        ),
        Op::Linspace => made::<K>(
            "linspace",
            &[
                "linspace(Scalar start, Scalar end, int steps, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
                "linspace(Tensor start, Tensor end, int steps, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
                "linspace(Tensor start, Scalar end, int steps, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
                "linspace(Scalar start, Tensor end, int steps, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
            ],
            cr::linspace,
            "`steps` evenly spaced values from start to end, both included",
        ),
        Op::Eye => made::<K>(
            "eye",
            &[
                "eye(int n, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
                "eye(int n, int m, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False)|out",
            ],
            cr::eye,
            "ones on the diagonal, zeros elsewhere",
        ),

        // Gradients.
        Op::Backward => plain(
            "backward",
            METHOD,
            &[
                "backward(Tensor? gradient=None, bool? retain_graph=None, bool create_graph=False, Tensor[]? inputs=None)",
            ],
            K::keep(|| Kernel::Python(g::backward)),
            DtypeRule::NotATensor,
            Lineage::None,
            Section::Gradients,
            "the gradient of a one-element result (or `gradient=`) with respect to each leaf that requires grad, added to its `.grad` (`retain_graph=True` to run it again)",
        ),
        Op::RequiresGrad => plain(
            "requires_grad_",
            METHOD,
            &["requires_grad_(bool requires_grad=True)"],
            K::keep(|| Kernel::Method(g::requires_grad_)),
            DtypeRule::Same,
            Lineage::None,
            Section::Gradients,
            "makes a leaf require grad (or not), in place; also `requires_grad=True` when creating it, and `.requires_grad`, `.is_leaf`, `.grad`",
        ),
        Op::Detach => plain(
            "detach",
            METHOD_AND_TORCH,
            &["detach()"],
            K::keep(|| Kernel::Method(g::detach)),
            DtypeRule::Same,
            Lineage::SameIndex,
            Section::Gradients,
            "the same elements, cut off from the gradients",
        ),
        Op::Zero => plain(
            "zero_",
            METHOD,
            &["zero_()"],
            K::keep(|| Kernel::Method(g::zero_)),
            DtypeRule::Same,
            Lineage::None,
            Section::Gradients,
            "sets a gradient to zeros in place (`t.grad.zero_()`; the playground changes no other tensor in place)",
        ),
    }
}

/// An operation that picks elements, described in `words`.
fn picking(decl: Decl, describe: &'static str) -> Decl {
    let caption = Caption::Call(decl.name);
    Decl { words: Some(Words { describe, caption }), ..decl }
}

/// An operation that ranks the elements of each lane along a dim,
/// described in `words`, offered by the op control.
fn ranking(decl: Decl, describe: &'static str) -> Decl {
    Decl { control: Some(Group::Sorting), ..picking(decl, describe) }
}

/// An operation that moves each element elsewhere.
fn moving(decl: Decl) -> Decl {
    picking(decl, "{of}, moved here")
}

/// A `torch.` function that makes a new tensor from sizes or another
/// tensor's shape: a leaf.
fn made<K: Keep>(
    name: &'static str,
    signatures: &'static [&'static str],
    kernel: super::CreateFn,
    summary: &'static str,
) -> Decl {
    plain(
        name,
        TORCH,
        signatures,
        K::keep(|| Kernel::Create(kernel)),
        DtypeRule::FromData,
        Lineage::Leaf,
        Section::Creating,
        summary,
    )
}

/// A product of two tensors: a sum of products for each element (`Step::Contract`).
fn product<K: Keep>(
    name: &'static str,
    signatures: &'static [&'static str],
    kernel: super::MethodFn,
    summary: &'static str,
) -> Decl {
    plain(
        name,
        METHOD_AND_TORCH,
        signatures,
        K::keep(|| Kernel::Method(kernel)),
        DtypeRule::Same,
        Lineage::Contracted,
        Section::Products,
        summary,
    )
}

/// An element-wise function of one tensor: a C method without parameters
/// and a `torch.` function, and maybe a `torch.nn.functional` one.
fn unary(
    kernel: Unary,
    signatures: &'static [&'static str],
    functional: Option<&'static str>,
    dtype: DtypeRule,
    summary: &'static str,
) -> Decl {
    Decl {
        name: kernel.name(),
        spellings: Spellings { method: Method::NoArgs, torch: true, aliases: &[], functional },
        signatures,
        kernel: Kernel::Unary(kernel),
        dtype,
        lineage: Lineage::SameIndex,
        words: None,
        control: None,
        section: Section::Elementwise,
        summary,
    }
}

/// A dtype conversion method.
fn convert(
    name: &'static str,
    signatures: &'static [&'static str],
    kernel: Kernel,
    summary: &'static str,
) -> Decl {
    plain(name, METHOD, signatures, kernel, DtypeRule::Named, Lineage::SameIndex, Section::Dtypes, summary)
}

/// A method that moves elements without changing them.
fn shape(
    name: &'static str,
    spellings: Spellings,
    signatures: &'static [&'static str],
    kernel: Kernel,
    summary: &'static str,
) -> Decl {
    plain(name, spellings, signatures, kernel, DtypeRule::Same, Lineage::Moved, Section::Shape, summary)
}

/// A method that answers a question about a tensor with a Python value.
fn question(
    name: &'static str,
    spellings: Spellings,
    signatures: &'static [&'static str],
    kernel: Kernel,
    summary: &'static str,
) -> Decl {
    plain(name, spellings, signatures, kernel, DtypeRule::NotATensor, Lineage::None, Section::Shape, summary)
}

/// The operation whose kernel is `a`.
pub(super) fn of_along(a: Along) -> Op {
    match a {
        Along::Cumsum => Op::Cumsum,
        Along::Cumprod => Op::Cumprod,
        Along::Softmax => Op::Softmax,
        Along::LogSoftmax => Op::LogSoftmax,
    }
}

/// The operation whose kernel is the reduction `r`.
pub(super) fn of_reduction(r: Reduction) -> Op {
    match r {
        Reduction::Sum => Op::Sum,
        Reduction::Prod => Op::Prod,
        Reduction::Mean => Op::Mean,
        Reduction::Var { .. } => Op::Var,
        Reduction::Std { .. } => Op::Std,
        Reduction::Max => Op::Max,
        Reduction::Min => Op::Min,
        Reduction::Amax => Op::Amax,
        Reduction::Amin => Op::Amin,
        Reduction::Argmax => Op::Argmax,
        Reduction::Argmin => Op::Argmin,
        Reduction::All => Op::All,
        Reduction::Any => Op::Any,
        Reduction::CountNonzero => Op::CountNonzero,
        Reduction::Norm { .. } => Op::Norm,
        Reduction::Logsumexp => Op::Logsumexp,
        Reduction::Median { .. } => Op::Median,
        Reduction::Kthvalue { .. } => Op::Kthvalue,
    }
}
