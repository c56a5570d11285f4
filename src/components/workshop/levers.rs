//! The What-if screen: the three levers of funnel-theory.md.

use leptos::prelude::*;

/// Sliders for the three levers, each lever's effect alone and together.
#[component]
pub fn WhatIfScreen() -> impl IntoView {
    view! { <main class="what-if"></main> }
}
