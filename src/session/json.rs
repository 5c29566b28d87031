//! JSON values as they cross between a playground and its host page: the
//! messages it sends, the commands and `mount()` options it reads.
//!
//! Our own small type rather than `serde_json::Value`: the page only builds
//! and inspects a few plain objects, and serde's machinery (with the
//! conversion to and from JavaScript values) cost about 20 KB of wasm.
//! `web/js_json.rs` converts these to and from JavaScript values.

use crate::tensor::format::float;

/// A JSON value. Objects keep their keys in the order they were given, but
/// compare equal whatever the order, as JSON objects do.
#[derive(Debug, Clone)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// An object with these fields, in this order.
    pub fn object<'a>(fields: impl IntoIterator<Item = (&'a str, Json)>) -> Json {
        Json::Object(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    /// The field `key` of an object (the last one, if repeated).
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The fields, if this is an object.
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(fields) => Some(fields),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value, if this is `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The value, if this is a whole number from 0 that a JavaScript number
    /// holds exactly (up to 2**53).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) if n.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(n) => {
                Some(*n as u64)
            }
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// What kind of value this is, for error messages: `a string`,
    /// `the number 1.5`, `true`, ...
    pub fn kind(&self) -> String {
        match self {
            Json::Null => "null".into(),
            Json::Bool(b) => b.to_string(),
            // As JavaScript writes it: `1`, not Python's `1.0`.
            Json::Number(n) => {
                let text = float::repr(*n);
                format!("the number {}", text.strip_suffix(".0").unwrap_or(&text))
            }
            Json::String(_) => "a string".into(),
            Json::Array(_) => "an array".into(),
            Json::Object(_) => "an object".into(),
        }
    }
}

impl PartialEq for Json {
    fn eq(&self, other: &Json) -> bool {
        match (self, other) {
            (Json::Null, Json::Null) => true,
            (Json::Bool(a), Json::Bool(b)) => a == b,
            (Json::Number(a), Json::Number(b)) => a == b,
            (Json::String(a), Json::String(b)) => a == b,
            (Json::Array(a), Json::Array(b)) => a == b,
            (Json::Object(a), Json::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| other.get(k) == Some(v))
            }
            _ => false,
        }
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::String(s.to_string())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::String(s)
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<usize> for Json {
    fn from(n: usize) -> Json {
        Json::Number(n as f64)
    }
}

impl From<u32> for Json {
    fn from(n: u32) -> Json {
        Json::Number(f64::from(n))
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(v: Option<T>) -> Json {
        v.map_or(Json::Null, Into::into)
    }
}

impl<T: Into<Json>> From<Vec<T>> for Json {
    fn from(items: Vec<T>) -> Json {
        Json::Array(items.into_iter().map(Into::into).collect())
    }
}

/// Tests write values as `serde_json::json!` literals (serde is not in the
/// page's build).
#[cfg(test)]
impl From<serde_json::Value> for Json {
    fn from(v: serde_json::Value) -> Json {
        use serde_json::Value;
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Json::String(s),
            Value::Array(items) => Json::Array(items.into_iter().map(Json::from).collect()),
            Value::Object(fields) => {
                Json::Object(fields.into_iter().map(|(k, v)| (k, Json::from(v))).collect())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_by_name() {
        let o = Json::object([("a", 1usize.into()), ("b", "x".into()), ("a", true.into())]);
        assert_eq!(o.get("b").and_then(Json::as_str), Some("x"));
        // A repeated key reads as its last value, as JSON.parse does.
        assert_eq!(o.get("a"), Some(&Json::Bool(true)));
        assert_eq!(o.get("c"), None);
        assert_eq!(Json::Null.get("a"), None);
    }

    #[test]
    fn objects_compare_whatever_their_order() {
        let ab = Json::object([("a", 1usize.into()), ("b", 2usize.into())]);
        assert_eq!(ab, Json::object([("b", 2usize.into()), ("a", 1usize.into())]));
        assert_ne!(ab, Json::object([("a", 1usize.into())]));
        assert_ne!(ab, Json::object([("a", 1usize.into()), ("c", 2usize.into())]));
        assert_ne!(Json::from(vec![1usize, 2]), Json::from(vec![2usize, 1]));
    }

    #[test]
    fn only_exact_whole_numbers_are_counts() {
        assert_eq!(Json::Number(3.0).as_u64(), Some(3));
        for n in [-1.0, 1.5, f64::NAN, f64::INFINITY, 1e300] {
            assert_eq!(Json::Number(n).as_u64(), None, "{n}");
        }
        assert_eq!(Json::from("3").as_u64(), None);
    }

    #[test]
    fn kinds_read_as_words() {
        assert_eq!(Json::Number(1.5).kind(), "the number 1.5");
        assert_eq!(Json::Number(-1.0).kind(), "the number -1");
        assert_eq!(Json::from(false).kind(), "false");
        assert_eq!(Json::from(vec![1usize]).kind(), "an array");
    }
}
