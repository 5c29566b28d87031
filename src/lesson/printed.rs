//! Reads a printed value the way a learner types it (`tensor([4., 8.])`,
//! `8`, `[1.0, 2.0]`), so that a wrong answer can be compared with the
//! program's real output piece by piece: its form, its shape, its numbers.

use crate::tensor::decimal::parse_f64;

/// How a value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `tensor(...)`
    Tensor,
    /// A bare Python number: `8`, `8.0`, `True`.
    Number,
    /// A Python list: `[1.0, 2.0]`.
    List,
}

/// One number as written, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The text, as typed (`8.`, `1.0000e+00`).
    pub text: String,
    /// Its value (booleans are 0 and 1).
    pub value: f64,
}

impl Number {
    /// Whether it is written as an integer: no dot, no exponent, no `inf`.
    pub fn looks_integral(&self) -> bool {
        self.text.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '+')
    }
}

/// A printed value, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// How it is written.
    pub form: Form,
    /// Its shape: `[]` for a single number, `[2, 3]` for nested lists.
    pub shape: Vec<usize>,
    /// Its numbers, in row-major order.
    pub numbers: Vec<Number>,
}

impl Printed {
    /// Whether both hold the same numbers (by value, to the precision
    /// PyTorch prints), in the same order.
    pub fn same_values(&self, other: &Printed) -> bool {
        same_values(&self.numbers, other.numbers.iter().map(|n| n.value))
    }
}

/// Whether `numbers` are `values`, to printing precision.
pub fn same_values(numbers: &[Number], values: impl ExactSizeIterator<Item = f64>) -> bool {
    numbers.len() == values.len() && numbers.iter().zip(values).all(|(n, v)| close(n.value, v))
}

/// Equal to the precision PyTorch prints (4 digits after the dot, or 5
/// significant ones in scientific notation).
pub fn close(a: f64, b: f64) -> bool {
    if a.is_nan() || b.is_nan() {
        return a.is_nan() && b.is_nan();
    }
    a == b || (a - b).abs() <= 5e-5 + 5e-5 * a.abs().max(b.abs())
}

/// Reads `text` as a printed tensor, number or list; `None` if it is none
/// of these (or too deeply nested to be one a learner typed).
pub fn read_printed(text: &str) -> Option<Printed> {
    let text = text.trim();
    let (form, body) = match text.strip_prefix("tensor(").and_then(|t| t.strip_suffix(')')) {
        Some(inner) => (Form::Tensor, strip_keywords(inner)),
        None if text.starts_with('[') => (Form::List, text),
        None => (Form::Number, text),
    };
    let mut reader = Reader { rest: body.trim(), numbers: Vec::new(), depth: 0 };
    let shape = reader.value()?;
    if !reader.rest.trim().is_empty() || (form == Form::Number && !shape.is_empty()) {
        return None;
    }
    Some(Printed { form, shape, numbers: reader.numbers })
}

/// `[1, 2], dtype=torch.int32` without its `, dtype=...` (and any other
/// keyword argument PyTorch adds after the data).
fn strip_keywords(inner: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in inner.char_indices() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth -= 1,
            ',' if depth == 0
                && inner[i + 1..].split_once('=').is_some_and(|(k, _)| is_keyword(k.trim())) =>
            {
                return &inner[..i];
            }
            _ => {}
        }
    }
    inner
}

fn is_keyword(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Nested lists deeper than this are not something a learner types.
const MAX_DEPTH: usize = 32;

struct Reader<'a> {
    rest: &'a str,
    numbers: Vec<Number>,
    depth: usize,
}

