// Package protocol answers one request line with at most one response line (spec/protocol.md):
// tokenizing, argument ranges, error precedence, and the runtime's side of memory (grow,
// truncate, poke, peek, pages). The allocator is reached only through package allocator's
// exported API.
package protocol

import (
	"bytes"
	"fmt"
	"math/big"
	"strconv"

	"fbago/allocator"
	"fbago/codes"
	"fbago/memory"
)

// maxTokens: init and its four arguments.
const maxTokens = 5

type active struct {
	mem   *memory.Sparse
	alloc *allocator.FreeingBump
}

// Session holds the profile and the current session, if any.
type Session struct {
	profile allocator.Profile
	active  *active
}

func New(profile allocator.Profile) *Session { return &Session{profile: profile} }

// answer is a successful response: "ok" followed by values, or by the four statistics.
type answer struct {
	values []uint64
	stats  *allocator.Stats
}

func ok(values ...uint64) answer { return answer{values: values} }

func bad(format string, args ...interface{}) *codes.Error {
	return &codes.Error{Code: codes.BadRequest, Message: fmt.Sprintf(format, args...)}
}

// quoted shows input as printable ASCII for a one-line message; other bytes become \xNN.
func quoted(b []byte) string {
	shown := b
	if len(shown) > 200 {
		shown = shown[:200]
	}
	var s bytes.Buffer
	s.WriteByte('"')
	for _, c := range shown {
		switch {
		case c == '"' || c == '\\':
			s.WriteByte('\\')
			s.WriteByte(c)
		case c >= 0x20 && c <= 0x7e:
			s.WriteByte(c)
		default:
			fmt.Fprintf(&s, "\\x%02x", c)
		}
	}
	if len(shown) < len(b) {
		s.WriteString("...")
	}
	s.WriteByte('"')
	return s.String()
}

// number parses an unsigned decimal in 0..max: digits only, any number of leading zeros.
func number(token []byte, name string, max uint64) (uint64, *codes.Error) {
	var v uint64
	overflow := false
	for _, c := range token {
		if c < '0' || c > '9' {
			return 0, bad("%s %s is not an unsigned decimal number", name, quoted(token))
		}
		d := uint64(c - '0')
		if v > (^uint64(0)-d)/10 {
			overflow = true // keep scanning: a later non-digit is the better message
		} else {
			v = v*10 + d
		}
	}
	if overflow || v > max {
		return 0, bad("%s %s is out of range 0..%d", name, quoted(token), max)
	}
	return v, nil
}

func u32Arg(token []byte, name string) (uint32, *codes.Error) {
	v, err := number(token, name, 0xFFFFFFFF)
	return uint32(v), err
}

// Execute answers one line (without its '\n') by appending to out; blank and '#' lines get no
// answer.
func (s *Session) Execute(line []byte, out []byte) []byte {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	if len(line) == 0 || line[0] == '#' {
		return out
	}
	values, err := s.answer(line)
	if err != nil {
		out = append(out, "err "...)
		out = append(out, err.Code.String()...)
		out = append(out, ' ')
		out = append(out, quoted(line)...)
		out = append(out, ": "...)
		out = append(out, err.Message...)
		return append(out, '\n')
	}
	out = append(out, "ok"...)
	if st := values.stats; st != nil {
		return appendStats(out, st)
	}
	for _, v := range values.values {
		out = append(out, ' ')
		out = strconv.AppendUint(out, v, 10)
	}
	return append(out, '\n')
}

// appendStats writes " allocated peak sum used\n"; the sum may pass 64 bits.
func appendStats(out []byte, st *allocator.Stats) []byte {
	out = append(out, ' ')
	out = strconv.AppendUint(out, uint64(st.BytesAllocated), 10)
	out = append(out, ' ')
	out = strconv.AppendUint(out, uint64(st.BytesAllocatedPeak), 10)
	out = append(out, ' ')
	if st.BytesAllocatedSumHi == 0 {
		out = strconv.AppendUint(out, st.BytesAllocatedSumLo, 10)
	} else {
		sum := new(big.Int).SetUint64(st.BytesAllocatedSumHi)
		sum.Lsh(sum, 64).Or(sum, new(big.Int).SetUint64(st.BytesAllocatedSumLo))
		out = sum.Append(out, 10)
	}
	out = append(out, ' ')
	out = strconv.AppendUint(out, uint64(st.AddressSpaceUsed), 10)
	return append(out, '\n')
}

func (s *Session) session() (*active, *codes.Error) {
	if s.active == nil {
		return nil, &codes.Error{Code: codes.NotInitialized, Message: "no session: send init first"}
	}
	return s.active, nil
}

func outside(addr uint32, mem *memory.Sparse) *codes.Error {
	return &codes.Error{Code: codes.OutOfBounds,
		Message: fmt.Sprintf("8 bytes at %d lie outside memory of %d bytes", addr, memory.Size(mem))}
}

