"""The notebook widget: an anywidget whose front end is the playground's
own module (its default export is an anywidget module)."""

import os

import anywidget
import traitlets

from . import server

# A module loader, so that the playground's files are loaded from where
# they are served (`src`), not from wherever the notebook put this code.
_LOADER = """
export default {
  async render(context) {
    const src = context.model.get('src');
    const playground = await import(new URL('tensor-playground.js', src).href);
    return playground.default.render(context);
  },
};
"""


class Playground(anywidget.AnyWidget):
    """A Tensor Playground in a notebook cell.

    Options are those of `mount()` in Python's spelling: `code`, `lesson`,
    `lesson_url`, `step`, `steps`, `panels` ("editor,output" or a list),
    `readonly`, `theme` and `accent`. `code` and `step` follow the
    learner; `answers` collects every answer message (with its xAPI
    statement). `src` is the folder the playground's files are served
    from: by default the copy inside this package, served on this machine
    (`TENSOR_PLAYGROUND_SRC` or `src=` point elsewhere, e.g. a published
    site, where the notebook's browser cannot reach this machine: Colab,
    a remote JupyterHub).
    """

    _esm = _LOADER

    src = traitlets.Unicode("").tag(sync=True)
    code = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    lesson = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    lesson_url = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    step = traitlets.Int(None, allow_none=True).tag(sync=True)
    steps = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    panels = traitlets.Union(
        [traitlets.Unicode(), traitlets.List(traitlets.Unicode())], default_value=None, allow_none=True
    ).tag(sync=True)
    readonly = traitlets.Bool(None, allow_none=True).tag(sync=True)
    theme = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    accent = traitlets.Unicode(None, allow_none=True).tag(sync=True)

    def __init__(self, **options):
        options.setdefault("src", os.environ.get("TENSOR_PLAYGROUND_SRC") or server.bundled_url())
        if not options["src"].endswith("/"):
            options["src"] += "/"
        super().__init__(**options)
        self.answers = []
        self.on_msg(self._received)

    def _received(self, widget, content, buffers):
        if isinstance(content, dict) and content.get("type") == "tensor-playground:answer":
            self.answers.append(content)
