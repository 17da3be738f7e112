package io.containercodes.lab.render;

import java.util.List;

/** What a lesson's demo block shows: the demo's title, what it proves, and its run lines. */
public record DemoCard(
    String id, String title, String proves, List<String> runLines, String status) {}
