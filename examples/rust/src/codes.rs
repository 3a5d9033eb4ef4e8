//! The protocol's error codes (spec/protocol.md, "Error codes") and the error a call returns.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    TooLarge,
    OutOfSpace,
    MemoryShrank,
    Poisoned,
    InvalidPointer,
    OutOfBounds,
    NotAllocated,
    InvalidOrder,
    InvalidFreeList,
    StatsUnderflow,
    HeapBaseWrap,
    BumperWrap,
    AllocatedWrap,
    BadRequest,
    NotInitialized,
}

impl Code {
    /// The code as it appears on the wire after `err `.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::TooLarge => "too_large",
            Code::OutOfSpace => "out_of_space",
            Code::MemoryShrank => "memory_shrank",
            Code::Poisoned => "poisoned",
            Code::InvalidPointer => "invalid_pointer",
            Code::OutOfBounds => "out_of_bounds",
            Code::NotAllocated => "not_allocated",
            Code::InvalidOrder => "invalid_order",
            Code::InvalidFreeList => "invalid_free_list",
            Code::StatsUnderflow => "stats_underflow",
            Code::HeapBaseWrap => "heap_base_wrap",
            Code::BumperWrap => "bumper_wrap",
            Code::AllocatedWrap => "allocated_wrap",
            Code::BadRequest => "bad_request",
            Code::NotInitialized => "not_initialized",
        }
    }
}

/// What an allocator call returns on failure: the code the checker compares and a message for
/// the person reading a diverging trace.
#[derive(Debug)]
pub struct AllocError {
    pub code: Code,
    pub message: String,
}

impl AllocError {
    pub fn new(code: Code, message: String) -> Self {
        AllocError { code, message }
    }
}

impl fmt::Display for AllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}
