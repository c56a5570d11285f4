//! The share link's framing: how a compressed scenario rides in a URL
//! fragment, and how it is found again in a URL that chat apps, link
//! shorteners and mail clients have altered.
//!
//! A share link ends in `#share=1.<payload>`:
//!
//! - `share=` names it; `1` is the framing's version, readable before
//!   anything is decoded, so a link from a newer app is told apart from a
//!   damaged one even if the newer framing differs entirely;
//! - `<payload>` is URL-safe base64 (RFC 4648 §5: `A–Z a–z 0–9 - _`, no
//!   padding), so the link is plain ASCII with no `+`, `/` or `=`, none of
//!   which survive every chat app;
//! - the bytes it encodes are a 9-byte header — the version again (1 byte),
//!   the length of the compressed data (4 bytes, little-endian) and its
//!   CRC-32 (4 bytes, little-endian) — then the compressed data itself (raw
//!   deflate, RFC 1951, of the scenario's UTF-8 JSON).
//!
//! The length tells a link cut short (chat apps and mail cut long links;
//! WhatsApp drops the tail) from a whole one; the CRC tells a link changed
//! on the way. The header is 9 bytes, a whole number of base64 groups, so
//! the data's base64 starts on a group boundary.
//!
//! No checksum of the inflated JSON is added: inflating is deterministic, so
//! once the compressed bytes pass their CRC the JSON is what was sent, and
//! the JSON reader checks its shape anyway.
//!
//! Pure: no web dependencies. Compressing happens in the browser
//! (`crate::share`).

/// The framing version this app writes, and the newest it reads.
pub const VERSION: u32 = 1;

/// What starts a share payload in a URL: `share=` after `#` (or, when an
/// app moved it, after `?` or `&`), then the version and a dot.
pub const KEY: &str = "share=";

/// Bytes of the header: version (1), length (4), CRC-32 (4).
pub const HEADER_BYTES: usize = 9;

/// Why a URL's share payload cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Shorter than its header says, or its checksum fails: the link was
    /// cut short (or changed) on the way. Ask the sender for the whole link.
    Incomplete,
    /// Made by a newer version of the app, with this framing version.
    Newer(u32),
    /// Not a share payload this app can read.
    Malformed,
}

/// The fragment (with its `#`) of a share link carrying `deflated`, the
/// raw-deflate bytes of a scenario's JSON: `#share=1.<base64url>`.
pub fn frame(deflated: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(HEADER_BYTES + deflated.len());
    bytes.push(VERSION as u8);
    // A payload over 4 GiB cannot be in a URL; saturating keeps this total.
    let len = u32::try_from(deflated.len()).unwrap_or(u32::MAX);
    bytes.extend_from_slice(&len.to_le_bytes());
    bytes.extend_from_slice(&crc32(deflated).to_le_bytes());
    bytes.extend_from_slice(deflated);
    format!("#{KEY}{VERSION}.{}", base64url_encode(&bytes))
}

/// The part of a URL before its query and fragment: what a share link is
/// built on, so that a visit's own `?nsukey=…` or `#plan` is not passed on.
pub fn base_of(href: &str) -> &str {
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href.get(..end).unwrap_or(href)
}

/// Finds the share payload in a whole URL (or just its fragment) and
/// returns the raw-deflate bytes it carries.
///
/// - `None`: the URL carries no share payload (a plain visit, `#plan`,
///   `#pipeline`, another site's `?share=true`).
/// - `Some(Err(Incomplete))`: cut short or changed on the way (length or
///   CRC-32 fails).
/// - `Some(Err(Newer(v)))`: framing version `v` is newer than [`VERSION`].
/// - `Some(Err(Malformed))`: anything else that claims to be a payload.
///
/// What is not its own is ignored: parameters appended after the fragment
/// (`#share=1.xxx&shareTo=weixin`, `…?from=timeline`) or before it
/// (`?nsukey=…`), a percent-encoded `#` (`%23`, also encoded twice), and
/// whitespace or line breaks a mail client put inside the link.
pub fn find_payload(href_or_fragment: &str) -> Option<Result<Vec<u8>, LinkError>> {
    let text = normalise(href_or_fragment);
    let (version, payload) = locate(&text)?;
    Some(read_payload(version, payload))
}

