//! Fuzz target `share_link`: see [`funnel_fuzz::share_link`] for the property.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| funnel_fuzz::timed(data, funnel_fuzz::share_link));
