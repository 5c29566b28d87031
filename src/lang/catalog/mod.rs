//! The catalogue of operations: every tensor method and `torch.` function
//! the playground runs is declared once, in `table.rs`, and everything else
//! is derived from that declaration: dispatch (`tensor_methods`,
//! `torch_api`), the names `access` resolves, the op control's choices, the
//! words the page speaks and animates, the reference of what is supported,
//! and the README's table. `docs/adding-an-op.md` walks through adding one.

mod reference;
mod table;

pub use reference::{Entry, Section, reference, reference_markdown, reference_text};

use super::error::{LangError, Span};
use super::interp::Interpreter;
use super::signature::{Bound, CallStyle, Signature, overloads_for};
use super::value::{Traced, Value};
use crate::tensor::along::Along;
use crate::tensor::lineage::{Ranking, Taking};
use crate::tensor::reduce::Reduction;
use crate::tensor::unary::Unary;
use std::sync::OnceLock;

/// Declares the `Op` enum and `Op::ALL` from one list, so the two cannot drift.
macro_rules! ops {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// One operation of the playground, by its PyTorch name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Op {
            $($(#[$doc])* $name,)*
        }

        impl Op {
            /// Every operation, in declaration order (the order of the reference).
            pub const ALL: &'static [Op] = &[$(Op::$name,)*];
        }
    };
}

ops! {
    /// `torch.tensor`
    Tensor,
    /// `torch.arange`
    Arange,
    /// `torch.zeros`
    Zeros,
    /// `torch.ones`
    Ones,
    /// `torch.full`
    Full,
    /// `float()`
    Float,
    /// `double()`
    Double,
    /// `long()`
    Long,
    /// `int()`
    Int,
    /// `bool()`
    Bool,
    /// `to()`
    To,
    /// `sum`
    Sum,
    /// `prod`
    Prod,
    /// `mean`
    Mean,
    /// `std`
    Std,
    /// `var`
    Var,
    /// `max`
    Max,
    /// `min`
    Min,
    /// `argmax`
    Argmax,
    /// `argmin`
    Argmin,
    /// `amax`
    Amax,
    /// `amin`
    Amin,
    /// `all`
    All,
    /// `any`
    Any,
    /// `count_nonzero`
    CountNonzero,
    /// `norm`
    Norm,
    /// `logsumexp`
    Logsumexp,
    /// `cumsum`
    Cumsum,
    /// `cumprod`
    Cumprod,
    /// `softmax`
    Softmax,
    /// `log_softmax`
    LogSoftmax,
    /// `abs`
    Abs,
    /// `exp`
    Exp,
    /// `log`
    Log,
    /// `sqrt`
    Sqrt,
    /// `square`
    Square,
    /// `sigmoid`
    Sigmoid,
    /// `tanh`
    Tanh,
    /// `relu`
    Relu,
    /// `clamp`
    Clamp,
    /// `maximum`
    Maximum,
    /// `minimum`
    Minimum,
    /// `isnan`
    Isnan,
    /// `where`
    Where,
    /// `gather`
    Gather,
    /// `index_select`
    IndexSelect,
    /// `masked_fill`
    MaskedFill,
    /// `nonzero`
    Nonzero,
    /// `sort`
    Sort,
    /// `argsort`
    Argsort,
    /// `topk`
    Topk,
    /// `kthvalue`
    Kthvalue,
    /// `median`
    Median,
    /// `cummax`
    Cummax,
    /// `cummin`
    Cummin,
    /// `reshape`
    Reshape,
    /// `view`
    View,
    /// `flatten`
    Flatten,
    /// `transpose`
    Transpose,
    /// `permute`
    Permute,
    /// `t`
    T,
    /// `unsqueeze`
    Unsqueeze,
    /// `squeeze`
    Squeeze,
    /// `flip`
    Flip,
    /// `roll`
    Roll,
    /// `contiguous`
    Contiguous,
    /// `is_contiguous`
    IsContiguous,
    /// `clone`
    Clone,
    /// `size`
    Size,
    /// `dim`
    Dim,
    /// `numel`
    Numel,
    /// `item`
    Item,
    /// `tolist`
    Tolist,
    /// `numpy`
    Numpy,

    // Products.
    /// `matmul` (and `@`)
    Matmul,
    /// `mm`
    Mm,
    /// `mv`
    Mv,
    /// `dot`
    Dot,
    /// `outer`
    Outer,
    /// `bmm`
    Bmm,
    /// `einsum`
    Einsum,

    // Joining and splitting.
    /// `cat` (also `concat`, `concatenate`)
    Cat,
    /// `stack`
    Stack,
    /// `chunk`
    Chunk,
    /// `split`
    Split,

    // Creating: random numbers and new tensors shaped like others.
    /// `manual_seed`
    ManualSeed,
    /// `initial_seed`
    InitialSeed,
    /// `rand`
    Rand,
    /// `randn`
    Randn,
    /// `randint`
    Randint,
    /// `randperm`
    Randperm,
    /// `rand_like`
    RandLike,
    /// `randn_like`
    RandnLike,
    /// `zeros_like`
    ZerosLike,
    /// `ones_like`
    OnesLike,
    /// `full_like`
    FullLike,
    /// `linspace`
    Linspace,
    /// `eye`
    Eye,

    // Gradients.
    /// `backward`
    Backward,
    /// `requires_grad_`
    RequiresGrad,
    /// `detach`
    Detach,
    /// `zero_`
    Zero,
}

