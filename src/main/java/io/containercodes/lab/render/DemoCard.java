package io.containercodes.lab.render;

import java.util.List;

/**
 * What a lesson's demo block shows: the demo's title, what it proves, its run lines, and what
 * typing it does ({@code howToRun}: "run fork-bomb — first without --pids-limit, then with it"), so
 * the learner knows before typing that the harm is shown first.
 */
public record DemoCard(
    String id,
    String title,
    String proves,
    List<String> runLines,
    String status,
    String howToRun) {}
