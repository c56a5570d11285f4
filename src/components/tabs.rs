//! The tab bar between the screens (Plan, Pipeline), as the WAI-ARIA tabs
//! pattern has it: one tab stop, arrow keys move between the tabs, and the
//! open screen is remembered (in the saved settings and the address).

use crate::history::Screen;
use crate::i18n::pipeline::{p, P};
use crate::i18n::workshop::{w, W};
use crate::state::use_app;
use leptos::prelude::*;

const SCREENS: [Screen; 4] = [
    Screen::Plan,
    Screen::Pipeline,
    Screen::Compare,
    Screen::WhatIf,
];

fn tab_id(s: Screen) -> &'static str {
    match s {
        Screen::Plan => "tab-plan",
        Screen::Pipeline => "tab-pipeline",
        Screen::Compare => "tab-compare",
        Screen::WhatIf => "tab-what-if",
    }
}

fn panel_id(s: Screen) -> &'static str {
    match s {
        Screen::Plan => "panel-plan",
        Screen::Pipeline => "panel-pipeline",
        Screen::Compare => "panel-compare",
        Screen::WhatIf => "panel-what-if",
    }
}

/// The address fragment that names a screen.
pub fn screen_hash(s: Screen) -> &'static str {
    match s {
        Screen::Plan => "#plan",
        Screen::Pipeline => "#pipeline",
        Screen::Compare => "#compare",
        Screen::WhatIf => "#what-if",
    }
}

/// The tab bar.
#[component]
pub fn ScreenTabs() -> impl IntoView {
    let app = use_app();
    let go = move |s: Screen, focus: bool| {
        app.show(s);
        if focus {
            super::focus::focus_first(vec![tab_id(s).to_string()]);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let now = app.screen();
        let i = SCREENS.iter().position(|s| *s == now).unwrap_or(0);
        let n = SCREENS.len();
        let next = match ev.key().as_str() {
            "ArrowRight" => SCREENS.get((i + 1) % n),
            "ArrowLeft" => SCREENS.get((i + n - 1) % n),
            "Home" => SCREENS.first(),
            "End" => SCREENS.last(),
            _ => return,
        };
        ev.prevent_default();
        if let Some(&s) = next {
            go(s, true);
        }
    };
    view! {
        <nav class="tabs" role="tablist" aria-label=move || p(app.lang(), P::Screens) on:keydown=on_key>
            {SCREENS
                .into_iter()
                .map(|s| {
                    let selected = move || app.screen() == s;
                    let name = move || match s {
                        Screen::Plan => p(app.lang(), P::PlanTab),
                        Screen::Pipeline => p(app.lang(), P::PipelineTab),
                        Screen::Compare => w(app.lang(), W::CompareTab),
                        Screen::WhatIf => w(app.lang(), W::WhatIfTab),
                    };
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=tab_id(s)
                            aria-controls=panel_id(s)
                            aria-selected=move || if selected() { "true" } else { "false" }
                            tabindex=move || if selected() { "0" } else { "-1" }
                            on:click=move |_| go(s, false)
                        >
                            {name}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The panel of one screen, labelled by its tab.
#[component]
pub fn TabPanel(
    /// The screen this panel shows.
    screen: Screen,
    children: Children,
) -> impl IntoView {
    view! {
        <div role="tabpanel" id=panel_id(screen) aria-labelledby=tab_id(screen) class="tab-panel">
            {children()}
        </div>
    }
}

/// The screen named by the address (`#plan`, `#pipeline`), if any.
pub fn screen_in_address() -> Option<Screen> {
    let hash = web_sys::window()?.location().hash().ok()?;
    SCREENS.into_iter().find(|s| screen_hash(*s) == hash)
}

/// Follows the address when the user edits it or goes back.
pub fn follow_address() {
    let app = use_app();
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(s) = screen_in_address() {
            if app.settings.try_with_untracked(|st| st.screen) != Some(s) {
                app.show(s);
            }
        }
    });
}
