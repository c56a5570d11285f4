//! The one place that touches the browser's storage.
//!
//! What is saved carries a schema version; loading runs migrations, then
//! merges onto defaults (`#[serde(default)]` everywhere), so a save from an
//! older version gains new fields with their defaults. A save that cannot be
//! read is copied, byte for byte, to a backup key and the user is told —
//! never silently dropped. With storage blocked the app works and says so.
//! Saving is debounced by the caller (`state`); this module only reads and
//! writes.

use crate::i18n::Lang;
use crate::model::PlanInput;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The key the whole state is saved under.
pub const KEY: &str = "funnel-calculator";
/// Prefix of the keys unreadable saves are kept under.
pub const BACKUP_PREFIX: &str = "funnel-calculator.backup";
/// The current schema version.
pub const VERSION: u32 = 1;

/// Settings that are not part of a plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The chosen language; `None` follows the browser.
    pub lang: Option<Lang>,
    pub show_working: bool,
}

/// Everything saved.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    pub version: u32,
    pub settings: Settings,
    pub plan: PlanInput,
}

/// Why a save could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// It was read, but the last start with it did not finish (the app
    /// failed while starting), so it was set aside rather than tried again.
    StartFailed,
    /// Not JSON, or not an object.
    Malformed(String),
    /// Written by a newer version of the app than this one.
    Newer(u32),
    /// JSON of the wrong shape.
    Shape(String),
}

/// Why storage could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// No storage: blocked by the browser's settings, or absent.
    Unavailable,
    /// Writing failed (e.g. the quota is full).
    WriteFailed(String),
}

/// How loading went: the state to start from, and what to tell the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadOutcome {
    /// Nothing saved yet.
    Fresh,
    /// The save was read.
    Loaded,
    /// The save could not be read; it was kept under this backup key.
    Recovered {
        backup_key: String,
        why: DecodeError,
    },
    /// Storage cannot be used at all.
    Unavailable,
}

/// Migrations, one per version step: `MIGRATIONS[i]` turns version `i` into
/// `i + 1`. Version 0 is a save without a version field.
const MIGRATIONS: [fn(Value) -> Value; 1] = [|v| v];

/// Reads a saved text: migrate, then merge onto defaults.
pub fn decode(raw: &str) -> Result<Saved, DecodeError> {
    let mut value: Value =
        serde_json::from_str(raw).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    if !value.is_object() {
        return Err(DecodeError::Malformed("not an object".into()));
    }
    let version = match value.get("version") {
        None => 0,
        Some(v) => v
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| DecodeError::Shape("version".into()))?,
    };
    if version > VERSION {
        return Err(DecodeError::Newer(version));
    }
    for migrate in &MIGRATIONS[version as usize..] {
        value = migrate(value);
    }
    let mut saved: Saved =
        serde_json::from_value(value).map_err(|e| DecodeError::Shape(e.to_string()))?;
    saved.version = VERSION;
    saved.plan.sanitise();
    Ok(saved)
}

/// The text saved for a state.
pub fn encode(saved: &Saved) -> String {
    let mut saved = saved.clone();
    saved.version = VERSION;
    serde_json::to_string(&saved).unwrap_or_default()
}

/// The browser's local storage, if it can be used. Asked through web-sys so
/// a blocked storage is an `Err` here rather than an exception thrown from
/// inside gloo (which expects storage to exist).
fn storage() -> Option<web_sys::Storage> {
    let s = web_sys::window()?.local_storage().ok().flatten()?;
    let probe = "funnel-calculator.probe";
    (s.set_item(probe, "1").is_ok() && s.remove_item(probe).is_ok()).then_some(s)
}

/// Key, in this tab's session storage, that marks a start under way.
///
/// Session storage is per tab and survives a reload, which is exactly the
/// scope of "the last start in this tab did not finish": another tab
/// starting at the same moment has its own mark and is not mistaken for a
/// failed start.
pub const STARTING_KEY: &str = "funnel-calculator.starting";

/// Marks a start as under way and tells whether the previous start in this
/// tab never finished (it panicked while rendering the saved work). Without
/// session storage there is no mark, and the answer is `false`.
pub fn begin_start() -> bool {
    let Some(session) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) else {
        return false;
    };
    let failed = matches!(session.get_item(STARTING_KEY), Ok(Some(_)));
    let _ = session.set_item(STARTING_KEY, "1");
    failed
}

/// The start finished: the first render and its effects ran.
pub fn finish_start() {
    if let Some(session) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = session.remove_item(STARTING_KEY);
    }
}