// answer decides the response. Every argument is parsed before the session is looked at: a
// malformed request is bad_request even before the first init.
func (s *Session) answer(line []byte) (answer, *codes.Error) {
	var tokens [maxTokens][]byte
	count := 0
	for start := 0; start <= len(line); {
		end := bytes.IndexByte(line[start:], ' ')
		if end < 0 {
			end = len(line)
		} else {
			end += start
		}
		if end == start {
			return answer{}, bad("empty token (tokens are separated by exactly one space)")
		}
		if count == maxTokens {
			return answer{}, bad("too many tokens")
		}
		tokens[count] = line[start:end]
		count++
		start = end + 1
	}
	args := tokens[1:count]
	arity := func(n int, usage string) *codes.Error {
		if len(args) != n {
			return bad("expected %q", usage)
		}
		return nil
	}
	switch string(tokens[0]) {
	case "init":
		if err := arity(4, "init <heap_base> <context> <initial_pages> <max_pages>"); err != nil {
			return answer{}, err
		}
		base, err := u32Arg(args[0], "heap_base")
		if err != nil {
			return answer{}, err
		}
		var context allocator.Context
		switch string(args[1]) {
		case "onchain":
			context = allocator.Onchain
		case "offchain":
			context = allocator.Offchain
		default:
			return answer{}, bad("context %s is neither onchain nor offchain", quoted(args[1]))
		}
		initial, err := number(args[2], "initial_pages", memory.MaxWasmPages)
		if err != nil {
			return answer{}, err
		}
		max, err := number(args[3], "max_pages", memory.MaxWasmPages)
		if err != nil {
			return answer{}, err
		}
		if initial > max {
			return answer{}, bad("initial_pages %d is above max_pages %d", initial, max)
		}
		// A refused init (strict heap_base_wrap) ends the previous session too.
		s.active = nil
		alloc, err := allocator.New(base, context, s.profile)
		if err != nil {
			return answer{}, err
		}
		s.active = &active{mem: memory.NewSparse(uint32(initial), uint32(max)), alloc: alloc}
		return ok(), nil
	case "malloc":
		if err := arity(1, "malloc <size>"); err != nil {
			return answer{}, err
		}
		size, err := u32Arg(args[0], "size")
		if err != nil {
			return answer{}, err
		}
		a, err := s.session()
		if err != nil {
			return answer{}, err
		}
		ptr, err := a.alloc.Allocate(a.mem, size)
		if err != nil {
			return answer{}, err
		}
		return ok(uint64(ptr)), nil
	case "free":
		if err := arity(1, "free <ptr>"); err != nil {
			return answer{}, err
		}
		ptr, err := u32Arg(args[0], "ptr")
		if err != nil {
			return answer{}, err
		}
		a, err := s.session()
		if err != nil {
			return answer{}, err
		}
		if err := a.alloc.Deallocate(a.mem, ptr); err != nil {
			return answer{}, err
		}
		return ok(), nil
	case "grow":
		if err := arity(1, "grow <pages>"); err != nil {
			return answer{}, err
		}
		pages, err := u32Arg(args[0], "pages")
		if err != nil {
			return answer{}, err
		}
		a, err := s.session()
		if err != nil {
			return answer{}, err
		}
		if current, ok := a.mem.Grow(pages); !ok {
			max, _ := a.mem.MaxPages()
			return answer{}, &codes.Error{Code: codes.OutOfSpace,
				Message: fmt.Sprintf("%d + %d pages is above max_pages %d", current, pages, max)}
		}
		return ok(), nil
	case "truncate":
		if err := arity(1, "truncate <pages>"); err != nil {
			return answer{}, err
		}
		pages, err := u32Arg(args[0], "pages")
		if err != nil {
			return answer{}, err
		}
		a, err := s.session()
		if err != nil {
			return answer{}, err
		}
		if pages > a.mem.Pages() {
			return answer{}, bad("truncate to %d pages is above the current %d", pages, a.mem.Pages())
		}
		a.mem.Truncate(pages)
		return ok(), nil
	case "poke":
		if err := arity(2, "poke <addr> <u64>"); err != nil {
			return answer{}, err
		}
		addr, err := u32Arg(args[0], "addr")
		if err != nil {
			return answer{}, err
		}
		value, err := number(args[1], "value", ^uint64(0))
		if err != nil {
			return answer{}, err
		}
		a, err := s.session()
		if err != nil {
			return answer{}, err
		}
		if !a.mem.WriteUint64Le(addr, value) {
			return answer{}, outside(addr, a.mem)
		}
		return ok(), nil
	case "peek":
		if err := arity(1, "peek <addr>"); err != nil {
			return answer{}, err
		}
		addr, err := u32Arg(args[0], "addr")
		if err != nil {
			return answer{}, err
		}
		a, err := s.session()
		if err != nil {
			return answer{}, err
		}
		value, inside := a.mem.ReadUint64Le(addr)
		if !inside {
			return answer{}, outside(addr, a.mem)
		}
		return ok(value), nil
	case "stats":
		if err := arity(0, "stats"); err != nil {
			return answer{}, err
		}
		a, err := s.session()
		if err != nil {
			return answer{}, err
		}
		st := a.alloc.Stats()
		return answer{stats: &st}, nil
	case "pages":
		if err := arity(0, "pages"); err != nil {
			return answer{}, err
		}
		a, err := s.session()
		if err != nil {
			return answer{}, err
		}
		return ok(uint64(a.mem.Pages())), nil
	}
	return answer{}, bad("unknown command %s", quoted(tokens[0]))
}