/// Everything the playground knows about one operation.
#[derive(Debug, Clone)]
pub struct Decl {
    /// PyTorch's name (`sum`), which every spelling uses.
    pub name: &'static str,
    /// How a program may write it.
    pub spellings: Spellings,
    /// PyTorch's overloads in `native_functions.yaml` syntax, method form,
    /// in the order PyTorch tries them; `|out` marks overloads whose
    /// `torch.` form also takes `out=`, `|hidden` those with named dims,
    /// which the playground never binds. Parsed once (`overloads`).
    pub signatures: &'static [&'static str],
    /// What runs it.
    pub(crate) kernel: Kernel,
    /// The dtype of its result.
    pub dtype: DtypeRule,
    /// How each output element traces back to its inputs.
    pub lineage: Lineage,
    /// The words the page uses for one output element (reductions).
    pub words: Option<Words>,
    /// The op control's group that offers it, if it does.
    pub control: Option<Group>,
    /// The part of the reference that lists it.
    pub section: Section,
    /// What it does, in a few words, for the reference.
    pub summary: &'static str,
}

/// The ways a program may write an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spellings {
    /// As a tensor method, `t.sum(...)`, and if so how it takes arguments.
    pub method: Method,
    /// As a function of `torch`, `torch.sum(t, ...)`.
    pub torch: bool,
    /// Other names PyTorch gives it, as a method and a `torch.` function
    /// alike (NumPy's `clip` for `clamp`).
    pub aliases: &'static [&'static str],
    /// As a function of `torch.nn.functional` (`F.softmax(t, dim=1)`): its
    /// Python signature there, whose arguments follow Python's rules.
    pub functional: Option<&'static str>,
}

/// Whether and how an operation is a tensor method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Not a method (`torch.tensor`).
    No,
    /// A method whose arguments PyTorch's parser binds.
    Yes,
    /// A method PyTorch writes in C without parameters, which refuses any
    /// argument in CPython's words (`TensorBase.abs() takes no arguments`).
    NoArgs,
}

/// What a bound call hands to a method's kernel.
pub(crate) struct Call<'a> {
    /// Which overload bound (its position in the signatures).
    pub which: usize,
    /// The arguments bound to it.
    pub bound: &'a Bound,
    /// The code of the call (the new tensor's label).
    pub span: Span,
}

/// A kernel written in `lang`: runs a bound call on a tensor.
pub(crate) type MethodFn = fn(&mut Interpreter<'_>, Traced, &Call<'_>) -> Result<Value, LangError>;

/// A kernel PyTorch writes as a Python function, whose arguments follow
/// Python's rules rather than the parser's (the tensor is already taken
/// out of the `torch.` form's arguments).
pub(crate) type PythonFn = fn(
    &mut Interpreter<'_>,
    Traced,
    &[Value],
    &[(String, Value)],
    CallStyle,
    Span,
) -> Result<Value, LangError>;

