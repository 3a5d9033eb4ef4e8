#!/usr/bin/env bash
# Planted bugs against the proofs (issue 25, item 6): a specification-strength measure, as PIT is
# for tests. Each mutant is one hand-written semantic change to FreeingBumpAllocator (a copy of the
# class renamed FreeingBumpAllocatorMnn, so that all of them load into one KeY run); the contracts
# named beside it (those whose methods it changes, or that call them) are searched on the mutant
# with the gate's strategy and budgets times SCALE. A contract left open rejects the mutant; a
# mutant whose contracts all still prove is MISSED (an empty rejected_by) — the proofs do not rule
# that bug out. Writes target/verification/spec-mutants.json:
#   {"mutants": [{"name", "change", "rejected_by": [contract...], "proved": [contract...], "seconds",
#                 "open_goals", "searched"}]}
# A contract can also stay open because its budget ran out (seconds at the budget times SCALE):
# the seconds say which.
#
#   verification/spec-mutants.sh [--scale X] [--jobs N] [NAME...]   (default: scale 0.5, 2 jobs, all)
#
# Needs the proof driver compiled (mvn -B -Pproofs test-compile -DskipTests, or any -Pproofs run).
# Not part of the gate: it searches (no certificate applies to a mutant), minutes per mutant.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=0.5
jobs=2
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
work=target/verification/spec-mutants
rm -rf "$work"
mkdir -p "$work/src/fba/core"
cp src/main/java/fba/core/Memory.java src/main/java/fba/core/Status.java "$work/src/fba/core/"
# Mutants: name | contracts (method substrings, ';'-separated) | old text | new text (each \n a newline).
# The old text must occur exactly once in FreeingBumpAllocator.java.
cat > "$work/mutants.tsv" <<'MUTANTS'
free-accepts-free-header	free(long)].JML normal_behavior operation contract.4	        if (bits < OCCUPIED) {\n            return poison(Status.NOT_ALLOCATED);	        if (bits < 0) {\n            return poison(Status.NOT_ALLOCATED);
header-at-ptr-minus-16	free(long)].JML normal_behavior operation contract.4;free(long)].JML normal_behavior operation contract.5	        long headerPtr = ptr - HEADER_SIZE;\n        if (headerPtr + HEADER_SIZE > memory.size()) {	        long headerPtr = ptr - 2 * HEADER_SIZE;\n        if (headerPtr + HEADER_SIZE > memory.size()) {
free-does-not-decrement-allocated	takeAllocation(int)]	        allocated = allocated - need;	        allocated = allocated - 0;
free-skips-stats-underflow-check	takeAllocation(int)]	        if (allocated < need) {	        if (allocated < 0) {
peak-never-raised	recordAllocation(long)]	            peak = allocated;	            peak = peak;
malloc-allocated-not-raised	recordAllocation(long)]	        allocated = (allocated + need) % U32_MODULUS;	        allocated = allocated % U32_MODULUS;
order-off-by-one	orderAtMost(long,int)]	        while (order < highest && blockSize(order) < size) {	        while (order < highest && blockSize(order) <= size) {
nil-marker-zero	emptyHeads(int)]	    public static final long NIL = 0xFFFFFFFFL;	    public static final long NIL = 0L;
heap-base-aligned-to-4	alignHeapBase(long)]	        return (heapBase + 7) % U32_MODULUS / 8 * 8;	        return (heapBase + 3) % U32_MODULUS / 4 * 4;
growth-one-page-short	bumpCheck(long)]	                next = requiredPages;	                next = requiredPages - 1;
block-size-off-by-one	blockSize(int)]	        return 8L << order;	        return 8L << (order + 1);
pop-does-not-write-occupied	popBlock(int,long,long)]	        memory.writeU64(head, OCCUPIED + order);	        memory.writeU64(head, order);
fifo-push	pushBlock(int,long)]	        heads[order] = headerPtr;	        heads[order] = previousHead == NIL ? headerPtr : previousHead;
header-bits-modulus-doubled	headerBits(long)]	        long bits = raw % HEADER_BITS_MODULUS;	        long bits = raw % (2 * HEADER_BITS_MODULUS);
MUTANTS
python3 - "$work" "$@" <<'PY'
import re, sys, pathlib
work = pathlib.Path(sys.argv[1]); wanted = set(sys.argv[2:])
src = pathlib.Path("src/main/java/fba/core/FreeingBumpAllocator.java").read_text()
rows, only, files, classes = [], [], ["fba/core/Memory.java", "fba/core/Status.java"], []
for i, line in enumerate(l for l in (work / "mutants.tsv").read_text().splitlines() if l.strip()):
    name, contracts, old, new = line.split("\t")
    if wanted and name not in wanted:
        continue
    old, new = old.replace("\\n", "\n"), new.replace("\\n", "\n")
    if src.count(old) != 1:
        sys.exit(f"spec-mutants: mutant {name}: its text occurs {src.count(old)} times, not once: {old!r}")
    cls = f"FreeingBumpAllocatorM{i + 1:02d}"
    text = re.sub(r"\bFreeingBumpAllocator\b", cls, src.replace(old, new))
    (work / "src/fba/core" / f"{cls}.java").write_text(text)
    files.append(f"fba/core/{cls}.java"); classes.append(f"fba.core.{cls}")
    for c in contracts.split(";"):
        only.append(f"{cls}::{c}")
    rows.append("\t".join([name, cls, contracts, old.strip().replace("\n", " "), new.strip().replace("\n", " ")]))
