//! Layout of the page.

use crate::components::chart::FunnelChart;
use crate::components::header::AppHeader;
use crate::components::results::{KeyFigures, RequiredTable};
use crate::components::stage_editor::FunnelEditor;
use crate::components::target_form::TargetForm;
use crate::components::time_plan::{IntakeCalendar, PaceResults, TimePlanSection};
use crate::i18n::K;
use crate::state::provide_app_state;
use leptos::prelude::*;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let app = provide_app_state();
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
    view! {
        <AppHeader />
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
                    <FunnelChart />
                    <RequiredTable />
                </section>
                <PaceResults />
            </div>
            <IntakeCalendar />
        </main>
        <footer class="app-footer">
            <p>{move || app.tr(K::Privacy)}</p>
        </footer>
    }
}

/// Mounts the app on the page's `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