/// A kernel that builds a tensor from its arguments alone (`torch.zeros`).
pub(crate) type CreateFn =
    fn(&mut Interpreter<'_>, &[Value], &[(String, Value)], Span) -> Result<Value, LangError>;

/// What a reduction's bound call asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pick {
    /// The reduced values.
    Reduce(Reduction),
    /// The reduced values with the positions they were picked from (`max(dim)`).
    WithIndices(Reduction),
    /// An overload the playground does not run yet, named as the error says it.
    NotYet(&'static str),
}

/// What runs an operation.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kernel {
    /// A reduction over dims (`tensor::reduce`), its parameters taken from
    /// the overload that bound and its arguments.
    Reduce(fn(usize, &Bound) -> Pick),
    /// An operation along one dim that keeps the shape (`tensor::along`).
    Along(Along),
    /// An element-wise function of one tensor (`tensor::unary`).
    Unary(Unary),
    /// A kernel in `lang` (shapes, conversions, questions about a tensor).
    Method(MethodFn),
    /// A kernel with Python's argument rules (`norm`).
    Python(PythonFn),
    /// Builds a tensor from data or sizes.
    Create(CreateFn),
    /// A `torch.` function whose arguments are its own rather than a
    /// method's with the tensor first (`torch.where(condition, input,
    /// other)`): `function` binds them itself; the method form
    /// (`t.where(condition, other)`, bound by the signatures) runs `method`.
    Function { function: CreateFn, method: MethodFn },
    /// In the declarations the page reads (`Op::decl`): a kernel that is a
    /// function of the interpreter (`Method`, `Python`, `Create`, `Function`), which the
    /// interpreter reads whole (`Op::kernel`).
    InInterpreter,
}

/// Which of an operation's kernels a table of declarations keeps. The page
/// reads the declarations (names, words, signatures, groups) but never runs
/// an operation; the interpreter, in the site's build a wasm file of its
/// own (`web::worker`), does. Kernels that are functions of the interpreter
/// are kept only in the interpreter's table, so that nothing the page
/// reads reaches them, and they stay out of the page's wasm.
pub(crate) trait Keep {
    /// The kernel `make` builds, or its stand-in.
    fn keep(make: impl FnOnce() -> Kernel) -> Kernel;
}

/// The page's table: functions of the interpreter stand in as `InInterpreter`.
pub(crate) struct Metadata;

impl Keep for Metadata {
    fn keep(_: impl FnOnce() -> Kernel) -> Kernel {
        Kernel::InInterpreter
    }
}

/// The interpreter's table: every kernel.
pub(crate) struct Whole;

impl Keep for Whole {
    fn keep(make: impl FnOnce() -> Kernel) -> Kernel {
        make()
    }
}

/// The dtype of an operation's result, for an input of some dtype.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DtypeRule {
    /// The input's dtype.
    Same,
    /// The input's dtype, bools becoming int64.
    SameBoolsAsInt64,
    /// Integers and bools accumulate as int64; floats stay.
    Accumulate,
    /// Floating inputs only; integers are refused.
    FloatingOnly,
    /// Computed in floating point: floating inputs keep their dtype,
    /// integers and bools become the default float32.
    Floating,
    /// Always int64 (positions and counts).
    Int64,
    /// Always bool.
    Bool,
    /// The dtype the inputs promote to, as for arithmetic (`torch.where`, `outer`).
    Promoted,
    /// The dtype the call names (`float()`, `to(dtype)`).
    Named,
    /// From the data, or `dtype=` (creation).
    FromData,
    /// Not a tensor (a number, a list, a `torch.Size`).
    NotATensor,
}

/// How each output element of an operation traces back to its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lineage {
    /// A leaf: built from data.
    Leaf,
    /// The lane of input elements it collapsed (reductions), or its lane
    /// along a dim (`softmax`).
    Lane,
    /// Its lane along a dim, up to its own place (`cumsum`).
    Prefix,
    /// The input element at the same place.
    SameIndex,
    /// One input element, moved (reshapes, views, dims rearranged, `flip`).
    Moved,
    /// The element picked (the winner), with what it was chosen among, and
    /// the elements of the index, mask or condition that decided the pick
    /// (indexing with tensors, `gather`, `torch.where`).
    Picked,
    /// Its lane along a dim, or the lane's prefix up to its own place,
    /// which was compared to rank it; the element picked is the winner
    /// (`sort`, `topk`, `cummax`).
    Ranked,
    /// A sum of products of its inputs' elements: a row of one and a
    /// column of the other (`a @ b`).
    Contracted,
    /// One element of one of its inputs, copied (`torch.cat`).
    Copied,
    /// Nothing to trace: the result is not a tensor.
    None,
}

