//! The element a question talks about ("output `[2, 1]`", "`t[1, 2]`"),
//! so that the page can mark it and the learner sees which one is meant.

use super::prose::{Inline, inlines};
use super::{CellChoice, Question, QuestionKind};
use crate::session::Grid;

/// The element `question` asks about: a cells question's output, else the
/// first element its text names, as `output [1]` (the result's) or as a
/// whole `` `t[1, 2]` `` code span (a grid's, by its name).
pub fn asked_element(question: &Question) -> Option<CellChoice> {
    if let QuestionKind::Cells { output } = &question.kind {
        return Some(CellChoice { grid: None, index: output.clone() });
    }
    named_output(&question.prompt.replace('`', "")).or_else(|| named_element(&question.prompt))
}

/// `output [1, 2]` in plain words.
fn named_output(text: &str) -> Option<CellChoice> {
    text.match_indices("output").find_map(|(at, word)| {
        let rest = text[at + word.len()..].trim_start().strip_prefix('[')?;
        let (inside, _) = rest.split_once(']')?;
        Some(CellChoice { grid: None, index: index_list(inside)? })
    })
}

/// A code span that is exactly `name[1, 2]`.
fn named_element(text: &str) -> Option<CellChoice> {
    inlines(text).into_iter().find_map(|piece| {
        let Inline::Code(code) = piece else { return None };
        let (name, rest) = code.split_once('[')?;
        let inside = rest.strip_suffix(']')?;
        let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !is_name {
            return None;
        }
        Some(CellChoice { grid: Some(name.to_string()), index: index_list(inside)? })
    })
}

/// `1, 2` as numbers (at least one, all plain non-negative integers).
fn index_list(text: &str) -> Option<Vec<usize>> {
    if text.trim().is_empty() {
        return None;
    }
    text.split(',').map(|p| p.trim().parse().ok()).collect()
}

impl CellChoice {
    /// The grid among `grids` that holds this element, and the element's
    /// row-major position in it, if the grid is drawn and has it.
    pub fn resolve<'a>(&self, grids: &'a [Grid]) -> Option<(&'a Grid, usize)> {
        let grid = self.grid_in(grids)?;
        let fits =
            self.index.len() == grid.shape().len() && self.index.iter().zip(grid.shape()).all(|(i, n)| i < n);
        fits.then(|| (grid, grid.flat(&self.index)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;

    fn question(kind: QuestionKind, prompt: &str) -> Question {
        Question { kind, prompt: prompt.into(), hint: None, explain: None, wrong: Vec::new(), line: 1 }
    }

    #[test]
    fn a_question_names_its_element_by_output_index_or_by_name() {
        let cells = question(QuestionKind::Cells { output: vec![2, 1] }, "Which feed output `[0, 0]`?");
        assert_eq!(asked_element(&cells), Some(CellChoice { grid: None, index: vec![2, 1] }));
        let print = question(QuestionKind::Print, "What is output `[1]` of `t.sum(dim=0)`?");
        assert_eq!(asked_element(&print), Some(CellChoice { grid: None, index: vec![1] }));
        let plain = question(QuestionKind::Print, "What does output [2, 0] print?");
        assert_eq!(asked_element(&plain), Some(CellChoice { grid: None, index: vec![2, 0] }));
        let named = question(QuestionKind::Shape, "Where does `t[1, 2]` go in `t.sum(dim=0)`?");
        assert_eq!(asked_element(&named), Some(CellChoice { grid: Some("t".into()), index: vec![1, 2] }));
        // An expression is not an element, nor is a slice.
        for prompt in
            ["What does `t[1].sum()` print?", "What is `t[:, 1]`?", "What is `t.sum()`?", "the outputs"]
        {
            assert_eq!(asked_element(&question(QuestionKind::Print, prompt)), None, "{prompt}");
        }
    }

    #[test]
    fn an_element_resolves_only_in_a_grid_that_has_it() {
        let s = Session::new("t = torch.ones(2, 3)\nt.sum(dim=0)\n");
        let grids = s.grids();
        let result = CellChoice { grid: None, index: vec![2] };
        assert_eq!(result.resolve(grids).map(|(g, f)| (g.name.as_str(), f)), Some(("t.sum(dim=0)", 2)));
        let t = CellChoice { grid: Some("t".into()), index: vec![1, 2] };
        assert_eq!(t.resolve(grids).map(|(g, f)| (g.name.as_str(), f)), Some(("t", 5)));
        for outside in [vec![3], vec![0, 0]] {
            assert!(CellChoice { grid: None, index: outside }.resolve(grids).is_none());
        }
        assert!(CellChoice { grid: Some("u".into()), index: vec![0, 0] }.resolve(grids).is_none());
    }
}
