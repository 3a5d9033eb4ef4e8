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
	"strings"

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

// args holds a request's arguments and the first one that failed to parse: parsing goes on
// without effect after a failure, and ready reports it before anything else, so a malformed
// request is bad_request even before the first init.
type args struct {
	tokens [][]byte
	err    *codes.Error
}

func (a *args) number(i int, name string, max uint64) uint64 {
	if a.err != nil {
		return 0
	}
	v, err := number(a.tokens[i], name, max)
	a.err = err
	return v
}

func (a *args) u32(i int, name string) uint32 { return uint32(a.number(i, name, 0xFFFFFFFF)) }

// ready is the argument error if there was one, else the session or not_initialized.
func (a *args) ready(s *Session) (*active, *codes.Error) {
	if a.err != nil {
		return nil, a.err
	}
	return s.session()
}

// command is a request kind: its usage (whose word count gives the arity) and what it does.
type command struct {
	usage string
	run   func(s *Session, a *args) (answer, *codes.Error)
}

var commands = map[string]command{
	"init":     {"init <heap_base> <context> <initial_pages> <max_pages>", (*Session).init},
	"malloc":   {"malloc <size>", (*Session).malloc},
	"free":     {"free <ptr>", (*Session).free},
	"grow":     {"grow <pages>", (*Session).grow},
	"truncate": {"truncate <pages>", (*Session).truncate},
	"poke":     {"poke <addr> <u64>", (*Session).poke},
	"peek":     {"peek <addr>", (*Session).peek},
	"stats":    {"stats", (*Session).stats},
	"pages":    {"pages", (*Session).pages},
}

// answer decides the response: tokens, then the command's arity, arguments and effect.
func (s *Session) answer(line []byte) (answer, *codes.Error) {
	tokens := make([][]byte, 0, maxTokens)
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
		if len(tokens) == maxTokens {
			return answer{}, bad("too many tokens")
		}
		tokens = append(tokens, line[start:end])
		start = end + 1
	}
	cmd, known := commands[string(tokens[0])]
	if !known {
		return answer{}, bad("unknown command %s", quoted(tokens[0]))
	}
	if len(tokens) != strings.Count(cmd.usage, " ")+1 {
		return answer{}, bad("expected %q", cmd.usage)
	}
	return cmd.run(s, &args{tokens: tokens[1:]})
}

func (s *Session) init(a *args) (answer, *codes.Error) {
	base := a.u32(0, "heap_base")
	var context allocator.Context
	switch string(a.tokens[1]) {
	case "onchain":
		context = allocator.Onchain
	case "offchain":
		context = allocator.Offchain
	default:
		if a.err == nil {
			a.err = bad("context %s is neither onchain nor offchain", quoted(a.tokens[1]))
		}
	}
	initial := a.number(2, "initial_pages", memory.MaxWasmPages)
	max := a.number(3, "max_pages", memory.MaxWasmPages)
	if a.err == nil && initial > max {
		a.err = bad("initial_pages %d is above max_pages %d", initial, max)
	}
	if a.err != nil {
		return answer{}, a.err
	}
	// A refused init (strict heap_base_wrap) ends the previous session too.
	s.active = nil
	alloc, err := allocator.New(base, context, s.profile)
	if err != nil {
		return answer{}, err
	}
	s.active = &active{mem: memory.NewSparse(uint32(initial), uint32(max)), alloc: alloc}
	return ok(), nil
}

func (s *Session) malloc(a *args) (answer, *codes.Error) {
	size := a.u32(0, "size")
	act, err := a.ready(s)
	if err != nil {
		return answer{}, err
	}
	ptr, err := act.alloc.Allocate(act.mem, size)
	return ok(uint64(ptr)), err
}

func (s *Session) free(a *args) (answer, *codes.Error) {
	ptr := a.u32(0, "ptr")
	act, err := a.ready(s)
	if err != nil {
		return answer{}, err
	}
	return ok(), act.alloc.Deallocate(act.mem, ptr)
}

func (s *Session) grow(a *args) (answer, *codes.Error) {
	pages := a.u32(0, "pages")
	act, err := a.ready(s)
	if err != nil {
		return answer{}, err
	}
	if current, grown := act.mem.Grow(pages); !grown {
		max, _ := act.mem.MaxPages()
		return answer{}, &codes.Error{Code: codes.OutOfSpace,
			Message: fmt.Sprintf("%d + %d pages is above max_pages %d", current, pages, max)}
	}
	return ok(), nil
}

func (s *Session) truncate(a *args) (answer, *codes.Error) {
	pages := a.u32(0, "pages")
	act, err := a.ready(s)
	if err != nil {
		return answer{}, err
	}
	if pages > act.mem.Pages() {
		return answer{}, bad("truncate to %d pages is above the current %d", pages, act.mem.Pages())
	}
	act.mem.Truncate(pages)
	return ok(), nil
}

func (s *Session) poke(a *args) (answer, *codes.Error) {
	addr := a.u32(0, "addr")
	value := a.number(1, "value", ^uint64(0))
	act, err := a.ready(s)
	if err != nil {
		return answer{}, err
	}
	if !act.mem.WriteUint64Le(addr, value) {
		return answer{}, outside(addr, act.mem)
	}
	return ok(), nil
}

func (s *Session) peek(a *args) (answer, *codes.Error) {
	addr := a.u32(0, "addr")
	act, err := a.ready(s)
	if err != nil {
		return answer{}, err
	}
	value, inside := act.mem.ReadUint64Le(addr)
	if !inside {
		return answer{}, outside(addr, act.mem)
	}
	return ok(value), nil
}

func (s *Session) stats(a *args) (answer, *codes.Error) {
	act, err := a.ready(s)
	if err != nil {
		return answer{}, err
	}
	st := act.alloc.Stats()
	return answer{stats: &st}, nil
}

func (s *Session) pages(a *args) (answer, *codes.Error) {
	act, err := a.ready(s)
	if err != nil {
		return answer{}, err
	}
	return ok(uint64(act.mem.Pages())), nil
}
