//! Sharing a scenario: a link carrying it in the URL fragment (and its QR
//! code for a room of phones), JSON files out and in, and opening a link.

use crate::domain::qr::qr_svg_path;
use crate::i18n::workshop::{self as words, w, W};
use crate::scenario_file::{decode_scenario_bytes, encode_scenario, MAX_FILE_BYTES};
use crate::share::{build_link, open_link, ShareLink};
use crate::state::{use_app, AppState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The page's own address, for the link's base.
fn page_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The open scenario's name as shown (or the shared one's).
fn shown_name(app: AppState) -> String {
    if let Some(p) = app.preview.get_untracked() {
        return p.name;
    }
    let id = app.scenarios.with_untracked(|s| s.active());
    app.scenario_name(id).unwrap_or_default()
}

/// A file name from a scenario name: what file systems accept.
fn file_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|\n\r\t".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        "scenario.json".into()
    } else {
        format!("{clean}.json")
    }
}

fn copy_to_clipboard(text: &str) {
    if let Some(win) = web_sys::window() {
        let _ = win.navigator().clipboard().write_text(text);
    }
}

/// Selects the whole link when its field takes focus, for copying by hand.
fn select_all(ev: leptos::ev::FocusEvent) {
    event_target::<web_sys::HtmlInputElement>(&ev).select();
}

/// "Export JSON": the scenario on screen (its name, plan and deals, as it
/// is in memory) as a file; also offered where saving fails.
pub fn export_json(app: AppState) {
    let text = app.pipeline.with_untracked(|p| {
        app.plan
            .with_untracked(|plan| encode_scenario(&shown_name(app), plan, &p.deals))
    });
    crate::components::pipeline::import::download_as(
        &file_name(&shown_name(app)),
        &text,
        "application/json;charset=utf-8",
    );
}

/// "Copy share link", "Show QR code", "Export JSON" and "Import JSON".
#[component]
pub fn ShareControls() -> impl IntoView {
    let app = use_app();
    // The link last made, shown in a field so it can also be copied by hand.
    let link = RwSignal::new(None::<ShareLink>);
    let copied = RwSignal::new(false);
    let qr = RwSignal::new(false);
    // The QR code's <dialog>, opened with showModal() once on the page: the
    // browser then keeps Tab inside it, makes the page behind it inert and
    // turns Esc (wherever focus is) into a `cancel` event.
    let qr_dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(d) = qr_dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    let file_message = RwSignal::new(None::<String>);
    let make = move |then: fn(AppState, ShareLink, RwSignal<bool>, RwSignal<bool>)| {
        let name = shown_name(app);
        let plan = app.plan.get_untracked();
        let deals = app.pipeline.with_untracked(|p| p.deals.clone());
        leptos::task::spawn_local(async move {
            if let Ok(made) = build_link(&page_href(), &name, &plan, &deals).await {
                link.set(Some(made.clone()));
                then(app, made, copied, qr);
            }
        });
    };
    let on_copy = move |_| {
        copied.set(false);
        qr.set(false);
        make(|_, made, copied, _| {
            // A long link waits for the user's choice (the warning below).
            if !made.over_limit() {
                copy_to_clipboard(&made.url);
                copied.set(true);
            }
            crate::components::focus::focus_first(vec!["share-link".into()]);
        });
    };
    let on_qr = move |_| {
        make(|_, _, _, qr| {
            qr.set(true);
            crate::components::focus::focus_first(vec!["close-qr".into()]);
        });
    };
    let on_export = move |_| export_json(app);
    let on_import = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let lang = app.lang();
        // Refused before reading: a huge file would stall the page.
        if file.size() > MAX_FILE_BYTES as f64 {
            file_message.set(Some(words::file_error(
                lang,
                crate::scenario_file::FileError::TooLarge {
                    limit: MAX_FILE_BYTES,
                },
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let Ok(buf) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await else {
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buf).to_vec();
            match decode_scenario_bytes(&bytes) {
                Ok(s) => {
                    let name = if s.name.trim().is_empty() {
                        file.name().trim_end_matches(".json").to_string()
                    } else {
                        s.name
                    };
                    let pipeline = {
                        let mut p = crate::pipeline::PipelineInput {
                            deals: std::sync::Arc::new(s.deals),
                            ..Default::default()
                        };
                        p.sanitise();
                        p
                    };
                    if app.add_scenario(&name, s.plan, pipeline).is_some() {
                        file_message.set(Some(words::imported(lang, &name)));
                    }
                }
                Err(e) => file_message.set(Some(words::file_error(lang, e))),
            }
            crate::components::focus::focus_first(vec!["import-json".into()]);
        });
    };
    let qr_view = move || {
        let made = link.get()?;
        if !qr.get() {
            return None;
        }
        let close = move || {
            qr.set(false);
            crate::components::focus::focus_first(vec!["show-qr".into()]);
        };
        let code = match qr_svg_path(&made.short) {
            Ok((size, d)) => view! {
                <svg class="qr" viewBox=format!("0 0 {size} {size}") role="img"
                    aria-label=move || w(app.lang(), W::QrTitle)
                    shape-rendering="crispEdges">
                    <rect width=size height=size fill="#fff" />
                    <path d=d fill="#000" />
                </svg>
            }
            .into_any(),
            Err(_) => {
                view! { <p>{move || words::long_link(app.lang(), made.short.chars().count())}</p> }
                    .into_any()
            }
        };
        Some(view! {
            <dialog class="qr-dialog" aria-labelledby="qr-h" node_ref=qr_dialog
                on:cancel=move |ev: web_sys::Event| {
                    // Closed through the signal, so the view and the
                    // focus go back the same way as with the button.
                    ev.prevent_default();
                    close();
                }>
                <h2 id="qr-h">{move || w(app.lang(), W::QrTitle)}</h2>
                {code}
                <button type="button" id="close-qr" on:click=move |_| close()>
                    {move || w(app.lang(), W::CloseQr)}
                </button>
            </dialog>
        })
    };
    view! {
        <span class="share-controls">
            <button type="button" id="copy-share-link" on:click=on_copy>
                {move || w(app.lang(), W::CopyShareLink)}
            </button>
            <button type="button" id="show-qr" on:click=on_qr>
                {move || w(app.lang(), W::ShowQr)}
            </button>
            <button type="button" id="export-json" on:click=on_export>
                {move || w(app.lang(), W::ExportJson)}
            </button>
            // A real button opens the hidden file input: the name is the
            // button's, and the input stays out of the tab order.
            <button type="button" id="import-json" on:click=move |_| {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("import-json-file"))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    el.click();
                }
            }>
                {move || w(app.lang(), W::ImportJson)}
            </button>
            <input type="file" id="import-json-file" accept=".json,application/json" hidden
                tabindex="-1" aria-hidden="true" on:change=on_import />
        </span>
        {move || {
            link.get().filter(|_| !qr.get()).map(|made| {
                let long = made.over_limit();
                let left = made.deals_left_out;
                let url = made.url.clone();
                let url_copy = made.url.clone();
                view! {
                    <div class="share-panel">
                        <label id="share-link-label" for="share-link">{move || w(app.lang(), W::ShareLink)}</label>
                        <input id="share-link" type="text" readonly prop:value=url
                            on:focus=select_all />
                        {long.then(|| view! {
                            <p class="warn-text" role="alert">{move || words::long_link(app.lang(), url_copy.chars().count())}</p>
                            <button type="button" on:click=move |_| {
                                if let Some(m) = link.get_untracked() {
                                    copy_to_clipboard(&m.url);
                                    copied.set(true);
                                }
                            }>{move || w(app.lang(), W::CopyAnyway)}</button>
                            <button type="button" on:click=on_export>{move || w(app.lang(), W::ExportJson)}</button>
                        })}
                        {(left > 0 && !long).then(|| view! {
                            <p class="note">{move || words::deals_left_out(app.lang(), left)}</p>
                        })}
                        <p role="status" class="note">
                            {move || copied.get().then(|| w(app.lang(), W::LinkCopied))}
                        </p>
                        <button type="button" on:click=move |_| link.set(None)>
                            {move || w(app.lang(), W::Dismiss)}
                        </button>
                    </div>
                }
            })
        }}
        {qr_view}
        {move || file_message.get().map(|m| view! {
            <p class="share-file-message" role="status">
                {m}
                " "
                <button type="button" on:click=move |_| file_message.set(None)>
                    {move || w(app.lang(), W::Dismiss)}
                </button>
            </p>
        })}
    }
}

