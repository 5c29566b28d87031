#!/usr/bin/env python3
"""Generate the golden corpus for the tensor-playground interpreter.

Every case is a short program in the playground's PyTorch subset. This script
runs each one with REAL PyTorch and NumPy, the way the Python REPL would, and
writes what it printed to `tests/golden/cases.json` (the whole corpus) and
`tests/golden/lesson.json` (exactly the programs of the first lesson).

Run it from anywhere with a Python that has torch and numpy:

    /work/cache/torch-venv/bin/python tests/golden/generate.py

REPL semantics used for each program:
  - a fresh namespace in which `torch` and `np` (NumPy) are already imported;
  - top-level statements run in order; for an expression statement whose
    value is not None, its repr() is printed (as sys.displayhook does);
  - `print(...)` writes to the same captured stdout;
  - on the first exception the program stops and the case records
    `ExceptionType: first line of the message`; warnings go to stderr and
    are not recorded.

Only the generator (this file) uses loops; the programs themselves stay in
the subset the interpreter supports (no def/for/if/lambda, no in-place ops).
"""

import ast
import contextlib
import io
import json
import os
import platform
import re
import sys
import textwrap

import numpy as np

# The playground adds in the order of PyTorch's AVX2 kernels (docs/decisions.md):
# the goldens come from them whatever this machine's CPU offers.
os.environ.setdefault("ATEN_CPU_CAPABILITY", "avx2")

import torch  # noqa: E402 - after choosing the kernels

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import autograd  # noqa: E402 - the autograd cases, beside this file

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = "tests/golden/generate.py"

# Top-level groups, in output order. tests/golden.rs has one test per group.
GROUPS = [
    "create",
    "access",
    "index",
    "elementwise",
    "reduce",
    "print",
    "python",
    "errors",
    "lesson",
    "shipped",
    "products",
    "joining",
    "autograd",
]

CASES = []  # list of (name, program)
_NAMES = set()


def add(name, program):
    """Registers one case; names are unique and start with a known group."""
    program = textwrap.dedent(program).strip("\n")
    group = name.split("/", 1)[0]
    assert group in GROUPS, f"unknown group in {name!r}"
    assert name not in _NAMES, f"duplicate case name {name!r}"
    assert program, f"empty program in {name!r}"
    _NAMES.add(name)
    CASES.append((name, program))


# ---------------------------------------------------------------------------
# Running a program like the REPL
# ---------------------------------------------------------------------------


def order_case(key, data, n, shape, dtype, program):
    """A case `reduce/order/<key>`: `program` on `t`, the `n` values of the
    expression `data` as `dtype` in `shape`, with every bit of the result
    shown by `.tolist()` (for sums and products whose order matters)."""
    t = data.format(n=n) + f".to(torch.{dtype}).reshape({shape})"
    add(f"reduce/order/{key}", f"t = {t}\n{program}.tolist()")


def repl_namespace():
    """A fresh namespace like the REPL's `__main__` after `import torch` and
    `import numpy as np`, in the REPL's order: Python looks for a NameError's
    suggestion among the globals in that order."""
    fresh = {
        "__name__": "__main__",
        "__doc__": None,
        "__package__": None,
        "__loader__": sys.modules["__main__"].__loader__,
        "__spec__": None,
        "__annotations__": {},
        "__builtins__": __builtins__,
    }
    fresh["torch"] = torch
    fresh["np"] = np
    return fresh


def displayed(e):
    """The last line the REPL prints for `e`: Python's own display of the
    exception (`sys.__excepthook__`), which adds "Did you mean: ...?" to a
    NameError or AttributeError by CPython's rule."""
    shown = io.StringIO()
    with contextlib.redirect_stderr(shown):
        sys.__excepthook__(type(e), e, e.__traceback__)
    lines = shown.getvalue().rstrip("\n").splitlines()
    return lines[-1] if lines and lines[-1].startswith(type(e).__name__) else None


# CPython shows an object with its address, which differs from run to run;
# the playground shows its one generator at this one (docs/decisions.md).
GENERATOR_AT = re.compile(r"<torch\._C\.Generator object at 0x[0-9a-f]+>")
GENERATOR_SHOWN = "<torch._C.Generator object at 0x7f0c5e2b1a50>"
# A grad_fn is shown at one address too.
GRAD_FN_AT = re.compile(r"<(\w+) object at 0x[0-9a-f]+>")
GRAD_FN_SHOWN = r"<\1 object at 0x7f0c5e2b1b10>"


def run_program(program):
    """Runs `program` as the REPL would; returns (stdout, error or None)."""
    namespace = repl_namespace()
    out = io.StringIO()
    error = None
    tree = ast.parse(program, mode="exec")
    with contextlib.redirect_stdout(out):
        try:
            for stmt in tree.body:
                if isinstance(stmt, ast.Expr):
                    code = compile(ast.Expression(stmt.value), "<input>", "eval")
                    value = eval(code, namespace)
                    if value is not None:
                        print(repr(value))
                else:
                    module = ast.Module(body=[stmt], type_ignores=[])
                    exec(compile(module, "<input>", "exec"), namespace)
        except Exception as e:  # noqa: BLE001 - every exception is a result
            message = str(e).splitlines()
            first = message[0] if message else ""
            error = f"{type(e).__name__}: {first}" if first else type(e).__name__
            if isinstance(e, (NameError, AttributeError)):
                error = displayed(e) or error
    shown = GENERATOR_AT.sub(GENERATOR_SHOWN, out.getvalue())
    return GRAD_FN_AT.sub(GRAD_FN_SHOWN, shown), error


def check_subset(name, program):
    """Rejects programs that use Python features outside the subset."""
    forbidden = (
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.For,
        ast.While,
        ast.If,
        ast.IfExp,
        ast.With,
        ast.Try,
        ast.Lambda,
        ast.ListComp,
        ast.SetComp,
        ast.DictComp,
        ast.GeneratorExp,
        ast.AugAssign,
        ast.ImportFrom,
        ast.Dict,
        ast.Set,
        ast.JoinedStr,
    )
    importable = {"torch", "numpy", "torch.nn", "torch.nn.functional"}
    for node in ast.walk(ast.parse(program)):
        assert not isinstance(node, forbidden), f"{name}: {type(node).__name__} is outside the subset"
        if isinstance(node, ast.Import):
            assert all(a.name in importable for a in node.names), f"{name}: imports only {importable}"
        if isinstance(node, (ast.Assign,)):
            for target in node.targets:
                assert isinstance(target, (ast.Name, ast.Tuple)), f"{name}: only names are assigned"


# ---------------------------------------------------------------------------
# create/: building tensors
# ---------------------------------------------------------------------------


def cases_create():
    # torch.tensor from Python data
    add("create/tensor/int_scalar", "torch.tensor(5)")
    add("create/tensor/negative_int_scalar", "torch.tensor(-3)")
    add("create/tensor/float_scalar", "torch.tensor(5.)")
    add("create/tensor/float_scalar_decimal", "torch.tensor(2.5)")
    add("create/tensor/bool_scalar", "torch.tensor(True)")
    add("create/tensor/bool_scalar_false", "torch.tensor(False)")
    add("create/tensor/int_1d", "torch.tensor([1, 2, 3])")
    add("create/tensor/float_1d", "torch.tensor([1.5, -2.25, 3.])")
    add("create/tensor/bool_1d", "torch.tensor([True, False, True])")
    add("create/tensor/mixed_int_float", "torch.tensor([1, 2.5, 3])")
    add("create/tensor/mixed_bool_int", "torch.tensor([True, 2, False])")
    add("create/tensor/mixed_bool_float", "torch.tensor([True, 0.5])")
    add("create/tensor/int_2d", "torch.tensor([[1, 2, 3], [4, 5, 6]])")
    add("create/tensor/float_2d", "torch.tensor([[1., 2.], [3., 4.], [5., 6.]])")
    add("create/tensor/bool_2d", "torch.tensor([[True, False], [False, True]])")
    add("create/tensor/int_3d", "torch.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])")
    add("create/tensor/float_3d", "torch.tensor([[[1.5, 2.], [3., 4.]], [[5., 6.], [7., 8.]]])")
    add("create/tensor/int_4d", "torch.tensor([[[[1, 2]], [[3, 4]]], [[[5, 6]], [[7, 8]]]])")
    add("create/tensor/tuple_data", "torch.tensor((1, 2, 3))")
    add("create/tensor/tuple_of_lists", "torch.tensor(([1, 2], [3, 4]))")
    add("create/tensor/one_element", "torch.tensor([7])")
    add("create/tensor/nested_one_element", "torch.tensor([[7.]])")
    add("create/tensor/nan", "torch.tensor(float('nan'))")
    add("create/tensor/inf", "torch.tensor(float('inf'))")
    add("create/tensor/neg_inf", "torch.tensor(float('-inf'))")
    add("create/tensor/nan_inf_list", "torch.tensor([float('nan'), float('inf'), float('-inf'), 1.])")
    add("create/tensor/large_int", "torch.tensor([2 ** 40, -2 ** 40])")
    add("create/tensor/multiline_data", """
        t = torch.tensor([[1, 2, 3],
                          [4, 5, 6]])
        t
    """)
    add("create/tensor/from_variable_list", """
        data = [[1, 2], [3, 4]]
        torch.tensor(data)
    """)
    add("create/tensor/from_scalar_variables", """
        a = 2
        b = 3.5
        torch.tensor([a, b])
    """)
    add("create/tensor/from_nested_variables", """
        row = [1., 2.]
        torch.tensor([row, row])
    """)
    add("create/tensor/empty_list", "torch.tensor([])")
    add("create/tensor/empty_nested", "torch.tensor([[]])")
    add("create/tensor/empty_nested_two", "torch.tensor([[], []])")
    add("create/tensor/empty_int64", "torch.tensor([], dtype=torch.int64)")
    add("create/tensor/empty_bool", "torch.tensor([], dtype=torch.bool)")
    add("create/tensor/empty_float64", "torch.tensor([], dtype=torch.float64)")
    add("create/tensor/empty_int32", "torch.tensor([], dtype=torch.int32)")

    # dtype= for every dtype, from ints, floats and bools
    dtypes = ["float32", "float64", "int64", "int32", "bool"]
    sources = {
        "ints": "[[0, 1, -2], [3, 4, 5]]",
        "floats": "[1.75, -1.75, 0., 2.5]",
        "bools": "[True, False]",
        "scalar": "3",
    }
    for dt in dtypes:
        for src_name, src in sources.items():
            add(f"create/dtype/{dt}/from_{src_name}", f"torch.tensor({src}, dtype=torch.{dt})")
    add("create/dtype/float64_scalar_decimal", "torch.tensor(0.1, dtype=torch.float64)")
    add("create/dtype/float64_precise", "torch.tensor([0.1, 1 / 3], dtype=torch.float64)")
    add("create/dtype/int32_negative", "torch.tensor([-5, 7], dtype=torch.int32)")
    add("create/dtype/dtype_value", "torch.float64")
    add("create/dtype/dtype_values_all", "print(torch.float32, torch.float64, torch.int64, torch.int32, torch.bool)")
    add("create/dtype/dtype_from_variable", """
        dt = torch.int32
        torch.tensor([1, 2], dtype=dt)
    """)

    # torch.arange
    add("create/arange/end", "torch.arange(5)")
    add("create/arange/start_end", "torch.arange(2, 7)")
    add("create/arange/step", "torch.arange(0, 10, 3)")
    add("create/arange/negative_step", "torch.arange(10, 0, -3)")
    add("create/arange/negative_range", "torch.arange(-3, 3)")
    add("create/arange/float_end", "torch.arange(5.)")
    add("create/arange/float_start", "torch.arange(0.5, 3)")
    add("create/arange/float_step_quarter", "torch.arange(0, 2, 0.25)")
    add("create/arange/float_step_tenth", "torch.arange(0, 1, 0.1)")
    add("create/arange/float_step_third", "torch.arange(0, 1, 1 / 3)")
    add("create/arange/float_negative_step", "torch.arange(1., -1., -0.5)")
    add("create/arange/zero", "torch.arange(0)")
    add("create/arange/empty_range", "torch.arange(3, 3)")
    add("create/arange/float_zero", "torch.arange(0.)")
    add("create/arange/one", "torch.arange(1)")
    add("create/arange/keyword_dtype_float64", "torch.arange(4, dtype=torch.float64)")
    add("create/arange/keyword_dtype_int32", "torch.arange(1, 5, dtype=torch.int32)")
    add("create/arange/keyword_dtype_float32", "torch.arange(6, dtype=torch.float32)")
    add("create/arange/twelve", "torch.arange(12)")
    # Errors that print the bounds as C++ does (`%g`: `1e+20`, `0.1`, `nan`).
    add("create/arange/infinite_end", "torch.arange(0, float('inf'))")
    add("create/arange/nan_end_after_huge_start", "torch.arange(1e20, float('nan'))")
    add("create/arange/minus_infinite_start", "torch.arange(float('-inf'), 5.5)")
    add("create/arange/nan_step", "torch.arange(0, 5, float('nan'))")
    add("create/arange/minus_infinite_step", "torch.arange(0, 5, float('-inf'))")
    add("create/arange/non_integer_end", "torch.arange(2.5)")

    # zeros / ones / full
    add("create/zeros/1d", "torch.zeros(3)")
    add("create/zeros/2d", "torch.zeros(2, 3)")
    add("create/zeros/tuple_shape", "torch.zeros((2, 3))")
    add("create/zeros/list_shape", "torch.zeros([2, 3])")
    add("create/zeros/3d", "torch.zeros(2, 1, 3)")
    add("create/zeros/0d", "torch.zeros(())")
    add("create/zeros/empty_1d", "torch.zeros(0)")
    add("create/zeros/empty_2d", "torch.zeros(0, 3)")
    add("create/zeros/empty_2d_other", "torch.zeros(3, 0)")
    add("create/zeros/empty_3d", "torch.zeros(2, 0, 3)")
    add("create/zeros/int64", "torch.zeros(2, 2, dtype=torch.int64)")
    add("create/zeros/int32", "torch.zeros(3, dtype=torch.int32)")
    add("create/zeros/bool", "torch.zeros(2, dtype=torch.bool)")
    add("create/zeros/float64", "torch.zeros(2, dtype=torch.float64)")
    add("create/ones/1d", "torch.ones(4)")
    add("create/ones/2d", "torch.ones(2, 3)")
    add("create/ones/tuple_shape", "torch.ones((3, 1))")
    add("create/ones/4d", "torch.ones(1, 2, 1, 2)")
    add("create/ones/0d", "torch.ones(())")
    add("create/ones/empty", "torch.ones(0)")
    add("create/ones/int64", "torch.ones(2, 3, dtype=torch.int64)")
    add("create/ones/bool", "torch.ones(2, 2, dtype=torch.bool)")
    add("create/ones/float64", "torch.ones(3, dtype=torch.float64)")
    add("create/ones/int32", "torch.ones(2, dtype=torch.int32)")
    add("create/full/int_fill", "torch.full((2, 3), 7)")
    add("create/full/float_fill", "torch.full((2, 2), 1.5)")
    add("create/full/bool_fill", "torch.full((3,), True)")
    add("create/full/list_shape", "torch.full([2], -1.)")
    add("create/full/dtype", "torch.full((2, 2), 7, dtype=torch.float32)")
    add("create/full/dtype_float64", "torch.full((2,), 0.5, dtype=torch.float64)")
    add("create/full/dtype_int32", "torch.full((2,), 3, dtype=torch.int32)")
    add("create/full/scalar_shape", "torch.full((), 4.)")
    add("create/full/nan", "torch.full((2, 2), float('nan'))")
    add("create/full/inf", "torch.full((3,), float('-inf'))")
    add("create/full/empty", "torch.full((0, 2), 1.)")

    # reshape / view / flatten
    add("create/reshape/2x3", "torch.arange(6).reshape(2, 3)")
    add("create/reshape/tuple", "torch.arange(6).reshape((3, 2))")
    add("create/reshape/list", "torch.arange(6).reshape([1, 6])")
    add("create/reshape/infer_last", "torch.arange(12).reshape(3, -1)")
    add("create/reshape/infer_first", "torch.arange(12).reshape(-1, 6)")
    add("create/reshape/infer_middle", "torch.arange(12).reshape(2, -1, 2)")
    add("create/reshape/flat", "torch.arange(6).reshape(2, 3).reshape(-1)")
    add("create/reshape/to_0d", "torch.tensor([5.]).reshape(())")
    add("create/reshape/from_0d", "torch.tensor(5.).reshape(1, 1)")
    add("create/reshape/4d", "torch.arange(16.).reshape(2, 2, 2, 2)")
    add("create/reshape/empty", "torch.zeros(0, 3).reshape(3, 0)")
    add("create/reshape/empty_infer", "torch.zeros(0, 3).reshape(-1)")
    add("create/reshape/of_slice", "torch.arange(12).reshape(3, 4)[:, 1:3].reshape(-1)")
    add("create/reshape/of_transposed_step", "torch.arange(10)[::2].reshape(5, 1)")
    add("create/view/2x3", "torch.arange(6.).view(2, 3)")
    add("create/view/infer", "torch.arange(6.).view(-1, 2)")
    add("create/view/tuple", "torch.arange(6.).view((3, 2))")
    add("create/view/flat", "torch.ones(2, 2).view(-1)")
    add("create/flatten/2d", "torch.tensor([[1, 2], [3, 4]]).flatten()")
    add("create/flatten/3d", "torch.arange(8).reshape(2, 2, 2).flatten()")
    add("create/flatten/0d", "torch.tensor(5.).flatten()")
    add("create/flatten/1d", "torch.tensor([1., 2.]).flatten()")
    add("create/flatten/empty", "torch.zeros(0, 3).flatten()")
    add("create/flatten/of_slice", "torch.arange(12).reshape(3, 4)[:, ::2].flatten()")

    # conversions
    add("create/convert/float_from_int", "torch.tensor([1, -2, 3]).float()")
    add("create/convert/float_from_bool", "torch.tensor([True, False]).float()")
    add("create/convert/float_from_float64", "torch.tensor([0.1, 2.5], dtype=torch.float64).float()")
    add("create/convert/long_from_float", "torch.tensor([-1.5, -0.5, 0.5, 1.5, 2.7]).long()")
    add("create/convert/long_from_bool", "torch.tensor([True, False]).long()")
    add("create/convert/long_from_int32", "torch.tensor([1, 2], dtype=torch.int32).long()")
    add("create/convert/to_float64", "torch.tensor([1, 2]).to(torch.float64)")
    add("create/convert/to_float32", "torch.tensor([1, 2]).to(torch.float32)")
    add("create/convert/to_int32", "torch.tensor([1.9, -1.9]).to(torch.int32)")
    add("create/convert/to_int64", "torch.tensor([True, True]).to(torch.int64)")
    add("create/convert/to_bool", "torch.tensor([0., 0.5, -1., 2.]).to(torch.bool)")
    add("create/convert/to_bool_nan", "torch.tensor([float('nan'), 0.]).to(torch.bool)")
    add("create/convert/to_dtype_keyword", "torch.tensor([1, 2]).to(dtype=torch.float64)")
    add("create/convert/to_same", "torch.tensor([1., 2.]).to(torch.float32)")
    add("create/convert/float_0d", "torch.tensor(3).float()")
    add("create/convert/long_0d", "torch.tensor(3.9).long()")
    add("create/convert/float64_to_float32_rounds", "torch.tensor([0.1], dtype=torch.float64).float().item()")
    add("create/convert/chain", "torch.arange(6).float().reshape(2, 3)")
    # int64's least is written negated: -(2**63) fits, 2**63 does not.
    add("create/int64_min/literal", "-9223372036854775808")
    add("create/int64_min/hex", "-0x8000000000000000")
    add("create/int64_min/tensor", "torch.tensor([[-7, 12345678], [12345678, -9223372036854775808]])")
    add("create/int64_min/print", "print(torch.tensor([-9223372036854775808, 2147483647]))")
    add("create/int64_min/divided", "torch.tensor([-393341447268, -9223372036854775808]) / 3")
    add("create/int64_min/int32_overflow", "torch.tensor([-9223372036854775808], dtype=torch.int32)")
    add("create/int64_min/list", "[-9223372036854775808, 1]")


# ---------------------------------------------------------------------------
# access/: shape, numel, item, tolist, numpy, len
# ---------------------------------------------------------------------------


def cases_access():
    setups = {
        "0d": "t = torch.tensor(5.)",
        "1d": "t = torch.tensor([1, 2, 3])",
        "2d": "t = torch.zeros(3, 4)",
        "3d": "t = torch.ones(2, 3, 4)",
        "4d": "t = torch.ones(2, 1, 3, 2)",
        "empty": "t = torch.zeros(0, 3)",
    }
    for key, setup in setups.items():
        add(f"access/numel/{key}", f"{setup}\nt.numel()")
        add(f"access/shape/{key}", f"{setup}\nt.shape")
        add(f"access/size/{key}", f"{setup}\nt.size()")
        add(f"access/dim/{key}", f"{setup}\nt.dim()")
        add(f"access/ndim/{key}", f"{setup}\nt.ndim")
    add("access/size/dim0", "torch.zeros(3, 4).size(0)")
    add("access/size/dim1", "torch.zeros(3, 4).size(1)")
    add("access/size/negative", "torch.zeros(3, 4).size(-1)")
    add("access/size/negative_first", "torch.zeros(3, 4).size(-2)")
    add("access/size/keyword", "torch.zeros(3, 4).size(dim=1)")
    add("access/size/out_of_range", "torch.zeros(3, 4).size(2)")
    add("access/size/out_of_range_negative", "torch.zeros(3, 4).size(-3)")
    add("access/size/0d_dim", "torch.tensor(1.).size(0)")
    add("access/shape/index", "torch.zeros(3, 4).shape[0]")
    add("access/shape/index_negative", "torch.zeros(3, 4).shape[-1]")
    add("access/shape/index_out_of_range", "torch.zeros(3, 4).shape[2]")
    add("access/shape/len", "len(torch.zeros(3, 4, 5).shape)")
    add("access/shape/equals_tuple", "torch.zeros(3, 4).shape == (3, 4)")
    add("access/shape/not_equals_tuple", "torch.zeros(3, 4).shape == (4, 3)")
    add("access/shape/equals_shape", "torch.zeros(3, 4).shape == torch.ones(3, 4).size()")
    add("access/shape/unpack", """
        rows, cols = torch.zeros(3, 4).shape
        rows
        cols
    """)
    add("access/shape/print", "print(torch.zeros(2, 5).shape)")
    add("access/shape/of_reduction", "torch.zeros(2, 3, 4).sum(dim=1).shape")
    add("access/shape/of_keepdim", "torch.zeros(2, 3, 4).sum(dim=1, keepdim=True).shape")
    add("access/shape/of_slice", "torch.zeros(2, 3, 4)[:, 0].shape")
    add("access/shape/slice_of_shape", "torch.zeros(2, 3, 4).shape[1:]")
    add("access/numel/python_compare", """
        t = torch.tensor([[0, 1, 0], [2, 0, 2], [0, 3, 0]], dtype=torch.float32)
        t.sum().numel() < t.numel()
    """)
    add("access/numel/arith", "torch.zeros(3, 4).numel() * 2 + 1")

    # len()
    add("access/len/1d", "len(torch.tensor([1, 2, 3]))")
    add("access/len/2d", "len(torch.zeros(3, 4))")
    add("access/len/empty", "len(torch.zeros(0, 4))")
    add("access/len/0d", "len(torch.tensor(1.))")
    add("access/len/list", "len([1, 2, 3, 4])")
    add("access/len/tuple", "len((1, 2))")
    add("access/len/max_pair", "len(torch.tensor([[1, 2], [3, 4]]).max(dim=0))")

    # item()
    add("access/item/float32_int", "torch.tensor(5.).item()")
    add("access/item/float32_tenth", "torch.tensor(0.1).item()")
    add("access/item/float32_third", "torch.tensor(1 / 3).item()")
    add("access/item/float32_big", "torch.tensor(123456789.).item()")
    add("access/item/float32_small", "torch.tensor(1e-5).item()")
    add("access/item/float32_negative", "torch.tensor(-2.5).item()")
    add("access/item/float32_nan", "torch.tensor(float('nan')).item()")
    add("access/item/float32_inf", "torch.tensor(float('inf')).item()")
    add("access/item/float32_neg_inf", "torch.tensor(float('-inf')).item()")
    add("access/item/float32_neg_zero", "torch.tensor(-0.).item()")
    add("access/item/float32_1e16", "torch.tensor(1e16).item()")
    add("access/item/float64_1e16", "torch.tensor(1e16, dtype=torch.float64).item()")
    add("access/item/float64_1e_5", "torch.tensor(1e-5, dtype=torch.float64).item()")
    add("access/item/float64_tenth", "torch.tensor(0.1, dtype=torch.float64).item()")
    add("access/item/float64_1e15", "torch.tensor(1e15, dtype=torch.float64).item()")
    add("access/item/float64_1e_4", "torch.tensor(0.0001, dtype=torch.float64).item()")
    add("access/item/int64", "torch.tensor(7).item()")
    add("access/item/int64_negative", "torch.tensor(-7).item()")
    add("access/item/int32", "torch.tensor(7, dtype=torch.int32).item()")
    add("access/item/bool", "torch.tensor(True).item()")
    add("access/item/one_element_1d", "torch.tensor([2.5]).item()")
    add("access/item/one_element_2d", "torch.tensor([[3]]).item()")
    add("access/item/many", "torch.zeros(3, 4).item()")
    add("access/item/empty", "torch.tensor([]).item()")
    add("access/item/of_sum", "torch.tensor([0.1, 0.2, 0.3]).sum().item()")
    add("access/item/of_mean", "torch.tensor([1., 2., 4.]).mean().item()")
    add("access/item/arith", "torch.tensor(2.5).item() * 2")
    add("access/item/int_arith", "torch.tensor(7).item() // 2")
    add("access/item/of_count_nonzero", "torch.tensor([1, 0, 2]).count_nonzero().item()")

    # tolist()
    add("access/tolist/float32_1d", "torch.tensor([1., 2.5, -3.]).tolist()")
    add("access/tolist/float32_tenths", "torch.tensor([0.1, 0.2, 0.3]).tolist()")
    add("access/tolist/float32_2d", "torch.tensor([[1., 2.], [3., 4.]]).tolist()")
    add("access/tolist/float32_3d", "torch.arange(8.).reshape(2, 2, 2).tolist()")
    add("access/tolist/float64", "torch.tensor([0.1, 0.2], dtype=torch.float64).tolist()")
    add("access/tolist/int64", "torch.tensor([[1, -2], [3, 4]]).tolist()")
    add("access/tolist/int32", "torch.tensor([1, 2], dtype=torch.int32).tolist()")
    add("access/tolist/bool", "torch.tensor([True, False]).tolist()")
    add("access/tolist/0d_float", "torch.tensor(2.5).tolist()")
    add("access/tolist/0d_int", "torch.tensor(3).tolist()")
    add("access/tolist/0d_bool", "torch.tensor(False).tolist()")
    add("access/tolist/empty", "torch.tensor([]).tolist()")
    add("access/tolist/empty_2d", "torch.zeros(0, 3).tolist()")
    add("access/tolist/empty_2d_other", "torch.zeros(2, 0).tolist()")
    add("access/tolist/nan_inf", "torch.tensor([float('nan'), float('inf'), float('-inf')]).tolist()")
    add("access/tolist/of_mean_dim", "torch.tensor([[1., 2., 3.], [4., 5., 6.]]).mean(dim=0).tolist()")
    add("access/tolist/big_small", "torch.tensor([1e20, 1e-20, 123456789.]).tolist()")
    add("access/tolist/4d", "torch.ones(1, 1, 2, 1, dtype=torch.int64).tolist()")
    add("access/tolist/index_result", "torch.tensor([[1, 2], [3, 4]]).tolist()[1]")
    add("access/tolist/len", "len(torch.zeros(3, 2).tolist())")

    # numpy()
    np_cases = {
        "float32_1d": "torch.tensor([4., 5., 6.])",
        "float32_decimals": "torch.tensor([5., 1., 1., 7.]) / 3",
        "float32_tenths": "torch.tensor([0.1, 0.2, 0.3])",
        "float32_2d": "torch.tensor([[1., 2.5], [3., 4.]])",
        "float32_3d": "torch.arange(8.).reshape(2, 2, 2)",
        "float32_0d": "torch.tensor(18.)",
        "float32_0d_decimal": "torch.tensor(0.1)",
        "float32_negative": "torch.tensor([-1.5, 2., -3.25])",
        "float32_nan_inf": "torch.tensor([float('nan'), 1., float('inf'), float('-inf')])",
        "float32_sci_small": "torch.tensor([0.0001, 1.])",
        "float32_sci_ratio": "torch.tensor([1001., 1.])",
        "float32_no_sci_ratio": "torch.tensor([1000., 1.])",
        "float32_sci_big": "torch.tensor([1e8, 1.])",
        "float32_big_not_sci": "torch.tensor([99999.])",
        "float32_long_row": "torch.arange(20.) / 3",
        "float32_long_int_row": "torch.arange(30.)",
        "float32_summarised": "torch.arange(1001.)",
        "float32_empty": "torch.tensor([])",
        "float32_empty_2d": "torch.zeros(0, 3)",
        "float64_1d": "torch.tensor([1.5, 2.], dtype=torch.float64)",
        "float64_tenths": "torch.tensor([0.1, 0.2, 0.3], dtype=torch.float64)",
        "float64_0d": "torch.tensor(2.5, dtype=torch.float64)",
        "float64_third": "torch.tensor([1., 2.], dtype=torch.float64) / 3",
        "int64_1d": "torch.tensor([1, 2, 3])",
        "int64_2d": "torch.tensor([[1, -20], [300, 4]])",
        "int64_0d": "torch.tensor(7)",
        "int64_empty": "torch.tensor([], dtype=torch.int64)",
        "int64_long_row": "torch.arange(40)",
        "int64_summarised": "torch.arange(1001)",
        "int32_1d": "torch.tensor([1, 2], dtype=torch.int32)",
        "bool_1d": "torch.tensor([True, False, True])",
        "bool_2d": "torch.tensor([[True], [False]])",
        "bool_0d": "torch.tensor(True)",
        "int64_4d": "torch.arange(8).reshape(2, 1, 2, 2)",
        "float32_mean_dim": "torch.tensor([[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]]).mean(dim=0)",
    }
    for key, expr in np_cases.items():
        operand = f"({expr})" if " " in expr.split("(")[0] or ") " in expr else expr
        add(f"access/numpy/{key}", f"{operand}.numpy()")
    add("access/numpy/print", "print(torch.tensor([1., 2.]).numpy())")
    add("access/numpy/assigned", """
        a = torch.tensor([[1, 2], [3, 4]]).numpy()
        a
    """)


# ---------------------------------------------------------------------------
# index/: NumPy-style indexing and slicing
# ---------------------------------------------------------------------------


