//! Checking a learner's answer: against the program's own results (its
//! shape, its printed output, its lineage), never against a copy.

use crate::session::{GridRole, Session};
use crate::tensor::lineage::{Marks, NodeId, Step};

/// Whether an answer is right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Right.
    Correct,
    /// Not right (the learner may try again or reveal the answer).
    Wrong,
    /// Neither: the learner asked to be shown the answer.
    Shown,
}

/// The verdict and what to tell the learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// Right or wrong.
    pub verdict: Verdict,
    /// What was right and what was wrong, in words.
    pub message: String,
}

impl Feedback {
    fn correct(message: impl Into<String>) -> Feedback {
        Feedback { verdict: Verdict::Correct, message: message.into() }
    }

    fn wrong(message: impl Into<String>, hint: Option<&str>) -> Feedback {
        let mut m: String = message.into();
        if let Some(h) = hint {
            m.push(' ');
            m.push_str(h);
        }
        Feedback { verdict: Verdict::Wrong, message: m }
    }
}

/// The expected shape of the step's result, and its `torch.Size` text.
pub fn expected_shape(session: &Session) -> Option<Vec<usize>> {
    let focus = session.run().focus.as_ref()?;
    focus.traced.as_ref().map(|(_, shape)| shape.dims().to_vec())
}

/// The expected shape as `torch.Size` writes it, or an empty string.
pub fn expected_shape_text(session: &Session) -> String {
    expected_shape(session).map(|d| format_size(&d)).unwrap_or_default()
}

/// "What is the shape of this result?": `torch.Size([4])`, `(4,)`, `[4]` and `4` all count.
pub fn check_shape(session: &Session, typed: &str, hint: Option<&str>) -> Feedback {
    let Some(expected) = expected_shape(session) else {
        return Feedback::wrong("This step has no tensor result to measure.", None);
    };
    let text = typed.trim();
    let inner = text.strip_prefix("torch.Size(").and_then(|t| t.strip_suffix(')')).unwrap_or(text);
    let well_formed = inner.chars().all(|c| c.is_ascii_digit() || " ,()[]".contains(c));
    if !well_formed {
        return Feedback::wrong(
            format!("Write a shape like torch.Size([4]) or (4,); `{text}` is not one."),
            None,
        );
    }
    let given: Vec<usize> = inner
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    let size = format_size(&expected);
    if given == expected {
        Feedback::correct(format!("Right: the result's shape is {size}."))
    } else {
        Feedback::wrong(format!("Not {}.", format_size(&given)), hint)
    }
}

/// "What does this print?": the last expression's exact output. Spacing
/// does not count against the learner, but the feedback shows PyTorch's.
pub fn check_print(session: &Session, typed: &str, hint: Option<&str>) -> Feedback {
    let Some(focus) = session.run().focus.as_ref() else {
        return Feedback::wrong("This step prints nothing to compare with.", None);
    };
    let Some(expected) = focus.repr.clone() else {
        return Feedback::wrong("This step prints too much to type.", None);
    };
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if typed.trim() == expected {
        Feedback::correct("Right, exactly as PyTorch prints it.")
    } else if squash(typed) == squash(&expected) {
        Feedback::correct(format!("Right. PyTorch lines the values up like this: {expected}"))
    } else {
        Feedback::wrong("That is not what this prints.", hint)
    }
}

/// "Click the elements that feed this output": the picked input cells are
/// compared with the output element's sources in the input grids.
pub fn check_cells(session: &Session, output: &[usize], picked: &Marks, hint: Option<&str>) -> Feedback {
    let grids = session.grids();
    let Some(result) = grids.iter().find(|g| g.role == GridRole::Result) else {
        return Feedback::wrong("This step has no result to trace.", None);
    };
    let inputs: Vec<NodeId> = grids.iter().filter(|g| g.role == GridRole::Input).map(|g| g.node).collect();
    let flat = result.flat(output);
    let mut expected = session.run().graph.trace(result.node, flat).sources;
    expected.retain_nodes(|n| inputs.contains(&n));
    let name = |(node, flat): (NodeId, usize)| session.cell_name(node, flat);
    let extra: Vec<String> = picked.difference(&expected).map(name).collect();
    let missing: Vec<String> = expected.difference(picked).map(name).collect();
    let output_name =
        format!("output [{}]", output.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", "));
    if extra.is_empty() && missing.is_empty() {
        let all: Vec<String> = expected.cells().map(name).collect();
        return Feedback::correct(format!("Right: {output_name} is computed from {}.", all.join(", ")));
    }
    let mut parts = Vec::new();
    if !extra.is_empty() {
        parts.push(format!(
            "you picked {}, which {} not feed {output_name}",
            extra.join(", "),
            if extra.len() == 1 { "does" } else { "do" }
        ));
    }
    if !missing.is_empty() {
        let n = missing.len();
        parts.push(format!(
            "{n} element{} that {} it {} not picked",
            if n == 1 { "" } else { "s" },
            if n == 1 { "feeds" } else { "feed" },
            if n == 1 { "is" } else { "are" }
        ));
    }
    let mut message = parts.join("; ");
    if let Some(first) = message.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    message.push('.');
    Feedback::wrong(message, hint)
}

