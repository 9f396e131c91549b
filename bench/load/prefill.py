"""Writes COUNT small KV v2 secrets <path>k<n> over keep-alive connections, THREADS at a time.

Usage: prefill.py BASE_URL TOKEN MOUNT_DATA_PATH COUNT [THREADS]
e.g.   prefill.py http://127.0.0.1:8200 cfs.x secret/data/load/list/ 10000 8
"""
import http.client
import sys
import threading
from urllib.parse import urlparse

base, token, path, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 8
url = urlparse(base)
failures = []


def worker(first):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {"X-Vault-Token": token, "Content-Type": "application/json"}
    for n in range(first, count, threads):
        conn.request("POST", "/v1/" + path + "k%06d" % n, body='{"data":{"v":"%d"}}' % n, headers=headers)
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            failures.append(resp.status)
    conn.close()


workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
if failures:
    sys.exit("%d writes failed, e.g. status %d" % (len(failures), failures[0]))
