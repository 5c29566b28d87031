//! Reads a lesson file (format: `docs/lessons.md`).

use super::{CellChoice, ChoiceOption, Lesson, Question, QuestionKind, Step, WrongAnswer};
use std::fmt;

/// A problem in a lesson file, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// The step it is in (1-based), if any.
    pub step: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.step {
            Some(s) => write!(f, "line {}: step {}: {}", self.line, s, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// A question being read: its kind is settled once its answer lines are in.
struct PendingQuestion {
    kind: String,
    prompt: String,
    answer: Option<String>,
    hint: Option<String>,
    explain: Option<String>,
    options: Vec<ChoiceOption>,
    wrong: Vec<WrongAnswer>,
    /// Whether the line before was an option (which `@why` explains).
    after_option: bool,
    line: usize,
}

/// What the lesson index shows of a lesson, read without its steps'
/// contents (so the page's first visit needs no lesson parser).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// The lesson's id (`id:`).
    pub id: String,
    /// Its title (`# Title`).
    pub title: String,
    /// Its one-line summary (`summary:`).
    pub summary: String,
    /// How many steps it has.
    pub steps: usize,
}

/// A lesson file's lines, numbered from 1, without trailing spaces.
fn numbered(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end()))
}

fn err(line: usize, step: Option<usize>, message: &str) -> ParseError {
    ParseError { line, step, message: message.to_string() }
}

/// The title line (the first that is not blank), and its number.
fn title<'a>(lines: &mut impl Iterator<Item = (usize, &'a str)>) -> Result<(usize, String), ParseError> {
    loop {
        match lines.next() {
            None => return Err(err(1, None, "the file is empty; a lesson starts with `# Title`")),
            Some((_, "")) => continue,
            Some((n, l)) => match l.strip_prefix("# ") {
                Some(t) if !t.trim().is_empty() => return Ok((n, t.trim().to_string())),
                _ => return Err(err(n, None, "a lesson starts with its title: `# Title`")),
            },
        }
    }
}

/// The `id:` value, checked, once the lesson is read and found to have
/// `steps` steps (errors point at the title line).
fn lesson_id(id: Option<String>, title_line: usize, steps: usize) -> Result<String, ParseError> {
    let id = id.ok_or_else(|| err(title_line, None, "the lesson needs an `id:` line under its title"))?;
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(err(title_line, None, "the id may use only letters, digits, `-` and `_`"));
    }
    if steps == 0 {
        return Err(err(title_line, None, "the lesson has no steps (`## Step title`)"));
    }
    Ok(id)
}

/// The outline of a lesson file: title, id, summary, and its `## ` steps
/// counted outside code blocks. Only `parse_lesson` checks the steps.
pub fn parse_outline(text: &str) -> Result<Outline, ParseError> {
    let mut lines = numbered(text);
    let (title_line, title) = title(&mut lines)?;
    let (mut id, mut summary, mut steps, mut in_code) = (None, String::new(), 0, false);
    for (_, line) in lines {
        if steps > 0 && line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with("## ") {
            steps += 1;
        } else if steps == 0 {
            match line.split_once(':') {
                Some(("id", v)) => id = Some(v.trim().to_string()),
                Some(("summary", v)) => summary = v.trim().to_string(),
                _ => {}
            }
        }
    }
    let id = lesson_id(id, title_line, steps)?;
    Ok(Outline { id, title, summary, steps })
}

