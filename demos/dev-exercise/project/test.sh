# The project's tests: they need a scratch file in /tmp, and nothing else.
if echo "fixture" > /tmp/fixture 2>/dev/null && grep -q fixture /tmp/fixture; then
  echo "tests passed"
else
  echo "tests FAILED: no scratch space in /tmp"
fi
