//! Options for an embedded playground, from the URL fragment of an iframe
//! (`#embed=1&panels=editor,output&theme=dark`), the attributes of a
//! `<tensor-playground>` element, or the options object of
//! `mount(element, options)` (serde types, read through serde-wasm-bindgen).
//! All are validated here, in one place.
//!
//! Validation fails closed: a bad option is refused (named, with its value
//! quoted as text), the other options still apply, and `readonly`, `steps`
//! and `panels` never end up wider than the embedder asked: a `readonly`
//! that cannot be read means read-only, a `steps` range that cannot be read
//! means the first step only, an unknown panel name shows nothing more.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
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

/// Where a lesson comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LessonSource {
    /// One of the playground's own lessons, by id (`lessons/index.txt` lists it).
    Listed(String),
    /// A lesson file on the author's own site (`lesson-url`), by its address.
    Url(String),
}

/// Everything an embed can set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedOptions {
    /// The program (ignored when a lesson is given).
    pub code: Option<String>,
    /// A lesson and the step to open (1-based).
    pub lesson: Option<(LessonSource, usize)>,
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
const FRAGMENT_OPTIONS: [&str; 10] =
    ["code", "lesson", "lesson-url", "step", "steps", "panels", "readonly", "theme", "accent", "origin"];

/// The fields of `mount(element, options)`'s options object.
pub const MOUNT_OPTIONS: [&str; 9] =
    ["code", "lesson", "lessonUrl", "step", "steps", "panels", "readonly", "theme", "accent"];

/// The options of `mount(element, options)` or of a URL fragment, before
/// they are validated.
#[derive(Debug, Clone, Default)]
pub struct RawOptions {
    /// `code`
    pub code: Option<String>,
    /// `lesson`
    pub lesson: Option<String>,
    /// `lesson-url` (`lessonUrl` in `mount()`)
    pub lesson_url: Option<String>,
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
            "lesson-url" => self.lesson_url = Some(v.to_string()),
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

    /// The raw options of `mount(element, options)`'s object, read by
    /// `deserializer`: each field must have its type, and a field that is
    /// not an option is refused; errors name the field. `null` (or
    /// `undefined`) leaves a field out. `keys` are the object's own keys:
    /// serde-wasm-bindgen reads only the fields a struct has, so the ones
    /// it does not have are found from these.
    pub fn from_mount<'de, D: Deserializer<'de>>(
        deserializer: D,
        keys: impl IntoIterator<Item = String>,
    ) -> Result<RawOptions, String> {
        if let Some(other) = keys.into_iter().find(|k| !MOUNT_OPTIONS.contains(&k.as_str())) {
            return Err(format!("{other}: not an option (they are {})", MOUNT_OPTIONS.join(", ")));
        }
        let given: MountOptions = serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let inner = e.inner().to_string();
            // serde-wasm-bindgen's errors are JavaScript `Error`s, and read as such.
            let inner = inner.strip_prefix("Error: ").unwrap_or(&inner);
            match e.path().to_string().as_str() {
                "." => format!("options: {inner}"),
                path => format!("{path}: {inner}"),
            }
        })?;
        Ok(RawOptions {
            code: given.code,
            lesson: given.lesson,
            lesson_url: given.lesson_url,
            step: given.step.map(|StepNumber(n)| n),
            steps: given.steps,
            panels: given.panels,
            readonly: given.readonly,
            theme: given.theme,
            accent: given.accent,
            ..RawOptions::default()
        })
    }

    /// Validates the options: each bad one is refused on its own, the rest
    /// apply, and what is refused of `readonly`, `steps` and `panels` is
    /// read in the narrowest way.
    pub fn validate(mut self) -> Checked {
        let step = self.step;
        let mut lesson = match self.lesson.take() {
            Some(id) if !is_lesson_id(&id) => {
                self.refuse("lesson", format!("`{id}` is not a lesson id"));
                None
            }
            lesson => lesson.map(LessonSource::Listed),
        };
        match self.lesson_url.take() {
            Some(url) if !is_lesson_url(&url) => self.refuse(
                "lesson-url",
                format!("`{url}` is not an http(s) address or a path like lessons/mine.md"),
            ),
            // Which of the two was meant cannot be known: the playground's own lesson stays.
            Some(_) if lesson.is_some() || self.was_refused("lesson") => {
                self.refuse("lesson-url", "give lesson or lesson-url, not both".into())
            }
            Some(url) => lesson = Some(LessonSource::Url(url)),
            None => {}
        }
        if lesson.is_none()
            && step.is_some()
            && !self.was_refused("lesson")
            && !self.was_refused("lesson-url")
        {
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
            lesson: lesson.map(|source| (source, start)),
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

/// `mount()`'s options object, as the host page gives it (the TypeScript
/// declarations, `www/tensor-playground.d.ts`, describe the same).
#[derive(Debug, Clone, Default, Deserialize)]
struct MountOptions {
    code: Option<String>,
    lesson: Option<String>,
    #[serde(rename = "lessonUrl")]
    lesson_url: Option<String>,
    step: Option<StepNumber>,
    steps: Option<String>,
    panels: Option<Vec<String>>,
    readonly: Option<bool>,
    theme: Option<String>,
    accent: Option<String>,
}

/// A step number: a whole number from 1.
#[derive(Debug, Clone, Copy)]
struct StepNumber(usize);

impl<'de> Deserialize<'de> for StepNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StepNumber, D::Error> {
        struct Step;
        impl Visitor<'_> for Step {
            type Value = StepNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a step number from 1")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<StepNumber, E> {
                match usize::try_from(n) {
                    Ok(n) if n >= 1 => Ok(StepNumber(n)),
                    _ => Err(E::invalid_value(de::Unexpected::Unsigned(n), &self)),
                }
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<StepNumber, E> {
                u64::try_from(n)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(n), &self))
                    .and_then(|n| self.visit_u64(n))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<StepNumber, E> {
                Err(E::invalid_value(de::Unexpected::Float(n), &self))
            }
        }
        deserializer.deserialize_u64(Step)
    }
}