/// Parses a lesson file.
pub fn parse_lesson(text: &str) -> Result<Lesson, ParseError> {
    let mut lines = numbered(text);
    // The title line, then `key: value` metadata until the first step.
    let (title_line, title) = title(&mut lines)?;
    let mut id = None;
    let mut summary = String::new();
    let mut steps: Vec<Step> = Vec::new();
    let mut current: Option<(Step, Option<PendingQuestion>)> = None;
    let mut in_code: Option<(usize, Vec<String>)> = None;

    for (n, line) in lines {
        let step_no = steps.len() + usize::from(current.is_some());
        if let Some((start, code)) = in_code.as_mut() {
            if line.trim_start().starts_with("```") {
                let (step, _) = current.as_mut().expect("code blocks are only opened inside a step");
                if !step.program.is_empty() {
                    return Err(err(
                        *start,
                        Some(step_no),
                        "a step has one program; this is a second code block",
                    ));
                }
                step.program = code.join("\n") + "\n";
                in_code = None;
            } else {
                code.push(line.to_string());
            }
            continue;
        }
        if let Some(t) = line.strip_prefix("## ") {
            if let Some((step, q)) = current.take() {
                steps.push(finish(step, q, steps.len() + 1)?);
            }
            let step = Step {
                title: t.trim().to_string(),
                prose: String::new(),
                program: String::new(),
                active: None,
                animate: false,
                shows_error: false,
                question: None,
                line: n,
            };
            current = Some((step, None));
            continue;
        }
        let Some((step, question)) = current.as_mut() else {
            // Metadata before the first step.
            match line.split_once(':') {
                Some(("id", v)) => id = Some(v.trim().to_string()),
                Some(("summary", v)) => summary = v.trim().to_string(),
                _ if line.trim().is_empty() => {}
                _ => {
                    return Err(err(
                        n,
                        None,
                        "before the first `## Step` only `id:` and `summary:` lines may stand",
                    ));
                }
            }
            continue;
        };
        let after_option = question.as_mut().is_some_and(|q| std::mem::take(&mut q.after_option));
        if line.trim_start().starts_with("```") {
            in_code = Some((n, Vec::new()));
            continue;
        }
        if let Some(directive) = line.strip_prefix('@') {
            let (name, arg) = directive.split_once(char::is_whitespace).unwrap_or((directive, ""));
            let arg = arg.trim();
            match name {
                "animate" => step.animate = true,
                "error" => step.shows_error = true,
                "active" => step.active = Some(parse_cell(arg).map_err(|m| err(n, Some(step_no), &m))?),
                "question" => {
                    if question.is_some() {
                        return Err(err(n, Some(step_no), "a step has at most one question"));
                    }
                    let Some((kind, prompt)) = arg.split_once(':') else {
                        return Err(err(n, Some(step_no), "write `@question <kind>: <text>`"));
                    };
                    *question = Some(PendingQuestion {
                        kind: kind.trim().to_string(),
                        prompt: prompt.trim().to_string(),
                        answer: None,
                        hint: None,
                        explain: None,
                        options: Vec::new(),
                        wrong: Vec::new(),
                        after_option: false,
                        line: n,
                    });
                }
                "why" => {
                    let option =
                        question.as_mut().and_then(|q| q.options.last_mut()).filter(|_| after_option);
                    let Some(option) = option else {
                        return Err(err(
                            n,
                            Some(step_no),
                            "`@why` belongs on the line under a `- [ ]` option",
                        ));
                    };
                    if option.right {
                        return Err(err(
                            n,
                            Some(step_no),
                            "`@why` explains a wrong option; the right answer is explained by `@explain`",
                        ));
                    }
                    if arg.is_empty() {
                        return Err(err(n, Some(step_no), "`@why` needs its explanation on the same line"));
                    }
                    option.why = Some(arg.to_string());
                }
                "wrong" => {
                    let Some(q) = question.as_mut() else {
                        return Err(err(n, Some(step_no), "`@wrong` belongs after a `@question`"));
                    };
                    let parsed = arg
                        .strip_prefix('`')
                        .and_then(|rest| rest.split_once('`'))
                        .and_then(|(answer, why)| Some((answer, why.trim_start().strip_prefix(':')?.trim())))
                        .filter(|(answer, why)| !answer.trim().is_empty() && !why.is_empty());
                    let Some((answer, why)) = parsed else {
                        return Err(err(n, Some(step_no), "write `@wrong `<answer>`: <what it gets wrong>`"));
                    };
                    q.wrong.push(WrongAnswer { answer: answer.to_string(), why: why.to_string(), line: n });
                }
                "answer" | "hint" | "explain" => {
                    let Some(q) = question.as_mut() else {
                        return Err(err(n, Some(step_no), &format!("`@{name}` belongs after a `@question`")));
                    };
                    let slot = match name {
                        "answer" => &mut q.answer,
                        "hint" => &mut q.hint,
                        _ => &mut q.explain,
                    };
                    *slot = Some(arg.to_string());
                }
                other => return Err(err(n, Some(step_no), &format!("unknown directive `@{other}`"))),
            }
            continue;
        }
        if let Some(q) = question.as_mut()
            && q.kind == "choice"
            && let Some((mark, option)) = line.strip_prefix("- [").and_then(|r| r.split_once("] "))
        {
            let right = mark.eq_ignore_ascii_case("x");
            q.options.push(ChoiceOption { text: option.trim().to_string(), right, why: None });
            q.after_option = true;
            continue;
        }
        step.prose.push_str(line);
        step.prose.push('\n');
    }
    if let Some((start, _)) = in_code {
        return Err(err(start, Some(steps.len()), "this code block is never closed with ```"));
    }
    if let Some((step, q)) = current.take() {
        steps.push(finish(step, q, steps.len() + 1)?);
    }
    let id = lesson_id(id, title_line, steps.len())?;
    Ok(Lesson { id, title, summary, steps })
}

