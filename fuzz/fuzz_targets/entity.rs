#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    crosscheck_fuzz::entities(&crosscheck_fuzz::text_of(data));
});
