//! The reference of what is supported, derived from the declarations: as
//! data for the page, as text for `tensor-playground ops`, and as the
//! README's table (a test keeps the README's copy current).

use super::{Method, Op};

/// The parts of the reference, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `torch.tensor`, `torch.zeros`, ...
    Creating,
    /// `.float()`, `.to(dtype)`, ...
    Dtypes,
    /// `sum`, `max`, ...
    Reductions,
    /// `cumsum`, `softmax`, ...
    AlongDim,
    /// `abs`, ...
    Elementwise,
    /// `t[idx]`, `torch.where`, `gather`, ...
    Selecting,
    /// `sort`, `topk`, ...
    Sorting,
    /// `matmul`, `@`, `einsum`, ...
    Products,
    /// `cat`, `stack`, `chunk`, `split`.
    Joining,
    /// `reshape`, `transpose`, `size`, ...
    Shape,
    /// `item`, `tolist`, `numpy`.
    NumbersOut,
    /// `backward`, `requires_grad_`, `detach`, ...
    Gradients,
}

impl Section {
    /// Every section, in the reference's order.
    pub const ALL: [Section; 12] = [
        Section::Creating,
        Section::Dtypes,
        Section::Reductions,
        Section::AlongDim,
        Section::Elementwise,
        Section::Selecting,
        Section::Sorting,
        Section::Products,
        Section::Joining,
        Section::Shape,
        Section::NumbersOut,
        Section::Gradients,
    ];

    /// The section's heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::Creating => "creating tensors",
            Section::Dtypes => "dtypes",
            Section::Reductions => "reductions",
            Section::AlongDim => "along a dim",
            Section::Elementwise => "element-wise functions",
            Section::Selecting => "indexing and selecting",
            Section::Sorting => "sorting and ranking",
            Section::Products => "products",
            Section::Joining => "joining and splitting",
            Section::Shape => "shape",
            Section::NumbersOut => "getting numbers out",
            Section::Gradients => "gradients",
        }
    }
}

/// One operation in the reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// PyTorch's name.
    pub name: &'static str,
    /// How a program writes it: `t.sum(...)`, `torch.sum(t, ...)`, `F.softmax(t, ...)`.
    pub forms: Vec<String>,
    /// PyTorch's overloads, as declared (the hidden ones left out).
    pub signatures: Vec<&'static str>,
    /// What it does.
    pub summary: &'static str,
}

/// What the playground supports, section by section, each in declaration
/// order (after what Python's syntax writes, such as `t[idx]`).
pub fn reference() -> Vec<(Section, Vec<Entry>)> {
    Section::ALL
        .iter()
        .map(|&section| {
            let mut entries = syntax(section);
            entries.extend(Op::ALL.iter().filter(|op| op.decl().section == section).map(|&op| entry(op)));
            (section, entries)
        })
        .collect()
}

/// The operations a program writes with Python's syntax, not by a name.
fn syntax(section: Section) -> Vec<Entry> {
    let forms = |f: &[&str]| f.iter().map(|s| s.to_string()).collect();
    match section {
        Section::Selecting => vec![Entry {
            name: "t[...]",
            forms: forms(&["t[1, 2]", "t[:, 1:3]", "t[idx]", "t[[0, 2]]", "t[:, [2, 0]]", "t[t > 0]"]),
            signatures: Vec::new(),
            summary: "indexing: ints and slices give a view; integer tensors or lists pick elements, bool masks the ones where the mask is true",
        }],
        _ => Vec::new(),
    }
}

fn entry(op: Op) -> Entry {
    let d = op.decl();
    let args = |first: &str| {
        // Whether the op takes arguments besides the tensor.
        let more = d.signatures.iter().any(|s| !s.contains("()")) || d.signatures.is_empty();
        match (first.is_empty(), more) {
            (true, true) => "...".to_string(),
            (true, false) => String::new(),
            (false, true) => format!("{first}, ..."),
            (false, false) => first.to_string(),
        }
    };
    let mut forms = Vec::new();
    for name in std::iter::once(&d.name).chain(d.spellings.aliases) {
        if d.spellings.method != Method::No {
            forms.push(format!("t.{name}({})", args("")));
        }
        if d.spellings.torch {
            // A function with arguments of its own does not take the tensor first.
            let own = matches!(d.kernel, super::Kernel::Function { .. });
            let first = if d.spellings.method == Method::No || own { "" } else { "t" };
            forms.push(format!("torch.{name}({})", args(first)));
        }
    }
    if d.spellings.functional.is_some() {
        forms.push(format!("F.{}({})", d.name, args("t")));
    }
    let signatures =
        d.signatures.iter().filter(|s| !s.ends_with("|hidden")).map(|s| s.trim_end_matches("|out")).collect();
    Entry { name: d.name, forms, signatures, summary: d.summary }
}

/// The reference as the README's Markdown table.
pub fn reference_markdown() -> String {
    let mut out =
        String::from("| area | operation | written as | what it gives |\n| --- | --- | --- | --- |\n");
    for (section, entries) in reference() {
        for (i, e) in entries.iter().enumerate() {
            let area = if i == 0 { section.title() } else { "" };
            let forms: Vec<String> = e.forms.iter().map(|f| format!("`{f}`")).collect();
            out.push_str(&format!("| {area} | `{}` | {} | {} |\n", e.name, forms.join(", "), e.summary));
        }
    }
    out
}

/// The reference as plain text, for the command line.
pub fn reference_text() -> String {
    let mut out = String::new();
    for (section, entries) in reference() {
        out.push_str(&format!("{}:\n", section.title()));
        for e in entries {
            out.push_str(&format!("  {:<15} {}\n", e.name, e.summary.replace('`', "")));
            out.push_str(&format!("  {:<15} {}\n", "", e.forms.join("  ")));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_op_is_in_the_reference_once() {
        // Every entry but those of Python's syntax (`t[...]`) is an op.
        let listed: Vec<&str> = reference()
            .into_iter()
            .flat_map(|(section, e)| e.into_iter().filter(move |e| !syntax(section).contains(e)))
            .map(|e| e.name)
            .collect();
        assert_eq!(listed.len(), Op::ALL.len());
        let sum = reference().into_iter().flat_map(|(_, e)| e).find(|e| e.name == "sum").unwrap();
        assert_eq!(sum.forms, ["t.sum(...)", "torch.sum(t, ...)"]);
        let tensor = reference().into_iter().flat_map(|(_, e)| e).find(|e| e.name == "tensor").unwrap();
        assert_eq!(tensor.forms, ["torch.tensor(...)"]);
        let numel = reference().into_iter().flat_map(|(_, e)| e).find(|e| e.name == "numel").unwrap();
        assert_eq!(numel.forms, ["t.numel()", "torch.numel(t)"]);
        let clamp = reference().into_iter().flat_map(|(_, e)| e).find(|e| e.name == "clamp").unwrap();
        assert_eq!(clamp.forms, ["t.clamp(...)", "torch.clamp(t, ...)", "t.clip(...)", "torch.clip(t, ...)"]);
    }
}
