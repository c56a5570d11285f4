//! A scenario as a versioned JSON document: the file "Export JSON" writes
//! and "Import JSON" reads, and the text a share link carries (compressed,
//! see [`crate::share`]).
//!
//! ```json
//! {"format":"funnel-calculator.scenario","version":1,"name":"…",
//!  "plan":{…the Plan screen's inputs…},"deals":[…]}
//! ```
//!
//! Read and written with the storage module's small JSON codec
//! ([`crate::storage`]), so the wasm carries no JSON library. Whatever a
//! file holds is data: keys such as `__proto__` are plain keys (the
//! browser's `JSON.parse` makes them own properties, and only the known
//! keys are read), unknown keys are ignored, and every value is held to the
//! limits a typed value has.

use crate::domain::Deal;
use crate::model::{cut_name, PlanInput};
use crate::pipeline::PipelineInput;
use crate::storage::json::{self, Value};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The `format` member that marks a scenario document.
pub const FORMAT: &str = "funnel-calculator.scenario";

/// The document version this app writes, and the newest it reads.
pub const VERSION: u32 = 1;

/// Largest file "Import JSON" reads, in bytes (16 MiB): a full deal list
/// (50,000 deals with ordinary names, about 10 MB) fits; more would only
/// freeze the page while it is parsed. Check `File.size` against it before
/// reading the file.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// A scenario read from a file or a link, checked and held to the app's
/// limits; nothing of it is saved until the user says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedScenario {
    /// Cut to `MAX_NAME_CHARS`; may be empty (the sender's scenario had no
    /// name): the caller then gives it one.
    pub name: String,
    /// Sanitised ([`PlanInput::sanitise`]): at most `MAX_STAGES` stages,
    /// names cut, ids unique. Never empty: a document without stages is
    /// refused rather than read as the default funnel.
    pub plan: PlanInput,
    /// At most `pipeline::MAX_DEALS`, names and accounts cut, ids unique
    /// ([`PipelineInput::sanitise`]). Empty when the link left them out.
    pub deals: Vec<Deal>,
}

/// Why a file (or a link's text) is not a scenario this app can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Larger than `limit` bytes ([`MAX_FILE_BYTES`]).
    TooLarge { limit: usize },
    /// Saved as UTF-16 (a byte-order mark FF FE or FE FF, or NUL bytes
    /// throughout, as Windows Notepad's "Unicode" writes): save it as UTF-8.
    Utf16,
    /// Not UTF-8 text (e.g. saved as GBK/ANSI).
    NotUtf8,
    /// JSON, but not a scenario document (no `"format":
    /// "funnel-calculator.scenario"`): perhaps a deal list or another
    /// app's file.
    NotScenario,
    /// Written by a newer version of the app (this document version).
    Newer(u32),
    /// Not JSON, or a scenario document of the wrong shape.
    Malformed,
}

/// The document for a scenario: compact JSON, members in the order of the
/// example above. Pass no deals for a link that leaves them out.
pub fn encode_scenario(name: &str, plan: &PlanInput, deals: &[Deal]) -> String {
    /// The document by reference: exporting does not copy the deals.
    #[derive(Serialize)]
    struct Doc<'a> {
        format: &'static str,
        version: u32,
        name: &'a str,
        plan: &'a PlanInput,
        deals: &'a [Deal],
    }
    json::to_string(&Doc {
        format: FORMAT,
        version: VERSION,
        name,
        plan,
        deals,
    })
}

/// Reads a file's bytes: UTF-8, with or without a byte-order mark.
///
/// Errors: [`FileError::TooLarge`] above [`MAX_FILE_BYTES`],
/// [`FileError::Utf16`] for UTF-16, [`FileError::NotUtf8`] for other
/// encodings, then those of [`decode_scenario`].
pub fn decode_scenario_bytes(bytes: &[u8]) -> Result<SharedScenario, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            limit: MAX_FILE_BYTES,
        });
    }
    if looks_utf16(bytes) {
        return Err(FileError::Utf16);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)?;
    decode_scenario(text)
}

/// UTF-16 by its byte-order mark, or by NUL bytes: UTF-16 text that is
/// mostly ASCII (every JSON file's punctuation and keys) has a NUL in every
/// other byte, while UTF-8 JSON has none at all.
fn looks_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let sample = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    nuls > 0 && nuls * 4 >= sample.len()
}

/// Reads a document's text (a leading byte-order mark is skipped).
///
/// Errors: [`FileError::TooLarge`] above [`MAX_FILE_BYTES`];
/// [`FileError::Malformed`] for text that is not JSON, a document without a
/// whole-number `version`, a `plan` or any stage (never read as the
/// default funnel), or with a value of the wrong type; [`FileError::NotScenario`] for JSON of another kind;
/// [`FileError::Newer`] for a newer version.
pub fn decode_scenario(text: &str) -> Result<SharedScenario, FileError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            limit: MAX_FILE_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = json::parse(text).ok_or(FileError::Malformed)?;
    if !matches!(value, Value::Obj(_)) {
        return Err(FileError::Malformed);
    }
    if !matches!(value.get("format"), Some(Value::Str(f)) if f == FORMAT) {
        return Err(FileError::NotScenario);
    }
    let version = value
        .get("version")
        .and_then(Value::as_u32)
        .ok_or(FileError::Malformed)?;
    if version > VERSION {
        return Err(FileError::Newer(version));
    }
    // A plan without stages would be read as the default funnel: a
    // scenario passed off as the shared one. The app never writes one.
    let stages = value.get("plan").and_then(|p| p.get("stages"));
    if version == 0 || !matches!(stages, Some(Value::Arr(s)) if !s.is_empty()) {
        return Err(FileError::Malformed);
    }

    /// What is read; every other member is ignored.
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Doc {
        name: String,
        plan: PlanInput,
        deals: Vec<Deal>,
    }
    let doc = Doc::deserialize(value).map_err(|_| FileError::Malformed)?;
    let mut plan = doc.plan;
    let renames = plan.sanitise();
    let mut pipeline = PipelineInput {
        deals: Arc::new(doc.deals),
        ..PipelineInput::default()
    };
    pipeline.rename_stages(&renames);
    pipeline.sanitise();
    Ok(SharedScenario {
        name: cut_name(&doc.name),
        plan,
        deals: Arc::unwrap_or_clone(pipeline.deals),
    })
}
