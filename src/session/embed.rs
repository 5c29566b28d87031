//! Options for an embedded playground, from the URL fragment of an iframe
//! (`#embed=1&panels=editor,output&theme=dark`) or the options object of
//! `mount(element, options)`. Both are validated here, in one place.
//!
//! Validation fails closed: a bad option is refused (named, with its value
//! quoted as text), the other options still apply, and `readonly`, `steps`
//! and `panels` never end up wider than the embedder asked: a `readonly`
//! that cannot be read means read-only, a `steps` range that cannot be read
//! means the first step only, an unknown panel name shows nothing more.

use super::json::Json;
use std::fmt;

/// The parts of the playground an embed can show or hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panels {
    /// The program editor.
    pub editor: bool,
    /// The op / dim / keepdim controls.
    pub controls: bool,
    /// The printed output.
    pub output: bool,
}

impl Default for Panels {
    fn default() -> Panels {
        Panels { editor: true, controls: true, output: true }
    }
}

/// The colour scheme an embed asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The value of the page's `data-theme` attribute (`None` for auto).
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// Everything an embed can set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedOptions {
    /// The program (ignored when a lesson is given).
    pub code: Option<String>,
    /// A lesson id and the step to open (1-based).
    pub lesson: Option<(String, usize)>,
    /// The only steps the learner may move between, inclusive.
    pub steps: Option<(usize, usize)>,
    /// Which panels show.
    pub panels: Panels,
    /// Whether the program can be changed.
    pub readonly: bool,
    /// The colour scheme.
    pub theme: Theme,
    /// An accent colour (`#rgb`, `#rrggbb` or a CSS colour name).
    pub accent: Option<String>,
    /// The origin allowed to send commands to an iframe (`https://example.org`).
    pub origin: Option<String>,
}

/// An option that was refused, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The option's name, as the embedder wrote it (`accent`).
    pub option: &'static str,
    /// Why, quoting the value given, and what applies instead where that matters.
    pub reason: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.option, self.reason)
    }
}

/// The options a URL fragment may carry, in the order they are checked.
const FRAGMENT_OPTIONS: [&str; 9] =
    ["code", "lesson", "step", "steps", "panels", "readonly", "theme", "accent", "origin"];

/// The options of `mount(element, options)` or of a URL fragment, before
/// they are validated.
#[derive(Debug, Clone, Default)]
pub struct RawOptions {
    /// `code`
    pub code: Option<String>,
    /// `lesson`
    pub lesson: Option<String>,
    /// `step`
    pub step: Option<usize>,
    /// `steps`, like `"3-6"`
    pub steps: Option<String>,
    /// `panels`, like `["editor", "output"]`
    pub panels: Option<Vec<String>>,
    /// `readonly`
    pub readonly: Option<bool>,
    /// `theme`
    pub theme: Option<String>,
    /// `accent`
    pub accent: Option<String>,
    /// `origin` (iframes only)
    pub origin: Option<String>,
    /// Further `steps` of a fragment that gave it more than once.
    more_steps: Vec<String>,
    /// What was refused while reading the options, before validation.
    refused: Vec<Refusal>,
}

