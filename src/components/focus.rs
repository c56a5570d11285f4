//! Where keyboard focus goes after an action, so nobody loses their place.
//!
//! Leptos updates the page after the event that changed the state, and a
//! row moved in a keyed list is taken out of the page and put back, which
//! drops focus. So focus is set on the next animation frame, by element id,
//! once the page shows the new state.

use crate::history::{Control, Edit};
use crate::model::{PlanInput, StageId};
use crate::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Element id of a control.
pub fn control_id(control: Control) -> String {
    match control {
        Control::Revenue => "revenue-target".into(),
        Control::DealSize => "deal-size".into(),
        Control::Deals => "deals-target".into(),
        Control::Confidence => "confidence".into(),
        Control::Currency => "currency".into(),
        Control::TargetBy => "by-revenue".into(),
        Control::RateMode => "mode-win".into(),
        Control::Preset => "preset".into(),
        Control::StageName(id) => format!("stage-{id}-name"),
        Control::StageRate(id) => format!("stage-{id}-rate"),
        Control::StageDwell(id) => format!("stage-{id}-dwell"),
        Control::Period => "period".into(),
        Control::PeriodStart => "period-start".into(),
        Control::PeriodEnd => "period-end".into(),
        Control::Weeks => "weeks".into(),
        Control::Today => "today".into(),
        Control::LeadsPerRep => "leads-per-rep".into(),
        Control::Reset => "reset".into(),
        Control::AddStage => "add-stage".into(),
        Control::QuickDeals(id) => format!("quick-{id}-deals"),
        Control::QuickAmount(id) => format!("quick-{id}-amount"),
        Control::QuickWon => "quick-won".into(),
        Control::DealField(id, f) => deal_field_id(id, f),
        Control::Note(id, kind) => note_id(id, kind),
    }
}

/// Element id of a deal's field in the deal list.
pub fn deal_field_id(id: crate::domain::DealId, f: crate::history::DealField) -> String {
    use crate::history::DealField as F;
    let f = match f {
        F::Name => "name",
        F::Account => "account",
        F::Amount => "amount",
        F::Stage => "stage",
        F::Status => "status",
        F::Close => "close",
        F::InStageSince => "since",
        F::Probability => "probability",
        F::Created => "created",
    };
    format!("deal-{id}-{f}")
}

/// Id of a stage row's move or remove button.
pub fn stage_button_id(id: StageId, which: &str) -> String {
    format!("stage-{id}-{which}")
}

/// Focuses the first of `ids` that exists and can take focus, on the next
/// frame (after the page has caught up with the state).
pub fn focus_first(ids: Vec<String>) {
    focus_first_or_selector(ids, "");
}

/// [`focus_first`], and when none of `ids` can take focus, the first element
/// matching `selector` (e.g. the last row's button of a list that turned
/// to another page; `""` for none).
pub fn focus_first_or_selector(ids: Vec<String>, selector: &'static str) {
    request_animation_frame(move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let focused = |el: &web_sys::HtmlElement| {
            let _ = el.focus();
            doc.active_element().is_some_and(|a| a == *el.as_ref())
        };
        for id in &ids {
            if let Some(el) = doc
                .get_element_by_id(id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                if !el.has_attribute("disabled") && focused(&el) {
                    return;
                }
            }
        }
        if selector.is_empty() {
            return;
        }
        if let Some(el) = doc
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        {
            focused(&el);
        }
    });
}

/// Focuses the input `id` on the next frame and selects its text.
pub fn focus_and_select(id: String) {
    request_animation_frame(move || {
        if let Some(input) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            let _ = input.focus();
            input.select();
        }
    });
}

/// After a stage moved: the same button of the moved row, or the other
/// direction when the row reached the end it moved towards.
pub fn after_move(id: StageId, up: bool) {
    let (same, other) = if up { ("up", "down") } else { ("down", "up") };
    focus_first(vec![
        stage_button_id(id, same),
        stage_button_id(id, other),
        control_id(Control::StageName(id)),
    ]);
}

