//! Splits program text into Python tokens.

use super::error::{LangError, Span};
use crate::tensor::decimal::parse_f64;
use std::cell::Cell;

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// An identifier or keyword.
    Name(String),
    /// An integer literal.
    Int(i64),
    /// `9223372036854775808` (2**63), one past int64's largest: it fits
    /// only negated, as `-9223372036854775808`, int64's least.
    IntMinMagnitude,
    /// A float literal.
    Float(f64),
    /// A string literal (already unescaped).
    Str(String),
    /// An operator or delimiter, as written (`+`, `//`, `(`, `...`).
    Op(&'static str),
    /// Leading whitespace at the start of a logical line.
    Indent,
    /// The end of a logical line.
    Newline,
    /// The end of the program.
    End,
}

/// A token and where it stands in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is.
    pub span: Span,
}

/// Operators and delimiters, longest first so that `**` wins over `*`.
const OPERATORS: &[&str] = &[
    "...", "**=", "//=", ">>=", "<<=", "**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=",
    "%=", "@=", "&=", "|=", "^=", ":=", "<<", ">>", "+", "-", "*", "/", "%", "@", "<", ">", "=", "(", ")",
    "[", "]", "{", "}", ",", ":", ".", ";", "~", "&", "|", "^",
];

/// The most tokens one program may have, so pasting a huge text cannot exhaust memory.
pub const MAX_TOKENS: usize = 200_000;

/// Tokenizes a whole program.
pub fn tokenize(source: &str) -> Result<Vec<Token>, LangError> {
    Lexer {
        source,
        pos: 0,
        line: 1,
        line_start: 0,
        depth: Vec::new(),
        tokens: Vec::new(),
        column_at: Cell::new((0, 1)),
    }
    .run()
}

struct Lexer<'a> {
    source: &'a str,
    pos: usize,
    line: usize,
    line_start: usize,
    /// Open brackets, innermost last: newlines inside them do not end a line.
    depth: Vec<(char, Span)>,
    tokens: Vec<Token>,
    /// A byte position on the current line and its column, so that columns
    /// are counted on from the last token instead of from the line start
    /// (which made a long one-line program quadratic to read).
    column_at: Cell<(usize, usize)>,
}

