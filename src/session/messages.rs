//! The messages a playground sends to its host page, and the commands a
//! host may send to an iframe (contract section 5). Every message is a
//! plain object `{type: "tensor-playground:<name>", version: 1, ...}`.
//!
//! `Event` is what happened, in the playground's words; `Message` is the
//! object the host page gets, a serde type that crosses into JavaScript
//! through serde-wasm-bindgen (`web::boundary`). `www/tensor-playground.d.ts`
//! declares the same shapes for TypeScript.

use super::report::ElementRef;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The version every message carries.
pub const VERSION: u32 = 1;

/// The prefix of every message type.
pub const PREFIX: &str = "tensor-playground:";

/// Something that happened, to tell the host page about.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The playground is ready, showing `code`.
    Ready { code: String },
    /// The content's height changed (CSS pixels).
    Resize { height: u32 },
    /// The program changed.
    Change { code: String },
    /// A cell became active (`None` when cleared): the grid's name, the
    /// cell's index, and its sources as in the lineage report.
    Select { tensor: String, index: Vec<usize>, sources: Vec<(String, Vec<usize>)> },
    /// The active cell was cleared.
    Unselect,
    /// A lesson step is shown.
    Step { lesson: String, step: usize },
    /// A question was answered: `correct`, `wrong` or `revealed`.
    Answer { lesson: String, step: usize, result: String },
}

/// What a message needs to know beyond the event: where the playground's
/// lessons live and when, for the xAPI statement of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The playground's own page (`https://example.org/playground/index.html`),
    /// without a fragment: a lesson step's activity is that page at the step.
    pub page: String,
    /// The time, as ISO 8601 (`2026-12-07T13:40:00.000Z`).
    pub timestamp: String,
}

/// The `version` field: always 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Version;

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(VERSION)
    }
}

/// A message to the host page, as the host gets it (contract section 5).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type")]
pub enum Message {
    /// `ready`
    #[serde(rename = "tensor-playground:ready")]
    Ready { version: Version, code: String },
    /// `resize`
    #[serde(rename = "tensor-playground:resize")]
    Resize { version: Version, height: u32 },
    /// `change`
    #[serde(rename = "tensor-playground:change")]
    Change { version: Version, code: String },
    /// `select`: all three `null` when the selection is cleared.
    #[serde(rename = "tensor-playground:select")]
    Select {
        version: Version,
        tensor: Option<String>,
        index: Option<Vec<usize>>,
        sources: Option<Vec<ElementRef>>,
    },
    /// `step`
    #[serde(rename = "tensor-playground:step")]
    Step { version: Version, lesson: String, step: usize },
    /// `answer`, with the answer as an xAPI statement for an LMS bridge.
    #[serde(rename = "tensor-playground:answer")]
    Answer { version: Version, lesson: String, step: usize, result: String, statement: Statement },
}

/// An xAPI statement (without its actor, which only the LMS knows): the
/// learner `answered` a lesson step's question, with or without success.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// Always `answered`.
    pub verb: Verb,
    /// The lesson step.
    pub object: Activity,
    /// Whether the answer was right.
    pub result: Outcome,
    /// When.
    pub timestamp: String,
}

/// An xAPI verb.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verb {
    /// The verb's IRI.
    pub id: &'static str,
    /// Its name, by language.
    pub display: LanguageMap,
}

/// Text by language, as xAPI writes it (`{"en-US": "answered"}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageMap {
    /// The English text.
    #[serde(rename = "en-US")]
    pub en_us: String,
}

/// The xAPI activity a statement is about: a lesson step's question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activity {
    /// Always `Activity`.
    #[serde(rename = "objectType")]
    pub object_type: &'static str,
    /// The step's address: the playground page opened at the step.
    pub id: String,
    /// What kind of activity, and its name.
    pub definition: Definition,
}

/// An xAPI activity definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Definition {
    /// The activity type's IRI (an interaction: a question).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `lesson, step n`.
    pub name: LanguageMap,
}

/// An xAPI result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Whether the answer was right (`revealed` is not).
    pub success: bool,
    /// The question is done with: answered right or its answer shown.
    pub completion: bool,
    /// What the learner did: `correct`, `wrong` or `revealed`.
    pub response: String,
}

/// The IRI of the xAPI verb `answered`.
pub const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
/// The IRI of the xAPI activity type of a question.
pub const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";

