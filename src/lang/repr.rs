//! `repr()` and `str()` of values, as Python with PyTorch and NumPy prints them.

use super::interp::MAX_OUTPUT;
use super::value::{Traced, Value};
use crate::tensor::Tensor;
use crate::tensor::format::{float, numpy, printed_elements, tensor_repr_with};

/// How the generator prints: as CPython prints an object, at an address
/// (the same in every run, docs/decisions.md).
pub const GENERATOR_REPR: &str = "<torch._C.Generator object at 0x7f0c5e2b1a50>";

/// Where every `grad_fn` is shown to live (Python shows its address, which
/// differs from run to run).
pub const GRAD_FN_AT: &str = "0x7f0c5e2b1b10";

/// Steps of the run's budget (`budget.rs`) that showing one element of a
/// tensor or array costs, on top of the characters written: its digits are
/// worked out and padded to a common width, about a microsecond, where a
/// character of a list's text is closer to a twentieth of that.
pub const TENSOR_ELEMENT_STEPS: u64 = 16;

/// The fewest characters one element of a tensor or array takes when shown
/// (`0,` or `0 `): a tensor showing more than `MAX_OUTPUT` / this many
/// elements cannot be shown, and is refused before any digit is worked out.
const MIN_ELEMENT_CHARS: u64 = 2;

/// A value's text and what working it out cost.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// The text, cut short when it is too long.
    pub text: String,
    /// Steps of the run's budget: a character each, and
    /// `TENSOR_ELEMENT_STEPS` more per element of a tensor shown.
    pub cost: u64,
    /// Whether the text is longer than `MAX_OUTPUT`, which every caller
    /// refuses (so nothing is ever shown cut short).
    pub too_long: bool,
}

/// What the REPL shows for a value (`repr`). Values whose text is longer
/// than `MAX_OUTPUT` are cut short: callers that may meet one use `costed_repr`.
pub fn repr(v: &Value) -> String {
    costed_repr(v).text
}

/// What `print` writes for a value (`str`), cut short like `repr`.
pub fn str(v: &Value) -> String {
    costed_str(v).text
}

/// `repr(v)`, what it cost, and whether it is too long to keep.
pub fn costed_repr(v: &Value) -> Text {
    let mut w = Writer::default();
    w.repr(v);
    w.finish()
}

/// `str(v)`, what it cost, and whether it is too long to keep.
pub fn costed_str(v: &Value) -> Text {
    let mut w = Writer::default();
    match v {
        Value::Str(s) => w.push(s),
        Value::NdArray(t) => w.tensor(&t.tensor, &numpy::array_str),
        Value::NpScalar(s, dtype) => w.push(&numpy::scalar_str(*s, *dtype)),
        other => w.repr(other),
    }
    w.finish()
}

/// Text being written, stopping once it is longer than `MAX_OUTPUT`.
#[derive(Default)]
struct Writer {
    out: String,
    /// Steps spent besides the characters written.
    extra: u64,
    too_long: bool,
    /// The last float written (its bits) and its text: finding a float's
    /// shortest digits takes microseconds (more near 1e308), and a list
    /// repeating one float (`[[-1e308] * 4] * 4096`, ...) wrote it half a
    /// million times, seconds for 4 MB of text.
    last_float: Option<(u64, String)>,
}

impl Writer {
    fn finish(self) -> Text {
        let too_long = self.too_long || self.out.len() > MAX_OUTPUT;
        Text { cost: (self.out.len() as u64).saturating_add(self.extra), text: self.out, too_long }
    }

    fn full(&self) -> bool {
        self.too_long || self.out.len() > MAX_OUTPUT
    }

    fn push(&mut self, text: &str) {
        if !self.full() {
            self.out.push_str(text);
        }
    }

    /// A tensor's text from `print`, unless it would surely be too long:
    /// a tensor of 16 dims of size 6 shows all its 2.8 million elements,
    /// seconds of work for a text nobody keeps.
    fn tensor(&mut self, t: &Tensor, print: &dyn Fn(&Tensor) -> String) {
        let shown = printed_elements(t);
        if self.full() || shown.saturating_mul(MIN_ELEMENT_CHARS) > MAX_OUTPUT as u64 {
            self.too_long = true;
            return;
        }
        self.extra = self.extra.saturating_add(shown.saturating_mul(TENSOR_ELEMENT_STEPS));
        self.push(&print(t));
    }

