//! Undo and redo of the Plan screen's edits, as a plain type.
//!
//! Every edit records the inputs as they were before it and what it was
//! ([`Edit`]). Keystrokes in one field make a single step, so Ctrl+Z undoes a
//! whole value, not one character; any other edit is a step of its own.
//! What an edit was also tells the screen where focus belongs after undoing
//! or redoing it.

use crate::domain::DealId;
use crate::model::StageId;
use crate::scenario::ScenarioId;

/// Most steps kept; the oldest is dropped beyond this.
pub const MAX_STEPS: usize = 100;

/// A field or control of the Plan screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Control {
    Revenue,
    DealSize,
    Deals,
    Confidence,
    Currency,
    TargetBy,
    RateMode,
    Preset,
    StageName(StageId),
    StageRate(StageId),
    StageDwell(StageId),
    Period,
    PeriodStart,
    PeriodEnd,
    Weeks,
    Today,
    LeadsPerRep,
    Reset,
    AddStage,
    /// The quick forecast's open deals of a stage.
    QuickDeals(StageId),
    /// The quick forecast's open amount of a stage.
    QuickAmount(StageId),
    /// The quick forecast's revenue already won.
    QuickWon,
    /// A field of a deal in the deal list.
    DealField(DealId, DealField),
    /// One of a stage's four notes.
    Note(StageId, crate::model::NoteKind),
}

/// A column of the deal list: the same fields a CSV column can hold.
pub use crate::domain::deals_csv::Column as DealField;

/// Which screen a step's change is on.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Screen {
    #[default]
    Plan,
    Pipeline,
    /// Two scenarios side by side.
    Compare,
    /// The three levers of funnel-theory.md, baseline beside changed.
    WhatIf,
}

/// What an edit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edit {
    /// Typing into a text field; consecutive keystrokes there are one step.
    Typing(Control),
    /// A choice: a select, a radio button, a button that sets a value.
    Choice(Control),
    /// A stage was added, with this id.
    AddStage(StageId),
    /// This stage was removed.
    RemoveStage(StageId),
    /// This stage moved one place up or down.
    MoveStage { id: StageId, up: bool },
    /// A preset replaced the stages.
    Preset,
    /// Everything went back to the defaults.
    Reset,
    /// Another tab saved newer work, which replaced this tab's.
    OtherTab,
    /// A deal was added, with this id.
    AddDeal(DealId),
    /// This deal was deleted.
    DeleteDeal(DealId),
    /// Deals were imported from a CSV file.
    Import,
    /// The observed win rates replaced the plan's.
    ObservedRates,
    /// A scenario was added (new, duplicated, from a preset, an example or
    /// a shared link) and opened.
    AddScenario(ScenarioId),
    /// A scenario was renamed.
    RenameScenario(ScenarioId),
    /// A scenario was deleted.
    DeleteScenario(ScenarioId),
}

impl Edit {
    /// The screen where this step's change shows, so undoing it from the
    /// other screen brings the user to it.
    pub fn screen(self) -> Option<Screen> {
        match self {
            Edit::Typing(c) | Edit::Choice(c) => Some(match c {
                Control::QuickDeals(_)
                | Control::QuickAmount(_)
                | Control::QuickWon
                | Control::DealField(..) => Screen::Pipeline,
                _ => Screen::Plan,
            }),
            Edit::AddDeal(_) | Edit::DeleteDeal(_) | Edit::Import => Some(Screen::Pipeline),
            Edit::ObservedRates
            | Edit::OtherTab
            | Edit::AddScenario(_)
            | Edit::RenameScenario(_)
            | Edit::DeleteScenario(_) => None,
            _ => Some(Screen::Plan),
        }
    }
}

/// Past and undone states, newest last.
#[derive(Clone, Debug)]
pub struct History<T> {
    undo: Vec<(T, Edit)>,
    redo: Vec<(T, Edit)>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
}

impl<T> History<T> {
    /// Records the state from before `edit`. A keystroke in the field that
    /// the last step was typing into joins that step.
    pub fn record(&mut self, before: T, edit: Edit) {
        self.redo.clear();
        if let (Edit::Typing(field), Some((_, Edit::Typing(last)))) = (edit, self.undo.last()) {
            if field == *last {
                return;
            }
        }
        if self.undo.len() >= MAX_STEPS {
            self.undo.remove(0);
        }
        self.undo.push((before, edit));
    }

