"""Writes tests/golden/lineage.json: which leaf elements each element of a
program's last expression depends on, according to PyTorch's autograd.

For every output element, the leaf elements with a nonzero derivative are
the ones it was computed from (the leaves hold distinct values away from
zero, and the programs avoid ties and flat spots, so no derivative is zero
by accident). For a program that ends in a selection (max, min, amax,
amin, sort, topk, cummax, median, kthvalue, where, masked_fill, indexing
with a mask that other elements decide) of a smooth expression, they are
the elements the selection picked through: its winners. Integer and bool
leaves (index tensors, masks) have no derivative: a case lists the leaves
that do (`differentiable`), and only their elements are compared; the
playground also credits the index and mask elements that decided a pick,
which its own tests check. tests/lineage_golden.rs checks the playground's
lineage (the same report as `tensor-playground lineage`) against them.

Each element also records the derivative `torch.autograd.grad` gives with
respect to every element of each differentiable leaf it used (`grads`): the
`"grad"` of each source in the report. Cases of kind "grads" (ties, zeros,
NaN: derivatives that vanish or go non-finite on purpose) compare only
those; a derivative that is not a finite number is written "nan", "inf" or
"-inf", as the playground writes it.

    /work/cache/torch-venv/bin/python tests/golden/lineage.py
"""

import json
import math
import os
import pathlib

import numpy

# The same kernels as the value goldens (generate.py).
os.environ.setdefault("ATEN_CPU_CAPABILITY", "avx2")

import torch  # noqa: E402 - after choosing the kernels

OUT = pathlib.Path(__file__).with_name("lineage.json")

# Leaves: distinct values, none zero, no two equal, so that a selection has
# one winner and no derivative vanishes by accident.
T = "[[1.5, -2.25, 3.0, 0.8], [-0.5, 2.5, -1.25, 4.0], [3.5, 0.25, -3.0, 1.75]]"
C = "[[[1.5, -2.0], [0.5, 2.5], [-1.0, 3.5]], [[2.0, -0.75], [-1.5, 0.25], [4.0, -2.5]]]"
V = "[0.5, -1.5, 2.5]"
# Index tensors: leaves without a derivative.
I = ("[[1, 0], [2, 3], [0, 0]]", "int64")
J = ("[[0, 2], [1, 1]]", "int64")
M = ("[[True, False, True, False], [False, True, True, False], [True, True, False, False]]", "bool")
P = "[[0.5, -1.5], [2.0, 1.25], [-0.75, 3.0], [1.5, 0.5]]"
W = "[1.5, -0.5, 2.0, 0.75]"
# Ties, zeros and NaN, for the derivatives that split or vanish.
TIES = "[[3.0, 1.0, 3.0, 2.0], [0.5, 5.0, 5.0, 5.0], [2.0, 2.0, 2.0, 2.0]]"
ZERO = "[[2.0, 0.0, 3.0, 0.5], [1.0, 4.0, -2.0, 1.5], [0.0, 2.0, 0.0, 3.0]]"
CONSTANT = "[[2.0, 2.0, 2.0], [1.0, 2.0, 4.0]]"
ZERO_ROW = "[[0.0, 0.0], [3.0, 4.0]]"
NAN = "[[1.0, float('nan'), 3.0], [2.0, 5.0, -1.0]]"
Q = "[[2.0, -1.0, 0.5], [1.5, 3.0, -2.5], [-0.25, 1.0, 4.0]]"

