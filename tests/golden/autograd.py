"""The autograd cases of the golden corpus (group `autograd/`): reprs with
`requires_grad=True` and `grad_fn=<...>`, `.grad` after `backward()` for
every operation and dim form (ties, zeros, NaN, keepdim, empty), and
PyTorch's errors. `generate.py` runs them with real PyTorch, as it runs
every case."""

T = "torch.tensor([[1., -2., 3., 0.5], [4., 0.25, -1.5, 2.], [-0.5, 6., 1., -3.]], requires_grad=True)"
# Ties, zeros, NaN.
TIES = "torch.tensor([[3., 1., 3., 2.], [0., 5., 5., 5.], [2., 2., 2., 2.]], requires_grad=True)"
ZEROS = "torch.tensor([[2., 0., 3., 0.5], [1., 4., 0., -2.], [1.5, 2., -1., 3.]], requires_grad=True)"
NAN = "torch.tensor([[1., float('nan'), 3.], [2., 5., -1.]], requires_grad=True)"
V = "torch.tensor([0.5, -1.5, 2.5], requires_grad=True)"
C = "torch.tensor([[[1.5, -2.], [0.5, 2.5], [-1., 3.5]], [[2., -0.75], [-1.5, 0.25], [4., -2.5]]], requires_grad=True)"
# Weights for a gradient that is not all ones.
W4 = "torch.tensor([[0.5, -1., 2., 0.25], [1.5, 3., -0.5, 1.], [-2., 0.75, 1., 2.5]])"


def grad_of(add, name, setup, expr, tolist=False, gradient=None):
    """`expr` of the leaves in `setup`, a backward through it (of its sum,
    or with `gradient=`), and each leaf's `.grad`."""
    leaves = [line.split(" = ")[0] for line in setup]
    lines = list(setup) + [f"y = {expr}", "y"]
    if gradient is None:
        lines.append("y.sum().backward()")
    else:
        lines.append(f"y.backward(gradient={gradient})")
    for leaf in leaves:
        lines.append(f"{leaf}.grad.tolist()" if tolist else f"{leaf}.grad")
    add(f"autograd/{name}", "\n".join(lines))


def cases(add):
    reprs(add)
    reductions(add)
    scans(add)
    pointwise(add)
    moving(add)
    picking(add)
    products(add)
    joining(add)
    api(add)
    errors(add)


def reprs(add):
    add("autograd/repr/leaf", f"t = {V}\nt\nprint(t)\nt.requires_grad\nt.is_leaf\nt.grad")
    add("autograd/repr/leaf_float64", "torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)")
    add("autograd/repr/leaf_empty", "torch.tensor([], requires_grad=True)")
    add("autograd/repr/leaf_scalar", "torch.tensor(2.5, requires_grad=True)")
    add("autograd/repr/empty_result", "torch.zeros(2, 0, requires_grad=True).sum(1)")
    add("autograd/repr/empty_float64_result", "torch.zeros(0, 3, dtype=torch.float64, requires_grad=True) * 2")
    add("autograd/repr/wrapped", "torch.arange(100., requires_grad=True) * 1.5")
    add("autograd/repr/wrapped_float64", "torch.arange(12., dtype=torch.float64, requires_grad=True).reshape(3, 4) / 3")
    add("autograd/repr/pair", f"t = {T}\nt.max(dim=1)\nt.median(dim=0)\nt.sort(dim=1)\nt.topk(2)\nt.cummax(1)")
    add("autograd/repr/list", f"t = {V}\n[t * 2, t.sum()]")
    add("autograd/repr/computed_attributes", f"t = {V}\ny = t * 2\ny.requires_grad\ny.is_leaf\ny.grad")
    add("autograd/repr/plain_results_are_leaves", "u = torch.tensor([1., 2.]) * 2\nu\nu.is_leaf\nu.requires_grad")
    add("autograd/repr/integer_results", f"t = {T}\nt.argmax()\nt > 0\nt.long()\nt.long().requires_grad\nt.isnan()\n(t > 0).requires_grad")
    add("autograd/repr/same_tensor", f"t = {V}\n+t\nt.float()\nt.contiguous()\nt.flatten()\nt.to(torch.float32)")
    names = [
        "t.sum()", "t.sum(0)", "t.sum(dim=(0, 1))", "t.mean()", "t.mean(1)", "t.prod()", "t.prod(1)",
        "t.std()", "t.var(1)", "t.max()", "t.max(1).values", "t.min()", "t.min(0).values", "t.amax(1)",
        "t.amin()", "t.norm()", "t.norm(dim=1)", "t.logsumexp(1)", "t.median()", "t.median(1).values",
        "t.kthvalue(2, 1).values", "t.cumsum(1)", "t.cumprod(0)", "t.softmax(1)", "t.log_softmax(0)",
        "t[0]", "t[0, 1]", "t[:, 0]", "t[1:]", "t[:]", "t[...]", "t[None]", "t[0, 1:]", "t[1:, 0]",
        "t[:, ::2]", "t[..., 0]", "t[:, :]", "t[[0, 2]]", "t[t > 0]", "t.T", "t.t()", "t.mT",
        "t.transpose(0, 1)", "t.permute(1, 0)", "t.reshape(4, 3)", "t.T.reshape(12)", "t.view(12)",
        "t.flatten()", "t.unsqueeze(0)", "t.unsqueeze(0).squeeze()", "t.unsqueeze(0).squeeze(0)",
        "t.flip(0)", "t.roll(1, 1)", "t.T.contiguous()", "t.clone()", "t.double()", "t.to(torch.float64)",
        "t + 1", "1 + t", "t - 1", "1 - t", "t * 2", "t / 2", "2 / t", "t ** 2", "2 ** t", "t ** t",
        "t // 2", "t % 2", "-t", "t + t", "t * t", "t.abs()", "t.exp()", "t.log()", "t.sqrt()",
        "t.square()", "t.sigmoid()", "t.tanh()", "t.relu()", "t.clamp(0, 1)", "t.clamp(min=0)",
        "torch.maximum(t, t)", "torch.minimum(t, t)", "torch.where(t > 0, t, 0.)", "t.masked_fill(t > 0, 0.)",
        "t.gather(1, torch.tensor([[0], [1], [2]]))", "t.index_select(1, torch.tensor([0]))",
        "t.sort(1).values", "t.topk(1).values", "t.cummax(1).values", "t.cummin(0).values",
        "t @ t.T", "t[0] @ t.T", "t @ t[0]", "t[0] @ t[0]", "t.mm(t.T)", "t.mv(t[0])", "t[0].dot(t[0])",
        "torch.outer(t[0], t[1])", "t[None].bmm(t.T[None])", "t[None] @ t.T[None]", "t[None] @ t.T",
        "t @ t.T[None]", "torch.einsum('ij,kj->ik', t, t)", "torch.einsum('ij->j', t)", "torch.einsum('ij->ji', t)",
        "torch.einsum('i,j->ij', t[0], t[1])", "torch.cat([t, t])", "torch.stack([t, t])", "t.chunk(2)[0]",
        "t.split(1)[0]", "t.split([1, 2])[0]", "torch.softmax(t, 1)", "t.detach()",
    ]
    lines = ["t = " + T.replace("[[1., -2., 3., 0.5], [4., 0.25, -1.5, 2.], [-0.5, 6., 1., -3.]]", "[[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]]")]
    for k in range(0, len(names), 12):
        add(f"autograd/repr/grad_fn_{k // 12}", "\n".join(lines + names[k:k + 12]))


