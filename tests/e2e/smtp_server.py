#!/usr/bin/python3
"""A real SMTP server on loopback for the notification tests (aiosmtpd).

usage: smtp_server.py PORT OUT.jsonl

Refuses recipients whose address starts with "reject-" for good (550) and
accepts every other message, appending one JSON line per message to
OUT.jsonl: message_id, mail_from, to, the raw Subject header, the
subject and body decoded by Python's e-mail parser (RFC 2047, base64,
charsets), the Content-Type and the Date. Prints "ready PORT" on stdout
once it listens; stops on SIGTERM or SIGINT.
"""
import asyncio
import json
import signal
import sys
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller


class Saver:
    def __init__(self, path):
        self.path = path

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.lower().startswith('reject-'):
            return '550 5.1.1 mailbox unavailable'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        msg = BytesParser(policy=policy.default).parsebytes(raw)
        raw_msg = BytesParser(policy=policy.compat32).parsebytes(raw)
        body = msg.get_body(preferencelist=('plain',))
        rec = {
            'message_id': str(msg.get('Message-ID', '')),
            'mail_from': envelope.mail_from,
            'rcpt': envelope.rcpt_tos,
            'to': str(msg.get('To', '')),
            'from': str(msg.get('From', '')),
            'subject_raw': str(raw_msg.get('Subject', '')),
            'subject': str(msg.get('Subject', '')),
            'body': body.get_content() if body is not None else '',
            'content_type': msg.get_content_type(),
            'charset': msg.get_content_charset(),
            'date': str(msg.get('Date', '')),
        }
        with open(self.path, 'a', encoding='utf-8') as f:
            f.write(json.dumps(rec, ensure_ascii=False) + '\n')
        return '250 OK'


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    port, out = int(sys.argv[1]), sys.argv[2]
    ctl = Controller(Saver(out), hostname='127.0.0.1', port=port)
    ctl.start()
    print(f'ready {port}', flush=True)
    stop = asyncio.new_event_loop()
    done = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        stop.add_signal_handler(sig, done.set)
    stop.run_until_complete(done.wait())
    ctl.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
