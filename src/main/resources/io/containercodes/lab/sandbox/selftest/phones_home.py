# Telemetry to two collectors, on the lab's canary network: the connections get through (to the
# canary), and the report names the flag that would have stopped them.
# selftest: network: canary
# selftest: expect: DNS lookup @ collector.example = allowed
# selftest: expect: Outbound connection = allowed
import urllib.request

for url, data in (
    ("http://canary:8080/collect?secret=42", None),
    ("http://collector.example/upload", b"hostname=dev-laptop"),
):
    try:
        urllib.request.urlopen(url, data=data, timeout=3).read()
    except Exception:
        pass
