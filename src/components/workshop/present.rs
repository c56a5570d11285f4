//! Presentation mode: full window, large type, high contrast, the funnel
//! revealed one stage at a time from the keyboard or a clicker.

use crate::i18n::workshop::{w, W};
use crate::state::use_app;
use leptos::prelude::*;

/// The "Present" button that starts presentation mode.
#[component]
pub fn PresentButton() -> impl IntoView {
    let app = use_app();
    view! {
        <button type="button" id="present">
            {move || w(app.lang(), W::Present)}
        </button>
    }
}