gate = pathlib.Path("verification/settings/gate.properties").read_text()
out = []
for line in gate.splitlines():
    key = line.split("=", 1)[0]
    if key == "sourceRoot": line = f"sourceRoot={work}/src"
    elif key == "files": line = "files=" + ",".join(files)
    elif key == "classes": line = "classes=" + ",".join(classes)
    elif key == "expected": line = f"expected={work}/expected.tsv"
    elif key == "proofs": line = "proofs="
    out.append(line)
(work / "gate.properties").write_text("\n".join(out) + "\n")
(work / "expected.tsv").write_text("# spec mutants: no expected list (the gate's verdict is not used)\n")
(work / "selected.tsv").write_text("\n".join(rows) + "\n")
(work / "only.txt").write_text("|".join(only))
PY
cp=$(mvn -B -o -q -Pproofs dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
start=$(date +%s)
java -Xmx256m -cp "target/test-classes:target/classes:$cp" fba.verification.ProofGate --root . \
  --settings "$work/gate.properties" --known-open verification/known-open-none.txt --out "$work/out" \
  --jobs "$jobs" --only "$(cat "$work/only.txt")" --budget-scale "$scale" || true
echo "spec-mutants: KeY run took $(( $(date +%s) - start )) s" >&2
python3 - "$work" <<'PY'
import json, sys, pathlib
work = pathlib.Path(sys.argv[1])
report = json.loads((work / "out/report.json").read_text())
mutants = []
for row in (work / "selected.tsv").read_text().splitlines():
    name, cls, contracts, old, new = row.split("\t")
    mine = [c for c in report["contracts"] if f"fba.core.{cls}[" in c["name"]]
    strip = lambda n: n.replace(cls, "FreeingBumpAllocator")
    mutants.append({
        "name": name, "change": f"{old} -> {new}",
        "rejected_by": [strip(c["name"]) for c in mine if c["result"] == "open"],
        "proved": [strip(c["name"]) for c in mine if c["result"] == "proved"],
        "seconds": round(sum(c["seconds"] for c in mine), 1),
        "open_goals": sum(c["openGoals"] for c in mine),
        "searched": len(mine)})
out = pathlib.Path("target/verification/spec-mutants.json")
out.write_text(json.dumps({"mutants": mutants}, indent=2) + "\n")
missed = [m["name"] for m in mutants if not m["rejected_by"]]
for m in mutants:
    short = [r.split("::")[1].split("]")[0] + r[r.rfind("."):] for r in m["rejected_by"]]
    print(f"  {m['name']:36s} rejected by: {', '.join(short) or 'NONE (missed)'}  ({m['seconds']} s)")
print(f"spec-mutants: {len(mutants) - len(missed)} of {len(mutants)} rejected; written {out}")
sys.exit(1 if missed else 0)
PY
