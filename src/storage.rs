//! The one place that touches the browser's storage.
//!
//! What is saved carries a schema version; loading runs migrations, then
//! merges onto defaults (`#[serde(default)]` everywhere), so a save from an
//! older version gains new fields with their defaults. A save that cannot be
//! read is copied, byte for byte, to a backup key and the user is told —
//! never silently dropped. With storage blocked the app works and says so.
//! Saving is debounced by the caller (`state`); this module only reads and
//! writes.

use crate::history::Screen;
use crate::i18n::Lang;
use crate::model::PlanInput;
use crate::pipeline::PipelineInput;
use crate::scenario::{Scenario, ScenarioId, Scenarios};
use json::Value;
use serde::{Deserialize, Serialize};

/// The key the whole state is saved under.
pub const KEY: &str = "funnel-calculator";
/// The key the deal list and the quick forecast are saved under: apart from
/// the plan, so that typing in the Plan never rewrites 10,000 deals.
pub const PIPELINE_KEY: &str = "funnel-calculator.pipeline";
/// Prefix of the keys unreadable saves are kept under.
pub const BACKUP_PREFIX: &str = "funnel-calculator.backup";
/// The current schema version: 2 added scenarios and the four stage notes.
pub const VERSION: u32 = 2;

/// Settings that are not part of a plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The chosen language; `None` follows the browser.
    pub lang: Option<Lang>,
    pub show_working: bool,
    /// The screen that was open.
    pub screen: Screen,
}

/// Everything saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    pub version: u32,
    /// How many times this key was written: the check before each write
    /// ([`decide`]). Written right after `version`; 0 in a save from before
    /// revisions.
    pub revision: u64,
    pub settings: Settings,
    /// The open scenario's plan.
    pub plan: PlanInput,
    /// The open scenario's deals: saved under [`pipeline_key`], not with the rest.
    #[serde(skip)]
    pub pipeline: PipelineInput,
    /// The open scenario (version 1 saves had one scenario, id 1).
    pub active: ScenarioId,
    /// The next scenario id to give.
    pub next_scenario: ScenarioId,
    /// Every scenario in the picker's order; the open one's plan is
    /// [`Saved::plan`]. Empty in a version 1 save.
    pub scenarios: Vec<SavedScenario>,
    /// The other scenarios' deals, each read from its own key.
    #[serde(skip)]
    pub other_pipelines: Vec<(ScenarioId, PipelineInput)>,
}

impl Default for Saved {
    fn default() -> Saved {
        Saved {
            version: VERSION,
            revision: 0,
            settings: Settings::default(),
            plan: PlanInput::default(),
            pipeline: PipelineInput::default(),
            active: 1,
            next_scenario: 2,
            scenarios: Vec::new(),
            other_pipelines: Vec::new(),
        }
    }
}

/// A scenario as saved under [`KEY`]; its deals have a key of their own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedScenario {
    pub id: ScenarioId,
    pub name: String,
    /// `None` for the open scenario (its plan is [`Saved::plan`]).
    pub plan: Option<PlanInput>,
}

impl Saved {
    /// Whether normalising this save (`normalised`, from [`Saved::scenarios`])
    /// changed an id: a scenario's, a stage's, a deal's or the stage a deal
    /// sits at. The main key and the deal lists are written apart, so after
    /// a renumbering everything must be written at once, or the deals stay
    /// under keys and stage ids that no longer exist (and the next start
    /// forgets them as a deleted scenario's).
    pub fn renumbered(&self, normalised: &Scenarios) -> bool {
        let default = PlanInput::default();
        let raw: Vec<(ScenarioId, &PlanInput, Option<&PipelineInput>)> =
            if self.scenarios.is_empty() {
                vec![(self.active.max(1), &self.plan, Some(&self.pipeline))]
            } else {
                self.scenarios
                    .iter()
                    .map(|s| match (&s.plan, s.id == self.active) {
                        (_, true) => (s.id, &self.plan, Some(&self.pipeline)),
                        (plan, false) => (
                            s.id,
                            plan.as_ref().unwrap_or(&default),
                            self.other_pipelines
                                .iter()
                                .find(|(id, _)| *id == s.id)
                                .map(|(_, p)| p),
                        ),
                    })
                    .collect()
            };
        let stages = |p: &PlanInput| p.stages.iter().map(|s| s.id).collect::<Vec<_>>();
        let deals = |p: &PipelineInput| p.deals.iter().map(|d| (d.id, d.stage)).collect::<Vec<_>>();
        raw.len() != normalised.list().len()
            || raw
                .iter()
                .zip(normalised.list())
                .any(|((id, plan, pipeline), n)| {
                    *id != n.id
                        || stages(plan) != stages(&n.plan)
                        || pipeline.is_some_and(|p| deals(p) != deals(&n.pipeline))
                })
    }

    /// The scenarios this save holds, the open one's inputs included.
    pub fn scenarios(&self) -> Scenarios {
        if self.scenarios.is_empty() {
            return Scenarios::from_parts(
                vec![Scenario {
                    id: self.active.max(1),
                    name: String::new(),
                    plan: self.plan.clone(),
                    pipeline: self.pipeline.clone(),
                }],
                self.active.max(1),
                self.next_scenario,
            );
        }
        let list = self
            .scenarios
            .iter()
            .map(|s| {
                let open = s.id == self.active;
                Scenario {
                    id: s.id,
                    name: s.name.clone(),
                    plan: match (&s.plan, open) {
                        (_, true) => self.plan.clone(),
                        (Some(p), false) => p.clone(),
                        (None, false) => PlanInput::default(),
                    },
                    pipeline: if open {
                        self.pipeline.clone()
                    } else {
                        self.other_pipelines
                            .iter()
                            .find(|(id, _)| *id == s.id)
                            .map(|(_, p)| p.clone())
                            .unwrap_or_default()
                    },
                }
            })
            .collect();
        Scenarios::from_parts(list, self.active, self.next_scenario)
    }

