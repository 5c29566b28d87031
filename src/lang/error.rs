//! Errors from reading and running a program, as Python exceptions.

use crate::tensor::TensorError;
use std::fmt;

/// Where something stands in the program text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column (in characters) of the first character.
    pub column: usize,
}

impl Span {
    /// The span covering both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span { end: other.end.max(self.end), ..self }
    }
}

/// A Python exception raised while reading or running a program.
#[derive(Debug, Clone, PartialEq)]
pub struct LangError {
    /// The exception type Python would raise (`TypeError`, `SyntaxError`, ...).
    pub exception: &'static str,
    /// Its message, in PyTorch's or Python's words where they have one.
    pub message: String,
    /// The code that raised it, if known.
    pub span: Option<Span>,
    /// Whether the one-line form names the line and column (syntax errors do).
    located: bool,
}

impl fmt::Display for LangError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.exception, self.message)?;
        match (self.located, self.span) {
            (true, Some(s)) => write!(f, " (line {}, column {})", s.line, s.column),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for LangError {}

/// What the playground says of an integer past 64 bits.
const INT_TOO_LARGE: &str = "this integer is too large for the playground (it holds 64-bit integers)";

impl LangError {
    /// An exception of type `exception` with `message`.
    pub fn new(exception: &'static str, message: impl Into<String>) -> LangError {
        LangError { exception, message: message.into(), span: None, located: false }
    }

    /// Records where the error happened, unless it already knows.
    pub fn at(mut self, span: Span) -> LangError {
        self.span.get_or_insert(span);
        self
    }

    /// A syntax error, which always says where it is.
    pub fn syntax(message: impl Into<String>, span: Span) -> LangError {
        LangError { exception: "SyntaxError", message: message.into(), span: Some(span), located: true }
    }

    /// An indentation error (the playground's programs have no blocks).
    pub fn indentation(message: impl Into<String>, span: Span) -> LangError {
        LangError { exception: "IndentationError", message: message.into(), span: Some(span), located: true }
    }

    /// Python that is valid but outside the playground's subset.
    pub fn unsupported(what: impl fmt::Display, span: Span) -> LangError {
        LangError {
            exception: "NotImplementedError",
            message: format!("the playground does not support {what}"),
            span: Some(span),
            located: true,
        }
    }

    /// A run-time feature outside the subset, such as an unknown torch function.
    pub fn unsupported_here(what: impl fmt::Display) -> LangError {
        LangError::new("NotImplementedError", format!("the playground does not support {what}"))
    }

    /// A real name of PyTorch, NumPy or Python (`Tensor.diag`) that the
    /// playground does not have yet; `library` is whose it is.
    pub fn not_yet(what: impl fmt::Display, library: &str) -> LangError {
        LangError::new(
            "NotImplementedError",
            format!(
                "{what} is part of {library} but not of the playground yet; see the list of what is supported"
            ),
        )
    }

    /// Python's `AttributeError` or `NameError` for an unknown name, with
    /// Python's suggestion among `candidates` (`suggest`).
    pub fn unknown<'a>(
        exception: &'static str,
        message: String,
        name: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> LangError {
        match super::suggest::suggestion(name, candidates) {
            Some(s) => LangError::new(exception, format!("{message}. Did you mean: '{s}'?")),
            None => LangError::new(exception, message),
        }
    }

    /// One of the playground's safety limits.
    pub fn limit(message: impl Into<String>) -> LangError {
        LangError::new("RuntimeError", message)
    }

    /// An integer past 64 bits, which the playground refuses (Python's are unbounded).
    pub fn int_too_large() -> LangError {
        LangError::limit(INT_TOO_LARGE)
    }

    /// An integer literal past 64 bits, where the program writes it.
    pub fn int_too_large_at(span: Span) -> LangError {
        LangError::limit_at(INT_TOO_LARGE, span)
    }

    /// One of the playground's safety limits, found while reading the program.
    pub fn limit_at(message: impl Into<String>, span: Span) -> LangError {
        LangError { exception: "RuntimeError", message: message.into(), span: Some(span), located: true }
    }

    /// `TypeError`.
    pub fn type_error(message: impl Into<String>) -> LangError {
        LangError::new("TypeError", message)
    }

    /// `ValueError`.
    pub fn value_error(message: impl Into<String>) -> LangError {
        LangError::new("ValueError", message)
    }

    /// `IndexError`.
    pub fn index_error(message: impl Into<String>) -> LangError {
        LangError::new("IndexError", message)
    }

    /// `AttributeError`.
    pub fn attribute_error(message: impl Into<String>) -> LangError {
        LangError::new("AttributeError", message)
    }

    /// `ZeroDivisionError`.
    pub fn zero_division(message: impl Into<String>) -> LangError {
        LangError::new("ZeroDivisionError", message)
    }

    /// `RuntimeError`.
    pub fn runtime(message: impl Into<String>) -> LangError {
        LangError::new("RuntimeError", message)
    }
}

impl From<TensorError> for LangError {
    fn from(e: TensorError) -> LangError {
        LangError::new(e.exception_type().name(), e.to_string())
    }
}
