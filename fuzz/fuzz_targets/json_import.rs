//! Fuzz target `json_import`: see [`funnel_fuzz::json_import`] for the property.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| funnel_fuzz::timed(data, funnel_fuzz::json_import));