def cases_index():
    t1 = "t = torch.tensor([10, 20, 30, 40, 50])"
    t2 = "t = torch.arange(12).reshape(3, 4)"
    t3 = "t = torch.arange(24.).reshape(2, 3, 4)"
    t4 = "t = torch.arange(16).reshape(2, 2, 2, 2)"
    one_d = {
        "int": "t[0]",
        "int_last": "t[4]",
        "negative": "t[-1]",
        "negative_first": "t[-5]",
        "slice_from": "t[1:]",
        "slice_to": "t[:3]",
        "slice_both": "t[1:4]",
        "slice_all": "t[:]",
        "step": "t[::2]",
        "step_offset": "t[1::2]",
        "step_three": "t[::3]",
        "negative_start": "t[-2:]",
        "negative_stop": "t[:-1]",
        "negative_both": "t[-4:-1]",
        "out_of_range_slice": "t[3:100]",
        "out_of_range_start": "t[10:]",
        "empty_slice": "t[3:1]",
        "large_negative_slice": "t[-100:2]",
        "ellipsis": "t[...]",
        "none": "t[None]",
        "none_after": "t[:, None]",
        "none_both": "t[None, :, None]",
        "ellipsis_int": "t[..., 0]",
        "int_tuple": "t[(1,)]",
        "out_of_bounds": "t[5]",
        "out_of_bounds_negative": "t[-6]",
        "too_many": "t[0, 0]",
        "negative_step": "t[::-1]",
        "zero_step": "t[::0]",
        "float_index": "t[1.5]",
        "two_ellipses": "t[..., ...]",
    }
    for key, expr in one_d.items():
        add(f"index/1d/{key}", f"{t1}\n{expr}")
    two_d = {
        "row": "t[0]",
        "last_row": "t[-1]",
        "element": "t[1, 2]",
        "element_negative": "t[-1, -1]",
        "chained": "t[1][2]",
        "column": "t[:, 0]",
        "column_negative": "t[:, -1]",
        "rows_from": "t[1:]",
        "row_slice": "t[0, 1:3]",
        "block": "t[1:, 2:]",
        "steps": "t[::2, ::3]",
        "column_step": "t[:, 1::2]",
        "ellipsis_column": "t[..., 0]",
        "ellipsis_row": "t[0, ...]",
        "ellipsis_middle": "t[1, ..., 2]",
        "none_front": "t[None]",
        "none_middle": "t[:, None]",
        "none_end": "t[..., None]",
        "none_with_int": "t[None, 0]",
        "empty_rows": "t[2:2]",
        "empty_columns": "t[:, 4:]",
        "row_then_slice": "t[2][::2]",
        "out_of_bounds_row": "t[3]",
        "out_of_bounds_column": "t[0, 4]",
        "out_of_bounds_column_negative": "t[:, -5]",
        "too_many": "t[0, 0, 0]",
        "shape_of_column": "t[:, 1].shape",
        "sum_rows": "t[0] + t[1] + t[2]",
    }
    for key, expr in two_d.items():
        add(f"index/2d/{key}", f"{t2}\n{expr}")
    three_d = {
        "first": "t[0]",
        "element": "t[1, 2, 3]",
        "row": "t[1, 2]",
        "column_of_each": "t[:, :, 0]",
        "ellipsis_last": "t[..., -1]",
        "ellipsis_first": "t[0, ...]",
        "middle": "t[:, 1]",
        "mixed": "t[1, :, 1:3]",
        "steps": "t[:, ::2, ::2]",
        "none": "t[:, None, 0]",
        "out_of_bounds_middle": "t[0, 3]",
        "negative_last": "t[-1, -1, -1]",
    }
    for key, expr in three_d.items():
        add(f"index/3d/{key}", f"{t3}\n{expr}")
    four_d = {
        "first": "t[0]",
        "two_ints": "t[1, 0]",
        "ellipsis": "t[..., 1]",
        "all_ints": "t[1, 1, 1, 1]",
        "slices": "t[:, 1, :, 0]",
        "too_many": "t[0, 0, 0, 0, 0]",
    }
    for key, expr in four_d.items():
        add(f"index/4d/{key}", f"{t4}\n{expr}")
    zero_d = {
        "int": "t[0]",
        "ellipsis": "t[...]",
        "none": "t[None]",
        "slice": "t[:]",
        "negative": "t[-1]",
    }
    for key, expr in zero_d.items():
        add(f"index/0d/{key}", f"t = torch.tensor(5.)\n{expr}")
    add("index/dtype/int32_row", "torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)[0]")
    add("index/dtype/int32_element", "torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)[1, 1]")
    add("index/dtype/float64_slice", "torch.tensor([0.5, 1.5, 2.5], dtype=torch.float64)[1:]")
    add("index/dtype/bool_element", "torch.tensor([True, False])[1]")
    add("index/dtype/float_element", "torch.tensor([0.5, 1.25])[1]")
    add("index/empty/row_of_empty", "torch.zeros(0, 3)[0]")
    add("index/empty/column_of_empty", "torch.zeros(0, 3)[:, 1]")
    add("index/empty/slice_of_empty", "torch.tensor([])[1:]")
    add("index/of_expression/reduction", "torch.arange(12).reshape(3, 4).sum(dim=0)[1]")
    add("index/of_expression/item", "torch.arange(12.).reshape(3, 4)[2, 3].item()")
    add("index/of_expression/argmax", """
        t = torch.tensor([[1., 9., 3.], [4., 2., 8.]])
        t.argmax(dim=1)[0]
    """)
    add("index/of_expression/arith_then_index", "(torch.arange(6) * 2)[2:]")
    add("index/slice_then_reduce", "torch.arange(12.).reshape(3, 4)[:, 1:].sum(dim=1)")
    add("index/variable_index", """
        t = torch.arange(5)
        i = 3
        t[i]
    """)
    add("index/variable_slice_bounds", """
        t = torch.arange(10)
        a = 2
        b = 7
        t[a:b:2]
    """)
    add("index/computed_index", """
        t = torch.arange(5)
        t[len(t) - 1]
    """)

    # Views that rearrange dims: transpose, permute, .T, .mT, t(),
    # unsqueeze, squeeze, with PyTorch's errors.
    m = "t = torch.arange(6.).reshape(2, 3)\n"
    u = "u = torch.arange(24).reshape(2, 3, 4)\n"
    o = "o = torch.ones(1, 2, 1)\n"
    for key, program in {
        "T": m + "t.T",
        "T_3d": u + "u.T",
        "T_1d": "torch.arange(3).T",
        "T_0d": "torch.tensor(5.).T",
        "T_T": m + "t.T.T",
        "mT": u + "u.mT",
        "mT_1d": "torch.arange(3).mT",
        "t_method": m + "t.t()",
        "t_3d": u + "u.t()",
        "t_function": m + "torch.t(t)",
        "t_0d": "torch.tensor(3.).t()",
        "transpose": m + "t.transpose(0, 1)",
        "transpose_negative": u + "u.transpose(-1, 0)",
        "transpose_function": u + "torch.transpose(u, 0, 2).shape",
        "transpose_keywords": u + "u.transpose(dim0=0, dim1=2).shape",
        "transpose_out_of_range": m + "t.transpose(0, 2)",
        "transpose_one_dim": m + "t.transpose(0)",
        "transpose_0d": "torch.tensor(3.).transpose(0, -1)",
        "permute": u + "u.permute(2, 0, 1)",
        "permute_tuple": u + "u.permute((2, 0, 1)).shape",
        "permute_keyword": u + "u.permute(dims=(1, 2, 0)).shape",
        "permute_negative": u + "u.permute(-1, 0, 1).shape",
        "permute_function": u + "torch.permute(u, (1, 0, 2)).shape",
        "permute_too_few": u + "u.permute(0, 1)",
        "permute_repeated": u + "u.permute(0, 0, 1)",
        "permute_out_of_range": u + "u.permute(0, 1, 3)",
        "permute_float": u + "u.permute(0, 1, 2.0)",
        "permute_0d": "torch.tensor(3.).permute(())",
        "unsqueeze_front": m + "t.unsqueeze(0)",
        "unsqueeze_back": m + "t.unsqueeze(-1).shape",
        "unsqueeze_end": m + "t.unsqueeze(2).shape",
        "unsqueeze_out_of_range": m + "t.unsqueeze(3)",
        "unsqueeze_function": m + "torch.unsqueeze(t, 1)",
        "unsqueeze_keyword": m + "t.unsqueeze(dim=1).shape",
        "unsqueeze_float": m + "t.unsqueeze(1.0)",
        "unsqueeze_0d": "torch.tensor(3.).unsqueeze(0)",
        "squeeze_all": o + "o.squeeze()",
        "squeeze_dim": o + "o.squeeze(0).shape",
        "squeeze_not_one": o + "o.squeeze(1).shape",
        "squeeze_tuple": o + "o.squeeze((0, 2)).shape",
        "squeeze_list": o + "o.squeeze([2, 0]).shape",
        "squeeze_empty_tuple": o + "o.squeeze(()).shape",
        "squeeze_repeated": o + "o.squeeze((0, -3))",
        "squeeze_out_of_range": o + "o.squeeze(5)",
        "squeeze_function": o + "torch.squeeze(o, 0).shape",
        "squeeze_0d": "torch.tensor(3.).squeeze()",
        "squeeze_0d_dim": "torch.tensor(3.).squeeze(0)",
        "squeeze_float": o + "o.squeeze(0.5)",
        "is_contiguous": m + "t.is_contiguous(), t.T.is_contiguous(), t[1:].is_contiguous(), t[:, 1:].is_contiguous()",
        "view_of_transpose": m + "t.T.view(6)",
        "reshape_of_transpose": m + "t.T.reshape(6)",
        "contiguous_then_view": m + "t.T.contiguous().view(6)",
        "transpose_of_slice": u + "u[:, 1:, ::2].transpose(0, 2)",
        "unsqueeze_broadcast": m + "t.sum(dim=1).unsqueeze(1) / t.sum(dim=1, keepdim=True)",
        "transpose_arithmetic": m + "t.T * torch.tensor([1., 10.])",
        "transpose_reduce": m + "t.T.sum(dim=0), t.T.argmax(dim=1)",
    }.items():
        add(f"index/rearrange/{key}", program)
    # A result lies in memory as its input does, and later sums add in that
    # order; every bit shows in .tolist().
    data = "(torch.arange({n}.) * 7919 % 1000 / 37 - 13)"
    for key, (n, shape, dtype, program) in {
        "sum_of_transpose": (600, "20, 30", "float32", "t.T.sum(dim=1)"),
        "sum_of_scaled_transpose": (600, "20, 30", "float32", "(t.T * 1.7).sum(dim=0)"),
        "mean_of_permuted_copy": (504, "7, 8, 9", "float64", "t.permute(2, 0, 1).double().mean(dim=(1, 2))"),
        "prod_of_transpose": (600, "20, 30", "float64", "(t.T / 9 + 1).prod(dim=-1)"),
        "norm_of_transpose": (600, "20, 30", "float64", "t.T.norm(dim=1)"),
        "var_of_transpose": (600, "20, 30", "float64", "(t.T + 0.3).var()"),
        "std_of_transpose_dim": (600, "20, 30", "float64", "t.T.std(dim=1)"),
        "var_of_float_slice_transpose": (600, "20, 30", "float32", "t[::2].T.var()"),
    }.items():
        order_case(key, data, n, shape, dtype, program)


# ---------------------------------------------------------------------------
# elementwise/: arithmetic, comparisons, broadcasting, type promotion
# ---------------------------------------------------------------------------


def cases_elementwise():
    ops = {"add": "+", "sub": "-", "mul": "*", "div": "/", "floordiv": "//", "mod": "%", "pow": "**"}
    operands = {
        "float": ("torch.tensor([1.5, -2., 3.25, 4.])", "torch.tensor([0.5, 4., -2., 8.])"),
        "int": ("torch.tensor([7, -7, 9, -9])", "torch.tensor([2, 2, -4, -4])"),
        "int_float": ("torch.tensor([1, 2, 3, 4])", "torch.tensor([0.5, 0.25, 2., -1.])"),
        "int32": ("torch.tensor([7, -3], dtype=torch.int32)", "torch.tensor([2, 2], dtype=torch.int32)"),
        "int32_int64": ("torch.tensor([7, -3], dtype=torch.int32)", "torch.tensor([2, 3])"),
        "float64": ("torch.tensor([1.5, 3.], dtype=torch.float64)", "torch.tensor([2., 0.5], dtype=torch.float64)"),
        "float32_float64": ("torch.tensor([1.5, 3.])", "torch.tensor([2., 0.5], dtype=torch.float64)"),
        "bool": ("torch.tensor([True, True, False, False])", "torch.tensor([True, False, True, False])"),
        "bool_int": ("torch.tensor([True, False])", "torch.tensor([3, 4])"),
        "bool_float": ("torch.tensor([True, False])", "torch.tensor([1.5, 2.5])"),
    }
    for ok, (a, b) in operands.items():
        for name, op in ops.items():
            add(f"elementwise/{name}/tensor_{ok}", f"a = {a}\nb = {b}\na {op} b")

    scalars = {
        "int_tensor_int": ("torch.tensor([1, 2, 3])", "2"),
        "int_tensor_float": ("torch.tensor([1, 2, 3])", "0.5"),
        "float_tensor_int": ("torch.tensor([1., 2.5, -3.])", "2"),
        "float_tensor_float": ("torch.tensor([1., 2.5, -3.])", "0.25"),
        "int32_tensor_int": ("torch.tensor([1, 2, 3], dtype=torch.int32)", "2"),
        "int32_tensor_float": ("torch.tensor([1, 2, 3], dtype=torch.int32)", "1.5"),
        "float64_tensor_float": ("torch.tensor([1., 2.], dtype=torch.float64)", "0.1"),
        "bool_tensor_int": ("torch.tensor([True, False])", "3"),
        "bool_tensor_float": ("torch.tensor([True, False])", "0.5"),
        "bool_tensor_bool": ("torch.tensor([True, False])", "True"),
        "int_tensor_bool": ("torch.tensor([1, 2])", "True"),
    }
    for sk, (t, s) in scalars.items():
        for name, op in ops.items():
            add(f"elementwise/{name}/scalar_right_{sk}", f"t = {t}\nt {op} {s}")
        for name in ("add", "sub", "mul", "div", "pow"):
            op = ops[name]
            add(f"elementwise/{name}/scalar_left_{sk}", f"t = {t}\n{s} {op} t")
    add("elementwise/floordiv/scalar_left_int", "7 // torch.tensor([2, -2, 3])")
    add("elementwise/mod/scalar_left_int", "7 % torch.tensor([2, -2, 3])")
    add("elementwise/mod/scalar_left_float", "7.5 % torch.tensor([2., -2.])")
    add("elementwise/floordiv/negative_float", "torch.tensor([-7.5, 7.5]) // 2")
    add("elementwise/mod/negative_float", "torch.tensor([-7.5, 7.5]) % 2")
    add("elementwise/mod/negative_divisor", "torch.tensor([7, -7]) % -3")
    add("elementwise/div/int_exact", "torch.tensor([4, 6]) / 2")
    add("elementwise/div/third", "torch.tensor([1., 2.]) / 3")
    add("elementwise/div/tenth_sum", "torch.tensor([0.1]) + 0.2")
    add("elementwise/div/int_by_zero", "torch.tensor([1, 0, -1]) / 0")
    add("elementwise/div/float_by_zero", "torch.tensor([1., 0., -1.]) / 0")
    add("elementwise/div/float_by_zero_tensor", "torch.tensor([1., -1.]) / torch.tensor([0., 0.])")
    add("elementwise/floordiv/float_by_zero", "torch.tensor([1., 0., -1.]) // 0")
    add("elementwise/mod/float_by_zero", "torch.tensor([1., -1.]) % 0")
    add("elementwise/floordiv/int_by_zero", "torch.tensor([1, 2]) // 0")
    add("elementwise/mod/int_by_zero", "torch.tensor([1, 2]) % 0")
    add("elementwise/floordiv/int_by_zero_tensor", "torch.tensor([1, 2]) // torch.tensor([1, 0])")
    add("elementwise/pow/int_negative_exponent", "torch.tensor([2, 3]) ** -1")
    add("elementwise/pow/int_negative_exponent_tensor", "torch.tensor([2, 3]) ** torch.tensor([1, -1])")
    add("elementwise/pow/int_zero_exponent", "torch.tensor([2, 0]) ** 0")
    add("elementwise/pow/float_sqrt", "torch.tensor([4., 2., 9.]) ** 0.5")
    add("elementwise/pow/negative_base_fraction", "torch.tensor([-4.]) ** 0.5")
    add("elementwise/pow/square_negative", "torch.tensor([-3, 3]) ** 2")
    for key, program in {
        "float": "torch.tensor([-0.0, -1.5, 2.25]).abs()",
        "int32": "torch.tensor([-3, 4], dtype=torch.int32).abs()",
        "function": "torch.abs(torch.tensor([[-1, 2], [3, -4]]))",
        "builtin": "abs(torch.tensor([-1.5, float('nan'), -float('inf')]))",
        "bool": "torch.tensor([True, False]).abs()",
        "builtin_bool": "abs(torch.tensor(True))",
        "then_sum": "torch.tensor([-1., 2., -3.]).abs().sum()",
        "argument": "torch.tensor([1.]).abs(1)",
        "keyword": "torch.tensor([1.]).abs(x=1)",
        "function_argument": "torch.abs(torch.tensor([1.]), 1)",
    }.items():
        add(f"elementwise/abs/{key}", program)
    for name in ["numel", "dim", "item", "tolist"]:
        add(f"elementwise/abs/no_arguments_{name}", f"torch.tensor([1.]).{name}(1)")
    add("elementwise/abs/no_keywords_dim", "torch.tensor([1.]).dim(x=1)")
    # A number exponent takes PyTorch's own formulas; .tolist() shows every bit.
    odd = "torch.tensor([1.1, 2.3, 0.7, 3.3, -1.7, 1.01, -0.0, 0.0])"
    for key, e in [("cube", "3"), ("cube_float", "3.0"), ("square", "2"), ("sqrt", "0.5"),
                   ("rsqrt", "-0.5"), ("reciprocal", "-1"), ("inverse_square", "-2"), ("general", "1.5"),
                   ("general_negative", "-1.25")]:
        add(f"elementwise/pow/bits_{key}", f"({odd} ** {e}).tolist()")
    add("elementwise/pow/bits_cube_float64", f"({odd}.double() ** 3).tolist()")
    add("elementwise/pow/bits_rsqrt_float64", f"({odd}.double() ** -0.5).tolist()")
    add("elementwise/pow/bits_int_sqrt", "(torch.tensor([2, 3, 7]) ** 0.5).tolist()")
    add("elementwise/pow/bits_tensor_exponent", f"({odd} ** torch.tensor(3.)).tolist()")
    add("elementwise/pow/sqrt_negative_zero", "torch.tensor([-0.0, 4.0]) ** 0.5")
    add("elementwise/pow/float_negative_exponent", "torch.tensor([2., 4.]) ** -1")
    add("elementwise/pow/scalar_base_float", "2.0 ** torch.tensor([1, 2, 3])")
    add("elementwise/pow/overflow_int64", "torch.tensor([2]) ** 63")
    add("elementwise/mul/overflow_int64", "torch.tensor([2 ** 62]) * 4")
    add("elementwise/add/overflow_int32", "torch.tensor([2147483647], dtype=torch.int32) + 1")
    add("elementwise/mul/big_float32", "torch.tensor([1e30]) * 1e10")
    add("elementwise/mul/nan_times_zero", "torch.tensor([float('nan'), float('inf')]) * 0")
    add("elementwise/add/inf_minus_inf", "torch.tensor([float('inf')]) + float('-inf')")
    add("elementwise/add/nan_scalar", "torch.tensor([1., 2.]) + float('nan')")
    add("elementwise/add/inf_scalar_int_tensor", "torch.tensor([1, 2]) + float('inf')")

    # `number / t` is `t.reciprocal() * number` in PyTorch: two roundings.
    add("elementwise/rdiv/f32_two_roundings", "(3 / torch.tensor([7.5, 0.3, 11.])).tolist()")
    add("elementwise/rdiv/int_tensor", "(3 / torch.tensor([7, 9, 13])).tolist()")
    add("elementwise/rdiv/f64", "(10 / torch.tensor([3e38, 7.], dtype=torch.float64)).tolist()")
    add("elementwise/rdiv/float_number", "(2.5 / torch.tensor([3., 7.])).tolist()")
    add("elementwise/rdiv/zeros", "0 / torch.tensor([0., 2.])")
    add("elementwise/rdiv/bool", "True / torch.tensor([True, False])")
    # An int32 power reads its exponent as an int32.
    add("elementwise/pow/int32_exponent_overflow", "torch.tensor([3], dtype=torch.int32) ** 2 ** 40")
    add("elementwise/pow/int32_exponent_2_31", "torch.tensor([3], dtype=torch.int32) ** 2 ** 31")
    add("elementwise/pow/int32_exponent_max", "torch.tensor([3], dtype=torch.int32) ** (2 ** 31 - 1)")
    # unary minus
    add("elementwise/neg/float", "-torch.tensor([1.5, -2., 0.])")
    add("elementwise/neg/int", "-torch.tensor([1, -2, 0])")
    add("elementwise/neg/int32", "-torch.tensor([1, -2], dtype=torch.int32)")
    add("elementwise/neg/0d", "-torch.tensor(3.)")
    add("elementwise/neg/bool", "-torch.tensor([True, False])")
    add("elementwise/neg/double", "--torch.tensor([1, 2])")
    add("elementwise/neg/of_variable", "t = torch.tensor([[1., 2.], [3., 4.]])\n-t")
    add("elementwise/neg/nan_inf", "-torch.tensor([float('nan'), float('inf')])")

    # comparisons
    cmps = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
    for name, op in cmps.items():
        add(f"elementwise/compare/{name}/tensors", f"torch.tensor([1, 2, 3, 4]) {op} torch.tensor([4, 2, 1, 4])")
        add(f"elementwise/compare/{name}/scalar", f"torch.tensor([1., 2.5, 3.]) {op} 2.5")
        add(f"elementwise/compare/{name}/scalar_left", f"2 {op} torch.tensor([1, 2, 3])")
        add(f"elementwise/compare/{name}/broadcast", f"torch.tensor([[1], [2], [3]]) {op} torch.tensor([1, 2, 3])")
        add(f"elementwise/compare/{name}/nan", f"torch.tensor([float('nan'), 1.]) {op} torch.tensor([float('nan'), 1.])")
        add(f"elementwise/compare/{name}/int_float", f"torch.tensor([1, 2]) {op} torch.tensor([1.5, 2.])")
        add(f"elementwise/compare/{name}/bool", f"torch.tensor([True, False]) {op} torch.tensor([False, False])")
    add("elementwise/compare/inf", "torch.tensor([float('inf'), 1e38]) > 1e38")
    add("elementwise/compare/0d", "torch.tensor(3) > 2")
    add("elementwise/compare/sum_of_mask", "(torch.tensor([1, 5, 2, 7]) > 2).sum()")
    add("elementwise/compare/mask_as_float", "(torch.tensor([1., 5., 2.]) > 2).float()")
    add("elementwise/compare/mask_arith", "(torch.tensor([1., 5., 2.]) > 2) * 10")
    add("elementwise/compare/empty", "torch.tensor([]) > 0")

    # broadcasting
    add("elementwise/broadcast/column_row", "torch.tensor([[1], [2], [3]]) + torch.tensor([10, 20, 30, 40])")
    add("elementwise/broadcast/matrix_row", "torch.arange(6).reshape(2, 3) * torch.tensor([1, 10, 100])")
    add("elementwise/broadcast/matrix_column", "torch.arange(6.).reshape(2, 3) - torch.tensor([[1.], [2.]])")
    add("elementwise/broadcast/3d_2d", "torch.ones(2, 3, 4) + torch.arange(4.)")
    add("elementwise/broadcast/3d_middle", "torch.arange(24).reshape(2, 3, 4) * torch.tensor([[1], [0], [-1]])")
    add("elementwise/broadcast/both_expand", "torch.zeros(2, 1, 3) + torch.ones(4, 1)")
    add("elementwise/broadcast/0d_tensor", "torch.tensor([1., 2.]) + torch.tensor(10.)")
    add("elementwise/broadcast/0d_0d", "torch.tensor(2) * torch.tensor(3)")
    add("elementwise/broadcast/keepdim_mean", """
        t = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
        t - t.mean(dim=1, keepdim=True)
    """)
    add("elementwise/broadcast/normalise_columns", """
        t = torch.tensor([[1., 2.], [3., 6.]])
        t / t.sum(dim=0)
    """)
    add("elementwise/broadcast/4d", "torch.ones(2, 1, 1, 2) * torch.arange(3).reshape(3, 1)")
    add("elementwise/broadcast/mismatch_4d", "torch.ones(2, 1, 2, 1) * torch.arange(3).reshape(3, 1)")
    add("elementwise/broadcast/empty", "torch.zeros(0, 3) + torch.ones(3)")
    add("elementwise/broadcast/mismatch", "torch.ones(2, 3) + torch.ones(4)")
    add("elementwise/broadcast/mismatch_2d", "torch.ones(2, 3) * torch.ones(3, 2)")
    add("elementwise/broadcast/mismatch_leading", "torch.ones(2, 3, 4) + torch.ones(3, 3, 4)")
    add("elementwise/broadcast/mismatch_compare", "torch.ones(3) == torch.ones(2)")

    # type promotion with 0-d tensors (they only promote across categories)
    add("elementwise/promote/float32_and_float64_0d", "torch.tensor([1., 2.]) + torch.tensor(1., dtype=torch.float64)")
    add("elementwise/promote/int64_and_float64_0d", "torch.tensor([1, 2]) + torch.tensor(1.5, dtype=torch.float64)")
    add("elementwise/promote/int32_and_int64_0d", "torch.tensor([1, 2], dtype=torch.int32) + torch.tensor(1)")
    add("elementwise/promote/int32_0d_and_int64", "torch.tensor(1, dtype=torch.int32) + torch.tensor([1, 2])")
    add("elementwise/promote/bool_and_int32", "torch.tensor([True, False]) + torch.tensor([1, 2], dtype=torch.int32)")
    add("elementwise/promote/float64_and_int32", "torch.tensor([1.5], dtype=torch.float64) * torch.tensor([2], dtype=torch.int32)")
    add("elementwise/promote/int32_div_int32", "torch.tensor([1, 2], dtype=torch.int32) / torch.tensor([2, 2], dtype=torch.int32)")
    add("elementwise/promote/float64_scalar_big", "torch.tensor([1.]) + 1e-10")
    add("elementwise/promote/int_0d_and_float_0d", "torch.tensor(3) * torch.tensor(0.5)")
    add("elementwise/promote/chained", "(torch.tensor([1, 2]) + 1) * 0.5 + torch.tensor([True, False])")

    # expressions mixing reductions and element-wise ops
    add("elementwise/combo/variance_by_hand", """
        t = torch.tensor([1., 2., 3., 4.])
        ((t - t.mean()) ** 2).sum() / (t.numel() - 1)
    """)
    add("elementwise/combo/var_matches", """
        t = torch.tensor([1., 2., 3., 4.])
        t.var()
    """)
    add("elementwise/combo/precedence", "torch.tensor([1, 2]) + torch.tensor([3, 4]) * 2 ** 2")
    add("elementwise/combo/parentheses", "(torch.tensor([1, 2]) + torch.tensor([3, 4])) * 2")
    add("elementwise/combo/unary_pow_precedence", "-torch.tensor([2.]) ** 2")
    add("elementwise/combo/softmax_like", """
        t = torch.tensor([1., 2., 3.])
        t / t.sum()
    """)
    add("elementwise/combo/accuracy", """
        scores = torch.tensor([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1], [0.2, 0.2, 0.6], [0.3, 0.4, 0.3]])
        labels = torch.tensor([1, 0, 1, 1])
        (scores.argmax(dim=1) == labels).float().mean()
    """)
    add("elementwise/combo/python_scalar_from_item", "torch.tensor([1., 2.]) * torch.tensor(3.).item()")


# ---------------------------------------------------------------------------
# reduce/: every reduction, as method and as torch.function
# ---------------------------------------------------------------------------

REDUCE_OPS = [
    "sum",
    "prod",
    "mean",
    "std",
    "var",
    "max",
    "min",
    "argmax",
    "argmin",
    "amax",
    "amin",
    "all",
    "any",
    "count_nonzero",
    "norm",
]

# Inputs: values are small integers or quarters so float32 results do not
# depend on the summation order (PyTorch's order is hardware-specific).
REDUCE_INPUTS = {
    "f2d": "t = torch.tensor([[1., 5., 2., 5.], [3., 5., 4., 1.], [2., 2., 6., 0.]])",
    "f3d": "t = torch.arange(24.).reshape(2, 3, 4) % 7 - 3",
    "f1d": "t = torch.tensor([0.5, -1.25, 3., 2.25, 3.])",
    "i2d": "t = torch.tensor([[3, -1, 4], [1, 5, -9], [2, 6, 5], [3, 5, 8]])",
    "b2d": "t = torch.tensor([[True, False, True], [False, False, True]])",
    "f0d": "t = torch.tensor(5.)",
    "i32": "t = torch.tensor([[1, 2, 0], [4, -5, 6]], dtype=torch.int32)",
    "f64": "t = torch.tensor([[0.25, 0.5], [1.5, -0.75], [2., 1.]], dtype=torch.float64)",
    "f4d": "t = torch.arange(48.).reshape(2, 3, 2, 4) % 5",
}


def dim_variants(ndim):
    """(suffix, argument text) pairs to try for a tensor of rank ndim."""
    out = [("all", "")]
    for d in range(-ndim, ndim) if ndim > 0 else [0, -1]:
        key = f"dim{d}" if d >= 0 else f"dim_neg{-d}"
        out.append((key, f"dim={d}"))
    return out