def reductions(add):
    # Each reduction, each dim form, a gradient that is not all ones.
    forms = {
        "all": "()", "dim0": "(dim=0)", "dim1": "(1)", "neg": "(dim=-1)",
        "keepdim": "(dim=1, keepdim=True)", "tuple": "(dim=(0, 1))",
    }
    for op in ["sum", "mean"]:
        for key, args in forms.items():
            grad_of(add, f"{op}/{key}", [f"t = {T}"], f"t.{op}{args}", tolist=True)
        grad_of(add, f"{op}/weighted", [f"t = {T}"], f"(t.{op}(dim=0) * torch.tensor([1., -2., 0.5, 3.])).sum()", tolist=True)
    grad_of(add, "mean/thirds", ["t = torch.tensor([1., 2., 3.], requires_grad=True)"], "t.mean()", tolist=True)
    grad_of(add, "mean/empty", ["t = torch.zeros(0, 3, requires_grad=True)"], "t.mean(dim=0)")
    grad_of(add, "sum/empty", ["t = torch.zeros(0, 3, requires_grad=True)"], "t.sum()")
    grad_of(add, "sum/scalar", ["t = torch.tensor(2.5, requires_grad=True)"], "t.sum(dim=0)")
    grad_of(add, "sum/float64", ["t = torch.tensor([[1., 2.], [3., 4.]], dtype=torch.float64, requires_grad=True)"], "t.sum(1)")
    for key, args in [("all", "()"), ("dim0", "(dim=0)"), ("dim1", "(1)"), ("keepdim", "(dim=1, keepdim=True)")]:
        grad_of(add, f"prod/{key}", [f"t = {T}"], f"t.prod{args}", tolist=True)
        grad_of(add, f"prod/zeros_{key}", [f"t = {ZEROS}"], f"t.prod{args}", tolist=True)
    grad_of(add, "prod/one_zero", ["t = torch.tensor([2., 0., 3., 4.], requires_grad=True)"], "t.prod()", tolist=True)
    grad_of(add, "prod/two_zeros", ["t = torch.tensor([2., 0., 3., 0.], requires_grad=True)"], "t.prod()", tolist=True)
    grad_of(add, "prod/zero_in_one_row", ["t = torch.tensor([[2., 0., 3.], [1., 4., 0.5]], requires_grad=True)"], "t.prod(1)", tolist=True)
    grad_of(add, "prod/nan", [f"t = {NAN}"], "t.prod(1)")
    grad_of(add, "prod/weighted", [f"t = {ZEROS}"], f"(t.prod(1) * torch.tensor([1., -2., 0.5])).sum()", tolist=True)
    for op in ["std", "var"]:
        for key, args in [("all", "()"), ("dim0", "(dim=0)"), ("dim1", "(1)"), ("keepdim", "(dim=1, keepdim=True)"),
                          ("tuple", "(dim=(0, 1))"), ("population", "(dim=1, correction=0)"), ("unbiased_false", "(unbiased=False)")]:
            grad_of(add, f"{op}/{key}", [f"t = {T}"], f"t.{op}{args}")
        grad_of(add, f"{op}/constant_row", ["t = torch.tensor([[2., 2., 2.], [1., 2., 4.]], requires_grad=True)"], f"t.{op}(dim=1)")
        grad_of(add, f"{op}/one_element", ["t = torch.tensor([2.5], requires_grad=True)"], f"t.{op}()")
        grad_of(add, f"{op}/no_dof", ["t = torch.tensor([1., 2.], requires_grad=True)"], f"t.{op}(correction=2)")
        grad_of(add, f"{op}/nan", [f"t = {NAN}"], f"t.{op}(dim=1)")
        grad_of(add, f"{op}/float64", ["t = torch.tensor([1., 2., 4., 8.], dtype=torch.float64, requires_grad=True)"], f"t.{op}()", tolist=True)
    for op in ["max", "min"]:
        grad_of(add, f"{op}/whole", [f"t = {T}"], f"t.{op}()", tolist=True)
        grad_of(add, f"{op}/whole_ties", [f"t = {TIES}"], f"t.{op}()", tolist=True)
        grad_of(add, f"{op}/whole_nan", [f"t = {NAN}"], f"t.{op}()")
        for key, args in [("dim0", "(dim=0)"), ("dim1", "(1)"), ("neg", "(-1)"), ("keepdim", "(1, keepdim=True)")]:
            grad_of(add, f"{op}/{key}", [f"t = {T}"], f"t.{op}{args}.values", tolist=True)
            grad_of(add, f"{op}/ties_{key}", [f"t = {TIES}"], f"t.{op}{args}.values", tolist=True)
        grad_of(add, f"{op}/nan_dim1", [f"t = {NAN}"], f"t.{op}(dim=1).values")
        grad_of(add, f"{op}/empty_dim", ["t = torch.zeros(0, 3, requires_grad=True)"], f"t.{op}(dim=1).values")
    for op in ["amax", "amin"]:
        for key, args in [("all", "()"), ("dim0", "(dim=0)"), ("dim1", "(1)"), ("keepdim", "(1, keepdim=True)"), ("tuple", "(dim=(0, 1))")]:
            grad_of(add, f"{op}/{key}", [f"t = {T}"], f"t.{op}{args}", tolist=True)
            grad_of(add, f"{op}/ties_{key}", [f"t = {TIES}"], f"t.{op}{args}", tolist=True)
        grad_of(add, f"{op}/nan", [f"t = {NAN}"], f"t.{op}(dim=1)")
        grad_of(add, f"{op}/negative_gradient", [f"t = {TIES}"], f"t.{op}(dim=1)", gradient="torch.tensor([-1., -2., -3.])")
    grad_of(add, "argmax/through_index", [f"t = {V}"], "t[t.argmax()]", tolist=True)
    for key, args in [("two", "()"), ("dim1", "(dim=1)"), ("keepdim", "(dim=1, keepdim=True)"), ("one", "(p=1)"),
                      ("one_dim0", "(p=1, dim=0)"), ("inf", "(p=float('inf'))"), ("inf_dim1", "(p=float('inf'), dim=1)"),
                      ("three", "(p=3)"), ("half", "(p=0.5, dim=1)"), ("one_and_half", "(p=1.5)"), ("tuple", "(dim=(0, 1))")]:
        grad_of(add, f"norm/{key}", [f"t = {T}"], f"t.norm{args}")
    grad_of(add, "norm/zero_row", ["t = torch.tensor([[0., 0.], [3., 4.]], requires_grad=True)"], "t.norm(dim=1)")
    grad_of(add, "norm/inf_ties", [f"t = {TIES}"], "t.norm(p=float('inf'), dim=1)")
    grad_of(add, "norm/zero_order", [f"t = {V}"], "t.norm(p=0)")
    grad_of(add, "norm/torch", [f"t = {T}"], "torch.norm(t, dim=0)")
    for key, args in [("dim1", "(1)"), ("dim0", "(dim=0)"), ("keepdim", "(1, keepdim=True)"), ("tuple", "(dim=(0, 1))")]:
        grad_of(add, f"logsumexp/{key}", [f"t = {T}"], f"t.logsumexp{args}")
    grad_of(add, "logsumexp/inf", ["t = torch.tensor([[0., float('-inf')], [1., 2.]], requires_grad=True)"], "t.logsumexp(1)")
    grad_of(add, "median/whole", [f"t = {T}"], "t.median()", tolist=True)
    grad_of(add, "median/whole_ties", [f"t = {TIES}"], "t.median()", tolist=True)
    grad_of(add, "median/dim1", [f"t = {TIES}"], "t.median(dim=1).values", tolist=True)
    grad_of(add, "kthvalue/dim0", [f"t = {T}"], "t.kthvalue(2, dim=0).values", tolist=True)
    grad_of(add, "kthvalue/keepdim", [f"t = {TIES}"], "t.kthvalue(3, 1, True).values", tolist=True)
    grad_of(add, "reduce/dtype", ["t = torch.tensor([1., 2., 3.], requires_grad=True)"], "t.sum(dtype=torch.float64)")
    grad_of(add, "reduce/chain", [f"t = {T}"], "t.sum(dim=0).max()", tolist=True)
    grad_of(add, "reduce/max_of_max", [f"t = {TIES}"], "t.max(dim=1).values.max()", tolist=True)


