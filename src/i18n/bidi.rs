//! Keeping the user's own text (scenario, stage and deal names, notes) from
//! reordering the app's words around it.
//!
//! A name is shown inside the app's sentences and labels: "Imported “Q3
//! plan” as a new scenario.", a chart's "Leads · 100". The Unicode
//! bidirectional algorithm runs over the whole line, so a right-to-left
//! override (U+202E) left open in a name reverses everything after it, and
//! a Hebrew or Arabic name pulls a following " · 100" to its left. Where the
//! name is an element of its own, the view wraps it in `<bdi>`; where it is
//! composed into one string (a sentence, an SVG `<text>`, a `title`),
//! [`isolate`] wraps it in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE,
//! which ends every override and embedding opened inside it. Text that
//! cannot reorder anything (no right-to-left letters, no bidi controls)
//! comes back unchanged, so ordinary names, their accessible names and
//! their copies stay exactly as typed.
//!
//! [`typed_name`] keeps control characters out of names as they are typed.

/// U+2068 FIRST STRONG ISOLATE: opens an isolate whose direction is that of
/// its first strong letter.
const FSI: char = '\u{2068}';
/// U+2069 POP DIRECTIONAL ISOLATE: closes the innermost open isolate.
const PDI: char = '\u{2069}';

/// Whether `c` can change the order of text around it: a bidi control
/// (marks, embeddings, overrides, isolates) or a letter or digit of a
/// right-to-left script (Hebrew to Arabic Extended, their presentation
/// forms, and the historic right-to-left blocks of the SMP).
fn reorders(c: char) -> bool {
    matches!(
        c,
        '\u{0590}'..='\u{08FF}'
            | '\u{200E}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFE}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}'
    )
}

/// `text` made safe to set inside the app's own text in one text node:
/// unchanged when it holds nothing that reorders (see the module notes),
/// otherwise wrapped in U+2068 … U+2069. A stray U+2069 in `text` (one
/// with no isolate of `text`'s own to close) is dropped, and isolates
/// `text` leaves open are closed, so the wrapper always pairs up and
/// nothing inside it reaches the text after it.
pub fn isolate(text: &str) -> String {
    if !text.chars().any(reorders) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push(FSI);
    let mut open = 0usize;
    for c in text.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => open += 1,
            PDI if open == 0 => continue,
            PDI => open -= 1,
            _ => {}
        }
        out.push(c);
    }
    out.extend(std::iter::repeat_n(PDI, open));
    out.push(PDI);
    out
}

/// A name as typed: control characters (NUL, escape, … pasted from
/// elsewhere) dropped, tabs and line breaks turned into spaces, for a name
/// is one line of text. Names loaded from a save or a file are left as they
/// were written.
pub fn typed_name(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{isolate, typed_name};

    #[test]
    fn typed_names_lose_control_characters() {
        assert_eq!(typed_name("Leads"), "Leads");
        assert_eq!(typed_name("a\u{0}b\u{1b}[31m\u{7f}"), "ab[31m");
        assert_eq!(typed_name("one\ttwo\r\nthree"), "one two  three");
        assert_eq!(typed_name("漏斗 \u{202E}😀"), "漏斗 \u{202E}😀");
    }

    #[test]
    fn plain_text_is_unchanged() {
        for s in [
            "",
            "Q3 plan",
            "方案 <b>Proposal</b>",
            "成交 Won",
            "Café 100 · x",
        ] {
            assert_eq!(isolate(s), s);
        }
    }

    #[test]
    fn an_open_override_is_closed_inside_the_isolate() {
        assert_eq!(
            isolate("Q3 plan \u{202E}"),
            "\u{2068}Q3 plan \u{202E}\u{2069}"
        );
    }

    #[test]
    fn right_to_left_names_are_isolated() {
        assert_eq!(isolate("שלב"), "\u{2068}שלב\u{2069}");
        assert_eq!(isolate("مرحلة 2"), "\u{2068}مرحلة 2\u{2069}");
    }

    #[test]
    fn a_stray_pop_cannot_close_the_wrapper_early() {
        assert_eq!(isolate("a\u{2069}\u{202E}b"), "\u{2068}a\u{202E}b\u{2069}");
        // The name's own isolates stay paired, and one left open is closed.
        assert_eq!(
            isolate("\u{2067}x\u{2069}\u{2066}y"),
            "\u{2068}\u{2067}x\u{2069}\u{2066}y\u{2069}\u{2069}"
        );
    }
}
