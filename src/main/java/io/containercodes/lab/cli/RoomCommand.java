package io.containercodes.lab.cli;

import io.containercodes.lab.progress.RoomTasks;
import picocli.CommandLine.Command;

@Command(
    name = "room",
    description = "For an instructor: the room's runs on a Docker Swarm.",
    subcommands = {RoomCommand.Status.class})
final class RoomCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "status",
      description = {
        "Per learner, the lab's tasks on the swarm and the node each runs on (the engine must be"
            + " the swarm's manager: --host or CCLAB_HOST)."
      })
  static final class Status extends BaseCommand {
    @Override
    protected int run() {
      RoomTasks.lines(ctx().engine().roomTasks()).forEach(ctx().out()::println);
      return ExitCode.OK;
    }
  }
}
