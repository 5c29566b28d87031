//! The shipped lessons' questions recognise their common wrong answers.
//!
//! For every question of `www/lessons/*.md`, the classic mistakes that
//! apply to it are built from the program's real results (its printed
//! output, its shapes, its lineage) and each must be told what it gets
//! wrong, not only "that is not it". Every wrong choice must say why.

use super::mistakes::{cells_mistake, input_sources, print_mistake, shape_mistake};
use super::printed::{Form, Printed, read_printed};
use super::{Lesson, QuestionKind, parse_lesson};
use crate::session::{GridRole, Session};
use crate::tensor::lineage::{Marks, Step};

const SHIPPED: [(&str, &str); 6] = [
    ("reductions", include_str!("../../www/lessons/reductions.md")),
    ("predictions", include_str!("../../www/lessons/predictions.md")),
    ("keepdim", include_str!("../../www/lessons/keepdim.md")),
    ("gradients", include_str!("../../www/lessons/gradients.md")),
    ("matmul", include_str!("../../www/lessons/matmul.md")),
    ("indexing", include_str!("../../www/lessons/indexing.md")),
];

/// A printed value with `form`, `shape` and the numbers `texts`.
fn write(form: Form, shape: &[usize], texts: &[String]) -> String {
    fn nest(shape: &[usize], texts: &[String]) -> String {
        match shape.split_first() {
            None => texts[0].clone(),
            Some((&n, rest)) => {
                let step = rest.iter().product::<usize>();
                let items: Vec<String> =
                    (0..n).map(|i| nest(rest, &texts[i * step..(i + 1) * step])).collect();
                format!("[{}]", items.join(", "))
            }
        }
    }
    let body = nest(shape, texts);
    match form {
        Form::Tensor => format!("tensor({body})"),
        _ => body,
    }
}

fn reduce_shape(shape: &[usize], reduced: &[bool], keepdim: bool) -> Vec<usize> {
    shape
        .iter()
        .zip(reduced)
        .filter_map(|(&n, &r)| {
            if !r {
                Some(n)
            } else if keepdim {
                Some(1)
            } else {
                None
            }
        })
        .collect()
}

/// The classic wrong prints of the step's result, each with its name.
fn wrong_prints(session: &Session) -> Vec<(&'static str, String)> {
    let repr = session.run().focus.as_ref().and_then(|f| f.repr.clone()).expect("a printed result");
    let expected: Printed = read_printed(&repr).expect("PyTorch's output reads back");
    let texts: Vec<String> = expected.numbers.iter().map(|n| n.text.clone()).collect();
    let mut out = Vec::new();
    if expected.form == Form::Tensor {
        let bare = if expected.shape.is_empty() { Form::Number } else { Form::List };
        out.push(("the bare value", write(bare, &expected.shape, &texts)));
    }
    if expected.numbers.iter().all(|n| n.looks_integral()) {
        let dotted: Vec<String> = texts.iter().map(|t| format!("{t}.")).collect();
        out.push(("an integer with a dot", write(expected.form, &expected.shape, &dotted)));
    } else if texts.iter().all(|t| t.ends_with('.')) {
        let bare: Vec<String> = texts.iter().map(|t| t.trim_end_matches('.').to_string()).collect();
        out.push(("a float without its dot", write(expected.form, &expected.shape, &bare)));
    }
    let (node, _) = session.run().focus.as_ref().and_then(|f| f.traced.clone()).expect("a tensor result");
    let graph = &session.run().graph;
    let Step::Reduce { op, input, lanes, .. } = &graph.node(node).step else { return out };
    let input_shape = lanes.input_shape().dims().to_vec();
    let zeros = |shape: &[usize]| vec!["0.".to_string(); shape.iter().product()];
    if !lanes.whole() {
        if !lanes.keepdim() {
            let kept = reduce_shape(&input_shape, lanes.reduced(), true);
            out.push(("the reduced dim kept", write(Form::Tensor, &kept, &texts)));
        }
        out.push(("a single number", "tensor(0.)".to_string()));
        for d in (0..input_shape.len()).filter(|&d| !lanes.reduced()[d]) {
            let other: Vec<bool> = (0..input_shape.len()).map(|k| k == d).collect();
            let shape = reduce_shape(&input_shape, &other, lanes.keepdim());
            if shape != expected.shape {
                out.push(("another dim reduced", write(Form::Tensor, &shape, &zeros(&shape))));
            }
        }
    }
    if op.name().starts_with("arg") {
        let plus_one: Vec<String> =
            expected.numbers.iter().map(|n| format!("{}", n.value as i64 + 1)).collect();
        out.push(("counted from 1", write(Form::Tensor, &expected.shape, &plus_one)));
        let grid = session.grids().iter().find(|g| g.node == *input).expect("the input is drawn");
        let values: Vec<String> = (0..expected.numbers.len())
            .map(|f| {
                let (_, at) = graph.winner(node, f).expect("a selection has winners");
                format!("{:?}", grid.value(&grid.index(at)))
            })
            .collect();
        out.push(("the value for its position", write(Form::Tensor, &expected.shape, &values)));
    }
    out
}