/// The URL with whitespace removed and percent-escapes decoded (three
/// rounds at most, for links encoded more than once). The payload's own
/// alphabet has neither, so only its surroundings change.
fn normalise(href: &str) -> String {
    let mut text: String = href.chars().filter(|c| !c.is_whitespace()).collect();
    for _ in 0..3 {
        if !text.contains('%') {
            break;
        }
        text = percent_decode(&text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
    }
    text
}

/// `%XX` escapes decoded; a `%` not followed by two hex digits stays.
/// Bytes that do not form UTF-8 become U+FFFD: only ASCII matters here.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| h << 4 | l),
            _ => None,
        };
        match escaped {
            Some(v) => {
                out.push(v);
                i += 3;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// Where the payload is: its framing version and its text (the longest run
/// of base64url characters after the dot). A `share=` after `#` wins over
/// one after `?` or `&`; one not followed by `<digits>.` is someone else's
/// parameter, except right at the end of the text after `#`, where it is a
/// link cut inside its prefix.
fn locate(text: &str) -> Option<(Result<u32, LinkError>, &str)> {
    let mut fallback = None;
    for (at, _) in text.match_indices(KEY) {
        let before = text.get(..at).and_then(|b| b.chars().next_back());
        let hash = match before {
            Some('#') => true,
            Some('?' | '&' | ';') => false,
            _ => continue,
        };
        let rest = text.get(at + KEY.len()..).unwrap_or("");
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (number, after) = rest.split_at(digits);
        let found = match after.strip_prefix('.') {
            Some(body) if digits > 0 => {
                let version = match number.parse::<u32>() {
                    Ok(v) if (1..=VERSION).contains(&v) => Ok(v),
                    Ok(v) if v > VERSION => Err(LinkError::Newer(v)),
                    // Zero, or more digits than any version will have.
                    _ => Err(LinkError::Malformed),
                };
                let len = body.bytes().take_while(|&b| sextet(b).is_some()).count();
                (version, body.get(..len).unwrap_or(""))
            }
            // `#share=` or `#share=1` and nothing more: cut inside the prefix.
            None if hash && after.is_empty() => (Err(LinkError::Incomplete), ""),
            _ => continue,
        };
        if hash {
            return Some(found);
        }
        fallback = fallback.or(Some(found));
    }
    fallback
}

/// The compressed bytes of a located payload, checked against its header.
fn read_payload(version: Result<u32, LinkError>, payload: &str) -> Result<Vec<u8>, LinkError> {
    let version = version?;
    let bytes = base64url_decode_lenient(payload);
    let (header, data) = bytes
        .split_first_chunk::<HEADER_BYTES>()
        .ok_or(LinkError::Incomplete)?;
    let [v, l0, l1, l2, l3, c0, c1, c2, c3] = *header;
    if u32::from(v) != version {
        return Err(LinkError::Malformed);
    }
    let len = usize::try_from(u32::from_le_bytes([l0, l1, l2, l3])).unwrap_or(usize::MAX);
    // Longer than said is tolerated: base64 characters glued to the end
    // (no app has been seen to, but a joined line could) leave the first
    // `len` bytes as they were, and the CRC vouches for them.
    let data = data.get(..len).ok_or(LinkError::Incomplete)?;
    if crc32(data) != u32::from_le_bytes([c0, c1, c2, c3]) {
        return Err(LinkError::Incomplete);
    }
    Ok(data.to_vec())
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The value of a URL-safe base64 character.
fn sextet(b: u8) -> Option<u32> {
    Some(u32::from(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    }))
}

/// URL-safe base64 without padding (RFC 4648 §5).
///
/// Written here rather than taken from the `base64` crate: twenty lines,
/// no engine or configuration code in the wasm, and the lenient reading a
/// cut link needs ([`base64url_decode_lenient`]) is not one of the crate's
/// modes.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = b(0) << 16 | b(1) << 8 | b(2);
        // A chunk of k bytes needs k + 1 characters.
        for i in 0..=chunk.len() {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// URL-safe base64 read strictly: `None` for any character outside the
/// alphabet (padding included) or a length no encoding has.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 || text.bytes().any(|b| sextet(b).is_none()) {
        return None;
    }
    Some(base64url_decode_lenient(text))
}

/// URL-safe base64 read from a text of alphabet characters only, as far as
/// it goes: a last lone character (a link cut one character into a group)
/// is dropped, and so are the unused low bits of the last group.
fn base64url_decode_lenient(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for group in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, &c) in group.iter().enumerate() {
            n |= sextet(c).unwrap_or(0) << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        // k characters carry k − 1 whole bytes.
        out.extend(bytes.iter().skip(1).take(group.len().saturating_sub(1)));
    }
    out
}

