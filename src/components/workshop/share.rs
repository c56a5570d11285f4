//! Sharing a scenario: a link carrying it in the URL fragment, its QR code,
//! and JSON files.

use leptos::prelude::*;

/// "Copy share link", "Show QR code", "Export JSON" and "Import JSON".
#[component]
pub fn ShareControls() -> impl IntoView {
    view! { <span class="share-controls"></span> }
}