    /// A save of these scenarios (the deals are written apart).
    pub fn of(settings: Settings, scenarios: &Scenarios) -> Saved {
        let active = scenarios.active();
        let plan = scenarios
            .get(active)
            .map(|s| s.plan.clone())
            .unwrap_or_default();
        Saved {
            version: VERSION,
            revision: 0,
            settings,
            plan,
            pipeline: PipelineInput::default(),
            active,
            next_scenario: scenarios.next_id(),
            scenarios: scenarios
                .list()
                .iter()
                .map(|s| SavedScenario {
                    id: s.id,
                    name: s.name.clone(),
                    plan: (s.id != active).then(|| s.plan.clone()),
                })
                .collect(),
            other_pipelines: Vec::new(),
        }
    }
}

/// The key a scenario's deals are saved under: scenario 1's is
/// [`PIPELINE_KEY`] (where version 1 kept the one deal list), the others'
/// carry their id.
pub fn pipeline_key(id: ScenarioId) -> String {
    if id == 1 {
        PIPELINE_KEY.to_string()
    } else {
        format!("{PIPELINE_KEY}.{id}")
    }
}

/// The scenario whose deals a key holds, if it is a deal key.
pub fn scenario_of_pipeline_key(key: &str) -> Option<ScenarioId> {
    if key == PIPELINE_KEY {
        return Some(1);
    }
    key.strip_prefix(PIPELINE_KEY)?
        .strip_prefix('.')?
        .parse()
        .ok()
        .filter(|id| *id > 1)
}

/// What is saved under [`PIPELINE_KEY`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedPipeline {
    pub version: u32,
    /// How many times this key was written (as [`Saved::revision`]).
    pub revision: u64,
    pub pipeline: PipelineInput,
}

/// Reads the saved pipeline text (the same versioning as [`decode`]).
pub fn decode_pipeline(raw: &str) -> Result<PipelineInput, DecodeError> {
    decode_saved_pipeline(raw).map(|s| s.pipeline)
}

/// Reads the saved pipeline text with its revision.
fn decode_saved_pipeline(raw: &str) -> Result<SavedPipeline, DecodeError> {
    let value = versioned(raw)?;
    let mut saved = SavedPipeline::deserialize(value)
        .map_err(|_| DecodeError::Shape("not a pipeline".into()))?;
    saved.pipeline.sanitise();
    Ok(saved)
}

/// The text saved for the pipeline.
pub fn encode_pipeline(pipeline: &PipelineInput) -> String {
    /// [`SavedPipeline`] by reference: a save does not copy the deals.
    #[derive(Serialize)]
    struct Borrowed<'a> {
        version: u32,
        revision: u64,
        pipeline: &'a PipelineInput,
    }
    json::to_string(&Borrowed {
        version: VERSION,
        revision: 0,
        pipeline,
    })
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
    /// Writing failed (e.g. the quota is full); the last good save is
    /// untouched.
    WriteFailed(String),
    /// Another tab wrote this key since this tab last read or wrote it:
    /// nothing was written, and this tab should take the newer state.
    Newer,
    /// The key holds a save from a newer version of the app (another tab):
    /// this version cannot read it, so it is never written over.
    NewerVersion(u32),
}

/// What a key holds now, as far as the check before a write needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored<'a> {
    /// Nothing saved under the key.
    Absent,
    /// A save at this revision (0 for one from before revisions); `body` is
    /// the text after the revision when it is written the way [`encode`]
    /// writes it (else `None`: it is then never "the same").
    At {
        revision: u64,
        body: Option<&'a str>,
    },
    /// Not JSON: nothing another tab could have meant to keep.
    Unreadable,
    /// A save from a newer version of the app: never written over.
    NewerVersion(u32),
}

/// What to do with a write, from [`decide`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Write, as this revision.
    Write { revision: u64 },
    /// The key already holds exactly this: no write; this is its revision.
    Unchanged { revision: u64 },
    /// Another tab wrote since this tab last read or wrote the key: do not
    /// write, take what is stored.
    TakeNewer,
    /// A newer version of the app saved there: do not write, and say so
    /// (this version cannot take it).
    Refuse { version: u32 },
}

/// The check before every write: `known` is the revision this tab last
/// read or wrote under the key, `stored` what the key holds now, `body` the
/// text to write (after its revision, see [`split_revision`]).
///
/// An absent or unreadable key is written (there is nothing to lose); the
/// same text is not written again, whoever wrote it; a revision other than
/// the known one, higher or lower (a tab of an older version of the app
/// writes revision 0), means another tab wrote. A save from a newer version
/// of the app is never written over.
pub fn decide(known: u64, stored: Stored<'_>, body: &str) -> Decision {
    match stored {
        Stored::NewerVersion(version) => Decision::Refuse { version },
        Stored::Absent | Stored::Unreadable => Decision::Write {
            revision: known.saturating_add(1),
        },
        Stored::At { revision, body: b } if b == Some(body) => Decision::Unchanged { revision },
        Stored::At { revision, .. } if revision == known => Decision::Write {
            revision: revision.saturating_add(1),
        },
        Stored::At { .. } => Decision::TakeNewer,
    }
}

/// The start every current save is written with, up to the revision.
fn revision_prefix() -> String {
    format!("{{\"version\":{VERSION},\"revision\":")
}

/// The highest revision read as written: JSON numbers are doubles, and
/// above this they no longer hold every whole number. A larger one, or one
/// that is not a whole number, reads as 0 (as a save from before revisions).
pub const MAX_REVISION: u64 = 9_000_000_000_000_000;

