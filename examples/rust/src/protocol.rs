//! One request line in, at most one response line out (spec/protocol.md): tokenizing, argument
//! ranges, error precedence, and the runtime's side of memory (`grow`, `truncate`, `poke`,
//! `peek`, `pages`). The allocator is reached only through allocator.rs's public items.

use std::io::Write;

use crate::allocator::{Context, FreeingBump, Profile};
use crate::codes::{AllocError, Code};
use crate::memory::{Memory, SparseMemory, MAX_WASM_PAGES};

/// Requests have at most five tokens (`init` and its four arguments).
const MAX_TOKENS: usize = 5;

struct Active {
    memory: SparseMemory,
    allocator: FreeingBump,
}

pub struct Session {
    profile: Profile,
    active: Option<Active>,
}

/// A response that is not `ok`: the code and a message naming the input.
struct Refusal(Code, String);

type Reply = Result<Answer, Refusal>;

enum Answer {
    Ok,
    Value(u64),
    Stats(u32, u32, u128, u32),
}

impl From<AllocError> for Refusal {
    fn from(e: AllocError) -> Self {
        Refusal(e.code, e.message)
    }
}

fn bad(message: String) -> Refusal {
    Refusal(Code::BadRequest, message)
}

/// The input as printable ASCII for a one-line message; other bytes become `\xNN`.
fn quoted(bytes: &[u8]) -> String {
    let shown = &bytes[..bytes.len().min(200)];
    let mut s = String::with_capacity(shown.len() + 2);
    s.push('"');
    for &b in shown {
        match b {
            b'"' | b'\\' => {
                s.push('\\');
                s.push(b as char);
            }
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\x{:02x}", b)),
        }
    }
    if shown.len() < bytes.len() {
        s.push_str("...");
    }
    s.push('"');
    s
}

/// An unsigned decimal in `0..=max`, digits only, any number of leading zeros.
fn number(token: &[u8], name: &str, max: u64) -> Result<u64, Refusal> {
    let mut value: u64 = 0;
    let mut overflow = false;
    for &b in token {
        if !b.is_ascii_digit() {
            return Err(bad(format!("{} {} is not an unsigned decimal number", name, quoted(token))));
        }
        match value.checked_mul(10).and_then(|v| v.checked_add(u64::from(b - b'0'))) {
            Some(v) => value = v,
            None => overflow = true, // keep scanning: a later non-digit is the better message
        }
    }
    if overflow || value > max {
        return Err(bad(format!("{} {} is out of range 0..{}", name, quoted(token), max)));
    }
    Ok(value)
}

fn u32_arg(token: &[u8], name: &str) -> Result<u32, Refusal> {
    number(token, name, u64::from(u32::MAX)).map(|v| v as u32)
}

impl Session {
    pub fn new(profile: Profile) -> Self {
        Session { profile, active: None }
    }

    /// Answers one line (without its `\n`) into `out`; blank and `#` lines get no answer.
    pub fn execute(&mut self, line: &[u8], out: &mut Vec<u8>) {
        let line = match line.split_last() {
            Some((b'\r', rest)) => rest,
            _ => line,
        };
        if line.is_empty() || line[0] == b'#' {
            return;
        }
        // Writing into a Vec cannot fail.
        let _ = match self.answer(line) {
            Ok(Answer::Ok) => out.write_all(b"ok\n"),
            Ok(Answer::Value(v)) => writeln!(out, "ok {}", v),
            Ok(Answer::Stats(a, p, s, u)) => writeln!(out, "ok {} {} {} {}", a, p, s, u),
            Err(Refusal(code, message)) => {
                writeln!(out, "err {} {}: {}", code.as_str(), quoted(line), message)
            }
        };
    }