/// The notice over a shared scenario shown unsaved ("Save as new scenario",
/// "Back to my work"), and the message for a link that could not be opened,
/// which stays until dismissed.
#[component]
pub fn SharedNotice() -> impl IntoView {
    let app = use_app();
    view! {
        {move || app.preview.get().map(|p| view! {
            <div class="notice shared" role="region" aria-label=move || w(app.lang(), W::SharedScenario)>
                <p>{move || words::shared_notice(app.lang(), &p.name)}</p>
                <button type="button" id="save-shared" on:click=move |_| {
                    if app.keep_shared().is_some() {
                        crate::components::focus::focus_first(vec!["scenario-select".into()]);
                    }
                }>
                    {move || w(app.lang(), W::SaveAsNew)}
                </button>
                <button type="button" on:click=move |_| {
                    app.leave_shared();
                    crate::components::focus::focus_first(vec!["scenario-select".into()]);
                }>
                    {move || w(app.lang(), W::BackToMyWork)}
                </button>
            </div>
        })}
        {move || app.link_error.get().map(|e| view! {
            <div class="notice" role="alert">
                <p>{move || words::link_error(app.lang(), e)}</p>
                <button type="button" on:click=move |_| app.link_error.set(None)>
                    {move || w(app.lang(), W::Dismiss)}
                </button>
            </div>
        })}
    }
}

/// Opens a share link in the address now and whenever only the fragment
/// changes (a link opened in a tab where the app is already open).
pub fn follow_share_links() {
    let app = use_app();
    let check = move || {
        let href = page_href();
        leptos::task::spawn_local(async move {
            match open_link(&href).await {
                None => {}
                Some(Ok(s)) => app.show_shared(s),
                Some(Err(e)) => app.link_error.set(Some(e)),
            }
        });
    };
    check();
    let _ = window_event_listener(leptos::ev::hashchange, move |_| check());
}
