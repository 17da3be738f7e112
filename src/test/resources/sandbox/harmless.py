# Adds numbers and writes its result to its own scratch space.
total = sum(range(1000))
with open("/tmp/result.txt", "w") as f:
    f.write(str(total))
print("total", total)
