//! The interpreter and the page, run in headless Chromium: the wasm build must
//! print exactly what PyTorch printed for the golden lesson programs.
//!
//! Run with `make test-wasm` (or `cargo test --target wasm32-unknown-unknown`
//! with wasm-bindgen-test-runner and chromedriver installed).

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use serde::Deserialize;
use tensor_playground::lang::{Transcript, run_program};
use tensor_playground::web::{Playground, SEED_PROGRAM};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The golden file written by the generator from real PyTorch.
#[derive(Deserialize)]
struct Golden {
    cases: Vec<Case>,
}

/// One program and what PyTorch printed for it.
#[derive(Deserialize)]
struct Case {
    name: String,
    program: String,
    stdout: String,
    error: Option<String>,
}

fn golden() -> Golden {
    serde_json::from_str(include_str!("golden/lesson.json")).expect("tests/golden/lesson.json is valid")
}

#[wasm_bindgen_test]
fn lesson_programs_print_what_pytorch_printed() {
    let cases = golden().cases;
    assert!(!cases.is_empty(), "tests/golden/lesson.json has no cases");

    // Report every mismatch, not just the first, so one run shows the whole picture.
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let got = run_program(&case.program);
            (got.stdout != case.stdout || got.error != case.error).then(|| mismatch(case, &got))
        })
        .collect();

    assert!(
        failures.is_empty(),
        "{} of {} golden cases differ in wasm:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n"),
    );
}

/// Describes a case whose transcript differs, with strings quoted so that
/// whitespace differences are visible.
fn mismatch(case: &Case, got: &Transcript) -> String {
    format!(
        "{}\n  program:         {:?}\n  expected stdout: {:?}\n  got stdout:      {:?}\n  \
         expected error:  {:?}\n  got error:       {:?}",
        case.name, case.program, case.stdout, got.stdout, case.error, got.error,
    )
}

/// The element with this `data-testid` inside `root`, if any.
fn by_test_id(root: &web_sys::Element, test_id: &str) -> Option<web_sys::Element> {
    root.query_selector(&format!("[data-testid={test_id}]")).unwrap()
}

#[wasm_bindgen_test]
async fn page_shows_the_seed_programs_output() {
    let container = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let _mounted = leptos::mount::mount_to(container.clone().unchecked_into(), Playground);
    leptos::task::tick().await;

    let code: web_sys::HtmlTextAreaElement =
        by_test_id(&container, "code").expect("the page has a code editor").unchecked_into();
    let output = by_test_id(&container, "output").expect("the page has an output panel");
    let error = by_test_id(&container, "error").and_then(|e| e.text_content());

    assert_eq!(code.value(), SEED_PROGRAM);
    assert_eq!(output.text_content().unwrap().trim_end(), "tensor([3, 1, 3])");
    assert_eq!(error, None);
}