/// The attributes of a `<tensor-playground>` element, as text (an absent
/// attribute is `null`), and its text content: the program, when there is
/// no `code` attribute.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Attributes {
    /// `code`
    pub code: Option<String>,
    /// `lesson`
    pub lesson: Option<String>,
    /// `lesson-url`
    #[serde(rename = "lesson-url")]
    pub lesson_url: Option<String>,
    /// `step`
    pub step: Option<String>,
    /// `steps`
    pub steps: Option<String>,
    /// `panels`, comma-separated
    pub panels: Option<String>,
    /// `readonly` (`""` for the bare attribute)
    pub readonly: Option<String>,
    /// `theme`
    pub theme: Option<String>,
    /// `accent`
    pub accent: Option<String>,
    /// The element's text content.
    pub text: Option<String>,
}

impl Attributes {
    /// The raw options the attributes give, read as a fragment's values
    /// are (attributes are text too); the text content is the program when
    /// there is no `code` attribute.
    pub fn raw_options(&self) -> RawOptions {
        let code = self.code.clone().or_else(|| self.text.as_deref().and_then(program_from_text));
        let named = [
            ("code", &code),
            ("lesson", &self.lesson),
            ("lesson-url", &self.lesson_url),
            ("step", &self.step),
            ("steps", &self.steps),
            ("panels", &self.panels),
            ("readonly", &self.readonly),
            ("theme", &self.theme),
            ("accent", &self.accent),
        ];
        let pairs: Vec<(String, String)> =
            named.iter().filter_map(|(k, v)| Some((k.to_string(), (*v).clone()?))).collect();
        RawOptions::from_fragment(&pairs)
    }
}

/// The program an element's text content holds, as an author indents it
/// inside the element: blank lines around it dropped, and the indentation
/// its lines share removed. `None` when there is only white space.
pub fn program_from_text(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end()).collect();
    let first = lines.iter().position(|l| !l.is_empty())?;
    let last = lines.iter().rposition(|l| !l.is_empty())?;
    let lines = &lines[first..=last];
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    let shared = lines.iter().filter(|l| !l.is_empty()).map(|l| indent(l)).min().unwrap_or(0);
    // Only the same white space is shared: a tab is not two spaces.
    let prefix = &lines.iter().find(|l| !l.is_empty())?[..shared];
    let cut = lines.iter().map(|l| l.strip_prefix(prefix).unwrap_or(l.trim_start())).collect::<Vec<_>>();
    Some(cut.join("\n"))
}

/// Whether `s` may be fetched as a lesson file: an http(s) address, or a
/// path relative to the page (`lessons/mine.md`, `/course/mine.md`), with
/// no white space or control characters.
pub fn is_lesson_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    // A scheme is what comes before a `:` that precedes any `/`, `?` or `#`.
    let scheme = lower.split(['/', '?', '#']).next().and_then(|head| head.split_once(':')).map(|(s, _)| s);
    !s.is_empty()
        && s.len() <= 2048
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && matches!(scheme, None | Some("http" | "https"))
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