# (name, {leaf: literal}, program lines after the leaves, "sources" | "winners")
CASES = [
    ("sum_dim0", {"t": T}, ["t.sum(dim=0)"], "sources"),
    ("sum_dim1_keepdim", {"t": T}, ["t.sum(dim=1, keepdim=True)"], "sources"),
    ("mean_all", {"t": T}, ["t.mean()"], "sources"),
    ("std_dim1", {"t": T}, ["t.std(dim=1)"], "sources"),
    ("var_tuple_dims", {"c": C}, ["c.var(dim=(0, 2))"], "sources"),
    ("prod_dim0", {"t": T}, ["t.prod(dim=0)"], "sources"),
    ("norm_dim1", {"t": T}, ["t.norm(dim=1)"], "sources"),
    ("rank3_dim1", {"c": C}, ["c.sum(dim=1)"], "sources"),
    ("transpose_view", {"t": T}, ["(t.T * 2.0)[1:3]"], "sources"),
    ("permute_then_sum", {"c": C}, ["c.permute(2, 0, 1).sum(dim=-1)"], "sources"),
    ("step_slice", {"t": T}, ["t[:, ::2] + t[:, 1::2]"], "sources"),
    ("row_slice", {"t": T}, ["t[1:].mean(dim=1)"], "sources"),
    ("none_and_unsqueeze", {"t": T, "v": V}, ["t[None, 0] * v.unsqueeze(1)[:, :1]"], "sources"),
    ("broadcast_row_means", {"t": T}, ["t - t.mean(dim=1, keepdim=True)"], "sources"),
    ("broadcast_two_leaves", {"t": T, "v": V}, ["t.T / v"], "sources"),
    ("chain_through_variable", {"t": T}, ["u = t.sum(dim=0)", "u * t[1]"], "sources"),
    ("rows_added", {"t": T}, ["t[0] + t[1] + t[2]"], "sources"),
    ("power_and_abs", {"t": T}, ["(t ** 2).sum(dim=1) + t.abs().amax(dim=1)"], "sources"),
    ("reshape_then_sum", {"c": C}, ["c.reshape(4, 3).sum(dim=0)"], "sources"),
    ("logsumexp_dim1", {"t": T}, ["t.logsumexp(dim=1)"], "sources"),
    ("logsumexp_rank3_tuple", {"c": C}, ["c.logsumexp(dim=(0, 2), keepdim=True)"], "sources"),
    ("cumsum_dim1", {"t": T}, ["t.cumsum(dim=1)"], "sources"),
    ("cumprod_dim0", {"t": T}, ["t.cumprod(0)"], "sources"),
    ("cumsum_rank3", {"c": C}, ["c.cumsum(-2)"], "sources"),
    ("softmax_dim1", {"t": T}, ["t.softmax(dim=1)"], "sources"),
    ("softmax_dim0", {"t": T}, ["torch.softmax(t, 0)"], "sources"),
    ("log_softmax_rank3", {"c": C}, ["c.log_softmax(1)"], "sources"),
    ("softmax_then_argmax", {"t": T}, ["(t.softmax(dim=1) * 2.0).sum(dim=0)"], "sources"),
    ("exp_then_sum", {"t": T}, ["t.exp().sum(dim=1)"], "sources"),
    ("log_of_abs", {"t": T}, ["t.abs().log() + t.abs().sqrt()"], "sources"),
    ("square_sigmoid_tanh", {"t": T, "v": V}, ["t.square().T * v.sigmoid() + v.tanh()"], "sources"),
    ("relu_of_positive", {"t": T}, ["(t.abs() + 1.0).relu().clamp(0, 100)"], "sources"),
    ("max_values", {"t": T}, ["t.max(dim=1).values"], "winners"),
    ("min_values_dim0", {"t": T}, ["(t * 2.0).min(dim=0).values"], "winners"),
    ("amax_dim0", {"t": T}, ["t.amax(dim=0)"], "winners"),
    ("amin_transposed", {"t": T}, ["t.T.amin(dim=1)"], "winners"),
    ("max_whole", {"t": T}, ["t.max()"], "winners"),
    ("max_of_column_sums", {"t": T}, ["t.sum(dim=0).max()"], "winners"),
    ("max_of_max", {"t": T}, ["t.max(dim=1).values.max()"], "winners"),
    ("amax_rank3_tuple", {"c": C}, ["c.amax(dim=(0, 2))"], "winners"),
    ("min_through_broadcast", {"t": T, "v": V}, ["(t.T - v).min(dim=1).values"], "winners"),
    ("maximum_broadcast", {"t": T, "v": V}, ["torch.maximum(t, v.unsqueeze(1))"], "winners"),
    ("minimum_of_sums", {"t": T}, ["torch.minimum(t.sum(dim=0), t[0] * 3.0)"], "winners"),
    # Indexing with tensors, lists and masks: the element picked.
    ("index_list_rows", {"t": T}, ["t[[2, 0]]"], "sources"),
    ("index_list_columns", {"t": T}, ["t[:, [3, 1, 3]]"], "sources"),
    ("index_two_lists", {"t": T}, ["t[[0, 2, 2], [1, 3, 0]]"], "sources"),
    ("index_tensor_leaf", {"t": T, "j": J}, ["t[j]"], "sources"),
    ("index_rank3_apart", {"c": C}, ["c[[0, 1], :, [1, 0]]"], "sources"),
    ("index_mask_of_itself", {"t": T}, ["(t * 2.0)[t.abs() > 1.0]"], "sources"),
    ("index_mask_leaf", {"t": T, "m": M}, ["t[m]"], "sources"),
    ("index_mask_of_rows", {"t": T}, ["t[t[:, 0] > 0]"], "winners"),
    ("index_by_argmax", {"v": V}, ["v[v.argmax()]"], "winners"),
    ("index_by_column_argmax", {"t": T}, ["t[t.argmax(dim=0), torch.arange(4)]"], "winners"),
    ("gather_leaf", {"t": T, "i": I}, ["t.gather(1, i)"], "sources"),
    ("gather_argmin", {"t": T}, ["t.gather(1, t.argmin(dim=1, keepdim=True))"], "winners"),
    ("index_select_columns", {"t": T}, ["t.index_select(1, torch.tensor([3, 0]))"], "sources"),
    ("where_two_tensors", {"t": T, "v": V}, ["torch.where(t > 0, t, v.unsqueeze(1) * 2.0)"], "winners"),
    ("where_number", {"t": T}, ["torch.where(t > 0, t, 0.0)"], "winners"),
    ("where_method", {"t": T, "v": V}, ["(t * 3.0).where(t < 1, v[1])"], "winners"),
    ("masked_fill_number", {"t": T}, ["t.masked_fill(t < 0, 0.0)"], "winners"),
    ("masked_fill_broadcast", {"t": T, "v": V}, ["v.unsqueeze(1).masked_fill(t > 1, 5.0)"], "winners"),
    # Sorting and ranking: the element picked is the winner.
    ("sort_values", {"t": T}, ["t.sort(dim=1).values"], "winners"),
    ("sort_descending_dim0", {"t": T}, ["t.sort(dim=0, descending=True).values"], "winners"),
    ("topk_values", {"t": T}, ["t.topk(2).values"], "winners"),
    ("topk_smallest_dim0", {"t": T}, ["t.topk(2, dim=0, largest=False).values"], "winners"),
    ("cummax_values", {"t": T}, ["t.cummax(1).values"], "winners"),
    ("cummin_dim0", {"t": T}, ["(t * 2.0).cummin(0).values"], "winners"),
    ("median_dim1", {"t": T}, ["t.median(dim=1).values"], "winners"),
    ("median_whole", {"t": T}, ["t.median()"], "winners"),
    ("kthvalue_dim0", {"c": C}, ["c.kthvalue(2, dim=0).values"], "winners"),
    ("sort_then_index", {"t": T}, ["t.sort(dim=1).values[:, 0] + t[[1, 2, 0], [0, 1, 2]]"], "winners"),
    # Moving: each element is the one moved there.
    ("flip_rows", {"t": T}, ["t.flip(0) * 2.0"], "sources"),
    ("flip_both_rank3", {"c": C}, ["c.flip(0, 2)"], "sources"),
    ("roll_columns", {"t": T}, ["t.roll(1, 1)"], "sources"),
    ("roll_flat", {"t": T}, ["t.roll(-2) + t"], "sources"),
    # Products: an element of `a @ b` comes from a row of `a` and a column of `b`.
    ("matmul", {"t": T, "m": P}, ["t @ m"], "sources"),
    ("matmul_with_itself", {"t": T}, ["t @ t.T"], "sources"),
    ("matmul_matrix_vector", {"t": T, "w": W}, ["torch.matmul(t, w)"], "sources"),
    ("matmul_vector_matrix", {"v": V, "t": T}, ["v @ t"], "sources"),
    ("matmul_batch_broadcast", {"c": C, "q": Q}, ["q[:2] @ c"], "sources"),
    ("matmul_batch_times_matrix", {"c": C, "m": P}, ["c @ m[:2]"], "sources"),
    ("mm_then_sum", {"t": T, "m": P}, ["t.mm(m).sum(dim=1)"], "sources"),
    ("mv", {"t": T, "w": W}, ["t.mv(w)"], "sources"),
    ("dot", {"v": V, "w": W}, ["v.dot(w[:3])"], "sources"),
    ("bmm", {"c": C}, ["c.bmm(c.transpose(1, 2))"], "sources"),
    ("outer", {"v": V, "w": W}, ["torch.outer(v, w)"], "sources"),
    ("einsum_matmul", {"t": T, "m": P}, ["torch.einsum('ij,jk->ik', t, m)"], "sources"),
    ("einsum_column_sums", {"t": T}, ["torch.einsum('ij->j', t)"], "sources"),
    ("einsum_total", {"t": T}, ["torch.einsum('ij->', t)"], "sources"),
    ("einsum_matrix_vector", {"t": T, "w": W}, ["torch.einsum('ij,j->i', t, w)"], "sources"),
    ("einsum_batched", {"c": C}, ["torch.einsum('bij,bjk->bik', c, c.transpose(1, 2))"], "sources"),
    ("einsum_diagonal", {"q": Q}, ["torch.einsum('ii->i', q)"], "sources"),
    ("einsum_trace", {"q": Q}, ["torch.einsum('ii', q)"], "sources"),
    ("einsum_dot", {"v": V}, ["torch.einsum('i,i->', v, v * 2.0)"], "sources"),
    ("einsum_outer", {"v": V, "w": W}, ["torch.einsum('i,j->ij', v, w)"], "sources"),
    ("einsum_implicit_transpose", {"t": T}, ["torch.einsum('ji', t)"], "sources"),
    ("max_of_a_product", {"t": T, "m": P}, ["(t @ m).max(dim=1).values"], "winners"),
    # Joining and splitting: each element is a copy of one element.
    ("cat_rows", {"t": T, "q": Q}, ["torch.cat([t[:, :3], q])"], "sources"),
    ("cat_columns", {"t": T, "m": P}, ["torch.cat([t.T, m * 2.0], dim=1)"], "sources"),
    ("cat_same_twice", {"v": V}, ["torch.cat([v, v * 3.0, v])"], "sources"),
    ("stack", {"v": V, "w": W}, ["torch.stack([v, w[:3]], dim=1)"], "sources"),
    ("stack_then_sum", {"t": T}, ["torch.stack([t, t * 2.0]).sum(dim=0)"], "sources"),
    ("chunk_piece", {"t": T}, ["t.chunk(2, dim=1)[1]"], "sources"),
    ("split_piece", {"t": T}, ["t.split([1, 2])[1] * 2.0"], "sources"),
    ("split_pieces_added", {"t": T}, ["a, b = t.split(2, dim=1)", "a + b"], "sources"),
    ("max_of_a_cat", {"v": V, "w": W}, ["torch.cat([v, w]).max()"], "winners"),
    # Derivatives that vanish or split on purpose: only the gradients are compared.
    ("amax_ties", {"x": TIES}, ["x.amax(dim=1)"], "grads"),
    ("max_whole_ties", {"x": TIES}, ["x.max()"], "grads"),
    ("max_dim_ties", {"x": TIES}, ["x.max(dim=1).values"], "grads"),
    ("median_ties", {"x": TIES}, ["x.median()"], "grads"),
    ("prod_one_zero", {"z": ZERO}, ["z.prod(dim=1)"], "grads"),
    ("prod_whole_zero", {"z": ZERO}, ["z.prod()"], "grads"),
    ("cumprod_zero", {"z": ZERO}, ["z.cumprod(1)"], "grads"),
    ("std_constant_row", {"z": CONSTANT}, ["z.std(dim=1)"], "grads"),
    ("norm_zero_row", {"z": ZERO_ROW}, ["z.norm(dim=1)"], "grads"),
    ("relu_clamp", {"t": T}, ["t.relu() + t.clamp(-1, 1)"], "grads"),
    ("nan_sum", {"n": NAN}, ["n.sum(dim=1)"], "grads"),
    ("nan_amax", {"n": NAN}, ["n.amax(dim=1)"], "grads"),
    ("nan_times", {"n": NAN}, ["n * n.sum(dim=1, keepdim=True)"], "grads"),
    ("float32_mean", {"f": (T, "float32")}, ["f.mean(dim=0)"], "grads"),
    ("float32_softmax", {"f": (T, "float32")}, ["f.softmax(dim=1)"], "grads"),
    ("empty_sum", {"e": ("[]", "float64")}, ["e.sum()"], "grads"),
    ("sigmoid_tanh_exp", {"t": T}, ["t.sigmoid() * t.tanh() + t.exp() / 10"], "grads"),
    ("divide_and_power", {"t": T, "v": V}, ["(t.T / v) ** 2 + 1 / v"], "grads"),
]


