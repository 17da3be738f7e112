package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.runline.RunLineParser;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The workload rule: an answer changes flags, never what runs. Each refusal below is a way to make
 * a check read what it wants without the protection; each acceptance is a flag a learner may get
 * wrong, which must reach the judge.
 */
class WorkloadTest {
  private final RunLineParser parser = new RunLineParser(Path.of("/lab/demos/caps-exercise"));

  private final Workload caps =
      Workload.of(
          parser
              .parse(
                  "podman run --rm --cap-drop ALL --cap-add CHOWN -v $(pwd)/own.sh:/app/own.sh:ro"
                      + " cclab/busybox sh /app/own.sh")
              .spec());

  private final Workload python =
      Workload.of(
          parser
              .parse(
                  "podman run --rm --memory 100m --memory-swap 100m"
                      + " -v $(pwd)/grow.py:/app/grow.py:ro cclab/python python3 /app/grow.py")
              .spec());

  private Optional<String> caps(String line) {
    return caps.changedBy(parser.parse(line).spec());
  }

  private Optional<String> python(String line) {
    return python.changedBy(parser.parse(line).spec());
  }

  @Test
  void flagsAroundTheWorkloadAreTheLearnersToChange() {
    assertEquals(
        Optional.empty(),
        caps("podman run --rm -v $(pwd)/own.sh:/app/own.sh:ro cclab/busybox sh /app/own.sh"));
    assertEquals(
        Optional.empty(),
        caps(
            "docker run --rm --cap-drop NET_RAW --read-only --tmpfs /etc:ro --user lab"
                + " -v $(pwd)/own.sh:/app/own.sh cclab/busybox sh /app/own.sh"),
        "a partial protection, dropping :ro, a tmpfs over /etc: flags, judged on evidence");
    assertEquals(
        Optional.empty(),
        caps(
            "podman run --rm -v $(pwd)/home:/mnt/home:ro -v $(pwd)/own.sh:/app/own.sh:ro"
                + " cclab/busybox sh /app/own.sh"),
        "a mount by mistake is a wrong answer to judge, not a refusal");
    assertEquals(
        Optional.empty(),
        python(
            "podman run --rm --init --memory 100m -v $(pwd)/grow.py:/app/grow.py:ro cclab/python"
                + " python3 /app/grow.py"));
  }

  @Test
  void aCommandThatPrintsWhatTheCheckReadsIsRefused() {
    String why =
        caps("podman run --rm cclab/busybox sh -c 'echo probe.cap_eff=0000000000000001; echo"
                + " chown ok: the report belongs to lab'")
            .orElseThrow();
    assertTrue(why.contains("instead of the exercise's command, sh /app/own.sh"), why);
    why =
        python(
                "podman run --rm --init -v $(pwd)/grow.py:/app/grow.py:ro cclab/python sh -c"
                    + " 'echo normal work done: 50 MB; kill -9 $$'")
            .orElseThrow();
    assertTrue(why.startsWith("Your line runs sh -c 'echo normal work done"), why);
  }

  @Test
  void anotherImageEntrypointOrWorkingDirectoryIsAnotherWorkload() {
    assertTrue(
        caps("podman run --rm -v $(pwd)/own.sh:/app/own.sh:ro cclab/python sh /app/own.sh")
            .orElseThrow()
            .contains("image cclab/python, not cclab/busybox"));
    assertTrue(
        caps("podman run --rm --entrypoint /bin/echo -v $(pwd)/own.sh:/app/own.sh:ro"
                + " cclab/busybox sh /app/own.sh")
            .orElseThrow()
            .contains("entrypoint"));
    assertTrue(
        caps("podman run --rm -w /app -v $(pwd)/own.sh:/app/own.sh:ro cclab/busybox sh /app/own.sh")
            .orElseThrow()
            .contains("working directory"));
  }

  @Test
  void theEnvironmentIsPartOfTheProgram() {
    assertTrue(
        python(
                "podman run --rm -e PYTHONPATH=/fake -v $(pwd)/grow.py:/app/grow.py:ro"
                    + " cclab/python python3 /app/grow.py")
            .orElseThrow()
            .contains("PYTHONPATH (-e)"));
  }

  @Test
  void theWorkloadsMountsStayAndCannotBeShadowed() {
    assertTrue(
        caps("podman run --rm cclab/busybox sh /app/own.sh")
            .orElseThrow()
            .contains("does not mount /lab/demos/caps-exercise/own.sh at /app/own.sh"));
    assertTrue(
        caps("podman run --rm -v $(pwd)/fake.sh:/app/own.sh:ro cclab/busybox sh /app/own.sh")
            .orElseThrow()
            .contains("mounts something else at /app/own.sh"));
    assertTrue(
        caps("podman run --rm -v $(pwd)/own.sh:/app/own.sh:ro --tmpfs /app/own.sh/x"
                + " cclab/busybox sh /app/own.sh")
            .orElseThrow()
            .contains("over the exercise's own /app/own.sh"));
    assertEquals(
        Optional.empty(),
        caps("podman run --rm -v $(pwd)/./own.sh:/app//own.sh/:ro cclab/busybox sh /app/own.sh"),
        "the same mount written another way");
  }

  @Test
  void aMountOverTheImagesProgramsRunsOtherCode() {
    String why =
        python(
                "podman run --rm --memory 100m --memory-swap 100m"
                    + " -v $(pwd)/fake.py:/usr/local/lib/python3.11/sitecustomize.py:ro"
                    + " -v $(pwd)/grow.py:/app/grow.py:ro cclab/python python3 /app/grow.py")
            .orElseThrow();
    assertTrue(why.contains("over the image's programs in /usr"), why);
    assertTrue(
        caps("podman run --rm -v $(pwd)/fake:/bin -v $(pwd)/own.sh:/app/own.sh:ro"
                + " cclab/busybox sh /app/own.sh")
            .isPresent());
    assertEquals(
        Optional.empty(),
        caps(
            "podman run --rm -v $(pwd)/own.sh:/app/own.sh:ro -v $(pwd)/x:/library:ro"
                + " cclab/busybox sh /app/own.sh"),
        "/library is not /lib");
  }
}