/// The lesson ids `lessons/index.txt` lists, in order: one per line (the
/// line's first field: `lesson::listing`), blank lines skipped. A line that
/// cannot be an id is left out.
pub fn listed_lessons(index: &str) -> impl Iterator<Item = &str> {
    index.lines().map(crate::lesson::listing::listed_id).filter(|l| is_lesson_id(l))
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
        assert_eq!(o.lesson, Some((LessonSource::Listed("reductions".into()), 3)));
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
        assert_eq!(o.lesson, Some((LessonSource::Listed("reductions".into()), 3)));
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
        assert_eq!((o.lesson, refused), (Some((LessonSource::Listed("r".into()), 3)), vec!["step"]));
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

    /// `mount()`'s options from a JSON value, as from a JavaScript object.
    #[cfg(not(target_arch = "wasm32"))]
    fn mount(v: serde_json::Value) -> Result<RawOptions, String> {
        let keys: Vec<String> = v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
        RawOptions::from_mount(&v, keys)
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn mount_options_are_typed_and_known() {
        let raw = mount(serde_json::json!({
            "lesson": "reductions", "step": 2, "panels": ["editor"], "readonly": true, "theme": "dark", "code": null
        }))
        .unwrap();
        assert_eq!(
            (raw.lesson.as_deref(), raw.step, raw.readonly),
            (Some("reductions"), Some(2), Some(true))
        );
        assert_eq!(raw.code, None);
        let err = |v: serde_json::Value| mount(v).unwrap_err();
        assert_eq!(err(serde_json::json!({"code": 5})), "code: invalid type: integer `5`, expected a string");
        assert_eq!(
            err(serde_json::json!({"lesson": "x", "step": -1})),
            "step: invalid value: integer `-1`, expected a step number from 1"
        );
        assert_eq!(
            err(serde_json::json!({"lesson": "x", "step": 0})),
            "step: invalid value: integer `0`, expected a step number from 1"
        );
        assert_eq!(
            err(serde_json::json!({"lesson": "x", "step": 1.5})),
            "step: invalid value: floating point `1.5`, expected a step number from 1"
        );
        assert!(err(serde_json::json!({"panels": "editor"})).starts_with("panels: invalid type: string"));
        assert!(err(serde_json::json!({"panels": ["editor", 1]})).starts_with("panels[1]: invalid type"));
        assert_eq!(
            err(serde_json::json!({"readonly": "yes"})),
            "readonly: invalid type: string \"yes\", expected a boolean"
        );
        assert!(err(serde_json::json!({"colour": "red"})).starts_with("colour: not an option"));
        assert!(err(serde_json::json!("code")).starts_with("options: invalid type: string"));
        let raw = mount(serde_json::json!({"lessonUrl": "lessons/mine.md", "step": 3})).unwrap();
        let o = raw.validate().all_or_nothing().unwrap();
        assert_eq!(o.lesson, Some((LessonSource::Url("lessons/mine.md".into()), 3)));
    }

    #[test]
    fn a_lesson_url_is_an_address_or_a_path() {
        for ok in
            ["lessons/mine.md", "/course/l.md", "https://a.example/l.md", "HTTP://a.example/x?y=1", "l.md#x"]
        {
            assert!(is_lesson_url(ok), "{ok}");
        }
        for bad in ["", "javascript:alert(1)", "data:text/plain,x", "file:///etc/passwd", "a b.md", "x\n.md"]
        {
            assert!(!is_lesson_url(bad), "{bad:?}");
        }
        let (o, refused) = read("#lesson-url=https%3A%2F%2Fa.example%2Fl.md&step=2");
        assert_eq!(
            (o.lesson, refused),
            (Some((LessonSource::Url("https://a.example/l.md".into()), 2)), vec![])
        );
        // Both: the playground's own lesson stays, and the address is refused.
        let (o, refused) = read("#lesson=reductions&lesson-url=l.md");
        assert_eq!(
            (o.lesson, refused),
            (Some((LessonSource::Listed("reductions".into()), 1)), vec!["lesson-url"])
        );
        let (o, refused) = read("#lesson-url=javascript%3Ax&step=2");
        assert_eq!((o.lesson, refused), (None, vec!["lesson-url"]));
    }

    #[test]
    fn an_element_reads_its_attributes_and_its_text() {
        let element = |code: Option<&str>, text: &str| Attributes {
            code: code.map(str::to_string),
            text: Some(text.to_string()),
            readonly: Some(String::new()),
            ..Attributes::default()
        };
        let o = element(None, "\n    t = torch.ones(2, 3)\n\n    t.sum(dim=0)\n  ")
            .raw_options()
            .validate()
            .all_or_nothing()
            .unwrap();
        assert_eq!(o.code.as_deref(), Some("t = torch.ones(2, 3)\n\nt.sum(dim=0)"));
        assert!(o.readonly, "a bare readonly attribute");
        // The attribute wins over the text.
        let o = element(Some("t = torch.zeros(1)"), "t = torch.ones(2)").raw_options().validate();
        assert_eq!(o.options.code.as_deref(), Some("t = torch.zeros(1)"));
        // Only white space: no program.
        assert_eq!(element(None, " \n\t ").raw_options().validate().options.code, None);
        let bad = Attributes { step: Some("two".into()), lesson: Some("r".into()), ..Attributes::default() };
        assert_eq!(
            bad.raw_options().validate().all_or_nothing().unwrap_err(),
            "step: `two` is not a step number"
        );
    }

    #[test]
    fn text_content_is_dedented_as_written() {
        assert_eq!(program_from_text("x = 1"), Some("x = 1".into()));
        assert_eq!(program_from_text("\n  x = [1,\n    2]\n  x\n"), Some("x = [1,\n  2]\nx".into()));
        assert_eq!(program_from_text("\tx\n\ty"), Some("x\ny".into()));
        // Lines indented less than the first keep what they have.
        assert_eq!(program_from_text("    a\n  b"), Some("  a\nb".into()));
        assert_eq!(program_from_text(""), None);
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
