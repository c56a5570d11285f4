//! Share links: a scenario in the URL fragment, compressed by the browser.
//!
//! UTF-8 JSON ([`crate::scenario_file`]) → raw deflate (the browser's own
//! `CompressionStream("deflate-raw")`, so the wasm carries no deflate code)
//! → framed and URL-safe base64 ([`crate::domain::share`]). The fragment is
//! never sent to any server. Opening runs the same steps backwards, with
//! the inflated size bounded so a crafted link cannot exhaust memory.
//!
//! The policy ([`build_link_with`], [`open_link_with`]) takes the
//! compressor as an argument, so the native tests run it with
//! `miniz_oxide`; [`build_link`] and [`open_link`] are the browser's.

use crate::domain::share::{base_of, find_payload, frame, LinkError};
use crate::domain::Deal;
use crate::model::PlanInput;
use crate::scenario_file::{decode_scenario, encode_scenario, FileError, SharedScenario};
use std::future::Future;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Longest link, in characters, that chat apps and mail carry whole (Teams
/// and some mail clients cut near 2,048). Deals go into a link only while
/// it stays within this; a longer link is copied only after a warning that
/// offers the JSON file instead.
pub const LINK_LIMIT: usize = 2_000;

/// Most bytes a link's JSON may inflate to (1 MiB): far beyond any link a
/// chat app carries (a 2,000-character link holds about 20 KB of JSON),
/// small enough that a crafted "decompression bomb" costs nothing.
pub const MAX_LINK_JSON: usize = 1 << 20;

/// Above this many deals a link is not even tried with them: each deal
/// takes at least several compressed bytes, so this many never fit in
/// [`LINK_LIMIT`], and compressing a 50,000-deal list would only waste time.
pub const MAX_LINK_DEALS: usize = 1_000;

/// Why the browser could not compress or decompress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// No `CompressionStream`/`DecompressionStream` with "deflate-raw"
    /// (browsers before 2023: Chrome 103, Firefox 113, Safari 16.4).
    Unsupported,
    /// Not valid deflate data.
    Corrupt,
    /// Inflates to more than the bound given.
    TooLarge,
}

/// Why a share link could not be opened. Whatever the reason, nothing is
/// changed: the saved work stays on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Cut short or changed on the way (its length or checksum fails):
    /// "this link is incomplete".
    Incomplete,
    /// Made by a newer version of the app (this framing or document version).
    Newer(u32),
    /// Not a share link this app can read (tampered, or not made by it).
    Malformed,
    /// This browser cannot decompress (see [`ShareError::Unsupported`]).
    Unsupported,
}

impl From<LinkError> for OpenError {
    fn from(e: LinkError) -> OpenError {
        match e {
            LinkError::Incomplete => OpenError::Incomplete,
            LinkError::Newer(v) => OpenError::Newer(v),
            LinkError::Malformed => OpenError::Malformed,
        }
    }
}

/// A share link made for copying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareLink {
    /// The link to copy: the page's address (without its query and
    /// fragment) and `#share=1.…`; with the deals when it stays within
    /// [`LINK_LIMIT`] with them.
    pub url: String,
    /// How many deals were left out of `url` because the link would have
    /// grown past [`LINK_LIMIT`] (0 when all went in, or there were none):
    /// say so, and offer the JSON file for them.
    pub deals_left_out: usize,
    /// The link without deals: the one to show as a QR code (the short form
    /// scans best). The same as `url` when the deals were left out or there
    /// were none.
    pub short: String,
}

impl ShareLink {
    /// Longer than [`LINK_LIMIT`] even without deals (many stages with long
    /// notes): warn before copying and offer the JSON file instead.
    pub fn over_limit(&self) -> bool {
        self.url.chars().count() > LINK_LIMIT
    }
}

/// Builds the share link of a scenario on `page` (the page's address; its
/// query and fragment are dropped), compressing with `deflate`: the short
/// form (without deals) first, then, when there are deals, the form with
/// them, kept only if it stays within [`LINK_LIMIT`].
///
/// Errors: those of `deflate`.
pub async fn build_link_with<F, Fut, E>(
    page: &str,
    name: &str,
    plan: &PlanInput,
    deals: &[Deal],
    deflate: F,
) -> Result<ShareLink, E>
where
    F: Fn(Vec<u8>) -> Fut,
    Fut: Future<Output = Result<Vec<u8>, E>>,
{
    let base = base_of(page);
    let link = |deflated: Vec<u8>| format!("{base}{}", frame(&deflated));
    let short = link(deflate(encode_scenario(name, plan, &[]).into_bytes()).await?);
    let mut made = ShareLink {
        url: short.clone(),
        deals_left_out: deals.len(),
        short,
    };
    if deals.is_empty() || deals.len() > MAX_LINK_DEALS {
        return Ok(made);
    }
    let full = link(deflate(encode_scenario(name, plan, deals).into_bytes()).await?);
    if full.chars().count() <= LINK_LIMIT {
        made.url = full;
        made.deals_left_out = 0;
    }
    Ok(made)
}