impl Statement {
    /// The statement that the learner answered `step` of `lesson` with `result`.
    pub fn answered(lesson: &str, step: usize, result: &str, stamp: &Stamp) -> Statement {
        let at = super::url::build_fragment(&[("lesson", lesson), ("step", &step.to_string())]);
        Statement {
            verb: Verb { id: ANSWERED, display: LanguageMap { en_us: "answered".into() } },
            object: Activity {
                object_type: "Activity",
                id: format!("{}#{at}", stamp.page),
                definition: Definition {
                    kind: INTERACTION,
                    name: LanguageMap { en_us: format!("{lesson}, step {step}") },
                },
            },
            result: Outcome {
                success: result == "correct",
                completion: result != "wrong",
                response: result.to_string(),
            },
            timestamp: stamp.timestamp.clone(),
        }
    }
}

impl Event {
    /// The short name: `ready`, `select`, ... (the message type without its prefix).
    pub fn name(&self) -> &'static str {
        match self {
            Event::Ready { .. } => "ready",
            Event::Resize { .. } => "resize",
            Event::Change { .. } => "change",
            Event::Select { .. } | Event::Unselect => "select",
            Event::Step { .. } => "step",
            Event::Answer { .. } => "answer",
        }
    }

    /// Whether the event may go to whatever page frames the playground: only
    /// `resize`, a height that the host script needs and that says nothing
    /// about the learner. The others carry the program, what the learner
    /// points at, their answers or their way through a lesson, so an iframe
    /// sends them only to the origin its URL names (`origin=`).
    pub fn is_public(&self) -> bool {
        matches!(self, Event::Resize { .. })
    }

    /// The message type: `tensor-playground:select`, ...
    pub fn message_type(&self) -> String {
        format!("{PREFIX}{}", self.name())
    }

    /// The message the host page gets.
    pub fn message(&self, stamp: &Stamp) -> Message {
        let version = Version;
        match self.clone() {
            Event::Ready { code } => Message::Ready { version, code },
            Event::Resize { height } => Message::Resize { version, height },
            Event::Change { code } => Message::Change { version, code },
            Event::Select { tensor, index, sources } => Message::Select {
                version,
                tensor: Some(tensor),
                index: Some(index),
                sources: Some(
                    sources.into_iter().map(|(name, index)| ElementRef { name, index, grad: None }).collect(),
                ),
            },
            Event::Unselect => Message::Select { version, tensor: None, index: None, sources: None },
            Event::Step { lesson, step } => Message::Step { version, lesson, step },
            Event::Answer { lesson, step, result } => {
                let statement = Statement::answered(&lesson, step, &result, stamp);
                Message::Answer { version, lesson, step, result, statement }
            }
        }
    }
}

/// What a host page may ask an iframe to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Show this program.
    SetCode(String),
    /// Go to this lesson step (1-based).
    SetStep(usize),
}

/// The most program text a command may carry.
const MAX_CODE: usize = 1 << 20;

/// The fields every command has.
#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: String,
    version: u32,
}

/// `set-code`'s own field.
#[derive(Deserialize)]
struct SetCode {
    code: String,
}

/// `set-step`'s own field.
#[derive(Deserialize)]
struct SetStep {
    step: u32,
}

