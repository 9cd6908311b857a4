#!/usr/bin/python3
"""An SMTP server on loopback that fails on purpose, for tests/shell/smtp_faults.sh.

usage: smtp_faults.py PORT LOG.jsonl

Speaks enough SMTP for libcurl (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
QUIT). What it does with a message depends on the recipient's local part,
and only the first time that message (its Message-ID) reaches the end of
DATA; LOG.jsonl (appended, kept across restarts) is what it remembers:

  ok-*      accepted: 250
  temp-*    the first time: 451 after the whole message (not taken)
  cut-*     the first time: the connection closed in the middle of DATA,
            before the final dot (not taken)
  lost-*    the first time: the whole message taken, then the connection
            closed without a reply (the sender cannot know it arrived)
  die-*     the first time: the whole message taken, then the server
            process exits at once without a reply (a crash)

Every message that reached the end of DATA is one line of LOG.jsonl:
{"message_id", "rcpt", "acked": true when 250 was sent}. Prints
"ready PORT" once it listens; stops on SIGTERM.
"""
import asyncio
import json
import os
import re
import signal
import sys


def seen(log, message_id):
    """How many times this Message-ID reached the end of DATA before."""
    n = 0
    try:
        with open(log, encoding='utf-8') as f:
            for line in f:
                if json.loads(line)['message_id'] == message_id:
                    n += 1
    except FileNotFoundError:
        pass
    return n


def record(log, message_id, rcpt, acked):
    with open(log, 'a', encoding='utf-8') as f:
        f.write(json.dumps({'message_id': message_id, 'rcpt': rcpt, 'acked': acked}) + '\n')
        f.flush()
        os.fsync(f.fileno())


async def session(reader, writer, log):
    def say(s):
        writer.write((s + '\r\n').encode())

    rcpt = ''
    say('220 faults.test ESMTP')
    await writer.drain()
    while True:
        line = await reader.readline()
        if not line:
            break
        cmd = line.decode('latin-1').strip()
        verb = cmd[:4].upper()
        if verb in ('EHLO', 'HELO'):
            say('250 faults.test')
        elif verb == 'MAIL':
            rcpt = ''
            say('250 OK')
        elif verb == 'RCPT':
            m = re.search(r'<([^>]*)>', cmd)
            rcpt = m.group(1) if m else ''
            say('250 OK')
        elif verb == 'DATA':
            say('354 go ahead')
            await writer.drain()
            kind = rcpt.split('-', 1)[0]
            body, first = [], True
            while True:
                dl = await reader.readline()
                if not dl:
                    return
                if kind == 'cut' and first:
                    # First line of the message: is it one seen before?
                    first = False
                    if not cut_before(log, rcpt):
                        cut_record(log, rcpt)
                        writer.close()
                        return
                if dl in (b'.\r\n', b'.\n'):
                    break
                body.append(dl)
            raw = b''.join(body).decode('utf-8', 'replace')
            m = re.search(r'^Message-ID:\s*(<[^>]*>)', raw, re.M | re.I)
            mid = m.group(1) if m else ''
            before = seen(log, mid)
            if kind == 'temp' and before == 0 and not temp_before(log, mid):
                temp_record(log, mid)
                say('451 4.3.0 try again later')
            elif kind == 'lost' and before == 0:
                record(log, mid, rcpt, False)
                writer.close()
                return
            elif kind == 'die' and before == 0:
                record(log, mid, rcpt, False)
                os._exit(3)
            else:
                record(log, mid, rcpt, True)
                say('250 OK queued')
        elif verb == 'QUIT':
            say('221 bye')
            await writer.drain()
            break
        else:
            say('250 OK')
        await writer.drain()
    writer.close()


# Refusals that took nothing are remembered apart (LOG + ".refused").
def _refused(log):
    try:
        with open(log + '.refused', encoding='utf-8') as f:
            return [line.strip() for line in f]
    except FileNotFoundError:
        return []


def _refuse(log, key):
    with open(log + '.refused', 'a', encoding='utf-8') as f:
        f.write(key + '\n')


def cut_before(log, rcpt):
    return 'cut ' + rcpt in _refused(log)


def cut_record(log, rcpt):
    _refuse(log, 'cut ' + rcpt)


def temp_before(log, mid):
    return 'temp ' + mid in _refused(log)


def temp_record(log, mid):
    _refuse(log, 'temp ' + mid)


async def main(port, log):
    server = await asyncio.start_server(
        lambda r, w: session(r, w, log), '127.0.0.1', port, reuse_address=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print('ready', port, flush=True)
    async with server:
        await stop.wait()


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
