# A marimo notebook with a Tensor Playground: `marimo edit marimo_notebook.py`
# (or `marimo run`). The platform test serves it with `marimo run`.
import marimo

app = marimo.App()


@app.cell
def _():
    import marimo as mo
    from tensor_playground import Playground

    playground = mo.ui.anywidget(Playground(code="t = torch.tensor([[1., 2., 3.], [4., 5., 6.]])\nt.sum(dim=0)"))
    playground
    return mo, playground


@app.cell
def _(mo, playground):
    # The learner's program, as it changes.
    mo.md(f"The program has {len(playground.value['code'].splitlines())} lines.")
    return


if __name__ == "__main__":
    app.run()
