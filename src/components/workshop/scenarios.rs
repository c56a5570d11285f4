//! The scenario picker in the header, above every screen: the select, new,
//! duplicate, rename and delete, and the workshop's actions (compare,
//! present, print, share).

use super::present::PresentButton;
use super::share::ShareControls;
use crate::components::focus;
use crate::domain::PresetId;
use crate::examples::WorkedExample;
use crate::history::Screen;
use crate::i18n::examples::{example_name, examples_heading};
use crate::i18n::workshop::{w, W};
use crate::model::PlanInput;
use crate::pipeline::PipelineInput;
use crate::state::use_app;
use leptos::prelude::*;

/// The scenario select, its buttons and the workshop's actions.
#[component]
pub fn ScenarioBar() -> impl IntoView {
    let app = use_app();
    let renaming = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let start_rename = move |_| {
        let id = app.active_scenario();
        draft.set(app.scenario_name(id).unwrap_or_default());
        renaming.set(true);
        focus::focus_first(vec!["scenario-name".into()]);
    };
    let finish_rename = move |save: bool| {
        if save {
            let id = app.scenarios.with_untracked(|s| s.active());
            app.rename_scenario(id, &crate::i18n::bidi::typed_name(&draft.get_untracked()));
        }
        renaming.set(false);
        focus::focus_first(vec!["rename-scenario".into()]);
    };
    let on_new = move |_| {
        if app.new_scenario().is_some() {
            focus::focus_first(vec!["scenario-select".into()]);
        }
    };
    let on_duplicate = move |_| {
        if app.duplicate_scenario().is_some() {
            focus::focus_first(vec!["scenario-select".into()]);
        }
    };
    let on_delete = move |_| {
        let id = app.scenarios.with_untracked(|s| s.active());
        if app.delete_scenario(id) {
            focus::focus_first(vec!["scenario-select".into()]);
        }
    };
    let from_preset = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let Some(preset) = PresetId::ALL
            .into_iter()
            .find(|p| format!("{p:?}") == value)
        else {
            return;
        };
        let mut plan = PlanInput::default();
        plan.currency = app.plan.with_untracked(|p| p.currency.clone());
        plan.mode = app.plan.with_untracked(|p| p.mode);
        plan.apply_preset(preset);
        plan.preset = Some(preset);
        let name = crate::i18n::preset_name(app.lang(), preset);
        app.add_scenario(name, plan, PipelineInput::default());
        // The select is a command, not a setting: it goes back to its prompt.
        event_target::<web_sys::HtmlSelectElement>(&ev).set_value("");
        focus::focus_first(vec!["scenario-select".into()]);
    };
    let from_example = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let today = app.browser_today.get_untracked();
        let lang = app.lang();
        let chosen: Vec<WorkedExample> = if value == "all" {
            WorkedExample::all().to_vec()
        } else {
            WorkedExample::parse(&value).into_iter().collect()
        };
        let items = chosen
            .into_iter()
            .map(|ex| {
                let (plan, pipeline) = ex.build(today);
                (example_name(lang, ex).to_string(), plan, pipeline)
            })
            .collect();
        app.add_scenarios(items);
        event_target::<web_sys::HtmlSelectElement>(&ev).set_value("");
        focus::focus_first(vec!["scenario-select".into()]);
    };
    view! {
        <div class="scenario-bar" role="group" aria-label=move || w(app.lang(), W::Scenarios)>
            <div class="field inline">
                <label for="scenario-select">{move || w(app.lang(), W::Scenario)}</label>
                <select
                    id="scenario-select"
                    on:change=move |ev| {
                        if let Ok(id) = event_target_value(&ev).parse() {
                            app.open_scenario(id);
                        }
                    }
                >
                    <For
                        each=move || app.scenario_list()
                        key=|(id, name)| (*id, name.clone())
                        let((id, name))
                    >
                        <option value=id.to_string() prop:selected=move || app.active_scenario() == id>
                            {name}
                        </option>
                    </For>
                </select>
            </div>
            <Show
                when=move || renaming.get()
                fallback=move || view! {
                    <button type="button" id="rename-scenario" on:click=start_rename>
                        {move || w(app.lang(), W::RenameScenario)}
                    </button>
                }
            >
                <div class="field inline rename">
                    <label for="scenario-name">{move || w(app.lang(), W::ScenarioName)}</label>
                    <input
                        id="scenario-name"
                        type="text"
                        maxlength="200"
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            if ev.is_composing() {
                                return;
                            }
                            match ev.key().as_str() {
                                "Enter" => {
                                    ev.prevent_default();
                                    finish_rename(true);
                                }
                                "Escape" => {
                                    ev.prevent_default();
                                    finish_rename(false);
                                }
                                _ => {}
                            }
                        }
                    />
                    <button type="button" on:click=move |_| finish_rename(true)>
                        {move || w(app.lang(), W::SaveName)}
                    </button>
                    <button type="button" on:click=move |_| finish_rename(false)>
                        {move || w(app.lang(), W::CancelRename)}
                    </button>
                </div>
            </Show>
            <button type="button" id="new-scenario" on:click=on_new>
                {move || w(app.lang(), W::NewScenario)}
            </button>
            <button type="button" id="duplicate-scenario" on:click=on_duplicate>
                {move || w(app.lang(), W::DuplicateScenario)}
            </button>
            <button
                type="button"
                id="delete-scenario"
                disabled=move || app.scenarios.with(|s| s.list().len() <= 1)
                on:click=on_delete
            >
                {move || w(app.lang(), W::DeleteScenario)}
            </button>
            <div class="field inline">
                <label for="scenario-preset">{move || w(app.lang(), W::FromPreset)}</label>
                <select id="scenario-preset" on:change=from_preset>
                    <option value="" selected>"—"</option>
                    {PresetId::ALL
                        .into_iter()
                        .map(|p| {
                            view! {
                                <option value=format!("{p:?}")>
                                    {move || crate::i18n::preset_name(app.lang(), p)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field inline">
                <label for="worked-examples">{move || examples_heading(app.lang())}</label>
                <select id="worked-examples" on:change=from_example>
                    <option value="" selected>"—"</option>
                    {WorkedExample::all()
                        .into_iter()
                        .map(|ex| {
                            view! {
                                <option value=ex.as_str()>{move || example_name(app.lang(), ex)}</option>
                            }
                        })
                        .collect_view()}
                    <option value="all">{move || w(app.lang(), W::AllExamples)}</option>
                </select>
            </div>
        </div>
        <div class="workshop-actions" role="group" aria-label=move || w(app.lang(), W::Workshop)>
            <button type="button" id="compare" on:click=move |_| app.show(Screen::Compare)>
                {move || w(app.lang(), W::Compare)}
            </button>
            <PresentButton />
            <button type="button" id="print" on:click=move |_| {
                if let Some(win) = web_sys::window() {
                    let _ = win.print();
                }
            }>
                {move || w(app.lang(), W::Print)}
            </button>
            <ShareControls />
        </div>
    }
}