/// The words the page uses for one output element of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// How the screen reader describes it, `{of}` standing for the
    /// elements it came from: "the sum of {of}". Selections name the
    /// element they picked as `{won}`, the index, mask or condition
    /// elements that decided it as `{by}`, and its rank in its lane as
    /// `{rank}` ("2nd smallest").
    pub describe: &'static str,
    /// How the walk-through writes its computation.
    pub caption: Caption,
}

/// How the walk-through writes one output element's computation from its terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caption {
    /// The terms joined by an operator: `1 + 2 + 3 = 6`.
    Infix(&'static str),
    /// The mean: `(1 + 2 + 3) / 3 = 2`.
    Mean,
    /// A function of the terms: `max(2, 0, 4) = 4` (plus the winner, if any).
    Call(&'static str),
    /// The element's share of its lane: `exp(3) / (exp(1) + exp(3)) = 0.8808`.
    Share,
    /// The logarithm of that share: `3 - log(exp(1) + exp(3)) = -0.1269`.
    LogShare,
}

/// The groups of the op control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Ops that collapse dims.
    Reductions,
    /// Ops along a dim that keep the shape.
    AlongDim,
    /// Ops that order or pick the elements of each lane along a dim.
    Sorting,
}

impl Group {
    /// Every group, in the control's order.
    pub const ALL: [Group; 3] = [Group::Reductions, Group::AlongDim, Group::Sorting];

    /// The group's label in the control.
    pub fn label(self) -> &'static str {
        match self {
            Group::Reductions => "reductions",
            Group::AlongDim => "along a dim",
            Group::Sorting => "sorting",
        }
    }
}

impl Op {
    /// The operation's declaration.
    pub fn decl(self) -> &'static Decl {
        &declarations()[self as usize]
    }

    /// What runs it (the interpreter's reading of the declaration).
    pub(crate) fn kernel(self) -> Kernel {
        kernels()[self as usize]
    }

    /// PyTorch's name for it.
    pub fn name(self) -> &'static str {
        self.decl().name
    }

    /// The operation a tensor method name stands for (`t.name`).
    pub fn method(name: &str) -> Option<Op> {
        Op::ALL.iter().copied().find(|op| op.decl().spellings.method != Method::No && op.is_called(name))
    }

    /// The operation `torch.name` stands for.
    pub fn torch(name: &str) -> Option<Op> {
        Op::ALL.iter().copied().find(|op| op.decl().spellings.torch && op.is_called(name))
    }

    /// Whether `name` is its name or one of its aliases.
    fn is_called(self, name: &str) -> bool {
        self.name() == name || self.decl().spellings.aliases.contains(&name)
    }

    /// The operation `torch.nn.functional.name` stands for.
    pub fn functional(name: &str) -> Option<Op> {
        Op::ALL.iter().copied().find(|op| op.decl().spellings.functional.is_some() && op.name() == name)
    }

    /// The operation whose kernel is this operation along a dim.
    pub fn of_along(a: Along) -> Op {
        table::of_along(a)
    }

    /// The operation that ranks lanes this way (`argsort` ranks as `sort`).
    pub fn of_ranking(r: Ranking) -> Op {
        match r {
            Ranking::Sort { .. } => Op::Sort,
            Ranking::Topk { .. } => Op::Topk,
            Ranking::Cummax => Op::Cummax,
            Ranking::Cummin => Op::Cummin,
        }
    }

    /// The operation that takes elements this way, if it is one
    /// (indexing with tensors is Python's syntax, not a named operation).
    pub fn of_taking(t: Taking) -> Option<Op> {
        Some(match t {
            Taking::Index => return None,
            Taking::Gather => Op::Gather,
            Taking::IndexSelect => Op::IndexSelect,
            Taking::Nonzero => Op::Nonzero,
            Taking::Flip => Op::Flip,
            Taking::Roll => Op::Roll,
        })
    }

    /// The operation whose kernel is this reduction (`max(dim)`'s
    /// indices are its argmax's).
    pub fn of_reduction(r: Reduction) -> Op {
        table::of_reduction(r)
    }

    /// The overloads for a call written in `style`, parsed once.
    pub(crate) fn overloads(self, style: CallStyle) -> &'static [Signature] {
        static PARSED: OnceLock<Vec<[Vec<Signature>; 2]>> = OnceLock::new();
        let parsed = PARSED.get_or_init(|| {
            Op::ALL
                .iter()
                .map(|op| {
                    let texts = op.decl().signatures;
                    // Only a method's `torch.` form takes the tensor first.
                    let function = match op.decl().spellings.method {
                        Method::No => CallStyle::Method,
                        _ => CallStyle::Function,
                    };
                    [overloads_for(texts, CallStyle::Method), overloads_for(texts, function)]
                })
                .collect()
        });
        &parsed[self as usize][usize::from(style == CallStyle::Function)]
    }
}