def cases_reduce():
    # The full matrix on the main 2-d float input.
    setup = REDUCE_INPUTS["f2d"]
    for op in REDUCE_OPS:
        variants = [
            ("method", f"t.{op}()"),
            ("dim0", f"t.{op}(dim=0)"),
            ("dim1", f"t.{op}(dim=1)"),
            ("dim_neg1", f"t.{op}(dim=-1)"),
            ("dim_neg2", f"t.{op}(dim=-2)"),
            ("dim_positional", f"t.{op}(1)"),
            ("dim0_keepdim", f"t.{op}(dim=0, keepdim=True)"),
            ("dim1_keepdim", f"t.{op}(dim=1, keepdim=True)"),
            ("keepdim_false", f"t.{op}(dim=1, keepdim=False)"),
            ("keepdim_no_dim", f"t.{op}(keepdim=True)"),
            ("dim_none", f"t.{op}(dim=None)"),
            ("dim_tuple", f"t.{op}(dim=(0, 1))"),
            ("dim_tuple_keepdim", f"t.{op}(dim=(0, 1), keepdim=True)"),
            ("dim_tuple_negative", f"t.{op}(dim=(-1, 0))"),
            ("dim_tuple_single", f"t.{op}(dim=(1,))"),
            ("dim_out_of_range", f"t.{op}(dim=2)"),
            ("dim_out_of_range_negative", f"t.{op}(dim=-3)"),
            ("dim_tuple_out_of_range", f"t.{op}(dim=(0, 2))"),
            ("dim_tuple_repeated", f"t.{op}(dim=(1, -1))"),
            ("fn", f"torch.{op}(t)"),
            ("fn_dim0", f"torch.{op}(t, dim=0)"),
            ("fn_dim_positional", f"torch.{op}(t, 1)"),
            ("fn_dim_keepdim", f"torch.{op}(t, dim=-1, keepdim=True)"),
            ("fn_dim_tuple", f"torch.{op}(t, dim=(0, 1))"),
        ]
        for key, expr in variants:
            add(f"reduce/{op}/f2d/{key}", f"{setup}\n{expr}")

    # Every op on the other inputs: no dim, each dim, keepdim, a tuple.
    for in_key in ["f3d", "f1d", "i2d", "b2d", "f0d", "i32", "f64", "f4d"]:
        setup = REDUCE_INPUTS[in_key]
        ndim = {"f3d": 3, "f1d": 1, "i2d": 2, "b2d": 2, "f0d": 0, "i32": 2, "f64": 2, "f4d": 4}[in_key]
        for op in REDUCE_OPS:
            variants = [("all", f"t.{op}()")]
            if in_key in ("f3d", "f0d"):
                for key, arg in dim_variants(ndim)[1:]:
                    variants.append((key, f"t.{op}({arg})"))
            elif in_key == "f4d":
                variants.append(("dim2", f"t.{op}(dim=2)"))
            else:
                variants.append(("dim0", f"t.{op}(dim=0)"))
                variants.append(("dim_neg1", f"t.{op}(dim=-1)"))
            if ndim >= 1:
                variants.append(("dim_neg1_keepdim", f"t.{op}(dim=-1, keepdim=True)"))
            else:
                variants.append(("dim0_keepdim", f"t.{op}(dim=0, keepdim=True)"))
                variants.append(("dim1", f"t.{op}(dim=1)"))
            if ndim >= 3:
                variants.append(("dim_tuple_0_2", f"t.{op}(dim=(0, 2))"))
                variants.append(("dim_tuple_0_2_keepdim", f"t.{op}(dim=(0, 2), keepdim=True)"))
            if ndim == 4:
                variants.append(("dim_tuple_1_3", f"t.{op}(dim=(1, 3))"))
                variants.append(("dim_tuple_neg", f"t.{op}(dim=(-1, -3))"))
                variants.append(("dim_tuple_repeated", f"t.{op}(dim=(0, -4))"))
            if ndim == 3:
                variants.append(("dim_tuple_repeated", f"t.{op}(dim=(0, -3))"))
                variants.append(("dim_tuple_all", f"t.{op}(dim=(0, 1, 2))"))
            if ndim == 0:
                variants.append(("dim_tuple_0", f"t.{op}(dim=(0,))"))
            for key, expr in variants:
                add(f"reduce/{op}/{in_key}/{key}", f"{setup}\n{expr}")

    # std / var: correction, unbiased, positional forms
    setup = "t = torch.tensor([[1., 2., 3., 4.], [2., 4., 6., 8.], [0., 0., 1., 1.]])"
    for op in ("std", "var"):
        forms = {
            "default": f"t.{op}()",
            "correction0": f"t.{op}(correction=0)",
            "correction1": f"t.{op}(correction=1)",
            "correction2": f"t.{op}(correction=2)",
            "unbiased_true": f"t.{op}(unbiased=True)",
            "unbiased_false": f"t.{op}(unbiased=False)",
            "positional_unbiased_false": f"t.{op}(False)",
            "dim_unbiased_false": f"t.{op}(dim=1, unbiased=False)",
            "positional_dim_unbiased": f"t.{op}(0, False)",
            "positional_dim_unbiased_true": f"t.{op}(1, True)",
            "dim_correction0": f"t.{op}(dim=0, correction=0)",
            "dim_correction0_keepdim": f"t.{op}(dim=1, correction=0, keepdim=True)",
            "dim_tuple_correction": f"t.{op}(dim=(0, 1), correction=0)",
            "fn_unbiased_false": f"torch.{op}(t, unbiased=False)",
            "fn_dim_correction": f"torch.{op}(t, dim=0, correction=0)",
            "fn_positional": f"torch.{op}(t, 1, False)",
            "correction_equals_n": f"t.{op}(dim=0, correction=3)",
            "correction_above_n": f"t.{op}(dim=1, correction=5)",
            "single_element_dim": f"t[:, :1].{op}(dim=1)",
            "single_element": f"torch.tensor([4.]).{op}()",
            "two_elements_correction2": f"torch.tensor([1., 2.]).{op}(correction=2)",
            "inf": f"torch.tensor([float('inf'), float('inf')]).{op}()",
            "inf_and_finite": f"torch.tensor([float('inf'), 1.]).{op}()",
            "nan": f"torch.tensor([1., float('nan'), 2.]).{op}()",
            "empty": f"torch.tensor([]).{op}()",
            "float64": f"torch.tensor([1., 2., 4.], dtype=torch.float64).{op}()",
            "tenths": f"torch.tensor([0.1, 0.2, 0.3, 0.4]).{op}()",
            "tenths_item": f"torch.tensor([0.1, 0.2, 0.3, 0.4]).{op}().item()",
        }
        for key, expr in forms.items():
            uses_t = re.search(r"\bt\b", expr) is not None
            add(f"reduce/{op}/options/{key}", f"{setup}\n{expr}" if uses_t else expr)

    # max / min with dim: the (values, indices) pair
    setup = "t = torch.tensor([[1., 0., 0., 2.], [0., 3., 3., 0.], [4., 0., 0., 5.]])"
    for op in ("max", "min"):
        pair = {
            "values": f"t.{op}(dim=1).values",
            "indices": f"t.{op}(dim=1).indices",
            "index0": f"t.{op}(dim=0)[0]",
            "index1": f"t.{op}(dim=0)[1]",
            "index_negative": f"t.{op}(dim=0)[-1]",
            "unpack": f"values, indices = t.{op}(dim=1)\nvalues\nindices",
            "unpack_fn": f"v, i = torch.{op}(t, 0)\nprint(v)\nprint(i)",
            "print": f"print(t.{op}(dim=0))",
            "assigned": f"r = t.{op}(dim=1, keepdim=True)\nr",
            "values_keepdim": f"t.{op}(dim=0, keepdim=True).values",
            "values_sum": f"t.{op}(dim=1).values.sum()",
            "indices_tolist": f"t.{op}(dim=1).indices.tolist()",
            "values_shape": f"t.{op}(dim=1).values.shape",
            "in_tuple": f"(t.{op}(), t.{op}(dim=1).indices)",
            "in_list": f"[t.{op}(dim=0).values]",
            "int": f"torch.tensor([[3, 7], [7, 3]]).{op}(dim=1)",
            "int32": f"torch.tensor([[3, 7], [7, 3]], dtype=torch.int32).{op}(dim=0)",
            "float64": f"torch.tensor([0.5, 1.5], dtype=torch.float64).{op}(dim=0)",
            "bool": f"torch.tensor([[True, False], [False, False]]).{op}(dim=1)",
            "bool_all": f"torch.tensor([True, False]).{op}()",
            "nan_row": f"torch.tensor([[1., float('nan'), 3.], [2., 1., float('nan')]]).{op}(dim=1)",
            "nan_column": f"torch.tensor([[1., float('nan')], [float('nan'), 0.]]).{op}(dim=0)",
            "inf": f"torch.tensor([[float('-inf'), float('inf')], [0., 1.]]).{op}(dim=1)",
            "ties_all_equal": f"torch.tensor([[2., 2., 2.], [1., 1., 1.]]).{op}(dim=1)",
            "0d": f"torch.tensor(5.).{op}(dim=0)",
            "0d_keepdim": f"torch.tensor(5.).{op}(dim=-1, keepdim=True)",
            "3d": f"torch.arange(24.).reshape(2, 3, 4).{op}(dim=1)",
            "3d_keepdim": f"(torch.arange(24.).reshape(2, 3, 4) % 5).{op}(dim=-1, keepdim=True)",
            "4d": f"(torch.arange(16).reshape(2, 2, 2, 2) % 3).{op}(dim=0)",
            "empty_3x0_dim0": f"torch.zeros(3, 0).{op}(dim=0)",
            "empty_3x0_dim1_reduces_size_0": f"torch.zeros(3, 0).{op}(dim=1)",
            "attribute_of_0d": f"torch.tensor([4., 1., 4.]).{op}(dim=0).indices",
        }
        for key, expr in pair.items():
            prog = expr if expr.startswith("torch.") or expr.startswith("(torch.") else f"{setup}\n{expr}"
            add(f"reduce/{op}/pair/{key}", prog)

    # NaN and inf through every reduction
    nan_inputs = {
        "nan": "torch.tensor([1., float('nan'), 3., float('nan')])",
        "inf": "torch.tensor([1., float('inf'), -2.])",
        "neg_inf": "torch.tensor([1., float('-inf'), -2.])",
        "inf_neg_inf": "torch.tensor([float('inf'), float('-inf')])",
        "nan_2d": "torch.tensor([[0., float('nan')], [2., 1.]])",
        "all_nan": "torch.tensor([float('nan'), float('nan')])",
    }
    for key, expr in nan_inputs.items():
        for op in REDUCE_OPS:
            add(f"reduce/{op}/special/{key}", f"t = {expr}\nt.{op}()")
        if key == "nan_2d":
            for op in ("sum", "mean", "amax", "amin", "argmax", "argmin", "max", "min", "all", "count_nonzero"):
                add(f"reduce/{op}/special/{key}_dim0", f"t = {expr}\nt.{op}(dim=0)")

    # Empty tensors
    empties = {
        "empty_1d": ("torch.tensor([])", [None]),
        "zeros_0x3": ("torch.zeros(0, 3)", [None, 0, 1]),
        "int_empty": ("torch.tensor([], dtype=torch.int64)", [None]),
        "bool_empty": ("torch.zeros(0, dtype=torch.bool)", [None]),
    }
    for key, (expr, dims) in empties.items():
        for op in REDUCE_OPS:
            for d in dims:
                suffix = "all" if d is None else f"dim{d}"
                arg = "" if d is None else f"dim={d}"
                add(f"reduce/{op}/{key}/{suffix}", f"t = {expr}\nt.{op}({arg})")
    for op in ("sum", "max", "argmax", "all", "mean", "amin"):
        add(f"reduce/{op}/zeros_3x0/dim1", f"torch.zeros(3, 0).{op}(dim=1)")
        add(f"reduce/{op}/zeros_3x0/dim1_keepdim", f"torch.zeros(3, 0).{op}(dim=1, keepdim=True)")

    # Ties: the first index wins
    add("reduce/ties/argmax_1d", "torch.tensor([1, 3, 3, 2, 3]).argmax()")
    add("reduce/ties/argmin_1d", "torch.tensor([2, 1, 3, 1]).argmin()")
    add("reduce/ties/argmax_all_equal", "torch.ones(2, 3).argmax()")
    add("reduce/ties/argmin_all_equal_dim", "torch.zeros(2, 3).argmin(dim=1)")
    add("reduce/ties/argmax_bool_float", "torch.tensor([[0., 1., 1.], [1., 1., 0.]]).argmax(dim=1)")
    add("reduce/ties/max_dim0", "torch.tensor([[7, 1], [7, 1], [0, 9]]).max(dim=0)")
    add("reduce/ties/argmax_neg_zero", "torch.tensor([-0., 0.]).argmax()")
    add("reduce/ties/argmax_large_1d", "(torch.arange(2000) % 7).argmax()")
    add("reduce/ties/argmin_large_2d", "(torch.arange(2000).reshape(40, 50) % 13).argmin(dim=1)")

    # Result dtypes and values of note
    add("reduce/dtype/sum_bool", "torch.tensor([True, True, False]).sum()")
    add("reduce/dtype/sum_bool_dim", "torch.tensor([[True, True], [False, True]]).sum(dim=0)")
    add("reduce/dtype/sum_int32", "torch.tensor([1, 2], dtype=torch.int32).sum()")
    add("reduce/dtype/prod_int32", "torch.tensor([3, 4], dtype=torch.int32).prod()")
    add("reduce/dtype/prod_bool", "torch.tensor([True, True]).prod()")
    add("reduce/dtype/amax_int32", "torch.tensor([3, 4], dtype=torch.int32).amax()")
    add("reduce/dtype/max_int32", "torch.tensor([3, 4], dtype=torch.int32).max()")
    add("reduce/dtype/count_nonzero_float", "torch.tensor([0., 1.5, -2.]).count_nonzero()")
    add("reduce/dtype/all_int", "torch.tensor([1, 2, 0]).all()")
    add("reduce/dtype/any_float", "torch.tensor([0., 0.]).any()")
    add("reduce/dtype/norm_float64", "torch.tensor([3., 4.], dtype=torch.float64).norm()")
    add("reduce/dtype/mean_float64", "torch.tensor([1., 2.], dtype=torch.float64).mean()")
    add("reduce/dtype/prod_overflow_int64", "torch.tensor([2 ** 32, 2 ** 32]).prod()")
    # Floating sums and means in PyTorch's own order, every bit shown by
    # .tolist(): rows shorter and longer than a vector, columns in groups of
    # four and of four vectors, tuples of dims, and sums long enough to cascade.
    data = "(torch.arange({n}.) * 7919 % 1000 / 37 - 13)"
    for key, (n, shape, dtype, call) in {
        "f32_row_short": (6, "6", "float32", "sum()"),
        "f32_row_vectors": (29, "29", "float32", "sum()"),
        "f64_row_vectors": (11, "11", "float64", "sum()"),
        "f32_rows": (90, "9, 10", "float32", "sum(dim=1)"),
        "f64_columns_few": (54, "9, 6", "float64", "sum(dim=0)"),
        "f32_columns_few": (35, "7, 5", "float32", "sum(dim=0)"),
        "f32_columns_vectors": (260, "5, 52", "float32", "sum(dim=0)"),
        "f64_columns_vectors": (231, "7, 33", "float64", "sum(dim=0)"),
        "f32_middle_dim": (255, "3, 17, 5", "float32", "sum(dim=1)"),
        "f64_outer_and_inner": (255, "3, 17, 5", "float64", "sum(dim=(0, 2))"),
        "f32_mean_last": (256, "2, 8, 16", "float32", "mean(dim=-1)"),
        "f64_mean_whole": (1000, "1000", "float64", "mean()"),
        "f32_cascade": (20000, "20000", "float32", "sum()"),
        "f32_cascade_columns": (6000, "300, 20", "float32", "sum(dim=0, keepdim=True)"),
        # Variances as PyTorch computes them: Welford along dims, two
        # passes around its own mean for a single result.
        "var_f64_dim": (40, "4, 10", "float64", "var(dim=1)"),
        "std_f64_dim0": (40, "4, 10", "float64", "std(dim=0, correction=0)"),
        "var_f64_whole": (37, "37", "float64", "var()"),
        "std_f64_whole_2d": (60, "6, 10", "float64", "std()"),
        "std_f32_dim": (90, "9, 10", "float32", "std(dim=-1)"),
        "var_f32_whole": (100, "100", "float32", "var(unbiased=False)"),
        "var_f64_single_lane": (12, "1, 12", "float64", "var(dim=1)"),
        # An L1 norm adds |x| one by one in the tensor's precision.
        "norm1_f32_rows": (90, "9, 10", "float32", "norm(p=1, dim=1)"),
        "norm1_f32_columns": (90, "9, 10", "float32", "norm(p=1, dim=0)"),
        "norm1_f32_whole": (300, "300", "float32", "norm(p=1)"),
    }.items():
        order_case(key, data, n, shape, dtype, f"t.{call}")
    # A view is summed where it lies in memory, in the order its strides
    # give PyTorch's TensorIterator: sliced rows and columns, steps, a
    # selected column, a slice of a slice.
    for key, (n, shape, dtype, view, call) in {
        "view_f32_columns_cut": (372, "31, 12", "float32", "[:, :4]", "sum()"),
        "view_f32_step": (35, "35", "float32", "[::3]", "sum()"),
        "view_f64_column_step": (782, "34, 23", "float64", "[:, ::3]", "sum()"),
        "view_f32_inner_step_keepdim": (4940, "13, 20, 19", "float32", "[:, :, ::2]", "sum(dim=0, keepdim=True)"),
        "view_f32_middle_cut": (18876, "26, 22, 33", "float32", "[:, 7:, :]", "sum()"),
        "view_f32_mean_steps": (1862, "7, 14, 19", "float32", "[2:, ::2, :]", "mean()"),
        "view_f64_rows_cut": (1221, "37, 33", "float64", "[4:, 29:]", "sum(dim=1)"),
        "view_f32_selected_column": (600, "40, 15", "float32", "[:, 3]", "sum()"),
        "view_f64_std_cut": (600, "30, 20", "float64", "[:, 1:]", "std()"),
        "view_f32_slice_of_slice": (1200, "40, 30", "float32", "[1:][:, ::2]", "sum(dim=(0, 1))"),
    }.items():
        order_case(key, data, n, shape, dtype, f"t{view}.{call}")
    # Floating products in PyTorch's order: long contiguous lines in four
    # vectors lane by lane, contiguous columns, the blocks of a view.
    near_one = "(torch.arange({n}.) * 7919 % 1000 / 1000 + 0.5)"
    for key, (n, shape, dtype, view, call) in {
        "prod_f32_long_line": (77, "77", "float32", "", "prod()"),
        "prod_f64_rows": (300, "6, 50", "float64", "", "prod(dim=1)"),
        "prod_f32_columns": (360, "9, 40", "float32", "", "prod(dim=0)"),
        "prod_f32_view_blocks": (800, "20, 40", "float32", "[:, 2:]", "prod()"),
        "prod_f64_view_rows": (900, "30, 30", "float64", "[::2, 1:]", "prod(dim=-1)"),
    }.items():
        order_case(key, near_one, n, shape, dtype, f"t{view}.{call}")
    # float32 2-norms along contiguous rows: whole vectors of 8, then the
    # rest four at a time plainly and the last few fused.
    for n, cols in [(200, 5), (240, 6), (280, 7), (520, 13), (600, 15), (360, 3)]:
        order_case(f"norm2_f32_rows_of_{cols}", data, n, f"{n // cols}, {cols}", "float32", "t.norm(dim=1)")
    # Norms in the tensor's own precision, every order, dim=() and empty dims.
    add("reduce/norm/neg_inf", "torch.tensor([5., -3.]).norm(p=float('-inf'))")
    add("reduce/norm/neg_inf_nan", "torch.tensor([5., float('nan')]).norm(p=float('-inf'))")
    add("reduce/norm/neg_inf_dim", "torch.tensor([[5., -3.], [0.5, 2.]]).norm(p=float('-inf'), dim=1)")
    add("reduce/norm/neg_inf_0d", "torch.tensor(-2.).norm(p=float('-inf'))")
    add("reduce/norm/dim_empty_tuple", "torch.tensor([3., 4.]).norm(dim=())")
    add("reduce/norm/dim_empty_list_p1", "torch.tensor([[3., 4.], [1., 2.]]).norm(p=1, dim=[])")
    add("reduce/norm/f32_overflow", "torch.tensor([1e20, 1e20]).norm()")
    add("reduce/norm/f32_underflow", "torch.tensor([1e-30, 1e-30]).norm()")
    add("reduce/norm/f32_p3_overflow", "torch.tensor([1e20, 1e20]).norm(p=3)")
    add("reduce/norm/f32_precision", "torch.tensor([3350.2546] * 6).norm()")
    add("reduce/norm/f64_keeps_range", "torch.tensor([1e20, 1e20], dtype=torch.float64).norm()")
    add("reduce/norm/empty_p1_f64", "torch.zeros(0, dtype=torch.float64).norm(p=1)")
    add("reduce/norm/empty_neg", "torch.zeros(0).norm(p=-1)")
    add("reduce/norm/empty_inf", "torch.zeros(0).norm(p=float('inf'))")
    add("reduce/norm/empty_neg_half", "torch.zeros(0).norm(p=-0.5)")
    add("reduce/norm/empty_dim_as_written", "torch.zeros(0, 3).norm(p=-1, dim=-2)")
    add("reduce/norm/empty_tensor_full_dim", "torch.zeros(0, 3).norm(p=-1, dim=1)")
    add("reduce/norm/empty_p3", "torch.zeros(0).norm(p=3)")
    add("reduce/norm/zeros_neg", "torch.tensor([0., 2.]).norm(p=-2)")
    add("reduce/norm/nan_first_neg_inf", "torch.tensor([float('nan'), -2.5, 4.]).norm(p=float('-inf'))")
    add("reduce/norm/nan_first_inf", "torch.tensor([float('nan'), -2.5, 4.]).norm(p=float('inf'))")
    add("reduce/norm/one_element_no_overflow", "torch.tensor([9.456e20]).norm()")
    add("reduce/norm/lanes_of_one", "torch.tensor([[1.5e20], [3.3e-20]]).norm(p=3, dim=1).tolist()")
    add("reduce/norm/one_element_f64_p", "torch.tensor([[1.5e20]], dtype=torch.float64).norm(p=1.5, dim=1).tolist()")
    add("reduce/norm/0d_tiny", "torch.tensor(1.5e-20).norm().tolist()")
    add("reduce/norm/int_before_empty_dims", "torch.zeros(0, 0, dtype=torch.int64).norm(p=float('inf'), dim=(-1, 0))")
    add("reduce/norm/int_before_repeated_dims", "torch.zeros(2, 0, dtype=torch.int32).norm(dim=(1, -1))")
    add("reduce/norm/int_with_float_dtype", "torch.tensor([1, 2]).norm(dtype=torch.float64)")
    # Tensor.norm and torch.norm are Python functions, named as CPython names them.
    for key, call in {
        "method_unknown_keyword": "t.norm(foo=1)",
        "function_unknown_keyword": "torch.norm(t, foo=1)",
        "method_too_many": "t.norm(2, 0, False, None, 5)",
        "function_too_many": "torch.norm(t, 2, 0, False, None, None, 5)",
        "function_out_none": "torch.norm(t, 2, 0, False, None)",
        "method_twice": "t.norm(2, p=2)",
        "function_twice": "torch.norm(t, 2, p=2)",
        "ord_tuple": "t.norm(p=(1,))",
        "ord_tuple_positional": "torch.norm(t, (1,))",
    }.items():
        add(f"errors/norm/{key}", f"t = torch.tensor([1., 2.])\n{call}")
    for key, call in {
        "keepdim_tuple": "t.norm(2, 0, (0,))",
        "keepdim_int": "t.norm(2, 0, 1)",
        "keepdim_none": "t.norm(2, 0, None)",
        "dim_bool": "t.norm(-3, True)",
        "dim_float": "t.norm(2, dim=1.5)",
    }.items():
        add(f"errors/norm/{key}", f"t = torch.arange(24.).reshape(2, 3, 4)\n{call}")
    # The variance of nothing is nan, whatever the correction.
    add("reduce/var/empty_negative_correction", "torch.zeros(0).var(correction=-1)")
    add("reduce/std/empty_lanes_negative_correction", "torch.zeros(2, 0).std(dim=1, correction=-2)")
    add("reduce/all/dim_empty_tuple", "torch.tensor([1., 0.]).all(dim=())")
    add("reduce/any/dim_empty_keepdim", "torch.tensor([[1., 0.], [0., 0.]]).any(dim=(), keepdim=True)")
    add("reduce/all/dim_empty_function", "torch.all(torch.tensor([[2, 0]]), dim=[])")
    add("reduce/all/dim_empty_empty", "torch.zeros(2, 0).all(dim=())")
    add("reduce/all/dim_empty_0d", "torch.tensor(0.).any(dim=())")
    add("reduce/sum/dim_empty_tuple_all", "torch.tensor([[1., 2.], [3., 4.]]).sum(dim=())")
    add(
        "reduce/order/var_f64_welford",
        "torch.tensor([[6.15, 7.8256, 7.31, -1.491, 0.89, 6.0], [-9.872, 3.9, 0.815, 0.250, 9.416, 0.5125]], "
        "dtype=torch.float64).var(unbiased=False, dim=-1).tolist()",
    )
    add(
        "reduce/order/std_f64_welford",
        "torch.tensor([[3.259, -7.64, -8.0954], [-5.3356, -2.44, 9.47], [-3.4, 8.2, -9.1]], "
        "dtype=torch.float64).std(dim=-1).tolist()",
    )
    add(
        "reduce/order/f64_plain_order_differs",
        "torch.tensor([[6.9, -4.8986, 5.2192, 3.03, -8.1], [7.8663, -1.3, 3.917, 4.43, 1.8]], "
        "dtype=torch.float64).sum().item()",
    )
    add("reduce/dtype/sum_int64_large", "torch.tensor([2 ** 62, 2 ** 62]).sum()")
    add("reduce/values/sum_tenths", "torch.tensor([0.1, 0.2, 0.3]).sum()")
    add("reduce/values/sum_tenths_item", "torch.tensor([0.1, 0.2, 0.3]).sum().item()")
    add("reduce/values/sum_seven_item", "torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]).sum().item()")
    add("reduce/values/mean_tenths_item", "torch.tensor([0.1, 0.2, 0.3, 0.4]).mean().item()")
    add("reduce/values/mean_thirds", "torch.tensor([1., 2., 2.]).mean()")
    add("reduce/values/mean_item_third", "torch.tensor([1., 0., 0.]).mean().item()")
    add("reduce/values/norm_345", "torch.tensor([3., 4.]).norm()")
    add("reduce/values/norm_item", "torch.tensor([1., 1.]).norm().item()")
    add("reduce/values/std_item", "torch.tensor([1., 2., 3., 4.]).std().item()")
    add("reduce/values/prod_fraction", "torch.tensor([0.5, 0.5, 3.]).prod()")
    add("reduce/values/sum_large_ones", "torch.ones(1000, 1000).sum()")
    add("reduce/values/sum_arange_large", "torch.arange(100000).sum()")
    add("reduce/values/mean_ones_large", "torch.ones(30, 40).mean(dim=0)")
    add("reduce/values/sum_quarters_large", "(torch.arange(64.) / 4).sum()")
    add("reduce/values/sum_arange_float_large", "torch.arange(1000.).sum()")
    add("reduce/values/amax_large", "(torch.arange(5000) % 97).amax()")
    add("reduce/values/count_nonzero_large", "(torch.arange(3000) % 3).count_nonzero()")

    # Chains of reductions and reductions of expressions
    add("reduce/chain/sum_then_argmax", """
        t = torch.tensor([[1., 0., 0., 2.], [0., 3., 3., 0.], [4., 0., 0., 5.]])
        t.sum(dim=0).argmax()
    """)
    add("reduce/chain/sum_sum", "torch.arange(24).reshape(2, 3, 4).sum(dim=2).sum(dim=0)")
    add("reduce/chain/max_values_mean", "torch.arange(12.).reshape(3, 4).max(dim=1).values.mean()")
    add("reduce/chain/via_variable", """
        t = torch.arange(12.).reshape(3, 4)
        u = t.sum(dim=1)
        u.max()
    """)
    add("reduce/chain/of_comparison", "(torch.arange(10) > 3).all(dim=0)")
    add("reduce/chain/keepdim_then_squeeze_index", "torch.arange(6).reshape(2, 3).sum(dim=1, keepdim=True)[:, 0]")
    add("reduce/chain/predicted_classes", """
        scores = torch.tensor([[0.1, 2.0, -1.0, 0.3, 0.0, 0.5, 1.1, -0.2, 0.7, 0.4],
                               [1.5, 0.2, 0.1, 0.0, 3.2, -0.5, 0.3, 0.9, 1.0, 0.6],
                               [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
                               [2.5, 2.5, 0.0, 1.0, 1.0, 0.0, -1.0, 0.5, 0.5, 2.0]])
        scores.argmax(dim=1)
    """)
    # max() and min() of a whole tensor return 0. or -0. by the order of
    # their own kernel (src/tensor/extreme.rs): shorter than a vector, the
    # later of equal elements; longer, lane by lane and then across lanes.
    zeros = {
        "pair_f32": ("[0., -0.]", "float32"),
        "pair_reversed_f32": ("[-0., 0.]", "float32"),
        "pair_f64": ("[0., -0.]", "float64"),
        "nine_f32": ("[-1., 0., -0., -2., 0., -0., -0., 0., -0.]", "float32"),
        "seventeen_f32": ("[0., -0., -0., 0., -1., 0., -0., -0., -0., 0., 0., -0., -2., -0., 0., -0., 0.]", "float32"),
        "thirteen_f64": ("[-0., 0., -1., -0., 0., 0., -0., -0., 0., -0., 0., -0., -0.]", "float64"),
    }
    for key, (data, dtype) in zeros.items():
        add(f"reduce/signed_zero/max_{key}", f"t = torch.tensor({data}, dtype=torch.{dtype})\nt.max(), (-t).min()")
    add("reduce/signed_zero/of_a_transposed_view", """
        t = torch.tensor([[0., -0., -0., 0., -1.], [-0., 0., 0., -0., -0.]])
        t.T.max(), torch.max(t.T), t.T.min(), t.max(dim=0).values, t.amax()
    """)
    add("reduce/signed_zero/nan_wins", "torch.tensor([0., -0., float('nan'), -0., 0., 0., -0., 0., -0.]).max()")


# ---------------------------------------------------------------------------
# print/: tensor repr edge cases, torch.Size, Python values
# ---------------------------------------------------------------------------


def cases_logsumexp():
    """`logsumexp`: values to the last bit, its dims, dtypes, errors, edges."""
    T = "t = torch.tensor([[1.5, -2.25, 3.0, 0.8], [-0.5, 2.5, -1.25, 4.0], [3.5, 0.25, -3.0, 1.75]])"
    add("reduce/logsumexp/dim1", f"{T}\nt.logsumexp(1)")
    add("reduce/logsumexp/dim0_bits", f"{T}\nt.logsumexp(dim=0).tolist()")
    add("reduce/logsumexp/torch_tuple", f"{T}\ntorch.logsumexp(t, (0, 1)).tolist()")
    add("reduce/logsumexp/negative_keepdim", f"{T}\nt.logsumexp(-1, keepdim=True)")
    add("reduce/logsumexp/axis_keepdims", f"{T}\nt.logsumexp(axis=0, keepdims=True).tolist()")
    add("reduce/logsumexp/transposed", f"{T}\nt.T.logsumexp(1).tolist()")
    add("reduce/logsumexp/float64", "torch.arange(20.).reshape(4, 5).double().logsumexp(1).tolist()")
    add("reduce/logsumexp/long_lanes", "(torch.arange(60.).reshape(3, 20) / 7).logsumexp(1).tolist()")
    add("reduce/logsumexp/long_columns", "(torch.arange(60.).reshape(20, 3) / 7).logsumexp(0).tolist()")
    add("reduce/logsumexp/int_is_float32", "torch.logsumexp(torch.tensor([1, 2, 3]), 0)")
    add("reduce/logsumexp/bool", "torch.tensor([True, False]).logsumexp(0).tolist()")
    add("reduce/logsumexp/large", "torch.tensor([1000., 1000.]).logsumexp(0).item()")
    add("reduce/logsumexp/inf", "torch.tensor([float('inf'), 1.]).logsumexp(0)")
    add("reduce/logsumexp/all_minus_inf", "torch.tensor([float('-inf'), float('-inf')]).logsumexp(0)")
    add("reduce/logsumexp/nan", "torch.tensor([float('nan'), 1.]).logsumexp(0)")
    add("reduce/logsumexp/empty_lanes", "torch.zeros(0, 3).logsumexp(0)")
    add("reduce/logsumexp/no_lanes", "torch.zeros(3, 0).logsumexp(0)")
    add("reduce/logsumexp/zero_d", "torch.tensor(2.5).logsumexp(0)")
    add("reduce/logsumexp/zero_d_bad_dim", "torch.tensor(2.5).logsumexp(1)")
    add("reduce/logsumexp/no_dim", f"{T}\nt.logsumexp()")
    add("reduce/logsumexp/dim_none", f"{T}\ntorch.logsumexp(t, dim=None)")
    add("reduce/logsumexp/dim_out_of_range", f"{T}\nt.logsumexp(2)")
    add("reduce/logsumexp/repeated_dim", f"{T}\nt.logsumexp((1, -1))")
    add("reduce/logsumexp/keepdim_not_bool", f"{T}\nt.logsumexp(0, 1)")
    add("reduce/logsumexp/unknown_keyword", f"{T}\nt.logsumexp(0, keep=True)")


def cases_names():
    """Misspelt names and attributes: Python's own error, with the REPL's
    "Did you mean" (none among a tensor's or torch's many attributes)."""
    T = "t = torch.tensor([1., 2.])"
    add("errors/names/tensor_typo", f"{T}\nt.summ()")
    add("errors/names/tensor_case", f"{T}\nt.Sum()")
    add("errors/names/torch_typo", "torch.summ")
    add("errors/names/torch_function_typo", "torch.tensr([1, 2])")
    add("errors/names/numpy_typo", "np.summ")
    add("errors/names/numpy_case", "np.Sum")
    add("errors/names/numpy_array_typo", "np.arrray([1])")
    add("errors/names/variable_typo", f"{T}\ntt")
    add("errors/names/variable_case", "u = 1\nU")
    add("errors/names/first_of_equals", "x1 = 1\nx2 = 2\nx3")
    add("errors/names/module_typo", "torh.tensor([1])")
    add("errors/names/builtin_typo", "prnt(1)")
    add("errors/names/builtin_len_typo", "lenn([1])")
    add("errors/names/builtin_constant", "Tru")
    add("errors/names/nothing_close", "zzz")
    add("errors/names/too_long", "a_name_that_is_much_longer_than_forty_characters_x = 1\na_name_that_is_much_longer_than_forty_characters_y")
    add("errors/names/global_before_builtin", "lem = 1\nlen2 = 2\nle")


def cases_along():
    """Operations along a dim that keep the shape: cumsum, cumprod, softmax,
    log_softmax (methods, torch. and torch.nn.functional forms)."""
    T = "t = torch.tensor([[1.5, -2.25, 3.0, 0.8], [-0.5, 2.5, -1.25, 4.0], [3.5, 0.25, -3.0, 1.75]])"
    I = "i = torch.tensor([[1, 2, 3], [4, 5, 6]])"
    F = "import torch.nn.functional as F"
    for op in ["cumsum", "cumprod"]:
        add(f"reduce/{op}/dim1_bits", f"{T}\nt.{op}(1).tolist()")
        add(f"reduce/{op}/dim0", f"{T}\nt.{op}(dim=0)")
        add(f"reduce/{op}/torch_negative", f"{T}\ntorch.{op}(t, -1).tolist()")
        add(f"reduce/{op}/transposed", f"{T}\nt.T.{op}(0).tolist()")
        add(f"reduce/{op}/int", f"{I}\ni.{op}(1)")
        add(f"reduce/{op}/bool", f"torch.tensor([True, False, True]).{op}(0)")
        add(f"reduce/{op}/int32", f"{I}\ni.int().{op}(0)")
        add(f"reduce/{op}/dtype", f"{I}\ni.{op}(0, dtype=torch.float64)")
        add(f"reduce/{op}/dtype_to_int", f"{T}\nt.{op}(1, dtype=torch.int64)")
        add(f"reduce/{op}/zero_d", f"torch.tensor(2.5).{op}(0)")
        add(f"reduce/{op}/empty", f"torch.zeros(0, 3).{op}(0)")
        add(f"reduce/{op}/nan", f"torch.tensor([1., float('nan'), 2.]).{op}(0)")
        add(f"reduce/{op}/inf", f"torch.tensor([float('inf'), 1., float('-inf')]).{op}(0)")
        add(f"reduce/{op}/no_dim", f"{T}\nt.{op}()")
        add(f"reduce/{op}/dim_out_of_range", f"{T}\nt.{op}(2)")
        add(f"reduce/{op}/dim_tuple", f"{T}\nt.{op}((0, 1))")
        add(f"reduce/{op}/dim_none", f"{T}\nt.{op}(None)")
        add(f"reduce/{op}/keepdim", f"{T}\nt.{op}(0, keepdim=True)")
    add("reduce/cumsum/float32_accumulates_wide", "torch.tensor([16777216., 1., 1.]).cumsum(0).tolist()")
    add("reduce/cumsum/long_lane", "(torch.arange(40.) / 7).cumsum(0).tolist()")
    add("reduce/cumprod/overflow_wraps", "torch.tensor([2**40, 2**40, 3]).cumprod(0)")
    for op in ["softmax", "log_softmax"]:
        add(f"reduce/{op}/dim1", f"{T}\nt.{op}(1)")
        add(f"reduce/{op}/dim0", f"{T}\nt.{op}(dim=0)")
        # Along a dim other than the last, of fewer than 8 columns, PyTorch
        # uses the C library's exp: every bit is the playground's to match.
        add(f"reduce/{op}/dim0_bits", f"{T}\nt.{op}(0).tolist()")
        add(f"reduce/{op}/rank3_bits", f"(torch.arange(24.).reshape(2, 3, 4) / 5).{op}(1).tolist()")
        add(f"reduce/{op}/float64_bits", f"{T}\nt.double().{op}(0).tolist()")
        add(f"reduce/{op}/torch", f"{T}\ntorch.{op}(t, -1)")
        add(f"reduce/{op}/torch_dtype", f"{T}\ntorch.{op}(t, 1, torch.float64)")
        add(f"reduce/{op}/dtype_keyword", f"{T}\nt.{op}(1, dtype=torch.float64)")
        add(f"reduce/{op}/functional", f"{T}\n{F}\nF.{op}(t, dim=1)")
        add(f"reduce/{op}/functional_positional", f"{T}\n{F}\nF.{op}(t, 0, 3, torch.float64)")
        add(f"reduce/{op}/functional_full_name", f"{T}\ntorch.nn.functional.{op}(t, -1)")
        add(f"reduce/{op}/functional_implicit_2d", f"{T}\n{F}\nF.{op}(t)")
        add(f"reduce/{op}/functional_implicit_1d", f"{F}\nF.{op}(torch.tensor([1., 2., 3.]))")
        add(f"reduce/{op}/functional_implicit_3d", f"{F}\nF.{op}(torch.arange(8.).reshape(2, 2, 2))")
        add(f"reduce/{op}/functional_not_a_tensor", f"{F}\nF.{op}([1., 2.], 0)")
        add(f"reduce/{op}/functional_no_input", f"{F}\nF.{op}()")
        add(f"reduce/{op}/functional_too_many", f"{T}\n{F}\nF.{op}(t, 0, 3, None, 5)")
        add(f"reduce/{op}/functional_unknown_keyword", f"{T}\n{F}\nF.{op}(t, axis=0)")
        add(f"reduce/{op}/functional_twice", f"{T}\n{F}\nF.{op}(t, 0, dim=1)")
        add(f"reduce/{op}/int", f"{I}\ni.{op}(0)")
        add(f"reduce/{op}/int_last_dim", f"{I}\ni.{op}(1)")
        add(f"reduce/{op}/bool", f"torch.tensor([True, False]).{op}(0)")
        add(f"reduce/{op}/int_with_dtype", f"{I}\ni.{op}(1, dtype=torch.float32)")
        add(f"reduce/{op}/zero_d", f"torch.tensor(2.5).{op}(0)")
        add(f"reduce/{op}/empty", f"torch.zeros(0, 3).{op}(0)")
        add(f"reduce/{op}/empty_lanes", f"torch.zeros(3, 0).{op}(0)")
        add(f"reduce/{op}/nan", f"torch.tensor([1., float('nan'), 2.]).{op}(0)")
        add(f"reduce/{op}/inf", f"torch.tensor([float('inf'), 1., 2.]).{op}(0)")
        add(f"reduce/{op}/minus_inf", f"torch.tensor([float('-inf'), 1., 2.]).{op}(0).tolist()")
        add(f"reduce/{op}/large", f"torch.tensor([[1000., 1001., 999.]]).{op}(0).tolist()")
        add(f"reduce/{op}/no_dim", f"{T}\nt.{op}()")
        add(f"reduce/{op}/dim_out_of_range", f"{T}\nt.{op}(2)")
        add(f"reduce/{op}/dim_tuple", f"{T}\nt.{op}((0, 1))")
        add(f"reduce/{op}/int_dtype", f"{T}\nt.{op}(0, dtype=torch.int64)")


