#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    crosscheck_fuzz::prose_and_lines(&crosscheck_fuzz::text_of(data));
});
