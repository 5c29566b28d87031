"""Tensor Playground in notebooks and documentation sites.

    from tensor_playground import Playground
    Playground(code="t = torch.ones(2, 3)\\nt.sum(dim=0)")

shows the playground in a notebook cell (JupyterLab, Notebook, VS Code,
marimo) through anywidget, built from the same ES module as the site
(`tensor-playground.js`). `tensor_playground.mkdocs.fence` is the custom
fence for MkDocs Material.
"""

__all__ = ["Playground"]


def __getattr__(name):
    # Imported on first use, so that MkDocs can use the fence without
    # anywidget and the notebook machinery installed.
    if name == "Playground":
        from .widget import Playground

        return Playground
    raise AttributeError(name)
