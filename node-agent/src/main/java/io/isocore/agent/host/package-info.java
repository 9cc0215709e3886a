/**
 * The host as the agent reads it: one {@link io.isocore.agent.host.HostRoot} ({@code sys/}, {@code
 * proc/} below it) and one kernel-file reader, {@link io.isocore.agent.host.HostFiles}. Imports
 * neither Kubernetes nor the agent's other packages.
 */
package io.isocore.agent.host;