def cases_functions():
    """Element-wise functions: exp, log, sqrt, square, sigmoid, tanh, relu,
    isnan, clamp/clip, maximum, minimum. Fewer than 16 elements: PyTorch
    computes them one by one with the C library's maths, so every bit of
    `.tolist()` is checked; longer tensors by their printed values."""
    T = "t = torch.tensor([[1.5, -2.25, 3.0, 0.8], [-0.5, 2.5, -1.25, 4.0]])"
    I = "i = torch.tensor([1, -2, 3])"
    B = "b = torch.tensor([True, False])"
    E = "e = torch.tensor([0., -0., float('inf'), float('-inf'), float('nan'), 1e-8, 88., -104.])"
    F = "import torch.nn.functional as F"
    for op in ["exp", "log", "sqrt", "square", "sigmoid", "tanh", "relu", "isnan"]:
        # PyTorch computes exp, log, sqrt, sigmoid and tanh with MKL's or
        # SLEEF's maths, whose last bit the playground does not reproduce
        # (docs/decisions.md): their values are checked as printed.
        bits = ".tolist()" if op in ("square", "relu", "isnan") else ""
        add(f"elementwise/{op}/bits", f"{T}\nt.{op}(){bits}")
        add(f"elementwise/{op}/torch", f"{T}\ntorch.{op}(t)")
        add(f"elementwise/{op}/edges", f"{E}\ne.{op}(){bits}")
        add(f"elementwise/{op}/float64", f"{T}\nt.double().{op}(){bits}")
        add(f"elementwise/{op}/int", f"{I}\ni.{op}()")
        add(f"elementwise/{op}/int32", f"{I}\ni.int().{op}()")
        add(f"elementwise/{op}/bool", f"{B}\nb.{op}()")
        add(f"elementwise/{op}/zero_d", f"torch.tensor(0.5).{op}()")
        add(f"elementwise/{op}/empty", f"torch.zeros(0, 2).{op}()")
        add(f"elementwise/{op}/long", f"(torch.arange(40.).reshape(4, 10) / 7 - 2).{op}()")
        add(f"elementwise/{op}/transposed", f"{T}\nt.T.{op}().sum(dim=0){bits}")
        add(f"elementwise/{op}/argument", f"{T}\nt.{op}(1)")
        add(f"elementwise/{op}/keyword", f"{T}\nt.{op}(x=1)")
        add(f"elementwise/{op}/torch_no_input", f"torch.{op}()")
        add(f"elementwise/{op}/torch_list", f"torch.{op}([1., 2.])")
    for op in ["sigmoid", "tanh", "relu"]:
        add(f"elementwise/{op}/functional", f"{T}\n{F}\nF.{op}(t)")
        add(f"elementwise/{op}/functional_keyword", f"{T}\n{F}\nF.{op}(input=t)")
        add(f"elementwise/{op}/functional_no_input", f"{F}\nF.{op}()")
    add("elementwise/relu/functional_inplace_false", f"{T}\n{F}\nF.relu(t, False)")
    add("elementwise/relu/functional_list", f"{F}\nF.relu([1., -1.])")
    add("elementwise/relu/minus_zero", "torch.tensor([-0., 0., -1.]).relu().tolist()")
    for name in ["clamp", "clip"]:
        add(f"elementwise/{name}/both", f"{T}\nt.{name}(-1, 2)")
        add(f"elementwise/{name}/min", f"{T}\nt.{name}(min=0).tolist()")
        add(f"elementwise/{name}/max", f"{T}\ntorch.{name}(t, max=1.1).tolist()")
        add(f"elementwise/{name}/none", f"{T}\nt.{name}()")
        add(f"elementwise/{name}/int", f"{I}\ni.{name}(0)")
        add(f"elementwise/{name}/int_float_bound", f"{I}\ni.{name}(min=0.5)")
        add(f"elementwise/{name}/bool", f"{B}\nb.{name}(0, 1)")
        add(f"elementwise/{name}/reversed", f"{T}\nt.{name}(2, 1)")
        add(f"elementwise/{name}/nan", "torch.tensor([1., float('nan')]).%s(0, 1)" % name)
        add(f"elementwise/{name}/nan_bound", "torch.tensor([1., 2.]).%s(min=float('nan'))" % name)
        add(f"elementwise/{name}/float64", f"{T}\nt.double().{name}(-0.1, 0.1).tolist()")
        add(f"elementwise/{name}/string", f"{T}\nt.{name}('a')")
    add("elementwise/clamp/bound_rounds_to_float32", "torch.tensor([0.1]).clamp(min=0.1).tolist()")
    for op in ["maximum", "minimum"]:
        add(f"elementwise/{op}/same_shape", f"{T}\ntorch.{op}(t, -t).tolist()")
        add(f"elementwise/{op}/broadcast", f"{T}\nt.{op}(torch.tensor([[0.], [1.]]))")
        add(f"elementwise/{op}/int_float", f"{I}\ntorch.{op}(i, torch.tensor([1.5, -2., 0.]))")
        add(f"elementwise/{op}/bool", f"{B}\nb.{op}(torch.tensor([False, False]))")
        add(f"elementwise/{op}/zero_d", f"{I}\ntorch.{op}(i, torch.tensor(2))")
        add(f"elementwise/{op}/zero_d_float", f"{I}\ntorch.{op}(i, torch.tensor(2.5))")
        add(f"elementwise/{op}/nan", "torch.%s(torch.tensor([1., float('nan')]), torch.tensor([float('nan'), 2.]))" % op)
        add(f"elementwise/{op}/number", f"{T}\ntorch.{op}(t, 1)")
        add(f"elementwise/{op}/mismatch", f"{I}\ntorch.{op}(i, torch.tensor([1, 2]))")
        add(f"elementwise/{op}/no_other", f"{T}\nt.{op}()")
        add(f"elementwise/{op}/empty", f"torch.{op}(torch.zeros(0, 2), torch.zeros(2))")


# ---------------------------------------------------------------------------
# products/: matmul, @, mm, mv, dot, outer, bmm, einsum
# ---------------------------------------------------------------------------


def cases_products():
    """Products: every rank case of matmul and its spellings, mm, mv, dot,
    outer, bmm, their errors in PyTorch's order, dtypes, empty and 0-d
    inputs, NaN. Float32 products go through MKL in PyTorch, whose order of
    adding depends on the sizes and the CPU: values whose every bit is
    checked (`.tolist()`) are integers, exact in any order, or small float
    products that PyTorch adds in order; the others are checked as printed."""
    A = "a = torch.tensor([[1., 2., 3.], [4., 5., 6.]])"
    B = "b = torch.tensor([[1., -1.], [0.5, 2.], [-2., 0.25]])"
    R = "r = torch.tensor([[0.3, -1.2, 2.5], [1.7, 0.4, -0.9]])"
    S = "s = torch.tensor([[1.1, -0.6], [0.25, 2.2], [-1.3, 0.8]])"
    V = "v = torch.tensor([1., -2., 0.5])"
    W = "w = torch.tensor([3., 0.25, -1.])"
    AB = f"{A}\n{B}"
    # matmul's rank cases, each through `@`.
    add("products/matmul/2d_2d", f"{AB}\na @ b")
    add("products/matmul/2d_2d_bits", f"{AB}\n(a @ b).tolist()")
    add("products/matmul/decimals", f"{R}\n{S}\nr @ s")
    add("products/matmul/decimals_bits", f"{R}\n{S}\n(r @ s).tolist()")
    add("products/matmul/1d_1d", f"{V}\n{W}\nv @ w")
    add("products/matmul/1d_1d_bits", f"{V}\n{W}\n(v @ w).item()")
    add("products/matmul/2d_1d", f"{A}\n{V}\na @ v")
    add("products/matmul/1d_2d", f"{B}\nx = torch.tensor([1., 2., 3.])\nx @ b")
    add("products/matmul/3d_2d", "x = torch.arange(24.).reshape(2, 3, 4)\ny = torch.arange(8.).reshape(4, 2)\nx @ y")
    add("products/matmul/3d_1d", "x = torch.arange(24.).reshape(2, 3, 4)\ny = torch.tensor([1., 0., -1., 2.])\nx @ y")
    add("products/matmul/1d_3d", "x = torch.tensor([1., 0., -1.])\ny = torch.arange(24.).reshape(2, 3, 4)\nx @ y")
    add("products/matmul/2d_3d", "x = torch.arange(6.).reshape(2, 3)\ny = torch.arange(24.).reshape(2, 3, 4)\nx @ y")
    add("products/matmul/3d_3d", "x = torch.arange(12.).reshape(2, 2, 3)\ny = torch.arange(12.).reshape(2, 3, 2)\nx @ y")
    add("products/matmul/broadcast_batch", "x = torch.arange(6.).reshape(1, 2, 3)\ny = torch.arange(24.).reshape(4, 3, 2)\n(x @ y).tolist()")
    add("products/matmul/broadcast_4d", "x = torch.arange(12.).reshape(2, 1, 2, 3)\ny = torch.arange(18.).reshape(3, 3, 2)\n(x @ y).shape")
    add("products/matmul/broadcast_4d_values", "x = torch.arange(12.).reshape(2, 1, 2, 3)\ny = torch.arange(18.).reshape(3, 3, 2)\n(x @ y).tolist()")
    add("products/matmul/4d_1d", "x = torch.arange(24.).reshape(2, 2, 2, 3)\ny = torch.tensor([1., 2., 3.])\nx @ y")
    add("products/matmul/transposed", f"{A}\na.T @ a")
    add("products/matmul/transposed_right", f"{A}\na @ a.T")
    add("products/matmul/strided", f"{A}\n{B}\na[:, ::2] @ b[::2]")
    add("products/matmul/chain", f"{A}\n{B}\na @ b @ torch.tensor([[1., 2.], [3., 4.]])")
    add("products/matmul/then_sum", f"{AB}\n(a @ b).sum(dim=1)")
    add("products/matmul/long_rows", "x = torch.arange(60.).reshape(3, 20) % 7\ny = torch.arange(80.).reshape(20, 4) % 5\n(x @ y).tolist()")
    add("products/matmul/method", f"{AB}\na.matmul(b)")
    add("products/matmul/method_keyword", f"{AB}\na.matmul(other=b)")
    add("products/matmul/torch", f"{AB}\ntorch.matmul(a, b)")
    add("products/matmul/torch_keywords", f"{AB}\ntorch.matmul(input=a, other=b)")
    # dtypes
    add("products/matmul/int", "x = torch.tensor([[1, 2], [3, 4]])\nx @ x")
    add("products/matmul/int32", "x = torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)\nx @ x")
    add("products/matmul/float64", f"{R}\n{S}\nr.double() @ s.double()")
    add("products/matmul/float64_bits", f"{AB}\n(a.double() @ b.double()).tolist()")
    add("products/matmul/int_wraps", "x = torch.tensor([2**62, 2**62])\nx @ torch.tensor([2, 2])")
    add("products/matmul/int_dot", "torch.tensor([1, 2]) @ torch.tensor([3, 4])")
    add("products/matmul/int32_dot", "torch.tensor([1, 2]).int() @ torch.tensor([3, 4]).int()")
    add("products/matmul/mixed_dot", "torch.tensor([1., 2]) @ torch.tensor([3, 4])")
    add("products/matmul/mixed_mv", "torch.ones(2, 3) @ torch.ones(3).long()")
    add("products/matmul/mixed_mv_long_matrix", "torch.ones(2, 3).long() @ torch.ones(3)")
    add("products/matmul/mixed_mm", "torch.ones(2, 3) @ torch.ones(3, 2).long()")
    add("products/matmul/mixed_mm_int", "torch.ones(2, 3).int() @ torch.ones(3, 2).long()")
    add("products/matmul/mixed_mm_double", "torch.ones(2, 3).double() @ torch.ones(3, 2)")
    add("products/matmul/mixed_mm_bool", "torch.ones(2, 3) @ torch.ones(3, 2).bool()")
    add("products/matmul/mixed_vm", "torch.ones(3) @ torch.ones(3, 2).long()")
    add("products/matmul/mixed_bmm", "torch.ones(2, 2, 3) @ torch.ones(2, 3, 2).double()")
    add("products/matmul/mixed_folded_mv", "torch.ones(2, 2, 3) @ torch.ones(3).double()")
    add("products/matmul/mixed_folded_mm", "torch.ones(2, 2, 3) @ torch.ones(3, 2).double()")
    add("products/matmul/bool_dot", "torch.tensor([True, False]) @ torch.tensor([True, True])")
    add("products/matmul/bool_mv", "torch.ones(2, 3).bool() @ torch.ones(3).bool()")
    add("products/matmul/bool_mm", "torch.ones(2, 3).bool() @ torch.ones(3, 2).bool()")
    add("products/matmul/bool_bmm", "torch.ones(2, 2, 3).bool() @ torch.ones(2, 3, 2).bool()")
    add("products/matmul/bool_empty", "torch.ones(0, 3).bool() @ torch.ones(3, 2).bool()")
    add("products/matmul/bool_nothing_to_sum", "torch.ones(2, 0).bool() @ torch.ones(0, 2).bool()")
    # shapes that do not fit
    add("products/matmul/zero_d", "torch.tensor(2.) @ torch.tensor(3.)")
    add("products/matmul/zero_d_right", "torch.tensor([1., 2.]) @ torch.tensor(3.)")
    add("products/matmul/mm_mismatch", "torch.ones(2, 3) @ torch.ones(2, 3)")
    add("products/matmul/dot_mismatch", "torch.ones(3) @ torch.ones(2)")
    add("products/matmul/mv_mismatch", "torch.ones(2, 3) @ torch.ones(2)")
    add("products/matmul/vm_mismatch", "torch.ones(3) @ torch.ones(2, 3)")
    add("products/matmul/batch_mismatch", "torch.ones(2, 2, 3) @ torch.ones(3, 2, 4)")
    add("products/matmul/batch_inner_mismatch", "torch.ones(2, 2, 3) @ torch.ones(2, 4, 2)")
    add("products/matmul/batch_4d_inner_mismatch", "torch.ones(2, 2, 2, 3) @ torch.ones(2, 2, 4, 5)")
    add("products/matmul/folded_mismatch", "torch.ones(2, 2, 3) @ torch.ones(2, 4)")
    add("products/matmul/folded_mv_mismatch", "torch.ones(2, 2, 3) @ torch.ones(2)")
    add("products/matmul/vector_batch_mismatch", "torch.ones(2) @ torch.ones(2, 3, 2)")
    add("products/matmul/matrix_batch_mismatch", "torch.ones(2, 3) @ torch.ones(2, 2, 2)")
    add("products/matmul/unfolded_transposed", "x = torch.ones(2, 3, 4).transpose(0, 1)\nx @ torch.ones(5, 6)")
    add("products/matmul/unfolded_transposed_fits", "x = torch.arange(24.).reshape(2, 3, 4).transpose(0, 1)\nx @ torch.ones(4, 2)")
    # empty and special values
    add("products/matmul/empty_rows", "torch.ones(0, 3) @ torch.ones(3, 2)")
    add("products/matmul/nothing_to_sum", "torch.ones(2, 0) @ torch.ones(0, 2)")
    add("products/matmul/empty_dot", "torch.ones(0) @ torch.ones(0)")
    add("products/matmul/empty_batch", "torch.ones(0, 2, 3) @ torch.ones(0, 3, 2)")
    add("products/matmul/empty_batch_rows", "torch.ones(2, 0, 3) @ torch.ones(3, 2)")
    add("products/matmul/nothing_to_sum_two_dtypes", "(torch.ones(1, 2, 0) @ torch.ones(1, 0, 2).long()).dtype")
    add("products/matmul/nan", "torch.tensor([[float('nan'), 1.], [1., 1.]]) @ torch.tensor([[1., 2.], [3., 4.]])")
    add("products/matmul/inf_times_zero", "torch.tensor([[float('inf'), 1.], [1., 1.]]) @ torch.tensor([[0., 1.], [1., 1.]])")
    add("products/matmul/minus_zero", "(torch.tensor([[-1.]]) @ torch.tensor([[0.]])).tolist()")
    add("products/matmul/contiguous", "(torch.ones(3, 4) @ torch.ones(2, 4, 5)).is_contiguous()")
    # not tensors
    add("products/matmul/number", f"{A}\na @ 2")
    add("products/matmul/number_left", f"{A}\n2 @ a")
    add("products/matmul/list", f"{A}\na @ [1., 2., 3.]")
    add("products/matmul/list_left", f"{A}\n[1., 2.] @ a")
    add("products/matmul/method_number", f"{A}\na.matmul(2)")
    add("products/matmul/missing", f"{A}\ntorch.matmul(a)")
    add("products/matmul/too_many", f"{A}\ntorch.matmul(a, a.T, a)")
    add("products/matmul/method_missing", f"{A}\na.matmul()")
    add("products/matmul/wrong_keyword", f"{A}\na.matmul(tensor2=a.T)")
    add("products/matmul/torch_list", "torch.matmul([1.], [2.])")
    # mm, mv, dot, bmm, outer
    add("products/mm/values", f"{AB}\na.mm(b)")
    add("products/mm/torch", f"{AB}\ntorch.mm(a, b).tolist()")
    add("products/mm/keyword", f"{AB}\na.mm(mat2=b)")
    add("products/mm/vector", f"{A}\n{V}\na.mm(v)")
    add("products/mm/vector_self", f"{V}\nv.mm(torch.ones(3, 2))")
    add("products/mm/batch_self", "torch.ones(2, 3, 1).mm(torch.ones(1, 2))")
    add("products/mm/mismatch", "torch.ones(2, 3).mm(torch.ones(4, 2))")
    add("products/mm/mismatch_before_dtype", "torch.ones(2, 3).mm(torch.ones(2, 2).long())")
    add("products/mm/dtype", "torch.ones(2, 3).mm(torch.ones(3, 2).int())")
    add("products/mm/bool", "torch.ones(2, 3).bool().mm(torch.ones(3, 2).bool())")
    add("products/mm/int", "torch.tensor([[1, 2], [3, 4]]).mm(torch.tensor([[0, 1], [1, 0]]))")
    add("products/mm/number", "torch.ones(2, 3).mm(2)")
    add("products/mm/missing", "torch.ones(2, 3).mm()")
    add("products/mm/empty", "torch.ones(3, 2).double().mm(torch.ones(2, 0).double())")
    add("products/mv/values", f"{A}\n{V}\na.mv(v)")
    add("products/mv/torch", f"{A}\n{V}\ntorch.mv(a, v).tolist()")
    add("products/mv/keyword", f"{A}\n{V}\na.mv(vec=v)")
    add("products/mv/decimals", f"{R}\n{W}\nr.mv(w)")
    add("products/mv/matrix", "torch.ones(2, 3).mv(torch.ones(3, 1))")
    add("products/mv/vector_self", f"{V}\nv.mv(v)")
    add("products/mv/mismatch", "torch.ones(2, 3).mv(torch.ones(2))")
    add("products/mv/mismatch_before_dtype", "torch.ones(2, 3).mv(torch.ones(2).long())")
    add("products/mv/dtype", "torch.ones(2, 3).int().mv(torch.ones(3).double())")
    add("products/mv/bool", "torch.ones(2, 3).bool().mv(torch.ones(3).bool())")
    add("products/mv/int32", "torch.ones(2, 3).int().mv(torch.ones(3).int())")
    add("products/mv/nothing_to_sum", "torch.ones(2, 0).mv(torch.ones(0))")
    add("products/mv/too_many", "torch.ones(2, 3).mv(torch.ones(3), torch.ones(3))")
    add("products/dot/values", f"{V}\n{W}\nv.dot(w)")
    add("products/dot/torch", f"{V}\n{W}\ntorch.dot(v, w).item()")
    add("products/dot/keyword", f"{V}\n{W}\nv.dot(tensor=w)")
    add("products/dot/decimals", "x = torch.tensor([0.1, 0.2, 0.3])\nx.dot(x)")
    add("products/dot/int", "torch.tensor([1, 2, 3]).dot(torch.tensor([4, 5, 6]))")
    add("products/dot/matrix", "torch.ones(3, 1).dot(torch.ones(3))")
    add("products/dot/dtype_before_size", "torch.ones(3).dot(torch.ones(2).long())")
    add("products/dot/size", "torch.ones(3).bool().dot(torch.ones(2).bool())")
    add("products/dot/bool", "torch.ones(3).bool().dot(torch.ones(3).bool())")
    add("products/dot/double_int", "torch.ones(3).double().dot(torch.ones(3).int())")
    add("products/dot/empty", "torch.ones(0).long().dot(torch.ones(0).long())")
    add("products/dot/nan", "torch.tensor([float('nan'), 1.]).dot(torch.tensor([0., 1.]))")
    add("products/dot/shape", f"{V}\nv.dot(v).shape")
    add("products/bmm/values", "x = torch.arange(12.).reshape(2, 2, 3)\ny = torch.arange(12.).reshape(2, 3, 2)\nx.bmm(y)")
    add("products/bmm/torch", "x = torch.arange(12.).reshape(2, 2, 3)\ny = torch.arange(12.).reshape(2, 3, 2)\ntorch.bmm(x, y).tolist()")
    add("products/bmm/keyword", "torch.ones(1, 2, 3).bmm(mat2=torch.ones(1, 3, 2))")
    add("products/bmm/matrix", "torch.ones(2, 3).bmm(torch.ones(2, 3, 3))")
    add("products/bmm/matrix_right", "torch.ones(2, 2, 3).bmm(torch.ones(3, 3))")
    add("products/bmm/batch_mismatch", "torch.ones(2, 2, 3).bmm(torch.ones(3, 3, 2))")
    add("products/bmm/inner_mismatch", "torch.ones(2, 2, 3).bmm(torch.ones(2, 4, 2))")
    add("products/bmm/dtype", "torch.ones(2, 2, 3).bmm(torch.ones(2, 3, 2).long())")
    add("products/bmm/dtype_int", "torch.ones(2, 2, 3).int().bmm(torch.ones(2, 3, 2).long())")
    add("products/bmm/bool", "torch.ones(2, 2, 3).bool().bmm(torch.ones(2, 3, 2).bool())")
    add("products/bmm/int", "torch.ones(2, 2, 3).long().bmm(torch.ones(2, 3, 2).long())")
    add("products/bmm/no_broadcast", "torch.ones(1, 2, 3).bmm(torch.ones(4, 3, 2))")
    add("products/bmm/nothing_to_sum", "torch.ones(2, 2, 0).bmm(torch.ones(2, 0, 2).long())")
    add("products/bmm/number", "torch.ones(2, 2, 3).bmm(2)")
    add("products/outer/values", f"{V}\n{W}\nv.outer(w)")
    add("products/outer/bits", f"{R}\n{S}\ntorch.outer(r[0], s[:, 1]).tolist()")
    add("products/outer/keyword", f"{V}\n{W}\nv.outer(vec2=w)")
    add("products/outer/ger", f"{V}\n{W}\ntorch.ger(v, w)")
    add("products/outer/ger_method", f"{V}\n{W}\nv.ger(w)")
    add("products/outer/promotes", "torch.ones(3).outer(torch.ones(2).long())")
    add("products/outer/int_int32", "torch.ones(3).long().outer(torch.ones(2).int())")
    add("products/outer/bool", "torch.ones(3).bool().outer(torch.ones(2).bool())")
    add("products/outer/double", "torch.ones(3).outer(torch.ones(2).double())")
    add("products/outer/matrix", "torch.ones(3, 1).outer(torch.ones(2))")
    add("products/outer/matrix_right", "torch.ones(3).outer(torch.ones(2, 1))")
    add("products/outer/zero_d", "torch.tensor(3.).outer(torch.ones(2))")
    add("products/outer/number", "torch.ones(3).outer(2)")
    add("products/outer/empty", "torch.outer(torch.ones(3), torch.ones(0))")
    add("products/outer/nan", "torch.outer(torch.tensor([float('nan'), 1.]), torch.tensor([0., 2.]))")
    # einsum
    E = f"{A}\n{B}\nm = torch.tensor([[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]])"
    for key, program in [
        ("matmul", "torch.einsum('ij,jk->ik', a, b)"),
        ("matmul_list", "torch.einsum('ij,jk->ik', [a, b])"),
        ("matmul_tuple", "torch.einsum('ij,jk->ik', (a, b))"),
        ("matmul_implicit", "torch.einsum('ij,jk', a, b)"),
        ("matmul_swapped_implicit", "torch.einsum('jk,ij', b, a)"),
        ("matmul_transposed_out", "torch.einsum('ij,jk->ki', a, b)"),
        ("column_sums", "torch.einsum('ij->j', a)"),
        ("row_sums", "torch.einsum('ij->i', a)"),
        ("total", "torch.einsum('ij->', a)"),
        ("mv", "torch.einsum('ij,j->i', a, b[:, 0])"),
        ("batched", "torch.einsum('bij,bjk->bik', a.reshape(1, 2, 3), b.reshape(1, 3, 2))"),
        ("batched_broadcast", "torch.einsum('bij,bjk->bik', a.reshape(1, 2, 3), torch.arange(24.).reshape(4, 3, 2))"),
        ("diagonal", "torch.einsum('ii->i', m)"),
        ("trace", "torch.einsum('ii', m)"),
        ("trace_explicit", "torch.einsum('ii->', m)"),
        ("dot", "torch.einsum('i,i->', a[0], a[1])"),
        ("dot_implicit", "torch.einsum('i,i', a[0], a[1])"),
        ("outer", "torch.einsum('i,j->ij', a[0], b[0])"),
        ("outer_implicit", "torch.einsum('i,j', a[0], b[0])"),
        ("hadamard", "torch.einsum('ij,ij->ij', a, a)"),
        ("transpose", "torch.einsum('ji', a)"),
        ("transpose_explicit", "torch.einsum('ij->ji', a)"),
        ("identity", "torch.einsum('ij', a)"),
        ("letters_order", "torch.einsum('ba', a)"),
        ("uppercase_first", "torch.einsum('iJ', a)"),
        ("uppercase_explicit", "torch.einsum('iJ->Ji', a)"),
        ("spaces", "torch.einsum('i j , j k -> i k', a, b)"),
        ("three_operands", "torch.einsum('ij,jk,k->i', a, b, torch.tensor([1., -1.]))"),
        ("diagonal_3d", "torch.einsum('iji->ij', torch.arange(12.).reshape(2, 3, 2))"),
        ("diagonal_then_sum", "torch.einsum('iij', torch.arange(12.).reshape(2, 2, 3))"),
        ("broadcast_size_one", "torch.einsum('ij,jk->ik', torch.ones(2, 1), torch.ones(3, 2))"),
        ("broadcast_hadamard", "torch.einsum('ij,ij->ij', a, torch.tensor([[2.]]))"),
        ("broadcast_sum", "torch.einsum('ij,ij->', a, torch.tensor([[2.]]))"),
        ("zero_d", "torch.einsum('->', torch.tensor(3.))"),
        ("zero_d_empty_equation", "torch.einsum('', torch.tensor(3.))"),
        ("zero_d_pair", "torch.einsum(',->', torch.tensor(3.), torch.tensor(2.))"),
        ("vector_times_zero_d", "torch.einsum('i,->i', a[0], torch.tensor(2.))"),
        ("contiguous_view", "torch.einsum('ij->ji', a).is_contiguous()"),
        ("contiguous_sum", "torch.einsum('ijk->kj', torch.ones(2, 3, 4)).is_contiguous()"),
        ("then_sum", "torch.einsum('ij->ji', a).sum(dim=0)"),
    ]:
        add(f"products/einsum/{key}", f"{E}\n{program}")
    # Sums of one operand add in PyTorch's order, element-wise products are
    # exact: every bit is checked.
    X = "x = torch.tensor([[0.1, 0.7, -0.3, 1.9], [2.2, -0.6, 0.45, 0.8], [1.3, 0.05, -1.1, 0.6]])"
    for key, program in [
        ("bits_total", "torch.einsum('ij->', x).item()"),
        ("bits_columns", "torch.einsum('ij->j', x).tolist()"),
        ("bits_rows", "torch.einsum('ij->i', x).tolist()"),
        ("bits_long_rows", "torch.einsum('ij->i', torch.arange(60.).reshape(3, 20) / 7).tolist()"),
        ("bits_3d", "torch.einsum('ijk->kj', torch.arange(60.).reshape(3, 4, 5) / 7).tolist()"),
        ("bits_hadamard", "torch.einsum('ij,ij->ij', x, x).tolist()"),
        ("bits_outer", "torch.einsum('i,j->ij', x[0], x[1]).tolist()"),
        ("bits_small_matmul", "torch.einsum('ij,jk->ik', x[:2, :3], x[:3, :2]).tolist()"),
        ("printed_matmul", "torch.einsum('ij,jk->ik', x, x.T)"),
        ("printed_dot", "torch.einsum('i,i->', x[0], x[1])"),
    ]:
        add(f"products/einsum/{key}", f"{X}\n{program}")
    for key, program in [
        ("int", "torch.einsum('ij,jk->ik', torch.tensor([[1, 2]]), torch.tensor([[3], [4]]))"),
        ("int_sum", "torch.einsum('ij->', torch.tensor([[1, 2], [3, 4]]))"),
        ("int32_sum", "torch.einsum('ij->j', torch.tensor([[1, 2], [3, 4]]).int())"),
        ("int32_product", "torch.einsum('ij,j->i', torch.ones(2, 3).int(), torch.ones(3).int())"),
        ("bool_sum", "torch.einsum('ij->j', torch.ones(3, 3).bool())"),
        ("bool_diagonal", "torch.einsum('ii->i', torch.ones(3, 3).bool())"),
        ("bool_hadamard", "torch.einsum('ij,ij->ij', torch.ones(2, 2).bool(), torch.ones(2, 2).bool())"),
        ("bool_product", "torch.einsum('i,i->', torch.ones(3).bool(), torch.ones(3).bool())"),
        ("mixed_product", "torch.einsum('ij,jk->ik', torch.ones(2, 3), torch.ones(3, 2).double())"),
        ("mixed_product_long", "torch.einsum('ij,jk->ik', torch.ones(2, 3).long(), torch.ones(3, 2))"),
        ("mixed_hadamard", "torch.einsum('ij,ij->ij', torch.ones(2, 3), torch.ones(2, 3).double())"),
        ("mixed_outer", "torch.einsum('i,j->ij', torch.tensor([1, 2]), torch.tensor([1.5, 2]))"),
        ("empty_sum", "torch.einsum('ij->', torch.ones(0, 3))"),
        ("empty_product", "torch.einsum('ij,jk->ik', torch.ones(2, 0), torch.ones(0, 2))"),
        ("empty_trace", "torch.einsum('ii', torch.ones(0, 0))"),
        ("nan", "torch.einsum('ij->j', torch.tensor([[float('nan'), 1.], [2., 3.]]))"),
    ]:
        add(f"products/einsum/{key}", program)
    T = "t = torch.ones(2, 3)"
    for key, program in [
        ("fewer_operands", "torch.einsum('ij,jk->ik', t)"),
        ("more_operands", "torch.einsum('ij,jk->ik', t, t.T, t)"),
        ("unknown_output", "torch.einsum('ij->ik', t)"),
        ("output_twice", "torch.einsum('ij->ii', t)"),
        ("too_many_subscripts", "torch.einsum('ijk->i', t)"),
        ("too_few_subscripts", "torch.einsum('i->i', t)"),
        ("diagonal_sizes", "torch.einsum('ii->i', t)"),
        ("size_mismatch", "torch.einsum('ij,jk->ik', t, torch.ones(2, 2))"),
        ("batch_mismatch", "torch.einsum('bij,bjk->bik', torch.ones(2, 2, 3), torch.ones(3, 3, 2))"),
        ("digit", "torch.einsum('i1->i', t)"),
        ("second_arrow", "torch.einsum('ij->j->i', t)"),
        ("dash", "torch.einsum('ij-j', t)"),
        ("comma_in_output", "torch.einsum('ij,jk->ik,', t, t.T)"),
        ("digit_in_output", "torch.einsum('ij->1', t)"),
        ("dot_in_output", "torch.einsum('ij->.', t)"),
        ("dot_in_input", "torch.einsum('i.j', t)"),
        ("uppercase_unknown", "torch.einsum('ij->I', t)"),
        ("no_operands", "torch.einsum('ij->j')"),
        ("nothing", "torch.einsum()"),
        ("empty_list", "torch.einsum('ij', [])"),
        ("equation_not_str", "torch.einsum(3, t)"),
        ("operand_not_tensor", "torch.einsum('i', 3)"),
        ("list_with_number", "torch.einsum('ij,jk->ik', [t, 1])"),
        ("operand_list", "torch.einsum('ij,jk->ik', t, [1])"),
        ("keyword", "torch.einsum('ij', t, dtype=torch.float64)"),
        ("zero_d_subscript", "torch.einsum('i->', torch.tensor(3.))"),
    ]:
        add(f"products/einsum/errors/{key}", f"{T}\n{program}")


# ---------------------------------------------------------------------------
# joining/: cat, stack, chunk, split
# ---------------------------------------------------------------------------