def scans(add):
    for key, args in [("dim1", "(1)"), ("dim0", "(dim=0)"), ("neg", "(-1)")]:
        grad_of(add, f"cumsum/{key}", [f"t = {T}"], f"t.cumsum{args}", tolist=True)
        grad_of(add, f"cumprod/{key}", [f"t = {T}"], f"t.cumprod{args}", tolist=True)
        grad_of(add, f"softmax/{key}", [f"t = {T}"], f"t.softmax{args}", gradient=W4)
        grad_of(add, f"log_softmax/{key}", [f"t = {T}"], f"t.log_softmax{args}", gradient=W4)
    grad_of(add, "cumsum/weighted", [f"t = {T}"], "t.cumsum(1)", gradient=W4, tolist=True)
    grad_of(add, "cumsum/scalar", ["t = torch.tensor(2., requires_grad=True)"], "t.cumsum(0)")
    grad_of(add, "cumprod/zeros", [f"t = {ZEROS}"], "t.cumprod(1)", tolist=True)
    grad_of(add, "cumprod/two_zeros", ["t = torch.tensor([2., 0., 3., 0., 5.], requires_grad=True)"], "t.cumprod(0)", tolist=True)
    grad_of(add, "cumprod/zero_first", ["t = torch.tensor([0., 2., 3., 4.], requires_grad=True)"], "t.cumprod(0)", gradient="torch.tensor([1., -1., 2., 0.5])", tolist=True)
    grad_of(add, "cumprod/zeros_weighted", [f"t = {ZEROS}"], "t.cumprod(0)", gradient=W4, tolist=True)
    grad_of(add, "cumsum/rank3", [f"c = {C}"], "c.cumsum(-2)", tolist=True)
    grad_of(add, "softmax/rank3", [f"c = {C}"], "c.softmax(1)", gradient="torch.arange(12.).reshape(2, 3, 2)")
    grad_of(add, "softmax/functional", [f"t = {T}"], "torch.nn.functional.softmax(t, dim=1)", gradient=W4)
    grad_of(add, "log_softmax/rank3", [f"c = {C}"], "c.log_softmax(2)", gradient="torch.arange(12.).reshape(2, 3, 2)")
    grad_of(add, "softmax/float64", ["t = torch.tensor([[1., 2., 3.]], dtype=torch.float64, requires_grad=True)"], "t.softmax(1)", gradient="torch.tensor([[1., 0., 0.]], dtype=torch.float64)", tolist=True)


