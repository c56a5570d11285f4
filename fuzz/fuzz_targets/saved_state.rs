//! Fuzz target `saved_state`: see [`funnel_fuzz::saved_state`] for the property.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| funnel_fuzz::timed(data, funnel_fuzz::saved_state));