def cases_joining():
    """torch.cat (concat, concatenate), torch.stack, chunk and split: every
    spelling, dims, dtype promotion, PyTorch's skipping of empty vectors,
    tuples of views as printed, and every error in PyTorch's order."""
    A = "a = torch.tensor([[1, 2, 3], [4, 5, 6]])"
    F = "f = torch.tensor([[0.5, -1.25], [2.75, 3.]])"
    for key, program in [
        ("rows", "torch.cat([a, a])"),
        ("tuple", "torch.cat((a, a))"),
        ("columns", "torch.cat([a, a], dim=1)"),
        ("positional_dim", "torch.cat([a, a], 1)"),
        ("negative_dim", "torch.cat([a, a[:, :1]], -1)"),
        ("axis", "torch.cat([a, a], axis=1)"),
        ("keyword_tensors", "torch.cat(tensors=[a, a])"),
        ("one", "torch.cat([a])"),
        ("three", "torch.cat([a, a * 10, a * 100], dim=0)"),
        ("concat", "torch.concat([a, a])"),
        ("concatenate", "torch.concatenate([a, a], axis=1)"),
        ("concatenate_error_name", "torch.concatenate(a)"),
        ("float_bits", "x = torch.tensor([0.1, 0.2])\ntorch.cat([x, x * 3]).tolist()"),
        ("promotes", "torch.cat([a, a.float()])"),
        ("promotes_bool_int32", "torch.cat([a.bool(), a.int()])"),
        ("promotes_double", "torch.cat([a.float(), a.double()]).dtype"),
        ("bool", "torch.cat([a > 2, a < 2])"),
        ("skips_empty_vector", "torch.cat([a, torch.tensor([])])"),
        ("skips_empty_vector_first", "torch.cat([torch.tensor([]), a], dim=1)"),
        ("skipped_still_promotes", "torch.cat([a, torch.tensor([]).double()]).dtype"),
        ("only_empty_vectors", "torch.cat([torch.tensor([]), torch.tensor([])], dim=3)"),
        ("empty_rows", "torch.cat([a, torch.zeros(0, 3, dtype=torch.int64)])"),
        ("empty_rows_promote", "torch.cat([a, torch.zeros(0, 3)]).dtype"),
        ("transposed", "torch.cat([a.T, a.T])"),
        ("views", "torch.cat([a[:, 0], a[:, 2]])"),
        ("contiguous", "torch.cat([a.T, a.T], dim=1).is_contiguous()"),
        ("then_sum", "torch.cat([a, a]).sum(dim=0)"),
        ("nan", "torch.cat([torch.tensor([float('nan')]), torch.tensor([1.])])"),
        ("same_tensor_twice_3d", "torch.cat([a.reshape(1, 2, 3), a.reshape(1, 2, 3)], dim=2)"),
        ("empty_list", "torch.cat([])"),
        ("zero_d", "torch.cat([torch.tensor(1.), torch.tensor(2.)])"),
        ("zero_d_second", "torch.cat([torch.tensor([1.]), torch.tensor(1.)])"),
        ("zero_d_before_dim", "torch.cat([torch.tensor(1.), torch.ones(2)], dim=5)"),
        ("ranks", "torch.cat([a, torch.tensor([7, 8, 9])])"),
        ("sizes", "torch.cat([a, torch.tensor([[7, 8]])])"),
        ("sizes_columns", "torch.cat([a, torch.ones(3, 2, dtype=torch.int64)], dim=1)"),
        ("sizes_third", "torch.cat([a, a, torch.ones(2, 4)])"),
        ("dim_out_of_range", "torch.cat([a, a], dim=2)"),
        ("dim_negative_out_of_range", "torch.cat([a, a], dim=-3)"),
        ("dim_out_of_range_after_empty", "torch.cat([torch.tensor([]), a], dim=2)"),
        ("tensor_not_list", "torch.cat(a)"),
        ("two_tensors", "torch.cat(a, a)"),
        ("item_not_tensor", "torch.cat([a, 1])"),
        ("dim_float", "torch.cat([a, a], dim=1.5)"),
        ("dim_none", "torch.cat([a, a], dim=None)"),
        ("too_many", "torch.cat([a], 0, a)"),
        ("method", "a.cat([a])"),
        ("unknown_keyword", "torch.cat([a], dims=0)"),
    ]:
        add(f"joining/cat/{key}", f"{A}\n{program}")
    for key, program in [
        ("default", "torch.stack([a, a])"),
        ("dim1", "torch.stack([a, a * 10], dim=1)"),
        ("last", "torch.stack([a, a * 10], dim=2)"),
        ("negative", "torch.stack([a, a * 10], dim=-1)"),
        ("axis", "torch.stack([a, a], axis=0)"),
        ("keyword_tensors", "torch.stack(tensors=[a], dim=1)"),
        ("tuple_one", "torch.stack((a,), 0)"),
        ("zero_d", "torch.stack([torch.tensor(1), torch.tensor(2.)])"),
        ("empty_vectors", "torch.stack([torch.tensor([]), torch.tensor([])])"),
        ("promotes", "torch.stack([a.bool(), a.int()])"),
        ("float", f"{F}\ntorch.stack([f, f.T]).tolist()"),
        ("views", "torch.stack([a[0], a[1], a[1] * 2])"),
        ("empty_list", "torch.stack([])"),
        ("sizes", "torch.stack([a, a[0]])"),
        ("sizes_vectors", "torch.stack([torch.ones(2), torch.ones(3)])"),
        ("dim_out_of_range", "torch.stack([a, a], dim=3)"),
        ("dim_zero_d", "torch.stack([torch.tensor(1.), torch.ones(2)], dim=5)"),
        ("tensor_not_list", "torch.stack(a)"),
        ("item_not_tensor", "torch.stack([a, 3])"),
    ]:
        add(f"joining/stack/{key}", f"{A}\n{program}")
    R = "r = torch.arange(10)"
    M = "m = torch.arange(12.).reshape(3, 4)"
    for key, program in [
        ("three", f"{R}\nr.chunk(3)"),
        ("four", f"{R}\nr.chunk(4)"),
        ("six_gives_five", f"{R}\nr.chunk(6)"),
        ("more_than_elements", f"{R}\nr.chunk(20)"),
        ("one", f"{R}\nr.chunk(1)"),
        ("dim1", f"{M}\nm.chunk(2, dim=1)"),
        ("torch", f"{M}\ntorch.chunk(m, 2, 1)"),
        ("keywords", f"{M}\nm.chunk(chunks=3, dim=-1)"),
        ("axis", f"{M}\nm.chunk(2, axis=0)"),
        ("unpacked", f"{M}\ntop, bottom = m.chunk(2)\nbottom"),
        ("indexed", f"{M}\nm.chunk(2, dim=1)[1].tolist()"),
        ("piece_then_sum", f"{M}\nm.chunk(2, dim=1)[0].sum(dim=1)"),
        ("contiguous", f"{M}\nm.chunk(2, dim=1)[0].is_contiguous()"),
        ("empty", "torch.zeros(0).chunk(2)"),
        ("empty_rows", "torch.zeros(0, 3).chunk(2)"),
        ("empty_columns", "torch.zeros(3, 0).chunk(2)"),
        ("empty_columns_dim1", "torch.zeros(3, 0).chunk(2, dim=1)"),
        ("zero", f"{R}\nr.chunk(0)"),
        ("negative", f"{R}\nr.chunk(-1)"),
        ("zero_d", "torch.tensor(3).chunk(2)"),
        ("zero_d_before_chunks", "torch.tensor(3).chunk(0)"),
        ("chunks_before_dim", f"{R}\nr.chunk(0, dim=5)"),
        ("dim_out_of_range", f"{M}\nm.chunk(2, dim=2)"),
        ("missing", f"{M}\nm.chunk()"),
        ("float", f"{M}\nm.chunk(2.5)"),
        ("torch_missing", f"{M}\ntorch.chunk(m)"),
        ("torch_not_tensor", "torch.chunk(3, 2)"),
    ]:
        add(f"joining/chunk/{key}", program)
    for key, program in [
        ("size", f"{R}\nr.split(3)"),
        ("sizes", f"{R}\nr.split([3, 7])"),
        ("sizes_tuple", f"{R}\nr.split((3, 2, 5))"),
        ("larger_than_dim", f"{R}\nr.split(20)"),
        ("with_empty", f"{R}\nr.split([10, 0])"),
        ("dim1", f"{M}\nm.split(2, dim=1)"),
        ("dim_positional", f"{M}\nm.split([1, 3], -1)"),
        ("keyword", f"{R}\nr.split(split_size=4)"),
        ("torch", f"{R}\ntorch.split(r, 3)"),
        ("torch_sizes", f"{R}\ntorch.split(r, [2, 8], dim=0)"),
        ("torch_keyword", f"{R}\ntorch.split(r, split_size_or_sections=[2, 8])"),
        ("tensor_size", f"{R}\nr.split(torch.tensor(4))"),
        ("bool_in_sizes", f"{R}\nr.split([1, True, 8])"),
        ("float_bits", "x = torch.tensor([0.1, 0.2, 0.3])\nx.split(2)[1].tolist()"),
        ("unpacked", f"{M}\nleft, right = m.split(2, dim=1)\nright * 2"),
        ("empty", "torch.zeros(0).split(2)"),
        ("empty_zero", "torch.zeros(0).split(0)"),
        ("empty_no_sizes", "torch.zeros(0).split([])"),
        ("sum_mismatch", f"{R}\nr.split([3, 6])"),
        ("no_sizes", f"{R}\nr.split([])"),
        ("negative_size", f"{R}\nr.split([3, -1])"),
        ("negative", f"{R}\nr.split(-1)"),
        ("zero", f"{R}\nr.split(0)"),
        ("zero_d", "torch.tensor(3).split(1)"),
        ("zero_d_before_dim", "torch.tensor(3).split(1, dim=5)"),
        ("negative_before_dim", "torch.ones(3).split(-1, dim=5)"),
        ("dim_before_zero", "torch.ones(3).split(0, dim=5)"),
        ("dim_out_of_range", f"{M}\nm.split(2, dim=2)"),
        ("dim_before_sizes", "torch.ones(3).split([1, -1], dim=5)"),
        ("float", f"{R}\nr.split(2.5)"),
        ("float_in_sizes", f"{R}\nr.split([1.5, 2])"),
        ("float_later_in_sizes", f"{R}\nr.split([1, 2.5])"),
        ("bool", f"{R}\nr.split(True)"),
        ("string", f"{R}\nr.split('a')"),
        ("tensor_of_sizes", f"{R}\nr.split(torch.tensor([1, 2]))"),
        ("missing", f"{R}\nr.split()"),
        ("too_many", f"{R}\nr.split(1, 0, 1)"),
        ("axis", f"{R}\nr.split(2, axis=0)"),
        ("torch_missing", f"{R}\ntorch.split(r)"),
        ("torch_nothing", "torch.split()"),
        ("torch_not_tensor", "torch.split(3, 1)"),
        ("torch_too_many", f"{R}\ntorch.split(r, 1, 0, 1)"),
        ("torch_unknown_keyword", f"{R}\ntorch.split(r, 1, dim=0, x=1)"),
        ("len", f"{R}\nlen(r.split(3))"),
    ]:
        add(f"joining/split/{key}", program)


# ---------------------------------------------------------------------------
# create/random, create/like, create/linspace, create/eye
# ---------------------------------------------------------------------------


def cases_random():
    """torch.manual_seed with rand, randn, randint, randperm and their _like
    forms: PyTorch's CPU generator's exact numbers for many sizes, seeds,
    dtypes and sequences of calls (randn of 16 elements or more takes its
    vectorised path, and redraws the last 16 of a size that is not a
    multiple of 16; a normal left over from a pair is the next draw's)."""
    seeds = [0, 1, 42, 1234, 2**31, 2**32 + 5, -1, 67280421310721]
    for seed in seeds:
        key = str(seed).replace("-", "minus_")
        add(f"create/random/rand/seed_{key}", f"torch.manual_seed({seed})\ntorch.rand(5).tolist()")
        add(f"create/random/randn/seed_{key}", f"torch.manual_seed({seed})\ntorch.randn(5).tolist()")
        add(f"create/random/randn_blocks/seed_{key}", f"torch.manual_seed({seed})\ntorch.randn(37).tolist()")
        add(f"create/random/randint/seed_{key}", f"torch.manual_seed({seed})\ntorch.randint(100, (6,)).tolist()")
        add(f"create/random/randperm/seed_{key}", f"torch.manual_seed({seed})\ntorch.randperm(12).tolist()")
    for n in [1, 2, 3, 7, 15, 16, 17, 20, 31, 32, 33, 48, 50, 64, 100]:
        add(f"create/random/randn/size_{n}", f"torch.manual_seed(7)\ntorch.randn({n}).tolist()")
        add(f"create/random/randn/float64_size_{n}", f"torch.manual_seed(7)\ntorch.randn({n}, dtype=torch.float64).tolist()")
    for n in [1, 5, 16, 33]:
        add(f"create/random/rand/size_{n}", f"torch.manual_seed(3)\ntorch.rand({n}).tolist()")
        add(f"create/random/rand/float64_size_{n}", f"torch.manual_seed(3)\ntorch.rand({n}, dtype=torch.float64).tolist()")
    for seed in [0, 5, 99]:
        add(f"create/random/randn/large_seed_{seed}", f"torch.manual_seed({seed})\ntorch.randn(1000)[::37].tolist()")
        add(f"create/random/randn/large_tail_seed_{seed}", f"torch.manual_seed({seed})\ntorch.randn(1001)[-20:].tolist()")
        add(f"create/random/randn/large_float64_seed_{seed}", f"torch.manual_seed({seed})\ntorch.randn(500, dtype=torch.float64)[::23].tolist()")
        add(f"create/random/rand/large_seed_{seed}", f"torch.manual_seed({seed})\ntorch.rand(2000)[::101].tolist()")
        add(f"create/random/randperm/large_seed_{seed}", f"torch.manual_seed({seed})\ntorch.randperm(1000)[:30].tolist()")
    S = "torch.manual_seed(0)"
    for key, program in [
        ("rand_shape", "torch.rand(2, 3)"),
        ("rand_tuple", "torch.rand((2, 3))"),
        ("rand_list", "torch.rand([2, 3]).shape"),
        ("rand_size_keyword", "torch.rand(size=(2, 3))"),
        ("rand_3d", "torch.rand(2, 2, 2)"),
        ("rand_zero_d", "torch.rand(())"),
        ("rand_empty", "torch.rand(0)"),
        ("rand_empty_rows", "torch.rand(3, 0)"),
        ("rand_float64", "torch.rand(3, dtype=torch.float64)"),
        ("rand_generator", "g = torch.manual_seed(1)\ntorch.rand(2, generator=g).tolist()"),
        ("rand_device", "torch.rand(2, device='cpu').tolist()"),
        ("randn_shape", "torch.randn(2, 3)"),
        ("randn_4x4", "torch.randn(4, 4)"),
        ("randn_blocks_shape", "torch.randn(3, 7).tolist()"),
        ("randn_zero_d", "torch.randn(())"),
        ("randn_empty", "torch.randn(0, 2)"),
        ("randn_float64", "torch.randn(2, 2, dtype=torch.float64)"),
        ("randint_high", "torch.randint(10, (3,))"),
        ("randint_low_high", "torch.randint(3, 10, (2, 3))"),
        ("randint_negative", "torch.randint(-5, 5, (4,))"),
        ("randint_keywords", "torch.randint(low=2, high=10, size=(3,))"),
        ("randint_high_keyword", "torch.randint(high=10, size=(3,))"),
        ("randint_size_keyword", "torch.randint(10, size=(3,))"),
        ("randint_wide", "torch.randint(0, 2**40, (3,))"),
        ("randint_wide_exact", "torch.randint(0, 2**32, (3,)).tolist()"),
        ("randint_just_narrow", "torch.randint(0, 2**32 - 1, (3,)).tolist()"),
        ("randint_wide_range", "torch.randint(-2**62, 2**62, (2,))"),
        ("randint_narrow_below_2_28", "torch.randint(0, 2**28 - 1, (3,)).tolist()"),
        ("randint_wide_from_2_28", "torch.randint(0, 2**28, (3,)).tolist()"),
        ("randint_wide_int32", "torch.randint(0, 2**28, (3,), dtype=torch.int32).tolist()"),
        ("randint_float32", "torch.randint(0, 10, (3,), dtype=torch.float32)"),
        ("randint_float64_wide", "torch.randint(0, 2**32, (3,), dtype=torch.float64).tolist()"),
        ("randint_int32", "torch.randint(0, 10, (3,), dtype=torch.int32)"),
        ("randint_int32_not_wide", "torch.randint(-5, 2**31, (3,), dtype=torch.int32).tolist()"),
        ("randint_bool", "torch.randint(0, 2, (3,), dtype=torch.bool)"),
        ("randint_zero_d", "torch.randint(10, ())"),
        ("randint_list_size", "torch.randint(0, 10, [2, 2])"),
        ("randperm_float", "torch.randperm(5, dtype=torch.float32)"),
        ("randperm_int32", "torch.randperm(5, dtype=torch.int32)"),
        ("randperm_zero", "torch.randperm(0)"),
        ("randperm_one", "torch.randperm(1)"),
        ("sequence", "a = torch.rand(2)\nb = torch.randn(3)\nc = torch.randint(5, (4,))\nd = torch.randperm(4)\nprint(a.tolist(), b.tolist(), c.tolist(), d.tolist())"),
        ("normal_pair_carries_over", "a = torch.randn(3)\nb = torch.randn(3)\nprint(a.tolist(), b.tolist())"),
        ("normal_pair_survives_blocks", "a = torch.randn(3)\nb = torch.randn(20)\nc = torch.randn(1)\nprint(a.tolist(), c.tolist())"),
        ("normal_pair_between_dtypes", "a = torch.randn(1)\nb = torch.randn(1, dtype=torch.float64)\nprint(a.tolist(), b.tolist())"),
        ("seed_resets_the_pair", "a = torch.randn(3)\ntorch.manual_seed(0)\ntorch.randn(1).tolist()"),
        ("reseeded_same_numbers", "a = torch.rand(3)\ntorch.manual_seed(0)\nb = torch.rand(3)\n(a == b).all()"),
        ("shown", "torch.manual_seed(0)"),
        ("printed", "print(torch.manual_seed(0))"),
        ("initial_seed", "torch.initial_seed()"),
        ("generator_initial_seed", "g = torch.manual_seed(5)\ng.initial_seed()"),
        ("generator_reseeded", "g = torch.manual_seed(5)\ng.manual_seed(1).initial_seed()"),
        ("generator_reseeds_the_numbers", "g = torch.manual_seed(5)\ng.manual_seed(0)\ntorch.rand(2).tolist()"),
        ("generators_are_one", "torch.manual_seed(0) == torch.manual_seed(1)"),
    ]:
        add(f"create/random/{key}", f"{S}\n{program}")
    for key, program in [
        ("seed_float", "torch.manual_seed(1.7)\ntorch.initial_seed()"),
        ("seed_string", "torch.manual_seed('3')\ntorch.initial_seed()"),
        ("seed_bool", "torch.manual_seed(True)\ntorch.initial_seed()"),
        ("seed_keyword", "torch.manual_seed(seed=3)\ntorch.initial_seed()"),
        ("seed_tensor", "torch.manual_seed(torch.tensor(4))\ntorch.initial_seed()"),
        ("seed_negative", "torch.manual_seed(-1)\ntorch.rand(2).tolist()"),
        ("seed_bad_string", "torch.manual_seed('a')"),
        ("seed_none", "torch.manual_seed(None)"),
        ("seed_list", "torch.manual_seed([1])"),
        ("seed_nan", "torch.manual_seed(float('nan'))"),
        ("seed_inf", "torch.manual_seed(float('inf'))"),
        ("seed_missing", "torch.manual_seed()"),
        ("seed_too_many", "torch.manual_seed(1, 2)"),
        ("rand_nothing", "torch.rand()"),
        ("rand_negative", "torch.rand(-1)"),
        ("randn_negative", "torch.randn(-1, 2)"),
        ("rand_float_size", "torch.rand(2.5)"),
        ("rand_float_later", "torch.rand(2, 3.5)"),
        ("rand_string", "torch.rand('a')"),
        ("rand_int_dtype", "torch.rand(2, dtype=torch.int64)"),
        ("rand_bool_dtype", "torch.rand(2, dtype=torch.bool)"),
        ("randn_int_dtype", "torch.randn(2, dtype=torch.int64)"),
        ("rand_bad_generator", "torch.rand(2, generator=3)"),
        ("randint_equal", "torch.randint(5, 5, (3,))"),
        ("randint_reversed", "torch.randint(6, 5, (3,))"),
        ("randint_zero_high", "torch.randint(0, (3,))"),
        ("randint_size_int", "torch.randint(10, 3)"),
        ("randint_high_only", "torch.randint(10)"),
        ("randint_float_high", "torch.randint(2.5, (3,))"),
        ("randint_float_size", "torch.randint(10, (3.5,))"),
        ("randint_negative_size", "torch.randint(10, (-1,))"),
        ("randint_bool_low", "torch.randint(True, 10, (2,))"),
        ("randint_three_ints", "torch.randint(0, 10, 2)"),
        ("randint_size_keyword_int", "torch.randint(0, 10, size=2)"),
        ("randint_bool_bounds", "torch.randint(0, 3, (3,), dtype=torch.bool)"),
        ("randint_bool_low_bounds", "torch.randint(-1, 1, (2,), dtype=torch.bool)"),
        ("randint_reversed_before_bounds", "torch.randint(5, 3, (2,), dtype=torch.bool)"),
        ("randint_int32_bounds", "torch.randint(0, 2**33, (2,), dtype=torch.int32)"),
        ("randint_int32_low_bounds", "torch.randint(-2**31 - 1, 1, (2,), dtype=torch.int32)"),
        ("randperm_negative", "torch.randperm(-1)"),
        ("randperm_bool", "torch.randperm(3, dtype=torch.bool)"),
        ("randperm_float", "torch.randperm(2.5)"),
        ("randperm_nothing", "torch.randperm()"),
        ("randperm_two", "torch.randperm(5, 3)"),
    ]:
        add(f"create/random/errors/{key}", program)
    T = "t = torch.tensor([[1, 2, 3], [4, 5, 6]])"
    for key, program in [
        ("zeros", "torch.zeros_like(t)"),
        ("zeros_float", "torch.zeros_like(t.float())"),
        ("zeros_zero_d", "torch.zeros_like(torch.tensor(3.))"),
        ("ones", "torch.ones_like(t)"),
        ("ones_dtype", "torch.ones_like(t, dtype=torch.float64)"),
        ("ones_empty", "torch.ones_like(torch.zeros(0, 3))"),
        ("full", "torch.full_like(t, 7)"),
        ("full_float_into_int", "torch.full_like(t, 2.7)"),
        ("full_bool_into_int", "torch.full_like(t, True)"),
        ("full_into_float", "torch.full_like(t.float(), 7)"),
        ("full_into_bool", "torch.full_like(t.bool(), 7)"),
        ("full_keyword", "torch.full_like(t, fill_value=3)"),
        ("full_dtype", "torch.full_like(t, 0.5, dtype=torch.float32)"),
        ("full_overflow", "torch.full_like(t.int(), 2**40)"),
        ("full_nan_into_int", "torch.full_like(t, float('nan'))"),
        ("full_inf_into_int", "torch.full_like(t, float('inf'))"),
        ("full_missing", "torch.full_like(t)"),
        ("zeros_not_tensor", "torch.zeros_like([1])"),
        ("zeros_missing", "torch.zeros_like()"),
        ("zeros_method", "t.zeros_like()"),
        ("then_sum", "torch.ones_like(t.T).sum(dim=0)"),
        ("rand", "torch.manual_seed(0)\ntorch.rand_like(t.float())"),
        ("rand_bits", "torch.manual_seed(0)\ntorch.rand_like(t, dtype=torch.float64).tolist()"),
        ("rand_transposed", "torch.manual_seed(0)\ntorch.rand_like(t.T.float()).tolist()"),
        ("rand_int", "torch.rand_like(t)"),
        ("randn", "torch.manual_seed(0)\ntorch.randn_like(t, dtype=torch.float32)"),
        ("randn_bits", "torch.manual_seed(0)\ntorch.randn_like(torch.zeros(4, 5)).tolist()"),
        ("randn_transposed_blocks", "torch.manual_seed(0)\ntorch.randn_like(torch.zeros(5, 4).T).tolist()"),
        ("randn_int", "torch.randn_like(t)"),
    ]:
        add(f"create/like/{key}", f"{T}\n{program}")
    for key, program in [
        ("quarters", "torch.linspace(0, 1, 5)"),
        ("quarters_bits", "torch.linspace(0, 1, 5).tolist()"),
        ("sevenths", "torch.linspace(-1, 1, 7).tolist()"),
        ("thirteen", "torch.linspace(0.1, 0.9, 13).tolist()"),
        ("odd_range", "torch.linspace(-3.7, 2.2, 11).tolist()"),
        ("hundred", "torch.linspace(0, 10, 100)[::9].tolist()"),
        ("small_start", "torch.linspace(1e-3, 7.3, 37).tolist()"),
        ("long", "torch.linspace(-5, 5, 1001)[::50].tolist()"),
        ("descending", "torch.linspace(1, 0, 4).tolist()"),
        ("one_step", "torch.linspace(0, 1, 1)"),
        ("one_step_start", "torch.linspace(3.5, 1, 1).tolist()"),
        ("no_steps", "torch.linspace(0, 1, 0)"),
        ("two_steps", "torch.linspace(2, 5, 2).tolist()"),
        ("keywords", "torch.linspace(start=0, end=1, steps=3)"),
        ("steps_keyword", "torch.linspace(0, 1, steps=3)"),
        ("int64", "torch.linspace(0, 10, 5, dtype=torch.int64)"),
        ("int32_negative", "torch.linspace(-7, 3, 6, dtype=torch.int32)"),
        ("float64", "torch.linspace(-1, 1, 7, dtype=torch.float64).tolist()"),
        ("bool_start", "torch.linspace(True, 5, 3)"),
        ("tensor_ends", "torch.linspace(torch.tensor(0.), torch.tensor(1.), 3)"),
        ("tensor_start", "torch.linspace(torch.tensor(2), 4, 3)"),
        ("inf", "torch.linspace(0, float('inf'), 3)"),
        ("nan", "torch.linspace(float('nan'), 1, 3)"),
        ("negative_steps", "torch.linspace(0, 1, -1)"),
        ("missing_steps", "torch.linspace(0, 1)"),
        ("float_steps", "torch.linspace(0, 1, 2.5)"),
        ("bool_dtype", "torch.linspace(0, 1, 5, dtype=torch.bool)"),
        ("vector_end", "torch.linspace(0, torch.tensor([1.]), 3)"),
        ("vector_start", "torch.linspace(torch.tensor([0.]), 1, 3)"),
        ("vector_start_tensor_end", "torch.linspace(torch.tensor([0.]), torch.tensor(1.), 3)"),
    ]:
        add(f"create/linspace/{key}", program)
    for key, program in [
        ("square", "torch.eye(3)"),
        ("wide", "torch.eye(2, 3)"),
        ("tall", "torch.eye(n=2, m=1)"),
        ("int", "torch.eye(3, dtype=torch.int64)"),
        ("bool", "torch.eye(3, dtype=torch.bool)"),
        ("empty", "torch.eye(0)"),
        ("empty_columns", "torch.eye(2, 0)"),
        ("then_matmul", "torch.eye(2) @ torch.tensor([[1., 2.], [3., 4.]])"),
        ("negative", "torch.eye(-1)"),
        ("negative_m", "torch.eye(2, -1)"),
        ("float", "torch.eye(2.5)"),
        ("nothing", "torch.eye()"),
        ("three", "torch.eye(2, 3, 4)"),
    ]:
        add(f"create/eye/{key}", program)


