//! Everything that reaches the playground from outside its program: the
//! page's messages to the Web Worker (`session::protocol::ToWorker`), the
//! options of `mount()`, the attributes of a `<tensor-playground>` element,
//! URL fragments (`#embed=1&code=...`) and the commands a host page posts
//! to an iframe. In the browser these arrive as JavaScript objects through
//! serde-wasm-bindgen; here they arrive as JSON through serde_json, or as
//! text, and go through the same Rust functions.
//!
//! Nothing may panic, hang or exhaust memory, and what is accepted must be
//! what the embedder asked for, never wider (read-only stays read-only,
//! steps and panels stay within what was asked, accents and origins carry
//! nothing but a colour or an origin). A valid message to the worker is
//! answered as the worker answers it (`protocol::answer`), carried back as
//! the page gets it, and queried as the page queries it (grids, hover,
//! spoken words, edits, the walk-through).
//!
//! The first byte chooses what the rest is (a letter, so that seeds are
//! text; any other byte picks one by its value): `w` a worker message as
//! JSON, `p` a worker message whose program comes from `grammar.rs`, `m`/`M`
//! `mount()` options as JSON / built from the bytes, `a`/`A` element
//! attributes likewise, `f`/`F` a URL fragment as text / built from pairs,
//! `c`/`C` a host page's command likewise, `t` an element's text content.

#![no_main]

mod common;
mod grammar;

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};
use tensor_playground::lesson::walkthrough;
use tensor_playground::session::embed::{
    Attributes, Checked, LessonSource, RawOptions, iframe_snippet, is_lesson_id, is_lesson_url, is_listed,
    no_such_lesson, parse_origin, program_from_text,
};
use tensor_playground::session::messages::{Command, PREFIX, parse_command};
use tensor_playground::session::protocol::{self, FromWorker, MAX_TRANSCRIPT, ToWorker};
use tensor_playground::session::url::{build_fragment, decode, encode, parse_fragment};
use tensor_playground::session::{GridRole, Session};

const MODES: &[u8] = b"wpmMaAfFcCt";

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let mode = if MODES.contains(&first) { first } else { MODES[first as usize % MODES.len()] };
    let text = || String::from_utf8_lossy(rest).into_owned();
    let json = || serde_json::from_slice::<Value>(rest).ok();
    let mut u = Unstructured::new(rest);
    match mode {
        b'w' => {
            if let Ok(request) = serde_json::from_slice::<ToWorker>(rest) {
                worker(request);
            }
        }
        b'p' => {
            let id = u.arbitrary().unwrap_or(0);
            let code = grammar::program(&mut u, false);
            if std::env::var_os("FUZZ_PRINT_PROGRAM").is_some() {
                eprintln!("{code}");
            }
            // Carried to the worker as the page sends it.
            // With gradients now and then, as the gradient view asks for them.
            let gradients = id % 4 == 0;
            let sent = serde_json::to_string(&ToWorker::Run { id, code: code.clone(), gradients })
                .expect("a request writes");
            let got: ToWorker = serde_json::from_str(&sent).expect("a request reads back");
            assert_eq!(got, ToWorker::Run { id, code, gradients });
            worker(got);
        }
        b'm' => json().into_iter().for_each(|v| mount(&v)),
        b'M' => mount(&object(&mut u, MOUNT_KEYS)),
        b'a' => {
            if let Ok(attributes) = serde_json::from_slice::<Attributes>(rest) {
                element(&attributes);
            }
        }
        b'A' => {
            let v = object(&mut u, ATTRIBUTE_KEYS);
            if let Ok(attributes) = serde_json::from_value::<Attributes>(v) {
                element(&attributes);
            }
        }
        b'f' => fragment(&text()),
        b'F' => fragment(&built_fragment(&mut u)),
        b'c' => json().into_iter().for_each(|v| command(&v)),
        b'C' => command(&command_object(&mut u)),
        _ => element_text(&text()),
    }
});