def pointwise(add):
    setup = [f"t = {T}"]
    for expr in ["t + 2", "2 + t", "t - 2", "2 - t", "t * 3", "3 * t", "t / 4", "4 / t", "t ** 2", "t ** 3",
                 "t ** 0.5", "t ** 0", "t ** -1", "2 ** t", "t % 2", "-t", "t + t", "t * t", "t / t", "t - t"]:
        key = expr.replace(" ", "").replace("*", "mul").replace("/", "div").replace("+", "add").replace("-", "sub").replace("%", "rem").replace(".", "_")
        grad_of(add, f"binary/{key}", setup, expr)
    for fn in ["abs", "exp", "sqrt", "square", "sigmoid", "tanh", "relu"]:
        grad_of(add, f"unary/{fn}", setup, f"t.{fn}()")
    grad_of(add, "unary/log", setup, "t.abs().log()")
    grad_of(add, "unary/log_of_negative", setup, "t.log()")
    grad_of(add, "unary/abs_zero", ["t = torch.tensor([-1., 0., 2.], requires_grad=True)"], "t.abs()", tolist=True)
    grad_of(add, "unary/relu_zero", ["t = torch.tensor([-1., 0., 2., float('nan')], requires_grad=True)"], "t.relu()")
    grad_of(add, "unary/functional", setup, "torch.nn.functional.relu(t) + torch.sigmoid(t)")
    grad_of(add, "unary/exact", ["t = torch.tensor([0.25, 1., 4.], requires_grad=True)"], "t.sqrt() + t.square()", tolist=True)
    for key, args in [("both", "(0, 2)"), ("min", "(min=0.5)"), ("max", "(max=1)"), ("clip", "(-1, 1)")]:
        name = "clip" if key == "clip" else "clamp"
        grad_of(add, f"clamp/{key}", setup, f"t.{name}{args}")
    grad_of(add, "clamp/boundary", ["t = torch.tensor([0., 1., 2., float('nan')], requires_grad=True)"], "t.clamp(0, 1)")
    grad_of(add, "binary/broadcast", [f"t = {T}", "b = torch.tensor([1., -2., 0.5, 4.], requires_grad=True)"], "t * b + b / 2")
    grad_of(add, "binary/broadcast_column", [f"t = {T}", f"v = {V}"], "t - v.unsqueeze(1)", tolist=True)
    grad_of(add, "binary/divide_both", [f"t = {T}", "b = torch.tensor([1., -2., 0.5, 4.], requires_grad=True)"], "t / b")
    grad_of(add, "binary/power_both", ["a = torch.tensor([1., 2., 0.5], requires_grad=True)", "b = torch.tensor([2., 0., -1.], requires_grad=True)"], "a ** b")
    grad_of(add, "binary/power_zero_base", ["a = torch.tensor([0., 0., 2.], requires_grad=True)", "b = torch.tensor([2., 0., 1.], requires_grad=True)"], "a ** b")
    grad_of(add, "binary/remainder_both", ["a = torch.tensor([5., -3., 2.5], requires_grad=True)", "b = torch.tensor([2., 2., -1.], requires_grad=True)"], "a % b")
    grad_of(add, "binary/int_operand", [f"t = {T}"], "t * torch.tensor([1, 2, 3, 4])")
    grad_of(add, "binary/float64_operand", [f"t = {T}", "s = torch.tensor(2., dtype=torch.float64, requires_grad=True)"], "t * s")
    grad_of(add, "binary/same_tensor_twice", [f"v = {V}"], "v * v * v", tolist=True)
    grad_of(add, "binary/nan", [f"t = {NAN}"], "t * 2")
    grad_of(add, "binary/negative_zero", [f"t = {T}"], "(t * 0) * -1", tolist=True)
    for op in ["maximum", "minimum"]:
        grad_of(add, f"{op}/broadcast", [f"t = {T}", "b = torch.tensor([1., 0.25, 1., 2.], requires_grad=True)"], f"torch.{op}(t, b)")
        grad_of(add, f"{op}/nan", [f"t = {NAN}", "b = torch.tensor([1., 1., 1.], requires_grad=True)"], f"torch.{op}(t, b)")