def cases_print():
    p = {
        # integer mode / decimals / scientific
        "int_mode/scalar": "torch.tensor(8.)",
        "int_mode/row": "torch.tensor([6., 6., 6.])",
        "int_mode/negative": "torch.tensor([-1., 10., -100.])",
        "int_mode/with_zero": "torch.tensor([0., 0.])",
        "int_mode/neg_zero": "torch.tensor([-0., 1.])",
        "int_mode/big": "torch.tensor([12345678.])",
        "int_mode/float32_rounds_to_1e8": "torch.tensor([99999999.])",
        "int_mode/exactly_1e8": "torch.tensor([100000000.])",
        "int_mode/ratio_1000": "torch.tensor([1000., 1.])",
        "int_mode/ratio_below": "torch.tensor([999., 1.])",
        "int_mode/whole_with_nan": "torch.tensor([float('nan'), 1.])",
        "decimal/scalar": "torch.tensor(0.5)",
        "decimal/third": "torch.tensor([1., 2.]) / 3",
        "decimal/rounding": "torch.tensor([0.12345, 0.99995, 2.00005])",
        "decimal/negative": "torch.tensor([-0.5, 1.25, -10.125])",
        "decimal/large": "torch.tensor([123456.7])",
        "decimal/large_and_small_is_sci": "torch.tensor([123456.7, 0.5])",
        "decimal/small_ok": "torch.tensor([0.00011, 0.1])",
        "decimal/small_ratio_is_sci": "torch.tensor([0.00011, 1.])",
        "decimal/with_nan": "torch.tensor([float('nan'), 1.5])",
        "decimal/with_inf": "torch.tensor([float('inf'), -1.5, float('-inf')])",
        "decimal/2d": "torch.tensor([[0.5, -1.], [100.25, 2.]])",
        "sci/small": "torch.tensor([0.0001])",
        "sci/small_scalar": "torch.tensor(0.00001)",
        "sci/ratio": "torch.tensor([1000., 0.5])",
        "sci/ratio_int": "torch.tensor([1001., 1.])",
        "sci/big": "torch.tensor([1.5e8])",
        "sci/big_int": "torch.tensor([2e8, 1.])",
        "sci/huge": "torch.tensor([1e30, -1e-30])",
        "sci/with_nan_inf": "torch.tensor([1e-5, float('nan'), float('inf')])",
        "sci/negative": "torch.tensor([-1e10, 1.])",
        "sci/2d": "torch.tensor([[1e-5, 1.], [2., 3.]])",
        "sci/float64": "torch.tensor([1e-10, 1.], dtype=torch.float64)",
        "sci/zero_ignored": "torch.tensor([0., 0.001])",
        "sci/zero_and_big": "torch.tensor([0., 1e9])",
        "special/nan_scalar": "torch.tensor(float('nan'))",
        "special/all_nan": "torch.tensor([float('nan'), float('nan')])",
        "special/inf_only": "torch.tensor([float('inf'), float('-inf')])",
        "special/nan_inf_2d": "torch.tensor([[1., float('inf')], [float('-inf'), 2.]])",
        "special/nan_big": "torch.tensor([float('nan'), 12345.])",
        "special/nan_neg": "torch.tensor([float('nan'), -1.])",
        # alignment
        "align/int": "torch.tensor([[1, -1], [10, -100]])",
        "align/int_column": "torch.tensor([[1], [22], [-333]])",
        "align/bool": "torch.tensor([True, False])",
        "align/bool_2d": "torch.tensor([[True], [False]])",
        "align/bool_scalar": "torch.tensor(False)",
        "align/float_int_mode": "torch.tensor([[1., 20.], [-300., 4.]])",
        "align/float_decimal": "torch.tensor([[1.5, 20.], [-300., 4.]])",
        "align/negative_zero_int": "torch.tensor([0, -0])",
        # dtype suffix
        "dtype/float64": "torch.tensor([1., 2.], dtype=torch.float64)",
        "dtype/float64_scalar": "torch.tensor(1.5, dtype=torch.float64)",
        "dtype/float64_precise": "torch.tensor([1 / 3], dtype=torch.float64)",
        "dtype/int32": "torch.tensor([1, 2], dtype=torch.int32)",
        "dtype/int32_scalar": "torch.tensor(3, dtype=torch.int32)",
        "dtype/int32_2d": "torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)",
        "dtype/int64_no_suffix": "torch.tensor([1, 2], dtype=torch.int64)",
        "dtype/bool_no_suffix": "torch.tensor([True], dtype=torch.bool)",
        "dtype/empty_float64": "torch.zeros(0, dtype=torch.float64)",
        "dtype/empty_int32_2d": "torch.zeros(2, 0, dtype=torch.int32)",
        "dtype/empty_bool_2d": "torch.zeros(0, 2, dtype=torch.bool)",
        "dtype/empty_int64_2d": "torch.zeros(0, 2, dtype=torch.int64)",
        "dtype/float64_sci": "torch.tensor([1e20], dtype=torch.float64)",
        "dtype/float64_nan": "torch.tensor([float('nan')], dtype=torch.float64)",
        # empty
        "empty/1d": "torch.tensor([])",
        "empty/0x3": "torch.zeros(0, 3)",
        "empty/3x0": "torch.zeros(3, 0)",
        "empty/2x0x3": "torch.zeros(2, 0, 3)",
        "empty/int": "torch.arange(0)",
        "empty/bool": "torch.tensor([], dtype=torch.bool)",
        # wrapping past 80 columns
        "wrap/arange40_thirds": "torch.arange(40.) / 3",
        "wrap/arange100": "torch.arange(100)",
        "wrap/arange30_float": "torch.arange(30.)",
        "wrap/arange20_float64": "torch.arange(20., dtype=torch.float64) / 3",
        "wrap/float64_suffix_exact": "torch.arange(7, dtype=torch.float64) / 3",
        "wrap/float64_suffix_fits": "torch.arange(6, dtype=torch.float64) / 3",
        "wrap/float64_suffix_one_line": "torch.arange(5, dtype=torch.float64) / 3",
        "wrap/int32_suffix": "torch.arange(20, dtype=torch.int32)",
        "wrap/int32_suffix_long": "torch.arange(1000, 1030, dtype=torch.int32)",
        "wrap/int32_suffix_edge": "torch.arange(1000, 1013, dtype=torch.int32)",
        "wrap/2d_rows": "torch.arange(60.).reshape(2, 30) / 7",
        "wrap/3d_rows": "torch.arange(60).reshape(2, 1, 30)",
        "wrap/bool_long": "torch.arange(30) % 3 == 0",
        "wrap/sci_long": "torch.arange(1, 21.) * 1e-5",
        "wrap/negative_long": "torch.arange(-20, 20)",
        "wrap/exact_fit_int": "torch.arange(100, 118)",
        "wrap/exact_fit_int_plus_one": "torch.arange(100, 119)",
        "wrap/float64_2d": "torch.arange(24, dtype=torch.float64).reshape(2, 12) / 4",
        # summarisation past 1000 elements
        "summarise/arange1001": "torch.arange(1001)",
        "summarise/arange1000": "torch.arange(1000)",
        "summarise/arange1001_float": "torch.arange(1001.) / 4",
        "summarise/ones_30x40": "torch.ones(30, 40)",
        "summarise/zeros_11x11x11": "torch.zeros(11, 11, 11)",
        "summarise/arange_2x1000": "torch.arange(2000).reshape(2, 1000)",
        "summarise/arange_1001x1": "torch.arange(1001).reshape(1001, 1)",
        "summarise/float64": "torch.arange(1001, dtype=torch.float64)",
        "summarise/int32": "torch.arange(2000, dtype=torch.int32)",
        "summarise/bool": "torch.arange(1500) % 2 == 0",
        "summarise/4d": "torch.arange(2 * 3 * 20 * 20).reshape(2, 3, 20, 20)",
        "summarise/width_from_edges": "torch.arange(-500, 1000)",
        "summarise/sci_edges": "torch.arange(1, 1002.) * 1e-5",
        "summarise/mean_dim": "torch.ones(3, 1001).mean(dim=0)",
        # rank 3 and 4 blocks
        "blocks/3d_int": "torch.arange(24).reshape(2, 3, 4)",
        "blocks/3d_float": "torch.arange(12.).reshape(3, 2, 2) / 2",
        "blocks/3d_one_block": "torch.arange(6).reshape(1, 2, 3)",
        "blocks/4d_int": "torch.arange(16).reshape(2, 2, 2, 2)",
        "blocks/4d_float": "torch.arange(24.).reshape(2, 3, 1, 4) - 5",
        "blocks/4d_float64": "torch.arange(8, dtype=torch.float64).reshape(2, 2, 1, 2)",
        "blocks/3d_bool": "torch.arange(8).reshape(2, 2, 2) > 3",
        "blocks/3d_keepdim": "torch.arange(24.).reshape(2, 3, 4).sum(dim=1, keepdim=True)",
        "blocks/5d": "torch.zeros(1, 2, 1, 2, 1)",
        "blocks/3d_empty_inner": "torch.zeros(2, 2, 0)",
        # torch.Size
        "size/2d": "torch.zeros(3, 4).shape",
        "size/0d": "torch.tensor(1.).shape",
        "size/1d": "torch.zeros(5).size()",
        "size/empty": "torch.zeros(0, 3).shape",
        "size/in_list": "[torch.zeros(2).shape, torch.zeros(1, 2).shape]",
    }
    for key, expr in p.items():
        add(f"print/{key}", expr)

    # print() calls
    add("print/call/tensor", "print(torch.tensor([1., 2.]))")
    add("print/call/two_values", "print(torch.tensor(1), 2)")
    add("print/call/string_and_value", "print('sum:', torch.tensor([1, 2]).sum())")
    add("print/call/float", "print(0.1 + 0.2)")
    add("print/call/int", "print(42)")
    add("print/call/bool", "print(True)")
    add("print/call/none", "print(None)")
    add("print/call/empty", "print()")
    add("print/call/list", "print([1, 2.5, True, None])")
    add("print/call/tuple", "print((1, 'a'))")
    add("print/call/pair", "print(torch.tensor([[1, 9], [8, 2]]).max(dim=1))")
    add("print/call/size", "print(torch.zeros(2, 3).shape)")
    add("print/call/item", "print(torch.tensor(0.1).item())")
    add("print/call/multiline_tensor", "print(torch.arange(6).reshape(2, 3))")
    add("print/call/returns_none", "x = print('hi')\nx")
    add("print/call/mixed_with_repl", """
        t = torch.tensor([1, 2, 3])
        print(t)
        t.sum()
        print(t.numel())
    """)
    add("print/call/nan_float", "print(float('nan'), float('inf'), float('-inf'))")

    # Python values as the REPL shows them
    py = {
        "float/tenth": "0.1",
        "float/sum": "0.1 + 0.2",
        "float/third": "1 / 3",
        "float/whole": "2.0",
        "float/big": "1e16",
        "float/below_big": "1e15",
        "float/small": "1e-5",
        "float/above_small": "0.0001",
        "float/huge": "1.5e300",
        "float/negative": "-2.5",
        "float/neg_zero": "-0.0",
        "float/nan": "float('nan')",
        "float/inf": "float('inf')",
        "float/neg_inf": "float('-inf')",
        "float/from_string": "float('1.5')",
        "float/from_int": "float(3)",
        "float/long_digits": "123456789.123",
        "float/f32_widened": "torch.tensor([0.1, 0.2, 0.3]).tolist()",
        "float/f32_big": "torch.tensor(123456789.).item()",
        "int/positive": "42",
        "int/negative": "-7",
        "int/big": "2 ** 62",
        "bool/true": "True",
        "bool/false": "False",
        "none/value": "None",
        "none/assigned": "x = None\nx",
        "list/ints": "[1, 2, 3]",
        "list/mixed": "[1, 2.5, True, None, 'a']",
        "list/nested": "[[1, 2], [3]]",
        "list/empty": "[]",
        "list/of_tensors": "[torch.tensor(1), torch.tensor([1., 2.])]",
        "list/of_multiline_tensor": "[torch.tensor([[1, 2], [3, 4]])]",
        "tuple/pair": "(1, 2.5)",
        "tuple/single": "(1,)",
        "tuple/empty": "()",
        "tuple/no_parens": "1, 2",
        "tuple/of_tensors": "(torch.tensor(8.), torch.tensor(0.8889))",
        "tuple/of_multiline_tensors": "(torch.zeros(2, 2), torch.ones(2))",
        "tuple/nested": "((1, 2), [3, (4,)])",
        "str/literal": "'hello'",
        "str/double_quoted": '"nan"',
    }
    for key, expr in py.items():
        add(f"print/python/{key}", expr)


# ---------------------------------------------------------------------------
# python/: the Python part of the language
# ---------------------------------------------------------------------------


def cases_python():
    exprs = {
        "int/add": "2 + 3",
        "int/sub": "2 - 5",
        "int/mul": "6 * 7",
        "int/truediv": "7 / 2",
        "int/truediv_exact": "6 / 3",
        "int/floordiv": "7 // 2",
        "int/floordiv_negative": "-7 // 2",
        "int/mod": "7 % 3",
        "int/mod_negative": "-7 % 3",
        "int/mod_negative_divisor": "7 % -3",
        "int/pow": "2 ** 10",
        "int/pow_negative": "2 ** -1",
        "int/pow_right_assoc": "2 ** 3 ** 2",
        "int/unary_minus_pow": "-2 ** 2",
        "int/precedence": "2 + 3 * 4 - 6 / 2",
        "int/parentheses": "(2 + 3) * 4",
        "int/unary_plus": "+5",
        "float/add": "0.5 + 0.25",
        "float/mul": "1.1 * 3",
        "float/truediv": "1.0 / 3",
        "float/floordiv": "7.5 // 2",
        "float/floordiv_negative": "-7.5 // 2",
        "float/mod": "7.5 % 2",
        "float/mod_negative": "-7.5 % 2",
        "float/pow": "2.0 ** 0.5",
        "float/pow_int": "1.5 ** 2",
        "float/int_mix": "3 + 0.5",
        "float/overflow": "1e308 * 10",
        "float/pow_overflow": "10.0 ** 400",
        "float/pow_overflow_negative": "(-10.0) ** 401",
        "float/pow_int_base_overflow": "2 ** 1024.0",
        "float/pow_underflow": "1e-300 ** 2",
        "float/pow_inf_base": "float('inf') ** 2",
        "float/nan_arith": "float('nan') + 1",
        "float/inf_arith": "float('inf') - float('inf')",
        "float/exponent_literal": "1.5e3",
        "bool/add": "True + True",
        "bool/mul_int": "True * 5",
        "bool/mul_float": "False * 2.5",
        "bool/neg": "-True",
        "compare/lt": "1 < 2",
        "compare/ge": "2 >= 3",
        "compare/eq_int_float": "1 == 1.0",
        "compare/ne": "1 != 2",
        "compare/chained": "1 < 2 < 3",
        "compare/chained_false": "1 < 3 < 2",
        "compare/nan": "float('nan') == float('nan')",
        "compare/nan_ne": "float('nan') != float('nan')",
        "compare/inf": "float('inf') > 1e308",
        "compare/bool_int": "True == 1",
        "compare/list_eq": "[1, 2] == [1, 2]",
        "compare/tuple_eq": "(1, 2) == (1, 3)",
        "compare/none_eq": "None == None",
        "index/list": "[10, 20, 30][1]",
        "index/list_negative": "[10, 20, 30][-1]",
        # A one-element integer or bool tensor is an index (`__index__`).
        "index/list_by_tensor": "[10, 20, 30][torch.tensor(1)]",
        "index/list_by_argmax": "['cat', 'dog', 'bird'][torch.tensor([0.1, 0.7, 0.2]).argmax()]",
        "index/tuple_by_one_element_tensor": "(1, 2, 3)[torch.tensor([[2]])]",
        "index/str_by_int32_tensor": "'abc'[torch.tensor(-1, dtype=torch.int32)]",
        "index/list_by_bool_tensor": "[10, 20, 30][torch.tensor(True)]",
        "index/list_by_float_tensor": "[10, 20, 30][torch.tensor(1.)]",
        "index/list_by_two_element_tensor": "[10, 20, 30][torch.tensor([1, 2])]",
        "index/list_by_tensor_out_of_range": "[10, 20, 30][torch.tensor(5)]",
        "index/list_slice": "[10, 20, 30, 40][1:3]",
        "index/list_step": "[10, 20, 30, 40][::2]",
        "index/tuple": "(1, 2, 3)[0]",
        "index/nested": "[[1, 2], [3, 4]][1][0]",
        "index/list_out_of_range": "[1, 2][2]",
        "index/tuple_out_of_range": "(1, 2)[5]",
        "sequence/list_concat": "[1, 2] + [3]",
        "sequence/list_repeat": "[1, 2] * 2",
        "sequence/list_repeat_left": "3 * [0]",
        "sequence/list_repeat_negative": "[1] * -3",
        "sequence/list_repeat_bool": "[1, 2] * True",
        "sequence/tuple_repeat": "(1, 2) * 2",
        "sequence/str_concat": "'ab' + 'c'",
        "sequence/str_repeat": "'ab' * 3",
        "sequence/str_repeat_left": "2 * 'ab'",
        "sequence/str_repeat_zero": "'ab' * 0",
        "sequence/str_times_float": "'ab' * 1.5",
        "sequence/list_times_list": "[1] * [2]",
        "sequence/str_times_str": "'a' * 'b'",
        "sequence/float_times_list": "2.0 * [1]",
        "sequence/none_times_str": "None * 'a'",
        "sequence/tuple_times_tuple": "(1,) * (2,)",
        "sequence/list_plus_int": "[1] + 1",
        "sequence/list_plus_tuple": "[1] + (1,)",
        "sequence/tuple_plus_list": "(1,) + [1]",
        "sequence/str_plus_int": "'a' + 1",
        "sequence/str_plus_list": "'a' + [1]",
        "sequence/int_plus_list": "1 + [1]",
        "sequence/none_plus_tuple": "None + (1,)",
        "pow_type_error": "2.0 ** 'a'",
        "pow_type_error_none": "None ** 2",
        "pow_type_error_list": "[1] ** 2",
    }
    for key, expr in exprs.items():
        add(f"python/{key}", expr)
    # The tuples PyTorch returns take part in tuple arithmetic.
    shaped = "t = torch.tensor([[1., 5.], [4., 3.]])\n"
    for key, expr in {
        "size_repeat": "t.shape * 2",
        "size_repeat_left": "2 * t.shape",
        "size_repeat_bool": "t.shape * True",
        "size_repeat_zero": "t.shape * 0",
        "size_repeat_float": "t.shape * 1.5",
        "size_plus_tuple": "t.shape + (1,)",
        "tuple_plus_size": "(1,) + t.shape",
        "size_plus_size": "t.shape + t.shape",
        "size_plus_list": "t.shape + [1]",
        "size_plus_int": "t.shape + 1",
        "size_plus_float_tuple": "t.shape + (1.5,)",
        "size_plus_return_types": "t.shape + t.max(dim=0)",
        "return_types_repeat": "t.max(dim=0) * 2",
        "return_types_repeat_float": "t.min(dim=1) * 1.5",
        "return_types_plus_tuple": "t.max(dim=0) + (1,)",
        "tuple_plus_return_types": "(1,) + t.max(dim=0)",
        "return_types_plus_itself": "t.max(dim=1) + t.max(dim=1)",
        # With a tensor, a sequence on the left concatenates (and fails);
        # `*` repeats by the tensor as an index.
        "return_types_plus_tensor": "t.min(dim=0) + t.sum()",
        "tensor_plus_return_types": "t.sum() + t.min(dim=0)",
        "tuple_plus_tensor": "(1, 2) + t",
        "tensor_plus_tuple": "t + (1, 2)",
        "size_plus_tensor": "t.shape + t",
        "list_plus_tensor": "[1, 2] + t",
        "tensor_times_list": "t * [1, 2]",
        "return_types_times_tensor": "t.min(dim=0) * t",
        "list_times_int_tensor": "[1, 2] * torch.tensor([2])",
        "int_tensor_times_tuple": "torch.tensor(2, dtype=torch.int32) * (1,)",
        "list_times_bool_tensor": "[1] * torch.tensor(True)",
        "list_times_float_tensor": "[1] * torch.tensor(2.0)",
        "str_times_int_tensor": "'ab' * torch.tensor(2)",
        "size_times_int_tensor": "t.shape * torch.tensor(2)",
        # A tensor compares with tensors and numbers only: == and != fall
        # back to identity, an order is refused.
        "tensor_eq_str": "t == 'a'",
        "tensor_ne_none": "t != None",
        "tensor_eq_list": "t == [1., 5.]",
        "tensor_lt_str": "t < 'a'",
        "str_gt_tensor": "'a' > t",
        "tensor_ge_tuple": "t >= (1, 2)",
        "tensor_pow_str": "t ** 'a'",
    }.items():
        add(f"python/sequence/{key}", shaped + expr)

    add("python/assign/simple", "x = 3\nx")
    add("python/assign/reassign", "x = 3\nx = x + 1\nx")
    add("python/assign/unpack", "a, b = 1, 2\na + b")
    add("python/assign/unpack_parens", "(a, b) = (3, 4)\nb")
    add("python/assign/unpack_list", "a, b = [5, 6]\na")
    add("python/assign/swap", "a, b = 1, 2\na, b = b, a\n(a, b)")
    add("python/assign/unpack_too_many", "a, b = 1, 2, 3")
    add("python/assign/unpack_too_few", "a, b, c = 1, 2")
    add("python/assign/unpack_int", "a, b = 1")
    add("python/assign/chained_names", "x = 2\ny = x * x\nz = y - x\nz")
    add("python/assign/no_output", "x = 5")
    add("python/assign/tensor_alias", "t = torch.tensor([1, 2])\nu = t\nu")
    add("python/syntax/comments", """
        # a comment on its own line
        x = 2  # trailing comment
        # another
        x * 3  # result
    """)
    add("python/syntax/blank_lines", "x = 1\n\n\ny = 2\n\nx + y")
    add("python/syntax/continuation_in_brackets", """
        x = (1 +
             2 +
             3)
        x
    """)
    add("python/syntax/continuation_call", """
        torch.tensor(
            [1, 2, 3],
            dtype=torch.float64,
        )
    """)
    add("python/syntax/trailing_comma_list", "[1, 2, 3,]")
    add("python/syntax/trailing_comma_call", "torch.zeros(2, 3,).shape")
    add("python/syntax/none_statement", "None")
    add("python/syntax/several_outputs", "1\n2.5\nTrue\nNone\n'x'")
    add("python/syntax/semicolon_free_multiple", "a = 1\nb = 2\na\nb")
    add("python/syntax/keyword_spacing", "torch.tensor([1., 2.]).sum( dim = 0 )")
    add("python/syntax/parenthesised_expression", "(torch.tensor([1, 2]))")
    add("python/syntax/method_on_literal_chain", "torch.tensor([[1, 2], [3, 4]]).sum(dim=0).max().item()")
    add("python/builtins/len_nested", "len([[1, 2], [3, 4], [5, 6]])")
    add("python/builtins/float_of_bool", "float(True)")
    add("python/builtins/float_neg_inf_string", "float('-inf') < 0")
    # Sequences slice with Python's rules, negative steps included (only
    # tensors refuse them); the (values, indices) pair slices as a tuple.
    for key, expr in {
        "list_reversed": "[1, 2, 3][::-1]",
        "str_reversed": "'abc'[::-1]",
        "tuple_step_minus_two": "(5, 6, 7)[::-2]",
        "size_reversed": "torch.zeros(2, 3, 4).shape[::-1]",
        "tolist_reversed": "torch.tensor([[1, 2], [3, 4]]).tolist()[::-1]",
        "negative_bounds": "[1, 2, 3, 4, 5][-1:0:-2]",
        "start_backwards": "[1, 2, 3, 4, 5][3::-1]",
        "bounds_clamped_backwards": "[1, 2, 3][10:-10:-1]",
        "start_before_first_backwards": "[1, 2, 3][-10::-1]",
        "empty_backwards": "[1, 2, 3][1:1:-1]",
        "list_step_zero": "[1, 2, 3][::0]",
        "str_step_zero": "'ab'[::0]",
        "size_step_zero": "torch.zeros(2).shape[::0]",
        "return_types_head": "torch.tensor([3., 1.]).max(dim=0)[:1]",
        "return_types_reversed": "torch.tensor([3., 1.]).max(dim=0)[::-1]",
        "return_types_whole": "torch.tensor([3., 1.]).min(dim=0)[0:2]",
        "return_types_step_zero": "torch.tensor([3., 1.]).max(dim=0)[::0]",
        "return_types_bool_index": "torch.tensor([3., 1.]).max(dim=0)[True]",
        "return_types_str_index": "torch.tensor([3., 1.]).max(dim=0)['a']",
        "return_types_variable": "r = torch.tensor([[1., 5.], [4., 3.]]).min(dim=1)\nr[1:]",
    }.items():
        add(f"python/slice/{key}", expr)
    # `and` / `or` give an operand, asking only the ones before the last
    # for their truth value.
    for key, expr in {
        "and_tensor_last": "True and torch.tensor([1, 2])",
        "and_array_last": "7 and torch.tensor([1., 2.]).numpy()",
        "or_tensor_last": "0 or torch.tensor([1, 2])",
        "and_tensor_first": "torch.tensor([1, 2]) and 1",
        "or_falsy_tensor_first": "torch.tensor([0]) or 5",
        "or_empty_tensor_first": "torch.tensor([]) or 5",
        "or_list": "[] or 'x'",
        "and_chain_stops": "1 and 2 and 0 and 3",
        "and_chain_last": "1 and 2 and 3",
        "or_chain_last": "None or 0 or ''",
        "or_skips_the_rest": "0 or None or 2 or undefined_name",
        "and_skips_the_rest": "0 and undefined_name",
        "and_or_mixed": "False or [1] and (2, 3)",
        "return_types_and_size": "t = torch.tensor([[1., 5.], [4., 3.]])\nt.max(dim=0) and t.shape",
        "tensors_and_or": "torch.tensor(1.5) and torch.tensor(0.) or torch.tensor([1, 2, 3])",
    }.items():
        add(f"python/boolop/{key}", expr)
    # float() and int() convert only a 0-d NumPy array, a tensor of any
    # shape with one element.
    for key, expr in {
        "float_array_one_element": "float(torch.tensor([1.5]).numpy())",
        "int_array_one_element": "int(torch.tensor([1.5]).numpy())",
        "float_array_nested_one_element": "float(torch.tensor([[1.5]]).numpy())",
        "float_array_two_elements": "float(torch.tensor([1, 2]).numpy())",
        "float_array_empty": "float(torch.tensor([]).numpy())",
        "int_array_row": "int(torch.tensor([[1, 2]]).numpy())",
        "int_array_one_nan": "int(torch.tensor([float('nan')]).numpy())",
        "float_array_0d": "float(torch.tensor(1.5).numpy())",
        "int_array_0d": "int(torch.tensor(2.5, dtype=torch.float64).numpy())",
        "float_array_0d_bool": "float(torch.tensor(True).numpy())",
        "float_array_reduced_to_1d": "float(torch.tensor([[1., 2.]]).sum(dim=1).numpy())",
        "float_array_reduced_to_0d": "float(torch.tensor([[1., 2.]]).sum().numpy())",
        "bool_array_one_element": "bool(torch.tensor([3]).numpy())",
        "float_tensor_one_element": "float(torch.tensor([[1.5]]))",
        "int_tensor_two_elements": "int(torch.tensor([1, 2]))",
    }.items():
        add(f"python/builtins/{key}", expr)
    # min, max and sum go through a sequence (or min/max their arguments)
    # with Python's < > and +, so ties, NaN, mixed types, 0-d tensors and
    # the errors are Python's.
    for key, expr in {
        "min_list": "min([3, 1, 2])",
        "max_args": "max(3, 4)",
        "sum_list": "sum([1, 2])",
        "min_args_three": "min(4, 2, 3)",
        "max_tie_keeps_first": "max(3, 1, 3.0)",
        "max_int_float_tie": "max(1, 1.0)",
        "max_float_int_tie": "max(1.0, 1)",
        "min_bool_int_tie": "min(True, 1)",
        "min_nan_first": "min([float('nan'), 1])",
        "min_nan_later": "min([1, float('nan')])",
        "max_floats": "max([1.5, -2.5, 0.25])",
        "min_str": "min('hello')",
        "min_list_of_str": "min(['b', 'a'])",
        "min_size": "min(torch.zeros(3, 1, 2).shape)",
        "sum_size": "sum(torch.zeros(3, 1, 2).shape)",
        "min_tolist": "min(torch.tensor([3., 1., 2.]).tolist())",
        "min_single_none": "min([None])",
        "min_empty": "min([])",
        "max_empty_tuple": "max(())",
        "max_empty_str": "max('')",
        "max_empty_default": "max([], default=7)",
        "max_empty_default_none": "max([], default=None)",
        "max_default_with_args": "max(1, 2, default=0)",
        "min_key_none": "min([1, 2], key=None)",
        "min_bad_keyword": "min([1, 2], foo=1)",
        "min_no_args": "min()",
        "max_not_iterable": "max(5)",
        "max_none": "max(None)",
        "min_dtype": "min(torch.float32)",
        "min_int_str": "min([1, 'a'])",
        "max_int_str": "max([1, 'a'])",
        "min_none_int": "min([None, 1])",
        "max_int_none": "max([1, None])",
        "max_tensor_int": "max([torch.tensor(1), 2])",
        "max_tensors_0d": "max(torch.tensor(1.), torch.tensor(2))",
        "min_tensors_0d_tie": "min(torch.tensor(2.), torch.tensor(2))",
        "min_tensors_1d": "min(torch.tensor([1, 2]), torch.tensor([0, 3]))",
        "max_empty_tensor": "max(torch.tensor([]), 1)",
        "max_return_types": "max(torch.tensor([3., 1., 2.]).max(dim=0))",
        "sum_floats": "sum([0.1, 0.2, 0.3])",
        "sum_floats_repeated": "sum([0.1] * 10)",
        "sum_mixed": "sum([1.5, 2, True])",
        "sum_bools": "sum([True, True])",
        "sum_negative_zero": "sum([-0.0])",
        "sum_empty": "sum([])",
        "sum_start": "sum((1, 2), 0.5)",
        "sum_start_keyword": "sum([1, 2], start=10)",
        "sum_lists": "sum([[1], [2]], [])",
        "sum_tuples": "sum([(1,), (2,)], ())",
        "sum_empty_list_start": "sum([], [])",
        "sum_tolist_rows": "sum(torch.tensor([[1, 2], [3, 4]]).tolist(), [])",
        "sum_tensors": "sum([torch.tensor([1, 2]), torch.tensor([3, 4])])",
        "sum_tensor_0d_int": "sum([torch.tensor(1.5), 2])",
        "sum_tensor_negative_zero": "sum([torch.tensor(-0.)])",
        "sum_bool_tensors": "sum([torch.tensor([True, False]), torch.tensor([True, True])])",
        "sum_strs": "sum(['a', 'b'])",
        "sum_str_start": "sum(['a'], '')",
        "sum_str_start_keyword": "sum([1], start='x')",
        "sum_not_iterable_before_str": "sum(5, 'x')",
        "sum_int_str": "sum([1, 'a'])",
        "sum_no_args": "sum()",
        "sum_iterable_keyword": "sum(iterable=[1])",
        "sum_too_many": "sum([1, 2], 3, 4)",
        "sum_bad_keyword": "sum([1, 2], foo=1)",
        "sum_not_iterable": "sum(5)",
        "shadowed": "min = 3\nmin",
        "repr": "max",
        "print": "print(min(4, 2), max([1.5, -2.5]), sum((1, 2, 3)))",
    }.items():
        add(f"python/min_max_sum/{key}", expr)
    # A name just before a quote is a string prefix: `u` reads as a plain
    # string (f, r and b are outside the subset); `%` after a number stays
    # arithmetic.
    add("python/syntax/u_prefix", "u'a'")
    add("python/syntax/u_prefix_upper_escape", "U'a\\tb'")
    add("python/syntax/u_prefix_triple", "u'''x'''")
    add("python/sequence/int_mod_str", "5 % 'a'")
    # A sum of tensors adds one by one, as Python does (100 is the most
    # tensors the playground takes in one sum).
    add("python/min_max_sum/sum_hundred_tensors", "sum([torch.tensor(0.1)] * 100)")
    add("python/min_max_sum/sum_hundred_tensors_start", "sum([torch.tensor(0.1)] * 99, torch.tensor(0.1))")
    add("python/min_max_sum/max_hundred_tensors", "max([torch.tensor(0.5)] * 50 + [torch.tensor(1)] * 51)")
    # round(number, ndigits) and int(x, base): keywords, and Python's
    # errors in Python's order (reading a string in a base is outside the
    # subset).
    for key, expr in {
        "round_ndigits_float": "round(2.5, 1.5)",
        "round_int_ndigits_float": "round(2, 1.5)",
        "round_ndigits_str": "round(2.5, 'a')",
        "round_ndigits_bool": "round(2.5, True)",
        "round_ndigits_keyword": "round(2.5, ndigits=1)",
        "round_number_keyword": "round(number=2.5)",
        "round_bad_keyword": "round(2.5, x=1)",
        "round_number_twice": "round(2.5, number=1)",
        "round_no_args": "round()",
        "round_three_args": "round(2.5, 1, 2)",
        "round_tensor_ndigits_float": "round(torch.tensor(2.5), 1.5)",
        "round_str_ndigits_float": "round('a', 1.5)",
        "round_array_ndigits": "round(torch.tensor([1.25]).numpy(), 1)",
        "int_non_string_base": "int(7, 2)",
        "int_float_base": "int(7.5, 2)",
        "int_tensor_base": "int(torch.tensor(1), 2)",
        "int_base_str": "int(7, 'a')",
        "int_string_base_none": "int('7', None)",
        "int_base_out_of_range": "int('ff', 37)",
        "int_base_out_of_range_non_string": "int(7, 37)",
        "int_x_keyword": "int(x='7')",
        "int_base_only": "int(base=2)",
        "int_three_args": "int('1', 2, 3)",
    }.items():
        add(f"python/builtins/{key}", expr)


# ---------------------------------------------------------------------------
# errors/: PyTorch's and Python's exception types and messages
# ---------------------------------------------------------------------------