impl Lexer<'_> {
    fn run(mut self) -> Result<Vec<Token>, LangError> {
        let mut at_line_start = true;
        while let Some(c) = self.peek() {
            if self.tokens.len() > MAX_TOKENS {
                return Err(LangError::limit("the program is too long for the playground"));
            }
            if at_line_start && self.depth.is_empty() {
                at_line_start = false;
                if self.indentation()? {
                    at_line_start = true;
                    continue;
                }
                continue;
            }
            match c {
                '\n' => {
                    self.bump();
                    self.new_line();
                    if self.depth.is_empty() {
                        self.push_newline();
                        at_line_start = true;
                    }
                }
                ' ' | '\t' | '\r' | '\x0c' => {
                    self.bump();
                }
                '#' => self.skip_comment(),
                '\\' => self.continuation()?,
                '0'..='9' => self.number()?,
                '.' if self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) => self.number()?,
                '\'' | '"' => self.string(self.pos)?,
                c if c == '_' || c.is_alphabetic() => self.name()?,
                _ => self.operator()?,
            }
        }
        if let Some((open, span)) = self.depth.last() {
            return Err(LangError::syntax(format!("'{open}' was never closed"), *span));
        }
        self.push_newline();
        let span = self.span_from(self.pos);
        self.tokens.push(Token { kind: TokenKind::End, span });
        Ok(self.tokens)
    }

    fn peek(&self) -> Option<char> {
        self.source[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.source[self.pos..].chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn new_line(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }

    /// A span from byte `start` (on the current line) to the current position.
    fn span_from(&self, start: usize) -> Span {
        let start_on_line = start.max(self.line_start);
        let (mut from, mut column) = self.column_at.get();
        if from < self.line_start || from > start_on_line {
            (from, column) = (self.line_start, 1);
        }
        column += self.source[from..start_on_line].chars().count();
        self.column_at.set((start_on_line, column));
        Span { start, end: self.pos, line: self.line, column }
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        let span = self.span_from(start);
        self.tokens.push(Token { kind, span });
    }

    /// Ends a logical line, unless it was empty.
    fn push_newline(&mut self) {
        if matches!(self.tokens.last(), Some(t) if t.kind != TokenKind::Newline) {
            self.push(TokenKind::Newline, self.pos);
        }
    }

    /// Reads a line's leading whitespace; returns true if the line is blank
    /// (or a comment), which is skipped entirely.
    fn indentation(&mut self) -> Result<bool, LangError> {
        let start = self.pos;
        while matches!(self.peek(), Some(' ' | '\t' | '\x0c')) {
            self.bump();
        }
        match self.peek() {
            None => Ok(false),
            Some('\n') => {
                self.bump();
                self.new_line();
                Ok(true)
            }
            Some('\r') if self.peek_at(1) == Some('\n') => {
                self.bump();
                Ok(false)
            }
            Some('#') => {
                self.skip_comment();
                Ok(false)
            }
            Some(_) if self.pos > start => {
                // The parser decides: an indented block after `for x in t:` is
                // reported as the unsupported loop, not as bad indentation.
                self.push(TokenKind::Indent, start);
                Ok(false)
            }
            Some(_) => Ok(false),
        }
    }

    fn skip_comment(&mut self) {
        while matches!(self.peek(), Some(c) if c != '\n') {
            self.bump();
        }
    }

    fn continuation(&mut self) -> Result<(), LangError> {
        let start = self.pos;
        self.bump();
        if self.peek() == Some('\r') {
            self.bump();
        }
        if self.peek() != Some('\n') {
            return Err(LangError::syntax(
                "unexpected character after line continuation character",
                self.span_from(start),
            ));
        }
        self.bump();
        self.new_line();
        Ok(())
    }

    fn name(&mut self) -> Result<(), LangError> {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if c == '_' || c.is_alphanumeric()) {
            self.bump();
        }
        let text = self.source[start..self.pos].to_string();
        if matches!(self.peek(), Some('\'' | '"')) {
            // A string prefix (`f"{x}"`): Python reads one string, so the
            // playground must not report a name followed by a string as a
            // SyntaxError.
            let what = match text.to_ascii_lowercase().as_str() {
                "f" | "rf" | "fr" => Some("f-strings (f\"...\")"),
                "r" => Some("raw strings (r\"...\")"),
                "b" | "br" | "rb" => Some("bytes (b\"...\")"),
                // `u"..."` is a plain string.
                "u" => return self.string(start),
                _ => None,
            };
            if let Some(what) = what {
                return Err(LangError::unsupported(what, self.span_from(start)));
            }
        }
        self.push(TokenKind::Name(text), start);
        Ok(())
    }

    fn number(&mut self) -> Result<(), LangError> {
        let start = self.pos;
        let radix = match (self.peek(), self.peek_at(1)) {
            (Some('0'), Some('x' | 'X')) => 16,
            (Some('0'), Some('o' | 'O')) => 8,
            (Some('0'), Some('b' | 'B')) => 2,
            _ => 10,
        };
        if radix != 10 {
            self.bump();
            self.bump();
            while matches!(self.peek(), Some(c) if c == '_' || c.is_digit(radix)) {
                self.bump();
            }
            let digits: String = self.source[start + 2..self.pos].chars().filter(|&c| c != '_').collect();
            let kind = match i64::from_str_radix(&digits, radix) {
                Ok(value) => TokenKind::Int(value),
                Err(_) => self.too_large(u64::from_str_radix(&digits, radix).ok(), start)?,
            };
            self.push(kind, start);
            return Ok(());
        }
        let mut is_float = false;
        self.digits();
        if self.peek() == Some('.') {
            is_float = true;
            self.bump();
            self.digits();
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let sign = matches!(self.peek_at(1), Some('+' | '-'));
            let digit_at = if sign { 2 } else { 1 };
            if self.peek_at(digit_at).is_some_and(|c| c.is_ascii_digit()) {
                is_float = true;
                self.bump();
                if sign {
                    self.bump();
                }
                self.digits();
            }
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            self.bump();
            return Err(LangError::unsupported("complex numbers", self.span_from(start)));
        }
        if matches!(self.peek(), Some(c) if c == '_' || c.is_alphanumeric()) {
            self.bump();
            return Err(LangError::syntax("invalid decimal literal", self.span_from(start)));
        }
        let text: String = self.source[start..self.pos].chars().filter(|&c| c != '_').collect();
        let kind = if is_float {
            TokenKind::Float(
                parse_f64(&text)
                    .ok_or_else(|| LangError::syntax("invalid decimal literal", self.span_from(start)))?,
            )
        } else {
            match text.parse() {
                Ok(value) => TokenKind::Int(value),
                Err(_) => self.too_large(text.parse().ok(), start)?,
            }
        };
        self.push(kind, start);
        Ok(())
    }

    /// An integer literal past int64's largest: 2**63 may still be negated
    /// (the parser decides); anything larger is refused here.
    fn too_large(&self, value: Option<u64>, start: usize) -> Result<TokenKind, LangError> {
        if value == Some(1 << 63) {
            return Ok(TokenKind::IntMinMagnitude);
        }
        Err(LangError::int_too_large_at(self.span_from(start)))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(c) if c.is_ascii_digit() || c == '_') {
            self.bump();
        }
    }

    /// A string literal from its opening quote; `start` is where it begins
    /// (before its prefix, if any).
    fn string(&mut self, start: usize) -> Result<(), LangError> {
        let quote = self.bump().expect("string() is called at a quote");
        let triple = self.peek() == Some(quote) && self.peek_at(1) == Some(quote);
        if triple {
            self.bump();
            self.bump();
        }
        let mut text = String::new();
        loop {
            let Some(c) = self.bump() else {
                let what = if triple {
                    "unterminated triple-quoted string literal"
                } else {
                    "unterminated string literal"
                };
                return Err(LangError::syntax(what, self.span_from(start)));
            };
            match c {
                c if c == quote && !triple => break,
                c if c == quote && self.peek() == Some(quote) && self.peek_at(1) == Some(quote) => {
                    self.bump();
                    self.bump();
                    break;
                }
                '\n' if !triple => {
                    return Err(LangError::syntax("unterminated string literal", self.span_from(start)));
                }
                '\n' => {
                    text.push('\n');
                    self.new_line();
                }
                '\\' => match self.bump() {
                    Some('n') => text.push('\n'),
                    Some('t') => text.push('\t'),
                    Some('\\') => text.push('\\'),
                    Some('\'') => text.push('\''),
                    Some('"') => text.push('"'),
                    Some('\n') => self.new_line(),
                    Some(other) => {
                        text.push('\\');
                        text.push(other);
                    }
                    None => {}
                },
                c => text.push(c),
            }
        }
        self.push(TokenKind::Str(text), start);
        Ok(())
    }

    fn operator(&mut self) -> Result<(), LangError> {
        let start = self.pos;
        let rest = &self.source[self.pos..];
        let Some(op) = OPERATORS.iter().find(|op| rest.starts_with(**op)) else {
            let c = self.bump().unwrap_or(' ');
            return Err(LangError::syntax(
                format!("invalid character '{c}' (U+{:04X})", c as u32),
                self.span_from(start),
            ));
        };
        self.pos += op.len();
        let span = self.span_from(start);
        match *op {
            "(" | "[" | "{" => {
                if self.depth.len() >= super::parser::MAX_NESTING {
                    return Err(LangError::limit_at("too many nested brackets for the playground", span));
                }
                self.depth.push((op.chars().next().unwrap_or('('), span));
            }
            ")" | "]" | "}" => {
                let close = op.chars().next().unwrap_or(')');
                match self.depth.pop() {
                    Some((open, _)) if matches!((open, close), ('(', ')') | ('[', ']') | ('{', '}')) => {}
                    Some((open, _)) => {
                        return Err(LangError::syntax(
                            format!(
                                "closing parenthesis '{close}' does not match opening parenthesis '{open}'"
                            ),
                            span,
                        ));
                    }
                    None => return Err(LangError::syntax(format!("unmatched '{close}'"), span)),
                }
            }
            _ => {}
        }
        self.tokens.push(Token { kind: TokenKind::Op(op), span });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<TokenKind> {
        tokenize(src).unwrap().into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn newlines_inside_brackets_do_not_end_the_line() {
        let k = kinds("t = f(1,\n  2)\n\n# done\nt");
        let newlines = k.iter().filter(|k| **k == TokenKind::Newline).count();
        assert_eq!(newlines, 2);
    }

    #[test]
    fn numbers_and_floats() {
        assert_eq!(kinds("1.")[0], TokenKind::Float(1.0));
        assert_eq!(kinds(".5")[0], TokenKind::Float(0.5));
        assert_eq!(kinds("1e-3")[0], TokenKind::Float(1e-3));
        assert_eq!(kinds("1_000")[0], TokenKind::Int(1000));
        assert_eq!(kinds("t.sum")[1], TokenKind::Op("."));
    }

    #[test]
    fn errors_say_where() {
        let err = tokenize("x = (1,\n2").unwrap_err();
        assert_eq!(err.to_string(), "SyntaxError: '(' was never closed (line 1, column 5)");
        let tokens = kinds("x = 1\n  y");
        assert!(tokens.contains(&TokenKind::Indent));
    }
}