/// After a stage was removed from `before`: the row that took its place
/// (the one below it, else the one above), on its remove button.
pub fn after_remove(before: &PlanInput, removed: StageId) {
    let Some(i) = before.index_of(removed) else {
        return;
    };
    let next = before
        .stages
        .get(i + 1)
        .or_else(|| i.checked_sub(1).and_then(|j| before.stages.get(j)));
    if let Some(s) = next {
        focus_first(vec![
            stage_button_id(s.id, "remove"),
            control_id(Control::StageName(s.id)),
        ]);
    }
}

/// After an undo (`undo`) or a redo of `edit`: where that step's change is.
pub fn after_step(app: AppState, edit: Edit, undo: bool) {
    let ids = match edit {
        Edit::Typing(c) | Edit::Choice(c) => vec![control_id(c)],
        Edit::AddStage(_) if undo => vec![control_id(Control::AddStage)],
        Edit::AddStage(id) => vec![control_id(Control::StageName(id))],
        Edit::RemoveStage(id) if undo => vec![control_id(Control::StageName(id))],
        Edit::RemoveStage(_) => vec!["undo".into()],
        Edit::MoveStage { id, up } => {
            // Undoing a move up is a move down.
            after_move(id, up != undo);
            return;
        }
        Edit::Preset => vec![control_id(Control::Preset)],
        Edit::Reset => vec![control_id(Control::Reset)],
        Edit::OtherTab => vec![],
        Edit::AddDeal(_) if undo => vec!["add-deal".into()],
        Edit::AddDeal(id) => {
            app.reveal.set(Some(id));
            vec![deal_field_id(id, crate::history::DealField::Name)]
        }
        Edit::DeleteDeal(id) if undo => {
            app.reveal.set(Some(id));
            vec![deal_field_id(id, crate::history::DealField::Name)]
        }
        // Redone, the deal is gone again: focus stays in the list, on its
        // scrolling region, rather than jumping to the header.
        Edit::DeleteDeal(_) => vec!["deals-region".into(), "undo".into()],
        Edit::Import => vec!["import-csv".into()],
        Edit::ObservedRates => vec!["use-observed".into(), "undo".into()],
        Edit::AddScenario(_) | Edit::RenameScenario(_) | Edit::DeleteScenario(_) => {
            vec!["scenario-select".into()]
        }
    };
    if let Edit::Typing(Control::DealField(id, _)) | Edit::Choice(Control::DealField(id, _)) = edit
    {
        app.reveal.set(Some(id));
    }
    let first_stage = app.plan.with_untracked(|p| {
        p.stages
            .first()
            .map(|s| control_id(Control::StageName(s.id)))
    });
    focus_first(ids.into_iter().chain(first_stage).collect());
}

/// The id of a stage's note field.
pub fn note_id(id: crate::model::StageId, kind: crate::model::NoteKind) -> String {
    format!("note-{id}-{kind:?}").to_ascii_lowercase()
}

/// Keeps the field being typed in at the same place on the screen.
///
/// On a phone the answer sits above the funnel editor, and it grows or
/// shrinks as a value turns valid or invalid; without this, the field under
/// the user's thumb would jump. Each keystroke notes where its field is
/// (in the capture phase, before the app reacts) and, once the page has
/// caught up, scrolls by however far the field moved.
pub fn hold_fields_in_place() {
    use wasm_bindgen::closure::Closure;
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_input = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let Some(field) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let before = field.get_bounding_client_rect().top();
        request_animation_frame(move || {
            let moved = field.get_bounding_client_rect().top() - before;
            if field.is_connected() && moved.abs() >= 1.0 {
                if let Some(w) = web_sys::window() {
                    w.scroll_by_with_x_and_y(0.0, moved);
                }
            }
        });
    });
    let _ = window.add_event_listener_with_callback_and_bool(
        "input",
        on_input.as_ref().unchecked_ref(),
        true,
    );
    // Lives as long as the page.
    on_input.forget();
}
