package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What comes back from an engine's copy is written over the lab's folder and never through a link
 * onto the rest of the host: a container controls every byte of that archive.
 */
class FolderArchiveTest {
  @TempDir Path dir;

  /** An archive as the engine's GET gives it: every entry under the copy's own folder. */
  private static byte[] archive(Entry... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Entry e : entries) {
        TarArchiveEntry t =
            e.link == null ? new TarArchiveEntry(e.name) : new TarArchiveEntry(e.name, e.type);
        if (e.link != null) {
          t.setLinkName(e.link);
        }
        byte[] data = e.text == null ? new byte[0] : e.text.getBytes(StandardCharsets.UTF_8);
        t.setSize(e.link == null ? data.length : 0);
        t.setMode(e.name.endsWith("/") ? 040755 : 0100644);
        tar.putArchiveEntry(t);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private record Entry(String name, String text, String link, byte type) {
    static Entry file(String name, String text) {
      return new Entry(name, text, null, (byte) 0);
    }

    static Entry symlink(String name, String to) {
      return new Entry(name, null, to, TarArchiveEntry.LF_SYMLINK);
    }
  }

  @Test
  void whatTheContainerWroteComesBackAndWhatItRemovedGoes() throws IOException {
    Path copy = Files.createDirectory(dir.resolve("copy"));
    Files.writeString(copy.resolve("kept"), "old");
    Files.writeString(copy.resolve("removed"), "x");
    FolderArchive.extract(
        new ByteArrayInputStream(
            archive(
                Entry.file(".cclab-copy/", null),
                Entry.file(".cclab-copy/kept", "new"),
                Entry.file(".cclab-copy/sub/", null),
                Entry.file(".cclab-copy/sub/made", "by the container"))),
        copy,
        false);
    assertEquals("new", Files.readString(copy.resolve("kept")));
    assertEquals("by the container", Files.readString(copy.resolve("sub/made")));
    assertFalse(Files.exists(copy.resolve("removed")));
  }

  /** The escape a container would try: a link to the host, then a file written through it. */
  @Test
  void aLinkTheContainerMadeIsNeverWrittenThrough() throws IOException {
    Path copy = Files.createDirectory(dir.resolve("copy"));
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Files.writeString(outside.resolve("victim"), "host's own");
    FolderArchive.extract(
        new ByteArrayInputStream(
            archive(
                Entry.symlink(".cclab-copy/out", outside.toString()),
                Entry.file(".cclab-copy/out/victim", "overwritten"),
                Entry.file(".cclab-copy/out/new", "planted"),
                Entry.symlink(".cclab-copy/ln", outside.resolve("victim").toString()),
                Entry.file(".cclab-copy/ln", "through the link"),
                Entry.file(".cclab-copy/../escape", "above"))),
        copy,
        false);
    assertEquals("host's own", Files.readString(outside.resolve("victim")));
    assertFalse(Files.exists(outside.resolve("new")));
    assertFalse(Files.exists(dir.resolve("escape")));
    assertTrue(Files.isSymbolicLink(copy.resolve("out")), "a link comes back as a link");
    assertEquals("through the link", Files.readString(copy.resolve("ln")));
    assertFalse(Files.isSymbolicLink(copy.resolve("ln")), "the link was replaced, not followed");
  }

  @Test
  void anEntryLeavingTheFolderHasNoPlace() {
    assertNull(FolderArchive.placeOf(dir, "c/../../etc/passwd"));
    assertNull(FolderArchive.placeOf(dir, "c"));
    assertEquals(dir.resolve("a/b"), FolderArchive.placeOf(dir, "c/a/b"));
  }

  /** Links in the lab's folder go in as links: the copy never reads what they point at. */
  @Test
  void theFoldersOwnLinksGoInAsLinks() throws IOException {
    Path src = Files.createDirectory(dir.resolve("src"));
    Files.writeString(src.resolve("f"), "data");
    Files.createSymbolicLink(src.resolve("l"), Path.of("/etc/shadow"));
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new ByteArrayInputStream(FolderArchive.of(src)))) {
      TarArchiveEntry e;
      boolean sawLink = false;
      while ((e = in.getNextTarEntry()) != null) {
        if (e.getName().equals("l")) {
          sawLink = e.isSymbolicLink() && e.getSize() == 0;
        }
      }
      assertTrue(sawLink);
    }
    assertTrue(Files.isRegularFile(src.resolve("f"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aSingleFileBindGetsOnlyItsFile() throws IOException {
    Path file = dir.resolve("script.py");
    Files.writeString(file, "old");
    Files.writeString(dir.resolve("neighbour"), "stays");
    FolderArchive.extract(
        new ByteArrayInputStream(
            archive(
                Entry.file(".cclab-copy/script.py", "new"),
                Entry.file(".cclab-copy/neighbour", "x"))),
        file,
        true);
    assertEquals("new", Files.readString(file));
    assertEquals("stays", Files.readString(dir.resolve("neighbour")));
  }
}
