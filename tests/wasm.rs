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

/// A container in the document for one mounted playground.
fn container() -> web_sys::HtmlElement {
    let el = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

/// Lets effects and rendering settle.
async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

/// Mounts a playground showing `code` into a fresh container.
fn mount(code: &str) -> (web_sys::HtmlElement, tensor_playground::web::api::MountedPlayground) {
    let el = container();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"code".into(), &code.into()).unwrap();
    let mounted = tensor_playground::web::api::mount_playground(
        el.clone(),
        el.clone().into(),
        options.into(),
        String::new(),
    )
    .unwrap_or_else(|_| panic!("mounting {code:?} works"));
    (el, mounted)
}

/// The cells of the grid named `name` that carry `attribute="true"`, by `data-index`.
fn marked(root: &web_sys::Element, name: &str, attribute: &str) -> Vec<String> {
    let cells = root.query_selector_all(&format!("[data-name=\"{name}\"] [{attribute}=\"true\"]")).unwrap();
    (0..cells.length())
        .map(|i| {
            cells.item(i).unwrap().unchecked_into::<web_sys::Element>().get_attribute("data-index").unwrap()
        })
        .collect()
}

/// Points at a cell as a mouse would.
fn hover(root: &web_sys::Element, name: &str, index: &str) {
    let cell =
        root.query_selector(&format!("[data-name=\"{name}\"] [data-index=\"{index}\"]")).unwrap().unwrap();
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("mouseover", &init).unwrap();
    cell.dispatch_event(&ev).unwrap();
}

const ARGMAX: &str =
    "t = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)\nt.argmax(dim=1)";

#[wasm_bindgen_test]
async fn grids_draw_each_tensor_with_its_shape_and_values() {
    let (root, _playground) = mount(ARGMAX);
    settle().await;
    let grids = root.query_selector_all("[data-testid=tensor-grid]").unwrap();
    let described: Vec<(String, String)> = (0..grids.length())
        .map(|i| {
            let g = grids.item(i).unwrap().unchecked_into::<web_sys::Element>();
            (g.get_attribute("data-name").unwrap(), g.get_attribute("data-shape").unwrap())
        })
        .collect();
    assert_eq!(described, vec![("t".into(), "3,4".into()), ("t.argmax(dim=1)".into(), "3".into())]);
    let cell = root.query_selector("[data-name=\"t\"] [data-index=\"2,3\"]").unwrap().unwrap();
    assert_eq!(cell.get_attribute("role").as_deref(), Some("gridcell"));
    assert_eq!(cell.text_content().unwrap(), "5.");
}

#[wasm_bindgen_test]
async fn hovering_an_output_lights_its_sources_and_the_winner() {
    let (root, _playground) = mount(ARGMAX);
    settle().await;
    hover(&root, "t.argmax(dim=1)", "1");
    settle().await;
    assert_eq!(marked(&root, "t.argmax(dim=1)", "data-active"), vec!["1"]);
    assert_eq!(marked(&root, "t", "data-source"), vec!["1,0", "1,1", "1,2", "1,3"]);
    // The tie 3, 3 goes to the first.
    assert_eq!(marked(&root, "t", "data-winner"), vec!["1,1"]);
    hover(&root, "t", "2,3");
    settle().await;
    assert!(marked(&root, "t", "data-source").is_empty());
    assert_eq!(marked(&root, "t.argmax(dim=1)", "data-target"), vec!["2"]);
}

#[wasm_bindgen_test]
async fn a_new_program_redraws_and_an_error_keeps_the_drawing() {
    let (root, playground) = mount(ARGMAX);
    settle().await;
    playground.set_code(ARGMAX.replace("argmax(dim=1)", "sum(dim=0)")).unwrap();
    settle().await;
    assert_eq!(
        by_test_id(&root, "output").unwrap().text_content().unwrap().trim_end(),
        "tensor([5., 3., 3., 7.])"
    );
    assert!(root.query_selector("[data-name=\"t.sum(dim=0)\"]").unwrap().is_some());
    playground.set_code(ARGMAX.replace("argmax(dim=1)", "sum(dim=2)")).unwrap();
    settle().await;
    let error = by_test_id(&root, "error").expect("the error shows").text_content().unwrap();
    assert_eq!(error, "IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 2)");
    assert!(root.query_selector("[data-name=\"t.sum(dim=0)\"]").unwrap().is_some(), "the last drawing stays");
}

#[wasm_bindgen_test]
async fn two_playgrounds_light_up_independently() {
    let (first, _a) = mount(ARGMAX);
    let (second, _b) = mount(ARGMAX);
    settle().await;
    hover(&first, "t.argmax(dim=1)", "0");
    settle().await;
    assert_eq!(marked(&first, "t", "data-winner"), vec!["0,3"]);
    assert!(marked(&second, "t", "data-source").is_empty());
}

