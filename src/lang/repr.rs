//! `repr()` and `str()` of values, as Python with PyTorch and NumPy prints them.

use super::interp::MAX_OUTPUT;
use super::value::Value;
use crate::tensor::format::{float, numpy, tensor_repr};

/// How the generator prints: as CPython prints an object, at an address
/// (the same in every run, docs/decisions.md).
pub const GENERATOR_REPR: &str = "<torch._C.Generator object at 0x7f0c5e2b1a50>";

/// What the REPL shows for a value (`repr`).
pub fn repr(v: &Value) -> String {
    match v {
        Value::None => "None".to_string(),
        Value::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float::repr(*f),
        Value::Str(s) => string_repr(s),
        Value::List(_) | Value::Tuple(_) => {
            let mut out = String::new();
            write_container(&mut out, v);
            out
        }
        Value::Tensor(t) => tensor_repr(&t.tensor),
        Value::Size(dims) => {
            let sizes: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
            format!("torch.Size([{}])", sizes.join(", "))
        }
        Value::ValuesIndices { op, values, indices } => format!(
            "torch.return_types.{op}(\nvalues={},\nindices={})",
            tensor_repr(&values.tensor),
            tensor_repr(&indices.tensor)
        ),
        Value::NdArray(t) => numpy::array_repr(&t.tensor),
        Value::NpScalar(s, dtype) => numpy::scalar_repr(*s, *dtype),
        Value::Dtype(d) => d.to_string(),
        // Python shows where the object lives, which differs from run to
        // run; the playground's one generator always lives here.
        Value::Generator => GENERATOR_REPR.to_string(),
        Value::Module(m) => format!("<module '{}'>", m.name()),
        Value::Builtin(b) => format!("<built-in function {}>", b.name()),
        Value::Function(m, name) => format!("<built-in method {name} of module '{}'>", m.name()),
        Value::Method(_, name) => format!("<built-in method {name} of Tensor object>"),
    }
}

/// What `print` writes for a value (`str`).
pub fn str(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::NdArray(t) => numpy::array_str(&t.tensor),
        Value::NpScalar(s, dtype) => numpy::scalar_str(*s, *dtype),
        other => repr(other),
    }
}

/// Appends the repr of a list or tuple, adding no more items once the text
/// has passed `MAX_OUTPUT`: lists that share their items (`x = [x, x]`,
/// repeated) would print exponentially much. Every caller refuses a text that
/// long, so nothing is ever shown cut short.
fn write_container(out: &mut String, v: &Value) {
    let (open, close, items) = match v {
        Value::List(items) => ("[", "]", items),
        Value::Tuple(items) if items.len() == 1 => ("(", ",)", items),
        Value::Tuple(items) => ("(", ")", items),
        other => {
            out.push_str(&repr(other));
            return;
        }
    };
    out.push_str(open);
    for (i, item) in items.iter().enumerate() {
        if out.len() > MAX_OUTPUT {
            break;
        }
        if i > 0 {
            out.push_str(", ");
        }
        write_container(out, item);
    }
    out.push_str(close);
}

/// Python's string repr: single quotes unless only double quotes avoid escaping.
fn string_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn containers_print_like_python() {
        let t = Value::tuple(vec![Value::Int(1)]);
        assert_eq!(repr(&t), "(1,)");
        let l = Value::List(Rc::new(vec![Value::Float(4.0), Value::Float(0.5)]));
        assert_eq!(repr(&l), "[4.0, 0.5]");
        assert_eq!(repr(&Value::Str("it's".into())), "\"it's\"");
        assert_eq!(str(&Value::Str("nan".into())), "nan");
    }
}
