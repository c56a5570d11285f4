//! A stage's four notes (purpose, milestone, evidence, actions), editable,
//! for the stage picked in the chart or in the card's own select.

use crate::components::focus::note_id;
use crate::i18n::workshop::{note_label, w, W};
use crate::model::NoteKind;
use crate::state::use_app;
use leptos::prelude::*;

/// The notes card of the Plan screen.
#[component]
pub fn StageNotesCard() -> impl IntoView {
    let app = use_app();
    // The picked stage while it exists, else the first.
    let stage = Memo::new(move |_| {
        let names = app.stage_names();
        let picked = app.selected_stage.get();
        picked
            .filter(|id| names.iter().any(|(i, _)| i == id))
            .or_else(|| names.first().map(|(i, _)| *i))
    });
    let field = move |kind: NoteKind| {
        let id = move || stage.get().map(|s| note_id(s, kind)).unwrap_or_default();
        view! {
            <div class="field note">
                <label for=id>{move || note_label(app.lang(), kind)}</label>
                <textarea
                    id=id
                    rows="2"
                    maxlength=crate::model::MAX_NOTE_CHARS.to_string()
                    prop:value=move || {
                        stage.get().map(|s| app.stage_notes(s).get(kind).to_string()).unwrap_or_default()
                    }
                    on:input=move |ev| {
                        if let Some(s) = stage.get_untracked() {
                            app.set_note(s, kind, &event_target_value(&ev));
                        }
                    }
                    on:blur=move |_| app.seal()
                ></textarea>
            </div>
        }
    };
    view! {
        <section class="card stage-notes" aria-labelledby="notes-h">
            <h2 id="notes-h">{move || w(app.lang(), W::StageNotes)}</h2>
            <div class="field inline">
                <label for="notes-stage">{move || w(app.lang(), W::NotesStage)}</label>
                <select
                    id="notes-stage"
                    on:change=move |ev| {
                        if let Ok(id) = event_target_value(&ev).parse() {
                            app.selected_stage.set(Some(id));
                        }
                    }
                >
                    <For
                        each=move || app.stage_names()
                        key=|(id, name)| (*id, name.clone())
                        let((id, name))
                    >
                        <option value=id.to_string() prop:selected=move || stage.get() == Some(id)>
                            {name}
                        </option>
                    </For>
                </select>
            </div>
            {NoteKind::ALL.into_iter().map(field).collect_view()}
        </section>
    }
}
