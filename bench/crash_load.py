"""Sends signed Standard Webhooks deliveries to the hub from several threads, as a vendor would: a delivery that
does not get a 200 is retried until it does or the run ends. Writes the ids that got 200 to --acked.

python3 bench/crash_load.py --port 8080 --count 20000 --acked target/crash/acked.txt --seconds 60
"""
import argparse
import base64
import hashlib
import hmac
import http.client
import json
import threading
import time

SECRET = base64.b64decode("c2FuZGJveC1zdGFuZGFyZC13ZWJob29rcy1zZWNyZXQh")  # local profile, source "acme"
BODY = json.dumps({"type": "invoice.paid", "data": {"object": "invoice", "amount_due": 999, "currency": "usd",
                                                     "customer": "cus_NeZwdNtLEOXuvB", "status": "paid"}}).encode()


def deliver(port, msg_id):
    ts = str(int(time.time()))
    sig = base64.b64encode(hmac.new(SECRET, f"{msg_id}.{ts}.".encode() + BODY, hashlib.sha256).digest()).decode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("POST", "/webhooks/acme", BODY, {"webhook-id": msg_id, "webhook-timestamp": ts,
                                                      "webhook-signature": "v1," + sig,
                                                      "Content-Type": "application/json"})
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--seconds", type=int, default=90)
    parser.add_argument("--acked", required=True)
    parser.add_argument("--prefix", default="msg_crash_%d" % int(time.time()))
    args = parser.parse_args()

    pending = list(range(args.count))
    lock = threading.Lock()
    acked, attempts = [], [0]
    deadline = time.time() + args.seconds

    def worker():
        while time.time() < deadline:
            with lock:
                if not pending:
                    return
                n = pending.pop(0)
            msg_id = "%s_%d" % (args.prefix, n)
            status = deliver(args.port, msg_id)
            with lock:
                attempts[0] += 1
                if status == 200:
                    acked.append(msg_id)
                else:
                    pending.append(n)  # the vendor retries later
            if status != 200:
                time.sleep(0.2)

    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(args.acked, "w") as out:
        out.write("\n".join(acked) + "\n")
    print("sent %d deliveries in %d attempts; %d acknowledged with 200; %d never acknowledged"
          % (args.count, attempts[0], len(acked), len(pending)))


if __name__ == "__main__":
    main()