/// Loads the saved state, keeping an unreadable save as a backup. When the
/// last start did not finish (`last_start_failed`), the save is set aside
/// as a backup the same way and the app starts from the defaults, so no
/// saved state can stop it from starting.
pub fn load(last_start_failed: bool) -> (Saved, LoadOutcome) {
    let Some(store) = storage() else {
        return (Saved::default(), LoadOutcome::Unavailable);
    };
    let raw = match store.get_item(KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return (Saved::default(), LoadOutcome::Fresh),
        Err(_) => return (Saved::default(), LoadOutcome::Unavailable),
    };
    let decoded = if last_start_failed {
        Err(DecodeError::StartFailed)
    } else {
        decode(&raw)
    };
    match decoded {
        Ok(saved) => (saved, LoadOutcome::Loaded),
        Err(why) => {
            let backup_key = format!("{BACKUP_PREFIX}.{}", js_sys::Date::now() as u64);
            if store.set_item(&backup_key, &raw).is_err() {
                // No room for a copy: leave the original where it is and
                // keep it from being overwritten by not saving this session.
                return (Saved::default(), LoadOutcome::Unavailable);
            }
            // The copy is safe; the original must not break the next start.
            let _ = store.remove_item(KEY);
            (Saved::default(), LoadOutcome::Recovered { backup_key, why })
        }
    }
}

thread_local! {
    static FROZEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// No more writes from this page: called when the app panics, so the last
/// good save is what the next start finds.
pub fn freeze() {
    FROZEN.with(|f| f.set(true));
}

/// Writes the state (nothing, once [`freeze`] was called).
pub fn save(saved: &Saved) -> Result<(), StorageError> {
    if FROZEN.with(std::cell::Cell::get) {
        return Ok(());
    }
    use gloo_storage::{LocalStorage, Storage};
    if storage().is_none() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw()
        .set_item(KEY, &encode(saved))
        .map_err(|e| StorageError::WriteFailed(format!("{e:?}")))
}

/// A backup's text as a `data:` link, so the user can keep it as a file.
pub fn backup_link(key: &str) -> Option<String> {
    let raw = storage()?.get_item(key).ok().flatten()?;
    let encoded: String = js_sys::encode_uri_component(&raw).into();
    Some(format!("data:application/json;charset=utf-8,{encoded}"))
}

/// Reads the saved state after another tab wrote it (the `storage` event).
pub fn decode_from_other_tab(raw: Option<String>) -> Option<Saved> {
    decode(&raw?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{PresetId, RateMode};

    #[test]
    fn round_trip() {
        let mut saved = Saved::default();
        saved.plan.apply_preset(PresetId::B2b);
        saved.plan.switch_mode(RateMode::Conversion).unwrap();
        saved.settings.lang = Some(Lang::Zh);
        let back = decode(&encode(&saved)).unwrap();
        assert_eq!(back.plan, saved.plan);
        assert_eq!(back.settings, saved.settings);
        assert_eq!(back.version, VERSION);
    }

    #[test]
    fn missing_fields_merge_onto_defaults() {
        let saved = decode(r#"{"version":1,"plan":{"deals":"12","target_by":"Deals"}}"#).unwrap();
        assert_eq!(saved.plan.deals, "12");
        assert_eq!(saved.plan.confidence, "90");
        assert_eq!(
            saved.plan.stages.len(),
            5,
            "an empty funnel gets the default one"
        );
        assert_eq!(saved.settings, Settings::default());
    }

    #[test]
    fn unversioned_saves_migrate() {
        let saved = decode(r#"{"plan":{"revenue":"500"}}"#).unwrap();
        assert_eq!(saved.plan.revenue, "500");
    }

    #[test]
    fn unreadable_saves_are_errors_not_defaults() {
        assert!(matches!(
            decode("{not json"),
            Err(DecodeError::Malformed(_))
        ));
        assert!(matches!(decode("[1,2]"), Err(DecodeError::Malformed(_))));
        assert!(matches!(
            decode(r#"{"version":99}"#),
            Err(DecodeError::Newer(99))
        ));
        assert!(matches!(
            decode(r#"{"version":"x"}"#),
            Err(DecodeError::Shape(_))
        ));
        assert!(matches!(
            decode(r#"{"version":1,"plan":{"stages":"oops"}}"#),
            Err(DecodeError::Shape(_))
        ));
        assert!(matches!(
            decode(r#"{"version":1,"plan":{"stages":[{"exact":"1/0"}]}}"#),
            Err(DecodeError::Shape(_))
        ));
    }
}