impl RawOptions {
    /// The raw options of a URL fragment's pairs (unknown keys are left to
    /// the page). Nothing here fails: what cannot be read is refused, and
    /// `validate` reports it with the rest.
    pub fn from_fragment(pairs: &[(String, String)]) -> RawOptions {
        let mut raw = RawOptions::default();
        for name in FRAGMENT_OPTIONS {
            let mut values = pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str());
            let Some(first) = values.next() else { continue };
            // Which of two values was meant cannot be known; the page's own
            // reading of `code` (the first) is kept for the program.
            let more: Vec<&str> = values.collect();
            if !more.is_empty() && name != "code" {
                raw.refuse(name, "given more than once".into());
                // Every range given is kept: the learner stays within all of them.
                if name == "steps" {
                    raw.steps = Some(first.to_string());
                    raw.more_steps = more.iter().map(|v| v.to_string()).collect();
                }
                continue;
            }
            raw.read_fragment_value(name, first);
        }
        raw
    }

    fn read_fragment_value(&mut self, name: &'static str, v: &str) {
        match name {
            "code" => self.code = Some(v.to_string()),
            "lesson" => self.lesson = Some(v.to_string()),
            "step" => match v.parse() {
                Ok(n) if n >= 1 => self.step = Some(n),
                _ => self.refuse(name, format!("`{v}` is not a step number")),
            },
            "steps" => self.steps = Some(v.to_string()),
            "panels" => {
                self.panels =
                    Some(v.split(',').filter(|p| !p.trim().is_empty()).map(str::to_string).collect())
            }
            "readonly" => match v {
                // A bare `readonly` is how the attribute reads, so it means yes.
                "" | "1" | "true" => self.readonly = Some(true),
                "0" | "false" => self.readonly = Some(false),
                _ => self.refuse(name, format!("`{v}` is not 1 or 0")),
            },
            "theme" => self.theme = Some(v.to_string()),
            "accent" => self.accent = Some(v.to_string()),
            "origin" => match parse_origin(v) {
                Some(o) => self.origin = Some(o),
                None => self.refuse(name, format!("`{v}` is not an origin like https://example.org")),
            },
            _ => {}
        }
    }

    fn refuse(&mut self, option: &'static str, reason: String) {
        self.refused.push(Refusal { option, reason });
    }

    fn was_refused(&self, option: &str) -> bool {
        self.refused.iter().any(|r| r.option == option)
    }

    /// The raw options of `mount(element, options)`'s object (as JSON):
    /// each field must have its type, and a field that is not an option is
    /// refused; errors name the field. `null` (or `undefined`) leaves a
    /// field out.
    pub fn from_json(options: &Json) -> Result<RawOptions, String> {
        let Some(fields) = options.as_object() else {
            return Err(format!("options: expected an object, not {}", options.kind()));
        };
        let mut raw = RawOptions::default();
        for (key, v) in fields.iter().filter(|(_, v)| !v.is_null()) {
            let expected = |what: &str| format!("{key}: expected {what}, not {}", v.kind());
            let string = || v.as_str().map(str::to_string).ok_or_else(|| expected("a string"));
            match key.as_str() {
                "code" => raw.code = Some(string()?),
                "lesson" => raw.lesson = Some(string()?),
                "step" => {
                    let step =
                        v.as_u64().filter(|&n| n >= 1).ok_or_else(|| expected("a step number from 1"))?;
                    raw.step = Some(usize::try_from(step).map_err(|_| expected("a step number from 1"))?);
                }
                "steps" => raw.steps = Some(string()?),
                "panels" => {
                    let list = v.as_array().ok_or_else(|| expected("an array of panel names"))?;
                    let names = list.iter().map(|p| p.as_str().map(str::to_string));
                    raw.panels = Some(
                        names.collect::<Option<_>>().ok_or_else(|| expected("an array of panel names"))?,
                    );
                }
                "readonly" => raw.readonly = Some(v.as_bool().ok_or_else(|| expected("true or false"))?),
                "theme" => raw.theme = Some(string()?),
                "accent" => raw.accent = Some(string()?),
                other => {
                    return Err(format!(
                        "{other}: not an option (they are code, lesson, step, steps, panels, readonly, theme, accent)"
                    ));
                }
            }
        }
        Ok(raw)
    }

    /// Validates the options: each bad one is refused on its own, the rest
    /// apply, and what is refused of `readonly`, `steps` and `panels` is
    /// read in the narrowest way.
    pub fn validate(mut self) -> Checked {
        let step = self.step;
        let lesson = match self.lesson.take() {
            Some(id) if !is_lesson_id(&id) => {
                self.refuse("lesson", format!("`{id}` is not a lesson id"));
                None
            }
            lesson => lesson,
        };
        if lesson.is_none() && step.is_some() && !self.was_refused("lesson") {
            self.refuse("step", "needs a lesson".into());
        }
        // Every range given must hold; one that cannot be read narrows the
        // learner to a single step, within the ranges that could be.
        let mut ranges = Vec::new();
        let mut unreadable = false;
        for text in self.steps.take().into_iter().chain(std::mem::take(&mut self.more_steps)) {
            match parse_range(&text) {
                Some(range) => ranges.push(range),
                None => {
                    self.refuse("steps", format!("`{text}` is not a range like 3-6"));
                    unreadable = true;
                }
            }
        }
        let meet = ranges.into_iter().reduce(|(a, b), (c, d)| (a.max(c), b.min(d)));
        // Where a lesson opens: the step asked for, else the first of the range.
        let start = step.or(meet.map(|(a, _)| a)).unwrap_or(1);
        let steps = match meet {
            Some((a, b)) if a <= b && !unreadable => Some((a, b)),
            Some((a, b)) if a <= b => Some((start.clamp(a, b), start.clamp(a, b))),
            None if !unreadable => None,
            _ => Some((start, start)),
        };
        let mut panels = Panels::default();
        if self.was_refused("panels") {
            panels = Panels { editor: false, controls: false, output: false };
        }
        if let Some(list) = self.panels.take() {
            panels = Panels { editor: false, controls: false, output: false };
            for p in list {
                match p.trim() {
                    "editor" => panels.editor = true,
                    "controls" => panels.controls = true,
                    "output" => panels.output = true,
                    other => {
                        self.refuse("panels", format!("`{other}` is not one of editor, controls, output"))
                    }
                }
            }
        }
        let theme = match self.theme.take().as_deref() {
            None | Some("auto") => Theme::Auto,
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(other) => {
                self.refuse("theme", format!("`{other}` is not light, dark or auto"));
                Theme::Auto
            }
        };
        let accent = match self.accent.take() {
            Some(a) if !is_colour(&a) => {
                self.refuse("accent", format!("`{a}` is not a colour like #0b5cc7"));
                None
            }
            a => a,
        };
        let readonly = self.readonly.unwrap_or(false) || self.was_refused("readonly");
        let options = EmbedOptions {
            code: self.code.take(),
            lesson: lesson.map(|id| (id, start)),
            steps,
            panels,
            readonly,
            theme,
            accent,
            origin: self.origin.take(),
        };
        // Say what applies instead where a refusal narrowed the playground.
        for r in &mut self.refused {
            match r.option {
                "readonly" => r.reason.push_str(" (read as 1: the program cannot be changed)"),
                "steps" => r.reason.push_str(&match steps {
                    Some((a, b)) if a < b => format!(" (only steps {a}-{b} can be visited)"),
                    _ => format!(" (only step {} can be visited)", steps.map_or(start, |(a, _)| a)),
                }),
                "panels" if !r.reason.starts_with('`') => r.reason.push_str(" (only the tensors show)"),
                _ => {}
            }
        }
        Checked { options, refused: self.refused }
    }
}