/// The worker's answer to `request`, carried to the page and queried there,
/// all on the browser's stack.
fn worker(request: ToWorker) {
    let ToWorker::Run { id, .. } = request;
    common::on_page_stack(move || {
        let reply = protocol::answer(request);
        let FromWorker::Ran { id: replied, session } = &reply else { panic!("not a run: {reply:?}") };
        assert_eq!(*replied, id);
        let stdout = session.transcript().stdout;
        assert!(stdout.len() <= MAX_TRANSCRIPT + 64, "a transcript of {} bytes was sent", stdout.len());
        // As the page gets it: written out by the worker, read back by the page.
        let carried = serde_json::to_value(&reply).expect("a reply writes");
        let FromWorker::Ran { id: got, session: page } =
            serde_json::from_value(carried).expect("a reply reads back")
        else {
            panic!("the reply changed kind")
        };
        assert_eq!(got, id);
        assert_eq!(page.transcript(), session.transcript());
        assert_eq!(page.grids().len(), session.grids().len());
        for (a, b) in page.grids().iter().zip(session.grids()) {
            assert_eq!((a.node, &a.name, a.role, a.shape()), (b.node, &b.name, b.role, b.shape()));
            for flat in some_drawn(a) {
                let index = a.index(flat);
                assert_eq!(a.text(&index), b.text(&index), "{} at {index:?}", a.name);
            }
        }
        query(&page);
    });
}

/// A few of the drawn elements of `grid`: the first, the last and some between.
fn some_drawn(grid: &tensor_playground::session::Grid) -> Vec<usize> {
    let drawn = grid.drawn_flats();
    let step = (drawn.len() / 8).max(1);
    let mut some: Vec<usize> = drawn.iter().copied().step_by(step).collect();
    some.extend(drawn.last());
    some
}

/// The most elements of any tensor of a session whose lineage the target
/// traces (hover, the spoken words, the select event's sources, show-all).
/// Those trace element by element, and over a lane of millions they take
/// seconds (a known gap: see the README), which would hide every other
/// finding behind timeouts. `FUZZ_PAGE_LINEAGE=1` traces them all.
const TRACED: usize = 1024;

/// What the page asks of a session: the drawing, hover, the spoken words,
/// editing an input element, show-all and the walk-through.
fn query(session: &Session) {
    let traced = std::env::var_os("FUZZ_PAGE_LINEAGE").is_some()
        || session.run().graph.nodes().iter().all(|n| n.shape.numel() <= TRACED);
    let _ = session.nothing_drawn();
    let _ = session.flow().placement();
    let _ = session.left_out();
    for (at, grid) in session.grids().iter().enumerate() {
        let _ = session.grid_flow(at);
        for k in 0..grid.shape().len() {
            let _ = grid.positions(k);
        }
        let _ = grid.longest_text();
        let spans = (grid.role == GridRole::Input).then(|| session.element_spans(grid.node)).flatten();
        for flat in some_drawn(grid) {
            if traced {
                let _ = session.highlight(grid.node, flat);
                let _ = session.describe(grid.node, flat, false);
                let _ = session.describe(grid.node, flat, true);
                let _ = session.leaf_sources(grid.node, flat);
            }
            if spans.is_some() {
                for text in ["2", " -0.5 ", "nan", "-inf", "1e999", "x", ""] {
                    if let Ok(edited) = session.with_element(grid.node, flat, text) {
                        assert!(edited.len() <= session.source().len() + 32);
                    }
                }
            }
        }
    }
    if traced {
        let _ = session.tints();
    }
    let _ = walkthrough(session);
}

