//! `tensor-playground lesson check`: every step runs as its author meant,
//! and every question can be answered.

use super::{Lesson, QuestionKind};
use crate::session::{GridRole, Session};
use std::fmt;

/// A problem found in a lesson, with its line and step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonProblem {
    /// 1-based line in the lesson file.
    pub line: usize,
    /// 1-based step number.
    pub step: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LessonProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: step {}: {}", self.line, self.step, self.message)
    }
}

/// Runs every step of `lesson` and checks its directives and question.
pub fn check_lesson(lesson: &Lesson) -> Vec<LessonProblem> {
    let mut problems = Vec::new();
    for (i, step) in lesson.steps.iter().enumerate() {
        let number = i + 1;
        let mut problem =
            |line: usize, message: String| problems.push(LessonProblem { line, step: number, message });
        let session = Session::new(&step.program);
        let error = session.run().error.as_ref().map(|e| e.to_string());
        match (&error, step.shows_error) {
            (Some(e), false) => {
                problem(step.line, format!("the program fails: {e} (add `@error` if that is the point)"))
            }
            (None, true) => {
                problem(step.line, "the step is marked `@error` but its program runs without one".into())
            }
            _ => {}
        }
        let grids = session.grids();
        if let Some(active) = &step.active {
            match active.grid_in(grids) {
                None => problem(
                    step.line,
                    format!("`@active` names a grid the step does not draw: {:?}", active.grid),
                ),
                Some(g) if !fits(&active.index, g.shape()) => problem(
                    step.line,
                    format!(
                        "`@active` index {:?} is outside {} of shape {:?}",
                        active.index,
                        g.name,
                        g.shape()
                    ),
                ),
                Some(_) => {}
            }
        }
        if step.animate && !grids.iter().any(|g| g.role == GridRole::Result) {
            problem(step.line, "`@animate` needs a tensor result to walk through".into());
        }
        let Some(question) = &step.question else { continue };
        let result = grids.iter().find(|g| g.role == GridRole::Result);
        let active_on_result =
            step.active.as_ref().and_then(|a| a.grid_in(grids)).is_some_and(|g| g.role == GridRole::Result);
        match &question.kind {
            QuestionKind::Cells { output } => match result {
                None => problem(question.line, "a cells question needs a tensor result".into()),
                Some(g) if !fits(output, g.shape()) => problem(
                    question.line,
                    format!("`@answer` {output:?} is outside the result's shape {:?}", g.shape()),
                ),
                Some(g) => {
                    let trace = session.run().graph.trace(g.node, g.flat(output));
                    let inputs = grids
                        .iter()
                        .filter(|i| i.role == GridRole::Input)
                        .any(|i| trace.sources.get(i.node).is_some());
                    if !inputs {
                        problem(question.line, "the chosen output has no input elements to click".into());
                    }
                }
            },
            QuestionKind::Shape if super::answer::expected_shape(&session).is_none() => {
                problem(question.line, "a shape question needs a tensor result".into());
            }
            QuestionKind::Shape if active_on_result => problem(
                question.line,
                "a shape question's result is not drawn until it is answered, so `@active` cannot pin it \
                 (pin a cell of another grid: `@active 0,1 in t`)"
                    .into(),
            ),
            QuestionKind::Print if session.run().focus.is_none() => {
                problem(question.line, "a print question needs the program to end with an expression".into());
            }
            _ => {}
        }
        // The element the question names must be one the learner can see.
        if !matches!(question.kind, QuestionKind::Cells { .. })
            && let Some(asked) = super::asked_element(question)
        {
            let withheld = matches!(question.kind, QuestionKind::Shape) && asked.grid.is_none();
            if withheld || asked.resolve(grids).is_none() {
                let place = asked.grid.as_deref().unwrap_or("output");
                problem(
                    question.line,
                    format!(
                        "the question names {place} {:?}, which the step does not draw{}",
                        asked.index,
                        if withheld { " while a shape question is open" } else { "" }
                    ),
                );
            }
        }
        // A foreseen wrong answer must be wrong, or the learner who types
        // the right one is told it is not.
        for wrong in &question.wrong {
            let right = match question.kind {
                QuestionKind::Shape => {
                    let given = super::answer::read_shape(&wrong.answer);
                    if given.is_none() {
                        problem(wrong.line, format!("`@wrong` `{}` is not written as a shape", wrong.answer));
                    }
                    given.is_some() && given == super::answer::expected_shape(&session)
                }
                _ => {
                    session.run().focus.as_ref().and_then(|f| f.repr.as_deref()).is_some_and(|repr| {
                        super::answer::squash(repr) == super::answer::squash(&wrong.answer)
                    })
                }
            };
            if right {
                problem(wrong.line, format!("`@wrong` `{}` is the right answer", wrong.answer));
            }
        }
    }
    problems
}

