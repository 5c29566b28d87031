//! Splits program text into Python tokens.

use super::error::{LangError, Span};
use super::escapes::{BadEscape, decode};
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
    /// A string literal whose escapes Python refuses (or the playground
    /// cannot hold): the parser reports it where Python does, after the
    /// literals next to it.
    BadStr(BadEscape),
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
    if source.contains('\0') {
        // CPython's words; it says where no more than this.
        return Err(LangError::new("SyntaxError", "source code string cannot contain null bytes"));
    }
    // A UTF-8 byte order mark (which some editors write) starts the text, as Python allows.
    let start = if source.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    Lexer {
        source,
        pos: start,
        line: 1,
        line_start: start,
        depth: Vec::new(),
        tokens: Vec::new(),
        column_at: Cell::new((start, 1)),
        comment: None,
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
    /// Where a comment ending the current line starts: the end of the line
    /// is reported there, as Python reports it.
    comment: Option<usize>,
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
                // `\n`, `\r\n` and a lone `\r` all end a line, as in Python.
                '\n' | '\r' => {
                    if self.depth.is_empty() {
                        self.push_newline();
                        at_line_start = true;
                    }
                    self.break_line();
                }
                ' ' | '\t' | '\x0c' => {
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
        self.comment = None;
    }

    /// The length of the line break at the current position, if there is
    /// one: `\n`, `\r\n` or a lone `\r`, which Python all reads as one.
    fn line_break(&self) -> Option<usize> {
        match self.peek() {
            Some('\n') => Some(1),
            Some('\r') if self.peek_at(1) == Some('\n') => Some(2),
            Some('\r') => Some(1),
            _ => None,
        }
    }

    /// Steps over the line break at the current position, if any.
    fn break_line(&mut self) {
        if let Some(n) = self.line_break() {
            self.pos += n;
            self.new_line();
        }
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

    /// Ends a logical line, unless it was empty: where the line ends, or
    /// where the comment ending it starts.
    fn push_newline(&mut self) {
        if matches!(self.tokens.last(), Some(t) if t.kind != TokenKind::Newline) {
            let at = self.comment.unwrap_or(self.pos);
            let span = self.span_from(at);
            self.tokens.push(Token { kind: TokenKind::Newline, span: Span { end: at, ..span } });
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
            Some('\n' | '\r') => {
                self.break_line();
                Ok(true)
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
        self.comment = Some(self.pos);
        while matches!(self.peek(), Some(c) if c != '\n' && c != '\r') {
            self.bump();
        }
    }

    /// A backslash joining this line to the next; Python points at what follows it.
    fn continuation(&mut self) -> Result<(), LangError> {
        self.bump();
        match self.peek() {
            Some('\n' | '\r') => {
                self.break_line();
                Ok(())
            }
            None => Err(LangError::syntax("unexpected EOF while parsing", self.span_from(self.pos))),
            Some(_) => Err(LangError::syntax(
                "unexpected character after line continuation character",
                self.span_from(self.pos),
            )),
        }
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

    /// A number literal, read as CPython's tokenizer reads it: `_` only
    /// between digits (or right after `0x`, `0o`, `0b`), no leading zeros
    /// in a decimal integer, and nothing that could continue a name right
    /// after it (`1if` and the like are a number and a keyword, as Python
    /// reads them). Each error is Python's, at Python's column.
    fn number(&mut self) -> Result<(), LangError> {
        let start = self.pos;
        let radix = match (self.peek(), self.peek_at(1)) {
            (Some('0'), Some('x' | 'X')) => 16,
            (Some('0'), Some('o' | 'O')) => 8,
            (Some('0'), Some('b' | 'B')) => 2,
            _ => 10,
        };
        if radix != 10 {
            let kind = match radix {
                16 => "hexadecimal",
                8 => "octal",
                _ => "binary",
            };
            self.bump();
            self.bump();
            loop {
                if self.peek() == Some('_') {
                    self.bump();
                }
                match self.peek() {
                    Some(c) if c.is_digit(radix) => {}
                    Some(c) if c.is_ascii_digit() => return Err(self.invalid_digit(c, kind)),
                    _ => return Err(self.invalid_literal(kind)),
                }
                while self.peek().is_some_and(|c| c.is_digit(radix)) {
                    self.bump();
                }
                if self.peek() != Some('_') {
                    break;
                }
            }
            if let Some(c) = self.peek().filter(char::is_ascii_digit) {
                return Err(self.invalid_digit(c, kind));
            }
            self.end_of_number(kind)?;
            let digits: String = self.source[start + 2..self.pos].chars().filter(|&c| c != '_').collect();
            let kind = match i64::from_str_radix(&digits, radix) {
                Ok(value) => TokenKind::Int(value),
                Err(_) => self.too_large(u64::from_str_radix(&digits, radix).ok(), start)?,
            };
            self.push(kind, start);
            return Ok(());
        }
        let mut is_float = false;
        self.decimal_digits()?;
        let integer = &self.source[start..self.pos];
        let leading_zeros = integer.starts_with('0') && integer.bytes().any(|b| (b'1'..=b'9').contains(&b));
        if self.peek() == Some('.') {
            is_float = true;
            self.bump();
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.decimal_digits()?;
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            match self.peek_at(1) {
                Some(c) if c.is_ascii_digit() => {}
                Some('+' | '-') => {
                    if !self.peek_at(2).is_some_and(|c| c.is_ascii_digit()) {
                        // Python reports it at the sign.
                        self.bump();
                        self.bump();
                        return Err(self.invalid_literal("decimal"));
                    }
                    self.bump();
                }
                // Not an exponent: `1else` is a number and a keyword.
                _ => {
                    self.end_of_number("decimal")?;
                    return self.push_decimal(start, is_float);
                }
            }
            is_float = true;
            self.bump();
            self.decimal_digits()?;
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            self.bump();
            return Err(LangError::unsupported("complex numbers", self.span_from(start)));
        }
        if leading_zeros && !is_float {
            return Err(LangError::syntax(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                self.span_from(start),
            ));
        }
        self.end_of_number("decimal")?;
        self.push_decimal(start, is_float)
    }

    /// The decimal number from `start` to here, as a token.
    fn push_decimal(&mut self, start: usize, is_float: bool) -> Result<(), LangError> {
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

    /// Digits, each `_` between two of them.
    fn decimal_digits(&mut self) -> Result<(), LangError> {
        loop {
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.bump();
            }
            if self.peek() != Some('_') {
                return Ok(());
            }
            self.bump();
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(self.invalid_literal("decimal"));
            }
        }
    }

    /// Python's check that a number ends where it seems to: an ASCII letter
    /// or `_` right after it is an error, unless it starts one of the keywords
    /// that may follow a number in valid code (Python warns, and reads on).
    fn end_of_number(&self, kind: &str) -> Result<(), LangError> {
        let rest = &self.source[self.pos..];
        let Some(c) = rest.chars().next() else { return Ok(()) };
        // Python's own test counts any non-ASCII character too, but then
        // reports `1é` as plain invalid syntax at the `é`, as the parser does.
        let continues_name = |c: char| c == '_' || c.is_ascii_alphabetic();
        if !continues_name(c) {
            return Ok(());
        }
        let keyword = |word: &str| {
            rest.strip_prefix(word).is_some_and(|after| !after.chars().next().is_some_and(continues_name))
        };
        let follows = match c {
            'i' => matches!(rest.chars().nth(1), Some('f' | 'n' | 's')),
            _ => ["and", "else", "for", "or", "not"].into_iter().any(keyword),
        };
        if follows { Ok(()) } else { Err(self.invalid_literal(kind)) }
    }

    /// `invalid decimal literal` (or hexadecimal, ...), at the column Python
    /// gives it: that of the character before the one it stopped at.
    fn invalid_literal(&self, kind: &str) -> LangError {
        let before = self.source[..self.pos].chars().next_back().map_or(0, char::len_utf8);
        LangError::syntax(format!("invalid {kind} literal"), self.span_from(self.pos - before))
    }

    /// `invalid digit '8' in octal literal`, at the digit.
    fn invalid_digit(&self, digit: char, kind: &str) -> LangError {
        LangError::syntax(format!("invalid digit '{digit}' in {kind} literal"), self.span_from(self.pos))
    }

    /// An integer literal past int64's largest: 2**63 may still be negated
    /// (the parser decides); anything larger is refused here.
    fn too_large(&self, value: Option<u64>, start: usize) -> Result<TokenKind, LangError> {
        if value == Some(1 << 63) {
            return Ok(TokenKind::IntMinMagnitude);
        }
        Err(LangError::int_too_large_at(self.span_from(start)))
    }

    /// A string literal from its opening quote; `start` is where it begins
    /// (before its prefix, if any). Its body is found as Python's tokenizer
    /// finds it (a backslash escapes whatever follows), then decoded.
    fn string(&mut self, start: usize) -> Result<(), LangError> {
        // Where the literal starts, which is where it is reported, even once
        // a triple-quoted one has run over several lines.
        let open = self.span_from(start);
        let quote = self.bump().expect("string() is called at a quote");
        let triple = self.peek() == Some(quote) && self.peek_at(1) == Some(quote);
        if triple {
            self.bump();
            self.bump();
        }
        let body = self.pos;
        let end = loop {
            let Some(c) = self.peek() else { return Err(self.unterminated(open, triple)) };
            if c == quote && (!triple || (self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote))) {
                let end = self.pos;
                self.pos += if triple { 3 } else { 1 };
                break end;
            }
            match c {
                '\n' | '\r' if !triple => return Err(self.unterminated(open, triple)),
                '\n' | '\r' => self.break_line(),
                '\\' => {
                    self.bump();
                    if self.line_break().is_some() {
                        self.break_line();
                    } else {
                        self.bump();
                    }
                }
                _ => {
                    self.bump();
                }
            }
        };
        let kind = match decode(&self.source[body..end]) {
            Ok(text) => TokenKind::Str(text),
            Err(bad) => TokenKind::BadStr(bad),
        };
        self.tokens.push(Token { kind, span: Span { end: self.pos, ..open } });
        Ok(())
    }

    /// Python's error for a string literal without its closing quote.
    fn unterminated(&self, open: Span, triple: bool) -> LangError {
        let what =
            if triple { "unterminated triple-quoted string literal" } else { "unterminated string literal" };
        LangError::syntax(format!("{what} (detected at line {})", self.line), open)
    }

    fn operator(&mut self) -> Result<(), LangError> {
        let start = self.pos;
        let rest = &self.source[self.pos..];
        let Some(op) = OPERATORS.iter().find(|op| rest.starts_with(**op)) else {
            let c = self.bump().unwrap_or(' ');
            // As CPython's tokenizer words it.
            let message = if c.is_ascii_graphic() {
                "invalid syntax".to_string()
            } else if printable(c) {
                format!("invalid character '{c}' (U+{:04X})", c as u32)
            } else {
                format!("invalid non-printable character U+{:04X}", c as u32)
            };
            return Err(LangError::syntax(message, self.span_from(start)));
        };
        self.pos += op.len();
        let span = self.span_from(start);
        match *op {
            "(" | "[" | "{" => {
                if self.depth.len() >= super::parser::MAX_NESTING {
                    // CPython's tokenizer refuses the same, in these words.
                    return Err(LangError::syntax("too many nested parentheses", span));
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

/// Whether Python's `str.isprintable()` holds for `c`: not a control,
/// format, separator (other than the space), surrogate or private-use
/// character. (Unassigned code points, which Python also calls
/// non-printable, are not known here.)
fn printable(c: char) -> bool {
    let format = matches!(
        c as u32,
        0xad | 0x600..=0x605
            | 0x61c
            | 0x6dd
            | 0x70f
            | 0x890..=0x891
            | 0x8e2
            | 0x180e
            | 0x200b..=0x200f
            | 0x202a..=0x202e
            | 0x2060..=0x2064
            | 0x2066..=0x206f
            | 0xfeff
            | 0xfff9..=0xfffb
            | 0x110bd
            | 0x110cd
            | 0x13430..=0x1343f
            | 0x1bca0..=0x1bca3
            | 0x1d173..=0x1d17a
            | 0xe0001
            | 0xe0020..=0xe007f
    );
    let private = matches!(c as u32, 0xe000..=0xf8ff | 0xf0000..=0xffffd | 0x100000..=0x10fffd);
    !(c.is_control() || (c.is_whitespace() && c != ' ') || format || private)
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
    fn underscores_and_zeros_where_python_allows_them() {
        // Python's own errors for the others are in tests/hostile (numbers/...).
        assert_eq!(kinds("00_0")[0], TokenKind::Int(0));
        assert_eq!(kinds("012.")[0], TokenKind::Float(12.0));
        assert_eq!(kinds("08.e1")[0], TokenKind::Float(80.0));
        assert_eq!(kinds("0x_f_f")[0], TokenKind::Int(255));
        assert_eq!(kinds("1_0.0_5e1_0")[0], TokenKind::Float(10.05e10));
        // A keyword right after a number is read as Python reads it.
        assert_eq!(kinds("1or")[..2], [TokenKind::Int(1), TokenKind::Name("or".into())]);
        assert_eq!(kinds("1else")[..2], [TokenKind::Int(1), TokenKind::Name("else".into())]);
        for bad in ["007", "0_7", "1_", "1__0", "1._5", "1e_1", "0x", "0b2", "0o8", "1x"] {
            assert!(tokenize(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn byte_order_marks_and_every_line_ending_are_read_as_python_reads_them() {
        let names = |src: &str| -> Vec<TokenKind> {
            kinds(src).into_iter().filter(|k| !matches!(k, TokenKind::Op(_) | TokenKind::Int(_))).collect()
        };
        let expected = vec![
            TokenKind::Name("x".into()),
            TokenKind::Newline,
            TokenKind::Name("y".into()),
            TokenKind::Newline,
            TokenKind::Name("z".into()),
            TokenKind::Newline,
            TokenKind::End,
        ];
        assert_eq!(names("\u{feff}x = 1\r\ny = 2\rz = 3"), expected);
        assert_eq!(names("x = (1,\r\n2)\r# c\r\ry = \\\r3\nz = 3\r\n"), expected);
        assert_eq!(kinds("'''a\r\nb\rc'''")[0], TokenKind::Str("a\nb\nc".into()));
        // Only a mark that starts the text is allowed.
        let err = tokenize("x = 1\u{feff}").unwrap_err();
        assert_eq!(err.to_string(), "SyntaxError: invalid non-printable character U+FEFF (line 1, column 6)");
        let err = tokenize("x = 1\0").unwrap_err();
        assert_eq!(err.to_string(), "SyntaxError: source code string cannot contain null bytes");
    }

    #[test]
    fn a_line_is_reported_ending_where_its_comment_starts() {
        let tokens = tokenize("x = 1  # one\ny").unwrap();
        assert_eq!((tokens[3].kind.clone(), tokens[3].span.column), (TokenKind::Newline, 8));
        let tokens = tokenize("x = 1  \ny").unwrap();
        assert_eq!(
            (tokens[3].kind.clone(), tokens[3].span.line, tokens[3].span.column),
            (TokenKind::Newline, 1, 8)
        );
    }

    #[test]
    fn errors_say_where() {
        let err = tokenize("x = (1,\n2").unwrap_err();
        assert_eq!(err.to_string(), "SyntaxError: '(' was never closed (line 1, column 5)");
        let tokens = kinds("x = 1\n  y");
        assert!(tokens.contains(&TokenKind::Indent));
    }
}
