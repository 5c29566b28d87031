//! `session::json::Json` to and from JavaScript values, for messages to the
//! host page and the options and commands it sends.

use crate::session::json::Json;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// How deep a value from the host page may nest, and how many values it may
/// hold in all: a command or options object is a handful of fields, and a
/// cyclic or huge object must not hang the page.
const MAX_DEPTH: usize = 16;
const MAX_VALUES: usize = 10_000;

/// The value as a plain JavaScript object, array, string, number, boolean or null.
pub fn to_js(value: &Json) -> JsValue {
    match value {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => JsValue::from_bool(*b),
        Json::Number(n) => JsValue::from_f64(*n),
        Json::String(s) => JsValue::from_str(s),
        Json::Array(items) => items.iter().map(to_js).collect::<Array>().into(),
        Json::Object(fields) => {
            let object = Object::new();
            for (key, v) in fields {
                let _ = Reflect::set(&object, &JsValue::from_str(key), &to_js(v));
            }
            object.into()
        }
    }
}

/// Reads a plain value from the host page (`undefined` reads as `null`);
/// `None` for anything else (functions, symbols, big integers) and for
/// values nested too deep or too large.
pub fn from_js(value: &JsValue) -> Option<Json> {
    let mut budget = MAX_VALUES;
    read(value, 0, &mut budget)
}

fn read(value: &JsValue, depth: usize, budget: &mut usize) -> Option<Json> {
    *budget = budget.checked_sub(1)?;
    if value.is_null() || value.is_undefined() {
        return Some(Json::Null);
    }
    if let Some(b) = value.as_bool() {
        return Some(Json::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return Some(Json::Number(n));
    }
    if let Some(s) = value.as_string() {
        return Some(Json::String(s));
    }
    if depth >= MAX_DEPTH || !value.is_object() {
        return None;
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        if array.length() as usize > *budget {
            return None;
        }
        return array
            .iter()
            .map(|item| read(&item, depth + 1, budget))
            .collect::<Option<_>>()
            .map(Json::Array);
    }
    let entries = Object::entries(value.unchecked_ref());
    if entries.length() as usize > *budget {
        return None;
    }
    let mut fields = Vec::with_capacity(entries.length() as usize);
    for entry in entries.iter() {
        let pair: &Array = entry.unchecked_ref();
        fields.push((pair.get(0).as_string()?, read(&pair.get(1), depth + 1, budget)?));
    }
    Some(Json::Object(fields))
}
