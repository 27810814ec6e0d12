#!/usr/bin/env python3
"""A plain Python Wing-Gong-Lowe checker for a compare-and-swap register, to time against
`grader linearizability` on the same history (bench/compare_wgl.sh runs both).

Reads Jepsen's text log (docs/linearizability.md): invoke/ok/fail/info events of read,
write and cas on one register whose initial value is nil. `fail` means the operation did
not happen (it is dropped); `info` means it may have happened at any point after its call
(it is pending: it returns at the end of time). The search is Lowe's: a linked list of call
and return entries, linearize the first call whose effect is allowed, cache (linearized set,
state) pairs, backtrack on a return that no linearized call matches.

  bench/wgl_python.py HISTORY.log   -> prints "linearizable" or "not linearizable" and seconds
"""
import re
import sys
import time

LINE = re.compile(r"jepsen\.util\s+-\s+(\S+)\s+:(\w+)\s+:(\w+)\s*(.*)$")


def parse_value(text):
    text = text.strip()
    if text in ("nil", "", ":timed-out"):
        return None
    if text.startswith("["):
        return tuple(None if v == "nil" else int(v) for v in text.strip("[]").split())
    return int(text)


def read_history(path):
    ops, open_calls, events = [], {}, []
    with open(path) as f:
        for line in f:
            m = LINE.search(line)
            if not m or not m.group(1).isdigit():
                continue
            process, kind, fn, value = int(m.group(1)), m.group(2), m.group(3), m.group(4)
            if kind == "invoke":
                open_calls[process] = len(ops)
                ops.append({"f": fn, "in": parse_value(value), "out": None, "pending": True,
                            "dropped": False})
                events.append(("call", open_calls[process]))
            else:
                index = open_calls.pop(process)
                op = ops[index]
                if kind == "ok":
                    op["pending"] = False
                    op["out"] = parse_value(value)
                    events.append(("ret", index))
                elif kind == "fail":
                    op["dropped"] = True
                # info: stays pending
    timeline = [(t, i) for t, i in events if not ops[i]["dropped"]]
    for i, op in enumerate(ops):  # pending ops return after everything
        if op["pending"] and not op["dropped"]:
            timeline.append(("ret", i))
    return ops, timeline


def next_states(state, op):
    """The register's possible states after `op` in `state`: none when it cannot happen
    there. A pending op (outcome unknown) may also have had no effect at all."""
    f = op["f"]
    if f == "read":
        states = [state] if op["pending"] or op["out"] == state else []
    elif f == "write":
        states = [op["in"]]
    else:
        old, new = op["in"]
        states = [new] if state == old else []
    if op["pending"] and state not in states:
        states.append(state)
    return states


INVALID = object()


def check(ops, timeline):
    n = len(timeline)
    kind = [t for t, _ in timeline]
    op_of = [i for _, i in timeline]
    ret_of = {}
    for position, (t, i) in enumerate(timeline):
        if t == "ret":
            ret_of[i] = position
    # Entries 0..n-1 in time order, and a sentinel HEAD = n closing the ring.
    HEAD = n
    prev = [HEAD] + list(range(0, n - 1)) + [n - 1 if n else HEAD]
    nxt = list(range(1, n)) + [HEAD] + [0 if n else HEAD]
    if n == 0:
        prev, nxt = [HEAD], [HEAD]

    def lift(position):
        p, q = prev[position], nxt[position]
        nxt[p] = q
        prev[q] = p

    def unlift(position):
        p, q = prev[position], nxt[position]
        nxt[p] = position
        prev[q] = position

    cache = set()
    linearized = 0
    state = None
    stack = []  # (call entry, state before it, states still to try after it)
    entry = nxt[HEAD]

    def try_states(entry, before, candidates):
        """Linearizes the op at `entry` into the first uncached candidate; True if one."""
        nonlocal state, linearized
        i = op_of[entry]
        bits = linearized | (1 << i)
        while candidates:
            candidate = candidates.pop(0)
            if (bits, candidate) in cache:
                continue
            cache.add((bits, candidate))
            stack.append((entry, before, candidates))
            state = candidate
            linearized = bits
            lift(entry)
            lift(ret_of[i])
            return True
        return False

    while entry != HEAD:
        if kind[entry] == "call":
            if try_states(entry, state, next_states(state, ops[op_of[entry]])):
                entry = nxt[HEAD]
            else:
                entry = nxt[entry]
            continue
        # A return whose call is not linearized yet: undo the last choice.
        while True:
            if not stack:
                return False
            call_entry, before, candidates = stack.pop()
            i = op_of[call_entry]
            state = before
            linearized &= ~(1 << i)
            unlift(ret_of[i])
            unlift(call_entry)
            if try_states(call_entry, before, candidates):
                entry = nxt[HEAD]
                break
            entry = nxt[call_entry]
            break
    return True


def main():
    ops, timeline = read_history(sys.argv[1])
    start = time.perf_counter()
    ok = check(ops, timeline)
    seconds = time.perf_counter() - start
    print(f"{'linearizable' if ok else 'not linearizable'} {seconds:.3f}")


if __name__ == "__main__":
    main()