/// A multiple-choice answer: every right option and no wrong one
/// (`picked` holds option positions, each once, in any order).
pub fn check_choice(options: &[(String, bool)], picked: &[usize], hint: Option<&str>) -> Feedback {
    let is_right = |i: usize| options.get(i).is_some_and(|(_, r)| *r);
    let right = options.iter().filter(|(_, r)| *r).count();
    if picked.iter().all(|&i| is_right(i)) && picked.len() == right {
        return Feedback::correct("Right.");
    }
    let wrong: Vec<&str> = picked
        .iter()
        .filter(|&&i| !is_right(i))
        .filter_map(|&i| options.get(i))
        .map(|(o, _)| o.as_str())
        .collect();
    if wrong.is_empty() {
        Feedback::wrong("Part of it: something right is still missing.", hint)
    } else {
        Feedback::wrong(format!("Not “{}”.", wrong.join("”, “")), hint)
    }
}

fn format_size(dims: &[usize]) -> String {
    format!("torch.Size([{}])", dims.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "))
}

impl Session {
    /// An element as the learner writes it: `t[1, 0]`.
    pub fn cell_name(&self, node: NodeId, flat: usize) -> String {
        let n = self.run().graph.node(node);
        let index = n.shape.unravel(flat);
        if index.is_empty() {
            return n.label.clone();
        }
        let joined = index.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
        match n.step {
            Step::Leaf => format!("{}[{joined}]", n.label),
            _ => format!("({})[{joined}]", n.label),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "t = torch.tensor([[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]], dtype=torch.float32)\n";

    #[test]
    fn shapes_may_be_written_several_ways() {
        let s = Session::new(&format!("{T}t.sum(dim=0)"));
        for typed in ["torch.Size([4])", "(4,)", "4", "[4]", " 4, "] {
            assert_eq!(check_shape(&s, typed, None).verdict, Verdict::Correct, "{typed}");
        }
        let f = check_shape(&s, "(3,)", Some("The dim you name disappears."));
        assert_eq!(f.message, "Not torch.Size([3]). The dim you name disappears.");
        assert_eq!(check_shape(&s, "four", None).verdict, Verdict::Wrong);
        let scalar = Session::new(&format!("{T}t.sum()"));
        assert_eq!(check_shape(&scalar, "torch.Size([])", None).verdict, Verdict::Correct);
        assert_eq!(check_shape(&scalar, "()", None).verdict, Verdict::Correct);
    }

    #[test]
    fn printed_output_is_compared_exactly_but_spacing_is_forgiven() {
        let s = Session::new(&format!("{T}t.sum(dim=1)"));
        assert_eq!(check_print(&s, "tensor([ 4.,  8., 12.])", None).verdict, Verdict::Correct);
        let f = check_print(&s, "tensor([4., 8., 12.])", None);
        assert_eq!(f.verdict, Verdict::Correct);
        assert!(f.message.contains("tensor([ 4.,  8., 12.])"));
        assert_eq!(check_print(&s, "tensor([4, 8, 12])", None).verdict, Verdict::Wrong);
    }

    #[test]
    fn picked_cells_are_checked_against_lineage() {
        let s = Session::new(&format!("{T}t.sum(dim=0)"));
        let t = s.grids()[0].node;
        let column: Marks = [(t, 1), (t, 5), (t, 9)].into_iter().collect();
        assert_eq!(check_cells(&s, &[1], &column, None).verdict, Verdict::Correct);
        let row: Marks = [(t, 0), (t, 1), (t, 2), (t, 3)].into_iter().collect();
        let f = check_cells(&s, &[1], &row, Some("dim=0 combines the elements down each column."));
        assert_eq!(
            f.message,
            "You picked t[0, 0], t[0, 2], t[0, 3], which do not feed output [1]; 2 elements that feed it are not picked. \
             dim=0 combines the elements down each column."
        );
    }

    #[test]
    fn choices_need_every_right_option() {
        let options = vec![("dim 0".to_string(), true), ("dim 1".to_string(), false)];
        assert_eq!(check_choice(&options, &[0], None).verdict, Verdict::Correct);
        assert_eq!(check_choice(&options, &[1], None).message, "Not “dim 1”.");
        assert_eq!(check_choice(&options, &[1, 0], None).message, "Not “dim 1”.");
        assert_eq!(check_choice(&options, &[], None).verdict, Verdict::Wrong);
    }
}
