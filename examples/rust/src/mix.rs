//! fba-rust-mix: the op mix of src/bench/java/fba/bench (OpMix, CpuTimeMix) and of
//! examples/c/bench/mix.c on this Rust allocator, so that bench/compare.sh can time the Java core
//! against a second native build in the same run.
//!
//! Same draws as OpMix: xorshift64 (13, 7, 17) seeded by one splitmix64 step of 0x5EED0B5E55ED;
//! per draw r, free the live block at (r >> 1) % live when blocks are live and (1000 are live or
//! r is odd), else malloc 1 + ((r >> 20) % 1024). On-chain, heap base 0, 1 page growable to 65536,
//! the substrate profile, a fresh heap per repetition. Timed like CpuTimeMix: the thread's CPU
//! time, one unreported warm-up repetition, then REPS repetitions of 50,000,000 ops. It prints the
//! sum of the pointers malloc returned, which the script compares with the Java and C sums.
//!
//! Usage: fba-rust-mix [REPS]     (default 7)

#![allow(dead_code)]

#[path = "allocator.rs"]
mod allocator;
#[path = "codes.rs"]
mod codes;
#[path = "memory.rs"]
mod memory;

use allocator::{Context, FreeingBump, Profile};
use memory::SparseMemory;
use std::process::exit;

const OPS: u64 = 50_000_000;
const MAX_LIVE: usize = 1000;
const SEED: u64 = 0x5EED_0B5E_55ED;

fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, t: *mut Timespec) -> i32;
}

/// CLOCK_THREAD_CPUTIME_ID on Linux: std has no thread CPU clock, and the crate has no dependencies.
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

fn cpu_seconds() -> f64 {
    let mut t = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into the struct it is given.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
    if rc != 0 {
        eprintln!("fba-rust-mix: clock_gettime failed");
        exit(3);
    }
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

/// One repetition on a fresh heap; the sum of the pointers malloc returned.
fn run() -> u64 {
    let mut mem = SparseMemory::new(1, 65536);
    let mut a = match FreeingBump::new(0, Context::Onchain, Profile::Substrate) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fba-rust-mix: init failed: {}", e);
            exit(1);
        }
    };
    let mut live = [0u32; MAX_LIVE];
    let mut count = 0usize;
    let mut x = splitmix64(SEED);
    let mut acc = 0u64;
    for _ in 0..OPS {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let r = x;
        if count > 0 && (count == MAX_LIVE || r & 1 == 1) {
            let i = ((r >> 1) % count as u64) as usize;
            if let Err(e) = a.deallocate(&mut mem, live[i]) {
                eprintln!("fba-rust-mix: free {} failed: {}", live[i], e);
                exit(1);
            }
            count -= 1;
            live[i] = live[count];
        } else {
            match a.allocate(&mut mem, (1 + (r >> 20) % 1024) as u32) {
                Ok(ptr) => {
                    live[count] = ptr;
                    count += 1;
                    acc += u64::from(ptr);
                }
                Err(e) => {
                    eprintln!("fba-rust-mix: malloc failed: {}", e);
                    exit(1);
                }
            }
        }
    }
    acc
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let reps: usize = match args.len() {
        1 => 7,
        2 => match args[1].parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => {
                eprintln!("usage: fba-rust-mix [REPS]   (REPS >= 1, default 7)");
                exit(2);
            }
        },
        _ => {
            eprintln!("usage: fba-rust-mix [REPS]   (REPS >= 1, default 7)");
            exit(2);
        }
    };
    let mut ns = Vec::with_capacity(reps);
    let mut sum = 0;
    for rep in 0..=reps {
        let t0 = cpu_seconds();
        sum = run();
        let t1 = cpu_seconds();
        if rep > 0 {
            ns.push((t1 - t0) * 1e9 / OPS as f64);
        }
    }
    ns.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "rust: CPU time per op over {} x {} ops: min {:.2} ns, median {:.2} ns, max {:.2} ns; pointer sum {}",
        reps,
        OPS,
        ns[0],
        ns[reps / 2],
        ns[reps - 1],
        sum
    );
}
