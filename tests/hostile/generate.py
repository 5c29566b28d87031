#!/usr/bin/env python3
"""Generate the hostile-input suite: programs that try to break, freeze or
exhaust the playground, each with the one outcome it must have.

    /work/cache/torch-venv/bin/python tests/hostile/generate.py

writes `tests/hostile/cases.json`, which `tests/hostile.rs` runs natively
(each program on a thread with a 1 MB stack, the browser's) and
`tests/wasm.rs` runs in the browser itself.

Each case's program is run here with REAL Python, PyTorch and NumPy, as the
Python REPL would run it: the whole text is compiled first (so syntax and
nesting errors are Python's own, with its line and column), then each
statement runs in turn and expression statements print their repr. What
Python printed and raised is recorded. The expected outcome is then:

  - Python's, when the case says so (`expect="python"`): the playground must
    print and raise exactly what Python did;
  - the playground's own limit, written here by hand (`expect="..."`), when
    the program is one the playground refuses before Python would (Python's
    outcome is recorded beside it, for the reader);

Programs too big to write out are given as parts, `[text, times]`, joined
in order. A few programs are not run in Python at all (`python=None`, with
the reason): they would allocate gigabytes.
"""

import json
import os
import subprocess
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases.json")

# Run in a child process: each program gets a fresh interpreter, a memory
# limit and a time limit, so a hostile program cannot take the generator down.
RUNNER = textwrap.dedent(
    r"""
    import ast, contextlib, io, json, resource, sys
    import numpy as np, torch
    resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))
    # The program as text, as the playground gets it (a byte order mark
    # opening it is dropped, as Python drops it reading a file). Compiling
    # text, not bytes, makes Python count columns in characters.
    source = sys.stdin.buffer.read().decode("utf-8-sig")

    def line(e):
        if isinstance(e, SyntaxError):
            at = f" (line {e.lineno}, column {e.offset})" if e.offset is not None else ""
            return f"SyntaxError: {e.msg}{at}"
        first = (str(e).splitlines() or [""])[0]
        return f"{type(e).__name__}: {first}" if first else type(e).__name__

    out, error = io.StringIO(), None
    try:
        # As `python program.py` would: compile the whole text first.
        compile(source, "<input>", "exec")
        tree = ast.parse(source, mode="exec")
    except (SyntaxError, RecursionError, MemoryError, ValueError) as e:
        error, tree = line(e), None
    if tree is not None:
        namespace = {"torch": torch, "np": np, "__name__": "__main__"}
        with contextlib.redirect_stdout(out):
            try:
                for stmt in tree.body:
                    if isinstance(stmt, ast.Expr):
                        code = compile(ast.Expression(stmt.value), "<input>", "eval")
                        value = eval(code, namespace)
                        if value is not None:
                            print(repr(value))
                    else:
                        exec(compile(ast.Module(body=[stmt], type_ignores=[]), "<input>", "exec"), namespace)
            except Exception as e:
                error = line(e)
    json.dump({"stdout": out.getvalue(), "error": error}, sys.stdout)
    """
)

CASES = []


def case(name, parts, expect="python", python=True, heavy=False, lineage=False):
    """Registers a case.

    `parts`: the program, as a string or a list of `[text, times]`.
    `expect`: "python", or the playground's own error line.
    `python`: False to leave the program unrun in Python, with `expect` given.
    `heavy`: the program works up to one of the run's caps (about a second
    natively): the browser test leaves it out.
    `lineage`: the test also asks for the lineage of every element of the
    last expression, as `tensor-playground lineage` does.
    """
    if isinstance(parts, str):
        parts = [[parts, 1]]
    assert all(c["name"] != name for c in CASES), name
    assert python or expect != "python", name
    CASES.append(
        {"name": name, "parts": parts, "expect": expect, "python": python, "heavy": heavy, "lineage": lineage}
    )


