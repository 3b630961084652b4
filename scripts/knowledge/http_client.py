"""A small, polite HTTPS client for the gatherer: one keep-alive connection per thread and host, retries with
backoff on network errors, 429 and 5xx, and counters (requests, bytes, full downloads) that the gatherer prints.

The standard library only, so the scheduled workflow needs nothing but Python.
"""
import http.client
import os
import ssl
import threading
import time
import urllib.parse

USER_AGENT = "keras-compat-knowledge-gatherer/1 (scripts/knowledge/gather.py; weekly refresh of release facts)"
RETRIES = 5


class Counters:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.bytes = 0
        self.full_downloads = 0
        self.retries = 0

    def add(self, **values):
        with self.lock:
            for key, value in values.items():
                setattr(self, key, getattr(self, key) + value)


class HttpError(Exception):
    pass


class Client:
    def __init__(self, counters):
        self.counters = counters
        self.local = threading.local()
        cafile = os.environ.get("SSL_CERT_FILE") or os.environ.get("PIP_CERT")
        self.context = ssl.create_default_context(cafile=cafile if cafile and os.path.exists(cafile) else None)

    def _connection(self, host):
        """host is "scheme://netloc": plain http only serves the tests' local server."""
        pool = getattr(self.local, "pool", None)
        if pool is None:
            pool = self.local.pool = {}
        if host not in pool:
            scheme, netloc = host.split("://", 1)
            pool[host] = (http.client.HTTPConnection(netloc, timeout=60) if scheme == "http" else
                          http.client.HTTPSConnection(netloc, context=self.context, timeout=60))
        return pool[host]

    def _drop(self, host):
        conn = self.local.pool.pop(host, None)
        if conn is not None:
            conn.close()

    def get(self, url, headers=None, byte_range=None):
        """(status, headers, body). byte_range is "start-end" or "-suffix"; a 200 answer to a range request is
        counted as a full download."""
        parts = urllib.parse.urlsplit(url)
        sent = {"User-Agent": USER_AGENT, **(headers or {})}
        if byte_range:
            sent["Range"] = "bytes=" + byte_range
        path = parts.path + ("?" + parts.query if parts.query else "")
        host = "%s://%s" % (parts.scheme, parts.netloc)
        for attempt in range(RETRIES):
            try:
                status, answer, body = self._once(host, path, sent)
            except (OSError, http.client.HTTPException) as error:
                self._drop(host)
                self._backoff(attempt, "%s: %s" % (url, error))
                continue
            if status == 429 or status >= 500:
                self._backoff(attempt, "%s: HTTP %d" % (url, status))
                continue
            self.counters.add(requests=1, bytes=len(body), full_downloads=int(bool(byte_range) and status == 200))
            return status, answer, body
        raise HttpError("giving up on %s after %d attempts" % (url, RETRIES))

    def _once(self, host, path, headers):
        conn = self._connection(host)
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.getheader("Connection", "").lower() == "close":
            self._drop(host)
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body

    def _backoff(self, attempt, why):
        self.counters.add(retries=1)
        if attempt + 1 < RETRIES:
            time.sleep(min(30, 0.5 * 2 ** attempt))
        else:
            print("retry exhausted: " + why, flush=True)
