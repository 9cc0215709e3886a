/**
 * The IsolationProfile that governs this node: written by enforcement, read by publication. Holds
 * no Kubernetes client; the selection rule itself is {@code mapping}'s.
 */
package io.isocore.agent.profile;