DIMS = "RuntimeError: the playground limits tensors to 16 dimensions, but this one would have {}"
DEEP = "RecursionError: maximum recursion depth exceeded during compilation"
STEPS = (
    "RuntimeError: the program goes through more list items and text than the playground "
    "allows in one run (16777216 items and characters in all)"
)
MEMORY = (
    "RuntimeError: the program needs more memory than the playground gives it "
    "(1024 MiB for all its tensors, lists and strings)"
)
WORK = (
    "RuntimeError: the program computes more tensor elements than the playground allows in one run "
    "(67108864 in all, about four passes over a tensor of 16777216 elements)"
)
TOO_MANY = "RuntimeError: the playground limits tensors to 16777216 elements, but this one would have {}"
PRINTED = "RuntimeError: the program printed more text than the playground keeps"
STRING = "RuntimeError: the string would be too long for the playground"

# --- Dims: 16 at most, however they are made --------------------------------
# 10,000 `None`s overflowed the page's stack; 60,000 aborted the command line.
case("dims/new_axes_10000", [["t = torch.ones(1)\nt[", 1], ["None, ", 10000], ["...]", 1]], DIMS.format(10001))
case("dims/new_axes_60000", [["t = torch.ones(1)\nt[", 1], ["None, ", 60000], ["...]", 1]], DIMS.format(60001))
# 5,000 statements froze the page for 25 s and took 4.3 GB.
case("dims/new_axis_statements", [["t = torch.ones(1)\n", 1], ["t = t[None]\n", 5000], ["t.shape", 1]], DIMS.format(17))
case("dims/new_axes_then_a_selection", "torch.ones(1)[(None,) * 16 + (0,)].shape")
case("dims/index_error_first", [["t = torch.ones(1)\nt[", 1], ["None, ", 20], ["5]", 1]])
case("dims/unsqueeze", [["t = torch.ones(1)\n", 1], ["t = t.unsqueeze(0)\n", 16], ["t.shape", 1]], DIMS.format(17))
case("dims/unsqueeze_function", "t = torch.ones([1] * 16)\ntorch.unsqueeze(t, -1)", DIMS.format(17))
case("dims/reshape", "torch.ones(1).reshape([1] * 17)", DIMS.format(17))
case("dims/view", "torch.ones(1).view([1] * 17)", DIMS.format(17))
case("dims/zeros", "torch.zeros([1] * 17)", DIMS.format(17))
case("dims/tensor_data", [["torch.tensor(", 1], ["[", 17], ["1", 1], ["]", 17], [")", 1]], DIMS.format(17))
case("dims/sixteen_are_fine", "t = torch.ones([1] * 16)\n(t + t[None, 0]).sum(dim=15, keepdim=True).shape")

# --- Nesting: as Python's limits ----------------------------------------------
case("nesting/parentheses_200", [["x = ", 1], ["(", 200], ["1", 1], [")", 200], ["\nx", 1]])
case("nesting/parentheses_201", [["x = ", 1], ["(", 201], ["1", 1], [")", 201]])
case("nesting/brackets_201", [["x = ", 1], ["[", 201], ["]", 201]])
case("nesting/calls_201", [["x = ", 1], ["abs(", 201], ["1", 1], [")", 201]])
case("nesting/brackets_and_parentheses_200", [["x = ", 1], ["[(", 100], ["1", 1], [")]", 100], ["\nlen(x)", 1]])
case("nesting/minus_200", [["-", 200], ["1", 1]])
case("nesting/minus_in_parentheses_100", [["-(", 100], ["1", 1], [")", 100]])
case("nesting/minus_201", [["-", 201], ["1", 1]], DEEP)
case("nesting/minus_5000", [["-", 5000], ["1", 1]])
case("nesting/not_201", [["not ", 201], ["1", 1]], DEEP)
case("nesting/powers_201", [["1", 1], [" ** 1", 200]])
case("nesting/powers_202", [["1", 1], [" ** 1", 201]], DEEP)
case("nesting/minus_in_parentheses_101", [["-(", 101], ["1", 1], [")", 101]], DEEP)
case("nesting/list_values_101", [["x = ", 1], ["[", 101], ["]", 101]],
     "RuntimeError: the playground limits lists and tuples to 100 levels of nesting")