/// [`build_link_with`] the browser's `CompressionStream`.
///
/// Errors: [`ShareError::Unsupported`] in a browser without "deflate-raw".
pub async fn build_link(
    page: &str,
    name: &str,
    plan: &PlanInput,
    deals: &[Deal],
) -> Result<ShareLink, ShareError> {
    build_link_with(page, name, plan, deals, |bytes| async move {
        deflate(&bytes).await
    })
    .await
}

/// Opens the share link in `href` (a whole URL or its fragment), inflating
/// with `inflate(bytes, max_out)`.
///
/// `None` when the URL carries no share payload (a plain visit, `#plan`):
/// open the saved work as usual. `Some(Ok(_))`: show it, unsaved, with the
/// offer to save it as a new scenario. `Some(Err(_))`: keep the saved work
/// on screen, unchanged, with the message (see [`OpenError`]).
pub async fn open_link_with<F, Fut>(
    href: &str,
    inflate: F,
) -> Option<Result<SharedScenario, OpenError>>
where
    F: FnOnce(Vec<u8>, usize) -> Fut,
    Fut: Future<Output = Result<Vec<u8>, ShareError>>,
{
    let deflated = match find_payload(href)? {
        Ok(d) => d,
        Err(e) => return Some(Err(e.into())),
    };
    Some(match inflate(deflated, MAX_LINK_JSON).await {
        Ok(json) => read_json(&json),
        Err(ShareError::Unsupported) => Err(OpenError::Unsupported),
        // The checksum passed, so the sender's app wrote these bytes.
        Err(ShareError::Corrupt | ShareError::TooLarge) => Err(OpenError::Malformed),
    })
}

fn read_json(bytes: &[u8]) -> Result<SharedScenario, OpenError> {
    let text = std::str::from_utf8(bytes).map_err(|_| OpenError::Malformed)?;
    decode_scenario(text).map_err(|e| match e {
        FileError::Newer(v) => OpenError::Newer(v),
        _ => OpenError::Malformed,
    })
}

/// [`open_link_with`] the browser's `DecompressionStream`.
pub async fn open_link(href: &str) -> Option<Result<SharedScenario, OpenError>> {
    open_link_with(href, |bytes, max_out| async move {
        inflate(&bytes, max_out).await
    })
    .await
}

// The platform's compression streams. web-sys has them only behind
// `--cfg=web_sys_unstable_apis`, which would apply to the whole build, so
// the two constructors are bound here; both objects are a readable/writable
// pair that `pipeThrough` takes.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = web_sys::ReadableWritablePair, extends = js_sys::Object)]
    type CompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = web_sys::ReadableWritablePair, extends = js_sys::Object)]
    type DecompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// Raw deflate (RFC 1951) of `bytes`, by the browser's
/// `CompressionStream("deflate-raw")` at its default level.
///
/// Errors: [`ShareError::Unsupported`] without it.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, ShareError> {
    let stream = CompressionStream::new("deflate-raw").map_err(|_| ShareError::Unsupported)?;
    // Deflate never grows data by more than 5 bytes per 16 KiB block.
    let bound = bytes.len().saturating_mul(2).saturating_add(1024);
    transform(&stream, bytes, bound).await
}

/// Inflates raw deflate `bytes`, by the browser's
/// `DecompressionStream("deflate-raw")`, reading at most `max_out` bytes:
/// beyond that it stops and refuses, so a small crafted input cannot expand
/// to gigabytes.
///
/// Errors: [`ShareError::Unsupported`] without it, [`ShareError::Corrupt`]
/// for data that is not deflate (or cut short), [`ShareError::TooLarge`]
/// past `max_out`.
pub async fn inflate(bytes: &[u8], max_out: usize) -> Result<Vec<u8>, ShareError> {
    let stream = DecompressionStream::new("deflate-raw").map_err(|_| ShareError::Unsupported)?;
    transform(&stream, bytes, max_out).await
}

/// `bytes` piped through `pair`, read chunk by chunk up to `max_out` bytes.
async fn transform(
    pair: &web_sys::ReadableWritablePair,
    bytes: &[u8],
    max_out: usize,
) -> Result<Vec<u8>, ShareError> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob =
        web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| ShareError::Unsupported)?;
    let reader: web_sys::ReadableStreamDefaultReader = blob
        .stream()
        .pipe_through(pair)
        .get_reader()
        .unchecked_into();
    let mut out = Vec::new();
    loop {
        let step = JsFuture::from(reader.read())
            .await
            .map_err(|_| ShareError::Corrupt)?;
        let field = |name: &str| js_sys::Reflect::get(&step, &JsValue::from_str(name));
        if field("done").ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return Ok(out);
        }
        let chunk: js_sys::Uint8Array = field("value")
            .ok()
            .and_then(|v| v.dyn_into().ok())
            .ok_or(ShareError::Corrupt)?;
        let start = out.len();
        let end = start.saturating_add(chunk.length() as usize);
        if end > max_out {
            // Stop the decompressor; what it would have produced is unread.
            let _ = reader.cancel();
            return Err(ShareError::TooLarge);
        }
        out.resize(end, 0);
        if let Some(tail) = out.get_mut(start..) {
            chunk.copy_to(tail);
        }
    }
}