/// The NumPy-style keyword names PyTorch also accepts (`axis=` for `dim=`).
pub use super::signature::numpy_aliases;

/// Why `t.op(dim=..., keepdim=True)` is refused by PyTorch along `dim`
/// (`None`: the whole tensor), if it is: derived from the op's overloads.
pub fn keepdim_refusal(op: Op, dim: Option<i64>) -> Option<String> {
    let sigs = op.overloads(CallStyle::Method);
    if !sigs.iter().any(|s| s.has_param("keepdim")) {
        return Some(format!("{}() has no keepdim", op.name()));
    }
    let dim = dim.map_or(Value::None, Value::Int);
    let kwargs = [("dim".to_string(), dim), ("keepdim".to_string(), Value::Bool(true))];
    match super::signature::bind(sigs, &[], &kwargs) {
        Ok(_) => None,
        Err(_) => Some(format!("{}() keeps dims only along a dim: pick one", op.name())),
    }
}

/// Whether PyTorch's `t.op(...)` always works along a dim: no overload
/// binds without one, or the one that does goes along a default dim
/// (`sort`'s `dim=-1`), never over the whole tensor.
pub fn needs_dim(op: Op) -> bool {
    let sigs = op.overloads(CallStyle::Method);
    match super::signature::bind(sigs, &[], &[]) {
        Err(_) => true,
        Ok((which, _)) => sigs[which].default_of("dim").is_some_and(|d| d != "None" && d != "[]"),
    }
}

/// The declarations, by `Op`, built once.
fn declarations() -> &'static [Decl] {
    static DECLS: OnceLock<Vec<Decl>> = OnceLock::new();
    DECLS.get_or_init(|| Op::ALL.iter().map(|&op| table::declare::<Metadata>(op)).collect())
}