# --- Chains: 100 steps tall at most -------------------------------------------
case("chains/additions_99", [["1", 1], [" + 1", 99]])
case("chains/additions_100", [["1", 1], [" + 1", 100]], DEEP)
case("chains/additions_5000", [["1", 1], [" + 1", 5000]])
case("chains/methods_101", [["t = torch.ones(2)\nt", 1], [".abs()", 101]], DEEP)
case("chains/nested_calls_101", [["abs(", 101], ["-1", 1], [")", 101]], DEEP)
case("chains/subscripts_101", [["x = [0]\n", 1], ["x[", 101], ["0", 1], ["]", 101]], DEEP)

# --- Lineage through thousands of tensors --------------------------------------
case("lineage/statements_5000", [["t = torch.tensor([1., 5., 2.])\na = t.max(dim=0).values\n", 1],
                                 ["a = a + 1\n", 5000], ["a", 1]], lineage=True)

# --- Sizes of 2**32 or more (32-bit sizes wrapped in the browser) ---------------
case("sizes/zeros", "torch.zeros(4294967297)", TOO_MANY.format(4294967297), python=False)
case("sizes/ones_2d", "torch.ones(2, 2147483649)", TOO_MANY.format(4294967298), python=False)
case("sizes/arange", "torch.arange(4294967297)", TOO_MANY.format(4294967297), python=False)
case("sizes/list_repetition", "len([0] * 4294967297)", "RuntimeError: the list would be too long for the playground")
case("sizes/empty_list_repetition", "len([] * 4294967297)")
case("sizes/string_repetition", "len('ab' * 4294967297)", STRING, python=False)
case("sizes/reshape", "torch.ones(2).reshape(4294967298)")
case("sizes/view_inferred", "torch.ones(4).view(-1, 4294967298)")
case("sizes/slice_step", "torch.ones(3)[::4294967296]")
case("sizes/empty_lanes", "t = torch.zeros(2**24, 2**24, 0)\nt.sum(dim=(0, 1)).shape, t.flatten(0, 1).shape",
     TOO_MANY.format(281474976710656))
case("sizes/torch_size", "torch.ones(1).shape + (4294967296,)",
     "RuntimeError: the playground limits the sizes in a torch.Size to 16777216 (the most elements a tensor may "
     "have), but this one is 4294967296")

# --- Integers: 64 bits -------------------------------------------------------------
INT = "RuntimeError: this integer is too large for the playground (it holds 64-bit integers)"
# A literal is refused where it is written, as a syntax error would be.
case("ints/literal", "9223372036854775808", INT + " (line 1, column 1)")
case("ints/least", "-9223372036854775808, -9223372036854775807 - 1")
case("ints/product", "2**62 * 2", INT)
case("ints/from_a_long_string", "int('1' * 30)", INT)
case("ints/from_a_string_past_4300_digits", "int('1' * 5000)")
case("ints/from_strings_with_underscores", "int(' 1_000 '), int('007'), int('+5'), int('-9223372036854775808')")
case("ints/from_a_string_with_two_underscores", "int('1__0')")

# --- Work outside tensors: about a second at most -------------------------------
# One 18 s run before floats printed faster; now well within the caps.
case("work/len_str_20_times", [["x = torch.arange(65536.).tolist()\n", 1], ["len(str(x))\n", 20]])
# Seven seconds of printing, for a text the playground would not keep anyway.
case("work/print_a_million_floats", "torch.arange(1048576.).tolist()", PRINTED, heavy=True)
case("work/str_of_floats", [["x = (torch.arange(200000.) / 7).tolist()\n", 1], ["s = str(x)\n", 30]], STEPS,
     heavy=True)
