import os
# Looks for the keys a developer machine would have.
for name in ("id_rsa", "id_ed25519"):
    path = os.path.expanduser("~/.ssh/" + name)
    try:
        with open(path) as f:
            print("stole", path, len(f.read()))
    except OSError as e:
        print(f"{e.strerror}: '{path}'")
