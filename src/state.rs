//! The reactive layer: the inputs as signals, the results as a memo of the
//! pure model, and the one effect that saves.
//!
//! Components get an [`AppState`] from context and read it through its small
//! typed methods; they never compute funnel math themselves.

use crate::domain::RateMode;
use crate::history::{Edit, History};
use crate::i18n::{self, Lang, K};
use crate::model::{Evaluation, PlanInput, StageId};
use crate::storage::{self, DecodeError, LoadOutcome, Saved, Settings};
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
    /// A save that could not be used, the backup key it was kept under, and why.
    pub recovered: RwSignal<Option<(String, DecodeError)>>,
    /// The last rate-mode switch was refused (the funnel had errors).
    pub mode_blocked: RwSignal<bool>,
    /// Undo and redo steps (not reactive; `steps` says what they hold).
    history: StoredValue<History<PlanInput>>,
    /// The next edit to undo and to redo, for the toolbar (reactive).
    pub steps: RwSignal<(Option<Edit>, Option<Edit>)>,
    /// What the last edit that threw work away did, until the next edit.
    pub notice: RwSignal<Option<K>>,
    browser_lang: Lang,
    /// The browser clock's date, re-read when the page shows again and at
    /// local midnight, so a tab left open over a workshop keeps up.
    pub browser_today: RwSignal<NaiveDate>,
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

