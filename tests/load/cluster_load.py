#!/usr/bin/python3
"""A bounded load through HAProxy for the cluster's fault tests (issue 15).

usage: cluster_load.py BASE_URL TOKENS_FILE PROCEDURE SECONDS THREADS OUT.jsonl

Each thread, until SECONDS have passed, files a dossier with the JSON API
(POST /api/v1/dossiers, a small PDF of its own) with one of the bearer
tokens of TOKENS_FILE (one per line), then looks its status up
(GET /api/v1/dossiers/CODE). Every answer is one JSON line in OUT.jsonl:
t (seconds since start), op (submit|status), status (HTTP status, 0 for
a connection error or a timeout), code, sha256 (of the file sent), err,
retry_after, attempt (0 the first time) and key. A submission answered 503 or
not answered is sent again with the same Idempotency-Key, up to three times,
after Retry-After (at most 2 s here). AGENCY (environment) names the receiving agency (comma-separated:
taken in turn). OFFICER_TOKEN (environment): a receiver's bearer token of
that agency; then each dossier filed is also accepted
(POST /api/v1/dossiers/CODE/transitions, the version the filing answered),
recorded as op accept (a transition under the faults). LOGINS_FILE
(environment): lines "LOGIN<TAB>PASSWORD<TAB>PAGE" (citizens and officers);
then each thread also logs in with a password after each dossier, taking the
accounts in turn, as a browser does: the form (op login-form, GET
/dich-vu/dang-nhap: an anonymous cookie and its CSRF token), the password
(op login, POST: 303 and a session cookie; answered 503 or not at all, sent
again up to three times after Retry-After) and one page that needs the
session (op login-page, GET PAGE: 200; a 303 there would be the session
lost). LOAD_STOP_FILE (environment): after SECONDS, go on until that
file exists (at most three times SECONDS), so that a test can have load
after a step whose length it cannot know. Loopback only, bounded in count
and time; stops by itself.
"""
import hashlib
import http.client
import json
import os
import re
import sys
import threading
import time
import urllib.parse
import uuid

RETRIES = 3


def pdf(tag):
    body = ('%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'
            '%% chaos %s\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' % tag)
    return body.encode()


