#!/usr/bin/python3
"""A stand-in SMS gateway on loopback for the notification tests.

usage: sms_server.py PORT OUT.jsonl

Answers POST (any path) with a JSON body {"to", "text", "id"} by 200
{"ok": true} and appends the body, with the path, Content-Type and
Idempotency-Key, as one JSON line to OUT.jsonl; anything else is 400. As a
real gateway does with its client's message reference, a request whose
Idempotency-Key it has already taken is answered 200 {"ok": true,
"duplicate": true} and not delivered again (appended to OUT.jsonl.repeated
instead). Prints "ready PORT" once it listens; stops on SIGTERM or SIGINT.
"""
import json
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    out = None
    lock = threading.Lock()
    seen = set()

    def answer(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        n = int(self.headers.get('Content-Length') or 0)
        try:
            msg = json.loads(self.rfile.read(n).decode('utf-8'))
        except (ValueError, UnicodeDecodeError):
            return self.answer(400, {'error': 'bad json'})
        if not isinstance(msg, dict) or not {'to', 'text', 'id'} <= msg.keys():
            return self.answer(400, {'error': 'to, text and id expected'})
        key = self.headers.get('Idempotency-Key')
        rec = dict(msg, path=self.path, content_type=self.headers.get('Content-Type'),
                   idempotency_key=key)
        with self.lock:
            dup = key is not None and key in self.seen
            if key is not None:
                self.seen.add(key)
            with open(self.out + ('.repeated' if dup else ''), 'a', encoding='utf-8') as f:
                f.write(json.dumps(rec, ensure_ascii=False) + '\n')
        return self.answer(200, {'ok': True, 'duplicate': True} if dup else {'ok': True})

    def log_message(self, fmt, *args):
        pass


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    Handler.out = sys.argv[2]
    srv = ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Handler)
    srv.daemon_threads = True

    def stop(*_):
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f'ready {sys.argv[1]}', flush=True)
    srv.serve_forever()
    srv.server_close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
