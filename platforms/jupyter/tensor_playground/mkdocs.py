"""The custom fence of MkDocs Material (pymdownx.superfences): a fenced
block marked `tensor-playground` becomes a playground showing its program.

    markdown_extensions:
      - pymdownx.superfences:
          custom_fences:
            - name: tensor-playground
              class: tensor-playground
              format: !!python/name:tensor_playground.mkdocs.fence
"""

import html

# Options a fence may give after its name: ```tensor-playground readonly panels="editor,output"
OPTIONS = ("lesson", "lesson-url", "step", "steps", "panels", "readonly", "theme", "accent")


def element(code, attributes=None):
    """The `<tensor-playground>` element showing `code` (its text content)."""
    attrs = "".join(
        f' {name}="{html.escape(str(value), quote=True)}"' if value is not True else f" {name}"
        for name, value in (attributes or {}).items()
    )
    return f"<tensor-playground{attrs}>{html.escape(code)}</tensor-playground>"


def validator(language, inputs, options, attrs, md):
    """Keeps the fence's known options (`readonly`, `panels="editor,output"`, ...)."""
    for name, value in inputs.items():
        if name not in OPTIONS:
            return False
        options[name] = True if value == "" and name == "readonly" else value
    return True


def fence(source, language, css_class, options, md, **kwargs):
    """Formats one fenced block as a playground."""
    return element(source, options)