def multipart(fields, files):
    b = uuid.uuid4().hex
    out = []
    for k, v in fields.items():
        out.append(('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                    % (b, k, v)).encode())
    for k, (name, data, ctype) in files.items():
        out.append(('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                    'Content-Type: %s\r\n\r\n' % (b, k, name, ctype)).encode() + data + b'\r\n')
    out.append(('--%s--\r\n' % b).encode())
    return b''.join(out), 'multipart/form-data; boundary=' + b


def main():
    if len(sys.argv) != 7:
        print(__doc__, file=sys.stderr)
        return 2
    base, tokfile, proc, secs, threads, out = sys.argv[1:]
    u = urllib.parse.urlsplit(base)
    host, port = u.hostname, u.port or 80
    if host not in ('127.0.0.1', 'localhost', '::1'):
        print('loopback only', file=sys.stderr)
        return 2
    tokens = [t.strip() for t in open(tokfile) if t.strip()]
    agencies = [a for a in os.environ.get('AGENCY', '').split(',') if a]
    secs, threads = float(secs), int(threads)
    start = time.monotonic()
    lock = threading.Lock()
    f = open(out, 'a', encoding='utf-8')

    def record(**kw):
        kw['t'] = round(time.monotonic() - start, 3)
        with lock:
            f.write(json.dumps(kw, ensure_ascii=False) + '\n')
            f.flush()

    def call(method, path, body=None, headers=None, jar=None):
        c = http.client.HTTPConnection(host, port, timeout=30)
        headers = dict(headers or {})
        if jar:
            headers['Cookie'] = '; '.join('%s=%s' % kv for kv in jar.items())
        try:
            c.request(method, path, body=body, headers=headers)
            r = c.getresponse()
            data = r.read()
            if jar is not None:
                for h in r.headers.get_all('Set-Cookie') or []:
                    name, _, rest = h.partition('=')
                    jar[name.strip()] = rest.split(';', 1)[0]
            return r.status, data, r.getheader('Retry-After')
        except (OSError, http.client.HTTPException) as e:
            return 0, str(e).encode(), None
        finally:
            c.close()

    logins = []
    if os.environ.get('LOGINS_FILE'):
        logins = [l.rstrip('\n').split('\t') for l in open(os.environ['LOGINS_FILE'])
                  if l.strip()]
    form = {'Content-Type': 'application/x-www-form-urlencoded'}

    def err(st, resp, good):
        return None if st in good else resp[:160].decode('utf-8', 'replace')

    def login(account):
        """A password login in a browser of its own, then one page."""
        who, password, page = account
        jar = {}
        st, resp, ra = call('GET', '/dich-vu/dang-nhap', jar=jar)
        record(op='login-form', status=st, who=who, retry_after=ra, err=err(st, resp, (200,)))
        m = re.search(rb'name="csrf" value="([0-9a-f]{64})"', resp)
        if st != 200 or not m:
            return
        body = urllib.parse.urlencode({'csrf': m.group(1).decode(), 'login': who,
                                       'password': password})
        for attempt in range(RETRIES + 1):
            st, resp, ra = call('POST', '/dich-vu/dang-nhap', body, form, jar=jar)
            record(op='login', status=st, who=who, retry_after=ra, attempt=attempt,
                   session='mc_session' in jar, err=err(st, resp, (303,)))
            if st not in (0, 503) or not going():
                break
            time.sleep(min(float(ra or 1), 2.0))
        if st != 303 or not jar.get('mc_session'):
            return
        st, resp, ra = call('GET', page, jar=jar)
        record(op='login-page', status=st, who=who, retry_after=ra, err=err(st, resp, (200,)))

    stop_file = os.environ.get('LOAD_STOP_FILE')
    officer = os.environ.get('OFFICER_TOKEN')

    def going():
        t = time.monotonic() - start
        if t < secs:
            return True
        return bool(stop_file) and t < 3 * secs and not os.path.exists(stop_file)

    def worker(i):
        n = 0
        while going():
            n += 1
            tok = tokens[(i + n) % len(tokens)]
            tag = '%d-%d-%s' % (i, n, uuid.uuid4().hex[:8])
            data = pdf(tag)
            fields = {'procedure': proc, 'fields': json.dumps({'content': 'chaos ' + tag})}
            if agencies:
                fields['agency'] = agencies[(i + n) % len(agencies)]
            body, ctype = multipart(
                fields,
                {'file': ('giay-to-%s.pdf' % tag, data, 'application/pdf')})
            # One key per submission: sent again after a 503 or a lost
            # connection (at most RETRIES times, after Retry-After, at most
            # 2 s here), it files one dossier.
            key = uuid.uuid4().hex
            for attempt in range(RETRIES + 1):
                st, resp, ra = call('POST', '/api/v1/dossiers', body,
                                    {'Authorization': 'Bearer ' + tok, 'Content-Type': ctype,
                                     'Idempotency-Key': key})
                code = version = None
                if st == 201:
                    try:
                        j = json.loads(resp)
                        code, version = j['code'], j.get('version')
                    except ValueError:
                        pass
                record(op='submit', status=st, code=code, sha256=hashlib.sha256(data).hexdigest(),
                       retry_after=ra, attempt=attempt, key=key,
                       err=None if st in (200, 201) else resp[:160].decode('utf-8', 'replace'))
                if st not in (0, 503) or not going():
                    break
                time.sleep(min(float(ra or 1), 2.0))
            if code:
                st, resp, ra = call('GET', '/api/v1/dossiers/' + urllib.parse.quote(code),
                                    headers={'Authorization': 'Bearer ' + tok})
                record(op='status', status=st, code=code, retry_after=ra,
                       err=None if st == 200 else resp[:160].decode('utf-8', 'replace'))
                if officer:
                    st, resp, ra = call(
                        'POST', '/api/v1/dossiers/%s/transitions' % urllib.parse.quote(code),
                        json.dumps({'action': 'accept', 'version': version}),
                        {'Authorization': 'Bearer ' + officer,
                         'Content-Type': 'application/json'})
                    record(op='accept', status=st, code=code, retry_after=ra,
                           err=None if st == 200 else resp[:160].decode('utf-8', 'replace'))
            elif st != 201:
                time.sleep(0.2)
            if logins:
                login(logins[(i + n) % len(logins)])

    ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    f.close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