def moving(add):
    setup = [f"t = {T}"]
    for key, expr in [
        ("select", "t[1]"), ("select_two", "t[1, 2]"), ("column", "t[:, 1]"), ("slice", "t[1:]"),
        ("step", "t[:, ::2]"), ("none", "t[None, 0]"), ("ellipsis", "t[..., -1]"), ("T", "t.T"),
        ("mT", "t.mT"), ("t", "t.t()"), ("transpose", "t.transpose(0, 1)"), ("permute", "t.permute(1, 0)"),
        ("reshape", "t.reshape(2, 6)"), ("reshape_copy", "t.T.reshape(12)"), ("view", "t.view(4, 3)"),
        ("flatten", "t.flatten()"), ("unsqueeze", "t.unsqueeze(1)"), ("squeeze", "t[None].squeeze(0)"),
        ("flip", "t.flip(0)"), ("roll", "t.roll(1, 1)"), ("roll_flat", "t.roll(-2)"), ("contiguous", "t.T.contiguous()"),
        ("clone", "t.clone()"), ("double", "t.double()"), ("to", "t.to(torch.float64)"),
    ]:
        grad_of(add, f"view/{key}", setup, expr, gradient=None)
    grad_of(add, "view/weighted_transpose", setup, "t.T", gradient="torch.arange(12.).reshape(4, 3)", tolist=True)
    grad_of(add, "view/chain", setup, "t[1:][:, 1:3].T * 2")
    grad_of(add, "view/overlap", setup, "t[0] + t[:, 0].sum()")
    grad_of(add, "view/rank3", [f"c = {C}"], "c.permute(2, 0, 1)[1]")


def picking(add):
    setup = [f"t = {T}"]
    for key, expr in [
        ("index_list", "t[[2, 0]]"), ("index_repeat", "t[[0, 0, 2]]"), ("index_two_lists", "t[[0, 2, 2], [1, 3, 3]]"),
        ("index_mask", "t[t > 0]"), ("index_columns", "t[:, [3, 1, 3]]"), ("index_tensor", "t[torch.tensor([1, 1])]"),
        ("gather", "t.gather(1, torch.tensor([[0, 0], [3, 1], [2, 2]]))"),
        ("index_select", "t.index_select(1, torch.tensor([3, 0, 3]))"),
        ("where", "torch.where(t > 0, t, 0.)"), ("where_method", "t.where(t < 1, t * 2)"),
        ("masked_fill", "t.masked_fill(t < 0, 0.)"), ("sort", "t.sort(dim=1).values"),
        ("sort_descending", "t.sort(dim=0, descending=True).values"), ("topk", "t.topk(2).values"),
        ("topk_smallest", "t.topk(2, dim=0, largest=False).values"), ("cummax", "t.cummax(1).values"),
        ("cummin", "t.cummin(0).values"),
    ]:
        grad_of(add, f"pick/{key}", setup, expr, tolist=True)
    grad_of(add, "pick/cummax_ties", [f"t = {TIES}"], "t.cummax(1).values", tolist=True)
    grad_of(add, "pick/where_two", [f"t = {T}", f"v = {V}"], "torch.where(t > 0, t, v.unsqueeze(1))", tolist=True)
    grad_of(add, "pick/masked_fill_tensor", [f"t = {T}", "s = torch.tensor(5., requires_grad=True)"], "t.masked_fill(t > 1, s)", tolist=True)
    grad_of(add, "pick/sort_ties", [f"t = {TIES}"], "t.sort(dim=1).values", gradient=W4, tolist=True)


