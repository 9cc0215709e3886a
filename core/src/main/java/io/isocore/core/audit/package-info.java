/**
 * The kernel isolation audit: pure rules from an isolation profile and the facts the node agent
 * read (topology, kernel isolation, environment) to findings, each with its fix, and the
 * recommended kernel command line. No I/O: the agent reads, this package decides.
 */
package io.isocore.core.audit;