case("work/sums_of_lists", [["y = [1] * 1000000\n", 1], ["s = sum(y)\n", 30]], STEPS, heavy=True)
case("work/mins_of_lists", [["y = [3, 1, 2] * 300000\n", 1], ["m = min(y)\n", 30]], STEPS, heavy=True)
case("work/list_equality", [["y = [1] * 1000000\nz = [1] * 1000000\n", 1], ["e = y == z\n", 30]], STEPS,
     heavy=True)
case("work/membership", [["y = [1] * 1000000\n", 1], ["b = 2 in y\n", 30]], STEPS, heavy=True)
case("work/string_indexing", [["s = 'ab' * 500000\n", 1], ["c = s[-1]\n", 30]], STEPS, heavy=True)
case("work/string_comparison", [["s = 'a' * 1000000\nt = 'a' * 1000000\n", 1], ["b = s < t\n", 300]], STEPS,
     heavy=True)
case("work/floats_of_long_strings", [["s = '1' * 1000000\n", 1], ["x = float(s)\n", 300]], STEPS, heavy=True)
case("work/tensors_from_lists", [["y = [1.5] * 1000000\n", 1], ["t = torch.tensor(y)\n", 30]], STEPS, heavy=True)
case("work/list_copies", [["y = [1] * 1000000\n", 1], ["z = list(y)\n", 30]], MEMORY, heavy=True)
case("work/tolist", [["t = torch.ones(1000, 1000)\n", 1], ["l = t.tolist()\n", 30]], MEMORY, heavy=True)

# --- Gradients: a backward walks back through everything, within the caps ----
case("gradients/backward_through_20000_tensors",
     [["t = torch.ones(3, requires_grad=True)\nu = t\n", 1], ["u = u * 1.0\n", 20000], ["u.sum().backward()\nt.grad", 1]],
     lineage=True)
case("gradients/backward_of_large_tensors",
     [["t = torch.ones(4096, 4096, requires_grad=True)\ny = (t * 2).sum()\n", 1], ["y.backward(retain_graph=True)\n", 4]],
     WORK, python=False, heavy=True)
case("gradients/backward_twice_through_a_long_chain",
     [["t = torch.ones(2, requires_grad=True)\nu = t\n", 1], ["u = u.exp()\n", 5000], ["y = u.sum()\ny.backward()\ny.backward()", 1]])
case("work/tensor_sums", [["t = torch.ones(2**22)\n", 1], ["s = t.sum()\n", 20]], WORK, heavy=True)
# 10 million elements shown whole (no dim is longer than 6): seconds of
# formatting for 40 MB of text, refused before the first digit.
case("work/print_a_tensor_shown_whole", "torch.zeros([6] * 9)", PRINTED, python=False)
case("work/str_of_a_tensor_shown_whole", "s = str(torch.zeros([6] * 9))", STRING, python=False)

# --- Source text ---------------------------------------------------------------
case("text/byte_order_mark", "\ufeffx = 1\nx")
case("text/crlf", "x = (1,\r\n 2)\r\n# a comment\r\nx\r\n")
case("text/cr", "x = (1,\r 2)\r# a comment\rx\r")
case("text/triple_quoted_crlf", 'x = """a\r\nb\rc"""\r\nx')
case("text/continuation_crlf", "x = 1 + \\\r\n2\r\nx")
case("text/escapes", r"'\a\b\f\v\r\t\n\0\101\x41\u00e9\U0001F600\q'")
case("text/truncated_x", r'"\x"')
case("text/truncated_x_after_text", r'x = 1; "ab\x4g"')
case("text/truncated_u", r'"a" "\u12" "b"')
case("text/truncated_big_u", r"'\U1234'")
case("text/illegal_character", r"'\U00110000'")
case("text/malformed_n", r"'\N'")
case("text/escape_after_non_ascii", 'print("é\\x")')
case("text/escape_in_triple_quotes", 'x = """abc\n\\x"""')
case("text/escape_then_comment", 'y = "\\x"  # note')
case("text/null_byte", "x = 1\x00")
case("text/non_printable", "x = 1\u200b")
case("text/invalid_character", "x = 1 €")
case("text/ascii_punctuation", "x = 1 $ 2")
case("text/unterminated", 'x = "abc\ny = 1')
case("text/unterminated_triple", "x = '''abc\ny")
case("text/continuation_at_the_end", "x = 1 \\")
case("text/comment_then_error", "x = 1 +  # c")

