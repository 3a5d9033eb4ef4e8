//! fba-rust: the freeing-bump allocator speaking fba's line protocol on stdin/stdout.
//! Usage: fba-rust [--profile substrate|strict]   (or FBA_PROFILE=strict in the environment)
//!
//! Modules: `memory` (the `Memory` trait and this adapter's sparse 4 GiB memory), `allocator`
//! (the file a host replaces with its own allocator), `protocol` (one line -> one answer),
//! `codes` (error codes); this file is the read loop.

mod allocator;
mod codes;
mod memory;
mod protocol;

use std::io::{self, Read, Write};
use std::process::exit;

use allocator::Profile;
use protocol::Session;

const READ_CHUNK: usize = 1 << 20;
/// Leading zeros make any line length legal; past this the line is answered `bad_request`.
const MAX_LINE: usize = 64 << 20;
/// Answers are written out once this much is pending, and whenever input runs dry.
const OUT_FLUSH: usize = 1 << 20;

const USAGE: &str = "usage: fba-rust [--profile substrate|strict]\n\
Reads fba protocol requests (spec/protocol.md) on stdin, one response per line on stdout.\n\
The profile may also come from FBA_PROFILE; the flag wins.\n";

fn profile_named(name: &str) -> Option<Profile> {
    match name {
        "substrate" => Some(Profile::Substrate),
        "strict" => Some(Profile::Strict),
        _ => None,
    }
}

fn parse_args() -> Profile {
    let mut profile = Profile::Substrate;
    if let Ok(env) = std::env::var("FBA_PROFILE") {
        if !env.is_empty() {
            profile = profile_named(&env).unwrap_or_else(|| {
                eprintln!("fba-rust: FBA_PROFILE={} is neither substrate nor strict", env);
                exit(2)
            });
        }
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let value = if arg == "--help" || arg == "-h" {
            print!("{}", USAGE);
            exit(0)
        } else if arg == "--profile" && i + 1 < args.len() {
            i += 1;
            Some(args[i].as_str())
        } else {
            arg.strip_prefix("--profile=")
        };
        match value.map(|v| (v, profile_named(v))) {
            Some((_, Some(p))) => profile = p,
            Some((v, None)) => {
                eprintln!("fba-rust: profile '{}' is neither substrate nor strict\n{}", v, USAGE);
                exit(2)
            }
            None => {
                eprintln!("fba-rust: unexpected argument '{}'\n{}", arg, USAGE);
                exit(2)
            }
        }
        i += 1;
    }
    profile
}

fn write_out(stdout: &mut impl Write, out: &mut Vec<u8>) {
    if out.is_empty() {
        return;
    }
    if let Err(e) = stdout.write_all(out).and_then(|_| stdout.flush()) {
        eprintln!("fba-rust: cannot write to stdout: {}", e);
        exit(3);
    }
    out.clear();
}

fn main() {
    let mut session = Session::new(parse_args());
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut stdout = stdout.lock();

    let mut buf: Vec<u8> = vec![0; READ_CHUNK];
    let (mut start, mut end) = (0usize, 0usize); // unconsumed bytes are buf[start..end]
    let mut out: Vec<u8> = Vec::with_capacity(OUT_FLUSH + 4096);
    let mut searched = 0usize; // buf[start..searched] holds no '\n': a long line is scanned once
    let mut discarding = false; // inside an over-long line, skipping to its end
    loop {
        if let Some(i) = buf[searched..end].iter().position(|&b| b == b'\n') {
            let nl = searched + i;
            if !discarding {
                session.execute(&buf[start..nl], &mut out);
            }
            discarding = false;
            start = nl + 1;
            searched = start;
            if out.len() >= OUT_FLUSH {
                write_out(&mut stdout, &mut out);
            }
            continue;
        }
        // No complete line is waiting: keep the partial one, make room, and read more. The
        // next read may block, so everything answered so far goes out first.
        buf.copy_within(start..end, 0);
        end -= start;
        start = 0;
        searched = end;
        if discarding {
            end = 0;
            searched = 0;
        } else if end == buf.len() {
            if buf.len() < MAX_LINE {
                buf.resize(buf.len() * 2, 0);
            } else {
                out.extend_from_slice(
                    format!("err bad_request line longer than {} bytes\n", MAX_LINE).as_bytes(),
                );
                end = 0;
                searched = 0;
                discarding = true;
            }
        }
        write_out(&mut stdout, &mut out);
        let n = loop {
            match input.read(&mut buf[end..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    eprintln!("fba-rust: cannot read stdin: {}", e);
                    break 0;
                }
            }
        };
        if n == 0 {
            // A last line without '\n' is still a request.
            if !discarding && end > 0 {
                session.execute(&buf[..end], &mut out);
            }
            break;
        }
        end += n;
    }
    write_out(&mut stdout, &mut out);
}
