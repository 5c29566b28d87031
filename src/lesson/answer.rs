//! Checking a learner's answer: against the program's own results (its
//! shape, its printed output, its lineage), never against a copy. A wrong
//! answer that follows a known pattern is told what it gets wrong
//! (`mistakes`), before the author's hint.

use super::mistakes::{Diagnosis, cells_mistake, input_sources, output_name, print_mistake, shape_mistake};
use super::{ChoiceOption, Question, QuestionKind};
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

/// A learner's answer to a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Typed text (a `print` or `shape` question).
    Typed(String),
    /// Picked input cells (a `cells` question).
    Cells(Marks),
    /// Picked options, by position (a `choice` question).
    Chosen(Vec<usize>),
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

    /// A wrong answer: what it gets wrong if that is known, else `generic`;
    /// then the hint, unless the answer's value is right (the hint is
    /// about working the value out).
    fn diagnosed(generic: String, diagnosis: Option<Diagnosis>, hint: Option<&str>) -> Feedback {
        match diagnosis {
            Some(d) if d.value_right => Feedback::wrong(d.message, None),
            Some(d) => Feedback::wrong(d.message, hint),
            None => Feedback::wrong(generic, hint),
        }
    }
}

/// Checks `answer` to `question` against what `session` computed.
pub fn check_answer(session: &Session, question: &Question, answer: &Answer) -> Feedback {
    let hint = question.hint.as_deref();
    match (&question.kind, answer) {
        (QuestionKind::Shape, Answer::Typed(typed)) => check_shape(session, typed, question),
        (QuestionKind::Print, Answer::Typed(typed)) => check_print(session, typed, question),
        (QuestionKind::Cells { output }, Answer::Cells(picked)) => check_cells(session, output, picked, hint),
        (QuestionKind::Choice { options }, Answer::Chosen(picked)) => check_choice(options, picked, hint),
        _ => Feedback::wrong("That is not an answer to this question.", None),
    }
}

/// The answer, in words, for "Show me".
pub fn revealed_answer(session: &Session, question: &Question) -> String {
    match &question.kind {
        QuestionKind::Cells { output } => cells_answer(session, output).unwrap_or_default(),
        QuestionKind::Shape => expected_shape(session).map(|d| format_size(&d)).unwrap_or_default(),
        QuestionKind::Print => session.run().focus.as_ref().and_then(|f| f.repr.clone()).unwrap_or_default(),
        QuestionKind::Choice { options } => {
            options.iter().filter(|o| o.right).map(|o| o.text.as_str()).collect::<Vec<_>>().join("; ")
        }
    }
}

/// "output [1] is computed from t[0, 1], t[1, 1], t[2, 1]".
fn cells_answer(session: &Session, output: &[usize]) -> Option<String> {
    let result = session.grids().iter().find(|g| g.role == GridRole::Result)?;
    let sources = input_sources(session, result, result.flat(output));
    let names: Vec<String> = sources.cells().map(|(node, flat)| session.cell_name(node, flat)).collect();
    Some(format!("{} is computed from {}.", output_name(output), names.join(", ")))
}

/// The expected shape of the step's result.
pub fn expected_shape(session: &Session) -> Option<Vec<usize>> {
    let focus = session.run().focus.as_ref()?;
    focus.traced.as_ref().map(|(_, shape)| shape.dims().to_vec())
}

/// An author's `@wrong` answer that `matches` the typed one, as a diagnosis.
fn foreseen(question: &Question, matches: impl Fn(&str) -> bool) -> Option<Diagnosis> {
    let w = question.wrong.iter().find(|w| matches(&w.answer))?;
    Some(Diagnosis { message: w.why.clone(), value_right: false })
}

/// The sizes in a typed shape (`torch.Size([4])`, `(4,)`, `[4]`, `4`), or
/// `None` if it is not written as one.
pub(crate) fn read_shape(typed: &str) -> Option<Vec<usize>> {
    let text = typed.trim();
    let inner = text.strip_prefix("torch.Size(").and_then(|t| t.strip_suffix(')')).unwrap_or(text);
    if !inner.chars().all(|c| c.is_ascii_digit() || " ,()[]".contains(c)) {
        return None;
    }
    Some(
        inner
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect(),
    )
}

/// "What is the shape of this result?": `torch.Size([4])`, `(4,)`, `[4]` and `4` all count.
fn check_shape(session: &Session, typed: &str, question: &Question) -> Feedback {
    let Some(expected) = expected_shape(session) else {
        return Feedback::wrong("This step has no tensor result to measure.", None);
    };
    let text = typed.trim();
    let Some(given) = read_shape(text) else {
        return Feedback::wrong(
            format!("Write a shape like torch.Size([4]) or (4,); `{text}` is not one."),
            None,
        );
    };
    let size = format_size(&expected);
    if given == expected {
        return Feedback::correct(format!("Right: the result's shape is {size}."));
    }
    let diagnosis = foreseen(question, |a| read_shape(a).as_deref() == Some(&given[..]))
        .or_else(|| shape_mistake(session, &given).map(Diagnosis::of));
    let not = format!("Not {}.", format_size(&given));
    match diagnosis {
        Some(d) => Feedback::wrong(format!("{not} {}", d.message), question.hint.as_deref()),
        None => Feedback::wrong(not, question.hint.as_deref()),
    }
}