impl Reader<'_> {
    /// A number or a list of values, all of one shape; returns that shape.
    fn value(&mut self) -> Option<Vec<usize>> {
        self.rest = self.rest.trim_start();
        let Some(after) = self.rest.strip_prefix('[') else {
            return self.number().map(|_| Vec::new());
        };
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.rest = after.trim_start();
        let mut inner: Option<Vec<usize>> = None;
        let mut count = 0;
        if let Some(after) = self.rest.strip_prefix(']') {
            self.rest = after;
            self.depth -= 1;
            return Some(vec![0]);
        }
        loop {
            let shape = self.value()?;
            if inner.as_ref().is_some_and(|s| *s != shape) {
                return None;
            }
            inner = Some(shape);
            count += 1;
            self.rest = self.rest.trim_start();
            if let Some(after) = self.rest.strip_prefix(',') {
                self.rest = after.trim_start();
                // Python allows a trailing comma: `[1, 2,]`.
                if let Some(after) = self.rest.strip_prefix(']') {
                    self.rest = after;
                    break;
                }
            } else if let Some(after) = self.rest.strip_prefix(']') {
                self.rest = after;
                break;
            } else {
                return None;
            }
        }
        self.depth -= 1;
        let mut shape = vec![count];
        shape.extend(inner.unwrap_or_default());
        Some(shape)
    }

    fn number(&mut self) -> Option<()> {
        let end = self.rest.find([',', ']', ')', ' ', '\n', '\t']).unwrap_or(self.rest.len());
        let (text, rest) = self.rest.split_at(end);
        // The project's own reader, not `str::parse`, which would bring its
        // tables into the lesson player (`tensor::decimal`).
        let value = match text {
            "True" => 1.0,
            "False" => 0.0,
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            "nan" => f64::NAN,
            _ if text.chars().all(|c| c.is_ascii_digit() || "+-.e".contains(c)) => parse_f64(text)?,
            _ => return None,
        };
        self.numbers.push(Number { text: text.to_string(), value });
        self.rest = rest;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &Printed) -> Vec<&str> {
        p.numbers.iter().map(|n| n.text.as_str()).collect()
    }

    #[test]
    fn reads_tensors_numbers_and_lists() {
        let p = read_printed("tensor([[ 1.,  2.],\n        [ 3., 40.]])").unwrap();
        assert_eq!((p.form, p.shape.clone()), (Form::Tensor, vec![2, 2]));
        assert_eq!(texts(&p), ["1.", "2.", "3.", "40."]);
        let p = read_printed("tensor(8.)").unwrap();
        assert_eq!((p.form, p.shape.clone(), p.numbers[0].value), (Form::Tensor, vec![], 8.0));
        let p = read_printed(" 8 ").unwrap();
        assert_eq!((p.form, p.shape.clone()), (Form::Number, vec![]));
        assert!(p.numbers[0].looks_integral());
        let p = read_printed("[4.0, 5.0, 6.0]").unwrap();
        assert_eq!((p.form, p.shape.clone()), (Form::List, vec![3]));
        let p = read_printed("tensor([1, 2], dtype=torch.int32)").unwrap();
        assert_eq!((p.shape.clone(), texts(&p)), (vec![2], vec!["1", "2"]));
        assert_eq!(read_printed("tensor([True, False])").unwrap().numbers[0].value, 1.0);
        assert_eq!(read_printed("tensor([])").unwrap().shape, [0]);
        assert_eq!(read_printed("tensor([[1.], [2.],])").unwrap().shape, [2, 1]);
    }

    #[test]
    fn what_is_not_a_printed_value_is_none() {
        for text in
            ["", "tensor(", "tensor([1, [2]])", "[1, 2", "eight", "torch.Size([3])", "1 2", "tensor(1, 2)"]
        {
            assert_eq!(read_printed(text), None, "{text}");
        }
        let deep = format!("{}1{}", "[".repeat(1000), "]".repeat(1000));
        assert_eq!(read_printed(&deep), None);
    }

    #[test]
    fn values_compare_to_printing_precision() {
        let a = read_printed("tensor([0.8889, 1.])").unwrap();
        assert!(a.same_values(&read_printed("[0.888888, 1.0]").unwrap()));
        assert!(!a.same_values(&read_printed("[0.89, 1.0]").unwrap()));
        assert!(!a.same_values(&read_printed("[0.8889]").unwrap()));
    }
}
