//! Title, language, "Show working", the undo/redo/reset toolbar and the
//! save status.

use super::focus;
use crate::history::Control;
use crate::i18n::{self, Lang, K};
use crate::state::{use_app, SaveStatus};
use leptos::prelude::*;

/// The page header.
#[component]
pub fn AppHeader() -> impl IntoView {
    let app = use_app();
    view! {
        <header class="app-header">
            <div class="brand">
                <h1>{move || app.tr(K::AppTitle)}</h1>
                <p class="tagline">{move || app.tr(K::Tagline)}</p>
            </div>
            <div class="header-controls">
                <div class="field inline">
                    <label for="language">{move || app.tr(K::Language)}</label>
                    <select
                        id="language"
                        on:change=move |ev| {
                            let lang = if event_target_value(&ev) == "zh" { Lang::Zh } else { Lang::En };
                            app.set_lang(lang);
                        }
                    >
                        {Lang::ALL
                            .into_iter()
                            .map(|l| {
                                let value = if l == Lang::Zh { "zh" } else { "en" };
                                view! {
                                    <option value=value lang=l.tag() prop:selected=move || app.lang() == l>
                                        {l.name()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="switch">
                    <input
                        type="checkbox"
                        role="switch"
                        id="show-working"
                        prop:checked=move || app.show_working()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            app.settings.update(|s| s.show_working = on);
                        }
                    />
                    <label for="show-working">{move || app.tr(K::ShowWorking)}</label>
                </div>
                <Toolbar />
            </div>
            <crate::components::workshop::scenarios::ScenarioBar />
        </header>
        <SaveNotices />
    }
}

/// Undo, redo and "Reset to defaults"; each says what it would do in its
/// description, and focus goes to what changed.
#[component]
fn Toolbar() -> impl IntoView {
    let app = use_app();
    // "Undo" or "Redo", described by the step it would take.
    let step = move |back: bool| {
        let (id, key, shortcut) = if back {
            ("undo", K::Undo, "Control+Z")
        } else {
            ("redo", K::Redo, "Control+Shift+Z")
        };
        let next = move || app.steps.with(|s| if back { s.0 } else { s.1 });
        view! {
            <button
                type="button"
                id=id
                title=move || {
                    app.steps.track();
                    let name = |id| app.step_stage_name(id, back);
                    let lang = app.lang();
                    let colon = if lang == Lang::Zh { "：" } else { ": " };
                    let conversion = app.mode() == crate::domain::RateMode::Conversion;
                    next().map(|e| {
                        format!("{}{colon}{}", app.tr(key), i18n::step_name(lang, e, conversion, &name))
                    })
                }
                aria-keyshortcuts=shortcut
                disabled=move || next().is_none()
                on:click=move |_| {
                    let done = if back { app.undo() } else { app.redo() };
                    if let Some(edit) = done {
                        focus::after_step(app, edit, back);
                    }
                }
            >
                {move || app.tr(key)}
            </button>
        }
    };
    view! {
        <div class="toolbar" role="group" aria-label=move || app.tr(K::EditHistory)>
            {step(true)}
            {step(false)}
            <button
                type="button"
                id=focus::control_id(Control::Reset)
                on:click=move |_| app.reset()
            >
                {move || app.tr(K::ResetToDefaults)}
            </button>
        </div>
    }
}

/// The save status (only when something is wrong), what the last edit
/// threw away, and the recovered-backup notice.
#[component]
fn SaveNotices() -> impl IntoView {
    let app = use_app();
    let status = move || match app.status.get() {
        SaveStatus::Saved => None,
        SaveStatus::Unavailable => Some(app.tr(K::StorageUnavailable)),
        SaveStatus::Failed => Some(app.tr(K::SaveFailed)),
        SaveStatus::DealsNotSaved => Some(app.tr(K::DealsNotSaved)),
        SaveStatus::NewerVersion => Some(app.tr(K::SavedByNewerVersion)),
    };
    view! {
        <p class="status" role="status">
            {move || {
                status()
                    .map(|s| {
                        // What could not be saved is still in memory: a copy
                        // can be kept right here.
                        view! {
                            <span class="warn-text">{s}</span>
                            " "
                            <button
                                type="button"
                                class="link save-export"
                                on:click=move |_| crate::components::workshop::share::export_json(app)
                            >
                                {move || crate::i18n::workshop::w(app.lang(), crate::i18n::workshop::W::ExportJson)}
                            </button>
                        }
                    })
            }}
            {move || {
                app.notice
                    .get()
                    .map(|k| {
                        let gap = crate::i18n::sentence_gap(app.lang());
                        // Taking another tab's work is an undo step only
                        // when it changed what this tab showed.
                        let undoable = k != K::OtherTabNewer
                            || app.steps.with(|s| s.0 == Some(crate::history::Edit::OtherTab));
                        // The import's notice names what Undo takes back itself.
                        let hint = (!matches!(k, K::ScenariosFull | K::DealsImported) && undoable)
                            .then(|| app.tr(K::UndoHint));
                        view! { <span class="undo-note">{app.tr(k)} {gap} {hint}</span> }
                    })
            }}
        </p>
        <Show when=move || app.recovered.with(Option::is_some)>
            <div class="notice" role="alert">
                <p>
                    {move || {
                        app.recovered.get().map(|(k, why)| i18n::recovered(app.lang(), &k, &why))
                    }}
                </p>
                {move || {
                    let (key, _) = app.recovered.get()?;
                    let href = crate::storage::backup_link(&key)?;
                    let file = format!("{key}.json");
                    Some(view! { <a href=href download=file>{app.tr(K::DownloadBackup)}</a> })
                }}
                <button type="button" on:click=move |_| app.recovered.set(None)>
                    {move || app.tr(K::Dismiss)}
                </button>
            </div>
        </Show>
    }
}