/// CRC-32 as in zlib, PNG and gzip (IEEE 802.3, reflected, polynomial
/// 0xEDB88320): `crc32(b"123456789") == 0xCBF43926`.
///
/// Bit by bit, without a table: payloads are a few kilobytes, and the 1 KiB
/// table would cost more wasm than the loop saves time.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn base64url_rfc4648_vectors() {
        // RFC 4648 §10, without padding.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url_encode(plain.as_bytes()), encoded);
            assert_eq!(base64url_decode(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff, 0xbf]), "-_-_");
        assert_eq!(base64url_decode("-_-_").unwrap(), [0xfb, 0xff, 0xbf]);
        assert_eq!(base64url_decode("Zg=="), None, "padding is not ours");
        assert_eq!(base64url_decode("Z"), None);
        assert_eq!(base64url_decode("+/"), None);
    }

    #[test]
    fn base_of_drops_query_and_fragment() {
        assert_eq!(base_of("https://a.b/c/?x=1#plan"), "https://a.b/c/");
        assert_eq!(base_of("https://a.b/c/#share=1.x"), "https://a.b/c/");
        assert_eq!(base_of("https://a.b/c/"), "https://a.b/c/");
    }

    #[test]
    fn header_is_whole_base64_groups() {
        assert_eq!(HEADER_BYTES % 3, 0);
        let f = frame(b"");
        assert_eq!(
            f,
            format!(
                "#share=1.{}",
                base64url_encode(&[1, 0, 0, 0, 0, 0, 0, 0, 0])
            )
        );
        assert_eq!(find_payload(&f), Some(Ok(Vec::new())));
    }

    #[test]
    fn cut_inside_the_prefix() {
        assert_eq!(
            find_payload("https://a.b/#share="),
            Some(Err(LinkError::Incomplete))
        );
        assert_eq!(
            find_payload("https://a.b/#share=1"),
            Some(Err(LinkError::Incomplete))
        );
        assert_eq!(
            find_payload("https://a.b/#share=1."),
            Some(Err(LinkError::Incomplete))
        );
    }

    #[test]
    fn other_parameters_named_share_are_not_ours() {
        assert_eq!(find_payload("https://a.b/?share=true"), None);
        assert_eq!(find_payload("https://a.b/?share=1&x=2"), None);
        assert_eq!(find_payload("https://a.b/?reshare=1.abc"), None);
        assert_eq!(find_payload("https://a.b/#shareTo=weixin"), None);
    }

    #[test]
    fn version_zero_or_absurd_is_malformed() {
        assert_eq!(
            find_payload("#share=0.AQAA"),
            Some(Err(LinkError::Malformed))
        );
        assert_eq!(
            find_payload("#share=99999999999999.AQAA"),
            Some(Err(LinkError::Malformed))
        );
    }

    #[test]
    fn header_version_must_match() {
        let f = frame(b"abc");
        let mut bytes = base64url_decode(f.trim_start_matches("#share=1.")).unwrap();
        bytes[0] = 2;
        let tampered = format!("#share=1.{}", base64url_encode(&bytes));
        assert_eq!(find_payload(&tampered), Some(Err(LinkError::Malformed)));
    }
}
