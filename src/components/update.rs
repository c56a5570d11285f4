//! Offline use and clean updates: registers the service worker that
//! scripts/sw.mjs writes for each build, and says "A new version is ready —
//! reload" once the next build's worker is installed and waiting.
//!
//! The waiting worker takes over only when the user accepts: the button asks
//! it to skip waiting and the page reloads when it becomes the controller. So
//! a page never runs one build's JS glue against another build's wasm, and
//! nothing reloads under someone typing.

use crate::i18n::update::{u, U};
use crate::state::use_app;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// The worker's file, beside index.html (scripts/sw.mjs writes it).
const WORKER: &str = "sw.js";
/// The message the worker answers with `skipWaiting()` (scripts/sw.mjs).
const SKIP_WAITING: &str = "skip-waiting";

/// Registers the service worker and, when a new build is waiting, shows the
/// notice with its "Reload" button in a polite status region (focus stays
/// where it is).
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let app = use_app();
    let ready = RwSignal::new(false);
    if let Some(container) = container() {
        leptos::task::spawn_local(register(container, ready));
    }
    view! {
        <div class="update-status" role="status">
            <Show when=move || ready.get()>
                <p class="update-notice">
                    <span>{move || u(app.lang(), U::NewVersion)}</span>
                    <button type="button" class="primary" on:click=move |_| accept()>
                        {move || u(app.lang(), U::Reload)}
                    </button>
                </p>
            </Show>
        </div>
    }
}

/// The browser's service worker container, when this page should have a
/// worker at all: served over http(s) (a secure context, or the container is
/// missing) and the app's own index.html, which declares the manifest — the
/// wasm-bindgen-test runner's page does not, nor does a file:// copy.
fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    let protocol = window.location().protocol().ok()?;
    if protocol != "https:" && protocol != "http:" {
        return None;
    }
    window
        .document()?
        .query_selector("link[rel=manifest]")
        .ok()??;
    let navigator = window.navigator();
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    present.then(|| navigator.service_worker())
}

/// Registers the worker and watches for a new build's worker reaching
/// "installed". A failed registration (offline on a first visit, a host
/// without sw.js) leaves the app as it is.
async fn register(container: ServiceWorkerContainer, ready: RwSignal<bool>) {
    let Ok(reg) = JsFuture::from(container.register(WORKER)).await else {
        return;
    };
    // A browser that blocks workers may resolve with nothing at all.
    let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
        return;
    };
    // Only a page some worker already controls has an old version to leave;
    // the first install just makes the next visit work offline.
    let offer = move || {
        if container.controller().is_some() {
            ready.try_set(true);
        }
    };
    if let Some(worker) = reg.installing() {
        watch(worker, offer.clone());
    }
    if reg.waiting().is_some() {
        offer();
    }
    let on_found = Closure::<dyn Fn()>::new({
        let reg = reg.clone();
        move || {
            if let Some(worker) = reg.installing() {
                watch(worker, offer.clone());
            }
        }
    });
    reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    // Lives as long as the page, as the registration does.
    on_found.forget();
}

/// Calls `offer` when `worker` finishes installing (it then waits).
fn watch(worker: ServiceWorker, offer: impl Fn() + 'static) {
    let this = worker.clone();
    let on_state = Closure::<dyn Fn()>::new(move || {
        if this.state() == ServiceWorkerState::Installed {
            offer();
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

/// The user accepted: the waiting worker takes over and the page reloads
/// under it. With no worker waiting (another tab already switched), a plain
/// reload picks up the new version.
fn accept() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    leptos::task::spawn_local(async move {
        let waiting = match JsFuture::from(container.get_registration()).await {
            Ok(reg) if reg.is_instance_of::<ServiceWorkerRegistration>() => {
                reg.unchecked_into::<ServiceWorkerRegistration>().waiting()
            }
            _ => None,
        };
        let Some(worker) = waiting else {
            reload();
            return;
        };
        // Only this tab reloads on the switch: the user asked here. Other
        // tabs keep the build they loaded, whole, until they reload.
        let on_change = Closure::<dyn Fn()>::new(reload);
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        if worker
            .post_message(&JsValue::from_str(SKIP_WAITING))
            .is_err()
        {
            reload();
        }
    });
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