    fn repr(&mut self, v: &Value) {
        match v {
            Value::None => self.push("None"),
            Value::Bool(b) => self.push(if *b { "True" } else { "False" }),
            Value::Int(i) => self.push(&i.to_string()),
            Value::Float(f) => self.float(*f),
            Value::Str(s) => self.push(&string_repr(s)),
            Value::List(_) | Value::Tuple(_) => self.container(v),
            Value::Tensor(t) => self.traced(t),
            Value::Size(dims) => {
                let sizes: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
                self.push(&format!("torch.Size([{}])", sizes.join(", ")));
            }
            Value::ValuesIndices { op, values, indices } => {
                self.push(&format!("torch.return_types.{op}(\nvalues="));
                self.traced(values);
                self.push(",\nindices=");
                self.traced(indices);
                self.push(")");
            }
            Value::NdArray(t) => self.tensor(&t.tensor, &numpy::array_repr),
            Value::NpScalar(s, dtype) => self.push(&numpy::scalar_repr(*s, *dtype)),
            Value::Dtype(d) => self.push(&d.to_string()),
            // Python shows where the object lives, which differs from run to
            // run; the playground's one generator always lives here.
            Value::Generator => self.push(GENERATOR_REPR),
            // At one address, as the generator (its place differs from run to run).
            Value::GradFn(name) => self.push(&format!("<{name} object at {GRAD_FN_AT}>")),
            Value::Module(m) => self.push(&format!("<module '{}'>", m.name())),
            Value::Builtin(b) => self.push(&format!("<built-in function {}>", b.name())),
            Value::Function(m, name) => {
                self.push(&format!("<built-in method {name} of module '{}'>", m.name()))
            }
            Value::Method(_, name) => self.push(&format!("<built-in method {name} of Tensor object>")),
        }
    }

    /// A float, as Python's `repr` writes it.
    fn float(&mut self, x: f64) {
        if self.full() {
            return;
        }
        let text = match self.last_float.take() {
            Some((bits, text)) if bits == x.to_bits() => text,
            _ => float::repr(x),
        };
        self.push(&text);
        self.last_float = Some((x.to_bits(), text));
    }

    /// A tensor as PyTorch shows it, with what autograd knows about it.
    fn traced(&mut self, t: &Traced) {
        let suffix = match t.autograd.grad_fn {
            Some(name) => Some(format!("grad_fn=<{name}>")),
            None if t.requires_grad() => Some("requires_grad=True".to_string()),
            None => None,
        };
        self.tensor(&t.tensor, &|t| tensor_repr_with(t, suffix.as_deref()));
    }

    /// A list or tuple, adding no more items once the text is too long:
    /// lists that share their items (`x = [x, x]`, repeated) would print
    /// exponentially much.
    fn container(&mut self, v: &Value) {
        let (open, close, items) = match v {
            Value::List(items) => ("[", "]", items),
            Value::Tuple(items) if items.len() == 1 => ("(", ",)", items),
            Value::Tuple(items) => ("(", ")", items),
            other => return self.repr(other),
        };
        self.push(open);
        for (i, item) in items.iter().enumerate() {
            if self.full() {
                return;
            }
            if i > 0 {
                self.push(", ");
            }
            self.repr(item);
        }
        self.push(close);
    }
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

    #[test]
    fn a_repeated_float_is_written_as_itself() {
        let floats = [0.0, -0.0, -0.0, 1e308, 1e308, 0.1, f64::NAN, f64::NAN, 0.0];
        let l = Value::List(Rc::new(floats.iter().map(|&f| Value::Float(f)).collect()));
        assert_eq!(repr(&l), "[0.0, -0.0, -0.0, 1e+308, 1e+308, 0.1, nan, nan, 0.0]");
    }
}
