//! Fuzz target `number`: see [`funnel_fuzz::number`] for the property.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| funnel_fuzz::timed(data, funnel_fuzz::number));