/// A save's revision as read: a whole number up to [`MAX_REVISION`], else
/// 0 (a string, a negative or fractional number, a huge one, none at all),
/// so an odd revision never costs the save itself.
pub fn revision_of(value: &Value) -> u64 {
    match value.get("revision") {
        Some(&Value::Num(n)) if n.fract() == 0.0 && (0.0..=MAX_REVISION as f64).contains(&n) => {
            n as u64
        }
        _ => 0,
    }
}

/// A current save's revision and the text after it (`{"version":2,
/// "revision":7,` then the body); `None` for any other text (a revision
/// above [`MAX_REVISION`] included: it is read as [`revision_of`] reads it).
pub fn split_revision(raw: &str) -> Option<(u64, &str)> {
    let rest = raw.strip_prefix(revision_prefix().as_str())?;
    let digits = rest.find(|c: char| !c.is_ascii_digit())?;
    let revision = rest
        .get(..digits)?
        .parse()
        .ok()
        .filter(|r| *r <= MAX_REVISION)?;
    let body = rest.get(digits..)?.strip_prefix(',')?;
    Some((revision, body))
}

/// The text of a save at a revision, from its body (see [`split_revision`]).
pub fn with_revision(revision: u64, body: &str) -> String {
    format!("{}{revision},{body}", revision_prefix())
}

/// What a stored text says for [`decide`].
pub fn stored(raw: Option<&str>) -> Stored<'_> {
    let Some(raw) = raw else {
        return Stored::Absent;
    };
    if let Some((revision, body)) = split_revision(raw) {
        return Stored::At {
            revision,
            body: Some(body),
        };
    }
    match json::parse(raw) {
        Some(v @ Value::Obj(_)) => match v.get("version").and_then(Value::as_u32) {
            Some(version) if version > VERSION => Stored::NewerVersion(version),
            _ => Stored::At {
                revision: revision_of(&v),
                body: None,
            },
        },
        _ => Stored::Unreadable,
    }
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
/// Version 1 → 2 needs no rewrite: one plan becomes scenario 1 when read
/// ([`Saved::scenarios`]), its deal key stays, and a stage's one free
/// note is read as its purpose.
const MIGRATIONS: [fn(Value) -> Value; 2] = [|v| v, |v| v];

/// A saved text parsed and migrated to the current version: the one way
/// both keys ([`KEY`], [`PIPELINE_KEY`]) are read.
fn versioned(raw: &str) -> Result<Value, DecodeError> {
    let mut value = json::parse(raw).ok_or_else(|| DecodeError::Malformed("not JSON".into()))?;
    if !matches!(value, Value::Obj(_)) {
        return Err(DecodeError::Malformed("not an object".into()));
    }
    let version = match value.get("version") {
        None => 0,
        Some(v) => v
            .as_u32()
            .ok_or_else(|| DecodeError::Shape("version".into()))?,
    };
    if version > VERSION {
        return Err(DecodeError::Newer(version));
    }
    for migrate in &MIGRATIONS[version as usize..] {
        value = migrate(value);
    }
    // An odd revision reads as 0 rather than making the save unreadable.
    let revision = revision_of(&value);
    if let Value::Obj(members) = &mut value {
        members.retain(|(k, _)| k != "revision");
        members.push(("revision".into(), Value::Num(revision as f64)));
    }
    Ok(value)
}

/// Reads a saved text: migrate, then merge onto defaults (a save from
/// before revisions reads as revision 0). The plans are
/// normalised with their deals, which are read apart, by
/// [`Saved::scenarios`] (`Scenarios::from_parts`): a renumbered stage
/// takes its deals along.
pub fn decode(raw: &str) -> Result<Saved, DecodeError> {
    let value = versioned(raw)?;
    let mut saved =
        Saved::deserialize(value).map_err(|_| DecodeError::Shape("not a save".into()))?;
    saved.version = VERSION;
    Ok(saved)
}

/// The text saved for a state.
pub fn encode(saved: &Saved) -> String {
    let mut saved = saved.clone();
    saved.version = VERSION;
    json::to_string(&saved)
}

/// The JSON codec, small on purpose: serde's derives read and write through
/// it, and its error carries no message (none is ever shown), so none of
/// serde's error formatting is compiled in. Reading parses with the
/// browser's own `JSON.parse` (natively, in tests, with serde_json) into a
/// [`Value`]; writing prints the text directly, exactly as serde_json does
/// (the tests compare the two). [`crate::scenario_file`] reads and
/// writes scenario files and share links with it too.
pub(crate) mod json {
    use serde::de::value::{MapDeserializer, SeqDeserializer};
    use serde::de::{self, IntoDeserializer, Visitor};
    use serde::ser::{self, Impossible, Serialize};
    use std::fmt::{self, Write};

