//! Options for an embedded playground, from the URL fragment of an iframe
//! (`#embed=1&panels=editor,output&theme=dark`) or the options object of
//! `mount(element, options)`. Both are validated here, in one place.

use super::json::Json;

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
}

impl RawOptions {
    /// The raw options of a URL fragment's pairs (unknown keys are left to the page).
    pub fn from_fragment(pairs: &[(String, String)]) -> Result<RawOptions, String> {
        let mut raw = RawOptions::default();
        for (k, v) in pairs {
            match k.as_str() {
                "code" => raw.code = Some(v.clone()),
                "lesson" => raw.lesson = Some(v.clone()),
                "step" => {
                    raw.step = Some(v.parse().map_err(|_| format!("step: `{v}` is not a step number"))?)
                }
                "steps" => raw.steps = Some(v.clone()),
                "panels" => {
                    raw.panels = Some(v.split(',').filter(|p| !p.is_empty()).map(str::to_string).collect())
                }
                "readonly" => raw.readonly = Some(matches!(v.as_str(), "1" | "true")),
                "theme" => raw.theme = Some(v.clone()),
                "accent" => raw.accent = Some(v.clone()),
                _ => {}
            }
        }
        Ok(raw)
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

    /// Validates the options; errors name the field.
    pub fn validate(self) -> Result<EmbedOptions, String> {
        let steps = self.steps.as_deref().map(parse_range).transpose()?;
        let lesson = match self.lesson {
            Some(id) if !is_id(&id) => return Err(format!("lesson: `{id}` is not a lesson id")),
            Some(id) => Some((id, self.step.or(steps.map(|(a, _)| a)).unwrap_or(1).max(1))),
            None if self.step.is_some() => return Err("step: needs a lesson".into()),
            None => None,
        };
        let mut panels = Panels::default();
        if let Some(list) = self.panels {
            panels = Panels { editor: false, controls: false, output: false };
            for p in list {
                match p.trim() {
                    "editor" => panels.editor = true,
                    "controls" => panels.controls = true,
                    "output" => panels.output = true,
                    other => return Err(format!("panels: `{other}` is not one of editor, controls, output")),
                }
            }
        }
        let theme = match self.theme.as_deref() {
            None | Some("auto") => Theme::Auto,
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(other) => return Err(format!("theme: `{other}` is not light, dark or auto")),
        };
        let accent = match self.accent {
            Some(a) if !is_colour(&a) => return Err(format!("accent: `{a}` is not a colour like #0b5cc7")),
            a => a,
        };
        Ok(EmbedOptions {
            code: self.code,
            lesson,
            steps,
            panels,
            readonly: self.readonly.unwrap_or(false),
            theme,
            accent,
            origin: None,
        })
    }
}

/// `3-6` (or `4`, a single step).
fn parse_range(text: &str) -> Result<(usize, usize), String> {
    let bad = || format!("steps: `{text}` is not a range like 3-6");
    let (a, b) = text.split_once('-').unwrap_or((text, text));
    let (a, b): (usize, usize) = (a.trim().parse().map_err(|_| bad())?, b.trim().parse().map_err(|_| bad())?);
    if a == 0 || b < a {
        return Err(bad());
    }
    Ok((a, b))
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
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
/// `scheme://host[:port]`, nothing more.
pub fn parse_origin(text: &str) -> Option<String> {
    let (scheme, rest) = text.split_once("://")?;
    let host_ok = !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    (matches!(scheme, "http" | "https") && host_ok).then(|| text.to_string())
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
        .unwrap()
        .validate()
        .unwrap();
        assert_eq!(o.lesson, Some(("reductions".to_string(), 3)));
        assert_eq!(o.steps, Some((3, 6)));
        assert_eq!(o.panels, Panels { editor: true, controls: false, output: true });
        assert_eq!(o.theme, Theme::Dark);
        assert_eq!(o.accent.as_deref(), Some("#ff8800"));
    }

    #[test]
    fn bad_options_name_their_field() {
        let err = |raw: RawOptions| raw.validate().unwrap_err();
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
    }
}
