import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from slugify import save_slugs, slugify  # noqa: E402


class SlugifyTest(unittest.TestCase):
    def test_words_become_dashes(self):
        self.assertEqual(slugify("Container Defense 101"), "container-defense-101")

    def test_accents_are_dropped(self):
        self.assertEqual(slugify("Café Crème"), "cafe-creme")

    def test_length_is_capped_without_a_trailing_dash(self):
        self.assertEqual(slugify("a b " * 40, max_length=8), "a-b-a-b")

    def test_slugs_are_saved(self):
        # like many real test suites, this one writes its scratch files to /tmp (tempfile alone
        # would fall back to the working directory when /tmp is not writable)
        with tempfile.TemporaryDirectory(dir="/tmp") as tmp:
            path = os.path.join(tmp, "slugs.txt")
            save_slugs(["Hello World", "Read-only Root"], path)
            with open(path, encoding="utf-8") as f:
                self.assertEqual(f.read().split(), ["hello-world", "read-only-root"])


if __name__ == "__main__":
    unittest.main()