# --- Number literals, as Python's tokenizer reads them ----------------------------
# Found by fuzzing: `0540969` was read as 540969, where Python refuses it.
case("numbers/leading_zeros", "[[ 2.5]]*0540969")
case("numbers/leading_zeros_on_a_later_line", "print(1)\nx = [1,\n   007]")
case("numbers/leading_zeros_after_an_underscore", "x = 0_7")
case("numbers/leading_zeros_then_a_letter", "x = 01x")
case("numbers/zeros_and_floats_with_leading_zeros", "00, 0_0, 00_0, 012., 08.e1, 0e5")
case("numbers/underscores_between_digits", "1_000.000_1, 5_000, 0x_ff, 0b_1_0, 0o7_7, .5e1_0")
case("numbers/trailing_underscore", "x = 1_")
case("numbers/double_underscore", "x = 1__0")
case("numbers/underscore_before_the_point", "x = 1_.5")
case("numbers/underscore_after_the_point", "x = 1._5")
case("numbers/underscore_before_the_exponent", "x = 1_e5")
case("numbers/underscore_opening_the_exponent", "x = 1.5e_1")
case("numbers/underscore_ending_a_fraction", "x = 5_000.5_")
case("numbers/exponent_without_digits", "x = 12e")
case("numbers/exponent_sign_without_digits", "x = 1e+")
case("numbers/leading_zeros_then_an_empty_exponent", "x = 01e")
case("numbers/letter_after_a_float", "x = 1.5a")
case("numbers/keywords_right_after_numbers", "x = 1or 2\ny = 0and 1\nz = 1in [1]\nx, y, z")
case("numbers/name_right_after_a_number", "x = 1ifx")
case("numbers/hexadecimal_without_digits", "x = 0x")
case("numbers/hexadecimal_trailing_underscore", "x = 0x1_")
case("numbers/hexadecimal_then_a_letter", "x = 0x1g")
case("numbers/octal_digit_8", "x = 0o178")
case("numbers/binary_digit_2", "x = 0b102")
case("numbers/binary_underscore_only", "x = 0b_")


def program(parts):
    return "".join(text * times for text, times in parts)


def run_python(source):
    done = subprocess.run(
        [sys.executable, "-c", RUNNER], input=source.encode(), capture_output=True, timeout=600
    )
    if done.returncode != 0:
        return {"stdout": None, "error": f"(crashed: {done.stderr.decode()[-300:]})"}
    return json.loads(done.stdout)


def main():
    import torch

    out = []
    for c in CASES:
        source = program(c["parts"])
        entry = {"name": c["name"], "parts": c["parts"], "heavy": c["heavy"], "lineage": c["lineage"]}
        python = run_python(source) if c["python"] else None
        if c["expect"] == "python":
            entry.update(stdout=python["stdout"], error=python["error"], expected_from="python")
        else:
            entry.update(stdout=None, error=c["expect"], expected_from="playground")
        if python is None:
            entry["python"] = "not run: it would allocate gigabytes"
        else:
            shown = python["error"] or "ok"
            entry["python"] = shown if len(python["stdout"] or "") < 200 else f"{shown} (printed {len(python['stdout'])} characters)"
        print(f"{c['name']}: {entry['error'] or 'ok'}", file=sys.stderr)
        out.append(entry)
    document = {
        "generator": "tests/hostile/generate.py",
        "python": sys.version.split()[0],
        "torch": torch.__version__,
        "cases": out,
    }
    with open(OUT, "w") as f:
        json.dump(document, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
