// fba-go: the freeing-bump allocator speaking fba's line protocol on stdin/stdout.
// Usage: fba-go [--profile substrate|strict]   (or FBA_PROFILE=strict in the environment)
//
// Packages: memory (the Memory interface and this adapter's sparse 4 GiB memory), allocator
// (what a host replaces with its own allocator), protocol (one line -> one answer), codes (error
// codes); this file is the read loop.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"fbago/allocator"
	"fbago/protocol"
)

const (
	readChunk = 1 << 20
	// Leading zeros make any line length legal; past this the line is answered bad_request.
	maxLine = 64 << 20
	// Answers are written out once this much is pending, and whenever input runs dry.
	outFlush = 1 << 20
)

const usage = `usage: fba-go [--profile substrate|strict]
Reads fba protocol requests (spec/protocol.md) on stdin, one response per line on stdout.
The profile may also come from FBA_PROFILE; the flag wins.
`

func profileNamed(name string) (allocator.Profile, bool) {
	switch name {
	case "substrate":
		return allocator.Substrate, true
	case "strict":
		return allocator.Strict, true
	}
	return 0, false
}

func parseArgs() allocator.Profile {
	profile := allocator.Substrate
	if env := os.Getenv("FBA_PROFILE"); env != "" {
		p, ok := profileNamed(env)
		if !ok {
			fmt.Fprintf(os.Stderr, "fba-go: FBA_PROFILE=%s is neither substrate nor strict\n", env)
			os.Exit(2)
		}
		profile = p
	}
	args := os.Args[1:]
	for i := 0; i < len(args); i++ {
		var value string
		has := false
		switch {
		case args[i] == "--help" || args[i] == "-h":
			fmt.Print(usage)
			os.Exit(0)
		case args[i] == "--profile" && i+1 < len(args):
			i++
			value, has = args[i], true
		case strings.HasPrefix(args[i], "--profile="):
			value, has = strings.TrimPrefix(args[i], "--profile="), true
		}
		if !has {
			fmt.Fprintf(os.Stderr, "fba-go: unexpected argument '%s'\n%s", args[i], usage)
			os.Exit(2)
		}
		p, ok := profileNamed(value)
		if !ok {
			fmt.Fprintf(os.Stderr, "fba-go: profile '%s' is neither substrate nor strict\n%s", value, usage)
			os.Exit(2)
		}
		profile = p
	}
	return profile
}

func writeOut(out []byte) []byte {
	if len(out) > 0 {
		if _, err := os.Stdout.Write(out); err != nil {
			fmt.Fprintf(os.Stderr, "fba-go: cannot write to stdout: %v\n", err)
			os.Exit(3)
		}
	}
	return out[:0]
}

func main() {
	session := protocol.New(parseArgs())
	buf := make([]byte, readChunk)
	start, end := 0, 0 // unconsumed bytes are buf[start:end]
	out := make([]byte, 0, outFlush+4096)
	searched := 0       // buf[start:searched] holds no '\n': a long line is scanned once
	discarding := false // inside an over-long line, skipping to its end
	for {
		if i := bytes.IndexByte(buf[searched:end], '\n'); i >= 0 {
			nl := searched + i
			if !discarding {
				out = session.Execute(buf[start:nl], out)
			}
			discarding = false
			start = nl + 1
			searched = start
			if len(out) >= outFlush {
				out = writeOut(out)
			}
			continue
		}
		// No complete line is waiting: keep the partial one, make room, and read more. The next
		// read may block, so everything answered so far goes out first.
		end = copy(buf, buf[start:end])
		start = 0
		searched = end
		if discarding {
			end, searched = 0, 0
		} else if end == len(buf) {
			if len(buf) < maxLine {
				bigger := make([]byte, 2*len(buf))
				copy(bigger, buf[:end])
				buf = bigger
			} else {
				out = append(out, fmt.Sprintf("err bad_request line longer than %d bytes\n", maxLine)...)
				end, searched = 0, 0
				discarding = true
			}
		}
		out = writeOut(out)
		n, err := os.Stdin.Read(buf[end:])
		end += n
		if n > 0 {
			continue
		}
		if err != nil && err != io.EOF {
			fmt.Fprintf(os.Stderr, "fba-go: cannot read stdin: %v\n", err)
		}
		if err != nil {
			// A last line without '\n' is still a request.
			if !discarding && end > 0 {
				out = session.Execute(buf[:end], out)
			}
			break
		}
	}
	writeOut(out)
}
