//! The funnel editor: preset picker, rate-mode switch and the stage rows.

use super::field::Field;
use crate::domain::{PresetId, RateMode, Role};
use crate::i18n::{self, K};
use crate::model::{FieldProblem, StageId};
use crate::state::use_app;
use leptos::prelude::*;

/// The whole funnel editor.
#[component]
pub fn FunnelEditor() -> impl IntoView {
    let app = use_app();
    let ids = Memo::new(move |_| {
        app.plan
            .with(|p| p.stages.iter().map(|s| s.id).collect::<Vec<_>>())
    });
    view! {
        <section class="card funnel-editor" aria-labelledby="funnel-h">
            <h2 id="funnel-h">{move || app.tr(K::FunnelHeading)}</h2>
            <div class="editor-controls">
                <PresetPicker />
                <RateModeSwitch />
            </div>
            <Show when=move || app.undo.with(Option::is_some)>
                <p class="undo-bar" role="status">
                    <span>{move || app.undo.with(|u| u.as_ref().map(|(_, what)| app.tr(*what)))}</span>
                    " "
                    <button type="button" on:click=move |_| app.undo()>{move || app.tr(K::Undo)}</button>
                </p>
            </Show>
            <ol class="stages">
                <For each=move || ids.get() key=|id| *id children=move |id| view! { <StageRow id=id /> } />
            </ol>
            <button type="button" class="add-stage" on:click=move |_| app.edit(|p| {
                p.add_stage();
            })>
                <span aria-hidden="true">"+ "</span>
                {move || app.tr(K::AddStage)}
            </button>
        </section>
    }
}

