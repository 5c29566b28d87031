//! The backslash escapes of Python's string literals (`"\n"`, `"\x41"`,
//! `"\u00e9"`), decoded as CPython decodes them, with its exact errors.
//!
//! CPython decodes a literal's body with its `unicodeescape` codec after
//! writing every character outside ASCII as a ten-byte `\UXXXXXXXX` escape
//! (and a backslash before one as the six bytes `\u005c`): the positions in
//! its errors (`can't decode bytes in position 0-1: truncated \xXX escape`)
//! count bytes of that text, and are reproduced here.

/// Why a literal's body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadEscape {
    /// Python's `SyntaxError` message.
    Syntax(String),
    /// Valid Python the playground cannot hold (what it is).
    Unsupported(&'static str),
}

/// The characters a string literal's body stands for. Line breaks in the
/// body (`\r\n`, `\r`) are read as `\n`, as Python reads source text.
pub fn decode(body: &str) -> Result<String, BadEscape> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    // Where the next character starts in CPython's rewritten text.
    let mut at = 0usize;
    while let Some(c) = chars.next() {
        if c != '\\' {
            match c {
                '\r' => {
                    chars.next_if_eq(&'\n');
                    out.push('\n');
                }
                c => out.push(c),
            }
            at += width(c);
            continue;
        }
        let start = at;
        let Some(&next) = chars.peek() else {
            // The tokenizer never ends a body on a lone backslash.
            out.push('\\');
            break;
        };
        if !next.is_ascii() {
            // Kept, as an unknown escape; CPython wrote it as `\u005c`.
            out.push('\\');
            at += 6;
            continue;
        }
        chars.next();
        at += 2;
        match next {
            // A backslash at the end of a line joins the lines.
            '\n' => {}
            '\r' => {
                chars.next_if_eq(&'\n');
            }
            '\\' | '\'' | '"' => out.push(next),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut value = next.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    let Some(d) = chars.peek().and_then(|d| d.to_digit(8)) else { break };
                    chars.next();
                    at += 1;
                    value = value * 8 + d;
                }
                // At most 0o777, always a character.
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let (digits, what) = match next {
                    'x' => (2, "\\xXX"),
                    'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let mut value = 0u32;
                for _ in 0..digits {
                    let Some(d) = chars.peek().and_then(|d| d.to_digit(16)) else {
                        return Err(codec_error(start, at, &format!("truncated {what} escape")));
                    };
                    chars.next();
                    at += 1;
                    value = value * 16 + d;
                }
                match char::from_u32(value) {
                    Some(c) => out.push(c),
                    None if value > 0x10ffff => {
                        return Err(codec_error(start, at, "illegal Unicode character"));
                    }
                    // Python's strings may hold lone surrogates; Rust's cannot.
                    None => {
                        return Err(BadEscape::Unsupported(
                            "strings holding surrogates (\\ud800 to \\udfff)",
                        ));
                    }
                }
            }
            'N' => {
                const MALFORMED: &str = "malformed \\N character escape";
                if chars.next_if_eq(&'{').is_none() {
                    return Err(codec_error(start, at, MALFORMED));
                }
                at += 1;
                let mut named = false;
                loop {
                    match chars.next() {
                        // CPython looks for the brace up to the end of the body.
                        None => return Err(codec_error(start, at, MALFORMED)),
                        Some('}') if !named => return Err(codec_error(start, at, MALFORMED)),
                        Some('}') => break,
                        Some(c) => {
                            named = true;
                            at += width(c);
                        }
                    }
                }
                return Err(BadEscape::Unsupported("named characters in strings (\\N{...})"));
            }
            // Unknown escapes stay as written.
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// How many bytes `c` takes in CPython's rewritten text.
fn width(c: char) -> usize {
    if c.is_ascii() { 1 } else { 10 }
}

/// The codec's error for the bytes from `start` up to `end`, as the
/// `SyntaxError` CPython raises with it.
fn codec_error(start: usize, end: usize, message: &str) -> BadEscape {
    BadEscape::Syntax(format!(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{}: {message}",
        end - 1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(body: &str) -> String {
        match decode(body) {
            Err(BadEscape::Syntax(message)) => message,
            other => panic!("{body:?} decoded as {other:?}"),
        }
    }

    #[test]
    fn escapes_decode_as_in_python() {
        assert_eq!(decode(r#"a\tb\n\\\'\""#).unwrap(), "a\tb\n\\'\"");
        assert_eq!(decode(r"\a\b\f\v\r\0").unwrap(), "\x07\x08\x0c\x0b\r\0");
        assert_eq!(decode(r"\101\7\777").unwrap(), "A\x07\u{1ff}");
        assert_eq!(decode(r"\x41\u00e9\U0001F600").unwrap(), "Aé😀");
        assert_eq!(decode(r"\q\é").unwrap(), "\\q\\é");
        assert_eq!(decode("a\\\nb\\\r\nc").unwrap(), "abc");
        assert_eq!(decode("a\r\nb\rc").unwrap(), "a\nb\nc");
    }

    /// The messages CPython 3.11 gives for these bodies (tests/hostile/ has
    /// them from Python itself).
    #[test]
    fn bad_escapes_are_cpythons_errors_with_its_positions() {
        let truncated_x = "truncated \\xXX escape";
        let codec = "(unicode error) 'unicodeescape' codec can't decode bytes in position";
        assert_eq!(error(r"\x"), format!("{codec} 0-1: {truncated_x}"));
        assert_eq!(error(r"\x4g"), format!("{codec} 0-2: {truncated_x}"));
        assert_eq!(error(r"ab\x"), format!("{codec} 2-3: {truncated_x}"));
        assert_eq!(error(r"é\x"), format!("{codec} 10-11: {truncated_x}"));
        assert_eq!(error(r"\é\x"), format!("{codec} 16-17: {truncated_x}"));
        assert_eq!(error(r"\u12"), format!("{codec} 0-3: truncated \\uXXXX escape"));
        assert_eq!(error(r"\U1234"), format!("{codec} 0-5: truncated \\UXXXXXXXX escape"));
        assert_eq!(error(r"ab\U0011ffff"), format!("{codec} 2-11: illegal Unicode character"));
        assert_eq!(error(r"\N"), format!("{codec} 0-1: malformed \\N character escape"));
        assert_eq!(error(r"\Nx"), format!("{codec} 0-1: malformed \\N character escape"));
        assert_eq!(error(r"\N{"), format!("{codec} 0-2: malformed \\N character escape"));
        assert_eq!(error(r"\N{}"), format!("{codec} 0-2: malformed \\N character escape"));
        assert!(matches!(decode(r"\N{LATIN SMALL LETTER A}"), Err(BadEscape::Unsupported(_))));
        assert!(matches!(decode(r"\ud800"), Err(BadEscape::Unsupported(_))));
    }
}