def products(add):
    a = "a = torch.tensor([[1., 2., -1.], [0.5, -2., 3.]], requires_grad=True)"
    b = "b = torch.tensor([[2., 0.5, -1., 1.], [1., 3., 0., -2.], [-0.5, 1., 2., 4.]], requires_grad=True)"
    v = "v = torch.tensor([1., -2., 0.5], requires_grad=True)"
    c = "c = torch.arange(24., requires_grad=True)"
    for key, setup, expr in [
        ("mm", [a, b], "a @ b"), ("mm_method", [a, b], "a.mm(b)"), ("mv", [a, v], "a.mv(v)"),
        ("vector_matrix", [v, b], "v @ b"), ("dot", [v], "v.dot(v * 2)"), ("outer", [v], "torch.outer(v, v[:2])"),
        ("matmul_self", [a], "a @ a.T"), ("batch", [a, b], "torch.stack([a, a * 2]) @ b"),
        ("bmm", [a, b], "torch.stack([a, -a]).bmm(torch.stack([b, b]))"),
        ("batch_vector", [a, v], "torch.stack([a, a]) @ v"), ("vector_batch", [v, b], "v @ torch.stack([b, b])"),
        ("matrix_batch", [a, b], "a @ torch.stack([b, b * 2])"),
        ("einsum_mm", [a, b], "torch.einsum('ij,jk->ik', a, b)"), ("einsum_sum", [a], "torch.einsum('ij->j', a)"),
        ("einsum_trace", ["q = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)"], "torch.einsum('ii', q)"),
        ("einsum_diagonal", ["q = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)"], "torch.einsum('ii->i', q)"),
        ("einsum_outer", [v], "torch.einsum('i,j->ij', v, v)"),
    ]:
        grad_of(add, f"product/{key}", setup, expr, tolist=True)
    grad_of(add, "product/weighted", [a, b], "a @ b", gradient="torch.tensor([[1., -1., 0.5, 2.], [0., 3., -2., 1.]])", tolist=True)
    grad_of(add, "product/large", [c], "c.reshape(4, 6) @ c.reshape(6, 4)")
    shapes = [((3,), (2, 3, 4)), ((2, 3), (5, 3, 4)), ((2, 3), (1, 3, 4)), ((1, 2, 3), (5, 3, 4)), ((1, 2, 3), (1, 3, 4)),
              ((5, 2, 3), (3,)), ((5, 2, 3), (3, 4)), ((6, 1, 2, 3), (5, 3, 4)), ((1, 2, 3), (2, 1, 3, 4))]
    lines = []
    for k, (sa, sb) in enumerate(shapes):
        lines.append(f"a{k} = torch.ones({sa}, requires_grad=True)")
        lines.append(f"a{k} @ torch.ones({sb})")
    add("autograd/product/matmul_shapes", "\n".join(lines))


def joining(add):
    setup = [f"t = {T}", f"v = {V}"]
    for key, expr in [
        ("cat", "torch.cat([t[:, :3], t.T])"), ("cat_same", "torch.cat([v, v * 3., v])"),
        ("cat_dim1", "torch.cat([t, t[:, :1]], dim=1)"), ("stack", "torch.stack([v, t[0, :3]], dim=1)"),
        ("chunk", "t.chunk(2, dim=1)[1]"), ("split", "t.split([1, 2])[1] * 2"),
    ]:
        grad_of(add, f"join/{key}", setup, expr, tolist=True)
    add("autograd/join/pieces_added", f"t = {T}\na, b = t.split(2, dim=1)\ny = a * 2 + b\ny\ny.sum().backward()\nt.grad")