/// Options as validated: what applies, and what was refused.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The options that apply.
    pub options: EmbedOptions,
    /// The options refused, in the order they were checked.
    pub refused: Vec<Refusal>,
}

impl Checked {
    /// The options if none was refused, else the first refusal: `mount()`
    /// and `<tensor-playground>` start only with options that all apply.
    pub fn all_or_nothing(self) -> Result<EmbedOptions, String> {
        match self.refused.first() {
            Some(r) => Err(r.to_string()),
            None => Ok(self.options),
        }
    }
}

/// `3-6` (or `4`, a single step).
fn parse_range(text: &str) -> Option<(usize, usize)> {
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let (a, b): (usize, usize) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a >= 1 && b >= a).then_some((a, b))
}

/// Whether `s` can name a lesson: letters, digits, `-` and `_`, so that it
/// can only ever name a file in `lessons/`.
pub fn is_lesson_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The lesson ids `lessons/index.txt` lists, in order: one per line, blank
/// lines skipped. A line that cannot be an id is left out.
pub fn listed_lessons(index: &str) -> impl Iterator<Item = &str> {
    index.lines().map(str::trim).filter(|l| is_lesson_id(l))
}

/// Whether `lessons/index.txt` (its text) lists the lesson `id`: the only
/// lessons the playground fetches.
pub fn is_listed(index: &str, id: &str) -> bool {
    listed_lessons(index).any(|l| l == id)
}

/// What the learner is told about a lesson the lesson list does not name:
/// the id quoted as given, cut short if long.
pub fn no_such_lesson(id: &str) -> String {
    const SHOWN: usize = 80;
    let shown: String = id.chars().take(SHOWN).collect();
    let cut = if id.chars().nth(SHOWN).is_some() { "…" } else { "" };
    format!("There is no lesson called “{shown}{cut}”.")
}

/// A colour that is safe to put into a CSS custom property: a hex colour
/// or a plain colour name, nothing that could carry other CSS.
fn is_colour(s: &str) -> bool {
    match s.strip_prefix('#') {
        Some(hex) => matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit()),
        None => !s.is_empty() && s.len() <= 32 && s.chars().all(|c| c.is_ascii_alphabetic()),
    }
}

