package io.containercodes.lab.audit;

/**
 * What the audit knows about the engine and its host.
 *
 * @param engine "Podman" or "Docker Engine", for the report
 * @param apparmor whether the engine reports AppArmor, so the MAC rule can be evaluated
 */
public record HostView(String engine, String engineVersion, boolean apparmor, boolean selinux) {}
