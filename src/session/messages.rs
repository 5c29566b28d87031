//! The messages a playground sends to its host page, and the commands a
//! host may send to an iframe (contract section 5). Every message is a
//! plain object `{type: "tensor-playground:<name>", version: 1, ...}`.

use super::json::Json;

/// The version every message carries.
pub const VERSION: u64 = 1;

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

    /// The message as a plain JSON object.
    pub fn to_json(&self) -> Json {
        let header = [("type", self.message_type().into()), ("version", Json::Number(VERSION as f64))];
        let index = |index: &[usize]| Json::from(index.to_vec());
        let fields: Vec<(&str, Json)> = match self {
            Event::Ready { code } | Event::Change { code } => vec![("code", code.as_str().into())],
            Event::Resize { height } => vec![("height", (*height).into())],
            Event::Select { tensor, index: at, sources } => {
                let sources = sources
                    .iter()
                    .map(|(name, at)| Json::object([("name", name.as_str().into()), ("index", index(at))]))
                    .collect();
                vec![
                    ("tensor", tensor.as_str().into()),
                    ("index", index(at)),
                    ("sources", Json::Array(sources)),
                ]
            }
            Event::Unselect => vec![("tensor", Json::Null), ("index", Json::Null), ("sources", Json::Null)],
            Event::Step { lesson, step } => {
                vec![("lesson", lesson.as_str().into()), ("step", (*step).into())]
            }
            Event::Answer { lesson, step, result } => vec![
                ("lesson", lesson.as_str().into()),
                ("step", (*step).into()),
                ("result", result.as_str().into()),
            ],
        };
        Json::object(header.into_iter().chain(fields))
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

/// Reads a command from a message, or `None` for anything malformed
/// (wrong type, wrong version, missing or mistyped fields, extra size).
pub fn parse_command(message: &Json) -> Option<Command> {
    if message.get("version")?.as_u64()? != VERSION {
        return None;
    }
    match message.get("type")?.as_str()?.strip_prefix(PREFIX)? {
        "set-code" => {
            let code = message.get("code")?.as_str()?;
            (code.len() <= MAX_CODE).then(|| Command::SetCode(code.to_string()))
        }
        "set-step" => {
            let step = message.get("step")?.as_u64()?;
            (1..=10_000).contains(&step).then_some(Command::SetStep(step as usize))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_are_typed_versioned_objects() {
        let m = Event::Select { tensor: "t".into(), index: vec![1], sources: vec![("t".into(), vec![1, 0])] }
            .to_json();
        let expected: Json =
            json!({"type": "tensor-playground:select", "version": 1, "tensor": "t", "index": [1],
               "sources": [{"name": "t", "index": [1, 0]}]})
            .into();
        assert_eq!(m, expected);
        assert_eq!(Event::Unselect.to_json().get("sources"), Some(&Json::Null));
        let resize = Event::Resize { height: 480 }.to_json();
        assert_eq!(resize.get("type").and_then(Json::as_str), Some("tensor-playground:resize"));
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

    #[test]
    fn only_well_formed_commands_are_read() {
        let ok =
            json!({"type": "tensor-playground:set-code", "version": 1, "code": "t = torch.ones(2)\nt.sum()"});
        assert_eq!(parse_command(&ok.into()), Some(Command::SetCode("t = torch.ones(2)\nt.sum()".into())));
        assert_eq!(
            parse_command(&json!({"type": "tensor-playground:set-step", "version": 1, "step": 3}).into()),
            Some(Command::SetStep(3))
        );
        for bad in [
            json!("tensor-playground:set-code"),
            json!({"type": "tensor-playground:set-code", "version": 2, "code": "x"}),
            json!({"type": "tensor-playground:set-code", "code": "x"}),
            json!({"type": "tensor-playground:set-code", "version": 1, "code": 5}),
            json!({"type": "tensor-playground:set-step", "version": 1, "step": -1}),
            json!({"type": "tensor-playground:set-step", "version": 1, "step": 0}),
            json!({"type": "other:set-code", "version": 1, "code": "x"}),
            json!({"type": "tensor-playground:eval", "version": 1, "code": "x"}),
        ] {
            assert_eq!(parse_command(&bad.clone().into()), None, "{bad}");
        }
    }
}