/// The allowed command origin from an `origin=` value: a plain
/// `scheme://host[:port]`, nothing more, in lower case as browsers write
/// a message's origin.
pub fn parse_origin(text: &str) -> Option<String> {
    let text = text.to_ascii_lowercase();
    let (scheme, rest) = text.split_once("://")?;
    let host_ok = !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    (matches!(scheme, "http" | "https") && host_ok).then(|| text.clone())
}

/// The HTML that embeds the view at `page_url` (the playground's own URL,
/// with its fragment) in another page: an iframe in embed mode, and the
/// host script that sizes it.
pub fn iframe_snippet(page_url: &str) -> String {
    let (page, fragment) = page_url.split_once('#').unwrap_or((page_url, ""));
    let folder = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    let pairs: Vec<(String, String)> =
        crate::session::url::parse_fragment(fragment).into_iter().filter(|(k, _)| k != "embed").collect();
    let mut borrowed: Vec<(&str, &str)> = vec![("embed", "1")];
    borrowed.extend(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let src = format!("{page}#{}", crate::session::url::build_fragment(&borrowed));
    format!(
        "<iframe src=\"{}\" title=\"Tensor Playground\" width=\"100%\" height=\"480\" style=\"border: 0\"></iframe>\n\
         <script src=\"{}embed.js\"></script>",
        attribute(&src),
        attribute(folder)
    )
}

/// Text made safe inside a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        crate::session::url::parse_fragment(text)
    }

    #[test]
    fn fragment_options_validate() {
        let o = RawOptions::from_fragment(&pairs(
            "#embed=1&lesson=reductions&steps=3-6&panels=editor,output&theme=dark&accent=%23ff8800",
        ))
        .validate()
        .all_or_nothing()
        .unwrap();
        assert_eq!(o.lesson, Some(("reductions".to_string(), 3)));
        assert_eq!(o.steps, Some((3, 6)));
        assert_eq!(o.panels, Panels { editor: true, controls: false, output: true });
        assert_eq!(o.theme, Theme::Dark);
        assert_eq!(o.accent.as_deref(), Some("#ff8800"));
    }

    #[test]
    fn bad_options_name_their_field() {
        let err = |raw: RawOptions| raw.validate().all_or_nothing().unwrap_err();
        assert_eq!(
            err(RawOptions { theme: Some("blue".into()), ..Default::default() }),
            "theme: `blue` is not light, dark or auto"
        );
        assert!(
            err(RawOptions { accent: Some("red;}body{display:none".into()), ..Default::default() })
                .starts_with("accent:")
        );
        assert!(
            err(RawOptions { steps: Some("6-3".into()), lesson: Some("x".into()), ..Default::default() })
                .starts_with("steps:")
        );
        assert!(
            err(RawOptions { panels: Some(vec!["grids".into()]), ..Default::default() })
                .starts_with("panels:")
        );
        assert!(
            err(RawOptions { lesson: Some("../../etc".into()), ..Default::default() }).starts_with("lesson:")
        );
    }

    /// The options a fragment comes to, and the names of the options refused.
    fn read(fragment: &str) -> (EmbedOptions, Vec<&'static str>) {
        let checked = RawOptions::from_fragment(&pairs(fragment)).validate();
        (checked.options, checked.refused.iter().map(|r| r.option).collect())
    }

    #[test]
    fn a_bad_option_is_refused_alone_and_the_others_apply() {
        // Issue 17: one bad accent used to drop readonly, and steps with it.
        let (o, refused) = read("#embed=1&readonly=1&accent=bluish-green");
        assert!(o.readonly);
        assert_eq!(refused, ["accent"]);
        let (o, refused) = read("#embed=1&lesson=reductions&steps=3-4&accent=%23abcd1");
        assert_eq!(o.steps, Some((3, 4)));
        assert_eq!(o.lesson, Some(("reductions".to_string(), 3)));
        assert_eq!(refused, ["accent"]);
        let (o, refused) =
            read("#embed=1&theme=blue&panels=editor&readonly=1&origin=https%3A%2F%2Fa.example");
        assert_eq!(
            (o.theme, o.readonly, o.origin.as_deref()),
            (Theme::Auto, true, Some("https://a.example"))
        );
        assert_eq!(o.panels, Panels { editor: true, controls: false, output: false });
        assert_eq!(refused, ["theme"]);
    }

    #[test]
    fn what_cannot_be_read_is_read_narrowly() {
        // readonly: anything but 0 or false means read-only.
        for yes in [
            "#readonly",
            "#readonly=",
            "#readonly=1",
            "#readonly=true",
            "#readonly=yes",
            "#readonly=0&readonly=1",
        ] {
            assert!(read(yes).0.readonly, "{yes}");
        }
        assert!(!read("#readonly=0").0.readonly);
        assert_eq!(read("#readonly=yes").1, ["readonly"]);
        // steps: a range that cannot be read keeps the learner on the step it opens on.
        assert_eq!(read("#lesson=r&step=5&steps=7-3").0.steps, Some((5, 5)));
        assert_eq!(read("#lesson=r&steps=x").0.steps, Some((1, 1)));
        assert_eq!(read("#lesson=r&steps=99999999999999999999999").0.steps, Some((1, 1)));
        assert_eq!(read("#lesson=r&steps=2-3&steps=1-9").0.steps, Some((2, 3)));
        assert_eq!(read("#lesson=r&step=7&steps=3-4&steps=x").0.steps, Some((4, 4)));
        // Ranges that do not meet: one step, however it is chosen.
        assert!(read("#lesson=r&steps=1-2&steps=5-6").0.steps.is_some_and(|(a, b)| a == b));
        // panels: an unknown name adds nothing; the known ones still show.
        let (o, refused) = read("#panels=editor,grids");
        assert_eq!(o.panels, Panels { editor: true, controls: false, output: false });
        assert_eq!(refused, ["panels"]);
        assert_eq!(
            read("#panels=editor&panels=output").0.panels,
            Panels { editor: false, controls: false, output: false }
        );
        // origin: one that cannot be read allows no sender.
        let (o, refused) = read("#embed=1&origin=*");
        assert_eq!((o.origin, refused), (None, vec!["origin"]));
        // step: not a number, so the lesson opens where steps start.
        let (o, refused) = read("#lesson=r&step=two&steps=3-4");
        assert_eq!((o.lesson, refused), (Some(("r".to_string(), 3)), vec!["step"]));
    }

    #[test]
    fn refusals_say_what_applies_instead() {
        let said = |fragment: &str| {
            let checked = RawOptions::from_fragment(&pairs(fragment)).validate();
            checked.refused.iter().map(ToString::to_string).collect::<Vec<_>>()
        };
        assert_eq!(
            said("#readonly=yes"),
            ["readonly: `yes` is not 1 or 0 (read as 1: the program cannot be changed)"]
        );
        assert_eq!(
            said("#lesson=r&step=2&steps=4-3"),
            ["steps: `4-3` is not a range like 3-6 (only step 2 can be visited)"]
        );
        assert_eq!(said("#panels=grids"), ["panels: `grids` is not one of editor, controls, output"]);
        assert_eq!(said("#theme=a&theme=b"), ["theme: given more than once"]);
        assert_eq!(said("#lesson=..%2Fx"), ["lesson: `../x` is not a lesson id"]);
    }

    #[test]
    fn only_listed_lessons_are_lessons() {
        let index = "reductions\n  keepdim \n\n../secret\nnot an id\n";
        assert_eq!(listed_lessons(index).collect::<Vec<_>>(), ["reductions", "keepdim"]);
        assert!(is_listed(index, "keepdim"));
        for id in ["../../upload.txt?", "../secret", "not an id", "", "reduction"] {
            assert!(!is_listed(index, id), "{id}");
        }
    }

    #[test]
    fn a_missing_lesson_is_named_briefly() {
        assert_eq!(no_such_lesson("nope"), "There is no lesson called “nope”.");
        assert_eq!(no_such_lesson("../../upload.txt?"), "There is no lesson called “../../upload.txt?”.");
        let long = "é".repeat(1000);
        assert_eq!(no_such_lesson(&long), format!("There is no lesson called “{}…”.", "é".repeat(80)));
        assert_eq!(
            no_such_lesson(&"x".repeat(80)),
            format!("There is no lesson called “{}”.", "x".repeat(80))
        );
    }

    #[test]
    fn mount_options_are_typed_and_known() {
        let raw = RawOptions::from_json(&Json::from(serde_json::json!({
            "lesson": "reductions", "step": 2, "panels": ["editor"], "readonly": true, "theme": "dark", "code": null
        })))
        .unwrap();
        assert_eq!(
            (raw.lesson.as_deref(), raw.step, raw.readonly),
            (Some("reductions"), Some(2), Some(true))
        );
        assert_eq!(raw.code, None);
        let err = |v: serde_json::Value| RawOptions::from_json(&v.into()).unwrap_err();
        assert_eq!(err(serde_json::json!({"code": 5})), "code: expected a string, not the number 5");
        assert_eq!(
            err(serde_json::json!({"lesson": "x", "step": -1})),
            "step: expected a step number from 1, not the number -1"
        );
        assert_eq!(
            err(serde_json::json!({"lesson": "x", "step": 1.5})),
            "step: expected a step number from 1, not the number 1.5"
        );
        assert!(err(serde_json::json!({"panels": "editor"})).starts_with("panels: expected an array"));
        assert!(err(serde_json::json!({"panels": ["editor", 1]})).starts_with("panels: expected an array"));
        assert_eq!(
            err(serde_json::json!({"readonly": "yes"})),
            "readonly: expected true or false, not a string"
        );
        assert!(err(serde_json::json!({"colour": "red"})).starts_with("colour: not an option"));
        assert!(err(serde_json::json!([1])).starts_with("options: expected an object"));
    }

    #[test]
    fn embed_code_is_an_iframe_in_embed_mode() {
        let snippet =
            iframe_snippet("https://example.org/play/index.html#code=t.sum()&lesson=reductions&step=2");
        assert_eq!(
            snippet,
            "<iframe src=\"https://example.org/play/index.html#embed=1&amp;code=t.sum%28%29&amp;lesson=reductions&amp;step=2\" \
             title=\"Tensor Playground\" width=\"100%\" height=\"480\" style=\"border: 0\"></iframe>\n\
             <script src=\"https://example.org/play/embed.js\"></script>"
        );
    }

    #[test]
    fn origins_are_plain() {
        assert_eq!(
            parse_origin("https://course.example:8443").as_deref(),
            Some("https://course.example:8443")
        );
        assert_eq!(parse_origin("*"), None);
        assert_eq!(parse_origin("javascript://x"), None);
        assert_eq!(parse_origin("https://a.example/path"), None);
        assert_eq!(parse_origin("HTTPS://A.Example").as_deref(), Some("https://a.example"));
    }
    // Whatever a fragment holds, readonly, steps and panels are never wider than asked.
    #[cfg(not(target_arch = "wasm32"))]
    mod never_wider {
        use super::*;
        use proptest::prelude::*;

        fn pair() -> impl Strategy<Value = (String, String)> {
            let key = prop::sample::select(vec![
                "readonly", "steps", "panels", "step", "lesson", "accent", "theme", "origin", "code", "embed",
            ]);
            let value = prop::sample::select(vec![
                "",
                "0",
                "1",
                "true",
                "false",
                "yes",
                "3-4",
                "2-9",
                "4-3",
                "7",
                "x",
                "-",
                "18446744073709551616",
                "editor",
                "output,controls",
                "editor,grids",
                "dark",
                "#abcd1",
                "bluish-green",
                "https://a.example",
                "reductions",
                "../x",
            ]);
            (key, value).prop_map(|(k, v)| (k.to_string(), v.to_string()))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            #[test]
            fn readonly_steps_and_panels(pairs in prop::collection::vec(pair(), 0..8)) {
                let given = |key: &'static str| pairs.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str());
                let checked = RawOptions::from_fragment(&pairs).validate();
                let o = &checked.options;
                if given("readonly").any(|v| v != "0" && v != "false") {
                    prop_assert!(o.readonly);
                }
                let asked: Vec<(usize, usize)> = given("steps").filter_map(parse_range).collect();
                if given("steps").next().is_some() {
                    let (x, y) = o.steps.expect("steps were asked for");
                    prop_assert!(x <= y);
                    let meet = asked.iter().copied().reduce(|(a, b), (c, d)| (a.max(c), b.min(d)));
                    if let Some((a, b)) = meet.filter(|(a, b)| a <= b) {
                        prop_assert!(a <= x && y <= b, "{:?} within {:?}", o.steps, (a, b));
                    } else {
                        prop_assert_eq!(x, y);
                    }
                }
                for (name, shown) in [("editor", o.panels.editor), ("controls", o.panels.controls), ("output", o.panels.output)] {
                    if shown {
                        prop_assert!(given("panels").all(|v| v.split(',').any(|p| p.trim() == name)));
                    }
                }
                for r in &checked.refused {
                    prop_assert!(FRAGMENT_OPTIONS.contains(&r.option));
                }
            }
        }
    }
}