/// Text without its whitespace: how printed answers are compared.
pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// "What does this print?": the last expression's exact output. Spacing
/// does not count against the learner, but the feedback shows PyTorch's.
fn check_print(session: &Session, typed: &str, question: &Question) -> Feedback {
    let Some(focus) = session.run().focus.as_ref() else {
        return Feedback::wrong("This step prints nothing to compare with.", None);
    };
    let Some(expected) = focus.repr.clone() else {
        return Feedback::wrong("This step prints too much to type.", None);
    };
    if typed.trim() == expected {
        return Feedback::correct("Right, exactly as PyTorch prints it.");
    }
    if squash(typed) == squash(&expected) {
        return Feedback::correct(format!("Right. PyTorch lines the values up like this: {expected}"));
    }
    let diagnosis =
        foreseen(question, |a| squash(a) == squash(typed)).or_else(|| print_mistake(session, typed));
    Feedback::diagnosed("That is not what this prints.".to_string(), diagnosis, question.hint.as_deref())
}

/// "Click the elements that feed this output": the picked input cells are
/// compared with the output element's sources in the input grids.
fn check_cells(session: &Session, output: &[usize], picked: &Marks, hint: Option<&str>) -> Feedback {
    let grids = session.grids();
    let Some(result) = grids.iter().find(|g| g.role == GridRole::Result) else {
        return Feedback::wrong("This step has no result to trace.", None);
    };
    let expected = input_sources(session, result, result.flat(output));
    let name = |(node, flat): (NodeId, usize)| session.cell_name(node, flat);
    let extra: Vec<String> = picked.difference(&expected).map(name).collect();
    let missing: Vec<String> = expected.difference(picked).map(name).collect();
    let output_name = output_name(output);
    if extra.is_empty() && missing.is_empty() {
        let all: Vec<String> = expected.cells().map(name).collect();
        return Feedback::correct(format!("Right: {output_name} is computed from {}.", all.join(", ")));
    }
    if let Some(diagnosis) = cells_mistake(session, output, picked) {
        return Feedback::wrong(diagnosis, hint);
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
/// (`picked` holds option positions, each once, in any order). A wrong
/// pick with an explanation of its own gets that rather than the hint.
fn check_choice(options: &[ChoiceOption], picked: &[usize], hint: Option<&str>) -> Feedback {
    let is_right = |i: usize| options.get(i).is_some_and(|o| o.right);
    let right = options.iter().filter(|o| o.right).count();
    if picked.iter().all(|&i| is_right(i)) && picked.len() == right {
        return Feedback::correct("Right.");
    }
    let wrong: Vec<&ChoiceOption> =
        picked.iter().filter(|&&i| !is_right(i)).filter_map(|&i| options.get(i)).collect();
    if wrong.is_empty() {
        return Feedback::wrong("Part of it: something right is still missing.", hint);
    }
    let mut said: Vec<String> = Vec::new();
    let unexplained: Vec<&str> = wrong.iter().filter(|o| o.why.is_none()).map(|o| o.text.as_str()).collect();
    if !unexplained.is_empty() {
        said.push(format!("Not “{}”.", unexplained.join("”, “")));
    }
    for o in &wrong {
        if let Some(why) = &o.why {
            said.push(format!("Not “{}”: {why}", o.text));
        }
    }
    Feedback::wrong(said.join(" "), hint.filter(|_| !unexplained.is_empty()))
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
    use crate::lesson::{WrongAnswer, parse_lesson};

    const T: &str = "t = torch.tensor([[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]], dtype=torch.float32)\n";

    fn question(kind: QuestionKind, hint: Option<&str>) -> Question {
        Question {
            kind,
            prompt: String::new(),
            hint: hint.map(Into::into),
            explain: None,
            wrong: Vec::new(),
            line: 1,
        }
    }

    fn typed(s: &Session, q: &Question, text: &str) -> Feedback {
        check_answer(s, q, &Answer::Typed(text.to_string()))
    }

    #[test]
    fn shapes_may_be_written_several_ways() {
        let s = Session::new(&format!("{T}t.sum(dim=0)"));
        let q = question(QuestionKind::Shape, Some("The dim you name disappears."));
        for text in ["torch.Size([4])", "(4,)", "4", "[4]", " 4, "] {
            assert_eq!(typed(&s, &q, text).verdict, Verdict::Correct, "{text}");
        }
        // 3 is the size of the dim that goes: the other dim reduced.
        assert_eq!(
            typed(&s, &q, "(3,)").message,
            "Not torch.Size([3]). That is what reducing dim 1 (size 4) would leave. `dim=0` names dim 0 \
             (size 3): the dim you name is the one that disappears. The dim you name disappears."
        );
        assert_eq!(typed(&s, &q, "(7,)").message, "Not torch.Size([7]). The dim you name disappears.");
        assert_eq!(typed(&s, &q, "four").verdict, Verdict::Wrong);
        let scalar = Session::new(&format!("{T}t.sum()"));
        assert_eq!(typed(&scalar, &q, "torch.Size([])").verdict, Verdict::Correct);
        assert_eq!(typed(&scalar, &q, "()").verdict, Verdict::Correct);
    }

    #[test]
    fn printed_output_is_compared_exactly_but_spacing_is_forgiven() {
        let s = Session::new(&format!("{T}t.sum(dim=1)"));
        let q = question(QuestionKind::Print, Some("Add each row."));
        assert_eq!(typed(&s, &q, "tensor([ 4.,  8., 12.])").verdict, Verdict::Correct);
        let f = typed(&s, &q, "tensor([4., 8., 12.])");
        assert_eq!(f.verdict, Verdict::Correct);
        assert!(f.message.contains("tensor([ 4.,  8., 12.])"));
        // Right values written as integers: said so, without the hint about working them out.
        let f = typed(&s, &q, "tensor([4, 8, 12])");
        assert_eq!(f.verdict, Verdict::Wrong);
        assert!(f.message.starts_with("The numbers are right, but the result holds floats"), "{}", f.message);
        assert!(!f.message.contains("Add each row."));
        // A wrong value that follows no pattern: the hint.
        assert_eq!(
            typed(&s, &q, "tensor([5., 6., 7.])").message,
            "That is not what this prints. Add each row."
        );
    }

    #[test]
    fn a_foreseen_wrong_answer_gets_its_own_explanation() {
        let s = Session::new(&format!("{T}t[1].sum()"));
        let mut q = question(QuestionKind::Print, Some("Row 1 is four 2s."));
        q.wrong.push(WrongAnswer { answer: "tensor(4.)".into(), why: "That is row 0.".into(), line: 1 });
        assert_eq!(typed(&s, &q, "tensor( 4. )").message, "That is row 0. Row 1 is four 2s.");
        let mut q = question(QuestionKind::Shape, None);
        q.wrong.push(WrongAnswer { answer: "(2,)".into(), why: "Two what?".into(), line: 1 });
        let s = Session::new(&format!("{T}t.sum(dim=0)"));
        assert_eq!(typed(&s, &q, "torch.Size([2])").message, "Not torch.Size([2]). Two what?");
    }

    #[test]
    fn picked_cells_are_checked_against_lineage() {
        let s = Session::new(&format!("{T}t.sum(dim=0)"));
        let t = s.grids()[0].node;
        let q = question(
            QuestionKind::Cells { output: vec![1] },
            Some("dim=0 combines the elements down each column."),
        );
        let pick = |cells: &[usize]| Answer::Cells(cells.iter().map(|&f| (t, f)).collect());
        assert_eq!(check_answer(&s, &q, &pick(&[1, 5, 9])).verdict, Verdict::Correct);
        // No pattern: what is extra and what is missing.
        assert_eq!(
            check_answer(&s, &q, &pick(&[2, 5, 9])).message,
            "You picked t[0, 2], which does not feed output [1]; 1 element that feeds it is not picked. \
             dim=0 combines the elements down each column."
        );
        // A row for a column.
        assert_eq!(
            check_answer(&s, &q, &pick(&[0, 1, 2, 3])).message,
            "You picked a row of `t`, the elements along dim 1. But output [1] is computed from elements \
             along dim 0: a column. dim=0 combines the elements down each column."
        );
        assert_eq!(revealed_answer(&s, &q), "output [1] is computed from t[0, 1], t[1, 1], t[2, 1].");
    }

    #[test]
    fn choices_need_every_right_option_and_wrong_ones_say_why() {
        let lesson = parse_lesson(
            "# L\nid: l\n\n## S\n\n```python\nt = torch.ones(2)\nt\n```\n\n@question choice: Which dim?\n\
             - [x] dim 0\n- [ ] dim 1\n@why `t` has one dim only.\n- [ ] dim 2\n@hint Count from 0.\n",
        )
        .unwrap();
        let q = lesson.steps[0].question.clone().unwrap();
        let s = Session::new("t = torch.ones(2)\nt\n");
        let chosen = |picked: &[usize]| check_answer(&s, &q, &Answer::Chosen(picked.to_vec()));
        assert_eq!(chosen(&[0]).verdict, Verdict::Correct);
        assert_eq!(chosen(&[1]).message, "Not “dim 1”: `t` has one dim only.");
        assert_eq!(chosen(&[2]).message, "Not “dim 2”. Count from 0.");
        assert_eq!(chosen(&[2, 1]).message, "Not “dim 2”. Not “dim 1”: `t` has one dim only. Count from 0.");
        assert_eq!(chosen(&[]).verdict, Verdict::Wrong);
        assert_eq!(revealed_answer(&s, &q), "dim 0");
    }
}
