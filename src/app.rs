//! Layout of the page, the keyboard shortcuts, and the start-up.

use crate::components::chart::FunnelChart;
use crate::components::focus;
use crate::components::header::AppHeader;
use crate::components::results::{KeyFigures, RequiredTable};
use crate::components::stage_editor::FunnelEditor;
use crate::components::target_form::TargetForm;
use crate::components::time_plan::{IntakeCalendar, PaceResults, TimePlanSection};
use crate::i18n::K;
use crate::state::{provide_app_state, AppState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The allocator of the wasm: talc, smaller and faster than the dlmalloc that
/// Rust ships for wasm32 (the page is single-threaded).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The whole app. `last_start_failed` comes from the start-up guard.
#[component]
pub fn App(
    /// The previous start in this tab never finished rendering: the save is
    /// set aside instead of loaded.
    last_start_failed: bool,
) -> impl IntoView {
    let app = provide_app_state(last_start_failed);
    // The document follows the language, for screen readers and fonts.
    Effect::new(move |_| {
        let lang = app.lang();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
            doc.set_title(crate::i18n::t(lang, K::AppTitle));
        }
    });
    let _ = window_event_listener(leptos::ev::keydown, move |ev| shortcut(app, &ev));
    // Document order is the narrow (phone) order, so Tab follows the screen
    // on every width; the wide layout pairs each input card with its results
    // by grid areas (style/main.css).
    view! {
        <AppHeader />
        <main class="plan">
            <div class="area-target">
                <TargetForm />
            </div>
            <section class="card area-figures results" aria-labelledby="results-h">
                <h2 id="results-h">{move || app.tr(K::ResultsHeading)}</h2>
                <KeyFigures />
            </section>
            <div class="area-funnel">
                <FunnelEditor />
            </div>
            <section class="card area-stages" aria-labelledby="stages-h">
                <h2 id="stages-h">{move || app.tr(K::StagesHeading)}</h2>
                <FunnelChart />
                <RequiredTable />
            </section>
            <div class="area-period">
                <TimePlanSection />
            </div>
            <div class="area-pace">
                <PaceResults />
            </div>
            <div class="area-calendar">
                <IntakeCalendar />
            </div>
        </main>
        <footer class="app-footer">
            <p>{move || app.tr(K::Privacy)}</p>
        </footer>
    }
}

/// Ctrl+Z / ⌘Z undoes, Ctrl+Shift+Z / Ctrl+Y redoes — outside text fields,
/// where the browser's own undo of the text applies.
fn shortcut(app: AppState, ev: &web_sys::KeyboardEvent) {
    if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || ev.is_composing() {
        return;
    }
    let key = ev.key().to_ascii_lowercase();
    let redo = (key == "z" && ev.shift_key()) || (key == "y" && !ev.shift_key());
    let undo = key == "z" && !ev.shift_key();
    if !(undo || redo) || in_text_field(ev) {
        return;
    }
    ev.prevent_default();
    let done = if redo { app.redo() } else { app.undo() };
    if let Some(edit) = done {
        focus::after_step(app, edit, !redo);
    }
}

/// Whether the key went to a field whose text has its own undo.
fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        return !matches!(
            input.type_().as_str(),
            "checkbox" | "radio" | "button" | "submit" | "reset" | "range" | "color" | "file"
        );
    }
    el.tag_name().eq_ignore_ascii_case("textarea")
        || el
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|h| h.is_content_editable())
}

/// Mounts the app on the page's `<body>`, behind the panic page and the
/// start-up guard: a start that does not finish (a panic while rendering
/// the saved work) is noticed by the next one, which sets the save aside.
pub fn mount() {
    crate::crash::install();
    let last_start_failed = crate::storage::begin_start();
    leptos::mount::mount_to_body(move || view! { <App last_start_failed=last_start_failed /> });
    // After the first render and the effects it queued: the start finished.
    gloo_timers::callback::Timeout::new(0, crate::storage::finish_start).forget();
}
