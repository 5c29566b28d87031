//! Lineage against PyTorch's autograd: for every element of a program's
//! last expression, the leaf elements it was computed from are exactly those
//! with a nonzero derivative, and for a selection of a smooth expression,
//! the elements it picked through (its winners) are.
//!
//! `tests/golden/lineage.json` is written by `tests/golden/lineage.py` with
//! real PyTorch; this runs each program through the same lineage report as
//! `tensor-playground lineage` and fails once, listing every disagreement.

#![cfg(not(target_arch = "wasm32"))]

use serde::Deserialize;
use tensor_playground::session::{ElementRef, Session};

#[derive(Debug, Deserialize)]
struct Corpus {
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    program: String,
    /// "sources" or "winners": which part of the report autograd decides.
    kind: String,
    /// The leaves with a derivative (index and mask tensors have none):
    /// only their elements are compared.
    differentiable: Vec<String>,
    shape: Vec<usize>,
    /// Per output element, row-major: `[leaf, index]` pairs, sorted.
    elements: Vec<Vec<(String, Vec<usize>)>>,
}

fn pairs(refs: &[ElementRef], leaves: &[String]) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> =
        refs.iter().filter(|r| leaves.contains(&r.name)).map(|r| (r.name.clone(), r.index.clone())).collect();
    out.sort();
    out
}

#[test]
fn lineage_matches_pytorch_autograd() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/lineage.json"))
        .expect("tests/golden/lineage.json exists (run tests/golden/lineage.py)");
    let corpus: Corpus = serde_json::from_str(&text).expect("lineage.json parses");
    assert!(corpus.cases.len() >= 20, "the corpus has its cases");
    let mut failures = Vec::new();
    for case in &corpus.cases {
        let session = Session::new(&case.program);
        if let Some(error) = session.transcript().error {
            failures.push(format!("{}: the program fails: {error}", case.name));
            continue;
        }
        let report = session.focus_lineage();
        if report.shape.as_deref() != Some(case.shape.as_slice()) {
            failures.push(format!("{}: shape {:?}, PyTorch's {:?}", case.name, report.shape, case.shape));
            continue;
        }
        for (element, want) in report.elements.iter().zip(&case.elements) {
            let got = match case.kind.as_str() {
                "sources" => pairs(&element.sources, &case.differentiable),
                "winners" => pairs(&element.winners, &case.differentiable),
                other => panic!("{}: unknown kind {other}", case.name),
            };
            if &got != want {
                failures.push(format!(
                    "{} [{:?}] {}: playground {:?}, autograd {:?}",
                    case.name, element.index, case.kind, got, want
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}