#[wasm_bindgen_test]
async fn selecting_a_cell_is_reported_to_the_host_and_destroy_cleans_up() {
    let (root, mut playground) = mount(ARGMAX);
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let log = seen.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::CustomEvent)>::new(
        move |e: web_sys::CustomEvent| {
            log.borrow_mut().push(js_sys::JSON::stringify(&e.detail()).unwrap().as_string().unwrap());
        },
    );
    root.add_event_listener_with_callback("tensor-playground:select", listener.as_ref().unchecked_ref())
        .unwrap();
    settle().await;
    hover(&root, "t.argmax(dim=1)", "2");
    settle().await;
    let last = seen.borrow().last().cloned().expect("a select event arrived");
    let message: serde_json::Value = serde_json::from_str(&last).unwrap();
    assert_eq!(message["type"], "tensor-playground:select");
    assert_eq!(message["version"], 1);
    assert_eq!(message["tensor"], "t.argmax(dim=1)");
    assert_eq!(message["index"], serde_json::json!([2]));
    assert_eq!(message["sources"].as_array().unwrap().len(), 4);
    playground.destroy();
    settle().await;
    assert_eq!(root.child_element_count(), 0, "destroy removes the playground's DOM");
    assert!(playground.set_code("t".into()).is_err(), "a destroyed playground refuses commands");
}

/// Sizes of 2**32 or more, which a 32-bit `usize` cannot hold: each must be
/// refused (or computed) exactly as on the 64-bit command line, never
/// silently wrapped (`torch.zeros(4294967297)` was a one-element tensor here).
#[wasm_bindgen_test]
fn sizes_past_32_bits_behave_as_on_the_command_line() {
    let too_many =
        "RuntimeError: the playground limits tensors to 16777216 elements, but this one would have";
    let cases: &[(&str, &str, Option<String>)] = &[
        ("torch.zeros(4294967297)", "", Some(format!("{too_many} 4294967297"))),
        ("torch.ones(2, 2147483649)", "", Some(format!("{too_many} 4294967298"))),
        ("torch.full((4294967296,), 1.)", "", Some(format!("{too_many} 4294967296"))),
        ("torch.arange(4294967297)", "", Some(format!("{too_many} 4294967297"))),
        ("len([0] * 4294967297)", "", Some("RuntimeError: the list would be too long for the playground".into())),
        ("len([] * 4294967297)", "0\n", None),
        ("'ab' * 4294967297", "", Some("RuntimeError: the string would be too long for the playground".into())),
        (
            "torch.ones(2).reshape(4294967298)",
            "",
            Some("RuntimeError: shape '[4294967298]' is invalid for input of size 2".into()),
        ),
        (
            "torch.ones(4).view(-1, 4294967298)",
            "",
            Some("RuntimeError: shape '[-1, 4294967298]' is invalid for input of size 4".into()),
        ),
        ("torch.ones(3)[::4294967296]", "tensor([1.])\n", None),
        ("torch.arange(5)[1::2**62]", "tensor([1])\n", None),
        (
            "torch.zeros(2**24, 2**24, 0).sum(dim=(0, 1)).shape",
            "torch.Size([0])\n",
            None,
        ),
        ("torch.zeros(2**24, 2**24, 0).std(dim=(0, 1))", "tensor([])\n", None),
        ("len(torch.zeros(2**24, 2**24, 0).flatten(1))", "16777216\n", None),
        ("(torch.ones(1).shape + (2**24,) * 3).numel()", "0\n", None),
        (
            "torch.ones(1).shape + (2**32,)",
            "",
            Some("RuntimeError: the playground limits the sizes in a torch.Size to 16777216 (the most elements a tensor may have), but this one is 4294967296".into()),
        ),
        (
            "torch.tensor([[[[0] * 1024] * 1024] * 1024] * 1024)",
            "",
            Some(format!("{too_many} 1099511627776")),
        ),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(program, stdout, error)| {
            let got = run_program(program);
            (got.stdout != *stdout || got.error != *error).then(|| {
                format!(
                    "{program}\n  expected {stdout:?} {error:?}\n  got      {:?} {:?}",
                    got.stdout, got.error
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The hostile-input suite (`tests/hostile/`, run natively by
/// `tests/hostile.rs`) in the browser itself, on its stack and with its
/// 32-bit sizes: each program ends exactly as there. The heavy cases, which
/// work up to one of a run's caps (about a second natively, several in a
/// debug wasm build), run natively only.
#[wasm_bindgen_test]
fn hostile_programs_end_as_natively() {
    #[derive(Deserialize)]
    struct Suite {
        cases: Vec<Hostile>,
    }
    #[derive(Deserialize)]
    struct Hostile {
        name: String,
        parts: Vec<(String, usize)>,
        stdout: Option<String>,
        error: Option<String>,
        heavy: bool,
        lineage: bool,
    }
    let suite: Suite =
        serde_json::from_str(include_str!("hostile/cases.json")).expect("tests/hostile/cases.json is valid");
    let cases: Vec<&Hostile> = suite.cases.iter().filter(|c| !c.heavy).collect();
    assert!(!cases.is_empty(), "no light cases in tests/hostile/cases.json");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let source: String = case.parts.iter().map(|(text, times)| text.repeat(*times)).collect();
            let got = if case.lineage {
                let session = tensor_playground::session::Session::new(&source);
                let _ = session.focus_lineage();
                session.transcript()
            } else {
                run_program(&source)
            };
            let stdout_differs = case.stdout.as_ref().is_some_and(|s| *s != got.stdout);
            (stdout_differs || got.error != case.error).then(|| {
                format!(
                    "{}\n  expected {:?} {:?}\n  got      {:?} {:?}",
                    case.name, case.stdout, case.error, got.stdout, got.error
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
