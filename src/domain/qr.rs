//! A QR code of a share link, as one SVG path, for "Show QR code": a room of
//! participants opens the scenario on their phones from the projector.
//!
//! The symbol comes from Nayuki's `qrcodegen` (ISO/IEC 18004, checked
//! against the reference decoders by its author); this module only draws
//! it. Pure: no web dependencies.

use qrcodegen::{QrCode, QrCodeEcc};

/// Most bytes a QR code holds: version 40, error correction level L, byte
/// mode (ISO/IEC 18004 table 7).
pub const MAX_QR_BYTES: usize = 2_953;

/// Modules of light margin on every side; the standard asks for four, and
/// phone cameras need it to find the code on a busy slide.
pub const QUIET_ZONE: u32 = 4;

/// Why a text cannot be shown as a QR code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QrError {
    /// Longer than [`MAX_QR_BYTES`] in UTF-8: show the link or offer the
    /// JSON file instead.
    TooLong { bytes: usize, limit: usize },
}

/// The QR code of `text` (its UTF-8 bytes in byte mode, at error
/// correction L, raised to M, Q or H whenever that fits in the same size),
/// as `(size, d)`:
///
/// - `size`: the side of the whole square in modules, quiet zone included;
///   draw it as `<svg viewBox="0 0 {size} {size}">` on a light background;
/// - `d`: the `d` attribute of one `<path>` filling the dark modules, in
///   module units (`shape-rendering="crispEdges"` keeps the edges sharp).
///
/// Errors: [`QrError::TooLong`] above [`MAX_QR_BYTES`].
pub fn qr_svg_path(text: &str) -> Result<(u32, String), QrError> {
    let too_long = QrError::TooLong {
        bytes: text.len(),
        limit: MAX_QR_BYTES,
    };
    if text.len() > MAX_QR_BYTES {
        return Err(too_long);
    }
    // Byte mode alone: a link has lower-case letters, so the numeric and
    // alphanumeric modes never apply, and leaving them out keeps their
    // code out of the wasm.
    let code = QrCode::encode_binary(text.as_bytes(), QrCodeEcc::Low).map_err(|_| too_long)?;
    let modules = u32::try_from(code.size()).unwrap_or(0);
    let q = QUIET_ZONE as i32;
    let mut d = String::new();
    for y in 0..code.size() {
        let mut x = 0;
        while x < code.size() {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < code.size() && code.get_module(x, y) {
                x += 1;
            }
            // One rectangle per run of dark modules in a row: a fifth of
            // the path a square per module would take.
            d.push_str(&format!(
                "M{},{}h{}v1h-{}z",
                start + q,
                y + q,
                x - start,
                x - start
            ));
        }
    }
    Ok((modules + 2 * QUIET_ZONE, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_1_for_a_short_text() {
        // Five bytes fit version 1: 21 modules, plus the quiet zone.
        let (size, d) = qr_svg_path("hello").unwrap();
        assert_eq!(size, 21 + 8);
        // The top-left finder pattern's top row: seven dark modules.
        assert!(d.starts_with("M4,4h7v1h-7z"), "{d}");
    }

    #[test]
    fn the_longest_link_fits_and_one_more_byte_does_not() {
        let longest = format!(
            "https://x.example/#share=1.{}",
            "a".repeat(MAX_QR_BYTES - 27)
        );
        assert_eq!(longest.len(), MAX_QR_BYTES);
        let (size, _) = qr_svg_path(&longest).unwrap();
        assert_eq!(size, 177 + 8, "version 40");
        let over = format!("{longest}a");
        assert_eq!(
            qr_svg_path(&over),
            Err(QrError::TooLong {
                bytes: MAX_QR_BYTES + 1,
                limit: MAX_QR_BYTES
            })
        );
    }
}