    /// Ends the current typing step, so the next keystroke starts a new one
    /// (used when focus leaves a field).
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            if let Edit::Typing(field) = last.1 {
                last.1 = Edit::Choice(field);
            }
        }
    }

    /// The state to go back to, and the edit undone; `current` becomes redoable.
    pub fn undo(&mut self, current: T) -> Option<(T, Edit)> {
        let (state, edit) = self.undo.pop()?;
        self.redo.push((current, edit));
        Some((state, edit))
    }

    /// The state to go forward to, and the edit redone; `current` becomes undoable.
    pub fn redo(&mut self, current: T) -> Option<(T, Edit)> {
        let (state, edit) = self.redo.pop()?;
        self.undo.push((current, edit));
        Some((state, edit))
    }

    /// The edit an undo would take back.
    pub fn next_undo(&self) -> Option<Edit> {
        self.undo.last().map(|(_, e)| *e)
    }

    /// The state an undo would bring back.
    pub fn next_undo_state(&self) -> Option<&T> {
        self.undo.last().map(|(s, _)| s)
    }

    /// The state a redo would bring back.
    pub fn next_redo_state(&self) -> Option<&T> {
        self.redo.last().map(|(s, _)| s)
    }

    /// The edit a redo would make again.
    pub fn next_redo(&self) -> Option<Edit> {
        self.redo.last().map(|(_, e)| *e)
    }

    /// Keeps at most `n` undo steps, dropping the oldest (a large deal list
    /// makes each step that changed it costly to keep).
    pub fn keep_at_most(&mut self, n: usize) {
        let extra = self.undo.len().saturating_sub(n);
        self.undo.drain(..extra);
        let extra = self.redo.len().saturating_sub(n);
        self.redo.drain(..extra);
    }

    /// How many undo steps are kept.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Drops the undo steps past the first `len` and every redo step: what
    /// was done to a shared scenario shown unsaved is not the saved work's
    /// history.
    pub fn truncate(&mut self, len: usize) {
        self.undo.truncate(len);
        self.redo.clear();
    }

    /// Forgets every step.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keystrokes_in_one_field_are_one_step() {
        let mut h = History::default();
        h.record("", Edit::Typing(Control::Revenue));
        h.record("1", Edit::Typing(Control::Revenue));
        h.record("10", Edit::Typing(Control::Revenue));
        h.record("100", Edit::Typing(Control::DealSize));
        assert_eq!(
            h.undo("100 5"),
            Some(("100", Edit::Typing(Control::DealSize)))
        );
        assert_eq!(h.undo("100"), Some(("", Edit::Typing(Control::Revenue))));
        assert_eq!(h.undo(""), None);
        assert_eq!(h.redo(""), Some(("100", Edit::Typing(Control::Revenue))));
        assert_eq!(
            h.redo("100"),
            Some(("100 5", Edit::Typing(Control::DealSize)))
        );
        assert_eq!(h.redo("100 5"), None);
    }

    #[test]
    fn a_new_edit_drops_what_was_undone() {
        let mut h = History::default();
        h.record(1, Edit::Preset);
        h.record(2, Edit::RemoveStage(3));
        assert_eq!(h.undo(3), Some((2, Edit::RemoveStage(3))));
        h.record(2, Edit::AddStage(9));
        assert_eq!(h.next_redo(), None);
        assert_eq!(h.next_undo(), Some(Edit::AddStage(9)));
    }

    #[test]
    fn sealing_ends_a_typing_step() {
        let mut h = History::default();
        h.record("", Edit::Typing(Control::Deals));
        h.seal();
        h.record("5", Edit::Typing(Control::Deals));
        assert_eq!(h.undo("50").map(|(s, _)| s), Some("5"));
        assert_eq!(h.undo("5").map(|(s, _)| s), Some(""));
    }

    #[test]
    fn keeps_at_most_max_steps() {
        let mut h = History::default();
        for i in 0..MAX_STEPS + 10 {
            h.record(i, Edit::Preset);
        }
        let mut n = 0;
        let mut cur = usize::MAX;
        while let Some((s, _)) = h.undo(cur) {
            cur = s;
            n += 1;
        }
        assert_eq!(n, MAX_STEPS);
        assert_eq!(cur, 10, "the oldest steps were dropped");
    }
}
