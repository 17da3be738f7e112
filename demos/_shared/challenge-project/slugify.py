"""Turn titles into URL slugs: the code under test in the challenge project."""
import re
import unicodedata


def slugify(title: str, max_length: int = 60) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return text[:max_length].rstrip("-")


def save_slugs(titles, path):
    with open(path, "w", encoding="utf-8") as out:
        for title in titles:
            out.write(slugify(title) + "\n")
