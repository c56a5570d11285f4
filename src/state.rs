//! The reactive layer: the inputs as signals, the results as a memo of the
//! pure model, and the one effect that saves.
//!
//! Components get an [`AppState`] from context and read it through its small
//! typed methods; they never compute funnel math themselves.

use crate::domain::RateMode;
use crate::history::{Edit, History, Screen};
use crate::i18n::{self, Lang, K};
use crate::model::{Evaluation, PlanInput, StageId};
use crate::pipeline::PipelineInput;
use crate::scenario::{ScenarioId, Scenarios};
use crate::storage::{self, DecodeError, LoadOutcome, Saved, Settings};
use chrono::NaiveDate;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use std::sync::Arc;

/// How saving stands, for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Saved, or nothing to save yet.
    Saved,
    /// Storage is blocked or absent: nothing will be saved.
    Unavailable,
    /// The last write failed.
    Failed,
    /// The deal list could not be written (too large for the browser's
    /// storage): it is kept in memory while the tab is open.
    DealsNotSaved,
    /// A newer version of the app (in another tab) saved there: this tab
    /// cannot save over it.
    NewerVersion,
}

/// A key whose last write did not land, until a write of it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsaved {
    /// The scenarios and plans (`storage::KEY`).
    Plan,
    /// A scenario's deal list.
    Deals(ScenarioId),
}

/// The status for the keys not saved, each with the newer version of the
/// app that holds it (`None`: the write failed, e.g. the storage is full).
/// The worst shows: a newer version's save, then the plan (whose message
/// covers everything), then deals.
pub fn worst_status(failed: &[(Unsaved, Option<u32>)]) -> SaveStatus {
    if failed.iter().any(|(_, v)| v.is_some()) {
        SaveStatus::NewerVersion
    } else if failed.iter().any(|(k, _)| *k == Unsaved::Plan) {
        SaveStatus::Failed
    } else if failed.is_empty() {
        SaveStatus::Saved
    } else {
        SaveStatus::DealsNotSaved
    }
}

/// What one undo step brings back: both screens' inputs. The deal list is
/// shared, so a step that did not change it costs nothing more.
#[derive(Clone, Debug, PartialEq)]
struct Snapshot {
    plan: PlanInput,
    pipeline: PipelineInput,
    /// The scenarios and which one is open (the open one's entry may be
    /// stale: `plan` and `pipeline` are its inputs).
    scenarios: Arc<Scenarios>,
}

/// Undo steps kept while they hold this many deals in all: about 30 MB.
const HISTORY_DEALS: usize = 200_000;

/// Milliseconds of quiet before the state is written.
const SAVE_DELAY_MS: u32 = 400;

/// The app's state, cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct AppState {
    pub plan: RwSignal<PlanInput>,
    /// The Pipeline screen's inputs: the deal list and the quick forecast.
    pub pipeline: RwSignal<PipelineInput>,
    pub settings: RwSignal<Settings>,
    /// Everything derived from `plan`, recomputed on every edit.
    pub eval: Memo<Evaluation>,
    pub status: RwSignal<SaveStatus>,
    /// A save that could not be used, the backup key it was kept under, and why.
    pub recovered: RwSignal<Option<(String, DecodeError)>>,
    /// The last rate-mode switch was refused (the funnel had errors).
    pub mode_blocked: RwSignal<bool>,
    /// Undo and redo steps (not reactive; `steps` says what they hold).
    history: StoredValue<History<Snapshot>>,
    /// The next edit to undo and to redo, for the toolbar (reactive).
    pub steps: RwSignal<(Option<Edit>, Option<Edit>)>,
    /// What the last edit that threw work away did, until the next edit.
    pub notice: RwSignal<Option<K>>,
    browser_lang: Lang,
    /// The browser clock's date, re-read when the page shows again and at
    /// local midnight, so a tab left open over a workshop keeps up.
    pub browser_today: RwSignal<NaiveDate>,
    /// A deal that must be shown (after an undo or an add): the deal list
    /// turns to its page, clearing a filter that hides it.
    pub reveal: RwSignal<Option<crate::domain::DealId>>,
    /// What the Pipeline screen shows, from the deals and the plan;
    /// computed only while something on screen reads it.
    pub pipeline_eval: Memo<crate::pipeline::PipelineEval>,
    /// Per deal, in list order: what the list flags on it.
    pub deal_marks: Memo<std::sync::Arc<Vec<crate::pipeline::Marks>>>,
    /// Every scenario and the open one. The open one's inputs are `plan`
    /// and `pipeline`; its entry here is brought up to date when the list
    /// is saved, switched or copied.
    pub scenarios: RwSignal<Arc<Scenarios>>,
    /// Writes what is waiting to be saved, at once (before a switch of
    /// scenario, so no write lands under the wrong one).
    flush: StoredValue<Option<std::rc::Rc<dyn Fn()>>, LocalStorage>,
    /// The stage whose notes are shown (picked in the chart or the notes
    /// card); `None` shows the first stage's.
    pub selected_stage: RwSignal<Option<crate::model::StageId>>,
    /// A shared scenario (a link) on screen, unsaved, with the saved work
    /// it stands in front of.
    pub preview: RwSignal<Option<Preview>>,
    /// Why the last link could not be opened, until dismissed.
    pub link_error: RwSignal<Option<crate::share::OpenError>>,
    /// What was last taken from another tab: the state's text as this tab
    /// would write it, and the open scenario's deals. A write of exactly
    /// that is skipped, so taking never echoes a write back (which could
    /// race the other tab's next write and refuse it).
    taken: StoredValue<Taken>,
    /// The keys whose last write failed (see [`worst_status`]): each is
    /// written again after any later write succeeds, until it lands.
    failed: StoredValue<Vec<(Unsaved, Option<u32>)>>,
    /// What this tab last saved or took, as far as it can be robbed of
    /// work: the state's text (see [`AppState::plan_text`]) and the open
    /// scenario's deals. Work that differs is not saved yet.
    base: StoredValue<Base>,
}

