//! The URL fragment that carries the playground's state (contract section 1):
//! `application/x-www-form-urlencoded` pairs such as `code=...&lesson=...&step=...`.

/// Decodes a fragment (with or without its leading `#`) into key/value pairs, in order.
pub fn parse_fragment(fragment: &str) -> Vec<(String, String)> {
    let body = fragment.strip_prefix('#').unwrap_or(fragment);
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

/// Encodes key/value pairs as a fragment body (without the `#`).
pub fn build_fragment(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// The value of `key` in a fragment, if present (the first one wins).
pub fn fragment_value(fragment: &str, key: &str) -> Option<String> {
    parse_fragment(fragment).into_iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Form-urlencoding: letters, digits and `*-._` stay, spaces become `+`,
/// every other UTF-8 byte becomes `%XX`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The inverse of `encode`; malformed escapes are kept as written and
/// invalid UTF-8 is replaced, so any fragment decodes to something.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() && hex(bytes[i + 1]).is_some() && hex(bytes[i + 2]).is_some() => {
                out.push(hex(bytes[i + 1]).unwrap_or(0) * 16 + hex(bytes[i + 2]).unwrap_or(0));
                i += 2;
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_survive_a_round_trip() {
        let program =
            "t = torch.tensor([[1, 0], [0, 3]], dtype=torch.float32)\nt.argmax(dim=1)  # max → index";
        let fragment = build_fragment(&[("code", program), ("step", "2")]);
        assert!(!fragment.contains(' ') && !fragment.contains('\n') && !fragment.contains('#'));
        assert_eq!(fragment_value(&fragment, "code").as_deref(), Some(program));
        assert_eq!(fragment_value(&format!("#{fragment}"), "step").as_deref(), Some("2"));
    }

    #[test]
    fn spaces_may_come_as_plus_or_percent_twenty() {
        assert_eq!(decode("t.sum(dim%3D0)+%2B%201"), "t.sum(dim=0) + 1");
        assert_eq!(fragment_value("#embed=1&code=t", "embed").as_deref(), Some("1"));
    }

    #[test]
    fn malformed_fragments_still_decode() {
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%FF"), "\u{FFFD}");
        assert_eq!(
            parse_fragment("#&&=x&code"),
            vec![(String::new(), "x".to_string()), ("code".to_string(), String::new())]
        );
    }
}
