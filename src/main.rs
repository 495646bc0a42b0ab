/// mimalloc: analysis allocates many small strings and maps per article; the system
/// allocator spent about a fifth of `check`'s time in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(crosscheck::cli::main());
}