    fn answer(&mut self, line: &[u8]) -> Reply {
        let mut tokens: [&[u8]; MAX_TOKENS] = [&[]; MAX_TOKENS];
        let mut count = 0;
        for token in line.split(|&b| b == b' ') {
            if token.is_empty() {
                return Err(bad("empty token (tokens are separated by exactly one space)".to_string()));
            }
            if count == MAX_TOKENS {
                return Err(bad("too many tokens".to_string()));
            }
            tokens[count] = token;
            count += 1;
        }
        let args = &tokens[1..count];
        let arity = |n: usize, usage: &str| {
            if args.len() == n {
                Ok(())
            } else {
                Err(bad(format!("expected \"{}\"", usage)))
            }
        };
        // Every argument is parsed before the session is looked at: a malformed request is
        // bad_request even before the first init.
        match tokens[0] {
            b"init" => {
                arity(4, "init <heap_base> <context> <initial_pages> <max_pages>")?;
                let base = u32_arg(args[0], "heap_base")?;
                let context = match args[1] {
                    b"onchain" => Context::Onchain,
                    b"offchain" => Context::Offchain,
                    other => {
                        return Err(bad(format!("context {} is neither onchain nor offchain", quoted(other))))
                    }
                };
                let limit = u64::from(MAX_WASM_PAGES);
                let initial = number(args[2], "initial_pages", limit)? as u32;
                let max = number(args[3], "max_pages", limit)? as u32;
                if initial > max {
                    return Err(bad(format!("initial_pages {} is above max_pages {}", initial, max)));
                }
                self.init(base, context, initial, max)
            }
            b"malloc" => {
                arity(1, "malloc <size>")?;
                let size = u32_arg(args[0], "size")?;
                let s = self.session()?;
                Ok(Answer::Value(u64::from(s.allocator.allocate(&mut s.memory, size)?)))
            }
            b"free" => {
                arity(1, "free <ptr>")?;
                let ptr = u32_arg(args[0], "ptr")?;
                let s = self.session()?;
                s.allocator.deallocate(&mut s.memory, ptr)?;
                Ok(Answer::Ok)
            }
            b"grow" => {
                arity(1, "grow <pages>")?;
                let pages = u32_arg(args[0], "pages")?;
                let s = self.session()?;
                let (current, max) = (s.memory.pages(), s.memory.max_pages().unwrap_or(MAX_WASM_PAGES));
                s.memory.grow(pages).map_err(|_| {
                    Refusal(Code::OutOfSpace, format!("{} + {} pages is above max_pages {}", current, pages, max))
                })?;
                Ok(Answer::Ok)
            }
            b"truncate" => {
                arity(1, "truncate <pages>")?;
                let pages = u32_arg(args[0], "pages")?;
                let s = self.session()?;
                if pages > s.memory.pages() {
                    return Err(bad(format!(
                        "truncate to {} pages is above the current {}",
                        pages,
                        s.memory.pages()
                    )));
                }
                s.memory.truncate(pages);
                Ok(Answer::Ok)
            }
            b"poke" => {
                arity(2, "poke <addr> <u64>")?;
                let addr = u32_arg(args[0], "addr")?;
                let value = number(args[1], "value", u64::MAX)?;
                let s = self.session()?;
                s.memory.write_le_u64(addr, value).map_err(|_| outside(addr, &s.memory))?;
                Ok(Answer::Ok)
            }
            b"peek" => {
                arity(1, "peek <addr>")?;
                let addr = u32_arg(args[0], "addr")?;
                let s = self.session()?;
                let value = s.memory.read_le_u64(addr).ok_or_else(|| outside(addr, &s.memory))?;
                Ok(Answer::Value(value))
            }
            b"stats" => {
                arity(0, "stats")?;
                let st = self.session()?.allocator.stats();
                Ok(Answer::Stats(
                    st.bytes_allocated,
                    st.bytes_allocated_peak,
                    st.bytes_allocated_sum,
                    st.address_space_used,
                ))
            }
            b"pages" => {
                arity(0, "pages")?;
                Ok(Answer::Value(u64::from(self.session()?.memory.pages())))
            }
            other => Err(bad(format!("unknown command {}", quoted(other)))),
        }
    }

    /// A refused init (strict `heap_base_wrap`) ends the previous session too.
    fn init(&mut self, base: u32, context: Context, initial: u32, max: u32) -> Reply {
        self.active = None;
        let allocator = FreeingBump::new(base, context, self.profile)?;
        self.active = Some(Active { memory: SparseMemory::new(initial, max), allocator });
        Ok(Answer::Ok)
    }

    fn session(&mut self) -> Result<&mut Active, Refusal> {
        self.active
            .as_mut()
            .ok_or_else(|| Refusal(Code::NotInitialized, "no session: send init first".to_string()))
    }
}

fn outside(addr: u32, memory: &SparseMemory) -> Refusal {
    Refusal(
        Code::OutOfBounds,
        format!("8 bytes at {} lie outside memory of {} bytes", addr, memory.size()),
    )
}