def api(add):
    v = f"t = {V}"
    add("autograd/api/grad_fn", f"{v}\ny = (t * 2).sum()\ny.grad_fn\nprint(y.grad_fn)\ny.grad_fn.name()\nt.grad_fn\nprint(t.grad_fn)\n(t // 2).grad_fn\n[t.max(0).values.grad_fn]")
    add("autograd/api/stopped_requiring", f"{v}\ny = (t * 2).sum()\nt.requires_grad_(False)\ny.backward()\nt.grad")
    add("autograd/api/data_reshaped", "t = torch.arange(6., requires_grad=True).reshape(2, 3)\nt\nt.is_leaf\nt.sum().backward()\nt.grad")
    add("autograd/api/leaf_used_twice", f"{v}\ny = t * t + t.exp() - t.sum()\ny.sum().backward()\nt.grad")
    add("autograd/api/grad_before_backward", f"{v}\nt.grad\nprint(t.grad)")
    add("autograd/api/accumulates", f"{v}\n(t * 2).sum().backward()\nt.grad\n(t * t).sum().backward()\nt.grad")
    add("autograd/api/sum_twice", f"{v}\ny = t.sum()\ny.backward()\ny.backward()\nt.grad")
    add("autograd/api/retain_graph", f"{v}\ny = (t * t).sum()\ny.backward(retain_graph=True)\ny.backward()\nt.grad")
    add("autograd/api/zero", f"{v}\n(t * 3).sum().backward()\nt.grad.zero_()\nt.grad\n(t * t).sum().backward()\nt.grad")
    add("autograd/api/grad_alias", f"{v}\n(t * 3).sum().backward()\ng = t.grad\n(t * t).sum().backward()\ng\ng.zero_()\nt.grad")
    add("autograd/api/gradient_arg", f"{v}\ny = t * t\ny.backward(gradient=torch.tensor([1., 0., -1.]))\nt.grad")
    add("autograd/api/gradient_float64", f"{v}\nt.sum().backward(torch.tensor(2., dtype=torch.float64))\nt.grad")
    add("autograd/api/gradient_list", f"{v}\nt.sum().backward([torch.tensor(3.)])\nt.grad")
    add("autograd/api/leaf_backward", "t = torch.tensor(2., requires_grad=True)\nt.backward()\nt.grad")
    add("autograd/api/two_leaves", f"{v}\nw = torch.tensor([2., 1., -1.], requires_grad=True)\n(t * w).sum().backward()\nt.grad\nw.grad")
    add("autograd/api/partly_required", f"{v}\nw = torch.tensor([2., 1., -1.])\n(t * w).sum().backward()\nt.grad\nw.grad")
    add("autograd/api/requires_grad_", "t = torch.tensor([1., 2.])\nt.requires_grad_()\nt\n(t * t).sum().backward()\nt.grad\nt.requires_grad_(False)\nt.requires_grad")
    add("autograd/api/requires_grad_on_result", f"{v}\ny = t * 2\ny.requires_grad_()\ny.requires_grad_(True)")
    add("autograd/api/computed_then_required", "u = torch.tensor([1., 2.]) * 2\nu.requires_grad_()\n(u * u).sum().backward()\nu.grad")
    add("autograd/api/late_requires_grad", "t = torch.tensor([1., 2.])\ny = t * 3\nt.requires_grad_()\ny.requires_grad\nz = (t * 3).sum()\nz.backward()\nt.grad")
    add("autograd/api/detach", f"{v}\nd = t.detach()\nd\nd.requires_grad\nd.is_leaf\n(t * d).sum().backward()\nt.grad\nd.grad")
    add("autograd/api/detach_function", f"{v}\ntorch.detach(t * 2)")
    add("autograd/api/nonleaf_grad", f"{v}\ny = t * 2\ny.sum().backward()\ny.grad")
    add("autograd/api/item_tolist", f"{v}\n(t * 2).sum().item()\n(t * 2).tolist()\nt.sum().item()")
    add("autograd/api/numpy_detached", f"{v}\nt.detach().numpy()\nt.grad")
    add("autograd/api/variable_chain", f"{v}\nu = t * 2\nw = u + t\nw.sum().backward()\nt.grad")
    add("autograd/api/float64_grad", "t = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)\n(t / 3).sum().backward()\nt.grad\nt.grad.tolist()")
    add("autograd/api/conversion", "t = torch.tensor([1., 2.], requires_grad=True)\ny = t.double() / 3\ny\ny.sum().backward()\nt.grad\nt.grad.tolist()")
    for key, expr in [
        ("zeros", "torch.zeros(3, requires_grad=True)"), ("ones", "torch.ones(2, 2, requires_grad=True)"),
        ("full", "torch.full((2,), 3., requires_grad=True)"), ("arange", "torch.arange(3., requires_grad=True)"),
        ("arange_float64", "torch.arange(0, 1, 0.25, dtype=torch.float64, requires_grad=True)"),
        ("linspace", "torch.linspace(0, 1, 3, requires_grad=True)"), ("eye", "torch.eye(2, requires_grad=True)"),
        ("zeros_like", "torch.zeros_like(torch.ones(2), requires_grad=True)"),
        ("ones_like", "torch.ones_like(torch.ones(2), requires_grad=True)"),
        ("full_like", "torch.full_like(torch.ones(2), 7., requires_grad=True)"),
        ("rand", "torch.manual_seed(0)\ntorch.rand(2, requires_grad=True)"),
        ("randn", "torch.manual_seed(0)\ntorch.randn(2, requires_grad=True)"),
        ("rand_like", "torch.manual_seed(0)\ntorch.rand_like(torch.ones(2), requires_grad=True)"),
        ("tensor_of_tensor", "torch.tensor(torch.tensor([1., 2.]), requires_grad=True)"),
        ("not_required", "torch.zeros(2, requires_grad=False)"),
    ]:
        lines = expr.split("\n")
        add(f"autograd/create/{key}", "\n".join(lines[:-1] + [f"x = {lines[-1]}", "x", "(x * 2).sum().backward()", "x.grad"]))


