//! Lessons: hand-written files of small steps, each an explanation and a
//! program, optionally with a cell to point at, an animation to offer and a
//! question to answer (format: `docs/lessons.md`).

mod answer;
mod asked;
mod check;
pub mod listing;
mod mistakes;
mod parse;
mod printed;
pub mod prose;
#[cfg(test)]
mod shipped;
mod walkthrough;

pub use answer::{Answer, Feedback, Verdict, check_answer, expected_shape, revealed_answer};
pub use asked::asked_element;
pub use check::{LessonProblem, check_lesson};
pub use parse::{Outline, ParseError, parse_lesson, parse_outline};
pub use walkthrough::{Frame, walkthrough};

use crate::session::{Grid, GridRole};

/// A whole lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    /// Its id, used in links: `#lesson=<id>&step=<n>`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// One line saying what it teaches.
    pub summary: String,
    /// Its steps, in order.
    pub steps: Vec<Step>,
}

/// One step: a title, prose, and a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The step's title.
    pub title: String,
    /// Its explanation, in the Markdown subset of `docs/lessons.md`.
    pub prose: String,
    /// The program the playground runs for it.
    pub program: String,
    /// The cell that starts active (pinned), if any.
    pub active: Option<CellChoice>,
    /// Whether the step offers the reduction walk-through.
    pub animate: bool,
    /// Whether the program is meant to fail (to show an error).
    pub shows_error: bool,
    /// The question to answer, if any.
    pub question: Option<Question>,
    /// The line in the file where the step starts (1-based).
    pub line: usize,
}

/// A cell of one of the step's grids: the result (the default) or a grid by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellChoice {
    /// The grid's name (`data-name`); `None` means the result.
    pub grid: Option<String>,
    /// The element's index.
    pub index: Vec<usize>,
}

impl CellChoice {
    /// The grid among `grids` that this cell is in, if the step draws it.
    pub fn grid_in<'a>(&self, grids: &'a [Grid]) -> Option<&'a Grid> {
        match &self.grid {
            None => grids.iter().find(|g| g.role == GridRole::Result),
            Some(name) => grids.iter().find(|g| &g.name == name),
        }
    }
}

/// A predict-then-check question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// What is asked.
    pub kind: QuestionKind,
    /// The question's text.
    pub prompt: String,
    /// Shown after a wrong answer.
    pub hint: Option<String>,
    /// Shown once the question is answered rightly or its answer shown:
    /// why the answer is what it is (prose must not say it before).
    pub explain: Option<String>,
    /// Wrong answers the author foresaw, each with what it gets wrong
    /// (`@wrong`; for `print` and `shape` questions).
    pub wrong: Vec<WrongAnswer>,
    /// The line in the file where the question starts.
    pub line: usize,
}

/// A wrong answer the author foresaw (`@wrong `answer`: why`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongAnswer {
    /// The answer, as a learner would type it.
    pub answer: String,
    /// What it gets wrong.
    pub why: String,
    /// Its line in the file.
    pub line: usize,
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceOption {
    /// Its text.
    pub text: String,
    /// Whether it is right.
    pub right: bool,
    /// For a wrong option, why it is wrong (`@why` under it): shown when picked.
    pub why: Option<String>,
}

/// The kinds of question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionKind {
    /// Click the elements that feed this output element; the answer comes from lineage.
    Cells {
        /// The element of the result whose sources are the answer.
        output: Vec<usize>,
    },
    /// The result's shape (`torch.Size([4])`, `(4,)` and `4` are all accepted).
    Shape,
    /// What the last line prints, compared with the exact output.
    Print,
    /// Pick the right options.
    Choice {
        /// The options, in order.
        options: Vec<ChoiceOption>,
    },
}

/// The lesson after `id` in the lesson list (`lessons/index.txt`'s text).
pub fn next_lesson<'a>(index: &'a str, id: &str) -> Option<&'a str> {
    let mut listed = crate::session::embed::listed_lessons(index);
    listed.by_ref().find(|l| *l == id)?;
    listed.next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_lesson_is_the_next_one_listed() {
        let index = "reductions\n\n keepdim \nbad id\nviews\n";
        assert_eq!(next_lesson(index, "reductions"), Some("keepdim"));
        assert_eq!(next_lesson(index, "keepdim"), Some("views"));
        assert_eq!(next_lesson(index, "views"), None);
        assert_eq!(next_lesson(index, "nope"), None);
    }
}