/// Whether `index` is a valid index into `shape`.
fn fits(index: &[usize], shape: &[usize]) -> bool {
    index.len() == shape.len() && index.iter().zip(shape).all(|(i, d)| i < d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::parse_lesson;

    fn problems(text: &str) -> Vec<String> {
        check_lesson(&parse_lesson(text).unwrap()).iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn a_failing_program_is_reported_unless_it_is_the_point() {
        let lesson = "# L\nid: l\n\n## Out of range\n\n```python\ntorch.zeros(2, 3).sum(dim=2)\n```\n";
        assert_eq!(
            problems(lesson),
            vec![
                "line 4: step 1: the program fails: IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 2) (add `@error` if that is the point)"
            ]
        );
        assert!(problems(&format!("{lesson}@error\n")).is_empty());
    }

    #[test]
    fn questions_must_be_answerable() {
        let lesson = "# L\nid: l\n\n## Sum\n\n```python\nt = torch.ones(2, 3)\nt.sum(dim=0)\n```\n\n@question cells: Which?\n@answer 5\n";
        assert_eq!(
            problems(lesson),
            vec!["line 11: step 1: `@answer` [5] is outside the result's shape [3]"]
        );
        let lesson =
            "# L\nid: l\n\n## N\n\n```python\nt = torch.ones(2, 3)\nt.numel()\n```\n\n@question shape: ?\n";
        assert_eq!(problems(lesson), vec!["line 11: step 1: a shape question needs a tensor result"]);
    }

    #[test]
    fn a_shape_question_pins_no_cell_of_its_withheld_result() {
        let lesson = "# L\nid: l\n\n## S\n\n```python\nt = torch.ones(2, 3)\nt.sum(dim=0)\n```\n\n@active 1\n@question shape: ?\n";
        assert_eq!(
            problems(lesson),
            vec![
                "line 12: step 1: a shape question's result is not drawn until it is answered, so `@active` cannot pin it (pin a cell of another grid: `@active 0,1 in t`)"
            ]
        );
        assert!(problems(&lesson.replace("@active 1\n", "@active 1,1 in t\n")).is_empty());
    }

    #[test]
    fn a_named_element_must_be_drawn_and_a_foreseen_mistake_wrong() {
        let lesson = "# L\nid: l\n\n## S\n\n```python\nt = torch.ones(2, 3)\nt.sum(dim=0)\n```\n\n\
                      @question print: What is output `[3]`?\n@wrong `tensor([2., 2., 2.])`: no.\n";
        assert_eq!(
            problems(lesson),
            vec![
                "line 11: step 1: the question names output [3], which the step does not draw",
                "line 12: step 1: `@wrong` `tensor([2., 2., 2.])` is the right answer",
            ]
        );
        let shape = lesson
            .replace("print: What is output `[3]`?", "shape: What shape has output `[1]`?")
            .replace("`tensor([2., 2., 2.])`", "`(3,)`");
        assert_eq!(
            problems(&shape),
            vec![
                "line 11: step 1: the question names output [1], which the step does not draw while a shape question is open",
                "line 12: step 1: `@wrong` `(3,)` is the right answer",
            ]
        );
        let fine = lesson.replace("`[3]`", "`[2]`").replace("2., 2., 2.", "3., 3., 3.");
        assert!(problems(&fine).is_empty(), "{:?}", problems(&fine));
        let named = lesson.replace("output `[3]`", "`t[1, 2]`").replace("2., 2., 2.", "1., 1., 1.");
        assert!(problems(&named).is_empty(), "{:?}", problems(&named));
    }

    #[test]
    fn active_cells_must_exist() {
        let lesson = "# L\nid: l\n\n## A\n\n```python\nt = torch.ones(2, 3)\nt.sum(dim=0)\n```\n\n@active 1,1 in t\n@active 7\n";
        assert_eq!(
            problems(lesson),
            vec!["line 4: step 1: `@active` index [7] is outside t.sum(dim=0) of shape [3]"]
        );
    }
}