/// The kernels, by `Op`, built once: the interpreter's (see `Keep`).
fn kernels() -> &'static [Kernel] {
    static KERNELS: OnceLock<Vec<Kernel>> = OnceLock::new();
    KERNELS.get_or_init(|| Op::ALL.iter().map(|&op| table::declare::<Whole>(op).kernel).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::DType;

    #[test]
    fn every_op_is_declared_at_its_own_place() {
        for (i, &op) in Op::ALL.iter().enumerate() {
            assert_eq!(op as usize, i, "{op:?}");
            assert_eq!(op.decl().name, op.name());
        }
    }

    #[test]
    fn every_signature_parses_and_names_its_op() {
        for &op in Op::ALL {
            let d = op.decl();
            for style in [CallStyle::Method, CallStyle::Function] {
                let sigs = op.overloads(style);
                assert_eq!(sigs.len(), d.signatures.len(), "{op:?}");
                assert!(sigs.iter().all(|s| s.name() == d.name), "{op:?}: {:?}", d.signatures);
            }
            let written_somehow =
                d.spellings.method != Method::No || d.spellings.torch || d.spellings.functional.is_some();
            assert!(written_somehow, "{op:?} cannot be written");
        }
    }

    #[test]
    fn names_are_unique_per_spelling() {
        for &op in Op::ALL {
            let d = op.decl();
            if d.spellings.method != Method::No {
                assert_eq!(Op::method(d.name), Some(op));
            }
            if d.spellings.torch {
                assert_eq!(Op::torch(d.name), Some(op));
            }
            if let Some(python) = d.spellings.functional {
                assert_eq!(Op::functional(d.name), Some(op));
                assert!(python.starts_with(&format!("{}(input", d.name)), "{python}");
            }
        }
    }

    #[test]
    fn the_page_reads_every_kernel_but_the_interpreter_functions() {
        for &op in Op::ALL {
            let same = match (op.decl().kernel, op.kernel()) {
                (
                    Kernel::InInterpreter,
                    Kernel::Method(_) | Kernel::Python(_) | Kernel::Create(_) | Kernel::Function { .. },
                ) => true,
                (Kernel::Reduce(_), Kernel::Reduce(_)) => true,
                (Kernel::Along(a), Kernel::Along(b)) => a == b,
                (Kernel::Unary(a), Kernel::Unary(b)) => a == b,
                _ => false,
            };
            assert!(same, "{op:?}: {:?} against {:?}", op.decl().kernel, op.kernel());
        }
    }

    #[test]
    fn ops_along_a_dim_declare_the_dtype_and_lineage_their_kernel_gives() {
        use crate::tensor::along::Reach;
        for &op in Op::ALL {
            let d = op.decl();
            let Kernel::Along(a) = d.kernel else { continue };
            assert_eq!(Op::of_along(a), op);
            assert_eq!(a.name(), d.name);
            let lineage = if a.reach() == Reach::Prefix { Lineage::Prefix } else { Lineage::Lane };
            assert_eq!(d.lineage, lineage, "{op:?}");
            for dtype in [DType::Float64, DType::Int64, DType::Bool] {
                let out = a.output_dtype(dtype).ok().filter(|d| d.is_floating() || !dtype.is_floating());
                let declared = match d.dtype {
                    DtypeRule::Accumulate => Some(dtype.accumulate()),
                    // The kernel refuses other dtypes, naming itself (`along`).
                    DtypeRule::FloatingOnly => Some(dtype),
                    other => panic!("{op:?}: not {other:?}"),
                };
                assert_eq!(out, declared, "{op:?} of {dtype:?}");
            }
        }
    }

    #[test]
    fn element_wise_functions_declare_the_dtype_their_kernel_gives() {
        for &op in Op::ALL {
            let d = op.decl();
            let Kernel::Unary(u) = d.kernel else { continue };
            assert_eq!(d.lineage, Lineage::SameIndex, "{op:?}");
            assert_eq!(u.name(), d.name);
            for dtype in [DType::Float64, DType::Int32, DType::Bool] {
                let declared = match d.dtype {
                    DtypeRule::Floating => dtype.to_floating(),
                    DtypeRule::SameBoolsAsInt64 if dtype == DType::Bool => DType::Int64,
                    DtypeRule::Same | DtypeRule::SameBoolsAsInt64 => dtype,
                    DtypeRule::Bool => DType::Bool,
                    other => panic!("{op:?}: not {other:?}"),
                };
                // relu refuses bools, which its rule leaves to the kernel.
                if let Ok(out) = u.output_dtype(dtype) {
                    assert_eq!(out, declared, "{op:?} of {dtype:?}");
                }
            }
        }
    }

    #[test]
    fn reductions_declare_the_dtype_their_kernel_gives() {
        for &op in Op::ALL {
            let d = op.decl();
            let Kernel::Reduce(pick) = d.kernel else { continue };
            assert_eq!(d.lineage, Lineage::Lane, "{op:?}");
            let (Pick::Reduce(r) | Pick::WithIndices(r)) = pick(0, &Bound::empty()) else {
                panic!("{op:?}'s first overload reduces")
            };
            assert_eq!(Op::of_reduction(r), op);
            // The kernel names itself in its errors as the op is called.
            assert_eq!(r.name(), d.name);
            for dtype in [DType::Float32, DType::Int64, DType::Bool] {
                let out = r.output_dtype(dtype).ok();
                let declared = match d.dtype {
                    DtypeRule::Same => Some(dtype),
                    DtypeRule::Accumulate => Some(dtype.accumulate()),
                    DtypeRule::FloatingOnly => dtype.is_floating().then_some(dtype),
                    DtypeRule::Floating if dtype.is_floating() => Some(dtype),
                    DtypeRule::Floating => Some(DType::Float32),
                    DtypeRule::Int64 => Some(DType::Int64),
                    DtypeRule::Bool => Some(DType::Bool),
                    other => panic!("{op:?}: a reduction's dtype is not {other:?}"),
                };
                // Bool input: argmax refuses it, which the rule leaves to the kernel.
                if out.is_some() || dtype != DType::Bool {
                    assert_eq!(out, declared, "{op:?} of {dtype:?}");
                }
            }
        }
    }
}
