"""Writes tests/golden/lineage.json: which leaf elements each element of a
program's last expression depends on, according to PyTorch's autograd.

For every output element, the leaf elements with a nonzero derivative are
the ones it was computed from (the leaves hold distinct values away from
zero, and the programs avoid ties and flat spots, so no derivative is zero
by accident). For a program that ends in a selection (max, min, amax,
amin) of a smooth expression, they are the elements the selection picked
through: its winners. tests/lineage_golden.rs checks the playground's
lineage (the same report as `tensor-playground lineage`) against them.

    /work/cache/torch-venv/bin/python tests/golden/lineage.py
"""

import json
import pathlib

import os

# The same kernels as the value goldens (generate.py).
os.environ.setdefault("ATEN_CPU_CAPABILITY", "avx2")

import torch  # noqa: E402 - after choosing the kernels

OUT = pathlib.Path(__file__).with_name("lineage.json")

# Leaves: distinct values, none zero, no two equal, so that a selection has
# one winner and no derivative vanishes by accident.
T = "[[1.5, -2.25, 3.0, 0.8], [-0.5, 2.5, -1.25, 4.0], [3.5, 0.25, -3.0, 1.75]]"
C = "[[[1.5, -2.0], [0.5, 2.5], [-1.0, 3.5]], [[2.0, -0.75], [-1.5, 0.25], [4.0, -2.5]]]"
V = "[0.5, -1.5, 2.5]"

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
]


def program(leaves, lines):
    setup = [f"{name} = torch.tensor({data}, dtype=torch.float64)" for name, data in leaves.items()]
    return "\n".join(setup + lines)


def dependencies(leaves, lines):
    """Per output element (row-major), the sorted [leaf, index] pairs with a nonzero derivative."""
    namespace = {"torch": torch}
    tensors = {}
    for name, data in leaves.items():
        tensors[name] = torch.tensor(eval(data), dtype=torch.float64, requires_grad=True)
        namespace[name] = tensors[name]
    for line in lines[:-1]:
        exec(line, namespace)
    out = eval(lines[-1], namespace)
    flat = out.reshape(-1)
    elements = []
    for i in range(flat.numel()):
        grads = torch.autograd.grad(flat[i], list(tensors.values()), retain_graph=True, allow_unused=True)
        found = []
        for name, grad in zip(tensors, grads):
            if grad is None:
                continue
            for index in torch.nonzero(grad).tolist():
                found.append([name, index])
        found.sort()
        elements.append(found)
    return list(out.shape), elements


def main():
    cases = []
    for name, leaves, lines, kind in CASES:
        shape, elements = dependencies(leaves, lines)
        cases.append({"name": name, "program": program(leaves, lines), "kind": kind, "shape": shape, "elements": elements})
    corpus = {"generator": "tests/golden/lineage.py", "torch": torch.__version__, "cases": cases}
    OUT.write_text(json.dumps(corpus, indent=1) + "\n")
    print(f"wrote {len(cases)} lineage cases to {OUT}")


if __name__ == "__main__":
    main()
