/** The agent's Event recorder (kube-support's {@code EventRecorder}, configured for the agent). */
package io.isocore.agent.events;
