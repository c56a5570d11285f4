//! Fuzz target `csv_import`: see [`funnel_fuzz::csv_import`] for the property.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| funnel_fuzz::timed(data, funnel_fuzz::csv_import));
