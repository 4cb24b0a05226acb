//! Text on a terminal: what a customer's text (or a forged file's) may not do there. Control
//! characters (escape sequences can move the cursor, retitle the window, hide lines) are shown
//! as escapes, and the invisible format characters that reorder or hide text (U+202E and its
//! kin, zero-width joiners) are shown by name, so that nothing disguises a name.

/// Invisible characters that change how text around them is shown: bidirectional controls,
/// zero-width characters, the byte-order mark, interlinear annotations.
pub fn is_disguise(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Control characters a terminal acts on (C0 but line feed and tab, DEL, C1).
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c)
}

/// Text for a terminal: controls as `\x1b`, disguising characters as `<U+202E>`. Line feeds
/// and tabs are kept (the CLI's own layout uses them).
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| is_control(c) || is_disguise(c)) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) {
            let n = u32::from(c);
            if n <= 0xff {
                out.push_str(&format!("\\x{n:02x}"));
            } else {
                out.push_str(&format!("\\u{{{n:x}}}"));
            }
        } else if is_disguise(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// JSON for a terminal: JSON escapes C0 itself; C1, DEL and disguising characters, which it
/// leaves raw, become `\uXXXX` escapes — the same text for a script that parses it.
pub fn shown_json(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(|c| is_control(c) || is_disguise(c)) {
        return json.into();
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if (is_control(c) && c != '\r') || is_disguise(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_disguises_are_shown_not_obeyed() {
        assert_eq!(shown("株式会社テスト"), "株式会社テスト");
        assert_eq!(shown("a\x1b]0;pwned\x07b"), "a\\x1b]0;pwned\\x07b");
        assert_eq!(shown("evil\u{202E}gpj.exe"), "evil<U+202E>gpj.exe");
        assert_eq!(shown("x\u{9b}31m"), "x\\x9b31m");
        assert_eq!(shown("line\n\tnext"), "line\n\tnext");
        let json = serde_json::to_string(&"a\u{202E}b\u{9b}c\x1b").unwrap_or_default();
        let safe = shown_json(&json);
        assert!(!safe.contains('\u{202E}') && !safe.contains('\u{9b}') && !safe.contains('\x1b'));
        let back: String = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(
            back, "a\u{202E}b\u{9b}c\x1b",
            "a script reads the same text"
        );
    }
}