/// Completes a step: it needs a program, and its question a valid kind.
fn finish(mut step: Step, question: Option<PendingQuestion>, number: usize) -> Result<Step, ParseError> {
    let err = |line: usize, message: String| ParseError { line, step: Some(number), message };
    if step.program.trim().is_empty() {
        return Err(err(step.line, "the step has no program (a ```python code block)".to_string()));
    }
    step.prose = step.prose.trim().to_string();
    if let Some(q) = question {
        let kind = match q.kind.as_str() {
            "cells" => {
                let Some(answer) = q.answer.as_deref() else {
                    return Err(err(q.line, "a cells question needs `@answer <output index>`".to_string()));
                };
                QuestionKind::Cells { output: parse_index(answer).map_err(|m| err(q.line, m))? }
            }
            "shape" => QuestionKind::Shape,
            "print" => QuestionKind::Print,
            "choice" => {
                if !q.options.iter().any(|o| o.right) {
                    return Err(err(
                        q.line,
                        "a choice question needs at least one `- [x]` option".to_string(),
                    ));
                }
                QuestionKind::Choice { options: q.options }
            }
            other => {
                return Err(err(
                    q.line,
                    format!("unknown question kind `{other}` (cells, shape, print or choice)"),
                ));
            }
        };
        if let Some(w) = q.wrong.first()
            && !matches!(kind, QuestionKind::Print | QuestionKind::Shape)
        {
            return Err(err(
                w.line,
                "`@wrong` is for print and shape questions (explain a wrong option with `@why` under it)"
                    .to_string(),
            ));
        }
        step.question = Some(Question {
            kind,
            prompt: q.prompt,
            hint: q.hint,
            explain: q.explain,
            wrong: q.wrong,
            line: q.line,
        });
    }
    Ok(step)
}

/// `1,2` or `1,2 in t` (a grid by name) or `()` (a 0-d result).
fn parse_cell(arg: &str) -> Result<CellChoice, String> {
    let (index, grid) = match arg.split_once(" in ") {
        Some((i, g)) => (i, Some(g.trim().to_string())),
        None => (arg, None),
    };
    Ok(CellChoice { grid, index: parse_index(index)? })
}

