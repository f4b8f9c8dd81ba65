#!/usr/bin/env python3
"""Helpers for .ci/check-redis-cluster.sh: post Segment calls, read the outcome stream (a minimal RESP client), and
compare outcomes, emulator events and profile states with what was accepted."""
import base64, json, random, socket, sys, time, urllib.request, urllib.error

PEOPLE = 300
TOTAL = 20_000
PER_CALL = 100


def messages():
    """20,000 messages, identify and track mixed over PEOPLE people; each identify sets a first name that says which
    identify of that person it was, so the final state of a profile is that of its last accepted identify."""
    out = []
    rng = random.Random(18)
    for n in range(TOTAL):
        person = rng.randrange(PEOPLE)
        user, email = f"cu{person}", f"cu{person}@shop-demo.test"
        if rng.random() < 0.35:
            out.append({"type": "identify", "userId": user, "messageId": f"cl-{n}",
                        "traits": {"email": email, "firstName": f"F{n}", "plan": f"p{n % 5}"}})
        else:
            out.append({"type": "track", "event": "Product Viewed", "userId": user, "messageId": f"cl-{n}",
                        "properties": {"product_id": f"sku{n % 50}", "price": 9.5},
                        "context": {"traits": {"email": email}}})
    return out


def post(ports, first_call, last_call, accepted_path):
    """Posts calls [first_call, last_call) alternately to the ports; a call answered 503 or refused is retried on the
    next port (as a Segment client would). Appends the message ids of every call answered 200."""
    all_messages = messages()
    auth = "Basic " + base64.b64encode(b"check:").decode()
    refused = 0
    with open(accepted_path, "a") as accepted:
        for call in range(first_call, last_call):
            batch = all_messages[call * PER_CALL:(call + 1) * PER_CALL]
            body = json.dumps({"batch": batch}).encode()
            for attempt in range(200):
                port = ports[(call + attempt) % len(ports)]
                request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/batch", data=body, method="POST",
                                                 headers={"Authorization": auth, "Content-Type": "application/json"})
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        if response.status == 200:
                            accepted.write("\n".join(m["messageId"] for m in batch) + "\n")
                            break
                except (urllib.error.HTTPError, urllib.error.URLError, ConnectionError, TimeoutError):
                    refused += 1
                    time.sleep(0.2)
            else:
                sys.exit(f"call {call} was never accepted")
    print(f"posted calls {first_call}..{last_call - 1} to ports {ports}; {refused} attempts refused and retried")


class Resp:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.file = self.sock.makefile("rb")

    def call(self, *args):
        parts = [f"*{len(args)}\r\n".encode()]
        for a in args:
            a = str(a).encode()
            parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
        self.sock.sendall(b"".join(parts))
        return self.read()

    def read(self):
        line = self.file.readline().rstrip(b"\r\n")
        kind, rest = line[:1], line[1:]
        if kind in (b"+", b":"):
            return int(rest) if kind == b":" else rest.decode()
        if kind == b"-":
            raise RuntimeError(rest.decode())
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self.file.read(n + 2)[:-2]
            return data.decode()
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self.read() for _ in range(n)]
        raise RuntimeError(f"unexpected reply {line!r}")


def outcomes(redis_port, prefix):
    r = Resp(redis_port)
    result, start = [], "-"
    while True:
        page = r.call("XRANGE", "{" + prefix + "}:outcomes", start, "+", "COUNT", 5000)
        if not page:
            return result
        for entry_id, fields in page:
            result.append(dict(zip(fields[::2], fields[1::2])))
        start = "(" + page[-1][0]


def outcome_count(redis_port, prefix):
    return Resp(redis_port).call("XLEN", "{" + prefix + "}:outcomes")


def get(emu_port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{emu_port}/__emulator/{path}", timeout=60) as response:
        return json.load(response)


def verify(redis_port, prefix, emu_port, accepted_path, assert_no_429):
    accepted = [line.strip() for line in open(accepted_path) if line.strip()]
    accepted_set = set(accepted)
    recorded = outcomes(redis_port, prefix)
    ids = [o["id"] for o in recorded]
    dupes = len(ids) - len(set(ids))
    missing = len(accepted_set - set(ids))
    statuses = {}
    for o in recorded:
        statuses[o["status"]] = statuses.get(o["status"], 0) + 1
    consumers = {}
    for o in recorded:
        consumers[o["consumer"]] = consumers.get(o["consumer"], 0) + 1
    failures = [o for o in recorded if o["status"] != "delivered"][:5]
    print(f"accepted {len(accepted)} ({len(accepted_set)} distinct); outcomes {len(recorded)}: {missing} missing, {dupes} repeated; "
          f"statuses {statuses}; by consumer {sorted(consumers.values())}")
    for f in failures:
        print("  not delivered:", f)

    by_id = {m["messageId"]: m for m in messages()}
    tracks = {i for i in accepted_set if by_id[i]["type"] == "track"}
    events = get(emu_port, "events")
    unique_ids = [e.get("unique_id") for e in events]
    event_dupes = len(unique_ids) - len(set(unique_ids))
    event_missing = len(tracks - set(unique_ids))
    print(f"emulator: {len(events)} events for {len(tracks)} accepted tracks: {event_missing} missing, {event_dupes} held twice")

    expected = {}
    for i in accepted:  # accepted in posting order, which is each person's order
        m = by_id[i]
        if m["type"] == "identify":
            expected[m["userId"]] = m["traits"]["firstName"]
    profiles = {p.get("external_id"): p for p in get(emu_port, "profiles")}
    wrong = [u for u, name in expected.items() if (profiles.get(u) or {}).get("first_name") != name]
    print(f"profiles: {len(profiles)}; {len(wrong)} of {len(expected)} not in the state of their last identify {wrong[:3]}")

    requests = get(emu_port, "requests")
    throttled = sum(1 for q in requests if q.get("status_code") == 429)
    complete = not requests or requests[0].get("sequence", 1) <= 1
    print(f"emulator answered {throttled} rate-limit 429s in {len(requests)} requests{'' if complete else ' (request log truncated)'}")

    ok = missing == 0 and dupes == 0 and len(recorded) == len(accepted_set) and event_dupes == 0 and event_missing == 0 and not wrong \
        and len(accepted) == len(accepted_set) == TOTAL and statuses.get("delivered", 0) == len(recorded)
    if assert_no_429 and throttled != 0:
        print("expected no 429 with the shared rate limiter")
        ok = False
    return ok


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "post":
        post([int(p) for p in sys.argv[2].split(",")], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    elif command == "count":
        print(outcome_count(int(sys.argv[2]), sys.argv[3]))
    elif command == "verify":
        sys.exit(0 if verify(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6] == "1") else 1)
