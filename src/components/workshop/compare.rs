//! The Compare screen: two scenarios side by side.

use leptos::prelude::*;

/// Two scenarios' funnels at the same scale and their key figures, the
/// differences highlighted.
#[component]
pub fn CompareScreen() -> impl IntoView {
    view! { <main class="compare"></main> }
}
