#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|session: crosscheck_fuzz::Session| {
    crosscheck_fuzz::incremental(&session);
});