/// A select of the preset funnels; shows "Custom" once the stages are edited.
#[component]
pub fn PresetPicker() -> impl IntoView {
    let app = use_app();
    let current = move || app.plan.with(|p| p.preset);
    view! {
        <div class="field">
            <label for="preset">{move || app.tr(K::Preset)}</label>
            <select
                id="preset"
                on:change=move |ev| {
                    if let Some(preset) = PresetId::parse(&event_target_value(&ev)) {
                        app.edit_undoable(K::PresetApplied, |p| p.apply_preset(preset));
                    }
                }
            >
                <option value="" disabled=true prop:selected=move || current().is_none()>
                    {move || app.tr(K::PresetCustom)}
                </option>
                {PresetId::ALL
                    .into_iter()
                    .map(|preset| {
                        view! {
                            <option value=preset.as_str() prop:selected=move || current() == Some(preset)>
                                {move || i18n::preset_name(app.lang(), preset)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Two radios, "Win rate" and "Conversion"; switching converts every rate exactly.
#[component]
pub fn RateModeSwitch() -> impl IntoView {
    let app = use_app();
    let option = move |mode: RateMode, key: K| {
        let id = match mode {
            RateMode::WinRate => "mode-win",
            RateMode::Conversion => "mode-conversion",
        };
        view! {
            <span class="radio">
                <input
                    type="radio"
                    id=id
                    name="rate-mode"
                    prop:checked=move || app.mode() == mode
                    on:change=move |_| app.switch_mode(mode)
                />
                <label for=id>{move || app.tr(key)}</label>
            </span>
        }
    };
    view! {
        <fieldset class="segmented" aria-describedby="mode-help">
            <legend>{move || app.tr(K::RateMode)}</legend>
            {option(RateMode::WinRate, K::WinRate)}
            {option(RateMode::Conversion, K::Conversion)}
            <p id="mode-help" class="hint">{move || app.tr(K::RateModeHelp)}</p>
            <Show when=move || app.mode_blocked.get()>
                <p class="field-msg" role="alert">{move || app.tr(K::ModeSwitchBlocked)}</p>
            </Show>
        </fieldset>
    }
}

/// One stage: name, rate (in the current mode) with the other mode's value
/// beside it, its role, and buttons to move or remove it.
#[component]
pub fn StageRow(
    /// The stage's stable id.
    id: StageId,
) -> impl IntoView {
    let app = use_app();
    let index = Memo::new(move |_| app.plan.with(|p| p.index_of(id)).unwrap_or(0));
    let count = Memo::new(move |_| app.plan.with(|p| p.stages.len()));
    let role = Memo::new(move |_| {
        app.eval
            .with(|e| e.roles.get(index.get()).copied().flatten())
    });
    let conversion_mode = move || app.mode() == RateMode::Conversion;
    let fixed =
        Memo::new(move |_| conversion_mode() && matches!(role.get(), Some(Role::Won | Role::Lost)));
    let name = move || {
        app.plan
            .with(|p| p.stage(id).map(|s| i18n::stage_display_name(app.lang(), s)))
            .unwrap_or_default()
    };
    let problem = Memo::new(move |_| {
        app.eval
            .with(|e| e.rate_problems.get(index.get()).cloned().flatten())
    });
    let message =
        Signal::derive(move || problem.get().map(|p| i18n::field_problem(app.lang(), &p)));
    let warning =
        Signal::derive(move || matches!(problem.get(), Some(FieldProblem::MakesUnreachable)));
    let hint = move || {
        app.eval.with(|e| {
            let f = e.funnel.as_ref()?;
            let i = index.get();
            if f.role(i) != Role::Open {
                return None;
            }
            let conv = conversion_mode();
            let value = if conv {
                f.win_rate(i)
            } else {
                f.conversion(i)?
            };
            Some(i18n::other_mode_hint(app.lang(), conv, value))
        })
    };
    let badge = move || match role.get() {
        Some(Role::Won) => Some(app.tr(K::WonStage)),
        Some(Role::Lost) => Some(app.tr(K::LostStage)),
        _ => None,
    };
    let rate_label = Signal::derive(move || {
        app.tr(if conversion_mode() {
            K::ConversionPct
        } else {
            K::WinRatePct
        })
        .to_string()
    });
    let name_id = format!("stage-{id}-name");
    view! {
        <li class="stage" class:won=move || role.get() == Some(Role::Won) class:lost=move || role.get() == Some(Role::Lost)>
            <div class="field stage-name">
                <label for=name_id.clone()>{move || app.tr(K::StageName)}</label>
                <input
                    id=name_id
                    type="text"
                    autocomplete="off"
                    prop:value=name
                    on:input=move |ev| app.edit(|p| p.set_name(id, event_target_value(&ev)))
                />
                <p class="badge">{badge}</p>
            </div>
            <Show
                when=move || !fixed.get()
                fallback=move || {
                    view! {
                        <div class="field stage-rate fixed">
                            <span class="fixed-label">{move || app.tr(K::Conversion)}</span>
                            <p class="fixed-value">
                                {move || app.tr(if role.get() == Some(Role::Won) { K::WonFixed } else { K::LostFixed })}
                            </p>
                        </div>
                    }
                }
            >
                <Field
                    id=format!("stage-{id}-rate")
                    label=rate_label
                    value=Signal::derive(move || app.plan.with(|p| p.stage(id).map(|s| s.rate.clone()).unwrap_or_default()))
                    on_input=Callback::new(move |text| app.edit(|p| p.set_rate(id, text)))
                    message=message
                    warning=warning
                    suffix=Signal::derive(move || hint().unwrap_or_default())
                    class="stage-rate"
                />
            </Show>
            <Show when=move || role.get() == Some(Role::Open)>
                <Field
                    id=format!("stage-{id}-dwell")
                    label=Signal::derive(move || app.tr(K::DwellDays).to_string())
                    value=Signal::derive(move || app.plan.with(|p| p.stage(id).map(|s| s.dwell.clone()).unwrap_or_default()))
                    on_input=Callback::new(move |text| app.edit(|p| p.set_dwell(id, text)))
                    message=Signal::derive(move || {
                        app.eval.with(|e| {
                            e.time.dwell_problems.get(index.get()).cloned().flatten().map(|x| i18n::input_error(app.lang(), &x))
                        })
                    })
                    inputmode="numeric"
                    class="stage-dwell"
                />
            </Show>
            <div class="stage-actions">
                <button
                    type="button"
                    class="icon"
                    aria-label=move || app.tr(K::MoveUp)
                    title=move || app.tr(K::MoveUp)
                    disabled=move || index.get() == 0
                    on:click=move |_| app.edit(|p| p.move_stage(id, true))
                >
                    "↑"
                </button>
                <button
                    type="button"
                    class="icon"
                    aria-label=move || app.tr(K::MoveDown)
                    title=move || app.tr(K::MoveDown)
                    disabled=move || { index.get() + 1 >= count.get() }
                    on:click=move |_| app.edit(|p| p.move_stage(id, false))
                >
                    "↓"
                </button>
                <button
                    type="button"
                    class="icon remove"
                    aria-label=move || app.tr(K::RemoveStage)
                    title=move || app.tr(K::RemoveStage)
                    disabled=move || { count.get() <= 1 }
                    on:click=move |_| app.edit_undoable(K::StageRemoved, |p| p.remove_stage(id))
                >
                    "✕"
                </button>
            </div>
        </li>
    }
}