const MOUNT_KEYS: &[&str] = &[
    "code",
    "lesson",
    "lessonUrl",
    "step",
    "steps",
    "panels",
    "readonly",
    "theme",
    "accent",
    "origin",
    "colour",
];
const ATTRIBUTE_KEYS: &[&str] = &[
    "code",
    "lesson",
    "lesson-url",
    "step",
    "steps",
    "panels",
    "readonly",
    "theme",
    "accent",
    "text",
    "style",
];
const FRAGMENT_KEYS: &[&str] = &[
    "embed",
    "code",
    "lesson",
    "lesson-url",
    "step",
    "steps",
    "panels",
    "readonly",
    "theme",
    "accent",
    "origin",
    "present",
];
/// Values every option meets: the good ones, the edge cases and attacks.
const TEXTS: &[&str] = &[
    "",
    "0",
    "1",
    "2",
    "true",
    "false",
    "yes",
    "3-6",
    "4-3",
    "1-1",
    "0-2",
    " 2 - 5 ",
    "+3",
    "-",
    "7",
    "10001",
    "18446744073709551616",
    "editor",
    "output,controls",
    "editor, grids",
    ",,",
    "light",
    "dark",
    "auto",
    "#0b5cc7",
    "#abcd1",
    "red",
    "red;}body{display:none",
    "https://a.example",
    "HTTPS://A.Example:8443",
    "https://a.example/path",
    "*",
    "null",
    "reductions",
    "../../upload.txt?",
    "lessons/mine.md",
    "javascript:alert(1)",
    "JavaScript:x",
    "data:text/html,<script>",
    "//evil.example/l.md",
    "t = torch.ones(2, 3)\nt.sum(dim=0)",
    "\u{feff}x = 1\r\ny",
    "\"><script>alert(1)</script>",
    "é\u{1f}\u{0}",
];

/// A JSON object with some of `keys`, each a value built from the bytes.
fn object(u: &mut Unstructured, keys: &[&str]) -> Value {
    let mut map = Map::new();
    for _ in 0..u.int_in_range(0..=6).unwrap_or(0) {
        let Ok(key) = u.choose(keys) else { break };
        map.insert(key.to_string(), value(u, 0).unwrap_or(Value::Null));
    }
    Value::Object(map)
}

/// A JSON value: mostly the option values above, sometimes anything.
fn value(u: &mut Unstructured, depth: usize) -> Result<Value> {
    Ok(match u.int_in_range(0..=9)? {
        0..=3 => Value::String(u.choose(TEXTS)?.to_string()),
        4 => Value::String(u.arbitrary()?),
        5 => Value::Bool(u.arbitrary()?),
        6 => Value::Null,
        7 => {
            let n: f64 = *u.choose(&[1.0, 2.0, 0.0, -1.0, 1.5, 1e9, 4294967297.0, f64::MAX])?;
            if n.fract() == 0.0 && n.abs() < 1e18 { Value::from(n as i64) } else { Value::from(n) }
        }
        _ if depth < 3 => {
            let items = (0..u.int_in_range(0..=3)?).map(|_| value(u, depth + 1)).collect::<Result<_>>()?;
            Value::Array(items)
        }
        _ => Value::String(u.choose(TEXTS)?.to_string()),
    })
}

/// `mount(element, options)` with `v` for options, as `web::api` reads them.
fn mount(v: &Value) {
    // `mount_playground` refuses anything but an object before reading it.
    let Some(map) = v.as_object() else { return };
    let Ok(raw) = RawOptions::from_mount(v, map.keys().cloned()) else { return };
    let asked_readonly = map.get("readonly").and_then(Value::as_bool).unwrap_or(false);
    let asked_panels: Option<Vec<&str>> =
        map.get("panels").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect());
    let asked_steps: Vec<String> =
        map.get("steps").and_then(Value::as_str).map(str::to_string).into_iter().collect();
    let checked = raw.validate();
    let o = &checked.options;
    assert_eq!(o.readonly, asked_readonly, "{v}");
    assert_eq!(o.code.as_deref(), map.get("code").and_then(Value::as_str), "{v}");
    if let Some(panels) = asked_panels {
        never_wider_panels(&checked, |name| panels.iter().any(|p| p.trim() == name));
    }
    never_wider_steps(&checked, &asked_steps);
    well_formed(checked);
}

