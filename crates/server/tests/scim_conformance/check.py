"""Runs the scim2-tester conformance checks (PyPI `scim2-tester`) against a
Samtal SCIM server and prints one line per check.

Usage: check.py BASE_URL TOKEN

BASE_URL is the server's SCIM base, like http://127.0.0.1:8080/scim/v2, and
TOKEN a SCIM bearer token of an organization. Exits 1 if any check reports
an error or a critical finding, 0 otherwise. Checks of features the server
says it does not offer (ServiceProviderConfig) are reported as skipped by
the tester itself.
"""

import sys
from collections import Counter

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

FAILING = {Status.ERROR, Status.CRITICAL}


def main() -> int:
    base, token = sys.argv[1], sys.argv[2]
    http = Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    client = SyncSCIMClient(http)
    results = check_server(client, raise_exceptions=False)
    counts = Counter()
    for result in results:
        counts[result.status.name] += 1
        where = f"[{result.resource_type}] " if result.resource_type else ""
        print(f"{result.status.name:<10} {where}{result.title}: {result.reason or ''}")
    print("summary: " + ", ".join(f"{n} {name.lower()}" for name, n in sorted(counts.items())))
    return 1 if any(r.status in FAILING for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