def cases_errors():
    e = {
        # names and Python arithmetic
        "name/undefined": "x",
        "name/undefined_in_expression": "t = torch.tensor([1])\nt + y",
        "name/after_output": "x = 1\nx\nundefined_name",
        "zero_division/int_truediv": "1 / 0",
        "zero_division/int_floordiv": "1 // 0",
        "zero_division/int_mod": "5 % 0",
        "zero_division/float_truediv": "1.0 / 0",
        "zero_division/float_floordiv": "1.0 // 0.0",
        "zero_division/float_mod": "1.5 % 0",
        "zero_division/zero_pow_negative": "0 ** -1",
        "zero_division/after_print": "print('before')\n1 / 0\nprint('after')",
        "zero_division/from_item": "1 / torch.tensor(0).item()",
        # dims
        "dim/sum_out_of_range": "torch.zeros(2, 3).sum(dim=2)",
        "dim/sum_out_of_range_negative": "torch.zeros(2, 3).sum(dim=-3)",
        "dim/sum_tuple_out_of_range": "torch.zeros(2, 3).sum(dim=(0, 5))",
        "dim/mean_tuple_out_of_range_negative": "torch.zeros(2, 3).mean(dim=(-3, 0))",
        "dim/1d_out_of_range": "torch.zeros(3).argmax(dim=1)",
        "dim/0d_out_of_range": "torch.tensor(1.).sum(dim=1)",
        "dim/3d_out_of_range": "torch.zeros(2, 3, 4).max(dim=3)",
        "dim/repeated": "torch.zeros(2, 3).sum(dim=(0, 0))",
        "dim/repeated_negative": "torch.zeros(2, 3, 4).sum(dim=(0, -3))",
        "dim/repeated_amax": "torch.zeros(2, 3).amax(dim=(1, -1))",
        "dim/repeated_count_nonzero": "torch.zeros(2, 3).count_nonzero(dim=(1, 1))",
        "dim/float": "torch.zeros(2, 3).sum(dim=1.0)",
        "dim/max_tuple": "torch.zeros(2, 3).max(dim=(0, 1))",
        "dim/min_tuple": "torch.zeros(2, 3).min(dim=(0,))",
        "dim/argmax_tuple": "torch.zeros(2, 3).argmax(dim=(0, 1))",
        "dim/argmin_tuple": "torch.zeros(2, 3).argmin(dim=(1,))",
        "dim/prod_tuple": "torch.zeros(2, 3).prod(dim=(0, 1))",
        "dim/norm_three_dims": "torch.zeros(2, 3, 4).norm(dim=(0, 1, 2))",
        "dim/keepdim_without_dim_sum": "torch.zeros(2, 3).sum(keepdim=True)",
        "dim/keepdim_without_dim_mean": "torch.zeros(2, 3).mean(keepdim=True)",
        "dim/keepdim_without_dim_max": "torch.zeros(2, 3).max(keepdim=True)",
        "dim/count_nonzero_keepdim": "torch.zeros(2, 3).count_nonzero(dim=0, keepdim=True)",
        "dim/size_out_of_range": "torch.zeros(2, 3).size(5)",
        # item
        "item/many": "torch.tensor([[0, 1, 0], [2, 0, 2], [0, 3, 0]]).item()",
        "item/two": "torch.tensor([1., 2.]).item()",
        "item/empty": "torch.zeros(0, 3).item()",
        # dtype restrictions
        "dtype/mean_int": "torch.tensor([1, 2, 3]).mean()",
        "dtype/mean_bool": "torch.tensor([True, False]).mean()",
        "dtype/mean_int32": "torch.tensor([1, 2], dtype=torch.int32).mean(dim=0)",
        "dtype/std_int": "torch.tensor([1, 2, 3]).std()",
        "dtype/var_bool": "torch.tensor([True, False]).var()",
        "dtype/norm_int": "torch.tensor([3, 4]).norm()",
        "dtype/norm_bool": "torch.tensor([True]).norm()",
        "dtype/norm_int32": "torch.tensor([3, 4], dtype=torch.int32).norm()",
        "dtype/argmax_bool": "torch.tensor([True, False]).argmax()",
        "dtype/argmin_bool_dim": "torch.tensor([[True, False]]).argmin(dim=1)",
        "dtype/neg_bool": "-torch.tensor([True])",
        "dtype/sub_bool": "torch.tensor([True]) - torch.tensor([False])",
        "dtype/int_negative_power": "torch.tensor([2]) ** -2",
        "dtype/int32_overflow_data": "torch.tensor([2 ** 31], dtype=torch.int32)",
        # Floats into an integer dtype: from the least value up to, not
        # reaching, one past the greatest; never NaN or an infinity.
        "dtype/int32_float_just_below_limit": "torch.tensor([2147483647.9, -2147483648.0], dtype=torch.int32)",
        "dtype/int32_float_at_limit": "torch.tensor([2147483648.0], dtype=torch.int32)",
        "dtype/int32_float_below_least": "torch.tensor([-2147483648.4], dtype=torch.int32)",
        "dtype/int32_nan": "torch.tensor([1, float('nan')], dtype=torch.int32)",
        "dtype/int64_inf": "torch.tensor([float('inf')], dtype=torch.int64)",
        "dtype/int64_minus_inf": "torch.tensor(-float('inf'), dtype=torch.int64)",
        "dtype/int64_nan_nested": "torch.tensor([[1.5], [float('nan')]], dtype=torch.int64)",
        "dtype/int64_float_near_limit": "torch.tensor([9.2e18, -9.223372036854775808e18], dtype=torch.int64)",
        "dtype/int64_float_at_limit": "torch.tensor([9.223372036854775808e18], dtype=torch.int64)",
        "dtype/int64_float_below_least": "torch.tensor([-9.3e18], dtype=torch.int64)",
        "dtype/bool_nan": "torch.tensor([float('nan'), 0.0], dtype=torch.bool)",
        "dtype/full_int64_inf": "torch.full((2,), float('inf'), dtype=torch.int64)",
        "dtype/full_int64_too_big": "torch.full((1,), 1e20, dtype=torch.int64)",
        "dtype/full_int32_nan": "torch.full((2,), float('nan'), dtype=torch.int32)",
        "dtype/full_int32_too_big": "torch.full((2,), 3e9, dtype=torch.int32)",
        "dtype/full_int64_truncates": "torch.full((2,), -2.5, dtype=torch.int64)",
        "dtype/conversion_of_inf_is_not_checked": "torch.tensor([1.5, float('inf')]).long()",
        "dtype/arange_bool": "torch.arange(5, dtype=torch.bool)",
        # An int list is chosen by its first item; later ones are checked after.
        "int_list/varargs_float_later": "torch.ones(2, 3, 2.0)",
        "int_list/tuple_float_later": "torch.ones((2, 2.0))",
        "int_list/list_none_later": "torch.zeros(2, 3).reshape([2, None])",
        "int_list/tuple_float_first": "torch.zeros((2.0,))",
        "int_list/full_float_first": "torch.full((2.0, 3), 1)",
        "int_list/varargs_str_later": "torch.ones(2, 'a')",
        "int_list/bool_later_is_an_int": "torch.ones(2, True)",
        "int_list/dims_float_later": "torch.zeros(2, 3).sum(dim=(0, 1.0))",
        "int_list/dims_float_first": "torch.zeros(2, 3).sum(dim=(0.0, 1))",
        "int_list/dims_bool_later": "torch.arange(6.).reshape(2, 3).sum(dim=(0, True))",
        "int_list/dims_bool_first": "torch.arange(6.).reshape(2, 3).sum(dim=(True,))",
        "dtype/arange_bool_bad_range": "torch.arange(5, 0, dtype=torch.bool)",
        # empty reductions
        "empty/max": "torch.tensor([]).max()",
        "empty/min": "torch.tensor([]).min()",
        "empty/amax": "torch.zeros(0, 3).amax()",
        "empty/amin": "torch.zeros(0, 3).amin()",
        "empty/argmax": "torch.tensor([]).argmax()",
        "empty/argmin": "torch.zeros(0, 2).argmin()",
        "empty/max_of_empty_values": "torch.zeros(0, 3).max(dim=1).values.max(dim=0)",
        "empty/max_dim_empty": "torch.zeros(0, 3).max(dim=0)",
        "empty/argmax_dim_empty": "torch.zeros(0, 3).argmax(dim=0)",
        "empty/amax_dim_empty": "torch.zeros(0, 3).amax(dim=0)",
        # ragged and bad data
        "data/ragged_length": "torch.tensor([[1, 2], [3]])",
        "data/ragged_scalar_then_list": "torch.tensor([1, [2, 3]])",
        "data/ragged_list_then_scalar": "torch.tensor([[1, 2], 3])",
        "data/ragged_deep": "torch.tensor([[[1, 2], [3, 4]], [[5, 6], [7]]])",
        "data/ragged_longer": "torch.tensor([[1], [2, 3]])",
        "data/ragged_empty_row": "torch.tensor([[1, 2], []])",
        "data/none_element": "torch.tensor([1, None])",
        "data/string_element": "torch.tensor([1, 'a'])",
        "data/float_string": "float('abc')",
        "data/negative_dim_zeros": "torch.zeros(-1)",
        "data/negative_dim_ones": "torch.ones(2, -3)",
        # indexing
        "index/out_of_bounds": "torch.tensor([1, 2, 3])[3]",
        "index/out_of_bounds_negative": "torch.tensor([1, 2, 3])[-4]",
        "index/out_of_bounds_dim1": "torch.zeros(2, 3)[1, 3]",
        "index/0d": "torch.tensor(5.)[0]",
        "index/0d_after_reduction": "torch.tensor([1, 2]).sum()[0]",
        "index/too_many": "torch.zeros(2, 3)[0, 0, 0]",
        "index/negative_step": "torch.arange(5)[::-1]",
        "index/empty_row": "torch.zeros(0, 3)[0]",
        "index/pair_out_of_range": "torch.tensor([[1, 2]]).max(dim=1)[2]",
        "index/size_out_of_range": "torch.zeros(2, 3).shape[2]",
        # shapes
        "shape/reshape_invalid": "torch.arange(6).reshape(4, 4)",
        "shape/reshape_two_infer": "torch.arange(6).reshape(-1, -1)",
        "shape/reshape_infer_impossible": "torch.arange(6).reshape(4, -1)",
        "shape/view_invalid": "torch.arange(6).view(5)",
        "shape/reshape_negative": "torch.arange(6).reshape(-2, 3)",
        "shape/broadcast": "torch.ones(2, 3) + torch.ones(2)",
        "shape/broadcast_dim0": "torch.ones(3, 2) - torch.ones(2, 2)",
        "shape/len_0d": "len(torch.tensor(3))",
        "shape/arange_bad_step_sign": "torch.arange(5, 0)",
        "shape/arange_zero_step": "torch.arange(0, 5, 0)",
        "shape/full_int_size": "torch.full(3, 1.)",
        # integer division by zero in tensors
        "tensor_zero_division/floordiv": "torch.tensor([4, 2]) // 0",
        "tensor_zero_division/mod": "torch.tensor([4, 2]) % torch.tensor([1, 0])",
        "tensor_zero_division/int32": "torch.tensor([4], dtype=torch.int32) // 0",
        "tensor_zero_division/truediv_ok": "torch.tensor([4, 0]) / 0",
        # unpacking the pair and other values
        "unpack/pair_into_three": "a, b, c = torch.zeros(2, 3).max(dim=0)",
        # errors stop the program after earlier output
        "stop/output_before_error": """
            t = torch.tensor([[1., 2.], [3., 4.]])
            t.sum()
            t.sum(dim=2)
            t.mean()
        """,
        "stop/print_before_error": """
            print(torch.tensor([1, 2]))
            torch.tensor([1, 2]).mean()
            print('never')
        """,
        "stop/assignment_error": """
            t = torch.tensor([1, 2, 3])
            u = t[5]
            t
        """,
    }
    for key, prog in e.items():
        add(f"errors/{key}", prog)
    # argument binding as PyTorch's parser does it (fix-errors branch)
    binding = {
        "got/positional_then_keyword_method": "torch.tensor([1.]).count_nonzero(0, keepdim=True)",
        "got/positional_then_keyword_max": "torch.tensor([1.]).max(0, 1, keepdim=True)",
        "got/keywords_only_function": "torch.sum(input=torch.tensor([1.]), keepdim=True)",
        "got/type_error_before_multiple_values": "torch.tensor([1.]).sum(0, 1, keepdim=True)",
        "alias/sum_axis": "torch.tensor([[1.5, 2.5]]).sum(axis=0)",
        "alias/mean_axis_keepdims": "torch.tensor([[1.5, 2.5]]).mean(axis=(0, 1), keepdims=True)",
        "alias/max_axis": "torch.tensor([[1.5, 2.5]]).max(axis=1)",
        "alias/std_keywords": "torch.tensor([[1.5, 2.5]]).std(axis=1, unbiased=False, keepdims=True)",
        "alias/argmax_input_x": "torch.argmax(x=torch.tensor([[1.5, 2.5]]), axis=1)",
        "alias/sum_input_a": "torch.sum(a=torch.tensor([[1.5, 2.5]]))",
        "alias/count_nonzero_axis": "torch.tensor([[1.5, 0.]]).count_nonzero(axis=1)",
        "alias/any_axis": "torch.any(torch.tensor([[1.5, 0.]]), axis=1)",
        "alias/size_axis": "torch.zeros(2, 3).size(axis=1)",
        "alias/axis_and_dim": "torch.tensor([[1.5]]).sum(dim=0, axis=0)",
        "alias/axis_after_position": "torch.tensor([[1.5]]).amax(0, axis=1)",
        "alias/bad_axis_type": "torch.tensor([[1.5]]).amax(axis=1.5)",
        "alias/bad_keepdims_type": "torch.tensor([[1.5]]).amax(axis=1, keepdims=1)",
        "alias/unknown_keyword_first": "torch.tensor([[1.5]]).sum(foo=1, axis=0)",
        "alias/alias_first": "torch.tensor([[1.5]]).sum(axis=0, foo=1)",
        "alias/flatten_has_no_dim": "torch.tensor([[1.5]]).flatten(axis=0)",
        "function_form/max_tuple_dim_and_keepdim": "torch.max(torch.ones(2), dim=(0,), keepdim=True)",
        "function_form/max_float_dim": "torch.max(torch.ones(2), 0.0, True)",
        "function_form/min_int_keepdim": "torch.min(torch.ones(2), 0, 1)",
        "function_form/prod_four_positional": "torch.prod(torch.ones(2), 0, True, 1)",
        "function_form/max_four_positional": "torch.max(torch.ones(2), 0, True, 1)",
        "function_form/mean_out_none": "torch.mean(torch.ones(2), dim=0, keepdim=True, dtype=None, out=None)",
        "function_form/mean_bad_out": "torch.mean(torch.ones(2), 0, out=1)",
        "function_form/var_int_unbiased": "torch.var(torch.ones(2), 0, 1, 1)",
        "method/var_int_int": "torch.ones(2, 3).var(0, 1)",
        "method/std_int_int": "torch.ones(2, 3).std(0, 1)",
    }
    for key, prog in binding.items():
        add(f"errors/binding/{key}", prog)
    # the order of a reduction's checks: dtype, then dims (fix-errors branch)
    order = {
        "mean_int_dim_out_of_range": "torch.tensor([1, 2]).mean(dim=3)",
        "mean_int_repeated_dim": "torch.tensor([1, 2]).mean(dim=(0, 0))",
        "mean_int_dtype_argument": "torch.tensor([1., 2.]).mean(dim=3, dtype=torch.int64)",
        "mean_float_dtype_dim_out_of_range": "torch.tensor([1, 2]).mean(dim=3, dtype=torch.float32)",
        "function_mean_int_dim": "torch.mean(torch.tensor([1, 2]), 3)",
        "std_int_dim_out_of_range": "torch.tensor([1, 2]).std(dim=3)",
        "var_int_repeated_dim": "torch.tensor([[1, 2], [3, 4]]).var(dim=(0, -2))",
        "var_bool_correction": "torch.tensor([True]).var(dim=3, correction=0)",
        "argmax_bool_dim_out_of_range": "torch.tensor([True]).argmax(dim=3)",
        "argmin_bool_0d": "torch.tensor(True).argmin(dim=3)",
        "max_bool_dim_out_of_range": "torch.tensor([True]).max(dim=3)",
        "amax_empty_before_repeated": "torch.zeros(0, 0).amax(dim=(1, 1))",
        "amin_empty_before_repeated": "torch.zeros(2, 0).amin(dim=(-1, 1))",
        "amax_empty_negative_dim": "torch.zeros(2, 0).amax(dim=-1)",
        "amin_empty_dim_in_tuple": "torch.zeros(2, 0).amin(dim=(0, -1))",
        "amax_empty_before_out_of_range": "torch.zeros(2, 0).amax(dim=(1, 5))",
        "amax_out_of_range_before_empty": "torch.zeros(2, 0).amax(dim=(5, 1))",
        "amax_empty_first_written": "torch.zeros(0, 0).amax(dim=(-1, 0))",
        "max_empty_dim_wrapped": "torch.zeros(2, 0).max(dim=-1)",
        "argmax_empty_dim_wrapped": "torch.zeros(2, 0).argmax(dim=-1)",
        "var_empty_repeated": "torch.zeros(2, 0).var(dim=(1, 1))",
    }
    for key, prog in order.items():
        add(f"errors/check_order/{key}", prog)
    # subscripts refused in PyTorch's order (fix-errors branch)
    subscripts = {
        "0d_negative_step": "torch.tensor(1.)[::-1]",
        "0d_zero_step": "torch.tensor(1.)[::0]",
        "0d_slice": "torch.tensor(1.)[1:]",
        "0d_float": "torch.tensor(1.)[1.0]",
        "0d_tuple_of_one": "torch.tensor(1.)[0,]",
        "too_many_before_float": "torch.ones(2)[1.0, 0]",
        "too_many_before_float_second": "torch.ones(2)[0, 1.0]",
        "too_many_before_slice_step": "torch.ones(2)[0:1:0, 1.0]",
        "too_many_before_tuple": "torch.ones(2)[0, ()]",
        "too_many_string": "torch.ones(2)['ab']",
        "string": "torch.ones(2)['a']",
        "string_in_tuple": "torch.ones(2, 2)[0, 'a']",
        "float_before_string": "torch.ones(2, 2)[0.5, 'a']",
        "slice_step_before_float": "torch.ones(2, 2)[0:1:0, 1.0]",
        "float_before_slice_step": "torch.ones(2, 2)[1.0, 0:1:0]",
        "out_of_bounds_before_float": "torch.ones(2, 3)[7, 1.0]",
        "name_error_before_float": "torch.ones(2)[1.0, x]",
        "tuple_variable": "i = (1, 2)\ntorch.arange(6).reshape(2, 3)[i]",
        "tuple_variable_float": "i = (0, 1.0)\ntorch.ones(2)[i]",
        "size_as_index": "torch.ones(2, 3)[torch.ones(2).shape]",
    }
    for key, prog in subscripts.items():
        add(f"errors/subscript/{key}", prog)
    # creating tensors: PyTorch's messages and order (fix-errors branch)
    creation = {
        "tensor_string_in_list": "torch.tensor(['a'])",
        "tensor_string_first_nested": "torch.tensor([['ab', 'c']], dtype=torch.float32)",
        "tensor_string_later": "torch.tensor([1, 'a'])",
        "tensor_string_later_int_dtype": "torch.tensor([1, 'ab'], dtype=torch.int64)",
        "tensor_string_alone": "torch.tensor('a', dtype=torch.int32)",
        "tensor_none_int32": "torch.tensor(None, dtype=torch.int32)",
        "tensor_none_float64": "torch.tensor(None, dtype=torch.float64)",
        "tensor_none_bool": "torch.tensor([1, None], dtype=torch.bool)",
        "tensor_none_no_dtype": "torch.tensor([1, None])",
        "tensor_dtype_item_float32": "torch.tensor([1.5, torch.float32], dtype=torch.float32)",
        "arange_zero_step_before_bounds": "torch.arange(float('inf'), 10, 0)",
        "arange_nan_start_zero_step": "torch.arange(float('nan'), 10, 0)",
        "arange_infinite_step_before_bounds": "torch.arange(float('inf'), 10, float('inf'))",
        "arange_infinite_bounds": "torch.arange(float('inf'), 10, 1)",
        "zeros_size_keyword_bool": "torch.zeros(size=(True, 1))",
        "ones_size_keyword_list": "torch.ones(size=[True])",
        "zeros_size_positional_bool": "torch.zeros((True, 1))",
        "reshape_shape_keyword": "torch.ones(2).reshape(shape=(True, 2))",
        "amax_dim_keyword_float": "torch.ones(2).amax(dim=(1.5,))",
        "amax_dim_positional_float": "torch.ones(2).amax((1.5,))",
    }
    for key, prog in creation.items():
        add(f"errors/creation/{key}", prog)
    # Tensor.to's three overloads (fix-errors branch)
    to = {
        "no_arguments": "torch.ones(2).to()",
        "none": "torch.ones(2).to(None)",
        "copy_only": "torch.ones(2).to(copy=True)",
        "cpu_and_dtype": "torch.ones(2).to('cpu', torch.int32)",
        "device_keyword": "torch.ones(2).to(device='cpu', dtype=torch.float64)",
        "other_tensor": "torch.ones(2).to(torch.tensor([1], dtype=torch.int32))",
        "other_tensor_keyword": "torch.ones(2).to(tensor=torch.tensor([True]))",
        "dtype_keyword_int": "torch.ones(2).to(dtype=5)",
        "dtype_then_int": "torch.ones(2).to(torch.int32, 1)",
        "memory_format_int": "torch.ones(2).to(torch.int32, memory_format=1)",
        "unknown_keyword": "torch.ones(2).to(foo=1)",
    }
    for key, prog in to.items():
        add(f"errors/to/{key}", prog)
    # integer tensors where PyTorch expects an int (fix-errors branch)
    int_tensors = {
        "argmax_0d": "torch.tensor([1., 3., 2.]).argmax(torch.tensor(1) - 1)",
        "argmax_0d_int32_keyword": "torch.ones(2).argmax(dim=torch.tensor(0, dtype=torch.int32))",
        "argmax_0d_out_of_range": "torch.ones(2).argmax(torch.tensor(5))",
        "argmax_1d_refused": "torch.ones(2).argmax(torch.tensor([0]))",
        "argmax_bool_refused": "torch.ones(2).argmax(torch.tensor(True))",
        "argmax_float_refused": "torch.ones(2).argmax(torch.tensor(0.))",
        "prod_function": "torch.prod(torch.tensor([[1., 2.], [3., 4.]]), torch.tensor(1))",
        "amax_function": "torch.amax(torch.tensor([[1., 2.], [3., 4.]]), torch.tensor(0))",
        "sum_one_element_1d": "torch.ones(2, 3).sum(torch.tensor([1]))",
        "sum_bool_is_dim_1": "torch.ones(2).sum(torch.tensor(True))",
        "sum_in_tuple": "torch.ones(2, 3).sum((0, torch.tensor(1)))",
        "sum_float_in_tuple": "torch.ones(2, 2).sum((0, torch.tensor(1.)))",
        "sum_two_elements_refused": "torch.ones(2).sum(torch.tensor([0, 0]))",
        "max_dim_keepdim": "torch.tensor([1., 3.]).max(torch.tensor(0), True)",
        "size": "torch.ones(2, 3).size(torch.tensor(1))",
        "reshape_varargs": "torch.ones(2, 3).reshape(torch.tensor(3), 2)",
        "zeros_size": "torch.zeros(torch.tensor(2))",
        "zeros_float_refused": "torch.zeros(torch.tensor(2.))",
    }
    for key, prog in int_tensors.items():
        add(f"errors/int_tensor/{key}", prog)
    # Tensor.size has one overload, with an optional dim (fix-errors branch)
    size = {
        "two_positional": "torch.ones(2, 3).size(0, 1)",
        "none": "torch.ones(2, 3).size(None)",
        "dim_none": "torch.ones(2, 3).size(dim=None)",
        "string": "torch.ones(2, 3).size('a')",
        "unknown_keyword": "torch.ones(2, 3).size(foo=1)",
    }
    for key, prog in size.items():
        add(f"errors/size/{key}", prog)


# ---------------------------------------------------------------------------
# lesson/: exactly the programs of /work/shared/lesson-facts.md
# ---------------------------------------------------------------------------

LESSON = [
    (
        "lesson/1_what_a_reduction_is",
        [
            "t = torch.tensor([[0, 1, 0], [2, 0, 2], [0, 3, 0]], dtype=torch.float32)",
            "t.sum()",
            "t.numel()",
            "t.sum().numel()",
            "t.sum().numel() < t.numel()",
            "t.prod()",
            "t.mean()",
            "t.std()",
        ],
    ),
    (
        "lesson/2_reducing_along_one_axis",
        [
            "t = torch.tensor([[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]], dtype=torch.float32)",
            "t.sum(dim=0)",
            "t.sum(dim=1)",
            "t[0]",
            "t[1]",
            "t[2]",
            "t[0] + t[1] + t[2]",
            "t[0].sum()",
            "t[1].sum()",
            "t[2].sum()",
        ],
    ),
    (
        "lesson/3_argmax",
        [
            "t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)",
            "t.max()",
            "t.argmax()",
            "t.flatten()",
            "t.max(dim=0)",
            "t.argmax(dim=0)",
            "t.max(dim=1)",
            "t.argmax(dim=1)",
        ],
    ),
    (
        "lesson/4_getting_numbers_out",
        [
            "t = torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], dtype=torch.float32)",
            "t.mean()",
            "t.mean().item()",
            "t.mean(dim=0).tolist()",
            "t.mean(dim=0).numpy()",
        ],
    ),
]


def lesson_cases():
    """The lesson programs: one case per section, as lesson.json holds them."""
    return [(name, "\n".join(lines)) for name, lines in LESSON]


def cases_lesson():
    for name, program in lesson_cases():
        add(name, program)
    # Each expression on its own (after the section's setup line), so a
    # failure points at the exact line.
    for name, lines in LESSON:
        setup = lines[0]
        for i, line in enumerate(lines[1:], start=1):
            add(f"{name}/line{i}", f"{setup}\n{line}")


def cases_shipped():
    """Every step program of the lessons in www/lessons, so what the page
    teaches is checked against PyTorch too."""
    lessons = os.path.join(HERE, "..", "..", "www", "lessons")
    with open(os.path.join(lessons, "index.txt"), encoding="utf-8") as f:
        # Each line: the id, then (after a tab) its outline (docs/lessons.md).
        ids = [line.split("\t")[0].strip() for line in f if line.strip()]
    for lesson in ids:
        with open(os.path.join(lessons, f"{lesson}.md"), encoding="utf-8") as f:
            text = f.read()
        programs = re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)
        for step, program in enumerate(programs, start=1):
            add(f"shipped/{lesson}/step{step}", program)


# ---------------------------------------------------------------------------
# index/advanced, index/<op>: indexing with tensors, lists and masks, and
# the operations that pick elements (where, gather, index_select,
# masked_fill, nonzero); flip and roll
# ---------------------------------------------------------------------------


def cases_advanced_index():
    T = "t = torch.arange(12.).reshape(3, 4)"
    F = "t = torch.tensor([[1.5, -2.25, 3.0, 0.8], [-0.5, 2.5, -1.25, 4.0], [3.5, 0.25, -3.0, 1.75]])"
    C = "c = torch.arange(24).reshape(2, 3, 4)"
    X = "x = torch.tensor([1., 5., 2.])"
    programs = {
        "argmax_of_x": f"{X}\nx[x.argmax()]",
        "argmax_is_a_view": f"{X}\nx[x.argmax()].shape",
        "zero_d_index_out_of_range": f"{X}\nx[torch.tensor(5)]",
        "zero_d_negative": f"{X}\nx[torch.tensor(-1)]",
        "zero_d_row": f"{T}\nt[torch.tensor(1)]",
        "zero_d_with_list": f"{T}\nt[torch.tensor(1), [0, 1]]",
        "zero_d_out_of_range_first": f"{T}\nt[torch.tensor(7), [0, 1]]",
        "zero_d_second_dim_out_of_range": f"{T}\nt[:, torch.tensor(7)]",
        "zero_d_int32": f"{T}\nt[torch.tensor(2, dtype=torch.int32)]",
        "one_element_tensor": f"{T}\nt[torch.tensor([1])]",
        "list_rows": f"{T}\nt[[0, 1]]",
        "list_rows_bits": f"{F}\nt[[2, 0]].tolist()",
        "list_in_list_is_a_tuple": f"{T}\nt[[[0, 1]]]",
        "list_of_lists_is_a_tuple": f"{T}\nt[[[0, 1], [1, 2]]]",
        "two_lists": f"{T}\nt[[0, 1], [1, 2]]",
        "columns": f"{T}\nt[:, [2, 0]]",
        "columns_bits": f"{F}\nt[:, [3, 3, 1]].tolist()",
        "list_then_slice": f"{T}\nt[[0, 2], 1:3]",
        "list_then_none": f"{T}\nt[[0, 2], None]",
        "slice_then_list": f"{T}\nt[1:, [0, 3]]",
        "broadcast_lists": f"{T}\nt[[[0], [2]], [1, 3]]",
        "int_then_list": f"{T}\nt[0, [1, 3]]",
        "list_then_int": f"{T}\nt[[0, 1], 0]",
        "repeated_rows": f"{T}\nt[[2, 2, 0, 2]]",
        "negative_list": f"{T}\nt[[0, -1]]",
        "negative_pair": f"{T}\nt[[-1], [-1]]",
        "tensor_2d_index": f"{T}\nt[torch.tensor([[0, 1], [1, 1]])]",
        "tensor_2d_index_and_int": f"{T}\nt[torch.tensor([[0, 1], [1, 1]]), 2]",
        "vector_by_matrix": "torch.tensor([3, 1])[torch.tensor([[0, 1], [1, 1]])]",
        "int32_index": f"{T}\nt[torch.tensor([0, 1]).int()]",
        "bool_and_int_list": f"{T}\nt[[True, 1]]",
        "int_and_bool_list": f"{T}\nt[[1, True]]",
        "float_list_truncates": f"{T}\nt[[0.5]]",
        "float_list_mixed": f"{T}\nt[[0, 1.9]]",
        "float_lists_pair": f"{T}\nt[[0.5], [1]]",
        "tensors_apart_with_ellipsis": f"{T}\nt[torch.tensor([1, 2]), ..., torch.tensor([0, 1])]",
        "ellipsis_then_list": f"{T}\nt[..., [0, 1]]",
        "list_then_ellipsis": f"{T}\nt[[0, 1], ...]",
        "none_then_list": f"{T}\nt[None, [0, 1]]",
        "list_none_list": f"{T}\nt[[0, 1], None, [0, 1]]",
        "tuple_of_one_tensor": f"{T}\nt[(torch.tensor([0, 1]),)]",
        "tuple_in_variable": f"{T}\ni = ([0, 2], [1, 3])\nt[i]",
        "list_in_variable": f"{T}\ni = [2, 0]\nt[i]",
        "rank3_slice_then_lists": f"{C}\nc[:, [0, 1], [1, 2]]",
        "rank3_lists_apart": f"{C}\nc[[0, 1], :, [1, 2]]",
        "rank3_lists_apart_sliced": f"{C}\nc[[0, 1], 1:, [1, 2]]",
        "rank3_int_then_list_apart": f"{C}\nc[0, :, [1, 2]]",
        "rank3_slice_int_list": f"{C}\nc[:, 0, [1, 2]]",
        "rank3_list_int_list": f"{C}\nc[[0], 0, [1, 2]]",
        "rank3_none_list_slice_list": f"{C}\nc[None, [0], :, [1, 2]]",
        "rank3_out_of_range_second": f"{C}\nc[:, [0], [9]]",
        "rank3_out_of_range_first": f"{C}\nc[:, [7], [9]]",
        "rank3_apart_out_of_range": f"{C}\nc[[0], :, [-9]]",
        "rank3_mask_2d": f"{C}\nc[:, torch.tensor([[True, False, True, True]] * 3)]",
        "rank3_mask_2d_wrong": f"{C}\nc[:, torch.tensor([[True, False, True, True]] * 2)]",
        "rank3_mask_first": f"{C}\nc[torch.tensor([[True, False, True], [False, False, True]])]",
        "rank3_mask_and_list": f"{C}\nc[torch.tensor([[True, False, True], [False, False, True]]), [1, 2, 3]]",
        "rank3_mask_and_int": f"{C}\nc[torch.tensor([[True, False, True], [False, False, True]]), 1]",
        "rank3_list_and_mask": f"{C}\nc[[0, 1], torch.tensor([True, False, True])]",
        "rank3_list_and_bool_list": f"{C}\nc[[0, 1], [True, False, True]]",
        "rank3_masks_broadcast_mismatch": f"{C}\nc[[1, 0], torch.tensor([[True, False, True, False]] * 3)]",
        "rank3_mask_too_short": f"{C}\nc[torch.tensor([True, False])]",
        "rank3_two_masks_and_int": f"{C}\nc[torch.tensor([True, True]), torch.tensor([True, False, True]), 0]",
        "mask_greater": f"{T}\nt[t > 5]",
        "mask_greater_bits": f"{F}\nt[t > 0].tolist()",
        "mask_nothing": f"{T}\nt[t > 100]",
        "mask_max": f"{T}\nt[t == t.max()]",
        "mask_rows": f"{T}\nt[torch.tensor([True, False, True])]",
        "bool_list_rows": f"{T}\nt[[True, False, True]]",
        "mask_columns": f"{T}\nt[:, torch.tensor([True, False, True, True])]",
        "mask_of_a_column": f"{T}\nt[t[:, 0] > 3]",
        "mask_of_a_column_and_int": f"{T}\nt[t[:, 0] > 3, 1]",
        "int_and_mask_of_a_row": f"{T}\nt[1, t[0] > 1]",
        "mask_wrong_length": f"{T}\nt[torch.tensor([True, False])]",
        "mask_wrong_shape": f"{T}\nt[torch.tensor([[True, False, True, True]])]",
        "mask_whole_2d": f"{T}\nt[torch.tensor([[True, False, True, True], [True, True, True, True], [False] * 4])]",
        "list_of_bool_lists_is_a_tuple": f"{T}\nt[[[True, False, True, True], [True, True, True, True], [False] * 4]]",
        "list_and_bool_list_wrong": f"{T}\nt[[0, 1], [True, False, True]]",
        "two_masks_wrong": f"{T}\nt[torch.tensor([True, False, True]), torch.tensor([True, False, True])]",
        "two_masks": f"{T}\nt[torch.tensor([True, False, True]), torch.tensor([True, False, True, False])]",
        "mask_and_list": f"{T}\nt[torch.tensor([True, False, True]), [1, 2]]",
        "mask_and_list_mismatch": f"{T}\nt[torch.tensor([True, False, True]), [1, 2, 3]]",
        "list_and_bool_list": f"{T}\nt[[0, 1], [True, False, True, False]]",
        "mask_then_int_too_many": f"{T}\nt[t > 5, 0]",
        "python_true": f"{T}\nt[True]",
        "python_false": f"{T}\nt[False]",
        "python_true_and_int": f"{T}\nt[True, 0]",
        "python_true_twice": f"{T}\nt[True, True]",
        "python_true_and_list": f"{T}\nt[True, [0, 1]]",
        "list_and_python_true": f"{T}\nt[[0, 1], True]",
        "comparison_as_index": f"{T}\nt[5 > 3]",
        "zero_d_true": f"{T}\nt[torch.tensor(True)]",
        "zero_d_false": f"{T}\nt[torch.tensor(False)]",
        "scalar_by_zero_d_true": "torch.tensor(5.)[torch.tensor(True)]",
        "scalar_by_zero_d_false": "torch.tensor(5.)[torch.tensor(False)]",
        "scalar_by_list": "torch.tensor(5.)[[0]]",
        "scalar_by_zero_d_int": "torch.tensor(5.)[torch.tensor(0)]",
        "out_of_range": f"{T}\nt[[5]]",
        "out_of_range_first_of_two": f"{T}\nt[[5, 7]]",
        "out_of_range_negative": f"{T}\nt[[-4]]",
        "out_of_range_column": f"{T}\nt[:, [4]]",
        "out_of_range_second_index": f"{T}\nt[[0, 1], [0, 5]]",
        "out_of_range_both": f"{T}\nt[[0, 5], [0, 7]]",
        "out_of_range_before_broadcast": f"{T}\nt[[5], [0, 1, 2]]",
        "int_out_of_range_after_list": f"{T}\nt[[1, 2], -5]",
        "int_out_of_range_before_list": f"{T}\nt[-5, [1, 2]]",
        "shape_mismatch": f"{T}\nt[[0, 1], [0, 1, 2]]",
        "float_tensor": f"{T}\nt[torch.tensor([0.5])]",
        "float_zero_d_tensor": f"{T}\nt[torch.tensor(0.5)]",
        "float_item": f"{T}\nt[1.5]",
        "float_after_list": f"{T}\nt[[0, 1], 1.5]",
        "string_in_list": f"{T}\nt[[0, 'a']]",
        "too_many_lists": f"{T}\nt[[0, 1], [0, 1], [0, 1]]",
        "too_many_with_slice": f"{T}\nt[[0, 1], :, [0]]",
        "too_many_with_ints": f"{T}\nt[[0, 1], 1, 2]",
        "empty_list": f"{T}\nt[[]]",
        "empty_list_shape": f"{T}\nt[[]].shape",
        "empty_list_then_slice": f"{T}\nt[[], :]",
        "empty_list_columns": f"{T}\nt[:, []]",
        "empty_long_tensor": f"{T}\nt[torch.tensor([], dtype=torch.long)]",
        "empty_list_and_list": f"{T}\nt[[], [1]]",
        "empty_in_list": f"{T}\nt[[[]]]",
        "two_empty_in_list": f"{T}\nt[[[], []]]",
        "empty_nested_columns": f"{T}\nt[:, [[]]]",
        "empty_dim_index": "torch.zeros(0, 3)[[0]]",
        "empty_dim_index_many": "torch.zeros(0, 3)[[0, 1]]",
        "empty_dim_column": "torch.zeros(3, 0)[:, [0]]",
        "empty_dim_second_list": "torch.zeros(3, 0)[[5], [0]]",
        "empty_dim_rows": "torch.zeros(3, 0)[[1], :]",
        "empty_dim_empty_list": "torch.zeros(0, 3)[[], [0]]",
        "empty_dim_columns_of_empty": "torch.zeros(0, 3)[:, [0]]",
        "empty_mask_wrong": f"{T}\nt[torch.zeros(0, 3, dtype=torch.bool)]",
        "empty_by_empty_mask": "torch.zeros(0, 3)[torch.zeros(0, 3, dtype=torch.bool)]",
        "sliced_empty_no_bounds_check": f"{T}\nt[3:, [4]]",
        "sliced_empty_in_range": f"{T}\nt[3:, [0]]",
        "int_tensor_indexed": "torch.tensor([1, 2, 3])[torch.tensor([True, False, True])]",
        "bool_tensor_indexed": "torch.tensor([True, False])[[1, 0, 1]]",
        "then_sum": f"{T}\nt[t > 5].sum()",
        "then_index": f"{T}\nt[[0, 1]][:, 0]",
        "index_of_index": f"{T}\nt[[0, 1]][[1]]",
        "row_then_list": f"{T}\nt[0][[1, 3]]",
        "transposed": f"{T}\nt.T[[0, 1]]",
        "transposed_mask": f"{T}\nt.T[t.T > 3]",
        "float64": f"{T}\nt.double()[[1], [2]]",
        "int32_source": f"{T}\nt.int()[:, [1]]",
        "printed": f"{T}\nprint(t[[0, 2]])",
        "nan_picked": "torch.tensor([1., float('nan'), 3.])[[1, 1]]",
        "long_list_is_one_index": f"{T}\nt[[0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]]",
        "long_list_out_of_range": f"{T}\nt[[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33]]",
        "list_with_none_is_a_tuple": f"{T}\nt[[0, None]]",
        "ragged_list": f"{T}\nt[[[0, 1], [1]]]",
        "ellipses_push_a_list_past_the_end": f"{C}\nc[..., ..., [0]]",
        "ellipses_push_an_empty_list_past_the_end": f"{C}\nc[..., ..., []]",
        "slice_and_ellipses_then_list": f"{C}\nc[:, ..., ..., [0]]",
        "ellipses_then_mask": f"{C}\nc[..., ..., torch.tensor([[True, False, True, False]] * 3)]",
        "ellipsis_between_lists": f"{C}\nc[[0], ..., [1]]",
    }
    for name, program in programs.items():
        add(f"index/advanced/{name}", program)


