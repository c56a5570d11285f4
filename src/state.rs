//! The reactive layer: the inputs as signals, the results as a memo of the
//! pure model, and the one effect that saves.
//!
//! Components get an [`AppState`] from context and read it through its small
//! typed methods; they never compute funnel math themselves.

use crate::domain::RateMode;
use crate::i18n::{self, Lang, K};
use crate::model::{Evaluation, PlanInput, StageId};
use crate::storage::{self, LoadOutcome, Saved, Settings};
use chrono::NaiveDate;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// How saving stands, for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Saved, or nothing to save yet.
    Saved,
    /// Storage is blocked or absent: nothing will be saved.
    Unavailable,
    /// The last write failed.
    Failed,
}

/// Milliseconds of quiet before the state is written.
const SAVE_DELAY_MS: u32 = 400;

/// The app's state, cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct AppState {
    pub plan: RwSignal<PlanInput>,
    pub settings: RwSignal<Settings>,
    /// Everything derived from `plan`, recomputed on every edit.
    pub eval: Memo<Evaluation>,
    pub status: RwSignal<SaveStatus>,
    /// A save that could not be read and was kept under this backup key.
    pub recovered: RwSignal<Option<String>>,
    /// The last rate-mode switch was refused (the funnel had errors).
    pub mode_blocked: RwSignal<bool>,
    /// The inputs before the last preset or stage removal, and what it was.
    pub undo: RwSignal<Option<(PlanInput, K)>>,
    browser_lang: Lang,
    /// The browser clock's date when the app loaded.
    pub browser_today: NaiveDate,
}

/// Today's date on the browser's clock, in the user's time zone.
fn browser_today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

fn browser_lang() -> Lang {
    let nav = web_sys::window().map(|w| w.navigator());
    nav.as_ref()
        .and_then(|n| n.languages().get(0).as_string())
        .or_else(|| nav.and_then(|n| n.language()))
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

impl AppState {
    /// State loaded from storage, with saving wired up.
    pub fn load() -> AppState {
        let (saved, outcome) = storage::load();
        let browser_lang = browser_lang();
        let mut plan = saved.plan;
        if outcome != LoadOutcome::Loaded {
            plan.currency = saved
                .settings
                .lang
                .unwrap_or(browser_lang)
                .default_currency()
                .into();
        }
        let plan = RwSignal::new(plan);
        let today = browser_today();
        let state = AppState {
            plan,
            settings: RwSignal::new(saved.settings),
            eval: Memo::new(move |_| plan.with(|p| p.evaluate(today))),
            status: RwSignal::new(match outcome {
                LoadOutcome::Unavailable => SaveStatus::Unavailable,
                _ => SaveStatus::Saved,
            }),
            recovered: RwSignal::new(match &outcome {
                LoadOutcome::Recovered { backup_key, .. } => Some(backup_key.clone()),
                _ => None,
            }),
            mode_blocked: RwSignal::new(false),
            undo: RwSignal::new(None),
            browser_lang,
            browser_today: today,
        };
        state.persist(outcome != LoadOutcome::Unavailable);
        state
    }

    /// Debounced saving, a flush on `pagehide`, and updates from other tabs.
    fn persist(self, can_save: bool) {
        if !can_save {
            return;
        }
        let pending = StoredValue::new_local(None::<Timeout>);
        // `try_`: a timer may outlive an unmounted app (in tests).
        let snapshot = move || {
            Some(Saved {
                version: storage::VERSION,
                settings: self.settings.try_get_untracked()?,
                plan: self.plan.try_get_untracked()?,
            })
        };
        let write = move || {
            let Some(saved) = snapshot() else { return };
            let status = match storage::save(&saved) {
                Ok(()) => SaveStatus::Saved,
                Err(storage::StorageError::Unavailable) => SaveStatus::Unavailable,
                Err(storage::StorageError::WriteFailed(_)) => SaveStatus::Failed,
            };
            self.status.try_set(status);
        };
        Effect::new(move |first: Option<()>| {
            self.plan.track();
            self.settings.track();
            if first.is_some() {
                // Replacing the timeout drops (cancels) the previous one.
                pending.set_value(Some(Timeout::new(SAVE_DELAY_MS, move || {
                    // Done: a later `pagehide` has nothing left to flush.
                    pending.try_set_value(None);
                    write();
                })));
            }
        });
        let flush = move || {
            if pending.try_update_value(Option::take).flatten().is_some() {
                write();
            }
        };
        let _ = window_event_listener(leptos::ev::pagehide, move |_| flush());
        let _ = window_event_listener(leptos::ev::storage, move |e| {
            if e.key().as_deref() == Some(storage::KEY) {
                if let Some(saved) = storage::decode_from_other_tab(e.new_value()) {
                    if saved.plan != self.plan.get_untracked() {
                        self.plan.set(saved.plan);
                    }
                    if saved.settings != self.settings.get_untracked() {
                        self.settings.set(saved.settings);
                    }
                }
            }
        });
    }

    /// The interface language (reactive).
    pub fn lang(&self) -> Lang {
        self.settings.with(|s| s.lang).unwrap_or(self.browser_lang)
    }

    /// A fixed string in the current language (reactive).
    pub fn tr(&self, key: K) -> &'static str {
        i18n::t(self.lang(), key)
    }

    pub fn set_lang(&self, lang: Lang) {
        self.settings.update(|s| s.lang = Some(lang));
    }

    pub fn show_working(&self) -> bool {
        self.settings.with(|s| s.show_working)
    }

    /// Every stage's id and name in the current language, in order (reactive).
    pub fn stage_names(&self) -> Vec<(StageId, String)> {
        let lang = self.lang();
        self.plan.with(|p| {
            p.stages
                .iter()
                .map(|s| (s.id, i18n::stage_display_name(lang, s)))
                .collect()
        })
    }

    /// Changes the inputs; results follow through the memo. Any edit ends
    /// the chance to undo an earlier preset or removal.
    pub fn edit(&self, f: impl FnOnce(&mut PlanInput)) {
        if self.undo.with_untracked(Option::is_some) {
            self.undo.set(None);
        }
        self.plan.update(f);
    }

    /// An edit that throws work away (a preset over the stages, a removed
    /// stage): it can be undone until the next edit. `what` names it.
    pub fn edit_undoable(&self, what: K, f: impl FnOnce(&mut PlanInput)) {
        let before = self.plan.get_untracked();
        self.plan.update(f);
        self.undo.set(Some((before, what)));
    }

    /// Restores the inputs from before the last undoable edit.
    pub fn undo(&self) {
        if let Some((before, _)) = self.undo.get_untracked() {
            self.undo.set(None);
            self.plan.set(before);
        }
    }

    /// The current rate mode (reactive).
    pub fn mode(&self) -> RateMode {
        self.plan.with(|p| p.mode)
    }

    /// Switches the rate mode, or marks the switch as refused.
    pub fn switch_mode(&self, mode: RateMode) {
        let mut ok = true;
        self.plan.update(|p| ok = p.switch_mode(mode).is_ok());
        self.mode_blocked.set(!ok);
    }
}

/// Puts a loaded [`AppState`] into context for the components below.
pub fn provide_app_state() -> AppState {
    let state = AppState::load();
    provide_context(state);
    state
}

/// The [`AppState`] from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