/// The classic wrong shapes of the step's result, each with its name.
fn wrong_shapes(session: &Session) -> Vec<(&'static str, Vec<usize>)> {
    let (node, shape) = session.run().focus.as_ref().and_then(|f| f.traced.clone()).expect("a tensor result");
    let expected = shape.dims().to_vec();
    let graph = &session.run().graph;
    let mut out = Vec::new();
    match &graph.node(node).step {
        Step::Reduce { lanes, .. } => {
            let input = lanes.input_shape().dims().to_vec();
            out.push(("keepdim the other way", reduce_shape(&input, lanes.reduced(), !lanes.keepdim())));
            out.push(("the input's shape", input.clone()));
            for d in (0..input.len()).filter(|&d| !lanes.reduced()[d]) {
                let other: Vec<bool> = (0..input.len()).map(|k| k == d).collect();
                out.push(("another dim reduced", reduce_shape(&input, &other, lanes.keepdim())));
            }
            if !lanes.whole() {
                out.push(("a single number", Vec::new()));
            }
        }
        Step::View { input, .. } | Step::Reshape { input } => {
            let before = graph.node(*input).shape.dims().to_vec();
            out.push(("the shape before", before.clone()));
            for at in 0..=before.len() {
                out.push(("the new dim elsewhere", [&before[..at], &[1][..], &before[at..]].concat()));
            }
        }
        _ => {
            for n in graph.upstream(node) {
                if matches!(graph.node(n).step, Step::Leaf) {
                    out.push(("a leaf's shape", graph.node(n).shape.dims().to_vec()));
                }
            }
        }
    }
    out.retain(|(_, s)| *s != expected);
    out
}

/// The classic wrong picks for a cells question about `output`.
fn wrong_picks(session: &Session, output: &[usize]) -> Vec<(&'static str, Marks)> {
    let result = session.grids().iter().find(|g| g.role == GridRole::Result).expect("a result");
    let flat = result.flat(output);
    let expected = input_sources(session, result, flat);
    let (node, flats) = expected.iter().next().expect("sources in an input");
    let grid = session.grids().iter().find(|g| g.node == node).unwrap();
    let mut out = vec![("the whole tensor", (0..grid.numel()).map(|f| (node, f)).collect())];
    // The neighbours' sources: the wrong element of the right idea.
    let last = output.len() - 1;
    for other in [output[last].wrapping_sub(1), output[last] + 1] {
        if other < result.shape()[last] {
            let mut index = output.to_vec();
            index[last] = other;
            out.push(("another output's sources", input_sources(session, result, result.flat(&index))));
        }
    }
    // The line through the first source along every other dim.
    let first = grid.index(flats[0]);
    for d in 0..grid.shape().len() {
        let line: Marks = (0..grid.shape()[d])
            .map(|i| {
                let mut index = first.clone();
                index[d] = i;
                (node, grid.flat(&index))
            })
            .collect();
        if line != expected && line.len() > 1 {
            out.push(("a line along another dim", line));
        }
    }
    let graph = &session.run().graph;
    if let Some(winner) = graph.winner(result.node, flat) {
        out.push(("the winner alone", [winner].into_iter().collect()));
    }
    let direct: Marks = graph.feeds(result.node, flat).into_iter().filter(|&(n, _)| n == node).collect();
    if !direct.is_empty() {
        out.push(("only what it reads directly", direct));
    }
    out.retain(|(_, picked)| *picked != expected);
    out
}

fn lessons() -> Vec<(&'static str, Lesson)> {
    SHIPPED.iter().map(|(id, text)| (*id, parse_lesson(text).expect("shipped lessons parse"))).collect()
}

#[test]
fn every_shipped_lesson_is_listed_here() {
    let index = include_str!("../../www/lessons/index.txt");
    let listed: Vec<&str> = crate::session::embed::listed_lessons(index).collect();
    assert_eq!(listed, SHIPPED.iter().map(|(id, _)| *id).collect::<Vec<_>>());
}

#[test]
fn every_common_wrong_answer_is_told_what_it_gets_wrong() {
    let mut untold = Vec::new();
    let mut told = 0;
    for (id, lesson) in lessons() {
        for (n, step) in lesson.steps.iter().enumerate() {
            let Some(question) = &step.question else { continue };
            let session = Session::new(&step.program);
            let mut check = |what: &str, answer: String, diagnosed: bool| {
                if diagnosed {
                    told += 1;
                } else {
                    untold.push(format!("{id} step {}: {what}: {answer}", n + 1));
                }
            };
            match &question.kind {
                QuestionKind::Print => {
                    for (what, typed) in wrong_prints(&session) {
                        let diagnosed = print_mistake(&session, &typed).is_some();
                        check(what, typed, diagnosed);
                    }
                }
                QuestionKind::Shape => {
                    for (what, shape) in wrong_shapes(&session) {
                        let diagnosed = shape_mistake(&session, &shape).is_some()
                            || question
                                .wrong
                                .iter()
                                .any(|w| super::answer::read_shape(&w.answer) == Some(shape.clone()));
                        check(what, format!("{shape:?}"), diagnosed);
                    }
                }
                QuestionKind::Cells { output } => {
                    for (what, picked) in wrong_picks(&session, output) {
                        let names: Vec<String> =
                            picked.cells().map(|(n, f)| session.cell_name(n, f)).collect();
                        check(what, names.join(" "), cells_mistake(&session, output, &picked).is_some());
                    }
                }
                QuestionKind::Choice { options } => {
                    for o in options.iter().filter(|o| !o.right) {
                        check("a wrong option without `@why`", o.text.clone(), o.why.is_some());
                    }
                }
            }
        }
    }
    assert_eq!(untold, Vec::<String>::new());
    assert!(told >= 50, "only {told} mistakes tried");
}
