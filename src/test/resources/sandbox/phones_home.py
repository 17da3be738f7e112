import urllib.request
# Sends a "telemetry" request to a collector.
try:
    urllib.request.urlopen("http://canary:8080/collect?secret=42", timeout=3).read()
    print("sent")
except Exception as e:
    print("failed:", e)