/// Milliseconds from now to the next local midnight (at least one second,
/// so a clock that is a hair early never spins).
fn ms_to_midnight() -> u32 {
    let now = js_sys::Date::new_0();
    let next = js_sys::Date::new_with_year_month_day(
        now.get_full_year(),
        now.get_month() as i32,
        now.get_date() as i32 + 1,
    );
    let ms = next.get_time() - now.get_time();
    if ms.is_finite() {
        ms.clamp(1_000.0, 90_000_000.0) as u32
    } else {
        60_000
    }
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
    /// State loaded from storage, with saving wired up. `last_start_failed`
    /// sets the save aside instead of loading it (see [`storage::load`]).
    pub fn load(last_start_failed: bool) -> AppState {
        let (saved, outcome) = storage::load(last_start_failed);
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
        let today = RwSignal::new(browser_today());
        let state = AppState {
            plan,
            settings: RwSignal::new(saved.settings),
            eval: Memo::new(move |_| {
                let today = today.get();
                plan.with(|p| p.evaluate(today))
            }),
            status: RwSignal::new(match outcome {
                LoadOutcome::Unavailable => SaveStatus::Unavailable,
                _ => SaveStatus::Saved,
            }),
            recovered: RwSignal::new(match &outcome {
                LoadOutcome::Recovered { backup_key, why } => {
                    Some((backup_key.clone(), why.clone()))
                }
                _ => None,
            }),
            mode_blocked: RwSignal::new(false),
            history: StoredValue::new(History::default()),
            steps: RwSignal::new((None, None)),
            notice: RwSignal::new(None),
            browser_lang,
            browser_today: today,
        };
        state.persist(outcome != LoadOutcome::Unavailable);
        state.follow_the_clock();
        state
    }

    /// Re-reads the browser's date when the page becomes visible again and
    /// at every local midnight; a typed "Today" still wins in the model.
    fn follow_the_clock(self) {
        let refresh = move || {
            let now = browser_today();
            if self.browser_today.try_get_untracked() != Some(now) {
                self.browser_today.try_set(now);
            }
        };
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| refresh());
        let _ = window_event_listener(leptos::ev::focus, move |_| refresh());
        let timer = StoredValue::new_local(None::<Timeout>);
        fn arm(
            timer: StoredValue<Option<Timeout>, LocalStorage>,
            refresh: impl Fn() + Copy + 'static,
        ) {
            let t = Timeout::new(ms_to_midnight(), move || {
                refresh();
                arm(timer, refresh);
            });
            timer.try_set_value(Some(t));
        }
        arm(timer, refresh);
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
                        let before = self.plan.get_untracked();
                        self.history
                            .update_value(|h| h.record(before, Edit::OtherTab));
                        self.plan.set(saved.plan);
                        self.sync_steps();
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
                .enumerate()
                .map(|(i, s)| (s.id, i18n::stage_display_name(lang, s, i)))
                .collect()
        })
    }

    /// A stage's name for the description of the next undo (`back`) or redo
    /// step: from the inputs now, or from the state the step brings back
    /// (a removed stage is only there).
    pub fn step_stage_name(&self, id: StageId, back: bool) -> Option<String> {
        let lang = self.lang();
        let name_in = |p: &PlanInput| {
            let i = p.index_of(id)?;
            Some(i18n::stage_display_name(lang, p.stages.get(i)?, i))
        };
        self.plan.with(name_in).or_else(|| {
            self.history.with_value(|h| {
                let state = if back {
                    h.next_undo_state()
                } else {
                    h.next_redo_state()
                };
                state.and_then(name_in)
            })
        })
    }

    /// Changes the inputs as `edit` describes; results follow through the
    /// memo, and the step can be undone. An edit that changes nothing
    /// leaves no step.
    pub fn edit(&self, edit: Edit, f: impl FnOnce(&mut PlanInput)) {
        let before = self.plan.get_untracked();
        let mut after = before.clone();
        f(&mut after);
        if after == before {
            return;
        }
        self.history.update_value(|h| h.record(before, edit));
        self.plan.set(after);
        self.notice.set(match edit {
            Edit::Preset => Some(K::PresetApplied),
            Edit::RemoveStage(_) => Some(K::StageRemoved),
            Edit::Reset => Some(K::ResetDone),
            _ => None,
        });
        self.sync_steps();
    }

    /// Ends the typing step of the field being left, so typing there again
    /// is a step of its own.
    pub fn seal(&self) {
        self.history.update_value(History::seal);
    }

    fn sync_steps(&self) {
        let steps = self.history.with_value(|h| (h.next_undo(), h.next_redo()));
        if self.steps.get_untracked() != steps {
            self.steps.set(steps);
        }
    }

    /// Goes back one step; returns what was undone, so focus can go there.
    pub fn undo(&self) -> Option<Edit> {
        self.step(true)
    }

    /// Goes forward one step; returns what was redone.
    pub fn redo(&self) -> Option<Edit> {
        self.step(false)
    }

    fn step(&self, back: bool) -> Option<Edit> {
        let current = self.plan.get_untracked();
        let (state, edit) = self
            .history
            .try_update_value(|h| {
                if back {
                    h.undo(current)
                } else {
                    h.redo(current)
                }
            })
            .flatten()?;
        self.plan.set(state);
        self.notice.set(None);
        self.mode_blocked.set(false);
        self.sync_steps();
        Some(edit)
    }

    /// Everything back to the defaults (an undoable step); the currency
    /// follows the language, as on a first visit.
    pub fn reset(&self) {
        let currency = self.lang().default_currency();
        self.edit(Edit::Reset, |p| {
            *p = PlanInput::default();
            p.currency = currency.into();
        });
    }

    /// The current rate mode (reactive).
    pub fn mode(&self) -> RateMode {
        self.plan.with(|p| p.mode)
    }

    /// Switches the rate mode, or marks the switch as refused.
    pub fn switch_mode(&self, mode: RateMode) {
        let mut ok = true;
        self.edit(Edit::Choice(crate::history::Control::RateMode), |p| {
            ok = p.switch_mode(mode).is_ok()
        });
        self.mode_blocked.set(!ok);
    }
}

/// Puts a loaded [`AppState`] into context for the components below.
pub fn provide_app_state(last_start_failed: bool) -> AppState {
    let state = AppState::load(last_start_failed);
    provide_context(state);
    state
}

/// The [`AppState`] from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
