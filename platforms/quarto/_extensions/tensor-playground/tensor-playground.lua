-- Quarto shortcode: {{< tensor-playground code="t = torch.ones(2, 3)\nt.sum(dim=0)" >}}
-- shows a Tensor Playground in HTML output. Options are the element's
-- attributes (lesson, lesson-url, step, steps, panels, readonly, theme,
-- accent); `src` (or `tensor-playground-src` in the document's metadata)
-- is the folder of the published playground (make dist). In `code`, `\n`
-- starts a new line. Other formats get the program as a code block.

local OPTIONS = { "code", "lesson", "lesson-url", "step", "steps", "panels", "readonly", "theme", "accent" }

local function escape(text)
  return (text:gsub("&", "&amp;"):gsub('"', "&quot;"):gsub("<", "&lt;"):gsub(">", "&gt;"))
end

local function program(kwargs)
  return (pandoc.utils.stringify(kwargs["code"] or ""):gsub("\\n", "\n"))
end

return {
  ["tensor-playground"] = function(args, kwargs, meta)
    if not quarto.doc.is_format("html") then
      return pandoc.CodeBlock(program(kwargs), { class = "python" })
    end
    local src = pandoc.utils.stringify(kwargs["src"] or meta["tensor-playground-src"] or "playground/")
    if src:sub(-1) ~= "/" then src = src .. "/" end
    quarto.doc.include_text("in-header",
      '<script type="module" src="' .. escape(src) .. 'tensor-playground.js"></script>')
    local attributes = {}
    for _, name in ipairs(OPTIONS) do
      local value = kwargs[name]
      if value ~= nil and pandoc.utils.stringify(value) ~= "" then
        local text = name == "code" and program(kwargs) or pandoc.utils.stringify(value)
        table.insert(attributes, " " .. name .. '="' .. escape(text):gsub("\n", "&#10;") .. '"')
      end
    end
    return pandoc.RawBlock("html", "<tensor-playground" .. table.concat(attributes) .. "></tensor-playground>")
  end,
}
