package io.containercodes.lab;

/**
 * The engine the lab runs on cannot do what a run needs (a swarm cannot mount a folder of the lab's
 * machine, nor start a canary beside a task): the host's limitation, never the line's fault. A demo
 * or exercise that meets one is skipped with its sentence, not failed; everywhere else it is a
 * refusal like any other.
 */
public class EngineCannot extends EngineRefused {
  public EngineCannot(String message, String fix) {
    super(message, fix, null);
  }
}
