//! The floor for `ctg validate`: a bare pass of saphyr-parser's event stream
//! over the same files, doing nothing with the events.
//!
//! usage: cargo run --release --example parse_only -- DIR

use saphyr_parser::Parser;

// The same allocator as ctg, so the floor is the parser's own work.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "conventions".into());
    let started = std::time::Instant::now();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    let (mut files, mut events) = (0usize, 0usize);
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                files += 1;
                let mut parser = Parser::new_from_str(&text);
                while let Some(Ok(_)) = parser.next_event() {
                    events += 1;
                }
            }
        }
    }
    #[allow(clippy::print_stdout)]
    {
        println!(
            "{files} files, {events} events, {:.3} s",
            started.elapsed().as_secs_f64()
        );
    }
}