/// A comma-separated index; `()` or nothing is the index of a 0-d tensor.
fn parse_index(text: &str) -> Result<Vec<usize>, String> {
    let t = text.trim().trim_start_matches('[').trim_end_matches(']');
    if t.is_empty() || t == "()" {
        return Ok(Vec::new());
    }
    t.split(',')
        .map(|p| p.trim().parse::<usize>().map_err(|_| format!("`{text}` is not an index like `1,2`")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LESSON: &str = "\
# Reductions
id: reductions
summary: What sum(dim=0) does.

## Sum down the columns

`dim=0` *disappears*.

```python
t = torch.tensor([[1, 2], [3, 4]])
t.sum(dim=0)
```

@active 1
@animate
@question cells: Click the elements that feed output [1].
@answer 1
@hint dim=0 combines the elements down each column.

## Which dim?

```python
t = torch.tensor([[1, 2], [3, 4]])
t.sum(dim=1)
```

@question choice: Which dim disappears?
- [ ] dim 0
@why Dim 0 has the rows, and they stay.
- [x] dim 1
@explain The dim you name is the one that goes.
";

    #[test]
    fn reads_steps_directives_and_questions() {
        let lesson = parse_lesson(LESSON).unwrap();
        assert_eq!(
            (lesson.id.as_str(), lesson.title.as_str(), lesson.steps.len()),
            ("reductions", "Reductions", 2)
        );
        let first = &lesson.steps[0];
        assert_eq!(first.prose, "`dim=0` *disappears*.");
        assert!(first.program.ends_with("t.sum(dim=0)\n"));
        assert_eq!(first.active, Some(CellChoice { grid: None, index: vec![1] }));
        assert!(first.animate);
        let q = first.question.as_ref().unwrap();
        assert_eq!(q.kind, QuestionKind::Cells { output: vec![1] });
        assert_eq!(q.hint.as_deref(), Some("dim=0 combines the elements down each column."));
        let QuestionKind::Choice { options } = &lesson.steps[1].question.as_ref().unwrap().kind else {
            panic!()
        };
        assert_eq!(
            options,
            &vec![
                ChoiceOption {
                    text: "dim 0".into(),
                    right: false,
                    why: Some("Dim 0 has the rows, and they stay.".into())
                },
                ChoiceOption { text: "dim 1".into(), right: true, why: None },
            ]
        );
        assert_eq!(q.explain, None);
        let q = lesson.steps[1].question.as_ref().unwrap();
        assert_eq!(q.explain.as_deref(), Some("The dim you name is the one that goes."));
        let lone = LESSON
            .replace("@question choice: Which dim disappears?\n", "")
            .replace("@why Dim 0 has the rows, and they stay.\n", "");
        assert!(parse_lesson(&lone).unwrap_err().message.contains("`@explain` belongs after a `@question`"));
    }

    /// The outline the lesson index reads agrees with the full parse.
    fn outline_of(lesson: &Lesson) -> Outline {
        Outline {
            id: lesson.id.clone(),
            title: lesson.title.clone(),
            summary: lesson.summary.clone(),
            steps: lesson.steps.len(),
        }
    }

    #[test]
    fn the_outline_is_what_the_full_parse_reads() {
        assert_eq!(parse_outline(LESSON).unwrap(), outline_of(&parse_lesson(LESSON).unwrap()));
        // A `## ` line inside a step's code block is code, not a step.
        let fenced = LESSON.replace("t.sum(dim=0)\n```", "t.sum(dim=0)\n## not a step\n```");
        assert_ne!(fenced, LESSON);
        assert_eq!(parse_outline(&fenced).unwrap().steps, parse_lesson(&fenced).unwrap().steps.len());
        assert_eq!(
            parse_outline("# T\nid: x\n").unwrap_err().message,
            "the lesson has no steps (`## Step title`)"
        );
        assert_eq!(
            parse_outline("# T\n\n## A\n").unwrap_err().message,
            "the lesson needs an `id:` line under its title"
        );
    }

    #[test]
    fn foreseen_wrong_answers_and_why_an_option_is_wrong() {
        let lesson = LESSON.replace(
            "@question choice: Which dim disappears?",
            "@question print: What does it print?\n@wrong `tensor([3, 7])`: That sums the columns.",
        );
        let lesson =
            lesson.replace("- [ ] dim 0\n@why Dim 0 has the rows, and they stay.\n- [x] dim 1\n", "");
        let q = parse_lesson(&lesson).unwrap().steps[1].question.clone().unwrap();
        assert_eq!(
            q.wrong,
            vec![WrongAnswer {
                answer: "tensor([3, 7])".into(),
                why: "That sums the columns.".into(),
                line: 28
            }]
        );
        let cases = [
            (
                "- [x] dim 1\n",
                "- [x] dim 1\n@why Because.\n",
                "line 31: step 2: `@why` explains a wrong option; the right answer is explained by `@explain`",
            ),
            (
                "@why Dim 0 has the rows, and they stay.\n",
                "\n@why Dim 0 has the rows, and they stay.\n",
                "line 30: step 2: `@why` belongs on the line under a `- [ ]` option",
            ),
            (
                "@why Dim 0 has the rows, and they stay.\n",
                "@why\n",
                "line 29: step 2: `@why` needs its explanation on the same line",
            ),
            (
                "@explain The dim",
                "@wrong `dim 0`: no.\n@explain The dim",
                "line 31: step 2: `@wrong` is for print and shape questions (explain a wrong option with `@why` under it)",
            ),
            (
                "@explain The dim",
                "@wrong dim 0: no.\n@explain The dim",
                "line 31: step 2: write `@wrong `<answer>`: <what it gets wrong>`",
            ),
        ];
        for (from, to, error) in cases {
            let broken = LESSON.replace(from, to);
            assert_ne!(broken, LESSON);
            assert_eq!(parse_lesson(&broken).unwrap_err().to_string(), error, "{to}");
        }
    }

    #[test]
    fn mistakes_name_their_line_and_step() {
        let broken = LESSON.replace("@answer 1\n", "");
        let e = parse_lesson(&broken).unwrap_err();
        assert_eq!(e.to_string(), "line 16: step 1: a cells question needs `@answer <output index>`");
        let e = parse_lesson(&LESSON.replace("@animate", "@animation")).unwrap_err();
        assert_eq!((e.line, e.step), (15, Some(1)));
        let e = parse_lesson(&LESSON.replace("id: reductions\n", "")).unwrap_err();
        assert!(e.message.contains("id:"), "{e}");
        let e = parse_lesson("# T\nid: t\n\n## Empty\n\nno code\n").unwrap_err();
        assert_eq!(e.to_string(), "line 4: step 1: the step has no program (a ```python code block)");
    }
}
