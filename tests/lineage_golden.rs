//! Lineage against PyTorch's autograd: for every element of a program's
//! last expression, the leaf elements it was computed from are exactly those
//! with a nonzero derivative, and for a selection of a smooth expression,
//! the elements it picked through (its winners) are.
//!
//! Each source's `"grad"` is checked against `torch.autograd.grad` of the
//! element: every derivative of a differentiable leaf's element the report
//! names must be PyTorch's (to a few units in the last place: PyTorch's
//! vectorised `exp` and sums may round a last bit differently), and a leaf
//! element with no entry in the report must have a derivative of zero.
//!
//! `tests/golden/lineage.json` is written by `tests/golden/lineage.py` with
//! real PyTorch; this runs each program through the same lineage report as
//! `tensor-playground lineage` (gradients included) and fails once, listing
//! every disagreement.

#![cfg(not(target_arch = "wasm32"))]

use serde::Deserialize;
use tensor_playground::session::gradients::Derivative;
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
    /// `float32` when a leaf is float32 (derivatives in its precision), else `float64`.
    precision: String,
    /// Per output element: `[leaf, index, derivative]` for every element of
    /// every differentiable leaf the element used.
    grads: Vec<Vec<(String, Vec<usize>, Derivative)>>,
}

/// Whether two derivatives agree: equal (zeros of either sign, NaNs), or
/// within a few units in the last place of the leaves' precision.
fn agree(a: f64, b: f64, precision: &str) -> bool {
    if a == b || (a.is_nan() && b.is_nan()) {
        return true;
    }
    let eps = if precision == "float32" { f64::from(f32::EPSILON) } else { f64::EPSILON };
    (a - b).abs() <= 16.0 * eps * a.abs().max(b.abs())
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
        let session = Session::with_gradients(&case.program);
        if let Some(error) = session.transcript().error {
            failures.push(format!("{}: the program fails: {error}", case.name));
            continue;
        }
        let report = session.focus_lineage();
        if report.shape.as_deref() != Some(case.shape.as_slice()) {
            failures.push(format!("{}: shape {:?}, PyTorch's {:?}", case.name, report.shape, case.shape));
            continue;
        }
        for ((element, want), grads) in report.elements.iter().zip(&case.elements).zip(&case.grads) {
            let got = match case.kind.as_str() {
                "sources" => pairs(&element.sources, &case.differentiable),
                "winners" => pairs(&element.winners, &case.differentiable),
                "grads" => want.clone(),
                other => panic!("{}: unknown kind {other}", case.name),
            };
            if &got != want {
                failures.push(format!(
                    "{} [{:?}] {}: playground {:?}, autograd {:?}",
                    case.name, element.index, case.kind, got, want
                ));
            }
            for (leaf, index, derivative) in grads {
                let source = element.sources.iter().find(|s| &s.name == leaf && &s.index == index);
                let ok = match source.map(|s| s.grad) {
                    Some(Some(Derivative(g))) => agree(g, derivative.0, &case.precision),
                    // An element it was not computed from: autograd's derivative is
                    // zero, or NaN where a NaN elsewhere met a zero on the way back
                    // (0 x NaN), which the report leaves out with the element.
                    None => derivative.0 == 0.0 || derivative.0.is_nan(),
                    Some(None) => false,
                };
                if !ok {
                    failures.push(format!(
                        "{} [{:?}] d/d {leaf}{index:?}: playground {:?}, autograd {}",
                        case.name,
                        element.index,
                        source.map(|s| s.grad),
                        derivative.0
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}