/// A `<tensor-playground>` element with `attributes`, as `web::api` reads them.
fn element(attributes: &Attributes) {
    let checked = attributes.raw_options().validate();
    if let Some(v) = &attributes.readonly
        && v != "0"
        && v != "false"
    {
        assert!(checked.options.readonly, "readonly={v:?}");
    }
    if let Some(panels) = &attributes.panels {
        never_wider_panels(&checked, |name| panels.split(',').any(|p| p.trim() == name));
    }
    never_wider_steps(&checked, &attributes.steps.iter().cloned().collect::<Vec<_>>());
    if attributes.code.is_none()
        && let Some(text) = &attributes.text
    {
        assert_eq!(checked.options.code, program_from_text(text));
    }
    well_formed(checked);
}

/// A URL fragment, as the page and an iframe read theirs, and as the page
/// writes the embed code for it.
fn fragment(text: &str) {
    let pairs = parse_fragment(text);
    let checked = RawOptions::from_fragment(&pairs).validate();
    let given =
        |key: &str| pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect::<Vec<_>>();
    if given("readonly").iter().any(|v| v != "0" && v != "false") {
        assert!(checked.options.readonly, "{text:?}");
    }
    for panels in given("panels") {
        never_wider_panels(&checked, |name| panels.split(',').any(|p| p.trim() == name));
    }
    never_wider_steps(&checked, &given("steps"));
    well_formed(checked);
    // What the page writes, it reads back as it was.
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(parse_fragment(&build_fragment(&borrowed)), pairs);
    assert_eq!(decode(&encode(text)), text);
    // The embed code quotes the address, whatever it holds: one iframe, one script.
    for page in [format!("https://example.org/play/index.html#{text}"), text.to_string()] {
        let snippet = iframe_snippet(&page);
        assert_eq!(snippet.matches('"').count(), 12, "{snippet}");
        assert_eq!(snippet.matches('<').count(), 4, "{snippet}");
        assert_eq!(snippet.matches('>').count(), 4, "{snippet}");
    }
}

/// A fragment of pairs from the option names and values above.
fn built_fragment(u: &mut Unstructured) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for _ in 0..u.int_in_range(0..=8).unwrap_or(0) {
        let (Ok(key), Ok(value)) = (u.choose(FRAGMENT_KEYS), u.choose(TEXTS)) else { break };
        pairs.push((key.to_string(), value.to_string()));
    }
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let built = build_fragment(&borrowed);
    assert_eq!(parse_fragment(&built), pairs);
    // Sometimes as a person types it, unescaped.
    if u.arbitrary().unwrap_or(false) {
        pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
    } else {
        format!("#{built}")
    }
}

/// Whichever panels show were asked for (`asked(name)`).
fn never_wider_panels(checked: &Checked, asked: impl Fn(&str) -> bool) {
    let p = checked.options.panels;
    for (name, shown) in [("editor", p.editor), ("controls", p.controls), ("output", p.output)] {
        assert!(!shown || asked(name), "{name} shows unasked: {:?}", checked.options);
    }
}

/// `3-6` or `4`, as the embed documentation describes ranges.
fn range(text: &str) -> Option<(usize, usize)> {
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let (a, b): (usize, usize) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a >= 1 && b >= a).then_some((a, b))
}

/// With `steps` asked, the learner can move only within every range asked
/// (one step, when one cannot be read or they do not meet).
fn never_wider_steps(checked: &Checked, asked: &[String]) {
    if asked.is_empty() {
        return;
    }
    let (x, y) = checked.options.steps.expect("steps were asked for");
    let ranges: Vec<Option<(usize, usize)>> = asked.iter().map(|s| range(s)).collect();
    let readable = ranges.iter().flatten().copied();
    let meet = readable.reduce(|(a, b), (c, d)| (a.max(c), b.min(d))).filter(|(a, b)| a <= b);
    if let Some((a, b)) = meet {
        assert!(a <= x && y <= b, "{:?} outside {asked:?}", (x, y));
    }
    if meet.is_none() || ranges.contains(&None) {
        assert_eq!(x, y, "{asked:?} gave {:?}", (x, y));
    }
}

