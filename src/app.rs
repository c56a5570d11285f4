//! Layout of the page, the keyboard shortcuts, and the start-up.

use crate::components::chart::FunnelChart;
use crate::components::focus;
use crate::components::header::AppHeader;
use crate::components::pipeline::PipelineScreen;
use crate::components::results::{KeyFigures, RequiredTable};
use crate::components::stage_editor::FunnelEditor;
use crate::components::tabs::{ScreenTabs, TabPanel};
use crate::components::target_form::TargetForm;
use crate::components::time_plan::{IntakeCalendar, PaceResults, TimePlanSection};
use crate::components::update::UpdateNotice;
use crate::components::workshop::compare::CompareScreen;
use crate::components::workshop::levers::WhatIfScreen;
use crate::history::Screen;
use crate::i18n::K;
use crate::state::{provide_app_state, AppState};
use leptos::prelude::*;

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
    // The address names the screen to open (a bookmark, a shared link);
    // otherwise the one open last time.
    // Before the screen is noted in the address, which drops its fragment.
    crate::components::workshop::share::follow_share_links();
    app.show(
        crate::components::tabs::screen_in_address()
            .unwrap_or_else(|| app.settings.with_untracked(|s| s.screen)),
    );
    crate::components::tabs::follow_address();
    // The document follows the language, for screen readers and fonts.
    Effect::new(move |_| {
        let lang = app.lang();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.tag());
                // For the crash page: the language the app chose.
                let _ = root.set_attribute("data-app-lang", lang.tag());
            }
            doc.set_title(crate::i18n::t(lang, K::AppTitle));
        }
    });
    let _ = window_event_listener(leptos::ev::keydown, move |ev| shortcut(app, &ev));
    // Undo and redo from the browser's Edit or context menu go the same way.
    let _ = window_event_listener(leptos::ev::beforeinput, move |ev| {
        if own_undo(&ev) {
            return;
        }
        let back = match ev.input_type().as_str() {
            "historyUndo" => true,
            "historyRedo" => false,
            _ => return,
        };
        ev.prevent_default();
        let done = if back { app.undo() } else { app.redo() };
        if let Some(edit) = done {
            focus::after_step(app, edit, back);
        }
    });
    focus::hold_fields_in_place();
    // A memo: only a change of screen re-renders, not every settings change
    // (a language switch must keep focus in the field being typed in).
    let screen = Memo::new(move |_| app.screen());
    view! {
        <AppHeader />
        <crate::components::workshop::share::SharedNotice />
        <UpdateNotice />
        <ScreenTabs />
        {move || match screen.get() {
            Screen::Plan => plan_screen(app).into_any(),
            Screen::Pipeline => view! {
                <TabPanel screen=Screen::Pipeline>
                    <PipelineScreen />
                </TabPanel>
            }.into_any(),
            Screen::Compare => view! {
                <TabPanel screen=Screen::Compare>
                    <CompareScreen />
                </TabPanel>
            }.into_any(),
            Screen::WhatIf => view! {
                <TabPanel screen=Screen::WhatIf>
                    <WhatIfScreen />
                </TabPanel>
            }.into_any(),
        }}
        <footer class="app-footer">
            <p>{move || app.tr(K::Privacy)}</p>
        </footer>
        <crate::components::workshop::print::PrintSummary />
    }
}

/// The Plan screen: two columns on a wide screen, inputs left and results
/// right, each stacking on its own, so a result growing never moves a field
/// being typed in. On a phone the cards interleave by CSS order (each result
/// right after its inputs); the results hold nothing focusable, so Tab
/// still goes down the screen.
fn plan_screen(app: AppState) -> impl IntoView {
    view! {
        <TabPanel screen=Screen::Plan>
        <main class="plan">
            <div class="inputs">
                <TargetForm />
                <FunnelEditor />
                <TimePlanSection />
            </div>
            <div class="outputs">
                <section class="card results" aria-labelledby="results-h">
                    <h2 id="results-h">{move || app.tr(K::ResultsHeading)}</h2>
                    <KeyFigures />
                </section>
                <section class="card stages-results" aria-labelledby="stages-h">
                    <h2 id="stages-h">{move || app.tr(K::StagesHeading)}</h2>
                    <FunnelChart />
                    <RequiredTable />
                </section>
                <PaceResults />
                <crate::components::workshop::notes::StageNotesCard />
            </div>
            <IntakeCalendar />
        </main>
        </TabPanel>
    }
}

/// Ctrl+Z / ⌘Z undoes, Ctrl+Shift+Z / Ctrl+Y redoes, everywhere, text
/// fields included. The browser's own text undo is one history for the
/// whole document that knows nothing of the app's steps: after an undo that
/// put focus in a field it would undo some other field and wipe the redo
/// steps. So the app's history is the only one; keystrokes in one field are
/// one step of it, so in a field Ctrl+Z takes back what was typed there.
/// Fields that are no part of the saved work (the deal filter) keep the
/// browser's own undo: their typing is no step, so the app's Ctrl+Z would
/// reach past it and take back an older edit, an import even.
fn own_undo(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .is_some_and(|el| el.has_attribute("data-own-undo"))
}

fn shortcut(app: AppState, ev: &web_sys::KeyboardEvent) {
    if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || ev.is_composing() {
        return;
    }
    if own_undo(ev) {
        return;
    }
    let key = ev.key().to_ascii_lowercase();
    let redo = (key == "z" && ev.shift_key()) || (key == "y" && !ev.shift_key());
    let undo = key == "z" && !ev.shift_key();
    if !(undo || redo) {
        return;
    }
    ev.prevent_default();
    let done = if redo { app.redo() } else { app.undo() };
    if let Some(edit) = done {
        focus::after_step(app, edit, !redo);
    }
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
