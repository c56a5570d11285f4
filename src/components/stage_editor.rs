//! The funnel editor: preset picker, rate-mode switch and the stage rows.

use super::field::Field;
use super::focus;
use crate::domain::limits::{MAX_NAME_CHARS, MAX_STAGES};
use crate::domain::{PresetId, RateMode, Role};
use crate::history::{Control, Edit};
use crate::i18n::{self, K};
use crate::model::{FieldProblem, StageId};
use crate::state::use_app;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The whole funnel editor.
#[component]
pub fn FunnelEditor() -> impl IntoView {
    let app = use_app();
    let ids = Memo::new(move |_| {
        app.plan
            .with(|p| p.stages.iter().map(|s| s.id).collect::<Vec<_>>())
    });
    let full = Memo::new(move |_| app.plan.with(|p| p.stages.len() >= MAX_STAGES));
    let add = move |_| {
        let name = app
            .plan
            .with(|p| i18n::new_stage_name(app.lang(), p.stages.len() + 1));
        let mut new_id = None;
        let next = app.plan.with(|p| p.next_id.max(1));
        app.edit(Edit::AddStage(next), |p| new_id = p.add_stage(name));
        if let Some(id) = new_id {
            // Selected, so typing replaces the default name.
            focus::focus_and_select(focus::control_id(Control::StageName(id)));
        }
    };
    view! {
        <section class="card funnel-editor" aria-labelledby="funnel-h">
            <h2 id="funnel-h">{move || app.tr(K::FunnelHeading)}</h2>
            <div class="editor-controls">
                <PresetPicker />
                <RateModeSwitch />
            </div>
            <ol class="stages">
                <For
                    each=move || ids.get()
                    key=|id| *id
                    children=move |id| view! { <StageRow id=id /> }
                />
            </ol>
            <button
                type="button"
                class="add-stage"
                id=focus::control_id(Control::AddStage)
                disabled=move || full.get()
                aria-describedby="add-stage-note"
                on:click=add
            >
                <span aria-hidden="true">"+ "</span>
                {move || app.tr(K::AddStage)}
            </button>
            <p id="add-stage-note" class="note">
                {move || full.get().then(|| i18n::stages_full(app.lang(), MAX_STAGES))}
            </p>
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
                        app.edit(Edit::Preset, |p| p.apply_preset(preset));
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
                    on:change=move |ev| {
                        app.switch_mode(mode);
                        // Refused: the radio the user clicked goes back, and
                        // the one of the mode still in force is checked.
                        if app.mode() != mode {
                            event_target::<web_sys::HtmlInputElement>(&ev).set_checked(false);
                            let other = if mode == RateMode::WinRate { "mode-conversion" } else { "mode-win" };
                            if let Some(other) = web_sys::window()
                                .and_then(|w| w.document())
                                .and_then(|d| d.get_element_by_id(other))
                                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                            {
                                other.set_checked(true);
                            }
                        }
                    }
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
/// beside it, dwell days, its role, and buttons to move or remove it. Every
/// row has the same fields whatever its values, so typing never makes a
/// field appear, vanish or move; a won or lost stage's dwell place says
/// why it has none.
#[component]
pub fn StageRow(
    /// The stage's stable id.
    id: StageId,
) -> impl IntoView {
    let app = use_app();
    let index = Memo::new(move |_| app.plan.with(|p| p.index_of(id)).unwrap_or(0));
    let count = Memo::new(move |_| app.plan.with(|p| p.stages.len()));
    // The role the row had when its rate field took focus, while it has it.
    let held = RwSignal::new(None::<Role>);
    // The row being typed in keeps its role until the user leaves the field
    // (a won stage's 100 retyped reads "10" for a moment; an open stage
    // typed up to 100 is not the won stage until it is left): no field of
    // the row comes or goes under the user's hands. Other rows count as
    // open while the funnel has no clear structure.
    let computed = Memo::new(move |_| {
        app.eval
            .with(|e| e.roles.get(index.get()).copied().flatten())
            .unwrap_or(Role::Open)
    });
    let role = Memo::new(move |_| held.get().unwrap_or_else(|| computed.get()));
    let conversion_mode = move || app.mode() == RateMode::Conversion;
    let name = move || {
        app.plan
            .with(|p| p.stage(id).map(|s| i18n::stage_input_name(app.lang(), s)))
            .unwrap_or_default()
    };
    // A name pasted longer than the cap is cut, and the field says so.
    let cut = RwSignal::new(false);
    let name_message = Signal::derive(move || {
        if cut.get() {
            return Some(i18n::name_cut(app.lang(), MAX_NAME_CHARS));
        }
        app.eval.with(|e| {
            e.unnamed
                .get(index.get())
                .copied()
                .unwrap_or(false)
                .then(|| i18n::unnamed_stage(app.lang(), index.get() + 1))
        })
    });
    let set_name = move |ev: leptos::ev::Event| {
        let text = crate::i18n::bidi::typed_name(&event_target_value(&ev));
        let too_long = text.chars().count() > MAX_NAME_CHARS;
        cut.set(too_long);
        if too_long {
            // The stored name may not change (a key typed past the cap), so
            // the field is set back to it here rather than by the state.
            let kept = crate::model::cut_name(&text);
            event_target::<web_sys::HtmlInputElement>(&ev).set_value(&kept);
        }
        app.edit(Edit::Typing(Control::StageName(id)), |p| {
            p.set_name(id, text)
        });
    };
    let problem = Memo::new(move |_| {
        app.eval
            .with(|e| e.rate_problems.get(index.get()).cloned().flatten())
    });
    let message =
        Signal::derive(move || problem.get().map(|p| i18n::field_problem(app.lang(), &p)));
    let warning = Signal::derive(move || match problem.get() {
        Some(FieldProblem::MakesUnreachable) => true,
        Some(FieldProblem::Input(e)) => e.is_advice(),
        _ => false,
    });
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
        Role::Won => Some(app.tr(K::WonStage)),
        Role::Lost => Some(app.tr(K::LostStage)),
        Role::Open => None,
    };
    let rate_label = Signal::derive(move || {
        app.tr(if conversion_mode() {
            K::ConversionPct
        } else {
            K::WinRatePct
        })
        .to_string()
    });
    let reading = Signal::derive(move || {
        app.eval.with(|e| {
            e.readings
                .rates
                .get(index.get())
                .copied()
                .flatten()
                .map(|r| i18n::reading(app.lang(), r))
        })
    });
    let dwell_reading = Signal::derive(move || {
        app.eval.with(|e| {
            e.readings
                .dwell
                .get(index.get())
                .copied()
                .flatten()
                .map(|r| i18n::reading(app.lang(), r))
        })
    });
    let name_id = focus::control_id(Control::StageName(id));
    let msg_id = format!("{name_id}-msg");
    let move_stage = move |up: bool| {
        app.edit(Edit::MoveStage { id, up }, |p| p.move_stage(id, up));
        focus::after_move(id, up);
    };
    let remove = move |_| {
        let before = app.plan.get_untracked();
        app.edit(Edit::RemoveStage(id), |p| p.remove_stage(id));
        focus::after_remove(&before, id);
    };
    view! {
        <li class="stage" class:won=move || role.get() == Role::Won class:lost=move || role.get() == Role::Lost>
            <div class="field stage-name">
                <label for=name_id.clone()>{move || app.tr(K::StageName)}</label>
                <input
                    id=name_id
                    type="text"
                    autocomplete="off"
                    prop:value=name
                    aria-describedby=msg_id.clone()
                    on:input=set_name
                    on:blur=move |_| app.seal()
                />
                <p id=msg_id class="field-msg warn" aria-live="polite">{name_message}</p>
                <p class="badge">{badge}</p>
            </div>
            <div
                class="contents"
                on:focusin=move |_| {
                    held.try_set(computed.try_get_untracked());
                }
                on:focusout=move |_| {
                    held.try_set(None);
                }
            >
            <Field
                id=focus::control_id(Control::StageRate(id))
                label=rate_label
                value=Signal::derive(move || app.plan.with(|p| p.stage(id).map(|s| s.rate.clone()).unwrap_or_default()))
                on_input=Callback::new(move |text| app.edit(Edit::Typing(Control::StageRate(id)), |p| p.set_rate(id, text)))
                message=message
                warning=warning
                reading=reading
                suffix=Signal::derive(move || hint().unwrap_or_default())
                class="stage-rate"
            />
            </div>
            <Show
                when=move || role.get() == Role::Open
                fallback=move || {
                    view! {
                        <div class="field stage-dwell none">
                            <span class="fixed-label">{move || app.tr(K::DwellDays)}</span>
                            <p class="fixed-value">{move || app.tr(K::NoDwell)}</p>
                        </div>
                    }
                }
            >
                <Field
                    id=focus::control_id(Control::StageDwell(id))
                    label=Signal::derive(move || app.tr(K::DwellDays).to_string())
                    value=Signal::derive(move || app.plan.with(|p| p.stage(id).map(|s| s.dwell.clone()).unwrap_or_default()))
                    on_input=Callback::new(move |text| app.edit(Edit::Typing(Control::StageDwell(id)), |p| p.set_dwell(id, text)))
                    message=Signal::derive(move || {
                        app.eval.with(|e| {
                            e.time.dwell_problems.get(index.get()).cloned().flatten().map(|x| i18n::input_error(app.lang(), &x))
                        })
                    })
                    reading=dwell_reading
                    inputmode="numeric"
                    class="stage-dwell"
                />
            </Show>
            <div class="stage-actions">
                <button
                    type="button"
                    class="icon"
                    id=focus::stage_button_id(id, "up")
                    aria-label=move || app.tr(K::MoveUp)
                    title=move || app.tr(K::MoveUp)
                    disabled=move || index.get() == 0
                    on:click=move |_| move_stage(true)
                >
                    "↑"
                </button>
                <button
                    type="button"
                    class="icon"
                    id=focus::stage_button_id(id, "down")
                    aria-label=move || app.tr(K::MoveDown)
                    title=move || app.tr(K::MoveDown)
                    disabled=move || { index.get() + 1 >= count.get() }
                    on:click=move |_| move_stage(false)
                >
                    "↓"
                </button>
                <button
                    type="button"
                    class="icon remove"
                    id=focus::stage_button_id(id, "remove")
                    aria-label=move || app.tr(K::RemoveStage)
                    title=move || app.tr(K::RemoveStage)
                    disabled=move || { count.get() <= 1 }
                    on:click=remove
                >
                    "✕"
                </button>
            </div>
        </li>
    }
}