/// What was last saved or taken (see [`AppState`]'s `base`).
type Base = (Option<String>, Option<(ScenarioId, PipelineInput)>);

/// What was last taken from another tab (see [`AppState`]'s `taken`).
type Taken = (Option<String>, Option<(ScenarioId, PipelineInput)>);

/// A shared scenario shown in front of the saved work: nothing is saved
/// while it is open; "Save as new scenario" keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// The name it came with (may be empty).
    pub name: String,
    saved_plan: PlanInput,
    saved_pipeline: PipelineInput,
    /// Undo steps before it opened: those after are dropped when it closes.
    history_len: usize,
}

/// Runs `write` a moment after the last change that `track` sees, and
/// returns a flush that writes at once when a write is pending.
fn debounced(
    write: impl Fn() + Copy + 'static,
    track: impl Fn() + 'static,
) -> impl Fn() + Copy + 'static {
    let pending = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |first: Option<()>| {
        track();
        if first.is_some() {
            // Replacing the timeout drops (cancels) the previous one.
            pending.set_value(Some(Timeout::new(SAVE_DELAY_MS, move || {
                // Done: a later `pagehide` has nothing left to flush.
                pending.try_set_value(None);
                write();
            })));
        }
    });
    move || {
        if pending.try_update_value(Option::take).flatten().is_some() {
            write();
        }
    }
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
        let scenarios = saved.scenarios();
        let renumbered = saved.renumbered(&scenarios);
        let (mut plan, pipeline) = scenarios
            .get(scenarios.active())
            .map(|s| (s.plan.clone(), s.pipeline.clone()))
            .unwrap_or_default();
        if outcome != LoadOutcome::Loaded {
            plan.currency = saved
                .settings
                .lang
                .unwrap_or(browser_lang)
                .default_currency()
                .into();
        }
        let plan = RwSignal::new(plan);
        let pipeline = RwSignal::new(pipeline);
        let today = RwSignal::new(browser_today());
        let eval = Memo::new(move |_| {
            let today = today.get();
            plan.with(|p| p.evaluate(today))
        });
        let pipeline_eval = Memo::new(move |_| {
            eval.with(|e| {
                plan.with(|pl| pipeline.with(|pi| crate::pipeline::PipelineEval::of(pl, e, pi)))
            })
        });
        let state = AppState {
            plan,
            pipeline,
            settings: RwSignal::new(saved.settings),
            eval,
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
            reveal: RwSignal::new(None),
            pipeline_eval,
            deal_marks: Memo::new(move |_| pipeline_eval.with(|e| e.marks.clone())),
            scenarios: RwSignal::new(Arc::new(scenarios)),
            flush: StoredValue::new_local(None),
            selected_stage: RwSignal::new(None),
            preview: RwSignal::new(None),
            link_error: RwSignal::new(None),
            taken: StoredValue::new((None, None)),
            failed: StoredValue::new(Vec::new()),
            base: StoredValue::new((None, None)),
        };
        state.note_saved_plan();
        state.note_saved_deals(
            state.scenarios.with_untracked(|s| s.active()),
            &state.pipeline.get_untracked(),
        );
        state.persist(outcome != LoadOutcome::Unavailable);
        if renumbered {
            let all: Vec<ScenarioId> = state
                .scenarios
                .with_untracked(|s| s.list().iter().map(|x| x.id).collect());
            state.save_now(&all);
        }
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
    /// The plan and the deal list are saved under their own keys, each when
    /// it changed, so typing in the Plan never rewrites the deals.
    fn persist(self, can_save: bool) {
        if !can_save {
            return;
        }
        let write_plan = move || {
            if self.previewing() {
                return;
            }
            // `try_`: a timer may outlive an unmounted app (in tests).
            let (Some(settings), Some(scenarios)) =
                (self.settings.try_get_untracked(), self.current_scenarios())
            else {
                return;
            };
            let saved = Saved::of(settings, &scenarios);
            if self.is_taken_state(&saved) {
                return;
            }
            let result = storage::save(&saved);
            if result.is_ok() {
                self.note_saved_plan();
            }
            self.report(result, Unsaved::Plan);
        };
        let write_pipeline = move || {
            if self.previewing() {
                return;
            }
            let Some(id) = self.scenarios.try_with_untracked(|s| s.active()) else {
                return;
            };
            let taken = self
                .taken
                .try_with_value(|t| t.1.clone())
                .flatten()
                .filter(|(i, _)| *i == id);
            if let Some((_, p)) = taken {
                if self.pipeline.try_with_untracked(|now| *now == p) == Some(true) {
                    return;
                }
            }
            let Some(p) = self.pipeline.try_get_untracked() else {
                return;
            };
            let result = storage::save_pipeline(id, &p);
            if result.is_ok() {
                self.note_saved_deals(id, &p);
            }
            self.report(result, Unsaved::Deals(id));
        };
        let plan_flush = debounced(write_plan, move || {
            self.plan.track();
            self.settings.track();
            self.scenarios.track();
        });
        let pipeline_flush = debounced(write_pipeline, move || self.pipeline.track());
        self.flush.set_value(Some(std::rc::Rc::new(move || {
            plan_flush();
            pipeline_flush();
        })));
        let _ = window_event_listener(leptos::ev::pagehide, move |_| {
            plan_flush();
            pipeline_flush();
        });
        let _ = window_event_listener(leptos::ev::storage, move |e| {
            let key = e.key();
            let target = match key.as_deref() {
                Some(storage::KEY) => Some(Unsaved::Plan),
                k => k
                    .and_then(storage::scenario_of_pipeline_key)
                    .map(Unsaved::Deals),
            };
            if let (Some(target), Some(v)) =
                (target, storage::newer_version(e.new_value().as_deref()))
            {
                // A newer version of the app saved there: say so at once,
                // before an edit here is silently not saved.
                self.report_write(Err(storage::StorageError::NewerVersion(v)), target, false);
                return;
            }
            if key.as_deref() == Some(storage::KEY) {
                if let Some(saved) = storage::decode_from_other_tab(e.new_value()) {
                    // Work typed here and not saved yet is replaced: say so
                    // (Undo brings it back), unless nothing changed.
                    let unsaved = self.plan_unsaved();
                    if self.take_from_other_tab(saved, &[], false) && unsaved {
                        self.notice.set(Some(K::OtherTabNewer));
                    }
                    self.note_saved_plan();
                    // What is shown is what is saved now.
                    self.forget_failure(Unsaved::Plan);
                }
            } else if let Some(id) = key.as_deref().and_then(storage::scenario_of_pipeline_key) {
                if let Some(p) = storage::decode_pipeline_from_other_tab(id, e.new_value()) {
                    self.forget_failure(Unsaved::Deals(id));
                    let open = self.scenarios.with_untracked(|s| s.active()) == id;
                    if open {
                        self.taken.update_value(|t| t.1 = Some((id, p.clone())));
                    }
                    if open && self.previewing() {
                        // A shared scenario is on screen: what it stands in
                        // front of is updated instead.
                        self.preview.update(|pr| {
                            if let Some(pr) = pr {
                                pr.saved_pipeline = p;
                            }
                        });
                    } else if open && p != self.pipeline.get_untracked() {
                        let unsaved = self.deals_unsaved(id);
                        self.record(Edit::OtherTab);
                        self.note_saved_deals(id, &p);
                        self.pipeline.set(p);
                        self.sync_steps();
                        if unsaved {
                            self.notice.set(Some(K::OtherTabNewer));
                        }
                    } else if !open {
                        self.scenarios.update(|s| {
                            let plan = s.get(id).map(|x| x.plan.clone());
                            if let Some(plan) = plan {
                                Arc::make_mut(s).store(id, &plan, &p);
                            }
                        });
                    }
                }
            }
        });
    }

    /// Shows how a write went. What could not be written stays in memory
    /// and the status says so (with Export JSON) until a later write of it
    /// succeeds; a write refused because another tab wrote first takes
    /// that tab's newer state instead. After a write that succeeds, every
    /// key whose write failed is written again.
    fn report(&self, result: Result<(), storage::StorageError>, target: Unsaved) {
        self.report_write(result, target, true);
    }

    /// [`AppState::report`]; `retry`: write the failed keys again after a
    /// success (not while retrying).
    fn report_write(
        &self,
        result: Result<(), storage::StorageError>,
        target: Unsaved,
        retry: bool,
    ) {
        use storage::StorageError as E;
        let failure = match result {
            Err(E::Newer) => {
                self.take_newer();
                return;
            }
            Err(E::Unavailable) => {
                self.status.try_set(SaveStatus::Unavailable);
                return;
            }
            Err(E::WriteFailed(_)) => Some(None),
            Err(E::NewerVersion(v)) => Some(Some(v)),
            Ok(()) => None,
        };
        let Some(failed) = self.failed.try_update_value(|f| {
            f.retain(|(k, _)| *k != target);
            if let Some(v) = failure {
                f.push((target, v));
            }
            f.clone()
        }) else {
            return;
        };
        if failure.is_none() && target == Unsaved::Plan {
            // The state was written: nothing taken is waiting any more.
            self.taken.update_value(|t| t.0 = None);
        }
        self.show_status(&failed);
        if failure.is_none() && retry && !failed.is_empty() {
            self.retry_failed(&failed);
        }
    }

    /// The status for the keys not saved.
    fn show_status(&self, failed: &[(Unsaved, Option<u32>)]) {
        let status = worst_status(failed);
        if self.status.try_get_untracked() != Some(status.clone()) {
            self.status.try_set(status);
        }
    }

    /// A key another tab wrote and this tab took: what it shows is saved.
    fn forget_failure(&self, target: Unsaved) {
        if let Some(failed) = self.failed.try_update_value(|f| {
            f.retain(|(k, _)| *k != target);
            f.clone()
        }) {
            self.show_status(&failed);
        }
    }

    /// Writes again what failed to be written (a newer version's save is
    /// never written over); a deleted scenario's deals are forgotten.
    fn retry_failed(&self, failed: &[(Unsaved, Option<u32>)]) {
        if self.previewing() {
            return;
        }
        for &(target, newer) in failed {
            if newer.is_some() {
                continue;
            }
            match target {
                Unsaved::Plan => {
                    let (Some(settings), Some(list)) =
                        (self.settings.try_get_untracked(), self.current_scenarios())
                    else {
                        continue;
                    };
                    let result = storage::save(&Saved::of(settings, &list));
                    if result.is_ok() {
                        self.note_saved_plan();
                    }
                    self.report_write(result, target, false);
                }
                Unsaved::Deals(id) => {
                    let open = self.scenarios.with_untracked(|s| s.active()) == id;
                    let p = if open {
                        self.pipeline.try_get_untracked()
                    } else {
                        self.scenarios
                            .with_untracked(|s| s.get(id).map(|x| x.pipeline.clone()))
                    };
                    let Some(p) = p else {
                        self.forget_failure(target);
                        continue;
                    };
                    let result = storage::save_pipeline(id, &p);
                    if result.is_ok() && open {
                        self.note_saved_deals(id, &p);
                    }
                    self.report_write(result, target, false);
                }
            }
        }
    }

    /// The state's text as saved, the open screen left out (it is this
    /// tab's own and never taken), to tell whether there is unsaved work.
    fn plan_text(&self) -> Option<String> {
        let mut settings = self.settings.try_get_untracked()?;
        settings.screen = Screen::default();
        let list = self.current_scenarios()?;
        Some(storage::encode(&Saved::of(settings, &list)))
    }

    /// What this tab shows of the state is saved (written or taken).
    fn note_saved_plan(&self) {
        let text = self.plan_text();
        self.base.update_value(|b| b.0 = text);
    }

    /// These deals of this scenario are saved (written or taken).
    fn note_saved_deals(&self, id: ScenarioId, p: &PipelineInput) {
        self.base.update_value(|b| b.1 = Some((id, p.clone())));
    }

    /// Whether the plans or scenarios shown differ from what was last saved
    /// or taken (an edit still waiting for its write, or one that failed).
    fn plan_unsaved(&self) -> bool {
        if self.previewing() {
            return false;
        }
        let now = self.plan_text();
        self.base.try_with_value(|b| b.0 != now).unwrap_or(false)
    }

    /// Whether the open scenario's deals differ from what was last saved or
    /// taken of them.
    fn deals_unsaved(&self, id: ScenarioId) -> bool {
        let Some(now) = self.pipeline.try_get_untracked() else {
            return false;
        };
        self.base
            .try_with_value(|b| matches!(&b.1, Some((i, p)) if *i == id && *p != now))
            .unwrap_or(false)
    }

    /// Whether `saved` is what was last taken from another tab (so writing
    /// it would only echo that tab's write).
    fn is_taken_state(&self, saved: &Saved) -> bool {
        self.taken
            .try_with_value(|t| t.0.as_deref() == Some(storage::encode(saved).as_str()))
            .unwrap_or(false)
    }

    /// A write found that another tab saved since this tab last read or
    /// wrote: nothing was written; take everything saved now (as the
    /// `storage` event would have), as an undo step, and say so.
    fn take_newer(&self) {
        let Some((saved, unreadable)) = storage::read_current() else {
            return;
        };
        self.take_from_other_tab(saved, &unreadable, true);
        self.note_saved_plan();
        self.notice.set(Some(K::OtherTabNewer));
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
                state.and_then(|s| name_in(&s.plan))
            })
        })
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            plan: self.plan.get_untracked(),
            pipeline: self.pipeline.get_untracked(),
            scenarios: self.scenarios.get_untracked(),
        }
    }

    /// Records the state before `edit` as an undo step, keeping no more
    /// steps than [`HISTORY_DEALS`] allows for the size of the deal list.
    fn record(&self, edit: Edit) {
        let before = self.snapshot();
        let per_step = before.pipeline.deals.len().max(1);
        let keep = (HISTORY_DEALS / per_step).clamp(10, crate::history::MAX_STEPS);
        self.history.update_value(|h| {
            h.record(before, edit);
            h.keep_at_most(keep);
        });
    }

    /// Changes the Plan's inputs as `edit` describes; results follow through
    /// the memo, and the step can be undone. An edit that changes nothing
    /// leaves no step.
    pub fn edit(&self, edit: Edit, f: impl FnOnce(&mut PlanInput)) {
        let before = self.plan.get_untracked();
        let mut after = before.clone();
        f(&mut after);
        if after == before {
            return;
        }
        self.record(edit);
        self.plan.set(after);
        self.after_edit(edit);
    }

    /// Changes the Pipeline's inputs (the deals, the quick forecast) as
    /// `edit` describes, as one undoable step.
    pub fn edit_pipeline(&self, edit: Edit, f: impl FnOnce(&mut PipelineInput)) {
        let before = self.pipeline.get_untracked();
        let mut after = before.clone();
        f(&mut after);
        if after == before {
            return;
        }
        self.record(edit);
        self.pipeline.set(after);
        self.after_edit(edit);
    }

    /// Changes both screens' inputs as one step (the observed win rates
    /// copied into the plan are read from the deals).
    pub fn edit_both(&self, edit: Edit, f: impl FnOnce(&mut PlanInput, &PipelineInput)) {
        let pipeline = self.pipeline.get_untracked();
        let before = self.plan.get_untracked();
        let mut after = before.clone();
        f(&mut after, &pipeline);
        if after == before {
            return;
        }
        self.record(edit);
        self.plan.set(after);
        self.after_edit(edit);
    }

    fn after_edit(&self, edit: Edit) {
        self.notice.set(match edit {
            Edit::Preset => Some(K::PresetApplied),
            Edit::RemoveStage(_) => Some(K::StageRemoved),
            Edit::Reset => Some(K::ResetDone),
            Edit::DeleteDeal(_) => Some(K::DealDeleted),
            Edit::Import => Some(K::DealsImported),
            Edit::ObservedRates => Some(K::ObservedRatesUsed),
            Edit::DeleteScenario(_) => Some(K::ScenarioDeleted),
            Edit::AddScenario(_) => Some(K::ScenarioAdded),
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
        // A shared scenario's undo steps end where it was opened.
        if let Some(p) = self.preview.get_untracked() {
            if back && self.history.with_value(History::undo_len) <= p.history_len {
                return None;
            }
        }
        let current = self.snapshot();
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
        if self.plan.with_untracked(|p| *p != state.plan) {
            self.plan.set(state.plan);
        }
        if self.pipeline.with_untracked(|p| *p != state.pipeline) {
            self.pipeline.set(state.pipeline);
        }
        if !Arc::ptr_eq(&self.scenarios.get_untracked(), &state.scenarios) {
            self.scenarios.set(state.scenarios);
        }
        // The change shows where it was made.
        if let Some(screen) = edit.screen() {
            self.show(screen);
        }
        self.notice.set(None);
        self.mode_blocked.set(false);
        self.sync_steps();
        Some(edit)
    }

    /// The open screen (reactive).
    pub fn screen(&self) -> Screen {
        self.settings.with(|s| s.screen)
    }

    /// Opens a screen, and notes it in the address (`#pipeline`) so a
    /// reload or a shared link opens it again.
    pub fn show(&self, screen: Screen) {
        if self.settings.with_untracked(|s| s.screen) != screen {
            self.settings.update(|s| s.screen = screen);
        }
        let hash = crate::components::tabs::screen_hash(screen);
        if let Some(w) = web_sys::window() {
            if w.location().hash().ok().as_deref() != Some(hash) {
                if let Ok(h) = w.history() {
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
                }
            }
        }
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

/// Scenarios: the picker's list, switching, and the edits that add,
/// rename or delete one (each an undoable step, saved at once).
impl AppState {
    /// The scenarios with the open one's entry up to date.
    fn current_scenarios(&self) -> Option<Scenarios> {
        let mut s = (*self.scenarios.try_get_untracked()?).clone();
        let plan = self.plan.try_get_untracked()?;
        let pipeline = self.pipeline.try_get_untracked()?;
        s.store(s.active(), &plan, &pipeline);
        Some(s)
    }

    /// Another tab saved the scenarios: take their list and plans, staying
    /// on this tab's open scenario (and screen) while it still exists. With
    /// `deals`, the deal lists in `saved` are taken too (all but those in
    /// `unreadable`); without, they come with their own keys (and events).
    /// While a shared scenario is on screen, what it stands in front of is
    /// updated, not the screen.
    ///
    /// Returns whether what this tab shows changed (an undo step).
    fn take_from_other_tab(&self, saved: Saved, unreadable: &[ScenarioId], deals: bool) -> bool {
        let mut theirs = saved.scenarios();
        let ours = self.scenarios.get_untracked();
        let preview = self.preview.get_untracked();
        let (our_plan, our_pipeline) = match &preview {
            Some(p) => (p.saved_plan.clone(), p.saved_pipeline.clone()),
            None => (self.plan.get_untracked(), self.pipeline.get_untracked()),
        };
        let ids: Vec<ScenarioId> = theirs.list().iter().map(|s| s.id).collect();
        for id in ids {
            if deals && !unreadable.contains(&id) {
                continue;
            }
            let pipeline = if id == ours.active() {
                Some(our_pipeline.clone())
            } else {
                ours.get(id).map(|s| s.pipeline.clone())
            };
            if let (Some(p), Some(plan)) = (pipeline, theirs.get(id).map(|s| s.plan.clone())) {
                theirs.store(id, &plan, &p);
            }
        }
        theirs.open(ours.active());
        let plan = theirs.get(theirs.active()).map(|s| s.plan.clone());
        let pipeline = theirs.get(theirs.active()).map(|s| s.pipeline.clone());
        let mut mine = (*ours).clone();
        mine.store(mine.active(), &our_plan, &our_pipeline);
        let mut settings = saved.settings;
        settings.screen = self.settings.with_untracked(|s| s.screen);
        let changed = mine != theirs && preview.is_none();
        if mine != theirs {
            if let Some(mut pr) = preview {
                if let Some(plan) = plan {
                    pr.saved_plan = plan;
                }
                if let Some(p) = pipeline {
                    pr.saved_pipeline = p;
                }
                self.preview.set(Some(pr));
            } else {
                self.record(Edit::OtherTab);
                if let Some(plan) = plan {
                    if plan != self.plan.get_untracked() {
                        self.plan.set(plan);
                    }
                }
                if let Some(p) = pipeline {
                    if p != self.pipeline.get_untracked() {
                        self.pipeline.set(p);
                    }
                }
            }
            self.scenarios.set(Arc::new(theirs));
            self.sync_steps();
        }
        if settings != self.settings.get_untracked() {
            self.settings.set(settings.clone());
        }
        // What this tab would write now is what it took: not written back.
        let mut list = (*self.scenarios.get_untracked()).clone();
        let open = list.active();
        match self.preview.get_untracked() {
            Some(p) => list.store(open, &p.saved_plan, &p.saved_pipeline),
            None => list.store(
                open,
                &self.plan.get_untracked(),
                &self.pipeline.get_untracked(),
            ),
        }
        let text = Some(storage::encode(&Saved::of(settings, &list)));
        let deals_taken =
            (deals && !unreadable.contains(&open)).then(|| (open, self.pipeline.get_untracked()));
        if let Some((id, p)) = &deals_taken {
            self.note_saved_deals(*id, p);
        }
        self.taken.update_value(|t| {
            t.0 = text;
            if deals_taken.is_some() {
                t.1 = deals_taken;
            }
        });
        changed
    }

    /// The open scenario's id (reactive).
    pub fn active_scenario(&self) -> ScenarioId {
        self.scenarios.with(|s| s.active())
    }

    /// Every scenario's id and the name to show, in order (reactive).
    pub fn scenario_list(&self) -> Vec<(ScenarioId, String)> {
        let lang = self.lang();
        self.scenarios.with(|s| {
            s.list()
                .iter()
                .map(|sc| (sc.id, display_name(lang, &sc.name, sc.id)))
                .collect()
        })
    }

    /// A scenario's name as shown (reactive).
    pub fn scenario_name(&self, id: ScenarioId) -> Option<String> {
        self.scenario_list()
            .into_iter()
            .find(|(i, _)| *i == id)
            .map(|(_, n)| n)
    }

    /// A scenario's inputs (reactive): the open one's from the screen.
    pub fn scenario_inputs(&self, id: ScenarioId) -> Option<(PlanInput, PipelineInput)> {
        if self.active_scenario() == id {
            return Some((self.plan.get(), self.pipeline.get()));
        }
        self.scenarios
            .with(|s| s.get(id).map(|x| (x.plan.clone(), x.pipeline.clone())))
    }

    /// A stage's four notes as shown, in the current language (reactive).
    pub fn stage_notes(&self, id: crate::model::StageId) -> crate::model::StageNotes {
        let lang = self.lang();
        self.plan.with(|p| {
            p.stage(id)
                .map(|s| crate::i18n::workshop::stage_notes(lang, s))
                .unwrap_or_default()
        })
    }

    /// Edits one of a stage's notes (the others keep what they show).
    pub fn set_note(&self, id: crate::model::StageId, kind: crate::model::NoteKind, text: &str) {
        let lang = self.lang_untracked();
        self.edit(Edit::Typing(crate::history::Control::Note(id, kind)), |p| {
            if let Some(s) = p.stages.iter_mut().find(|s| s.id == id) {
                let mut notes = crate::i18n::workshop::stage_notes(lang, s);
                notes.set(kind, text);
                s.notes = Some(notes);
            }
        });
    }

    /// A shared scenario is on screen, unsaved.
    pub fn previewing(&self) -> bool {
        self.preview
            .try_with_untracked(Option::is_some)
            .unwrap_or(false)
    }

    /// Shows a shared scenario at once, in front of the saved work, which
    /// stays saved and untouched; another link replaces the one shown.
    pub fn show_shared(&self, shared: crate::scenario_file::SharedScenario) {
        self.link_error.set(None);
        let mut pipeline = PipelineInput {
            deals: Arc::new(shared.deals),
            ..PipelineInput::default()
        };
        pipeline.sanitise();
        match self.preview.get_untracked() {
            Some(p) => {
                self.history.update_value(|h| h.truncate(p.history_len));
                self.preview.set(Some(Preview {
                    name: shared.name,
                    ..p
                }));
            }
            None => {
                self.flush_now();
                self.preview.set(Some(Preview {
                    name: shared.name,
                    saved_plan: self.plan.get_untracked(),
                    saved_pipeline: self.pipeline.get_untracked(),
                    history_len: self.history.with_value(History::undo_len),
                }));
            }
        }
        self.plan.set(shared.plan);
        self.pipeline.set(pipeline);
        self.notice.set(None);
        self.sync_steps();
    }

    /// Puts the saved work back on screen; the shared scenario and what was
    /// done to it are dropped. Returns the shared scenario as it was last.
    pub fn leave_shared(&self) -> Option<(String, PlanInput, PipelineInput)> {
        let p = self.preview.try_get_untracked().flatten()?;
        let shown = (
            p.name.clone(),
            self.plan.get_untracked(),
            self.pipeline.get_untracked(),
        );
        self.history.update_value(|h| h.truncate(p.history_len));
        self.plan.set(p.saved_plan);
        self.pipeline.set(p.saved_pipeline);
        self.preview.set(None);
        self.sync_steps();
        // The link's fragment goes: a reload opens the saved work.
        self.show(self.settings.with_untracked(|s| s.screen));
        Some(shown)
    }

    /// "Save as new scenario": the shared scenario, as it is on screen,
    /// becomes a scenario of its own (saved at once) and stays open.
    pub fn keep_shared(&self) -> Option<ScenarioId> {
        // A full list keeps the shared scenario on screen and says why.
        if self.scenarios.with_untracked(|s| s.list().len()) >= crate::scenario::MAX_SCENARIOS {
            self.notice.set(Some(K::ScenariosFull));
            return None;
        }
        let (name, plan, pipeline) = self.leave_shared()?;
        let name = if name.trim().is_empty() {
            crate::i18n::workshop::w(
                self.lang_untracked(),
                crate::i18n::workshop::W::SharedScenario,
            )
            .to_string()
        } else {
            name
        };
        self.add_scenario(&name, plan, pipeline)
    }

    /// Opens a scenario (not an undo step of its own).
    pub fn open_scenario(&self, id: ScenarioId) {
        self.leave_shared();
        if self
            .scenarios
            .with_untracked(|s| s.active() == id || s.get(id).is_none())
        {
            return;
        }
        self.flush_now();
        let Some(mut list) = self.current_scenarios() else {
            return;
        };
        list.open(id);
        self.switch_to(list);
    }

    /// Puts a changed list on screen: its open scenario's inputs into the
    /// screen's signals.
    fn switch_to(&self, list: Scenarios) {
        if let Some(sc) = list.get(list.active()) {
            if self.plan.with_untracked(|p| *p != sc.plan) {
                self.plan.set(sc.plan.clone());
            }
            if self.pipeline.with_untracked(|p| *p != sc.pipeline) {
                self.pipeline.set(sc.pipeline.clone());
            }
        }
        self.scenarios.set(Arc::new(list));
        self.mode_blocked.set(false);
    }

    /// Adds a scenario with these inputs after the open one and opens it,
    /// as one undo step, saved at once. `None` when the list is full.
    pub fn add_scenario(
        &self,
        name: &str,
        plan: PlanInput,
        pipeline: PipelineInput,
    ) -> Option<ScenarioId> {
        self.add_scenarios(vec![(name.to_string(), plan, pipeline)])
            .into_iter()
            .next()
    }

    /// Adds several scenarios as one undo step, saved at once, and opens
    /// the first; as many as fit ([`crate::scenario::MAX_SCENARIOS`]).
    pub fn add_scenarios(&self, items: Vec<(String, PlanInput, PipelineInput)>) -> Vec<ScenarioId> {
        self.leave_shared();
        self.flush_now();
        let Some(mut list) = self.current_scenarios() else {
            return Vec::new();
        };
        let mut ids = Vec::new();
        let wanted = items.len();
        for (name, plan, pipeline) in items {
            match list.add(&name, plan, pipeline) {
                Some(id) => ids.push(id),
                None => break,
            }
        }
        let Some(&first) = ids.first() else {
            self.notice.set(Some(K::ScenariosFull));
            return ids;
        };
        list.open(first);
        self.record(Edit::AddScenario(first));
        self.switch_to(list);
        self.after_edit(Edit::AddScenario(first));
        if ids.len() < wanted {
            self.notice.set(Some(K::ScenariosFull));
        }
        self.save_now(&ids);
        ids
    }

    /// "New scenario": a blank one (the defaults) with the default name.
    pub fn new_scenario(&self) -> Option<ScenarioId> {
        let mut plan = PlanInput::default();
        plan.currency = self.plan.with_untracked(|p| p.currency.clone());
        self.add_scenario("", plan, PipelineInput::default())
    }

    /// "Duplicate scenario": an independent copy of the open one, named
    /// after it.
    pub fn duplicate_scenario(&self) -> Option<ScenarioId> {
        let lang = self.lang_untracked();
        let id = self.scenarios.with_untracked(|s| s.active());
        let name = self.scenario_name_untracked(id).unwrap_or_default();
        let copy = crate::i18n::workshop::copy_name(lang, &name);
        self.add_scenario(
            &copy,
            self.plan.get_untracked(),
            self.pipeline.get_untracked(),
        )
    }

    /// Renames a scenario, as an undo step.
    pub fn rename_scenario(&self, id: ScenarioId, name: &str) {
        self.leave_shared();
        let Some(mut list) = self.current_scenarios() else {
            return;
        };
        let before = list.get(id).map(|s| s.name.clone());
        list.rename(id, name);
        if list.get(id).map(|s| s.name.clone()) == before {
            return;
        }
        self.record(Edit::RenameScenario(id));
        self.scenarios.set(Arc::new(list));
        self.after_edit(Edit::RenameScenario(id));
    }

    /// Deletes a scenario, as an undo step; the last one stays.
    pub fn delete_scenario(&self, id: ScenarioId) -> bool {
        self.leave_shared();
        self.flush_now();
        let Some(mut list) = self.current_scenarios() else {
            return false;
        };
        if !list.remove(id) {
            return false;
        }
        self.record(Edit::DeleteScenario(id));
        self.switch_to(list);
        self.after_edit(Edit::DeleteScenario(id));
        true
    }

    /// Writes what is waiting to be saved.
    fn flush_now(&self) {
        if let Some(Some(f)) = self.flush.try_get_value() {
            f();
        }
    }

    /// Saves the scenario list and these scenarios' deals at once.
    fn save_now(&self, ids: &[ScenarioId]) {
        let (Some(settings), Some(list)) =
            (self.settings.try_get_untracked(), self.current_scenarios())
        else {
            return;
        };
        if self.status.get_untracked() == SaveStatus::Unavailable {
            return;
        }
        let result = storage::save(&Saved::of(settings, &list));
        let newer = result == Err(storage::StorageError::Newer);
        if result.is_ok() {
            self.note_saved_plan();
        }
        self.report(result, Unsaved::Plan);
        if newer {
            // This tab's list was not written: neither are the deals of
            // scenarios it added (Undo brings them back, to be saved then).
            return;
        }
        for &id in ids {
            if let Some(sc) = list.get(id) {
                if !sc.pipeline.is_empty() {
                    let result = storage::save_pipeline(id, &sc.pipeline);
                    if result.is_ok() && id == list.active() {
                        self.note_saved_deals(id, &sc.pipeline);
                    }
                    self.report(result, Unsaved::Deals(id));
                }
            }
        }
    }

    fn lang_untracked(&self) -> Lang {
        self.settings
            .with_untracked(|s| s.lang)
            .unwrap_or(self.browser_lang)
    }

    fn scenario_name_untracked(&self, id: ScenarioId) -> Option<String> {
        let lang = self.lang_untracked();
        self.scenarios
            .with_untracked(|s| s.get(id).map(|x| display_name(lang, &x.name, x.id)))
    }
}

/// A scenario's name as shown: its own, else "Scenario n" by its id, so a
/// default name stays put when another scenario is deleted.
fn display_name(lang: Lang, name: &str, id: ScenarioId) -> String {
    if name.trim().is_empty() {
        crate::i18n::workshop::default_scenario_name(lang, id)
    } else {
        name.to_string()
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