def literal(leaf):
    """A leaf's data and dtype: float64 (with a derivative) unless it says otherwise."""
    return leaf if isinstance(leaf, tuple) else (leaf, "float64")


def program(leaves, lines):
    setup = [
        f"{name} = torch.tensor({literal(leaf)[0]}, dtype=torch.{literal(leaf)[1]})" for name, leaf in leaves.items()
    ]
    return "\n".join(setup + lines)


def literal_dtype(leaf):
    """Whether a leaf is floating (has a derivative)."""
    return literal(leaf)[1] in ("float64", "float32")


def written(value):
    """A derivative as the playground writes it: a number, or "nan", "inf", "-inf"."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def dependencies(leaves, lines):
    """Per output element (row-major), the sorted [leaf, index] pairs with a
    nonzero derivative, and every derivative autograd gives: [leaf, index, grad]."""
    namespace = {"torch": torch}
    tensors = {}
    for name, leaf in leaves.items():
        data, dtype = literal(leaf)
        if not literal_dtype(leaf):
            namespace[name] = torch.tensor(eval(data), dtype=getattr(torch, dtype))
            continue
        tensors[name] = torch.tensor(eval(data), dtype=getattr(torch, dtype), requires_grad=True)
        namespace[name] = tensors[name]
    for line in lines[:-1]:
        exec(line, namespace)
    out = eval(lines[-1], namespace)
    flat = out.reshape(-1)
    elements = []
    derivatives = []
    for i in range(flat.numel()):
        grads = torch.autograd.grad(flat[i], list(tensors.values()), retain_graph=True, allow_unused=True)
        found = []
        every = []
        for name, grad in zip(tensors, grads):
            if grad is None:
                continue
            for index in torch.nonzero(grad).tolist():
                found.append([name, index])
            for k, value in enumerate(grad.reshape(-1).tolist()):
                index = list(numpy.unravel_index(k, tuple(grad.shape))) if grad.dim() else []
                every.append([name, [int(j) for j in index], written(value)])
        found.sort()
        elements.append(found)
        derivatives.append(every)
    return list(out.shape), elements, derivatives


def main():
    cases = []
    for name, leaves, lines, kind in CASES:
        shape, elements, grads = dependencies(leaves, lines)
        differentiable = [n for n, leaf in leaves.items() if literal_dtype(leaf)]
        cases.append(
            {
                "name": name,
                "program": program(leaves, lines),
                "kind": kind,
                "differentiable": differentiable,
                "precision": "float32" if any(literal(leaf)[1] == "float32" for leaf in leaves.values()) else "float64",
                "shape": shape,
                "elements": elements,
                "grads": grads,
            }
        )
    corpus = {"generator": "tests/golden/lineage.py", "torch": torch.__version__, "cases": cases}
    # One case a line: readable diffs without a line per number.
    head = json.dumps({k: v for k, v in corpus.items() if k != "cases"})[:-1]
    rows = ",\n".join(json.dumps(case) for case in corpus["cases"])
    OUT.write_text(f'{head}, "cases": [\n{rows}\n]}}\n')
    print(f"wrote {len(cases)} lineage cases to {OUT}")


if __name__ == "__main__":
    main()