def errors(add):
    v = f"t = {V}"
    for key, program in [
        ("non_scalar", f"{v}\n(t * 2).backward()"),
        ("non_scalar_sum_dim", f"t = {T}\nt.sum(0).backward()"),
        ("no_grad", "torch.tensor([1., 2.]).sum().backward()"),
        ("no_grad_non_scalar", "torch.tensor([1., 2.]).backward()"),
        ("twice", f"{v}\ny = (t * t).sum()\ny.backward()\ny.backward()"),
        ("twice_max", f"{v}\ny = t.max()\ny.backward()\ny.backward()"),
        ("twice_amax", f"{v}\ny = t.amax()\ny.backward()\ny.backward()"),
        ("twice_max_dim", f"t = {T}\ny = t.max(1).values.sum()\ny.backward()\ny.backward()"),
        ("twice_mean", f"{v}\ny = t.mean()\ny.backward()\ny.backward()\nt.grad"),
        ("twice_view", f"{v}\ny = t[1:].sum()\ny.backward()\ny.backward()\nt.grad"),
        ("twice_add", f"{v}\ny = (t + 1 - t).sum()\ny.backward()\ny.backward()\nt.grad"),
        ("twice_remainder", f"{v}\ny = (t % 2).sum()\ny.backward()\ny.backward()\nt.grad"),
        ("twice_divide", f"{v}\ny = (t / 2).sum()\ny.backward()\ny.backward()"),
        ("twice_exp", f"{v}\ny = t.exp().sum()\ny.backward()\ny.backward()"),
        ("twice_index", f"{v}\ny = t[[0, 1]].sum()\ny.backward()\ny.backward()"),
        ("twice_cat", f"{v}\ny = torch.cat([t, t]).sum()\ny.backward()\ny.backward()\nt.grad"),
        ("twice_where", f"{v}\ny = torch.where(t > 0, t, 0.).sum()\ny.backward()\ny.backward()"),
        ("twice_sort", f"{v}\ny = t.sort().values.sum()\ny.backward()\ny.backward()"),
        ("twice_cumsum", f"{v}\ny = t.cumsum(0).sum()\ny.backward()\ny.backward()\nt.grad"),
        ("twice_to", f"{v}\ny = t.double().sum()\ny.backward()\ny.backward()\nt.grad"),
        ("twice_mm", f"{v}\ny = torch.outer(t, t).sum()\ny.backward()\ny.backward()"),
        ("numpy", f"{v}\nt.numpy()"),
        ("numpy_result", f"{v}\n(t * 2).numpy()"),
        ("integer_tensor", "torch.tensor([1, 2], requires_grad=True)"),
        ("bool_tensor", "torch.tensor([True], requires_grad=True)"),
        ("integer_arange", "torch.arange(3, requires_grad=True)"),
        ("integer_zeros", "torch.zeros(2, dtype=torch.long, requires_grad=True)"),
        ("integer_full", "torch.full((2,), 3, requires_grad=True)"),
        ("integer_randint", "torch.randint(3, (2,), requires_grad=True)"),
        ("integer_requires_grad_", "torch.tensor([1, 2]).requires_grad_()"),
        ("integer_requires_grad_false", "torch.tensor([1, 2]).requires_grad_(False)"),
        ("nonleaf_requires_grad_false", f"{v}\n(t * 2).requires_grad_(False)"),
        ("gradient_shape", f"{v}\nt.sum().backward(torch.tensor([1.]))"),
        ("gradient_shape_vector", f"{v}\n(t * 2).backward(torch.tensor([1., 2.]))"),
        ("gradient_number", f"{v}\nt.sum().backward(2.)"),
        ("gradient_list_long", f"{v}\nt.sum().backward([torch.tensor(1.), torch.tensor(2.)])\nt.grad"),
        ("gradient_list_empty", f"{v}\nt.sum().backward([])"),
        ("gradient_list_none", f"{v}\nt.sum().backward([None])\nt.grad"),
        ("gradient_list_number", f"{v}\nt.sum().backward([1.])"),
        ("remainder_of_number", f"{v}\n(5 % t).sum().backward()"),
        ("floor_divide", f"{v}\n(t // 2).sum().backward()"),
        ("requires_grad_keyword_type", "torch.tensor([1.], requires_grad=1)"),
        ("backward_keyword", f"{v}\nt.sum().backward(foo=1)"),
        ("backward_positional", f"{v}\nt.sum().backward(None, None, False, None, 1)"),
    ]:
        add(f"autograd/error/{key}", program)