/// Reads a command from a message, or `None` for anything malformed
/// (wrong type, wrong version, missing or mistyped fields, extra size).
///
/// `message` gives a deserializer of the message each time it is called:
/// the envelope is read first, then only the fields its type has, so that
/// nothing else of what a page posts (however large or cyclic) is read.
pub fn parse_command<'de, D: Deserializer<'de>>(message: impl Fn() -> D) -> Option<Command> {
    let envelope = Envelope::deserialize(message()).ok()?;
    if envelope.version != VERSION {
        return None;
    }
    match envelope.kind.strip_prefix(PREFIX)? {
        "set-code" => {
            let SetCode { code } = SetCode::deserialize(message()).ok()?;
            (code.len() <= MAX_CODE).then_some(Command::SetCode(code))
        }
        "set-step" => {
            let SetStep { step } = SetStep::deserialize(message()).ok()?;
            (1..=10_000).contains(&step).then_some(Command::SetStep(step as usize))
        }
        _ => None,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn stamp() -> Stamp {
        Stamp {
            page: "https://example.org/play/index.html".into(),
            timestamp: "2026-12-07T13:40:00.000Z".into(),
        }
    }

    fn sent(event: Event) -> Value {
        serde_json::to_value(event.message(&stamp())).unwrap()
    }

    #[test]
    fn events_are_typed_versioned_objects() {
        let m = sent(Event::Select {
            tensor: "t".into(),
            index: vec![1],
            sources: vec![("t".into(), vec![1, 0])],
        });
        assert_eq!(
            m,
            json!({"type": "tensor-playground:select", "version": 1, "tensor": "t", "index": [1],
                   "sources": [{"name": "t", "index": [1, 0]}]})
        );
        assert_eq!(
            sent(Event::Unselect),
            json!({"type": "tensor-playground:select", "version": 1, "tensor": null, "index": null, "sources": null})
        );
        assert_eq!(
            sent(Event::Resize { height: 480 }),
            json!({"type": "tensor-playground:resize", "version": 1, "height": 480})
        );
        assert_eq!(
            sent(Event::Step { lesson: "reductions".into(), step: 2 }),
            json!({"type": "tensor-playground:step", "version": 1, "lesson": "reductions", "step": 2})
        );
    }

    #[test]
    fn an_answer_carries_an_xapi_statement() {
        let m = sent(Event::Answer { lesson: "reductions".into(), step: 4, result: "correct".into() });
        assert_eq!(
            m,
            json!({
                "type": "tensor-playground:answer", "version": 1,
                "lesson": "reductions", "step": 4, "result": "correct",
                "statement": {
                    "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
                    "object": {
                        "objectType": "Activity",
                        "id": "https://example.org/play/index.html#lesson=reductions&step=4",
                        "definition": {
                            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                            "name": {"en-US": "reductions, step 4"}
                        }
                    },
                    "result": {"success": true, "completion": true, "response": "correct"},
                    "timestamp": "2026-12-07T13:40:00.000Z"
                }
            })
        );
        let result = |r: &str| {
            sent(Event::Answer { lesson: "x".into(), step: 1, result: r.into() })["statement"]["result"]
                .clone()
        };
        assert_eq!(result("wrong"), json!({"success": false, "completion": false, "response": "wrong"}));
        assert_eq!(result("revealed"), json!({"success": false, "completion": true, "response": "revealed"}));
    }

    #[test]
    fn a_lesson_url_is_an_activity_id_with_its_step() {
        let m = sent(Event::Answer {
            lesson: "https://a.example/l/x.md".into(),
            step: 2,
            result: "wrong".into(),
        });
        assert_eq!(
            m["statement"]["object"]["id"],
            "https://example.org/play/index.html#lesson=https%3A%2F%2Fa.example%2Fl%2Fx.md&step=2"
        );
    }

    #[test]
    fn only_the_height_is_public() {
        let code = || "t = torch.ones(2)".to_string();
        let private = [
            Event::Ready { code: code() },
            Event::Change { code: code() },
            Event::Select { tensor: "t".into(), index: vec![0], sources: vec![] },
            Event::Unselect,
            Event::Step { lesson: "reductions".into(), step: 2 },
            Event::Answer { lesson: "reductions".into(), step: 2, result: "correct".into() },
        ];
        for event in private {
            assert!(!event.is_public(), "{event:?}");
        }
        assert!(Event::Resize { height: 480 }.is_public());
    }

    fn parse(v: &Value) -> Option<Command> {
        parse_command(|| v)
    }

    #[test]
    fn only_well_formed_commands_are_read() {
        let ok =
            json!({"type": "tensor-playground:set-code", "version": 1, "code": "t = torch.ones(2)\nt.sum()"});
        assert_eq!(parse(&ok), Some(Command::SetCode("t = torch.ones(2)\nt.sum()".into())));
        assert_eq!(
            parse(&json!({"type": "tensor-playground:set-step", "version": 1, "step": 3, "extra": [1]})),
            Some(Command::SetStep(3))
        );
        for bad in [
            json!("tensor-playground:set-code"),
            json!(null),
            json!({"type": "tensor-playground:set-code", "version": 2, "code": "x"}),
            json!({"type": "tensor-playground:set-code", "version": "1", "code": "x"}),
            json!({"type": "tensor-playground:set-code", "code": "x"}),
            json!({"type": "tensor-playground:set-code", "version": 1, "code": 5}),
            json!({"type": "tensor-playground:set-code", "version": 1, "code": "x".repeat(MAX_CODE + 1)}),
            json!({"type": "tensor-playground:set-step", "version": 1, "step": -1}),
            json!({"type": "tensor-playground:set-step", "version": 1, "step": 0}),
            json!({"type": "tensor-playground:set-step", "version": 1, "step": 1.5}),
            json!({"type": "tensor-playground:set-step", "version": 1, "step": 1e9}),
            json!({"type": "other:set-code", "version": 1, "code": "x"}),
            json!({"type": "tensor-playground:eval", "version": 1, "code": "x"}),
        ] {
            assert_eq!(parse(&bad), None, "{bad}");
        }
    }
}