/// What applies can only be a lesson the page can fetch safely, a colour,
/// an origin, and steps that exist.
fn well_formed(checked: Checked) {
    let o = &checked.options;
    if let Some(a) = &o.accent {
        assert!(a.chars().all(|c| c == '#' || c.is_ascii_alphanumeric()) && !a.is_empty(), "accent {a:?}");
    }
    if let Some(origin) = &o.origin {
        let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
        assert!(
            rest.is_some_and(|r| !r.is_empty() && !r.contains(['/', '?', '#', '@', ' '])),
            "origin {origin:?}"
        );
        assert_eq!(parse_origin(origin).as_deref(), Some(origin.as_str()));
    }
    match &o.lesson {
        Some((LessonSource::Listed(id), step)) => {
            assert!(is_lesson_id(id) && !id.contains(['.', '/', '\\', '%', '?']), "lesson {id:?}");
            assert!(*step >= 1);
        }
        Some((LessonSource::Url(url), step)) => {
            assert!(is_lesson_url(url), "lesson-url {url:?}");
            let lower = url.to_ascii_lowercase();
            let head = lower.split(['/', '?', '#']).next().unwrap_or("");
            assert!(
                !head.contains(':') || head.starts_with("http:") || head.starts_with("https:"),
                "{url:?}"
            );
            assert!(!url.chars().any(|c| c.is_whitespace() || c.is_control()), "{url:?}");
            assert!(*step >= 1);
        }
        None => {}
    }
    if let Some((a, b)) = o.steps {
        assert!(1 <= a && a <= b, "steps {:?}", o.steps);
    }
    for r in &checked.refused {
        assert!(!r.to_string().is_empty());
    }
    let refused = !checked.refused.is_empty();
    assert_eq!(checked.all_or_nothing().is_err(), refused);
}

/// A host page's command posted to an iframe, as `web::frame` reads it.
fn command(v: &Value) {
    let Some(command) = parse_command(|| v) else { return };
    assert_eq!(v["version"].as_u64(), Some(1), "{v}");
    let kind = v["type"].as_str().and_then(|t| t.strip_prefix(PREFIX));
    match command {
        Command::SetCode(code) => {
            assert_eq!(kind, Some("set-code"));
            assert_eq!(v["code"].as_str(), Some(code.as_str()));
            assert!(code.len() <= 1 << 20);
        }
        Command::SetStep(step) => {
            assert_eq!(kind, Some("set-step"));
            assert_eq!(v["step"].as_u64(), Some(step as u64));
            assert!((1..=10_000).contains(&step));
        }
    }
}

/// A command-like object built from the bytes.
fn command_object(u: &mut Unstructured) -> Value {
    let mut v = object(u, &["type", "version", "code", "step", "extra"]);
    if let Value::Object(map) = &mut v {
        if u.ratio(3, 4).unwrap_or(false) {
            let kind = u.choose(&["set-code", "set-step", "eval", "ready", ""]).unwrap_or(&"");
            map.insert("type".into(), Value::String(format!("{PREFIX}{kind}")));
        }
        if u.ratio(3, 4).unwrap_or(false) {
            map.insert("version".into(), Value::from(*u.choose(&[1, 1, 2, 0]).unwrap_or(&1)));
        }
    }
    v
}

/// An element's text content as its program, and the same text where a
/// lesson id or address is expected.
fn element_text(text: &str) {
    if let Some(program) = program_from_text(text) {
        assert!(!program.is_empty());
        assert_eq!(program_from_text(&program).as_deref(), Some(program.as_str()), "{text:?}");
    }
    let said = no_such_lesson(text);
    assert!(said.chars().count() <= 120, "{said}");
    let _ = is_listed(text, text.lines().next().unwrap_or(""));
    if is_lesson_id(text) {
        assert!(!text.contains(['.', '/', '\\', '%', '?', '#']));
    }
    let _ = is_lesson_url(text);
    let _ = parse_origin(text);
}