def cases_picking():
    T = "t = torch.arange(12.).reshape(3, 4)"
    F = "t = torch.tensor([[1.5, -2.25, 3.0, 0.8], [-0.5, 2.5, -1.25, 4.0], [3.5, 0.25, -3.0, 1.75]])"
    I = "i = torch.tensor([[1, 0], [2, 3], [0, 0]])"
    where = {
        "number_else": "torch.where(t > 5, t, 0)",
        "float_number_else": "torch.where(t > 5, t, 0.5)",
        "two_ints": "torch.where(t > 5, 1, 0)",
        "float_and_int": "torch.where(t > 5, 1., 0)",
        "two_bools": "torch.where(t > 5, True, False)",
        "two_tensors": "torch.where(t > 5, t, -t)",
        "broadcast_row": "torch.where(t > 5, t, torch.tensor([1, 2, 3, 4]))",
        "float64_wins": "torch.where(t > 5, t.double(), t)",
        "long_and_float_number": "torch.where(t > 5, t.long(), 2.5)",
        "int32_and_int": "torch.where(t > 5, t.int(), 2)",
        "int32_and_zero_d_long": "torch.where(t > 5, t.int(), torch.tensor(2))",
        "int32_and_zero_d_float": "torch.where(t > 5, t.int(), torch.tensor(2.5))",
        "int32_and_one_float": "torch.where(t > 5, t.int(), torch.tensor([2.5]))",
        "int32_overflow": "torch.where(torch.tensor([True]), torch.tensor([1], dtype=torch.int32), 2**40)",
        "float_condition": "torch.where(t, t, 0)",
        "long_condition": "torch.where(t.long(), t, 0)",
        "condition_dtype_before_shape": "torch.where(t, t, torch.ones(2))",
        "one_argument": "torch.where(t > 5)",
        "one_argument_float": "torch.where(t)",
        "two_arguments": "torch.where(t > 5, t)",
        "shape_mismatch": "torch.where(t > 5, t, torch.ones(2))",
        "condition_shape_mismatch": "torch.where(torch.ones(2) > 0, t, t)",
        "broadcast_fold_order": "torch.where(torch.ones(3, 1) > 0, torch.ones(2), t)",
        "column_condition": "torch.where(torch.tensor([True, False, True]).unsqueeze(1), t, torch.zeros(4))",
        "keyword_other": "torch.where(t > 5, t, other=0)",
        "all_keywords": "torch.where(condition=t > 5, input=t, other=0)",
        "keyword_input": "torch.where(t > 5, input=t, other=0)",
        "keyword_self": "torch.where(t > 5, self=t, other=0)",
        "too_many": "torch.where(t > 5, 1, 2, 3)",
        "nothing": "torch.where()",
        "int_condition": "torch.where(1, t, t)",
        "bool_condition": "torch.where(True, t, t)",
        "list_condition": "torch.where([True], t, t)",
        "list_input": "torch.where(t > 5, [1], t)",
        "none_input": "torch.where(t > 5, None, t)",
        "method": "t.where(t > 5, 0)",
        "method_tensor": "t.where(t > 5, -t)",
        "method_one_argument": "t.where(t > 5)",
        "method_keyword": "t.where(t > 5, other=3)",
        "method_keywords": "t.where(condition=t > 5, other=3)",
        "method_bad_keyword": "t.where(t > 5, y=3)",
        "zero_d": "torch.tensor(3.).where(torch.tensor(True), 1)",
        "empty": "torch.where(torch.tensor([]) > 0, 1., 2.)",
        "zero_d_tensors": "torch.where(torch.tensor(True), torch.tensor(1.), torch.tensor(2))",
        "int_and_float_numbers": "torch.where(torch.tensor([True]), 1, 2.5)",
        "long_and_float": "torch.where(torch.tensor([True]), torch.tensor([1]), 2.5)",
        "bool_and_int": "torch.where(torch.tensor([True]), torch.tensor([True]), 2)",
        "bool_and_float": "torch.where(torch.tensor([True]), torch.tensor([True]), 2.5)",
        "float_and_bool": "torch.where(torch.tensor([True]), 2.5, torch.tensor([True]))",
        "float64_and_float": "torch.where(torch.tensor([True]), torch.tensor([1.], dtype=torch.float64), 2.5)",
        "nan": "torch.where(torch.tensor([True, False]), float('nan'), 1)",
        "bits": "torch.where(t > 0, t * 0.1, t / 3).tolist()",
        "relu_by_hand": "torch.where(t > 0, t, torch.zeros(1))",
        "transposed_then_sum": "torch.where(t.T > 0, t.T, 0.5).sum(dim=0).tolist()",
        "transposed_is_laid_out_so": "torch.where(t.T > 0, t.T, 0.5).is_contiguous()",
    }
    for name, program in where.items():
        data = F if name in ("bits", "relu_by_hand") else T
        if name.startswith("transposed"):
            data = "t = (torch.arange(40.) / 7 - 2).reshape(5, 8)"
        add(f"index/where/{name}", f"{data}\n{program}")
    gather = {
        "dim1": "t.gather(1, i)",
        "torch": "torch.gather(t, 1, i)",
        "dim0_out_of_range": "t.gather(0, i)",
        "int32_index": "t.gather(1, i.int())",
        "float_index": "t.gather(1, i.float())",
        "rank_mismatch": "t.gather(1, i[0])",
        "too_big": "t.gather(1, torch.tensor([[5]]))",
        "negative": "t.gather(1, torch.tensor([[-1]]))",
        "longer_along_dim": "t.gather(1, torch.tensor([[0, 1, 2, 3, 0]]))",
        "longer_elsewhere": "t.gather(0, torch.tensor([[0, 1, 2, 0, 1]]))",
        "more_rows": "t.gather(1, torch.tensor([[0], [1], [2], [3]]))",
        "dim_out_of_range": "t.gather(2, i)",
        "dim_before_dtype": "t.gather(5, torch.tensor([[1.]]))",
        "dtype_before_rank": "t.gather(1, torch.tensor([1.]))",
        "rank3_index": "t.gather(1, torch.tensor([[[1]]]))",
        "bounds_in_order": "t.gather(0, torch.tensor([[1, 7, 9]]))",
        "empty_rows": "t.gather(1, torch.zeros(0, 2, dtype=torch.long))",
        "empty_columns": "t.gather(1, torch.zeros(3, 0, dtype=torch.long))",
        "empty_but_too_big": "t.gather(0, torch.zeros(4, 0, dtype=torch.long))",
        "too_big_elsewhere": "t.gather(0, torch.zeros(4, 5, dtype=torch.long))",
        "keywords": "t.gather(dim=1, index=i)",
        "sparse_grad": "t.gather(1, index=i, sparse_grad=False)",
        "three_positional": "t.gather(1, i, True)",
        "negative_dim": "t.gather(-1, i)",
        "list_index": "t.gather(1, [[0]])",
        "bits": "t.gather(1, i).tolist()",
        "picks_argmax": "t.gather(1, t.argmax(dim=1, keepdim=True))",
    }
    for name, program in gather.items():
        add(f"index/gather/{name}", f"{F}\n{I}\n{program}")
    add("index/gather/scalar", "torch.tensor(5.).gather(0, torch.tensor(0))")
    add("index/gather/scalar_by_vector", "torch.tensor(5.).gather(0, torch.tensor([0]))")
    add("index/gather/scalar_by_vector_repeated", "torch.tensor(5.).gather(0, torch.tensor([0, 0]))")
    add("index/gather/scalar_out_of_range", "torch.tensor(5.).gather(0, torch.tensor([1]))")
    add("index/gather/vector_by_scalar", "torch.tensor([5.]).gather(0, torch.tensor(0))")
    add("index/gather/int_source", "torch.tensor([[1, 2], [3, 4]]).gather(1, torch.tensor([[1, 1], [0, 1]]))")
    index_select = {
        "columns": "t.index_select(1, torch.tensor([0, 2]))",
        "torch_rows": "torch.index_select(t, 0, torch.tensor([2, 2, 0]))",
        "zero_d_index": "t.index_select(0, torch.tensor(1))",
        "matrix_index": "t.index_select(0, torch.tensor([[1]]))",
        "vector_check_before_dtype": "t.index_select(0, torch.tensor([[1.]]))",
        "dim_first": "t.index_select(5, torch.tensor([[1.]]))",
        "out_of_range": "t.index_select(0, torch.tensor([5]))",
        "negative": "t.index_select(0, torch.tensor([-1]))",
        "several_bad": "t.index_select(0, torch.tensor([0, 5, -1]))",
        "float_index": "t.index_select(0, torch.tensor([1.]))",
        "int32_index": "t.index_select(0, torch.tensor([1]).int())",
        "bool_index": "t.index_select(0, torch.tensor([True]))",
        "list_index": "t.index_select(0, [1])",
        "dim_out_of_range": "t.index_select(2, torch.tensor([1]))",
        "empty_index": "t.index_select(0, torch.tensor([], dtype=torch.long))",
        "keywords": "t.index_select(dim=1, index=torch.tensor([3]))",
        "bits": "t.index_select(1, torch.tensor([3, 0])).tolist()",
    }
    for name, program in index_select.items():
        add(f"index/index_select/{name}", f"{F}\n{program}")
    add("index/index_select/scalar", "torch.tensor(5.).index_select(0, torch.tensor([0]))")
    add("index/index_select/scalar_two", "torch.tensor(5.).index_select(0, torch.tensor([0, 0]))")
    add("index/index_select/scalar_two_floats", "torch.tensor(5.).index_select(0, torch.tensor([1., 2.]))")
    add("index/index_select/scalar_out_of_range", "torch.tensor(5.).index_select(0, torch.tensor([1]))")
    add("index/index_select/scalar_by_scalar", "torch.tensor(5.).index_select(0, torch.tensor(0))")
    add("index/index_select/empty_dim", "torch.zeros(0, 3).index_select(0, torch.tensor([0]))")
    add("index/index_select/empty_dim_empty_index", "torch.zeros(0, 3).index_select(0, torch.tensor([], dtype=torch.long))")
    add("index/index_select/empty_tensor_out_of_range", "torch.zeros(0, 3).index_select(1, torch.tensor([5]))")
    add("index/index_select/empty_tensor_in_range", "torch.zeros(0, 3).index_select(1, torch.tensor([2, 0]))")
    add("index/index_select/empty_columns", "torch.zeros(3, 0).index_select(1, torch.tensor([0]))")
    add("index/index_select/empty_dim_float_index", "torch.zeros(0, 3).index_select(0, torch.tensor([0.5]))")
    masked_fill = {
        "number": "t.masked_fill(t > 5, 0)",
        "float_number": "t.masked_fill(t > 5, 0.5)",
        "long_truncates": "t.long().masked_fill(t > 5, 0.5)",
        "nan": "t.masked_fill(t > 5, float('nan'))",
        "zero_d_float": "t.masked_fill(t > 5, torch.tensor(-1.))",
        "zero_d_long": "t.masked_fill(t > 5, torch.tensor(-1))",
        "long_by_zero_d_float": "t.long().masked_fill(t > 5, torch.tensor(-1.5))",
        "one_d_value": "t.masked_fill(t > 5, torch.tensor([-1.]))",
        "float_mask": "t.masked_fill(t, 0)",
        "long_mask": "t.masked_fill(t.long(), 0)",
        "int_mask": "t.masked_fill(t.int(), 1)",
        "double_mask": "t.masked_fill(t.double(), 1)",
        "row_mask": "t.masked_fill(torch.tensor([True, False, True, False]), -1)",
        "mask_mismatch": "t.masked_fill(torch.tensor([True, False]), -1)",
        "self_broadcast": "t[0].masked_fill(t > 5, -1)",
        "torch": "torch.masked_fill(t, t > 5, 1)",
        "keywords": "t.masked_fill(mask=t > 5, value=1)",
        "no_value": "t.masked_fill(t > 5)",
        "bool_value": "t.masked_fill(t > 5, True)",
        "bool_tensor": "t.bool().masked_fill(t > 5, 2)",
        "bool_tensor_float": "t.bool().masked_fill(t > 5, 0.5)",
        "none_value": "t.masked_fill(t > 5, None)",
        "string_value": "t.masked_fill(t > 5, 'a')",
        "shape_before_value": "t.masked_fill(t.long()[0:2], 0)",
        "value_before_mask": "t.masked_fill(t.long(), torch.tensor([1.]))",
        "long_value_tensor": "t.masked_fill(t > 3, torch.tensor([1.]).long())",
        "double_mask_from_compare": "t.masked_fill(t.double() > 3, 1)",
        "long_nan": "t.long().masked_fill(t > 3, float('nan'))",
        "long_inf": "t.long().masked_fill(t > 3, float('inf'))",
        "int32_too_big": "t.int().masked_fill(t > 3, 2**40)",
        "float_big": "t.masked_fill(t > 3, 2**40)",
        "empty": "torch.zeros(0, 4).masked_fill(torch.zeros(0, 4) > 0, 1)",
        "zero_d": "torch.tensor(2.).masked_fill(torch.tensor(True), 7)",
    }
    for name, program in masked_fill.items():
        add(f"index/masked_fill/{name}", f"{T}\n{program}")
    nonzero = {
        "method": f"{T}\nt.nonzero()",
        "torch": f"{T}\ntorch.nonzero(t)",
        "as_tuple": f"{T}\nt.nonzero(as_tuple=True)",
        "torch_as_tuple": f"{T}\ntorch.nonzero(t, as_tuple=True)",
        "as_tuple_false": f"{T}\nt.nonzero(as_tuple=False)",
        "positional": f"{T}\nt.nonzero(True)",
        "bad_keyword": f"{T}\nt.nonzero(dim=0)",
        "scalar": "torch.tensor(5).nonzero()",
        "scalar_zero": "torch.tensor(0).nonzero()",
        "scalar_as_tuple": "torch.tensor(5).nonzero(as_tuple=True)",
        "scalar_zero_as_tuple": "torch.tensor(0).nonzero(as_tuple=True)",
        "empty": "torch.tensor([]).nonzero()",
        "empty_2d": "torch.zeros(2, 0).nonzero()",
        "empty_2d_as_tuple": "torch.zeros(2, 0).nonzero(as_tuple=True)",
        "nan_and_signed_zero": "torch.tensor([0., float('nan'), -0.]).nonzero()",
        "bools": "torch.tensor([True, False]).nonzero()",
        "rank3": "(torch.arange(8).reshape(2, 2, 2) % 3 == 0).nonzero()",
        "of_a_mask": f"{T}\n(t > 8).nonzero()",
    }
    for name, program in nonzero.items():
        add(f"index/nonzero/{name}", program)


def cases_moving():
    T = "t = torch.arange(12.).reshape(3, 4)"
    flip = {
        "scalar": "torch.tensor(5.).flip(0)",
        "rows": f"{T}\nt.flip(0)",
        "both_varargs": f"{T}\nt.flip(0, 1)",
        "both_tuple": f"{T}\nt.flip((0, 1))",
        "list": f"{T}\nt.flip([1])",
        "nothing": f"{T}\nt.flip()",
        "dim_out_of_range": f"{T}\nt.flip(2)",
        "repeated": f"{T}\nt.flip(0, 0)",
        "repeated_negative": f"{T}\nt.flip(0, -2)",
        "torch": f"{T}\ntorch.flip(t, [0])",
        "torch_int": f"{T}\ntorch.flip(t, 0)",
        "keyword": f"{T}\nt.flip(dims=(1,))",
        "empty_dims": f"{T}\nt.flip(())",
        "transposed_then_sum": "(torch.arange(40.) / 7).reshape(5, 8).T.flip(0).sum(dim=1).tolist()",
        "int": "torch.tensor([[1, 2], [3, 4]]).flip(1)",
    }
    for name, program in flip.items():
        add(f"index/flip/{name}", program)
    roll = {
        "flat": "t.roll(1)",
        "rows": "t.roll(1, 0)",
        "columns_back": "t.roll(-1, 1)",
        "two_dims": "t.roll((1, 2), (0, 1))",
        "misaligned_shifts": "t.roll((1, 2), 0)",
        "misaligned_dims": "t.roll(1, (0, 1))",
        "dim_out_of_range": "t.roll(5, 2)",
        "more_than_numel": "t.roll(13)",
        "keywords": "t.roll(shifts=2, dims=1)",
        "torch": "torch.roll(t, 1, 0)",
        "nothing": "t.roll()",
        "too_many": "t.roll(1, 0, 0)",
        "same_dim_twice": "t.roll((1, 1), (0, 0))",
        "negative_flat": "t.roll(-14)",
    }
    for name, program in roll.items():
        add(f"index/roll/{name}", f"{T}\n{program}")
    add("index/roll/scalar", "torch.tensor(5.).roll(1)")
    add("index/roll/scalar_with_dim", "torch.tensor(5.).roll(1, 0)")
    add("index/roll/empty", "torch.tensor([]).roll(1)")
    add("index/roll/empty_rows", "torch.zeros(0, 3).roll(1, 1)")


# ---------------------------------------------------------------------------
# reduce/sort, topk, kthvalue, median, cummax, cummin, argsort: ties broken
# as PyTorch's CPU kernels break them
# ---------------------------------------------------------------------------


def cases_sorting():
    T = "t = torch.tensor([[3., 1., 2., 1.], [0., -1., 5., 5.], [2., 2., 2., 2.]])"
    N = "n = torch.tensor([1., float('nan'), 0., float('nan'), -1.])"
    # Lanes longer than 16 with many ties: introsort, not insertion sort.
    ties = [(7 * k * k + 3 * k) % 4 for k in range(40)]
    L = f"l = torch.tensor({ties})"
    W = f"w = torch.tensor({[[float((5 * k + 3 * r) % 3) for k in range(24)] for r in range(3)]})"
    sort = {
        "default": f"{T}\nt.sort()",
        "descending": f"{T}\nt.sort(descending=True)",
        "dim0": f"{T}\nt.sort(dim=0)",
        "positional": f"{T}\nt.sort(0, True)",
        "stable": f"{T}\nt.sort(stable=True)",
        "stable_descending": f"{T}\nt.sort(stable=True, descending=True)",
        "stable_false": f"{T}\nt.sort(stable=False)",
        "stable_none": f"{T}\nt.sort(stable=None)",
        "stable_with_positional_dim": f"{T}\nt.sort(-1, stable=True)",
        "three_positional": f"{T}\nt.sort(0, True, True)",
        "torch": f"{T}\ntorch.sort(t, 1)",
        "torch_keywords": f"{T}\ntorch.sort(t, stable=True, dim=0)",
        "values": f"{T}\nt.sort().values",
        "indices": f"{T}\nt.sort(dim=0).indices",
        "unpacked": f"{T}\nv, i = t.sort()\ni",
        "subscript": f"{T}\nt.sort()[1]",
        "nan": f"{N}\nn.sort()",
        "nan_descending": f"{N}\nn.sort(descending=True)",
        "signed_zeros": "torch.tensor([0., -0., 0., -0.]).sort()",
        "signed_zeros_descending": "torch.tensor([0., -0., 0., -0.]).sort(descending=True)",
        "int": "torch.tensor([3, 1, 2]).sort()",
        "int32": "torch.tensor([[1, 2]]).int().sort()",
        "bool": "torch.tensor([True, False, True]).sort()",
        "scalar": "torch.tensor(5.).sort()",
        "scalar_dim": "torch.tensor(3.).sort(0)",
        "scalar_dim_out_of_range": "torch.tensor(3.).sort(1)",
        "empty": "torch.tensor([]).sort()",
        "empty_long": "torch.tensor([], dtype=torch.long).sort()",
        "empty_rows": "torch.zeros(0, 3).sort(0)",
        "dim_out_of_range": "torch.tensor([1., 2.]).sort(dim=3)",
        "ties_long_lane": f"{L}\nl.sort()",
        "ties_long_lane_descending": f"{L}\nl.sort(descending=True).indices",
        "ties_long_lane_stable": f"{L}\nl.sort(stable=True).indices",
        "ties_float_rows": f"{W}\nw.sort().indices",
        "ties_float_columns": f"{W}\nw.T.sort(dim=0, descending=True).indices",
        "ties_zeros_20": "torch.zeros(20).sort().indices",
        "transposed_then_sum": "(torch.arange(40.) / 7).reshape(5, 8).T.sort(dim=0).values.sum(dim=1).tolist()",
        "bits": "(torch.arange(10.) / 7).flip(0).sort().values.tolist()",
    }
    for name, program in sort.items():
        add(f"reduce/sort/{name}", program)
    argsort = {
        "default": f"{T}\nt.argsort()",
        "dim0_descending": f"{T}\nt.argsort(dim=0, descending=True)",
        "stable": f"{T}\nt.argsort(stable=True)",
        "positional": f"{T}\nt.argsort(0, True)",
        "three_positional": f"{T}\nt.argsort(0, True, True)",
        "torch": f"{T}\ntorch.argsort(t, 0)",
        "nan": f"{N}\nn.argsort()",
        "scalar": "torch.tensor(3.).argsort()",
        "ties_long_lane": f"{L}\nl.argsort()",
        "stable_none": f"{T}\nt.argsort(stable=None)",
    }
    for name, program in argsort.items():
        add(f"reduce/argsort/{name}", program)
    topk = {
        "default": f"{T}\nt.topk(2)",
        "dim0": f"{T}\nt.topk(2, dim=0)",
        "smallest": f"{T}\nt.topk(2, largest=False)",
        "unsorted": f"{T}\nt.topk(2, sorted=False)",
        "too_many": f"{T}\nt.topk(5)",
        "zero": f"{T}\nt.topk(0)",
        "negative": f"{T}\nt.topk(-1)",
        "all": f"{T}\nt.topk(4)",
        "keyword": f"{T}\nt.topk(k=1)",
        "no_k": f"{T}\nt.topk()",
        "torch_positional": f"{T}\ntorch.topk(t, 3, 0, False, True)",
        "five_positional": "torch.tensor([[1., 2.]]).topk(1, 0, True, True, 5)",
        "float_k": "torch.tensor([1., 2.]).topk(1.5)",
        "tensor_k": "torch.tensor([1., 2.]).topk(torch.tensor(1))",
        "dim_out_of_range": "torch.tensor([1., 2.]).topk(3, dim=2)",
        "nan": f"{N}\nn.topk(2)",
        "nan_smallest": f"{N}\nn.topk(2, largest=False)",
        "scalar": "torch.tensor(5.).topk(1)",
        "scalar_zero": "torch.tensor(5.).topk(0)",
        "scalar_two": "torch.tensor(5.).topk(2)",
        "scalar_dim": "torch.tensor(3.).topk(1, 0)",
        "bool": "torch.tensor([True, False]).topk(1)",
        "bool_k_first": "torch.tensor([True]).topk(3)",
        "int": "torch.tensor([1, 3, 3, 2]).topk(2)",
        "int32": "torch.tensor([[1, 2]]).int().topk(1)",
        "float_ties": "torch.tensor([1., 3., 3., 2.]).topk(2)",
        "all_equal": "torch.tensor([2., 2., 2., 2., 2., 2.]).topk(3)",
        "all_equal_smallest": "torch.tensor([2., 2., 2., 2., 2., 2.]).topk(3, largest=False)",
        "empty": "torch.tensor([]).topk(1)",
        "empty_zero": "torch.tensor([]).topk(0)",
        "empty_rows_zero": "torch.zeros(2, 0).topk(0)",
        "empty_columns": "torch.zeros(2, 0).topk(1, dim=0)",
        "ties_long_lane": f"{L}\nl.topk(10)",
        "ties_long_lane_unsorted": f"{L}\nl.topk(10, sorted=False).indices",
        "ties_long_lane_smallest": f"{L}\nl.topk(25, largest=False).indices",
        "ties_partial_sort": "(torch.arange(130) % 5).topk(2).indices",
        "ties_partial_sort_smallest": "(torch.arange(130) % 5).topk(2, largest=False).indices",
        "ties_float_rows": f"{W}\nw.topk(7).indices",
        "bits": "(torch.arange(10.) / 7).topk(3).values.tolist()",
    }
    for name, program in topk.items():
        add(f"reduce/topk/{name}", program)
    kthvalue = {
        "default": f"{T}\nt.kthvalue(2)",
        "dim0": f"{T}\nt.kthvalue(2, 0)",
        "keepdim": f"{T}\nt.kthvalue(1, dim=0, keepdim=True)",
        "last": f"{T}\nt.kthvalue(4)",
        "too_big": f"{T}\nt.kthvalue(5)",
        "zero": f"{T}\nt.kthvalue(0)",
        "negative": f"{T}\nt.kthvalue(-1)",
        "no_k": f"{T}\nt.kthvalue()",
        "torch": f"{T}\ntorch.kthvalue(t, 3)",
        "all_equal_third": "torch.tensor([2., 2., 2., 2., 2., 2.]).kthvalue(3)",
        "all_equal_first": "torch.tensor([2., 2., 2., 2., 2., 2.]).kthvalue(1)",
        "all_equal_last": "torch.tensor([2., 2., 2., 2., 2., 2.]).kthvalue(6)",
        "nan_third": "torch.tensor([1., float('nan'), 2., float('nan')]).kthvalue(3)",
        "nan_second": "torch.tensor([1., float('nan'), 2., float('nan')]).kthvalue(2)",
        "scalar": "torch.tensor(5.).kthvalue(1)",
        "scalar_two": "torch.tensor(5.).kthvalue(2)",
        "scalar_keepdim": "torch.tensor(3.).kthvalue(1, 0, True)",
        "empty": "torch.tensor([]).kthvalue(1)",
        "empty_other_dim": "torch.zeros(3, 0).kthvalue(1, 0)",
        "bool": "torch.tensor([True, False]).kthvalue(1)",
        "bool_k_first": "torch.tensor([True]).kthvalue(3, dim=0)",
        "dim_first": "torch.tensor([True]).kthvalue(1, dim=2)",
        "dim_before_k": "torch.tensor([1.]).kthvalue(3, dim=2)",
        "int": "torch.tensor([3, 1, 2]).kthvalue(1)",
        "int32": "torch.tensor([[1, 2]]).int().kthvalue(1)",
        "float_k": "torch.tensor([1., 2.]).kthvalue(1.5)",
        "ties_long_lane": f"{L}\nl.kthvalue(17)",
        "ties_long_lane_dims": f"{W}\nw.kthvalue(9, dim=1)",
        "ties_columns": f"{W}\nw.kthvalue(2, dim=0)",
    }
    for name, program in kthvalue.items():
        add(f"reduce/kthvalue/{name}", program)
    median = {
        "whole": f"{T}\nt.median()",
        "dim1": f"{T}\nt.median(dim=1)",
        "keepdim": f"{T}\nt.median(1, keepdim=True)",
        "dim0": f"{T}\nt.median(0)",
        "torch": f"{T}\ntorch.median(t, 0)",
        "tuple_dim": f"{T}\nt.median((0, 1))",
        "keepdim_alone": f"{T}\nt.median(keepdim=True)",
        "dim_none": f"{T}\nt.median(dim=None)",
        "odd_ties": "torch.tensor([2., 2., 2., 2., 2.]).median(0)",
        "even_ties": "torch.tensor([2., 2., 2., 2., 2., 2.]).median(0)",
        "lower_middle": "torch.tensor([1., 2., 2., 2., 2., 2., 2.]).median(0)",
        "even_takes_lower": "torch.tensor([4., 1., 3., 2.]).median()",
        "nan_dim": "torch.tensor([1., float('nan'), 2., float('nan')]).median(0)",
        "nan_whole": "torch.tensor([1., float('nan'), 2., float('nan')]).median()",
        "empty": "torch.tensor([]).median()",
        "empty_long": "torch.tensor([], dtype=torch.long).median()",
        "empty_int32": "torch.tensor([], dtype=torch.int32).median()",
        "empty_2d": "torch.zeros(0, 3).median()",
        "empty_dim": "torch.tensor([]).median(0)",
        "empty_rows": "torch.zeros(0, 3).median(1)",
        "empty_columns": "torch.zeros(3, 0).median(1)",
        "empty_columns_dim0": "torch.zeros(3, 0).median(0)",
        "scalar": "torch.tensor(5.).median()",
        "scalar_dim": "torch.tensor(5.).median(0)",
        "scalar_keepdim": "torch.tensor(3.).median(0, True)",
        "int": "torch.tensor([3, 1, 2, 4]).median()",
        "int_dim": "torch.tensor([3, 1, 2, 4]).median(0)",
        "int32": "torch.tensor([[1, 2]]).int().median()",
        "int32_dim": "torch.tensor([[1, 2]]).int().median(0)",
        "bool": "torch.tensor([True, False]).median()",
        "bool_dim": "torch.tensor([True, False, True]).median(0)",
        "dim_out_of_range": "torch.tensor([1., 2.]).median(dim=2)",
        "bool_dim_out_of_range": "torch.tensor([True]).median(dim=2)",
        "ties_long_lane": f"{L}\nl.median(0)",
        "ties_rows": f"{W}\nw.median(dim=1)",
        "values": f"{T}\nt.median(1).values",
        "bits": "(torch.arange(9.) / 7).median().item()",
    }
    for name, program in median.items():
        add(f"reduce/median/{name}", program)
    for op in ["cummax", "cummin"]:
        cases = {
            "dim1": f"{T}\nt.{op}(1)",
            "dim0": f"{T}\nt.{op}(0)",
            "no_dim": f"{T}\nt.{op}()",
            "keyword": f"{T}\nt.{op}(dim=-1)",
            "torch": f"{T}\ntorch.{op}(t, 1)",
            "nan": f"{N}\nn.{op}(0)",
            "bool": f"torch.tensor([True, False, True]).{op}(0)",
            "int32": f"torch.tensor([[1, 2]]).int().{op}(0)",
            "scalar": f"torch.tensor(5.).{op}(0)",
            "scalar_negative": f"torch.tensor(3.).{op}(-1)",
            "empty": f"torch.tensor([]).{op}(0)",
            "signed_zeros": f"torch.tensor([0., -0., 0.]).{op}(0)",
            "signed_zeros_other": f"torch.tensor([-0., 0., -0.]).{op}(0)",
            "equal": f"torch.tensor([1., 1., 1.]).{op}(0)",
            "dim_out_of_range": f"torch.tensor([1., 2.]).{op}(dim=3)",
            "scalar_dim_out_of_range": f"torch.tensor(5.).{op}(2)",
            "scalar_dim_negative_out_of_range": f"torch.tensor(5.).{op}(-2)",
            "keepdim": f"{T}\nt.{op}(0, keepdim=True)",
            "ties_long_lane": f"{L}\nl.{op}(0).indices",
        }
        for name, program in cases.items():
            add(f"reduce/{op}/{name}", program)


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


# Cases whose last bit depends on the CPU PyTorch runs on (README.md): their
# committed output is the one the playground matches, kept when regenerating.
PINNED = {"elementwise/pow/bits_sqrt"}


def committed(path):
    """The outputs already in `path`, by case name (none if it is missing)."""
    try:
        with open(path, encoding="utf-8") as f:
            return {c["name"]: c for c in json.load(f)["cases"]}
    except FileNotFoundError:
        return {}


def build(cases):
    records = []
    kept = committed(os.path.join(HERE, "cases.json"))
    for name, program in cases:
        check_subset(name, program)
        stdout, error = run_program(program)
        if name in PINNED and name in kept and kept[name]["program"] == program:
            stdout, error = kept[name]["stdout"], kept[name]["error"]
        records.append({"name": name, "program": program, "stdout": stdout, "error": error})
    return {
        "generator": GENERATOR,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "numpy": np.__version__,
        "cases": records,
    }


def write(path, data):
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    cases_create()
    cases_access()
    cases_index()
    cases_elementwise()
    cases_reduce()
    cases_logsumexp()
    cases_names()
    cases_along()
    cases_functions()
    cases_advanced_index()
    cases_picking()
    cases_moving()
    cases_sorting()
    cases_products()
    cases_joining()
    cases_random()
    cases_print()
    cases_python()
    cases_errors()
    cases_lesson()
    cases_shipped()
    autograd.cases(add)
    # Group order follows GROUPS; within a group, the order cases were added.
    order = {g: i for i, g in enumerate(GROUPS)}
    ordered = sorted(CASES, key=lambda c: order[c[0].split("/", 1)[0]])
    corpus = build(ordered)
    write(os.path.join(HERE, "cases.json"), corpus)
    write(os.path.join(HERE, "lesson.json"), build(lesson_cases()))
    counts = {}
    for record in corpus["cases"]:
        group = record["name"].split("/", 1)[0]
        counts[group] = counts.get(group, 0) + 1
    summary = ", ".join(f"{g} {counts.get(g, 0)}" for g in GROUPS)
    print(f"wrote {len(corpus['cases'])} cases ({summary})", file=sys.stderr)


if __name__ == "__main__":
    main()
