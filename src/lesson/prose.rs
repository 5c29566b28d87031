//! The Markdown subset lesson prose is written in: paragraphs, `- ` lists,
//! `code`, *emphasis* and **strong**. It becomes data, never HTML, so lesson
//! text cannot inject markup into a page.

/// A block of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bulleted list; each item is a run of inline text.
    List(Vec<Vec<Inline>>),
}

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `code`
    Code(String),
    /// *emphasis*
    Emphasis(String),
    /// **strong**
    Strong(String),
}

/// Splits prose into paragraphs and lists.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let flush_paragraph = |p: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !p.is_empty() {
            out.push(Block::Paragraph(inlines(&p.join(" "))));
            p.clear();
        }
    };
    let flush_list = |l: &mut Vec<String>, out: &mut Vec<Block>| {
        if !l.is_empty() {
            out.push(Block::List(l.iter().map(|i| inlines(i)).collect()));
            l.clear();
        }
    };
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            flush_paragraph(&mut paragraph, &mut out);
            flush_list(&mut list, &mut out);
        } else if let Some(item) = t.strip_prefix("- ") {
            flush_paragraph(&mut paragraph, &mut out);
            list.push(item.to_string());
        } else if !list.is_empty() && line.starts_with(' ') {
            // An indented line continues the list item above it.
            if let Some(last) = list.last_mut() {
                last.push(' ');
                last.push_str(t);
            }
        } else {
            flush_list(&mut list, &mut out);
            paragraph.push(t);
        }
    }
    flush_paragraph(&mut paragraph, &mut out);
    flush_list(&mut list, &mut out);
    out
}

/// Splits a line into plain text, `code`, *emphasis* and **strong**.
/// A marker without its closing partner is plain text.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (marker, make): (&str, fn(String) -> Inline) = match c {
            '`' => ("`", Inline::Code),
            '*' if rest.starts_with("**") => ("**", Inline::Strong),
            '*' => ("*", Inline::Emphasis),
            _ => {
                plain.push(c);
                rest = &rest[c.len_utf8()..];
                continue;
            }
        };
        let after = &rest[marker.len()..];
        match after.find(marker).filter(|&end| end > 0) {
            Some(end) => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(make(after[..end].to_string()));
                rest = &after[end + marker.len()..];
            }
            None => {
                plain.push_str(marker);
                rest = after;
            }
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_inline_marks() {
        let b = blocks("A *reduction* takes\n**one** tensor: `t.sum()`.\n\n- first\n- second `x`\n\nEnd.");
        assert_eq!(
            b,
            vec![
                Block::Paragraph(vec![
                    Inline::Text("A ".into()),
                    Inline::Emphasis("reduction".into()),
                    Inline::Text(" takes ".into()),
                    Inline::Strong("one".into()),
                    Inline::Text(" tensor: ".into()),
                    Inline::Code("t.sum()".into()),
                    Inline::Text(".".into()),
                ]),
                Block::List(vec![
                    vec![Inline::Text("first".into())],
                    vec![Inline::Text("second ".into()), Inline::Code("x".into())]
                ]),
                Block::Paragraph(vec![Inline::Text("End.".into())]),
            ]
        );
    }

    #[test]
    fn markup_is_only_text() {
        assert_eq!(
            inlines("<script>alert(1)</script> 2 * 3"),
            vec![Inline::Text("<script>alert(1)</script> 2 * 3".into())]
        );
        assert_eq!(inlines("`unclosed"), vec![Inline::Text("`unclosed".into())]);
    }
}