    /// A JSON value, as parsed.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Value {
        Null,
        Bool(bool),
        Num(f64),
        Str(String),
        Arr(Vec<Value>),
        /// Members in the order written.
        Obj(Vec<(String, Value)>),
    }

    /// Deepest nesting read, as in serde_json: deeper text is not a save.
    const MAX_DEPTH: u32 = 128;

    impl Value {
        /// An object's member.
        pub fn get(&self, key: &str) -> Option<&Value> {
            match self {
                Value::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
                _ => None,
            }
        }

        /// A whole number that fits a `u32`.
        pub fn as_u32(&self) -> Option<u32> {
            match *self {
                Value::Num(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                    Some(n as u32)
                }
                _ => None,
            }
        }
    }

    /// The text as a value; `None` when it is not JSON.
    #[cfg(target_arch = "wasm32")]
    pub fn parse(raw: &str) -> Option<Value> {
        from_js(&js_sys::JSON::parse(raw).ok()?, 0)
    }

    #[cfg(target_arch = "wasm32")]
    fn from_js(v: &wasm_bindgen::JsValue, depth: u32) -> Option<Value> {
        use js_sys::{Array, Object};
        use wasm_bindgen::JsCast;
        if depth > MAX_DEPTH {
            return None;
        }
        let item = |x: &wasm_bindgen::JsValue| from_js(x, depth + 1);
        Some(if let Some(b) = v.as_bool() {
            Value::Bool(b)
        } else if let Some(n) = v.as_f64() {
            Value::Num(n)
        } else if let Some(s) = v.as_string() {
            Value::Str(s)
        } else if Array::is_array(v) {
            Value::Arr(
                v.unchecked_ref::<Array>()
                    .iter()
                    .map(|x| item(&x))
                    .collect::<Option<_>>()?,
            )
        } else if v.is_object() {
            let entries = Object::entries(v.unchecked_ref());
            let members = entries.iter().map(|e| {
                let e = e.unchecked_into::<Array>();
                Some((e.get(0).as_string()?, item(&e.get(1))?))
            });
            Value::Obj(members.collect::<Option<_>>()?)
        } else {
            Value::Null
        })
    }

    /// The text as a value; `None` when it is not JSON.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(raw: &str) -> Option<Value> {
        fn from_serde(v: serde_json::Value, depth: u32) -> Option<Value> {
            use serde_json::Value as J;
            if depth > MAX_DEPTH {
                return None;
            }
            Some(match v {
                J::Null => Value::Null,
                J::Bool(b) => Value::Bool(b),
                J::Number(n) => Value::Num(n.as_f64()?),
                J::String(s) => Value::Str(s),
                J::Array(a) => Value::Arr(
                    a.into_iter()
                        .map(|x| from_serde(x, depth + 1))
                        .collect::<Option<_>>()?,
                ),
                J::Object(o) => Value::Obj(
                    o.into_iter()
                        .map(|(k, x)| Some((k, from_serde(x, depth + 1)?)))
                        .collect::<Option<_>>()?,
                ),
            })
        }
        from_serde(serde_json::from_str(raw).ok()?, 0)
    }

    /// A value of the wrong shape, or one this codec does not write. Why is
    /// not kept.
    #[derive(Debug)]
    pub struct Mismatch;

    impl fmt::Display for Mismatch {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("JSON of the wrong shape")
        }
    }

    impl std::error::Error for Mismatch {}

    impl de::Error for Mismatch {
        fn custom<T: fmt::Display>(_: T) -> Mismatch {
            Mismatch
        }
    }

    impl ser::Error for Mismatch {
        fn custom<T: fmt::Display>(_: T) -> Mismatch {
            Mismatch
        }
    }

    impl IntoDeserializer<'_, Mismatch> for Value {
        type Deserializer = Value;
        fn into_deserializer(self) -> Value {
            self
        }
    }

    impl Value {
        /// A whole number, for the integer types.
        fn whole(&self) -> Option<f64> {
            match *self {
                Value::Num(n) if n.fract() == 0.0 => Some(n),
                _ => None,
            }
        }
    }

    /// Integers of every width through `u64` or `i64`; the visitor checks the range.
    macro_rules! integers {
        ($($method:ident)*) => {$(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
                match self.whole() {
                    Some(n) if (0.0..1.8e19).contains(&n) => visitor.visit_u64(n as u64),
                    Some(n) if (-9.2e18..0.0).contains(&n) => visitor.visit_i64(n as i64),
                    _ => Err(Mismatch),
                }
            }
        )*};
    }

    /// Each type asks only for the JSON it is written as (a struct for an
    /// object, a string for a string, …), so that only the visitor methods
    /// that can succeed are compiled in.
    impl<'de> de::Deserializer<'de> for Value {
        type Error = Mismatch;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            match self {
                Value::Null => visitor.visit_unit(),
                Value::Bool(b) => visitor.visit_bool(b),
                Value::Num(_) if self.whole().is_some() => self.deserialize_i64(visitor),
                Value::Num(n) => visitor.visit_f64(n),
                Value::Str(s) => visitor.visit_string(s),
                Value::Arr(a) => visitor.visit_seq(SeqDeserializer::new(a.into_iter())),
                Value::Obj(o) => visitor.visit_map(MapDeserializer::new(o.into_iter())),
            }
        }

        integers! {
            deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
            deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        }

        fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            match self {
                Value::Bool(b) => visitor.visit_bool(b),
                _ => Err(Mismatch),
            }
        }

        fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            match self {
                Value::Num(n) => visitor.visit_f64(n),
                _ => Err(Mismatch),
            }
        }

        fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            self.deserialize_f64(visitor)
        }

        fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            match self {
                Value::Str(s) => visitor.visit_string(s),
                _ => Err(Mismatch),
            }
        }

        fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            self.deserialize_string(visitor)
        }

        fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            self.deserialize_string(visitor)
        }

        fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            match self {
                Value::Null => visitor.visit_unit(),
                _ => Err(Mismatch),
            }
        }

        fn deserialize_unit_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            visitor: V,
        ) -> Result<V::Value, Mismatch> {
            self.deserialize_unit(visitor)
        }

        fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            match self {
                Value::Arr(a) => visitor.visit_seq(SeqDeserializer::new(a.into_iter())),
                _ => Err(Mismatch),
            }
        }

        fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            match self {
                Value::Obj(o) => visitor.visit_map(MapDeserializer::new(o.into_iter())),
                _ => Err(Mismatch),
            }
        }

        /// Only from an object (serde_json also took an array of the
        /// fields in order, which no save has).
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Mismatch> {
            self.deserialize_map(visitor)
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            match self {
                Value::Null => visitor.visit_none(),
                v => visitor.visit_some(v),
            }
        }

        /// Unit variants, the only ones saved, are strings.
        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Mismatch> {
            match self {
                Value::Str(s) => visitor.visit_enum(s.into_deserializer()),
                _ => Err(Mismatch),
            }
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            visitor: V,
        ) -> Result<V::Value, Mismatch> {
            visitor.visit_newtype_struct(self)
        }

        /// Unknown fields are skipped without a look.
        fn deserialize_ignored_any<V: Visitor<'de>>(
            self,
            visitor: V,
        ) -> Result<V::Value, Mismatch> {
            visitor.visit_unit()
        }

        serde::forward_to_deserialize_any! {
            i128 u128 char bytes byte_buf tuple tuple_struct
        }
    }

    /// Compact JSON text, as serde_json writes it; `""` for a value with
    /// parts this codec does not write (floats, maps, non-unit variants),
    /// which nothing saved has.
    pub fn to_string<T: Serialize>(value: &T) -> String {
        let mut w = Writer(String::new());
        match value.serialize(&mut w) {
            Ok(()) => w.0,
            Err(Mismatch) => String::new(),
        }
    }

    struct Writer(String);

    impl Writer {
        fn int(&mut self, n: impl fmt::Display) -> Result<(), Mismatch> {
            write!(self.0, "{n}").map_err(|_| Mismatch)
        }

        /// A string literal, escaped as serde_json escapes it.
        fn string(&mut self, s: &str) {
            self.0.push('"');
            for c in s.chars() {
                match c {
                    '"' => self.0.push_str("\\\""),
                    '\\' => self.0.push_str("\\\\"),
                    '\n' => self.0.push_str("\\n"),
                    '\r' => self.0.push_str("\\r"),
                    '\t' => self.0.push_str("\\t"),
                    '\u{8}' => self.0.push_str("\\b"),
                    '\u{c}' => self.0.push_str("\\f"),
                    c if c < ' ' => {
                        let hex = b"0123456789abcdef";
                        self.0.push_str("\\u00");
                        self.0.push(char::from(hex[c as usize >> 4]));
                        self.0.push(char::from(hex[c as usize & 15]));
                    }
                    c => self.0.push(c),
                }
            }
            self.0.push('"');
        }
    }

    /// An array or an object being written.
    struct Compound<'a> {
        w: &'a mut Writer,
        first: bool,
    }

    impl Compound<'_> {
        fn comma(&mut self) {
            if !std::mem::take(&mut self.first) {
                self.w.0.push(',');
            }
        }
    }

    impl ser::SerializeSeq for Compound<'_> {
        type Ok = ();
        type Error = Mismatch;
        fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Mismatch> {
            self.comma();
            v.serialize(&mut *self.w)
        }
        fn end(self) -> Result<(), Mismatch> {
            self.w.0.push(']');
            Ok(())
        }
    }

    impl ser::SerializeStruct for Compound<'_> {
        type Ok = ();
        type Error = Mismatch;
        fn serialize_field<T: Serialize + ?Sized>(
            &mut self,
            key: &'static str,
            v: &T,
        ) -> Result<(), Mismatch> {
            self.comma();
            self.w.string(key);
            self.w.0.push(':');
            v.serialize(&mut *self.w)
        }
        fn end(self) -> Result<(), Mismatch> {
            self.w.0.push('}');
            Ok(())
        }
    }

    impl<'a> ser::Serializer for &'a mut Writer {
        type Ok = ();
        type Error = Mismatch;
        type SerializeSeq = Compound<'a>;
        type SerializeTuple = Impossible<(), Mismatch>;
        type SerializeTupleStruct = Impossible<(), Mismatch>;
        type SerializeTupleVariant = Impossible<(), Mismatch>;
        type SerializeMap = Impossible<(), Mismatch>;
        type SerializeStruct = Compound<'a>;
        type SerializeStructVariant = Impossible<(), Mismatch>;

        fn serialize_bool(self, v: bool) -> Result<(), Mismatch> {
            self.0.push_str(if v { "true" } else { "false" });
            Ok(())
        }
        fn serialize_i8(self, v: i8) -> Result<(), Mismatch> {
            self.int(v)
        }
        fn serialize_i16(self, v: i16) -> Result<(), Mismatch> {
            self.int(v)
        }
        fn serialize_i32(self, v: i32) -> Result<(), Mismatch> {
            self.int(v)
        }
        fn serialize_i64(self, v: i64) -> Result<(), Mismatch> {
            self.int(v)
        }
        fn serialize_u8(self, v: u8) -> Result<(), Mismatch> {
            self.int(v)
        }
        fn serialize_u16(self, v: u16) -> Result<(), Mismatch> {
            self.int(v)
        }
        fn serialize_u32(self, v: u32) -> Result<(), Mismatch> {
            self.int(v)
        }
        fn serialize_u64(self, v: u64) -> Result<(), Mismatch> {
            self.int(v)
        }
        fn serialize_f32(self, _: f32) -> Result<(), Mismatch> {
            Err(Mismatch)
        }
        fn serialize_f64(self, _: f64) -> Result<(), Mismatch> {
            Err(Mismatch)
        }
        fn serialize_char(self, v: char) -> Result<(), Mismatch> {
            self.string(v.encode_utf8(&mut [0; 4]));
            Ok(())
        }
        fn serialize_str(self, v: &str) -> Result<(), Mismatch> {
            self.string(v);
            Ok(())
        }
        fn serialize_bytes(self, _: &[u8]) -> Result<(), Mismatch> {
            Err(Mismatch)
        }
        fn serialize_none(self) -> Result<(), Mismatch> {
            self.serialize_unit()
        }
        fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Mismatch> {
            v.serialize(self)
        }
        fn serialize_unit(self) -> Result<(), Mismatch> {
            self.0.push_str("null");
            Ok(())
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), Mismatch> {
            self.serialize_unit()
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
        ) -> Result<(), Mismatch> {
            self.serialize_str(variant)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            v: &T,
        ) -> Result<(), Mismatch> {
            v.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Mismatch> {
            Err(Mismatch)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Mismatch> {
            self.0.push('[');
            Ok(Compound {
                w: self,
                first: true,
            })
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Mismatch> {
            Err(Mismatch)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Mismatch> {
            Err(Mismatch)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Mismatch> {
            Err(Mismatch)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Mismatch> {
            Err(Mismatch)
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Mismatch> {
            self.0.push('{');
            Ok(Compound {
                w: self,
                first: true,
            })
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Mismatch> {
            Err(Mismatch)
        }
    }
}

/// The browser's local storage, if it can be used. Asked through web-sys so
/// a blocked storage is an `Err` here rather than an exception thrown from
/// inside gloo (which expects storage to exist). The probe only reads: a
/// full storage refuses any write, and that is a failed write (the work
/// stays in memory, and a later write can succeed), not a blocked storage.
fn storage() -> Option<web_sys::Storage> {
    let s = web_sys::window()?.local_storage().ok().flatten()?;
    s.get_item(KEY).is_ok().then_some(s)
}

thread_local! {
    /// Per key, the revision this tab last read or wrote there.
    static KNOWN: std::cell::RefCell<Vec<(String, u64)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Notes the revision this tab has read or written under a key.
fn know(key: &str, revision: u64) {
    KNOWN.with(|k| {
        let mut k = k.borrow_mut();
        match k.iter_mut().find(|(x, _)| x == key) {
            Some(entry) => entry.1 = revision,
            None => k.push((key.to_string(), revision)),
        }
    });
}

/// The revision this tab last read or wrote under a key (0: none).
fn known(key: &str) -> u64 {
    KNOWN.with(|k| {
        k.borrow()
            .iter()
            .find(|(x, _)| x == key)
            .map_or(0, |(_, r)| *r)
    })
}

/// Writes `text` (an [`encode`]d save) under `key` unless another tab wrote
/// there since this tab last read or wrote it ([`decide`]). `setItem`
/// replaces the old value only when it succeeds, so a failed write leaves
/// the last good save as it was.
fn write_checked(store: &web_sys::Storage, key: &str, text: &str) -> Result<(), StorageError> {
    let raw = store.get_item(key).map_err(|_| StorageError::Unavailable)?;
    let body = split_revision(text).map_or(text, |(_, b)| b);
    match decide(known(key), stored(raw.as_deref()), body) {
        Decision::TakeNewer => Err(StorageError::Newer),
        Decision::Refuse { version } => Err(StorageError::NewerVersion(version)),
        Decision::Unchanged { revision } => {
            know(key, revision);
            Ok(())
        }
        Decision::Write { revision } => {
            store
                .set_item(key, &with_revision(revision, body))
                .map_err(|e| StorageError::WriteFailed(format!("{e:?}")))?;
            know(key, revision);
            Ok(())
        }
    }
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
    // What this tab knows starts from what it reads now.
    KNOWN.with(|k| k.borrow_mut().clear());
    let Some(store) = storage() else {
        return (Saved::default(), LoadOutcome::Unavailable);
    };
    let (mut saved, outcome) = load_plan(&store, last_start_failed);
    if outcome == LoadOutcome::Unavailable {
        return (saved, outcome);
    }
    // After a failed start every deal list is set aside, not only those of
    // the scenarios the defaults know: the one that broke the start may be
    // any scenario's, and the others would be forgotten below as deleted.
    // They are kept beside the plan's backup (`{backup}.{key}`), so the one
    // download holds them all.
    let mut group = match &outcome {
        LoadOutcome::Recovered { backup_key, .. } => Some(backup_key.clone()),
        _ => None,
    };
    let mut pipeline_outcome = None;
    if last_start_failed {
        let n = store.length().unwrap_or(0);
        let keys: Vec<String> = (0..n)
            .filter_map(|i| store.key(i).ok().flatten())
            .filter(|k| scenario_of_pipeline_key(k).is_some())
            .collect();
        for key in keys {
            let Ok(Some(raw)) = store.get_item(&key) else {
                continue;
            };
            let o = match set_aside_in(&store, &key, &raw, group.as_deref()) {
                Some(backup_key) => {
                    let first = group.get_or_insert_with(|| backup_key.clone()).clone();
                    LoadOutcome::Recovered {
                        backup_key: first,
                        why: DecodeError::StartFailed,
                    }
                }
                None => LoadOutcome::Unavailable,
            };
            pipeline_outcome = pipeline_outcome.or(Some(o));
        }
    }
    let (pipeline, o) = load_pipeline(&store, &pipeline_key(saved.active), last_start_failed);
    pipeline_outcome = pipeline_outcome.or(o);
    saved.pipeline = pipeline;
    let others: Vec<ScenarioId> = saved
        .scenarios
        .iter()
        .map(|s| s.id)
        .filter(|id| *id != saved.active)
        .collect();
    for id in others {
        let (p, o) = load_pipeline(&store, &pipeline_key(id), last_start_failed);
        pipeline_outcome = pipeline_outcome.or(o);
        saved.other_pipelines.push((id, p));
    }
    forget_deleted_scenarios(&store, &saved);
    // The plan's own trouble is told first; the deals' when the plan was fine.
    let outcome = match (outcome, pipeline_outcome) {
        (o @ LoadOutcome::Recovered { .. }, _) => o,
        (_, Some(o)) => o,
        (o, None) => o,
    };
    (saved, outcome)
}

/// Removes the deal keys of scenarios deleted in an earlier visit (they
/// stay while the tab that deleted them is open, so Undo can bring them back).
fn forget_deleted_scenarios(store: &web_sys::Storage, saved: &Saved) {
    let live = |id: ScenarioId| id == saved.active || saved.scenarios.iter().any(|s| s.id == id);
    let n = store.length().unwrap_or(0);
    let stale: Vec<String> = (0..n)
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| scenario_of_pipeline_key(k).is_some_and(|id| !live(id)))
        .collect();
    for k in stale {
        let _ = store.remove_item(&k);
    }
}

/// Copies an unreadable save to a fresh backup key and removes it; `None`
/// when there was no room for the copy (the original then stays).
fn set_aside(store: &web_sys::Storage, key: &str, raw: &str) -> Option<String> {
    set_aside_in(store, key, raw, None)
}

/// [`set_aside`], under `{group}.{key}` when a backup of the same failed
/// start already took the key `group`.
fn set_aside_in(
    store: &web_sys::Storage,
    key: &str,
    raw: &str,
    group: Option<&str>,
) -> Option<String> {
    let backup_key = match group {
        Some(g) => format!("{g}.{key}"),
        None => format!("{BACKUP_PREFIX}.{}", js_sys::Date::now() as u64),
    };
    let backup_key = if group.is_none() && matches!(store.get_item(&backup_key), Ok(Some(_))) {
        format!("{backup_key}.{key}")
    } else {
        backup_key
    };
    store.set_item(&backup_key, raw).ok()?;
    let _ = store.remove_item(key);
    Some(backup_key)
}

fn load_plan(store: &web_sys::Storage, last_start_failed: bool) -> (Saved, LoadOutcome) {
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
        Ok(saved) => {
            know(KEY, saved.revision);
            (saved, LoadOutcome::Loaded)
        }
        Err(why) => {
            let Some(backup_key) = set_aside(store, KEY, &raw) else {
                // No room for a copy: leave the original where it is and
                // keep it from being overwritten by not saving this session.
                return (Saved::default(), LoadOutcome::Unavailable);
            };
            // The settings (the language) are kept when they can be read:
            // what broke the start was the plan.
            let saved = Saved {
                settings: decode(&raw).map(|s| s.settings).unwrap_or_default(),
                ..Saved::default()
            };
            (saved, LoadOutcome::Recovered { backup_key, why })
        }
    }
}

/// The saved deal list, or an empty one and what to tell the user when it
/// could not be read (it is then kept as a backup).
fn load_pipeline(
    store: &web_sys::Storage,
    key: &str,
    last_start_failed: bool,
) -> (PipelineInput, Option<LoadOutcome>) {
    let Ok(Some(raw)) = store.get_item(key) else {
        return (PipelineInput::default(), None);
    };
    let decoded = if last_start_failed {
        Err(DecodeError::StartFailed)
    } else {
        decode_saved_pipeline(&raw)
    };
    match decoded {
        Ok(p) => {
            know(key, p.revision);
            (p.pipeline, None)
        }
        Err(why) => match set_aside(store, key, &raw) {
            Some(backup_key) => (
                PipelineInput::default(),
                Some(LoadOutcome::Recovered { backup_key, why }),
            ),
            None => (PipelineInput::default(), Some(LoadOutcome::Unavailable)),
        },
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

/// Writes the state (nothing, once [`freeze`] was called), unless another
/// tab wrote it since this tab last read or wrote it: then
/// [`StorageError::Newer`], and [`read_current`] has the newer state.
pub fn save(saved: &Saved) -> Result<(), StorageError> {
    if FROZEN.with(std::cell::Cell::get) {
        return Ok(());
    }
    let Some(store) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return Err(StorageError::Unavailable);
    };
    write_checked(&store, KEY, &encode(saved))
}

/// Writes a scenario's deal list (nothing, once [`freeze`] was called),
/// checked as [`save`] is.
pub fn save_pipeline(id: ScenarioId, pipeline: &PipelineInput) -> Result<(), StorageError> {
    if FROZEN.with(std::cell::Cell::get) {
        return Ok(());
    }
    let Some(store) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return Err(StorageError::Unavailable);
    };
    write_checked(&store, &pipeline_key(id), &encode_pipeline(pipeline))
}

/// Reads the deal list after another tab wrote it (the `storage` event
/// for that scenario's key); this tab now knows that revision.
pub fn decode_pipeline_from_other_tab(
    id: ScenarioId,
    raw: Option<String>,
) -> Option<PipelineInput> {
    let saved = decode_saved_pipeline(&raw?).ok()?;
    know(&pipeline_key(id), saved.revision);
    Some(saved.pipeline)
}

/// What is saved now, every key, after a write found that another tab had
/// written first; this tab then knows those revisions. The second part
/// lists the scenarios whose deals could not be read (keep this tab's).
/// `None` when the state itself cannot be read.
pub fn read_current() -> Option<(Saved, Vec<ScenarioId>)> {
    let store = storage()?;
    let raw = store.get_item(KEY).ok()??;
    // Known even when unreadable, so the next write is not refused again.
    let stored_revision = match stored(Some(&raw)) {
        Stored::At { revision, .. } => revision,
        _ => known(KEY),
    };
    know(KEY, stored_revision);
    let mut saved = decode(&raw).ok()?;
    let mut ids: Vec<ScenarioId> = saved.scenarios.iter().map(|s| s.id).collect();
    if !ids.contains(&saved.active) {
        ids.push(saved.active);
    }
    let mut unreadable = Vec::new();
    for id in ids {
        let key = pipeline_key(id);
        let pipeline = match store.get_item(&key) {
            Ok(None) => PipelineInput::default(),
            Ok(Some(raw)) => match decode_saved_pipeline(&raw) {
                Ok(p) => {
                    know(&key, p.revision);
                    p.pipeline
                }
                Err(_) => {
                    unreadable.push(id);
                    continue;
                }
            },
            Err(_) => {
                unreadable.push(id);
                continue;
            }
        };
        if id == saved.active {
            saved.pipeline = pipeline;
        } else {
            saved.other_pipelines.push((id, pipeline));
        }
    }
    Some((saved, unreadable))
}

/// A backup's text as a `data:` link, so the user can keep it as a file.
/// When a failed start set deal lists aside with it (`{key}.{deal key}`),
/// the file holds them all: a JSON object from each backup key to the text
/// kept under it, byte for byte.
pub fn backup_link(key: &str) -> Option<String> {
    let store = storage()?;
    let raw = store.get_item(key).ok().flatten()?;
    let prefix = format!("{key}.");
    let n = store.length().unwrap_or(0);
    let mut with: Vec<(String, String)> = (0..n)
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| {
            k.strip_prefix(&prefix)
                .is_some_and(|deals| scenario_of_pipeline_key(deals).is_some())
        })
        .filter_map(|k| Some((k.clone(), store.get_item(&k).ok().flatten()?)))
        .collect();
    let raw = if with.is_empty() {
        raw
    } else {
        with.sort();
        with.insert(0, (key.to_string(), raw));
        let members: Vec<String> = with
            .iter()
            .map(|(k, v)| format!("{}:{}", json::to_string(k), json::to_string(v)))
            .collect();
        format!("{{{}}}", members.join(","))
    };
    let encoded: String = js_sys::encode_uri_component(&raw).into();
    Some(format!("data:application/json;charset=utf-8,{encoded}"))
}

/// The version of the app that wrote `raw`, when it is newer than this one
/// (another tab runs a newer version): this tab cannot take that save, and
/// must not write over it.
pub fn newer_version(raw: Option<&str>) -> Option<u32> {
    match stored(raw) {
        Stored::NewerVersion(v) => Some(v),
        _ => None,
    }
}

/// Reads the saved state after another tab wrote it (the `storage` event);
/// this tab now knows that revision.
pub fn decode_from_other_tab(raw: Option<String>) -> Option<Saved> {
    let saved = decode(&raw?).ok()?;
    know(KEY, saved.revision);
    Some(saved)
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

    /// States covering every kind of saved field: each preset in both rate
    /// modes (exact ratios), every period and target, both languages and
    /// none, and text that needs escaping.
    fn varied_states() -> Vec<Saved> {
        use crate::domain::time::PeriodKind;
        use crate::model::TargetBy;
        let mut states = vec![Saved::default()];
        for (i, preset) in PresetId::ALL.into_iter().enumerate() {
            for mode in [RateMode::WinRate, RateMode::Conversion] {
                let mut saved = Saved::default();
                saved.plan.apply_preset(preset);
                let _ = saved.plan.switch_mode(mode);
                saved.plan.period = PeriodKind::ALL[i % PeriodKind::ALL.len()];
                saved.plan.target_by = TargetBy::Deals;
                saved.settings.lang = [None, Some(Lang::En), Some(Lang::Zh)][i % 3];
                saved.settings.show_working = i % 2 == 0;
                states.push(saved);
            }
        }
        let mut odd = Saved::default();
        odd.plan.stages[0].key = None;
        odd.plan.stages[0].name = "\"q\" \\ /\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f} 漏斗 😀".into();
        odd.plan.stages[1].notes = Some(crate::model::StageNotes::from_texts([
            "line 1\nline 2\u{0}",
            "签约",
            "",
            "call \"them\"",
        ]));
        odd.plan.today = "2026-12-11".into();
        odd.plan.preset = None;
        states.push(odd);
        states
    }

    #[test]
    fn writes_exactly_what_serde_json_writes() {
        for mut saved in varied_states() {
            saved.version = VERSION;
            assert_eq!(encode(&saved), serde_json::to_string(&saved).unwrap());
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let expected = |text: &str| {
            let mut s: Saved = serde_json::from_str(text).unwrap();
            s.version = VERSION;
            s.plan.sanitise();
            s
        };
        for mut saved in varied_states() {
            saved.version = VERSION;
            let compact = serde_json::to_string(&saved).unwrap();
            let pretty = serde_json::to_string_pretty(&saved).unwrap();
            assert_eq!(decode(&compact).unwrap(), expected(&compact));
            assert_eq!(decode(&pretty).unwrap(), expected(&pretty));
            assert_eq!(decode(&compact).unwrap(), saved);
        }
        // Nulls for optional fields, unknown fields, escapes, ids as written.
        let text = r#"{"version":1,"settings":{"lang":null,"extra":[1,{"a":null}]},
            "plan":{"preset":null,"stages":[{"id":7,"key":null,"name":"A\u00e9\"","rate":"20",
            "exact":null,"dwell":"3","notes":""},{"id":9,"key":"Won","rate":"100","exact":"1/1"}],
            "next_id":10,"mode":"Conversion","period":"Weeks","future":true}}"#;
        assert_eq!(decode(text).unwrap(), expected(text));
    }

    #[test]
    fn too_deep_or_odd_json_is_malformed() {
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert!(matches!(decode(&deep), Err(DecodeError::Malformed(_))));
        assert!(matches!(decode("null"), Err(DecodeError::Malformed(_))));
        assert!(matches!(decode("\"x\""), Err(DecodeError::Malformed(_))));
        assert!(matches!(decode(""), Err(DecodeError::Malformed(_))));
        assert!(matches!(
            decode(r#"{"version":-1}"#),
            Err(DecodeError::Shape(_))
        ));
        assert!(matches!(
            decode(r#"{"version":1.5}"#),
            Err(DecodeError::Shape(_))
        ));
        assert!(matches!(
            decode(r#"{"version":null}"#),
            Err(DecodeError::Shape(_))
        ));
        assert!(matches!(
            decode(r#"{"plan":{"next_id":-3}}"#),
            Err(DecodeError::Shape(_))
        ));
        assert!(matches!(
            decode(r#"{"plan":{"mode":"Sideways"}}"#),
            Err(DecodeError::Shape(_))
        ));
        assert!(matches!(
            decode(r#"{"plan":{"mode":{"WinRate":null}}}"#),
            Err(DecodeError::Shape(_))
        ));
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
