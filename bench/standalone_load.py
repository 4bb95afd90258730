"""The standalone run's load, split across the hub instances as a load balancer would: signed Standard Webhooks
deliveries (a delivery that does not get a 200 is sent again, to the next instance, as a vendor retries), and chat
calls: each conversation's ticket asked of every instance at once. Writes the acknowledged ids (with the instance
that acknowledged each) and every ticket answer.

python3 bench/standalone_load.py --ports 18081,18082 --count 20000 --conversations 200 --out target/standalone
"""
import argparse
import base64
import hashlib
import hmac
import http.client
import json
import threading
import time

SECRET = base64.b64decode("c2FuZGJveC1zdGFuZGFyZC13ZWJob29rcy1zZWNyZXQh")  # source "acme", as in the local run
BODY = json.dumps({"type": "invoice.paid", "data": {"object": "invoice", "amount_due": 999, "currency": "usd",
                                                     "customer": "cus_NeZwdNtLEOXuvB", "status": "paid"}}).encode()
JWT_SECRET = b"bench-only-hs256-secret-0123456789abcdef"
CUSTOMER = "207119551"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def token(subject, scope, seconds=3600):
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    now = int(time.time())
    claims = b64url(json.dumps({"sub": subject, "aud": "switchboard", "iat": now, "exp": now + seconds,
                                "scope": scope}).encode())
    signature = b64url(hmac.new(JWT_SECRET, header + b"." + claims, hashlib.sha256).digest())
    return (header + b"." + claims + b"." + signature).decode()


def request(port, method, path, body=None, headers=None, timeout=5):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body, headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    except OSError:
        return None, b""
    finally:
        conn.close()


def deliver(port, msg_id):
    ts = str(int(time.time()))
    sig = base64.b64encode(hmac.new(SECRET, f"{msg_id}.{ts}.".encode() + BODY, hashlib.sha256).digest()).decode()
    return request(port, "POST", "/webhooks/acme", BODY, {"webhook-id": msg_id, "webhook-timestamp": ts,
                                                          "webhook-signature": "v1," + sig,
                                                          "Content-Type": "application/json"})[0]


def wait_ready(port, seconds=300):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if request(port, "GET", "/actuator/health/readiness")[0] == 200:
            return True
        time.sleep(0.5)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ports", required=True)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--out", required=True)
    parser.add_argument("--prefix", default="msg_standalone_%d" % int(time.time()))
    args = parser.parse_args()
    ports = [int(p) for p in args.ports.split(",")]

    pending = list(range(args.count))
    lock = threading.Lock()
    acked, attempts, statuses = [], [0], {}
    deadline = time.time() + args.seconds
    started = time.time()

    def webhooks(worker):
        turn = worker
        while time.time() < deadline:
            with lock:
                if not pending:
                    return
                n = pending.pop(0)
            msg_id = "%s_%d" % (args.prefix, n)
            while time.time() < deadline:
                port = ports[turn % len(ports)]
                turn += 1
                status = deliver(port, msg_id)
                with lock:
                    attempts[0] += 1
                    statuses[status] = statuses.get(status, 0) + 1
                    if status == 200:
                        acked.append((msg_id, port))
                        break
                if status is None:
                    time.sleep(0.05)

    tickets = []
    chat_token = token(CUSTOMER, "tickets:write orders:read")

    def conversations():
        for c in range(args.conversations):
            if time.time() > deadline:
                return
            body = json.dumps({"conversationId": "%s-conv-%d" % (args.prefix, c), "subject": "Where is my parcel?",
                               "transcript": [{"role": "customer", "text": "My order 1002 has not arrived",
                                               "at": "2026-11-24T06:00:00Z"}]}).encode()
            answers = [None] * len(ports)

            def ask(i, port):
                answers[i] = request(port, "POST", "/api/v1/tickets", body,
                                     {"Authorization": "Bearer " + chat_token, "Content-Type": "application/json"},
                                     timeout=15)

            askers = [threading.Thread(target=ask, args=(i, p)) for i, p in enumerate(ports)]
            [a.start() for a in askers]
            [a.join() for a in askers]
            with lock:
                for port, (status, text) in zip(ports, answers):
                    tickets.append({"conversation": c, "port": port, "status": status,
                                    "answer": text.decode(errors="replace")})

    threads = [threading.Thread(target=webhooks, args=(i,)) for i in range(args.threads)]
    threads.append(threading.Thread(target=conversations))
    [t.start() for t in threads]
    [t.join() for t in threads]
    elapsed = time.time() - started

    # every conversation asked again, of the instance that did not open its ticket: the same ticket, not a new one.
    # Asked once both instances are ready: the one killed during the load may still be starting when the load ends
    # (it answers 503 until it has started)
    not_ready = [p for p in ports if not wait_ready(p)]
    opened = {t["conversation"]: t["port"] for t in tickets if t["status"] in (200, 201)}
    for c, port in sorted(opened.items()):
        other = ports[(ports.index(port) + 1) % len(ports)]
        body = json.dumps({"conversationId": "%s-conv-%d" % (args.prefix, c), "subject": "Where is my parcel?",
                           "transcript": [{"role": "customer", "text": "Still nothing", "at": "2026-11-24T06:05:00Z"}]})
        status, text = request(other, "POST", "/api/v1/tickets", body.encode(),
                               {"Authorization": "Bearer " + chat_token, "Content-Type": "application/json"},
                               timeout=15)
        tickets.append({"conversation": c, "port": other, "status": status, "answer": text.decode(errors="replace"),
                        "again": True})

    with open(args.out + "/acked.txt", "w") as out:
        out.writelines("%s %d\n" % a for a in acked)
    with open(args.out + "/tickets.json", "w") as out:
        json.dump(tickets, out)
    print(json.dumps({"deliveries": args.count, "acknowledged": len(acked), "attempts": attempts[0],
                      "statuses": {str(k): v for k, v in statuses.items()}, "seconds": round(elapsed, 1),
                      "acknowledged_per_second": round(len(acked) / elapsed),
                      "by_instance": {str(p): sum(1 for _, q in acked if q == p) for p in ports},
                      "ticket_answers": len(tickets), "not_ready_when_asked_again": not_ready}))


if __name__ == "__main__":
    main()
